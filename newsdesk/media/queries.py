"""Named reads of the media library: searching it, and how an image goes into an article's Markdown."""

from __future__ import annotations

import re

from django.db.models import Q, QuerySet

from newsdesk.media.models import Image, Rendition

_MARKDOWN_PUNCTUATION = re.compile(r"([\\`*_\[\]<>&!])")
_URL_NEEDS_BRACKETS = re.compile(r"[\s()<>]")


def search_images(query: str = "") -> QuerySet[Image]:
    """Images whose alt text, caption, credit or file name contain every word of `query`, newest first."""
    images = Image.objects.prefetch_related("renditions")
    query = "".join(ch for ch in query if ch.isprintable())  # PostgreSQL refuses NUL in a string
    for word in query.split()[:10]:
        images = images.filter(
            Q(alt_text__icontains=word) | Q(caption__icontains=word) | Q(credit__icontains=word)
            | Q(original_name__icontains=word)
        )  # fmt: skip
    return images


def thumbnail(image: Image) -> Rendition | None:
    """The smallest rendition (WebP first), or None before renditions exist."""
    renditions = sorted(image.renditions.all(), key=lambda r: (r.width, r.format != "WEBP"))
    return renditions[0] if renditions else None


def thumbnail_url(image: Image) -> str:
    small = thumbnail(image)
    return small.file.url if small else image.file.url


def markdown_for(image: Image) -> str:
    """The Markdown that shows the image in an article body: ![alt](url "caption"), escaped so that no
    alt text or caption can break out of it."""
    alt = _MARKDOWN_PUNCTUATION.sub(r"\\\1", " ".join(image.alt_text.split()))
    url = image.file.url
    if _URL_NEEDS_BRACKETS.search(url):
        url = f"<{url.replace('<', '%3C').replace('>', '%3E')}>"
    caption = " ".join(image.caption.split())
    title = ' "' + caption.replace("\\", "\\\\").replace('"', '\\"') + '"' if caption else ""
    return f"![{alt}]({url}{title})"


def library_entry(image: Image) -> dict:
    """What the article editor's "insert image" picker needs to know about one image."""
    return {
        "id": image.pk,
        "thumbnail_url": thumbnail_url(image),
        "url": image.file.url,
        "alt": image.alt_text,
        "caption": image.caption,
        "credit": image.credit,
        "width": image.width,
        "height": image.height,
        "markdown": markdown_for(image),
    }
