"""schema.org JSON-LD for page heads: NewsArticle, BreadcrumbList, Person, NewsMediaOrganization, WebSite.

Everything here describes the publication and its journalism; nothing about the reader ever goes in.
"""

from __future__ import annotations

import json

from django.templatetags.static import static
from django.utils.safestring import SafeString, mark_safe

from newsdesk.content.models import Article, ArticleAuthor, Author, Publication
from newsdesk.distribution.addresses import absolute_url, iso_datetime
from newsdesk.distribution.images import ImageInfo, article_images, image_info

SCHEMA = "https://schema.org"
FALLBACK_LOGO = "newsdesk/img/favicon.svg"
# What Django's json_script escapes, so no string in the data can close the <script> element.
_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def to_script_json(data: dict) -> SafeString:
    """JSON for a <script type="application/ld+json"> element, with <, > and & escaped."""
    return mark_safe(json.dumps(data, ensure_ascii=False).translate(_SCRIPT_ESCAPES))  # noqa: S308 - escaped above


def _image_object(image: ImageInfo) -> dict:
    data = {"@type": "ImageObject", "url": image.url}
    if image.has_size:
        data |= {"width": image.width, "height": image.height}
    return data


def organization(publication: Publication) -> dict:
    """The publisher: a NewsMediaOrganization with its name, address and logo."""
    logo = image_info(publication.logo) if publication.logo_id else None
    # Without a logo of its own, the publication is represented by the theme's icon.
    logo_data = _image_object(logo) if logo else {"@type": "ImageObject", "url": absolute_url(static(FALLBACK_LOGO))}
    return {"@type": "NewsMediaOrganization", "name": publication.name, "url": absolute_url("/"), "logo": logo_data}


def person(author: Author) -> dict:
    """An author as a Person, named and linked to their page."""
    return {"@type": "Person", "name": author.name, "url": absolute_url(author.get_absolute_url())}


def author_profile(author: Author, publication: Publication) -> dict:
    """The Person an author page is about: name, page, role, bio, photo and employer."""
    data = {"@context": SCHEMA, **person(author)}
    if author.role:
        data["jobTitle"] = author.role
    if author.bio:
        data["description"] = author.bio
    if photo := image_info(author.photo):
        data["image"] = photo.url
    data["worksFor"] = {"@type": "NewsMediaOrganization", "name": publication.name, "url": absolute_url("/")}
    return data


def correction_notes(article: Article) -> list[dict]:
    """The article's published corrections as schema.org CorrectionComment items.

    Corrections do not exist yet (editorial app); when they do, they are listed here and NewsArticle
    carries them under `correction`.
    """
    return []


def news_article(article: Article, *, bylines: list[ArticleAuthor], publication: Publication) -> dict:
    """The NewsArticle an article page is about."""
    url = absolute_url(article.get_absolute_url())
    data = {
        "@context": SCHEMA,
        "@type": "NewsArticle",
        "headline": article.headline,
        "description": article.dek or article.headline,
        "url": url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "datePublished": iso_datetime(article.published_at),
        "dateModified": iso_datetime(max(article.updated_at or article.published_at, article.published_at)),
        "author": [person(line.author) for line in bylines] or [organization(publication)],
        "publisher": organization(publication),
        "articleSection": article.section.name,
        "keywords": [tag.name for tag in article.tags.all()],
        "wordCount": article.word_count,
        "inLanguage": article.effective_language,
        "isAccessibleForFree": True,
    }
    if images := article_images(article):
        data["image"] = [_image_object(image) for image in images]
    if corrections := correction_notes(article):
        data["correction"] = corrections
    return data


def breadcrumbs(trail: list[tuple[str, str]]) -> dict:
    """A BreadcrumbList from (name, site path) pairs, front page first."""
    return {
        "@context": SCHEMA,
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": name, "item": absolute_url(path)}
            for position, (name, path) in enumerate(trail, start=1)
        ],
    }


def website(publication: Publication) -> dict:
    """The WebSite on the front page.

    A SearchAction (`potentialAction`) joins it once the site has search.
    """
    return {
        "@context": SCHEMA,
        "@type": "WebSite",
        "name": publication.name,
        "url": absolute_url("/"),
        "inLanguage": publication.language,
        "publisher": organization(publication),
    }


def publisher(publication: Publication) -> dict:
    """The NewsMediaOrganization on its own, for the front page."""
    return {"@context": SCHEMA, **organization(publication)}
