"""What importers read from another platform's export, as plain data: no database here.

Each source (WordPress, Ghost) parses its export into these dataclasses; `loader.py` writes them
through the content services.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


class ImportError_(Exception):
    """An export that cannot be imported; the message says why and, where it can, how to fix it."""


@dataclass
class SourceSite:
    source: str  # "wordpress", "ghost"
    url: str = ""  # the exported site's address: keeps ids of two exported sites apart
    title: str = ""
    language: str = ""


@dataclass
class SourceAuthor:
    source_id: str
    login: str
    name: str
    email: str = ""
    bio: str = ""
    slug: str = ""


@dataclass
class SourceTerm:
    kind: str  # "category" or "tag"
    source_id: str
    slug: str
    name: str
    description: str = ""
    parent: str = ""  # a category's parent's slug


@dataclass
class SourceComment:
    source_id: str
    parent_id: str  # "" or "0" for a top-level comment
    name: str
    email: str
    website: str
    submitted_at: datetime | None
    body_html: str
    status: str  # approved, pending, spam, trash
    kind: str = ""  # "", "comment", "pingback", "trackback"


@dataclass
class SourcePost:
    source_id: str
    kind: str  # "post", "page", "attachment", or another type (skipped)
    title: str
    slug: str
    status: str  # the source's own status word
    content_html: str = ""
    excerpt: str = ""
    published_at: datetime | None = None
    modified_at: datetime | None = None
    author_ids: list[str] = field(default_factory=list)  # logins (WordPress) or ids (Ghost), byline order
    categories: list[tuple[str, str]] = field(default_factory=list)  # (slug, name)
    tags: list[tuple[str, str]] = field(default_factory=list)  # (slug, name)
    password: str = ""
    visibility: str = "public"
    link: str = ""  # the post's address on the old site
    comments: list[SourceComment] = field(default_factory=list)
    featured_image_id: str = ""  # an attachment's source id
    featured_image_url: str = ""
    featured_image_alt: str = ""
    featured_image_caption: str = ""
    # Attachments only
    attachment_url: str = ""
    attached_file: str = ""  # path under the uploads directory, "2019/03/photo.jpg"
    alt_text: str = ""
    line: int = 0  # where the item starts in the export file, for messages
