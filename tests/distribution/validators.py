"""The rules of each format's specification, as assertions the tests share.

- RSS 2.0 (https://www.rssboard.org/rss-specification): channel title, link and description; every item
  a title or description; guid; RFC 822 dates; enclosure url, length and type.
- Atom 1.0 (RFC 4287): feed id, title and updated; every entry id, title, updated and an author with a
  name (or a feed author); RFC 3339 dates; ids are absolute IRIs.
- JSON Feed 1.1 (https://jsonfeed.org/version/1.1): version, title, items; home_page_url and feed_url;
  every item an id (string) and content_html or content_text; RFC 3339 dates; authors with a name.
- Sitemap protocol (https://www.sitemaps.org/protocol.html): the urlset / sitemapindex namespace; every
  <loc> absolute, on the site, under 2,048 characters; at most 50,000 entries; lastmod in W3C Datetime.
  Google's image extension (image:image holds image:loc) and News extension (news:publication with
  name and language, publication_date in W3C Datetime, title; at most 1,000 URLs).
"""

from __future__ import annotations

import re
from datetime import datetime
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit
from xml.etree.ElementTree import Element

from defusedxml import ElementTree

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
IMAGE = "{http://www.google.com/schemas/sitemap-image/1.1}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"
JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"
# W3C Datetime (https://www.w3.org/TR/NOTE-datetime): a date, or a date and time with a time zone.
W3C_DATETIME = re.compile(r"^\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?)?)?$")
# RFC 3339 date-time: always a full date and time with an offset.
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
MAX_SITEMAP_URLS = 50_000
MAX_LOC_LENGTH = 2048
MAX_NEWS_URLS = 1000


def parse_xml(content: bytes) -> Element:
    """Parse with defusedxml: no entity expansion, no external resources."""
    return ElementTree.fromstring(content)


def _text(parent: Element, tag: str) -> str:
    element = parent.find(tag)
    assert element is not None, f"<{tag}> is missing in <{parent.tag}>"
    assert (element.text or "").strip(), f"<{tag}> is empty in <{parent.tag}>"
    return element.text.strip()


def assert_absolute(url: str, *, base_url: str) -> None:
    parts = urlsplit(url)
    assert parts.scheme in ("http", "https") and parts.netloc, f"{url!r} is not an absolute address"
    assert url.startswith(base_url), f"{url!r} is not on the site {base_url}"


def assert_rfc3339(value: str) -> datetime:
    assert RFC3339.match(value), f"{value!r} is not an RFC 3339 date-time with an offset"
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


def assert_valid_rss(content: bytes, *, base_url: str) -> Element:
    rss = parse_xml(content)
    assert rss.tag == "rss" and rss.get("version") == "2.0"
    channel = rss.find("channel")
    assert channel is not None
    for required in ("title", "link", "description"):
        _text(channel, required)
    assert_absolute(_text(channel, "link"), base_url=base_url)
    for item in channel.findall("item"):
        assert (item.findtext("title") or item.findtext("description")), "an item needs a title or a description"
        assert_absolute(_text(item, "link"), base_url=base_url)
        _text(item, "guid")
        assert parsedate_to_datetime(_text(item, "pubDate")).tzinfo is not None
        for enclosure in item.findall("enclosure"):
            assert enclosure.get("url") and enclosure.get("type") and enclosure.get("length", "").isdigit()
        assert len(item.findall("enclosure")) <= 1
    return channel


def assert_valid_atom(content: bytes, *, base_url: str) -> Element:
    feed = parse_xml(content)
    assert feed.tag == f"{ATOM}feed"
    _text(feed, f"{ATOM}id")
    _text(feed, f"{ATOM}title")
    assert_rfc3339(_text(feed, f"{ATOM}updated"))
    feed_has_author = feed.find(f"{ATOM}author") is not None
    for entry in feed.findall(f"{ATOM}entry"):
        entry_id = _text(entry, f"{ATOM}id")
        assert urlsplit(entry_id).scheme, f"the entry id {entry_id!r} is not an absolute IRI"
        _text(entry, f"{ATOM}title")
        assert_rfc3339(_text(entry, f"{ATOM}updated"))
        authors = entry.findall(f"{ATOM}author")
        assert authors or feed_has_author, "an Atom entry needs an author"
        for author in authors:
            _text(author, f"{ATOM}name")
        alternate = [link for link in entry.findall(f"{ATOM}link") if link.get("rel", "alternate") == "alternate"]
        assert alternate, "an Atom entry without content src needs a rel=alternate link"
        assert_absolute(alternate[0].get("href"), base_url=base_url)
    return feed


def assert_valid_json_feed(document: dict, *, base_url: str) -> None:
    assert document["version"] == JSON_FEED_VERSION
    assert isinstance(document["title"], str) and document["title"]
    assert_absolute(document["home_page_url"], base_url=base_url)
    assert_absolute(document["feed_url"], base_url=base_url)
    assert isinstance(document["items"], list)
    for item in document["items"]:
        assert isinstance(item["id"], str) and item["id"], "a JSON Feed item needs a string id"
        assert item.get("content_html") or item.get("content_text")
        assert_absolute(item["url"], base_url=base_url)
        for key in ("date_published", "date_modified"):
            if key in item:
                assert_rfc3339(item[key])
        for author in item.get("authors", []):
            assert isinstance(author, dict) and author.get("name")


def _assert_locs(locs: list[str], *, base_url: str) -> None:
    assert len(locs) <= MAX_SITEMAP_URLS, f"{len(locs)} entries: a sitemap holds at most {MAX_SITEMAP_URLS}"
    for loc in locs:
        assert_absolute(loc, base_url=base_url)
        assert len(loc) < MAX_LOC_LENGTH, f"{loc[:80]}… is {len(loc)} characters long"
        assert loc.isascii(), f"{loc!r} must be percent-encoded"


def _assert_lastmod(parent: Element, ns: str) -> None:
    lastmod = parent.findtext(f"{ns}lastmod")
    if lastmod is not None:
        assert W3C_DATETIME.match(lastmod), f"lastmod {lastmod!r} is not a W3C Datetime"


def assert_valid_urlset(content: bytes, *, base_url: str) -> Element:
    urlset = parse_xml(content)
    assert urlset.tag == f"{SITEMAP}urlset"
    urls = urlset.findall(f"{SITEMAP}url")
    _assert_locs([_text(url, f"{SITEMAP}loc") for url in urls], base_url=base_url)
    for url in urls:
        _assert_lastmod(url, SITEMAP)
        for image in url.findall(f"{IMAGE}image"):
            assert_absolute(_text(image, f"{IMAGE}loc"), base_url=base_url)
    return urlset


def assert_valid_sitemap_index(content: bytes, *, base_url: str) -> Element:
    index = parse_xml(content)
    assert index.tag == f"{SITEMAP}sitemapindex"
    entries = index.findall(f"{SITEMAP}sitemap")
    _assert_locs([_text(entry, f"{SITEMAP}loc") for entry in entries], base_url=base_url)
    for entry in entries:
        _assert_lastmod(entry, SITEMAP)
    return index


def assert_valid_news_sitemap(content: bytes, *, base_url: str) -> Element:
    urlset = assert_valid_urlset(content, base_url=base_url)
    urls = urlset.findall(f"{SITEMAP}url")
    assert len(urls) <= MAX_NEWS_URLS
    for url in urls:
        news = url.find(f"{NEWS}news")
        assert news is not None, "every URL of a News sitemap has <news:news>"
        publication = news.find(f"{NEWS}publication")
        assert publication is not None
        _text(publication, f"{NEWS}name")
        assert re.match(r"^([a-z]{2,3}|zh-cn|zh-tw)$", _text(publication, f"{NEWS}language"))
        assert W3C_DATETIME.match(_text(news, f"{NEWS}publication_date"))
        _text(news, f"{NEWS}title")
    return urlset
