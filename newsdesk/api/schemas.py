"""The API's JSON shapes. Field names are part of the contract: add fields, never rename or remove them."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from ninja import Schema
from pydantic import BeforeValidator, Field


def _iso_8601_only(value: Any) -> Any:
    # pydantic would read "0.5" or 1700000000 as a Unix time; the description promises ISO 8601 text.
    if isinstance(value, datetime):
        return value
    try:
        return datetime.fromisoformat(value)
    except (TypeError, ValueError):
        raise ValueError("Give a date and time in ISO 8601, e.g. 2026-03-01T09:00:00+00:00.") from None


IsoDateTime = Annotated[datetime, BeforeValidator(_iso_8601_only)]


class Error(Schema):
    detail: str | list[dict[str, Any]] = Field(description="What went wrong, in words (or ninja's list of input errors).")
    errors: dict[str, list[str]] | None = Field(None, description="Messages per field, when the input was refused.")


class SectionOut(Schema):
    id: int
    slug: str
    name: str
    description: str
    url: str


class TagOut(Schema):
    id: int
    slug: str
    name: str
    url: str


class AuthorOut(Schema):
    id: int
    slug: str
    name: str
    role: str
    bio: str
    url: str


class BylineOut(Schema):
    slug: str
    name: str
    role: str
    credit: str = Field(description='The credit shown beside the name ("Reporting by"), else the role.')


class ImageOut(Schema):
    url: str
    width: int
    height: int
    alt_text: str
    caption: str
    credit: str


class ArticleSummary(Schema):
    id: int
    slug: str
    url: str
    headline: str
    dek: str
    language: str
    section: SectionOut
    tags: list[TagOut]
    authors: list[BylineOut]
    published_at: datetime
    updated_at: datetime | None
    reading_time: int = Field(description="Minutes, as stored when the article was saved (the figure every page shows).")
    word_count: int
    lead_image: ImageOut | None


class ArticleOut(ArticleSummary):
    body_html: str = Field(description="The body as sanitised HTML.")


class CommentOut(Schema):
    id: int
    parent_id: int | None
    depth: int
    name: str
    website: str
    body: str = Field(description="Plain text, as the reader wrote it.")
    submitted_at: datetime


class PageOut(Schema):
    id: int
    slug: str
    title: str
    url: str
    body_html: str
    updated_at: datetime


class ArticleList(Schema):
    items: list[ArticleSummary]
    next_cursor: str | None = Field(description="Pass as ?cursor= for the next page; null on the last page.")
    next: str | None = Field(description="The address of the next page; null on the last page.")


class SectionList(Schema):
    items: list[SectionOut]
    next_cursor: str | None
    next: str | None


class TagList(Schema):
    items: list[TagOut]
    next_cursor: str | None
    next: str | None


class AuthorList(Schema):
    items: list[AuthorOut]
    next_cursor: str | None
    next: str | None


class PageList(Schema):
    items: list[PageOut]
    next_cursor: str | None
    next: str | None


class CommentList(Schema):
    items: list[CommentOut]
    next_cursor: str | None
    next: str | None


# The newsroom (write) API ------------------------------------------------------------------------


class NewsroomArticleOut(Schema):
    id: int
    slug: str
    headline: str
    dek: str
    body: str = Field(description="Markdown.")
    language: str
    section: str = Field(description="The section's slug.")
    tags: list[str] = Field(description="Tag slugs.")
    authors: list[str] = Field(description="Author slugs, in byline order.")
    status: str = Field(description="draft, review, scheduled, published or withdrawn.")
    version: int = Field(description="Send it back as base_version with your next edit.")
    published_at: datetime | None
    url: str | None = Field(description="The public address, once published.")
    has_pending_update: bool = Field(description="A published article's saved edit that readers do not see yet.")


class ArticleCreate(Schema):
    headline: str = Field(min_length=1, max_length=200)
    body: str = Field(description="Markdown.")
    section: str = Field(description="A section's slug.")
    dek: str = ""
    slug: str | None = None
    tags: list[str] = Field(default_factory=list, description="Tag slugs.")
    authors: list[str] | None = Field(None, description="Author slugs; default: your own author profile.")
    language: str = ""


class ArticleEdit(Schema):
    base_version: int = Field(ge=0, le=2**31 - 1, description="The version you edited (from the article you read).")
    headline: str | None = Field(None, min_length=1, max_length=200)
    dek: str | None = None
    slug: str | None = None
    body: str | None = None
    section: str | None = None
    tags: list[str] | None = None
    authors: list[str] | None = None
    language: str | None = None


class Schedule(Schema):
    at: IsoDateTime = Field(description="When to publish (ISO 8601; without an offset, in the publication's time zone).")


class Withdraw(Schema):
    reason: str = Field(max_length=500, description="Why, for the article's history (may be empty).")


class Conflict(Schema):
    detail: str
    changed_fields: list[str]
    current_version: int
