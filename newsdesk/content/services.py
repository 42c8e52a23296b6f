"""Every write to the content model goes through these functions: admin, importers and demo alike."""

from __future__ import annotations

import contextvars
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from newsdesk.content.models import Article, ArticleAuthor, ArticleSlugHistory, Author, Tag
from newsdesk.content.signals import article_changed, content_changed

# Changing any of these after publication is a change readers should be told about ("Updated").
_READER_VISIBLE_FIELDS = ("headline", "dek", "body")


@transaction.atomic
def save_article(article: Article, *, at: datetime | None = None) -> Article:
    """Validate and save an article; keep its old address working when its slug changes."""
    now = at or timezone.now()
    previous = Article.objects.filter(pk=article.pk).values("slug", "status", *_READER_VISIBLE_FIELDS).first()
    if (
        previous
        and previous["status"] == Article.Status.PUBLISHED
        and article.status == Article.Status.PUBLISHED
        and any(previous[field] != getattr(article, field) for field in _READER_VISIBLE_FIELDS)
    ):
        article.updated_at = now
    article.full_clean(exclude=["authors", "tags"])
    article.save()
    if previous and previous["slug"] != article.slug:
        _retire_slug(article, previous["slug"])
    announce_article_change(article)
    return article


# Set while a bulk write (an import) runs: changes are gathered there instead of announced one by one.
_gathered: contextvars.ContextVar[Gathered | None] = contextvars.ContextVar("gathered_announcements", default=None)


class Gathered:
    """Changes made inside `announcements_gathered()`: article ids, and other objects by (model, pk)."""

    def __init__(self):
        self.articles: set[int] = set()  # ids only: an import of 100,000 articles keeps no copies of them
        self.content: dict[tuple[type, int], object] = {}


@contextmanager
def announcements_gathered() -> Iterator[Gathered]:
    """Gather, instead of announcing, every change made inside; the caller announces them afterwards,
    once per object or in bulk (an import of 20,000 articles re-bakes the site once, not 60,000 times)."""
    gathered = Gathered()
    token = _gathered.set(gathered)
    try:
        yield gathered
    finally:
        _gathered.reset(token)


def announce_article_change(article: Article) -> None:
    """Tell the other apps, once the transaction commits, that readers may see this article differently."""
    if (gathered := _gathered.get()) is not None:
        gathered.articles.add(article.pk)
        return
    transaction.on_commit(lambda: article_changed.send(sender=Article, article=article))


def _retire_slug(article: Article, old_slug: str) -> None:
    # The new slug may have been another article's (or this one's) old slug: the live article wins.
    ArticleSlugHistory.objects.filter(slug=article.slug).delete()
    ArticleSlugHistory.objects.update_or_create(slug=old_slug, defaults={"article": article})


@transaction.atomic
def set_bylines(article: Article, bylines: Sequence[tuple[Author, str]]) -> None:
    """Put the article's authors in this order, each with its credit ("" shows the author's role)."""
    article.bylines.all().delete()
    ArticleAuthor.objects.bulk_create(
        ArticleAuthor(article=article, author=author, position=position, credit=credit)
        for position, (author, credit) in enumerate(bylines)
    )
    announce_article_change(article)


@transaction.atomic
def set_tags(article: Article, tags: Iterable[Tag]) -> None:
    article.tags.set(tags)
    announce_article_change(article)


@transaction.atomic
def publish_article(article: Article, *, at: datetime | None = None) -> Article:
    """Make the article public at `at` (default: now); an article published before keeps its time."""
    article.status = Article.Status.PUBLISHED
    if at is not None or article.published_at is None:
        article.published_at = at or timezone.now()
    return save_article(article, at=at)


@transaction.atomic
def unpublish_article(article: Article) -> Article:
    """Take the article off the site; it becomes a draft again and its address answers 404."""
    article.status = Article.Status.DRAFT
    return save_article(article)


def announce_content_change(instance) -> None:
    """Tell the other apps, after commit, that a section, tag, author, page, image or the publication's
    settings changed (or were deleted), so the pages showing them can follow."""
    from newsdesk.content.chrome import forget_site_chrome

    forget_site_chrome()
    pk = instance.pk  # a deleted object has lost its pk by the time the transaction commits
    if (gathered := _gathered.get()) is not None:
        gathered.content[(type(instance), pk)] = instance
        return
    transaction.on_commit(lambda: content_changed.send(sender=type(instance), instance=instance, pk=pk))
