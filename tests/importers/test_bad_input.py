"""Exports that are hostile, broken or not exports at all: refused with a clear message, nothing changed."""

import socket
import tracemalloc

import pytest
from django.core.management import CommandError, call_command

from newsdesk.content.models import Article, Section
from newsdesk.importers.services import import_ghost, import_wordpress
from newsdesk.importers.sources import ImportError_
from tests.importers.conftest import GHOST, WXR, write_wxr, wxr_item

pytestmark = pytest.mark.django_db


def test_a_dtd_is_refused_with_a_clear_message(tmp_path):
    path = write_wxr(tmp_path / "dtd.xml", wxr_item(1, "One"), head='<!DOCTYPE rss SYSTEM "rss.dtd">')

    with pytest.raises(ImportError_, match="DTD"):
        import_wordpress(path)


def test_an_external_entity_is_refused(tmp_path):
    head = '<!DOCTYPE rss [<!ENTITY secret SYSTEM "file:///etc/passwd">]>'
    path = write_wxr(tmp_path / "xxe.xml", wxr_item(1, "&secret;"), head=head)

    with pytest.raises(ImportError_, match="refused"):
        import_wordpress(path)
    assert not Article.objects.exists()


def test_an_entity_expansion_bomb_is_refused_in_bounded_memory(tmp_path):
    entities = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{n} "{"&lol%s;" % ("" if n == 1 else n - 1) * 10}">' for n in range(1, 10)
    )
    path = write_wxr(tmp_path / "bomb.xml", wxr_item(1, "&lol9;"), head=f"<!DOCTYPE rss [{entities}]>")
    tracemalloc.start()

    with pytest.raises(ImportError_, match="refused"):
        import_wordpress(path)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert peak < 20 * 2**20


def test_malformed_xml_is_reported_with_its_line_and_column(tmp_path):
    path = write_wxr(tmp_path / "broken.xml", wxr_item(1, "One") + "\n  <item><title>Two</item>")
    line = next(n for n, text in enumerate(path.read_text().splitlines(), 1) if "<title>Two</item>" in text)

    with pytest.raises(ImportError_, match=rf"not well-formed XML at line {line}, column 21 \(mismatched tag\)"):
        import_wordpress(path)


def test_a_failed_import_changes_nothing(tmp_path):
    items = "".join(wxr_item(n, f"Story {n}") for n in range(1, 6)) + "<item><title>Broken</title>"
    path = write_wxr(tmp_path / "truncated.xml", items)

    with pytest.raises(ImportError_):
        import_wordpress(path)

    assert not Article.objects.exists()
    assert not Section.objects.exists()


def test_a_file_that_is_not_a_wordpress_export_is_refused(tmp_path):
    path = tmp_path / "feed.xml"
    path.write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>A feed</title><item><title>x</title></item></channel></rss>')

    with pytest.raises(ImportError_, match="not a WordPress export"):
        import_wordpress(path)


def test_a_missing_file_is_named(tmp_path):
    with pytest.raises(ImportError_, match="no such file"):
        import_wordpress(tmp_path / "nothing.xml")


def test_an_attachment_path_cannot_reach_outside_the_media_directory(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    (tmp_path / "secret.jpg").write_bytes(b"not for import")
    (tmp_path / "uploads").mkdir()
    attachment = wxr_item(
        7, "Sneaky", status="inherit",
        extra="<wp:postmeta><wp:meta_key>_wp_attached_file</wp:meta_key><wp:meta_value>../secret.jpg</wp:meta_value></wp:postmeta>",
    ).replace("<![CDATA[post]]></wp:post_type>", "<![CDATA[attachment]]></wp:post_type>")  # fmt: skip
    path = write_wxr(tmp_path / "sneaky.xml", attachment)

    report = import_wordpress(path, media_dir=tmp_path / "uploads")

    assert report.counts["attachments"]["skipped"] == 1
    assert not (tmp_path / "media").exists()


def test_no_network_access_is_made_for_remote_images(wordpress_site, monkeypatch, tmp_path):
    def refuse(*args, **kwargs):
        raise AssertionError("the import tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)

    import_wordpress(WXR)  # remote <img> addresses in the posts
    import_ghost(GHOST)  # a remote featured image

    assert Article.objects.filter(slug="tide-tables-online", lead_image__isnull=True).exists()


def test_the_command_says_what_was_refused_and_that_nothing_was_imported(tmp_path):
    path = write_wxr(tmp_path / "dtd.xml", wxr_item(1, "One"), head='<!DOCTYPE rss SYSTEM "rss.dtd">')

    with pytest.raises(CommandError, match="Nothing was imported"):
        call_command("import", "wordpress", str(path))


def test_invalid_ghost_json_is_reported_with_its_line(tmp_path):
    path = tmp_path / "ghost.json"
    path.write_text('{"db": [\n  {"data": {"posts": [}\n]}')

    with pytest.raises(ImportError_, match="not valid JSON at line 2"):
        import_ghost(path)


def test_json_that_is_not_a_ghost_export_is_refused(tmp_path):
    path = tmp_path / "other.json"
    path.write_text('{"posts": []}')

    with pytest.raises(ImportError_, match="not a Ghost export"):
        import_ghost(path)
