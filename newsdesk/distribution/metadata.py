"""What every page's head says to search engines, social networks and feed readers.

One `PageMeta` per page: canonical address, feed links, Open Graph and article properties, Twitter card
and JSON-LD. The builders below are plain functions over the page's objects; the `distribution`
template tags call them, so a page's head is decided here and only rendered in the theme.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.urls import reverse

from newsdesk.content.models import Article, ArticleAuthor, Author, Page, Publication, Section, Tag
from newsdesk.distribution import structured_data
from newsdesk.distribution.addresses import absolute_url, iso_datetime
from newsdesk.distribution.images import ImageInfo, article_images, image_info
from newsdesk.distribution.scopes import (
    FEED_LABELS,
    FEED_TYPES,
    FeedScope,
    author_scope,
    publication_scope,
    section_scope,
    tag_scope,
)


@dataclass(frozen=True)
class FeedLink:
    type: str
    title: str
    href: str


@dataclass
class PageMeta:
    """Everything a page's head carries besides its <title> and description."""

    canonical_url: str | None = None
    feeds: list[FeedLink] = field(default_factory=list)
    properties: list[tuple[str, str]] = field(default_factory=list)  # <meta property=…>: Open Graph, article:*
    names: list[tuple[str, str]] = field(default_factory=list)  # <meta name=…>: Twitter card
    json_ld: list[dict] = field(default_factory=list)


def feed_links(*scopes: FeedScope) -> list[FeedLink]:
    """rel="alternate" links to each scope's RSS, Atom and JSON feeds, most specific scope first."""
    return [
        FeedLink(FEED_TYPES[fmt], f"{scope.title} ({FEED_LABELS[fmt]})", scope.feed_path(fmt))
        for scope in scopes
        for fmt in FEED_TYPES
    ]


def _social(
    *, og_type: str, title: str, description: str, url: str, publication: Publication, image: ImageInfo | None
) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """Open Graph properties and the Twitter card shared by every kind of page."""
    properties = [
        ("og:type", og_type),
        ("og:title", title),
        ("og:description", description),
        ("og:url", url),
        ("og:site_name", publication.name),
    ]
    names = [
        ("twitter:card", "summary_large_image" if image else "summary"),
        ("twitter:title", title),
        ("twitter:description", description),
    ]
    if image:
        properties.append(("og:image", image.url))
        if image.has_size:
            properties += [("og:image:width", str(image.width)), ("og:image:height", str(image.height))]
        properties += [("og:image:type", image.mime_type), ("og:image:alt", image.alt)]
        names += [("twitter:image", image.url), ("twitter:image:alt", image.alt)]
    return properties, names


def _publication_image(publication: Publication) -> ImageInfo | None:
    return image_info(publication.logo) if publication.logo_id else None


def _list_url(path: str, page_number: int) -> str:
    """The canonical address of page `page_number` of a list: each page is its own canonical page."""
    return absolute_url(path if page_number <= 1 else f"{path}page/{page_number}/")


def article_meta(article: Article, *, bylines: list[ArticleAuthor], publication: Publication) -> PageMeta:
    """An article page: og:type article with its times, authors, section and tags; NewsArticle and breadcrumbs."""
    url = absolute_url(article.get_absolute_url())
    images = article_images(article)
    properties, names = _social(
        og_type="article",
        title=article.headline,
        description=article.dek or article.headline,
        url=url,
        publication=publication,
        image=images[0] if images else _publication_image(publication),
    )
    properties += [
        ("article:published_time", iso_datetime(article.published_at)),
        ("article:modified_time", iso_datetime(max(article.updated_at or article.published_at, article.published_at))),
        *(("article:author", absolute_url(line.author.get_absolute_url())) for line in bylines),
        ("article:section", article.section.name),
        *(("article:tag", tag.name) for tag in article.tags.all()),
    ]
    trail = [
        (publication.name, "/"),
        (article.section.name, article.section.get_absolute_url()),
        (article.headline, article.get_absolute_url()),
    ]
    return PageMeta(
        canonical_url=url,
        feeds=feed_links(publication_scope(), section_scope(article.section)),
        properties=properties,
        names=names,
        json_ld=[
            structured_data.news_article(article, bylines=bylines, publication=publication),
            structured_data.breadcrumbs(trail),
        ],
    )


def _list_meta(
    *, scope: FeedScope, name: str, description: str, page_number: int, publication: Publication, image=None
) -> PageMeta:
    url = _list_url(scope.page_path, page_number)
    properties, names = _social(
        og_type="website",
        title=name,
        description=description,
        url=url,
        publication=publication,
        image=image or _publication_image(publication),
    )
    return PageMeta(
        canonical_url=url,
        feeds=feed_links(scope, publication_scope()),
        properties=properties,
        names=names,
        json_ld=[structured_data.breadcrumbs([(publication.name, "/"), (name, scope.page_path)])],
    )


def section_meta(section: Section, *, page_number: int, publication: Publication) -> PageMeta:
    """A section page: its own feeds first, breadcrumbs."""
    return _list_meta(
        scope=section_scope(section),
        name=section.name,
        description=section.description or section.name,
        page_number=page_number,
        publication=publication,
    )


def tag_meta(tag: Tag, *, page_number: int, publication: Publication) -> PageMeta:
    """A tag page: its own feeds first, breadcrumbs."""
    return _list_meta(
        scope=tag_scope(tag),
        name=tag.name,
        description=f"Stories about {tag.name}",
        page_number=page_number,
        publication=publication,
    )


def author_meta(author: Author, *, page_number: int, publication: Publication) -> PageMeta:
    """An author page: og:type profile, their feeds first, breadcrumbs and a Person."""
    meta = _list_meta(
        scope=author_scope(author),
        name=author.name,
        description=f"{author.name}, {author.role}" if author.role else author.name,
        page_number=page_number,
        publication=publication,
        image=image_info(author.photo),
    )
    meta.properties[0] = ("og:type", "profile")
    meta.json_ld.append(structured_data.author_profile(author, publication))
    return meta


def home_meta(publication: Publication) -> PageMeta:
    """The front page: WebSite and the publisher's NewsMediaOrganization."""
    url = absolute_url("/")
    properties, names = _social(
        og_type="website",
        title=publication.name,
        description=publication.tagline or publication.name,
        url=url,
        publication=publication,
        image=_publication_image(publication),
    )
    return PageMeta(
        canonical_url=url,
        feeds=feed_links(publication_scope()),
        properties=properties,
        names=names,
        json_ld=[structured_data.website(publication), structured_data.publisher(publication)],
    )


def other_page_meta(
    *, publication: Publication, page: Page | None = None, list_url: str | None = None, page_number: int = 1
) -> PageMeta:
    """Any other page: a static page, the latest stories, or a page with no address of its own (errors)."""
    if isinstance(page, Page):
        title, path, url = page.title, page.get_absolute_url(), absolute_url(page.get_absolute_url())
    elif list_url == reverse("content:latest"):
        title, path, url = "Latest stories", list_url, _list_url(list_url, page_number)
    else:  # An error page, or a page of another app that says nothing about itself: feed links only.
        return PageMeta(feeds=feed_links(publication_scope()))
    properties, names = _social(
        og_type="website",
        title=title,
        description=title,
        url=url,
        publication=publication,
        image=_publication_image(publication),
    )
    return PageMeta(
        canonical_url=url,
        feeds=feed_links(publication_scope()),
        properties=properties,
        names=names,
        json_ld=[structured_data.breadcrumbs([(publication.name, "/"), (title, path)])],
    )
