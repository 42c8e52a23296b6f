"""The newsroom API: the same workflow functions as the admin, so the same role rules and validation.

Every endpoint needs `Authorization: Bearer <token>`; the token acts as its user. What a user may do
is decided by newsdesk.newsroom (roles.require inside each workflow function), never here.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from ninja import Path, Router
from ninja.responses import Status

from newsdesk.api import schemas
from newsdesk.api.auth import TokenAuth
from newsdesk.api.read import aware
from newsdesk.content.models import Article, Author, Section, Tag
from newsdesk.core.templatetags.newsdesk import absolute
from newsdesk.newsroom import workflow
from newsdesk.newsroom.roles import Action, require

router = Router(tags=["newsroom"], auth=TokenAuth())

WRITE_ERRORS = {
    400: schemas.Error, 401: schemas.Error, 403: schemas.Error, 404: schemas.Error,
    409: schemas.Error | schemas.Conflict, 422: schemas.Error, 429: schemas.Error,
}  # fmt: skip


def newsroom_data(article: Article) -> dict:
    article.refresh_from_db()
    return {
        "id": article.pk,
        "slug": article.slug,
        "headline": article.headline,
        "dek": article.dek,
        "body": article.body,
        "language": article.language,
        "section": article.section.slug,
        "tags": list(article.tags.order_by("slug").values_list("slug", flat=True)),
        "authors": [line.author.slug for line in article.bylines.select_related("author")],
        "status": article.status,
        "version": article.version,
        "published_at": article.published_at,
        "url": absolute(article.get_absolute_url()) if article.is_public else None,
        "has_pending_update": workflow.pending_update(article) is not None,
    }


def _section(slug: str) -> Section:
    found = Section.objects.filter(slug=slug).first()
    if found is None:
        raise ValidationError({"section": f"There is no section “{slug}”."})
    return found


def _tags(slugs: list[str]) -> list[Tag]:
    found = {tag.slug: tag for tag in Tag.objects.filter(slug__in=slugs)}
    missing = [slug for slug in slugs if slug not in found]
    if missing:
        raise ValidationError({"tags": [f"There is no tag “{slug}”." for slug in missing]})
    return [found[slug] for slug in dict.fromkeys(slugs)]


def _authors(slugs: list[str]) -> list[Author]:
    found = {author.slug: author for author in Author.objects.filter(slug__in=slugs)}
    missing = [slug for slug in slugs if slug not in found]
    if missing:
        raise ValidationError({"authors": [f"There is no author “{slug}”." for slug in missing]})
    return [found[slug] for slug in dict.fromkeys(slugs)]


def _article(article_id: int) -> Article:
    return get_object_or_404(Article, pk=article_id)


@router.get("/articles/{article_id}", response={200: schemas.NewsroomArticleOut, **WRITE_ERRORS}, summary="An article in any state")
def get_article(request, article_id: int = Path(..., ge=1, lt=2**63)):
    article = _article(article_id)
    require(request.auth.user, Action.PREVIEW, article)
    return newsroom_data(article)


@router.post("/articles", response={201: schemas.NewsroomArticleOut, **WRITE_ERRORS}, summary="Start a draft")
def create_article(request, data: schemas.ArticleCreate):
    user = request.auth.user
    require(user, Action.CREATE)
    article = workflow.create_article(
        user,
        headline=data.headline,
        body=data.body,
        section=_section(data.section),
        dek=data.dek,
        slug=data.slug or None,
        tags=_tags(data.tags),
        bylines=[(author, "") for author in _authors(data.authors)] if data.authors is not None else None,
        language=data.language,
    )
    return Status(201, newsroom_data(article))


@router.patch("/articles/{article_id}", response={200: schemas.NewsroomArticleOut, **WRITE_ERRORS}, summary="Edit an article")
def edit_article(request, data: schemas.ArticleEdit, article_id: int = Path(..., ge=1, lt=2**63)):
    article = _article(article_id)
    require(request.auth.user, Action.EDIT, article)
    changes = {f: getattr(data, f) for f in ("headline", "dek", "slug", "body", "language") if getattr(data, f) is not None}
    if data.section is not None:
        changes["section"] = _section(data.section).pk
    if data.tags is not None:
        changes["tags"] = sorted(tag.pk for tag in _tags(data.tags))
    if data.authors is not None:
        changes["bylines"] = [[author.pk, ""] for author in _authors(data.authors)]
    article = workflow.save_edit(article, request.auth.user, changes, base_version=data.base_version)
    return newsroom_data(article)


@router.post("/articles/{article_id}/submit", response={200: schemas.NewsroomArticleOut, **WRITE_ERRORS}, summary="Send for review")
def submit_article(request, article_id: int = Path(..., ge=1, lt=2**63)):
    return newsroom_data(workflow.submit_for_review(_article(article_id), request.auth.user))


@router.post("/articles/{article_id}/publish", response={200: schemas.NewsroomArticleOut, **WRITE_ERRORS}, summary="Publish (or publish its pending update)")
def publish_article(request, article_id: int = Path(..., ge=1, lt=2**63)):
    return newsroom_data(workflow.publish(_article(article_id), request.auth.user))


@router.post("/articles/{article_id}/schedule", response={200: schemas.NewsroomArticleOut, **WRITE_ERRORS}, summary="Publish at a set time")
def schedule_article(request, data: schemas.Schedule, article_id: int = Path(..., ge=1, lt=2**63)):
    return newsroom_data(workflow.schedule(_article(article_id), request.auth.user, aware(data.at)))


@router.post("/articles/{article_id}/withdraw", response={200: schemas.NewsroomArticleOut, **WRITE_ERRORS}, summary="Take off the site")
def withdraw_article(request, data: schemas.Withdraw, article_id: int = Path(..., ge=1, lt=2**63)):
    return newsroom_data(workflow.withdraw(_article(article_id), request.auth.user, data.reason))
