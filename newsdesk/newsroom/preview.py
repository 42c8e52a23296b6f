"""Drafts as readers will see them: rendered in memory from the working copy, never saved or baked.

A secret preview link carries the article's id signed with the site's key and a time stamp: it opens
the current draft for anyone holding it until it expires (NEWSDESK_PREVIEW_LINK_HOURS).
"""

from __future__ import annotations

import copy

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import timezone

from newsdesk.content.models import Article, ArticleAuthor, Author, Section, Tag
from newsdesk.media.models import Image
from newsdesk.newsroom.workflow import working_copy

SALT = "newsdesk.newsroom.preview"


def draft_of(article: Article) -> tuple[Article, list[ArticleAuthor]]:
    """An unsaved copy of the article showing its working copy, and its bylines."""
    data = working_copy(article)
    draft = copy.copy(article)
    for field in ("headline", "dek", "slug", "body", "language"):
        setattr(draft, field, data[field])
    draft.section = Section.objects.get(pk=data["section"])
    draft.lead_image = Image.objects.filter(pk=data["lead_image"]).first() if data["lead_image"] else None
    if draft.published_at is None:
        draft.published_at = timezone.now()
    draft.compute_derived()
    authors = Author.objects.select_related("photo").in_bulk([a for a, _ in data["bylines"]])
    bylines = [
        ArticleAuthor(article=draft, author=authors[a], credit=credit, position=n)
        for n, (a, credit) in enumerate(data["bylines"]) if a in authors
    ]
    draft._prefetched_objects_cache = {
        "tags": Tag.objects.filter(pk__in=data["tags"]),
        "bylines": bylines,
    }
    return draft, bylines


def link_token(article: Article) -> str:
    return signing.dumps({"article": article.pk}, salt=SALT, compress=True)


def link_for(article: Article) -> str:
    return f"{settings.NEWSDESK_BASE_URL}{reverse('shared-preview', args=[link_token(article)])}"


def article_for_token(token: str) -> Article | None:
    """The article a link opens; None when the link is altered, expired or its article deleted."""
    max_age = settings.NEWSDESK_PREVIEW_LINK_HOURS * 3600
    try:
        payload = signing.loads(token, salt=SALT, max_age=max_age)
    except signing.BadSignature:  # SignatureExpired is one
        return None
    if not isinstance(payload, dict) or not isinstance(payload.get("article"), int):
        return None
    return Article.objects.filter(pk=payload["article"]).first()
