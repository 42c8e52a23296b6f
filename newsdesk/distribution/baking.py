"""What the publishing app bakes for distribution: every feed, sitemap and robots.txt path.

Paths are site-relative ("/feeds/rss.xml"); each answers through the real views, so the baked file and
the live response are the same bytes. A path may answer 404 when it has nothing left to list (a month
emptied by a withdrawal): the baker should then remove its file.
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from newsdesk.content.models import Article, Publication
from newsdesk.distribution import scopes, sitemaps

ROBOTS_PATH = "/robots.txt"
# The News sitemap is re-baked hourly (publishing's time-sensitive job); a story that left its window
# stays in the file until then, so edits to it re-bake the file for a while longer.
NEWS_REBAKE_MARGIN = timedelta(hours=2)


def _unique(paths: list[str]) -> list[str]:
    return list(dict.fromkeys(paths))


def work_group(path: str) -> str | None:
    """A scope's feeds share their entries (`feeds.feed_entries`): baked best by one process at once."""
    directory, _, name = path.rpartition("/")
    if path.startswith("/feeds/") and name in scopes.FEED_FILES.values():
        return f"feeds:{directory}/"
    return None


def all_paths() -> list[str]:
    """Every feed, sitemap and robots.txt path the site has right now."""
    feeds = [path for scope in scopes.all_scopes() for path in scope.feed_paths()]
    return _unique([*feeds, *sitemaps.sitemap_paths(), ROBOTS_PATH])


def paths_for_article(article: Article) -> list[str]:
    """The paths whose content changes when this article is published, updated or withdrawn.

    The publication's feeds, its section's, each tag's and each author's feeds, the sitemap index, the
    pages sitemap (list pages' lastmod), its month's sitemap and the News sitemap. Called after the
    change, it knows only the article's current section, tags, authors and month: a baker that needs
    the old ones too (a story moved to another section) calls it before the change as well.
    """
    feeds = [path for scope in scopes.scopes_for_article(article) for path in scope.feed_paths()]
    return _unique([*feeds, sitemaps.INDEX_PATH, sitemaps.PAGES_PATH, *_month_sitemap(article), sitemaps.NEWS_PATH])


def paths_for_article_edit(article: Article) -> list[str]:
    """The paths to re-bake when an article changes in place (the same lists, new words or dates).

    Feeds record the article when they are baked, so the baker finds them itself; the sitemap index
    (lastmod), the article's month sitemap (address, lastmod, title) and the News sitemap read only
    columns, so they are named here. The News sitemap only while it can list the story: an edit to an
    older one changes nothing there.
    """
    return [sitemaps.INDEX_PATH, *_month_sitemap(article), *([sitemaps.NEWS_PATH] if _in_news_sitemap(article) else [])]


def _in_news_sitemap(article: Article) -> bool:
    """Whether the baked News sitemap may list the article: published within its window, give or take
    the hour until the scheduled re-bake drops a story that has left it."""
    return article.published_at is not None and article.published_at >= timezone.now() - sitemaps.NEWS_WINDOW - NEWS_REBAKE_MARGIN


def _month_sitemap(article: Article) -> list[str]:
    if article.published_at is None:
        return []
    local = timezone.localtime(article.published_at, Publication.objects.current().zone)
    return [sitemaps.month_path(local.date())]


def time_sensitive_paths() -> list[str]:
    """Paths whose content changes with the clock alone: the News sitemap keeps only two days."""
    return [sitemaps.NEWS_PATH]
