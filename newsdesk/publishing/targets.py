"""Which pages the site has, and which of them a change affects.

Two kinds of knowledge combine here. Each baked page records the objects it loaded (render.py), so a
change to an article already on a page re-bakes exactly the pages that show it. A change that moves an
article between lists (published, withdrawn, re-dated, re-sectioned, re-tagged) also shifts the pages
of those lists, and the new neighbours cannot be known from old records; those lists are worked out
here from where the article stood before (ListingState) and where it stands now.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import import_module

from django.apps import apps
from django.conf import settings
from django.urls import reverse

from newsdesk.content.models import Article, Author, Page, Section, Tag
from newsdesk.content.queries import public_articles
from newsdesk.publishing.models import ListingState, PageDependency

# Order of baking when many pages wait: what readers reach first goes first.
PRIORITY_ARTICLE, PRIORITY_FRONT, PRIORITY_LIST_HEAD, PRIORITY_SHOWN_ON, PRIORITY_LIST_TAIL = 0, 1, 2, 3, 5
NOT_FOUND_PATH = "/404.html"
RELATED_LIMIT = 3  # content.queries.related_articles' default
HIDDEN = "hidden"  # the listing signature of an article readers cannot see


@dataclass(frozen=True)
class Listing:
    """A paginated list of articles: its address and what is in it."""

    url: str
    articles: object  # a QuerySet of public articles, newest first

    def page_url(self, number: int) -> str:
        return self.url if number == 1 else f"{self.url}page/{number}/"

    def page_count(self) -> int:
        return max(1, math.ceil(self.articles.count() / settings.NEWSDESK_PAGE_SIZE))


def latest_listing() -> Listing:
    return Listing(reverse("content:latest"), public_articles())


def listing_for(owner: Section | Tag | Author) -> Listing:
    """The list of a section, tag or author."""
    field = {Section: "section", Tag: "tags", Author: "authors"}[type(owner)]
    return Listing(owner.get_absolute_url(), public_articles().filter(**{field: owner}))


def listings_of(article: Article) -> list[Listing]:
    """Every list the article appears in while it is public."""
    owners = [article.section, *article.tags.all(), *article.authors.all()]
    return [latest_listing(), *(listing_for(owner) for owner in owners)]


def all_listings() -> Iterator[Listing]:
    yield latest_listing()
    for model in (Section, Tag, Author):
        for owner in model.objects.all():
            yield listing_for(owner)


def all_paths() -> list[str]:
    """Every public page of the site, most visited first."""
    paths = ["/"]
    paths += [article.get_absolute_url() for article in Article.objects.published().only("slug", "published_at")]
    for listing in all_listings():
        paths += [listing.page_url(n) for n in range(1, listing.page_count() + 1)]
    paths += [page.get_absolute_url() for page in Page.objects.published()]
    paths += extra_paths()
    paths.append(NOT_FOUND_PATH)
    return list(dict.fromkeys(paths))


@functools.cache
def _baking_modules() -> list:
    """The `baking` modules of the apps that publish pages besides content's own (feeds, sitemaps,
    story pages, /corrections, ...). An app declares one with `baking = "<module>"` on its AppConfig;
    each module may define all_paths(), paths_for_article(article), paths_for_article_edit(article) and
    time_sensitive_paths(), each returning site-relative paths, and work_group(path)."""
    return [import_module(config.baking) for config in apps.get_app_configs() if getattr(config, "baking", None)]


def _collect(function: str, *args) -> list[str]:
    paths: list[str] = []
    for module in _baking_modules():
        if hasattr(module, function):
            paths += getattr(module, function)(*args)
    return list(dict.fromkeys(paths))


def work_group(path: str) -> str:
    """The group of pages that share work when baked together (`core.reads.shared`): one process
    bakes a group in one round. A page is its own group unless an app's `baking` module says
    otherwise with work_group(path) (a scope's three feeds share their entries, say)."""
    for module in _baking_modules():
        group = getattr(module, "work_group", None)
        if group is not None and (name := group(path)):
            return name
    return path


def extra_paths() -> list[str]:
    """Feeds, sitemaps, robots.txt and the pages of other apps."""
    return _collect("all_paths")


def extra_paths_for_article(article: Article, *, moved: bool) -> list[str]:
    """Other apps' pages to re-bake for a change to this article (feeds and sitemaps, say)."""
    return _collect("paths_for_article" if moved else "paths_for_article_edit", article)


def time_sensitive_paths() -> list[str]:
    """Pages that change with the clock alone and are re-baked on a schedule."""
    return _collect("time_sensitive_paths")


def pages_showing(model: str, object_id: int) -> list[str]:
    return list(PageDependency.objects.filter(model=model, object_id=object_id).values_list("page_id", flat=True))


def listing_signature(article: Article) -> str:
    """What decides the article's place in lists; equal signatures mean it did not move."""
    if not article.is_public:
        return HIDDEN
    tags = ",".join(str(pk) for pk in sorted(tag.pk for tag in article.tags.all()))
    authors = ",".join(str(pk) for pk in sorted(author.pk for author in article.authors.all()))
    return f"{article.published_at.isoformat()}|{article.section_id}|{tags}|{authors}"


def record_listing_states() -> None:
    """Note where every article stands now (after a full bake, the lists on disk show exactly this)."""
    states = [
        ListingState(
            article_id=article.pk,
            signature=listing_signature(article),
            path=article.get_absolute_url() if article.is_public else "",
        )
        for article in Article.objects.prefetch_related("tags", "authors").iterator(chunk_size=1000)
    ]
    ListingState.objects.all().delete()
    ListingState.objects.bulk_create(states, batch_size=1000)


def paths_for_article(article: Article, state: ListingState | None) -> dict[str, int]:
    """The pages to re-bake after a change to this article, each with its priority, given where it
    stood before (`state`, None for an article never seen)."""
    paths: dict[str, int] = {}
    before, now = (state.signature if state else HIDDEN), listing_signature(article)
    if before == now == HIDDEN:
        return paths  # a draft, before and after: readers see nothing of it

    def add(items: Iterable[str], priority: int) -> None:
        for path in items:
            paths[path] = min(priority, paths.get(path, priority))

    add([article.get_absolute_url()] if article.is_public else [], PRIORITY_ARTICLE)
    add(pages_showing("content.article", article.pk), PRIORITY_SHOWN_ON)
    moved = before != now
    add(extra_paths_for_article(article, moved=moved), PRIORITY_LIST_HEAD)
    if moved:
        # It moved into, out of or within lists: their pages shift, and its new neighbours cannot be
        # known from what the old pages showed. Each list is re-baked whole, its first page early, and
        # one page past its end so that a page which no longer exists is removed.
        add(["/"], PRIORITY_FRONT)
        shifted = listings_of(article) if article.is_public else []
        shifted += _listings_it_was_in(state)
        for listing in shifted:
            add([listing.page_url(1)], PRIORITY_LIST_HEAD)
            add([listing.page_url(n) for n in range(2, listing.page_count() + 2)], PRIORITY_LIST_TAIL)
        if article.is_public:
            # The section's stories just before it may show it among their related stories.
            before = public_articles().filter(section=article.section_id, published_at__lt=article.published_at)
            add([a.get_absolute_url() for a in before[:RELATED_LIMIT]], PRIORITY_SHOWN_ON)
    return paths


def _listings_it_was_in(state: ListingState | None) -> list[Listing]:
    if state is None or state.signature == HIDDEN:
        return []
    _, section_id, tag_ids, author_ids = state.signature.split("|")
    owners = [
        *Section.objects.filter(pk=int(section_id)),
        *Tag.objects.filter(pk__in=_ids(tag_ids)),
        *Author.objects.filter(pk__in=_ids(author_ids)),
    ]
    return [latest_listing(), *(listing_for(owner) for owner in owners)]


def _ids(joined: str) -> list[int]:
    return [int(pk) for pk in joined.split(",") if pk]
