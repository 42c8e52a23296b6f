"""Sitemaps: an index of one sitemap per month of articles plus one of the site's other pages, a Google
News sitemap of the last two days, and robots.txt naming them.

Only published articles (`Article.objects.published()`) ever appear: drafts, previews and withdrawn
stories are in none of them.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.db.models.functions import Coalesce, Greatest
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import iri_to_uri

from newsdesk.content.models import Article, Author, Page, Publication, Section, Tag, article_path
from newsdesk.distribution.images import article_images, lead_images
from newsdesk.media.models import Image

NEWS_WINDOW = timedelta(days=2)  # Google News only takes articles published in the last two days...
NEWS_LIMIT = 1000  # ...and at most 1,000 of them per sitemap.

INDEX_PATH = "/sitemap.xml"
PAGES_PATH = "/sitemaps/pages.xml"
NEWS_PATH = "/sitemaps/news.xml"


def month_path(month: date) -> str:
    """The address of a month's sitemap: /sitemaps/2026-02.xml."""
    return f"/sitemaps/{month:%Y-%m}.xml"


@dataclass(frozen=True)
class SitemapEntry:
    """One address in a sitemap, with what the sitemap says about it."""

    path: str
    lastmod: datetime | None = None
    images: tuple[str, ...] = ()
    title: str = ""
    language: str = ""
    published: datetime | None = None


def _last_change(prefix: str = ""):
    """An article's last reader-visible change: its update time, else its publication time."""
    published = f"{prefix}published_at"
    return Greatest(published, Coalesce(f"{prefix}updated_at", published))


def _article_entry(article: Article) -> SitemapEntry:
    return SitemapEntry(
        path=article.get_absolute_url(),
        lastmod=max(article.updated_at or article.published_at, article.published_at),
        images=tuple(image.url for image in article_images(article)),
        title=article.headline,
        language=news_language(article.effective_language),
        published=article.published_at,
    )


def news_language(code: str) -> str:
    """The language code Google News expects: ISO 639, except zh-cn and zh-tw for Chinese."""
    code = code.lower()
    if code.startswith("zh"):
        return "zh-tw" if any(part in code for part in ("hant", "tw", "hk")) else "zh-cn"
    return code.split("-")[0]


class BaseUrlSitemap(Sitemap):
    """A sitemap whose addresses start with NEWSDESK_BASE_URL, never with the request's Host."""

    def get_protocol(self, protocol=None) -> str:
        return urlsplit(settings.NEWSDESK_BASE_URL).scheme

    def get_domain(self, site=None) -> str:
        return settings.NEWSDESK_BASE_URL.split("://", 1)[1]

    def location(self, entry: SitemapEntry) -> str:
        return iri_to_uri(entry.path)

    def lastmod(self, entry: SitemapEntry) -> datetime | None:
        return entry.lastmod


class MonthSitemap(BaseUrlSitemap):
    """The articles published in one month (in the publication's time zone), each with its lead image."""

    def __init__(self, month: date, *, at: datetime | None = None):
        self.month, self.at = month, at
        self._entries: list[SitemapEntry] | None = None

    def items(self) -> list[SitemapEntry]:
        if self._entries is None:  # asked for by the view (is the month empty?) and again by get_urls()
            self._entries = self._read()
        return self._entries

    def _read(self) -> list[SitemapEntry]:
        """The month's stories as plain rows: a month can hold thousands, and building a model instance
        and reversing a URL for each took most of a re-bake's time. Each story's address and language
        come out exactly as for its page (`Article.get_absolute_url`, `effective_language`)."""
        start, end = _month_bounds(self.month)
        rows = (
            Article.objects.published(at=self.at)
            .filter(published_at__gte=start, published_at__lt=end)
            .order_by("published_at", "pk")
            .values_list("slug", "headline", "language", "published_at", "updated_at", "lead_image_id")
        )
        rows = list(rows)
        images = Image.objects.in_bulk({row[5] for row in rows if row[5] is not None})
        publication = Publication.objects.current()
        zone, languages, no_images = publication.zone, {}, ()
        entries = []
        for slug, headline, language, published, updated, image_id in rows:
            local = published.astimezone(zone)
            language = language or publication.language
            if language not in languages:
                languages[language] = news_language(language)
            entries.append(SitemapEntry(
                path=article_path(local.year, local.month, local.day, slug),
                lastmod=max(updated or published, published),
                images=tuple(image.url for image in lead_images(images[image_id])) if image_id in images else no_images,
                title=headline,
                language=languages[language],
                published=published,
            ))  # fmt: skip
        return entries


class NewsSitemap(BaseUrlSitemap):
    """Google News: articles published in the last two days, newest first, at most 1,000."""

    limit = NEWS_LIMIT

    def __init__(self, *, at: datetime | None = None):
        self.at = at

    def _articles(self):
        now = self.at or timezone.now()
        return Article.objects.published(at=now).filter(published_at__gte=now - NEWS_WINDOW).latest_first()[:NEWS_LIMIT]

    def items(self) -> list[SitemapEntry]:
        articles = self._articles().select_related("lead_image").defer("body", "body_html")
        return [_article_entry(article) for article in articles]

    def last_change(self) -> datetime | None:
        """The newest change among the sitemap's stories, without building its entries."""
        times = self._articles().values_list("published_at", "updated_at")
        return max((max(published, updated or published) for published, updated in times), default=None)


class PagesSitemap(BaseUrlSitemap):
    """Every address that is not an article: front page, latest, sections, tags, authors, static pages."""

    def __init__(self, *, at: datetime | None = None):
        self.at = at

    def items(self) -> list[SitemapEntry]:
        published = Article.objects.published(at=self.at).order_by()
        newest = published.aggregate(last=Max(_last_change()))["last"]
        entries = [SitemapEntry("/", newest), SitemapEntry(reverse("content:latest"), newest)]
        # Every section has a page; a tag or author only once they have a published story. Each list's
        # last change is grouped from the stories' side, where an index holds their times.
        for model, field, only_with_stories in ((Section, "section", False), (Tag, "tags", True), (Author, "authors", True)):
            last = dict(published.values_list(field).annotate(last=Max(_last_change())))
            entries += [
                SitemapEntry(row.get_absolute_url(), last.get(row.pk))
                for row in model.objects.all()
                if row.pk in last or not only_with_stories
            ]
        entries += [SitemapEntry(page.get_absolute_url(), page.updated_at) for page in Page.objects.published()]
        return entries


def _month_bounds(month: date) -> tuple[datetime, datetime]:
    """The first instant of a month in the publication's time zone, and of the next."""
    zone = Publication.objects.current().zone
    start = datetime(month.year, month.month, 1, tzinfo=zone)
    return start, start + timedelta(days=calendar.monthrange(start.year, start.month)[1])


def article_months(*, at: datetime | None = None) -> list[tuple[date, datetime]]:
    """Each month (publication's time zone) that has published articles, oldest first, with its last change.

    One range query per month over the indexed publication time: a month truncated in the publication's
    time zone would make SQLite call back into Python for every article.
    """
    published = Article.objects.published(at=at)
    times = published.order_by().values_list("published_at", flat=True)
    # Two index seeks: both in one aggregate would read every story's time.
    first, last = times.order_by("published_at").first(), times.order_by("-published_at").first()
    if first is None:
        return []
    zone = Publication.objects.current().zone
    month = timezone.localtime(first, zone).date().replace(day=1)
    final = timezone.localtime(last, zone).date().replace(day=1)
    months = []
    while month <= final:
        start, end = _month_bounds(month)
        last = published.filter(published_at__gte=start, published_at__lt=end).aggregate(last=Max(_last_change()))["last"]
        if last is not None:
            months.append((month, last))
        month = end.date()
    return months


def _pages_lastmod(*, at: datetime | None = None) -> datetime | None:
    """The newest change among the pages sitemap's addresses: a story's (lists show it) or a page's."""
    story = Article.objects.published(at=at).aggregate(last=Max(_last_change()))["last"]
    page = Page.objects.published().aggregate(last=Max("updated_at"))["last"]
    return max((when for when in (story, page) if when), default=None)


def index_entries(*, at: datetime | None = None) -> list[SitemapEntry]:
    """The sitemap index: the pages sitemap, one sitemap per month, and the News sitemap."""
    return [
        SitemapEntry(PAGES_PATH, _pages_lastmod(at=at)),
        *(SitemapEntry(month_path(month), last) for month, last in article_months(at=at)),
        SitemapEntry(NEWS_PATH, NewsSitemap(at=at).last_change()),
    ]


def sitemap_paths(*, at: datetime | None = None) -> list[str]:
    """Every sitemap file the site has right now."""
    return [INDEX_PATH, PAGES_PATH, *(month_path(month) for month, _ in article_months(at=at)), NEWS_PATH]

