"""The read API: published content only, the same "published" as the site's pages and feeds."""

from __future__ import annotations

from datetime import datetime
from datetime import timezone as dt_timezone

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Path, Query, Router
from ninja.decorators import decorate_view
from ninja.errors import HttpError

from newsdesk.api import schemas
from newsdesk.api.auth import ReaderAuth
from newsdesk.api.conditional import conditional
from newsdesk.api.pagination import CURSOR_PATTERN, DEFAULT_LIMIT, page
from newsdesk.api.schemas import IsoDateTime
from newsdesk.comments.models import Comment
from newsdesk.content.markdown import sanitize_html
from newsdesk.content.models import Article, ArticleAuthor, Author, Page, Publication, Section, Tag
from newsdesk.core.templatetags.newsdesk import absolute

router = Router(tags=["content"], auth=ReaderAuth())

READ_ERRORS = {304: None, 400: schemas.Error, 401: schemas.Error, 404: schemas.Error, 422: schemas.Error, 429: schemas.Error}


def section_data(section: Section) -> dict:
    return {"id": section.pk, "slug": section.slug, "name": section.name, "description": section.description,
            "url": absolute(section.get_absolute_url())}  # fmt: skip


def tag_data(tag: Tag) -> dict:
    return {"id": tag.pk, "slug": tag.slug, "name": tag.name, "url": absolute(tag.get_absolute_url())}


def author_data(author: Author) -> dict:
    return {"id": author.pk, "slug": author.slug, "name": author.name, "role": author.role, "bio": author.bio,
            "url": absolute(author.get_absolute_url())}  # fmt: skip


def article_data(article: Article, *, body: bool = False) -> dict:
    image = article.lead_image
    data = {
        "id": article.pk,
        "slug": article.slug,
        "url": absolute(article.get_absolute_url()),
        "headline": article.headline,
        "dek": article.dek,
        "language": article.effective_language,
        "section": section_data(article.section),
        "tags": [tag_data(tag) for tag in article.tags.all()],
        "authors": [
            {"slug": line.author.slug, "name": line.author.name, "role": line.author.role, "credit": line.credit_label}
            for line in article.bylines.all()
        ],
        "published_at": article.published_at,
        "updated_at": article.updated_at if article.was_updated else None,
        "reading_time": article.reading_time,
        "word_count": article.word_count,
        "lead_image": {
            "url": absolute(image.file.url), "width": image.width, "height": image.height,
            "alt_text": image.alt_text, "caption": image.caption, "credit": image.credit,
        } if image else None,  # fmt: skip
    }
    if body:
        data["body_html"] = sanitize_html(article.body_html)  # the API does not trust the database either
    return data


def aware(moment: datetime) -> datetime:
    """A time as given, or, without an offset, in the publication's time zone; in UTC, which every
    database takes (PostgreSQL refuses offsets beyond ±15:59 that ISO 8601 and Python allow)."""
    try:
        if timezone.is_naive(moment):
            moment = timezone.make_aware(moment, Publication.objects.current().zone)
        return moment.astimezone(dt_timezone.utc)
    except (OverflowError, ValueError):
        raise HttpError(422, "That date and time is out of range.") from None


def public_articles():
    return (
        Article.objects.published()
        .select_related("section", "lead_image")
        .prefetch_related("tags", Prefetch("bylines", queryset=ArticleAuthor.objects.select_related("author")))
    )


@router.get("/articles", response={200: schemas.ArticleList, **READ_ERRORS}, summary="Published articles, newest first")
@decorate_view(conditional)
def list_articles(
    request,
    section: str | None = Query(None, description="A section's slug."),
    tag: str | None = Query(None, description="A tag's slug."),
    author: str | None = Query(None, description="An author's slug."),
    published_after: IsoDateTime | None = Query(None, description="Only articles published at or after this time (ISO 8601; without an offset, in the publication's time zone)."),
    published_before: IsoDateTime | None = Query(None, description="Only articles published before this time (same form)."),
    cursor: str | None = Query(None, description="From the previous page's next_cursor.", pattern=CURSOR_PATTERN, max_length=200),
    limit: int = Query(DEFAULT_LIMIT, ge=1, le=100),
):
    items = public_articles()
    if section:
        items = items.filter(section__slug=section)
    if tag:
        items = items.filter(tags__slug=tag)
    if author:
        items = items.filter(bylines__author__slug=author)
    if published_after:
        items = items.filter(published_at__gte=aware(published_after))
    if published_before:
        items = items.filter(published_at__lt=aware(published_before))
    return page(request, items, cursor=cursor, limit=limit, order=("-published_at", "-id"), serialize=article_data)


@router.get("/articles/{article_id}", response={200: schemas.ArticleOut, **READ_ERRORS}, summary="One published article")
@decorate_view(conditional)
def get_article(request, article_id: int = Path(..., ge=1, lt=2**63)):
    return article_data(get_object_or_404(public_articles(), pk=article_id), body=True)


@router.get(
    "/articles/{article_id}/comments",
    response={200: schemas.CommentList, **READ_ERRORS},
    summary="An article's approved comments, oldest first",
)
@decorate_view(conditional)
def list_comments(request, article_id: int = Path(..., ge=1, lt=2**63), cursor: str | None = Query(None, pattern=CURSOR_PATTERN, max_length=200),
                  limit: int = Query(50, ge=1, le=100)):  # fmt: skip
    article = get_object_or_404(Article.objects.published(), pk=article_id)
    comments = Comment.objects.approved().filter(article=article)
    return page(request, comments, cursor=cursor, limit=limit, order=("submitted_at", "id"), serialize=comment_data)


def comment_data(comment: Comment) -> dict:
    # Never the email address, IP address or user agent: only what the article page shows.
    return {"id": comment.pk, "parent_id": comment.parent_id, "depth": comment.depth, "name": comment.name,
            "website": comment.website, "body": comment.body, "submitted_at": comment.submitted_at}  # fmt: skip


@router.get("/sections", response={200: schemas.SectionList, **READ_ERRORS}, summary="Sections")
@decorate_view(conditional)
def list_sections(request, cursor: str | None = Query(None, pattern=CURSOR_PATTERN, max_length=200), limit: int = Query(DEFAULT_LIMIT, ge=1, le=100)):
    return page(request, Section.objects.all(), cursor=cursor, limit=limit, order=("id",), serialize=section_data)


@router.get("/tags", response={200: schemas.TagList, **READ_ERRORS}, summary="Tags")
@decorate_view(conditional)
def list_tags(request, cursor: str | None = Query(None, pattern=CURSOR_PATTERN, max_length=200), limit: int = Query(DEFAULT_LIMIT, ge=1, le=100)):
    return page(request, Tag.objects.all(), cursor=cursor, limit=limit, order=("id",), serialize=tag_data)


@router.get("/authors", response={200: schemas.AuthorList, **READ_ERRORS}, summary="Authors")
@decorate_view(conditional)
def list_authors(request, cursor: str | None = Query(None, pattern=CURSOR_PATTERN, max_length=200), limit: int = Query(DEFAULT_LIMIT, ge=1, le=100)):
    return page(request, Author.objects.all(), cursor=cursor, limit=limit, order=("id",), serialize=author_data)


def page_data(item: Page) -> dict:
    return {"id": item.pk, "slug": item.slug, "title": item.title, "url": absolute(item.get_absolute_url()),
            "body_html": sanitize_html(item.body_html), "updated_at": item.updated_at}  # fmt: skip


@router.get("/pages", response={200: schemas.PageList, **READ_ERRORS}, summary="Published standing pages (About, Terms, ...)")
@decorate_view(conditional)
def list_pages(request, cursor: str | None = Query(None, pattern=CURSOR_PATTERN, max_length=200), limit: int = Query(DEFAULT_LIMIT, ge=1, le=100)):
    return page(request, Page.objects.published(), cursor=cursor, limit=limit, order=("id",), serialize=page_data)


@router.get("/pages/{slug}", response={200: schemas.PageOut, **READ_ERRORS}, summary="One published page")
@decorate_view(conditional)
def get_page(request, slug: str):
    return page_data(get_object_or_404(Page.objects.published(), slug=slug))
