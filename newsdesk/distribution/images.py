"""What feeds, sitemaps and page heads say about an image: its public address, size and alt text."""

from __future__ import annotations

import mimetypes
from dataclasses import dataclass

from newsdesk.content.models import Article
from newsdesk.distribution.addresses import absolute_url
from newsdesk.media.models import Image


@dataclass(frozen=True)
class ImageInfo:
    url: str
    width: int
    height: int
    alt: str
    mime_type: str

    @property
    def has_size(self) -> bool:
        return self.width > 0 and self.height > 0


def image_info(image: Image | None) -> ImageInfo | None:
    """The public description of a stored image, or None when there is no image."""
    if image is None or not image.file:
        return None
    return ImageInfo(
        url=absolute_url(image.file.url),
        width=image.width,
        height=image.height,
        alt=image.alt_text,
        mime_type=mimetypes.guess_type(image.file.name)[0] or "application/octet-stream",
    )


def image_size_in_bytes(image: Image) -> int:
    """The file's length for an RSS enclosure; 0 (as the RSS profile allows) when the file is missing."""
    try:
        return image.file.size
    except OSError:
        # A missing file must not take the whole feed down; the enclosure still names the image.
        return 0


def article_images(article: Article) -> list[ImageInfo]:
    """The article's lead image in every shape search engines ask for, widest first.

    Today that is the lead image as uploaded. When image renditions exist (1:1, 4:3 and 16:9 crops),
    they are added here and every consumer (JSON-LD, Open Graph, feeds) picks them up.
    """
    return lead_images(article.lead_image)


def lead_images(image: Image | None) -> list[ImageInfo]:
    """What `article_images` gives for an article with this lead image (for callers holding rows, not articles)."""
    lead = image_info(image)
    return [lead] if lead else []
