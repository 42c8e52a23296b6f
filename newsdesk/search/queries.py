"""Searching published articles: the one function the search page (and anything else) calls."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from newsdesk.content.models import Article, Author, Publication, Section
from newsdesk.search.backends import Filters, backend_for
from newsdesk.search.query import MARK_END, MARK_START, ParsedQuery, parse_query

PER_PAGE = 10
MAX_PAGE = 100  # a thousand results is more than anyone reads; deeper pages cost the database for nothing


@dataclass
class Result:
    article: Article
    snippet: SafeString  # escaped text with <mark> around the matched words
    in_headline: bool


@dataclass
class SearchResults:
    text: str
    query: ParsedQuery
    results: list[Result] = field(default_factory=list)
    total: int = 0
    page: int = 1
    per_page: int = PER_PAGE

    @property
    def pages(self) -> int:
        return min(MAX_PAGE, math.ceil(self.total / self.per_page)) if self.total else 0

    @property
    def first_number(self) -> int:
        return (self.page - 1) * self.per_page + 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages

    @property
    def has_previous(self) -> bool:
        return self.page > 1


def highlight(excerpt: str) -> SafeString:
    """An excerpt from the index as safe HTML: everything escaped, then only the backend's marks turned into <mark>."""
    html = escape(excerpt)
    opened = html.count(MARK_START)
    html = html.replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")
    if html.count("</mark>") != opened:  # never leave a tag open, whatever the backend returned
        html = html.replace("<mark>", "").replace("</mark>", "")
    return mark_safe(html)  # noqa: S308 - escaped above; the only tags are our own <mark>s


def day_start(day: date) -> datetime:
    """Midnight at the start of `day` in the publication's time zone."""
    return timezone.make_aware(datetime.combine(day, time.min), Publication.objects.current().zone)


def search_articles(
    text: str,
    *,
    section: Section | None = None,
    author: Author | None = None,
    published_from: date | None = None,
    published_until: date | None = None,
    page: int = 1,
    per_page: int = PER_PAGE,
    at: datetime | None = None,
) -> SearchResults:
    """Published articles matching `text`, best first, one page of them with highlighted excerpts.

    The dates are days in the publication's time zone, both included.
    """
    query = parse_query(text)
    found = SearchResults(text=text, query=query, page=page, per_page=per_page)
    if query.is_empty or page > MAX_PAGE:
        return found
    filters = Filters(
        section_id=section.pk if section else None,
        author_id=author.pk if author else None,
        published_from=day_start(published_from) if published_from else None,
        published_until=day_start(published_until + timedelta(days=1)) if published_until else None,
    )
    backend = backend_for()
    hits, found.total = backend.search(query, filters, at=at or timezone.now(), offset=(page - 1) * per_page, limit=per_page)
    articles = Article.objects.for_lists().defer("body", "body_html").in_bulk([hit.article_id for hit in hits])
    excerpts = backend.snippets(query, list(articles))
    for hit in hits:
        if hit.article_id in articles:
            dek, body = excerpts.get(hit.article_id, ("", ""))
            excerpt = body if MARK_START in body or MARK_START not in dek else dek
            found.results.append(Result(articles[hit.article_id], highlight(excerpt), hit.in_headline))
    return found
