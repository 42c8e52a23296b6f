"""The API's JSON shapes. Field names are part of the contract: add fields, never rename or remove them."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from ninja import Schema
from pydantic import AfterValidator, BeforeValidator, Field


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


def _no_nul(value: str) -> str:
    """Refuse NUL as Django's forms do: PostgreSQL cannot store it, and no writer means it."""
    if "\x00" in value:
        raise ValueError("Text may not contain NUL characters.")
    return value


Text = Annotated[str, AfterValidator(_no_nul)]


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
    headline: Text = Field(min_length=1, max_length=200)
    body: Text = Field(description="Markdown.")
    section: Text = Field(description="A section's slug.")
    dek: Text = ""
    slug: Text | None = None
    tags: list[Text] = Field(default_factory=list, description="Tag slugs.")
    authors: list[Text] | None = Field(None, description="Author slugs; default: your own author profile.")
    language: Text = ""


class ArticleEdit(Schema):
    base_version: int = Field(ge=0, le=2**31 - 1, description="The version you edited (from the article you read).")
    headline: Text | None = Field(None, min_length=1, max_length=200)
    dek: Text | None = None
    slug: Text | None = None
    body: Text | None = None
    section: Text | None = None
    tags: list[Text] | None = None
    authors: list[Text] | None = None
    language: Text | None = None


class Schedule(Schema):
    at: IsoDateTime = Field(description="When to publish (ISO 8601; without an offset, in the publication's time zone).")


class Withdraw(Schema):
    reason: Text = Field(max_length=500, description="Why, for the article's history (may be empty).")


class Conflict(Schema):
    detail: str
    changed_fields: list[str]
    current_version: int
