"""Keeping the search index current: one article at a time as it changes, or all of them at once."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from django.db import transaction

from newsdesk.content.markdown import html_to_text
from newsdesk.search.backends import Document, backend_for
from newsdesk.search.query import clean_text

BATCH = 500


def _documents(article_model, article_ids: list[int]) -> tuple[list[Document], list[int]]:
    """Index documents for the published ones among these articles, and the ids of the others.

    Articles published with a time still to come are indexed too: searches filter on the publication
    time, so a story appears the moment it is due without another write to the index.
    """
    rows = list(
        article_model.objects.filter(pk__in=article_ids, status="published").values_list(
            "pk", "headline", "dek", "body_html", "published_at", "section_id"
        )
    )
    published = [row[0] for row in rows]
    tags: dict[int, list[str]] = defaultdict(list)
    for article_id, name in (
        article_model.tags.through.objects.filter(article_id__in=published).order_by("tag__name").values_list("article_id", "tag__name")
    ):
        tags[article_id].append(name)
    authors: dict[int, list[str]] = defaultdict(list)
    bylines = article_model._meta.get_field("bylines").related_model
    for article_id, name in (
        bylines.objects.filter(article_id__in=published).order_by("position", "pk").values_list("article_id", "author__name")
    ):
        authors[article_id].append(name)
    documents = [
        Document(
            article_id=pk,
            headline=clean_text(headline),
            dek=clean_text(dek),
            body=clean_text(html_to_text(body_html)),
            tags=clean_text(", ".join(tags[pk])),
            authors=clean_text(", ".join(authors[pk])),
            published_at=published_at,
            section_id=section_id,
        )
        for pk, headline, dek, body_html, published_at, section_id in rows
    ]
    return documents, sorted(set(article_ids) - set(published))


@transaction.atomic
def index_articles(article_ids: Iterable[int]) -> int:
    """Bring these articles' index rows up to date: published ones (re)written, the others removed."""
    from newsdesk.content.models import Article

    ids = list(dict.fromkeys(article_ids))
    backend = backend_for()
    indexed = 0
    for start in range(0, len(ids), BATCH):
        documents, hidden = _documents(Article, ids[start : start + BATCH])
        backend.replace(documents)
        backend.remove(hidden)
        indexed += len(documents)
    return indexed


@transaction.atomic
def rebuild_index(article_model=None, *, language: str | None = None, progress=None) -> int:
    """Empty the index and index every published article again; returns how many were indexed."""
    if article_model is None:
        from newsdesk.content.models import Article as article_model
    backend = backend_for(language=language)
    backend.clear()
    ids = list(article_model.objects.filter(status="published").order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), BATCH):
        documents, _ = _documents(article_model, ids[start : start + BATCH])
        backend.replace(documents)
        if progress:
            progress(min(start + BATCH, len(ids)), len(ids))
    backend.optimize()
    return len(ids)


def rebuild_if_language_changed() -> bool:
    """On PostgreSQL, re-index everything when the publication's language now asks for another analyser."""
    backend = backend_for()
    if backend.vendor != "postgresql" or backend.indexed_config() in (None, backend.config()):
        return False
    rebuild_index()
    return True
