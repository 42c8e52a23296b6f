from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
WXR = FIXTURES / "newsroom.xml"
UPLOADS = FIXTURES / "uploads"
GHOST = FIXTURES / "ghost.json"


@pytest.fixture
def wordpress_site(db, settings, tmp_path):
    """The fixture WordPress export imported with its media, and the import's report."""
    from newsdesk.importers.services import import_wordpress

    settings.MEDIA_ROOT = tmp_path / "media"
    return import_wordpress(WXR, media_dir=UPLOADS)


def write_wxr(path: Path, items: str = "", *, head: str = "", channel: str = "") -> Path:
    """A small WXR file: `items` inside the channel, `head` between the XML declaration and <rss>."""
    path.write_text(
        f"""<?xml version="1.0" encoding="UTF-8" ?>
{head}
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
  xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/"
  xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
  <title>Small site</title>
  <link>https://small.example</link>
  <wp:wxr_version>1.2</wp:wxr_version>
  <wp:base_blog_url>https://small.example</wp:base_blog_url>
  {channel}
  {items}
</channel>
</rss>
""",
        encoding="utf-8",
    )
    return path


def wxr_item(post_id: int, title: str, *, status: str = "publish", content: str = "<p>Text.</p>", extra: str = "") -> str:
    return f"""<item>
    <title><![CDATA[{title}]]></title>
    <link>https://small.example/{post_id}/</link>
    <dc:creator><![CDATA[]]></dc:creator>
    <content:encoded><![CDATA[{content}]]></content:encoded>
    <excerpt:encoded><![CDATA[]]></excerpt:encoded>
    <wp:post_id>{post_id}</wp:post_id>
    <wp:post_date_gmt>2024-01-0{post_id % 9 + 1} 10:00:00</wp:post_date_gmt>
    <wp:post_name><![CDATA[post-{post_id}]]></wp:post_name>
    <wp:status><![CDATA[{status}]]></wp:status>
    <wp:post_type><![CDATA[post]]></wp:post_type>
    <wp:post_password><![CDATA[]]></wp:post_password>
    {extra}
  </item>"""
