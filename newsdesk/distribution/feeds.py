"""RSS 2.0, Atom 1.0 and JSON Feed 1.1 for the publication and for each section, tag and author.

Every format is built from the same `FeedEntry` list, so the three can never disagree. Items are the
newest NEWSDESK_FEED_ITEMS published articles (50 by default), in full text: the stored body, sanitised
again on the way out, with the theme's heading permalinks removed and every address made absolute.
"""

from __future__ import annotations

import functools
import io
import re
from dataclasses import dataclass
from datetime import datetime
from datetime import timezone as dt_timezone

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed

from newsdesk.content.markdown import sanitize_html
from newsdesk.content.models import Article, Publication
from newsdesk.core import reads
from newsdesk.distribution.addresses import absolute_url, article_tag_uri, iso_datetime
from newsdesk.distribution.images import ImageInfo, article_images, image_size_in_bytes
from newsdesk.distribution.scopes import FeedScope, find_scope

FEED_ITEMS = getattr(settings, "NEWSDESK_FEED_ITEMS", 50)
JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"

CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"
DC_NS = "http://purl.org/dc/elements/1.1/"
MEDIA_NS = "http://search.yahoo.com/mrss/"

_HEADING_PERMALINK = re.compile(r'\s*<a class="heading-anchor"[^>]*>#</a>')
_SITE_RELATIVE = re.compile(r'(\s(?:href|src))="(/[^/"][^"]*|/)"')
_FRAGMENT = re.compile(r'(\shref)="(#[^"]*)"')


@dataclass(frozen=True)
class FeedAuthor:
    name: str
    url: str


@dataclass(frozen=True)
class FeedEntry:
    """One article as every feed format shows it."""

    id: str
    url: str
    title: str
    summary: str
    content_html: str
    published: datetime
    modified: datetime
    authors: tuple[FeedAuthor, ...]
    categories: tuple[str, ...]
    language: str
    image: ImageInfo | None
    image_length: int


def feed_html(article: Article, url: str) -> str:
    """The article body for a feed reader: sanitised, without heading permalinks, with absolute links."""
    return _feed_html(article.body_html, url, settings.NEWSDESK_BASE_URL)


# A story is in up to a dozen feeds (the publication's, its section's, tags' and authors', each in
# three formats), re-baked together: its feed body is worked out once. Keyed by everything it reads.
@functools.lru_cache(maxsize=2048)
def _feed_html(body_html: str, url: str, base_url: str) -> str:
    html = _HEADING_PERMALINK.sub("", sanitize_html(body_html))
    html = _SITE_RELATIVE.sub(lambda m: f'{m[1]}="{absolute_url(m[2])}"', html)
    return _FRAGMENT.sub(lambda m: f'{m[1]}="{url}{m[2]}"', html)


def feed_entry(article: Article) -> FeedEntry:
    """What the feeds say about one published article."""
    url = absolute_url(article.get_absolute_url())
    authors = tuple(
        FeedAuthor(line.author.name, absolute_url(line.author.get_absolute_url())) for line in article.bylines.all()
    )
    if not authors:  # Atom requires an author for every entry: the publication signs unsigned pieces.
        authors = (FeedAuthor(Publication.objects.current().name, absolute_url("/")),)
    images = article_images(article)
    return FeedEntry(
        id=article_tag_uri(article),
        url=url,
        title=article.headline,
        summary=article.dek or article.headline,
        content_html=feed_html(article, url),
        published=article.published_at,
        modified=max(article.updated_at or article.published_at, article.published_at),
        authors=authors,
        categories=(article.section.name, *(tag.name for tag in article.tags.all())),
        language=article.effective_language,
        image=images[0] if images else None,
        image_length=image_size_in_bytes(article.lead_image) if images else 0,
    )


def feed_entries(scope: FeedScope) -> tuple[FeedEntry, ...]:
    """The newest FEED_ITEMS articles of the scope, newest first.

    Baked together, a scope's RSS, Atom and JSON feeds build these once (`reads.shared`).
    """

    def build() -> tuple[FeedEntry, ...]:
        articles = scope.articles.prefetch_related("tags")[:FEED_ITEMS]
        return tuple(feed_entry(article) for article in articles)

    return reads.shared(("feed_entries", scope.feed_directory), build)


def _add_media_content(handler, image: ImageInfo) -> None:
    attributes = {"url": image.url, "type": image.mime_type, "medium": "image"}
    if image.has_size:
        attributes |= {"width": str(image.width), "height": str(image.height)}
    handler.startElement("media:content", attributes)
    handler.addQuickElement("media:description", image.alt, {"type": "plain"})
    handler.endElement("media:content")


# The date an empty feed gives as its last change. Django's default, "now", made every render of an
# empty feed (a new tag's, an author's before their first story) different from the baked copy.
EMPTY_FEED_DATE = datetime(1970, 1, 1, tzinfo=dt_timezone.utc)


class _FeedDocument:
    def latest_post_date(self) -> datetime:
        return super().latest_post_date() if self.items else EMPTY_FEED_DATE

    def write(self, outfile, encoding: str) -> None:
        """The document in one write: written straight into the response, fifty full stories took
        some 50,000 small writes, each encoded on its own."""
        document = io.StringIO()
        super().write(document, encoding)
        # As the XML writer does when it encodes for a binary file itself.
        outfile.write(document.getvalue().encode(encoding, "xmlcharrefreplace"))


class FullTextRssFeed(_FeedDocument, Rss201rev2Feed):
    """RSS 2.0 with the full text (content:encoded), every author (dc:creator) and the lead image (media:content)."""

    def rss_attributes(self) -> dict:
        return {**super().rss_attributes(), "xmlns:content": CONTENT_NS, "xmlns:dc": DC_NS, "xmlns:media": MEDIA_NS}

    def add_item_elements(self, handler, item) -> None:
        super().add_item_elements(handler, item)
        entry: FeedEntry = item["entry"]
        for author in entry.authors:
            handler.addQuickElement("dc:creator", author.name)
        handler.addQuickElement("content:encoded", entry.content_html)
        if entry.image:
            _add_media_content(handler, entry.image)


class FullTextAtomFeed(_FeedDocument, Atom1Feed):
    """Atom 1.0 with the full text (content), every author with their page, and the lead image."""

    def root_attributes(self) -> dict:
        return {**super().root_attributes(), "xmlns:media": MEDIA_NS}

    def add_item_elements(self, handler, item) -> None:
        super().add_item_elements(handler, item)
        entry: FeedEntry = item["entry"]
        for author in entry.authors:
            handler.startElement("author", {})
            handler.addQuickElement("name", author.name)
            handler.addQuickElement("uri", author.url)
            handler.endElement("author")
        handler.addQuickElement("content", entry.content_html, {"type": "html"})
        if entry.image:
            _add_media_content(handler, entry.image)


class ArticleFeed(Feed):
    """The RSS feed of a scope (the publication, or a section, tag or author named in the address)."""

    feed_type = FullTextRssFeed
    feed_format = "rss"

    def get_object(self, request, kind: str, slug: str | None = None) -> FeedScope:
        return find_scope(kind, slug)

    def title(self, scope: FeedScope) -> str:
        return scope.title

    def link(self, scope: FeedScope) -> str:
        return absolute_url(scope.page_path)

    def feed_url(self, scope: FeedScope) -> str:
        return absolute_url(scope.feed_path(self.feed_format))

    def feed_guid(self, scope: FeedScope) -> str:
        return self.feed_url(scope)

    def description(self, scope: FeedScope) -> str:
        return scope.description

    def items(self, scope: FeedScope) -> tuple[FeedEntry, ...]:
        return feed_entries(scope)

    def item_title(self, entry: FeedEntry) -> str:
        return entry.title

    def item_link(self, entry: FeedEntry) -> str:
        return entry.url

    def item_guid(self, entry: FeedEntry) -> str:
        return entry.id

    item_guid_is_permalink = False

    def item_description(self, entry: FeedEntry) -> str:
        return entry.summary

    def item_pubdate(self, entry: FeedEntry) -> datetime:
        return entry.published

    def item_updateddate(self, entry: FeedEntry) -> datetime:
        return entry.modified

    def item_categories(self, entry: FeedEntry) -> tuple[str, ...]:
        return entry.categories

    def item_enclosures(self, entry: FeedEntry) -> list[Enclosure]:
        if entry.image is None:
            return []
        return [Enclosure(url=entry.image.url, length=str(entry.image_length), mime_type=entry.image.mime_type)]

    def item_extra_kwargs(self, entry: FeedEntry) -> dict:
        return {"entry": entry}


class ArticleAtomFeed(ArticleFeed):
    """The Atom feed of a scope."""

    feed_type = FullTextAtomFeed
    feed_format = "atom"

    def subtitle(self, scope: FeedScope) -> str:
        return scope.description


def json_feed(scope: FeedScope) -> dict:
    """The JSON Feed 1.1 document of a scope, as a dict ready for json.dumps."""
    publication = Publication.objects.current()
    document = {
        "version": JSON_FEED_VERSION,
        "title": scope.title,
        "home_page_url": absolute_url(scope.page_path),
        "feed_url": absolute_url(scope.feed_path("json")),
        "description": scope.description,
        "language": publication.language,
        "items": [_json_item(entry) for entry in feed_entries(scope)],
    }
    if publication.logo_id:
        document["icon"] = absolute_url(publication.logo.file.url)
    return document


def _json_item(entry: FeedEntry) -> dict:
    item = {
        "id": entry.id,
        "url": entry.url,
        "title": entry.title,
        "summary": entry.summary,
        "content_html": entry.content_html,
        "date_published": iso_datetime(entry.published),
        "date_modified": iso_datetime(entry.modified),
        "authors": [{"name": author.name, "url": author.url} for author in entry.authors],
        "tags": list(entry.categories),
        "language": entry.language,
    }
    if entry.image:
        item["image"] = entry.image.url
    return item


def find_json_feed(kind: str, slug: str | None = None) -> dict:
    """The JSON Feed a feed address names; Http404 for an unknown section, tag or author."""
    return json_feed(find_scope(kind, slug))
