"""The content model: the publication, its authors, sections, tags, articles and static pages."""

from __future__ import annotations

import re
import time
import zoneinfo
from datetime import timedelta
from urllib.parse import quote

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import timezone
from django.utils.http import RFC3986_SUBDELIMS

from newsdesk.content.markdown import html_to_text, render_markdown
from newsdesk.content.text import count_words, is_rtl, reading_time

PUBLICATION_CACHE_KEY = "newsdesk:publication"
# Top-level paths that belong to the site itself, so no static page may take them.
RESERVED_PAGE_SLUGS = {
    "admin", "api", "author", "authors", "feeds", "media", "page", "search", "section", "sections",
    "sitemap.xml", "sitemaps", "robots.txt", "static", "tag", "tags", "corrections", "comments", "preview",
    "stories", "latest", "404.html",
}  # fmt: skip


def render_body(body: str, language: str) -> tuple[str, int, int]:
    """An article body's sanitised HTML, word count and reading time in minutes: computed here alone,
    for the site and for the editor's live preview."""
    html = render_markdown(body)
    text = html_to_text(html)
    words, characters = count_words(text)
    return html, words + characters, reading_time(text, language)


def validate_time_zone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(f"“{value}” is not a known time zone; use a name such as Europe/London.")


def validate_page_slug(value: str) -> None:
    if value.lower() in RESERVED_PAGE_SLUGS:
        raise ValidationError(f"“{value}” is a path the site uses itself; choose another slug.")


# The publication as this process last read it, and when: every article address needs its time zone,
# and a sitemap builds thousands of addresses, so even the cache is too slow to ask each time.
_remembered: tuple[float, Publication] | None = None
REMEMBER_SECONDS = 1.0


def forget_publication() -> None:
    """Drop this process's copy of the publication and the cached one (after a change to it)."""
    global _remembered
    _remembered = None
    cache.delete(PUBLICATION_CACHE_KEY)


class PublicationQuerySet(models.QuerySet):
    def current(self) -> Publication:
        """The one publication this site runs, created with defaults on first use."""
        global _remembered
        remembered = _remembered
        if remembered is not None and time.monotonic() - remembered[0] < REMEMBER_SECONDS:
            return remembered[1]
        publication = cache.get(PUBLICATION_CACHE_KEY)
        if publication is None:
            self.get_or_create(pk=1, defaults={"name": "newsdesk"})
            publication = self.select_related("terms_page", "privacy_page", "logo").get(pk=1)
            # Short-lived: without Redis each server process has its own cache, and another process's
            # change to the settings must reach this one within seconds.
            cache.set(PUBLICATION_CACHE_KEY, publication, timeout=5)
        _remembered = (time.monotonic(), publication)
        return publication


class Publication(models.Model):
    """Site-wide settings: who publishes, in which language and time zone, under which terms."""

    name = models.CharField(max_length=120)
    tagline = models.CharField(max_length=200, blank=True)
    language = models.CharField(max_length=12, choices=settings.LANGUAGES, default="en")
    time_zone = models.CharField(max_length=64, default="UTC", validators=[validate_time_zone])
    copyright_holder = models.CharField(
        max_length=200, blank=True, help_text="Shown in the footer's copyright line; defaults to the name."
    )
    logo = models.ForeignKey("media.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    terms_page = models.ForeignKey(
        "Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name="Terms of Service page"
    )
    privacy_page = models.ForeignKey(
        "Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name="Privacy Policy page"
    )

    objects = PublicationQuerySet.as_manager()

    class Meta:
        constraints = [models.CheckConstraint(condition=models.Q(pk=1), name="single_publication")]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        super().save(*args, **kwargs)
        # Every page reads the publication through the cache; a change must show on the next request.
        forget_publication()
        transaction.on_commit(forget_publication)

    @property
    def is_rtl(self) -> bool:
        return is_rtl(self.language)

    @property
    def copyright_name(self) -> str:
        return self.copyright_holder or self.name

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)


class Author(models.Model):
    """A person who writes for the publication, with the role shown in their bylines."""

    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=120, unique=True, allow_unicode=True)
    role = models.CharField(max_length=120, blank=True, help_text='Shown in bylines, e.g. "International Editor".')
    bio = models.TextField(blank=True, help_text="A short paragraph for the author's page and bio box.")
    photo = models.ForeignKey("media.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="author"
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return slug_path("content:author", self.slug)


class Section(models.Model):
    """A part of the publication (World, Business, ...) with its own page and place in the navigation."""

    name = models.CharField(max_length=80)
    slug = models.SlugField(max_length=80, unique=True, allow_unicode=True)
    description = models.CharField(max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(default=0, help_text="Order in the navigation, smallest first.")
    in_navigation = models.BooleanField(default=True)

    class Meta:
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return slug_path("content:section", self.slug)


class Tag(models.Model):
    name = models.CharField(max_length=80)
    slug = models.SlugField(max_length=80, unique=True, allow_unicode=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return slug_path("content:tag", self.slug)


class ArticleQuerySet(models.QuerySet):
    def published(self, *, at=None) -> ArticleQuerySet:
        """Articles readers may see: published, with a publication time that has come."""
        return self.filter(status=Article.Status.PUBLISHED, published_at__lte=at or timezone.now())

    def latest_first(self) -> ArticleQuerySet:
        return self.order_by("-published_at", "-pk")

    def for_lists(self) -> ArticleQuerySet:
        """What article cards and lists show, fetched in a fixed number of queries."""
        return self.select_related("section", "lead_image").prefetch_related(
            "lead_image__renditions",
            models.Prefetch("bylines", queryset=ArticleAuthor.objects.select_related("author")),
        )


class Article(models.Model):
    """A story: Markdown body, authors in byline order, section, tags and lead image."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        REVIEW = "review", "In review"
        SCHEDULED = "scheduled", "Scheduled"
        PUBLISHED = "published", "Published"
        WITHDRAWN = "withdrawn", "Withdrawn"

    headline = models.CharField(max_length=200)
    dek = models.CharField("standfirst", max_length=400, blank=True, help_text="One or two sentences under the headline.")
    slug = models.SlugField(max_length=120, unique=True, allow_unicode=True)
    body = models.TextField(help_text="Markdown. Use ## for section headings.")
    body_html = models.TextField(editable=False, default="")
    word_count = models.PositiveIntegerField(editable=False, default=0)
    reading_time = models.PositiveSmallIntegerField(
        "reading time (minutes)", editable=False, default=1, help_text="Computed from the body when saved."
    )
    language = models.CharField(
        max_length=12, choices=settings.LANGUAGES, blank=True, help_text="Leave blank for the publication's language."
    )
    section = models.ForeignKey(Section, on_delete=models.PROTECT, related_name="articles")
    tags = models.ManyToManyField(Tag, blank=True, related_name="articles")
    authors = models.ManyToManyField(Author, through="ArticleAuthor", related_name="articles")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(null=True, blank=True, db_index=True)
    updated_at = models.DateTimeField(
        null=True, blank=True, help_text='Shown as "Updated" when the story changed after publication.'
    )
    lead_image = models.ForeignKey("media.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    modified_at = models.DateTimeField(auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    version = models.PositiveIntegerField(
        default=1, editable=False, help_text="Raised by every saved edit; a save made from an older version is refused."
    )

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        indexes = [
            # Lists, newest first, read backwards: ascending columns, so that ties on the time come out
            # by descending id as the lists order them (a descending index made SQLite sort the whole
            # list again). The columns after the id make it cover what lists skip past and what sitemaps
            # ask ("when did this month's stories last change"): SQLite stores a story's text before
            # these columns, and reading them from the table walks the text of every skipped story.
            models.Index(fields=["status", "published_at", "id", "updated_at", "section"], name="article_published_changes"),
            # A section's list: counted and paged without reading every other section's stories.
            models.Index(fields=["section", "status", "published_at"], name="article_section_listing"),
            # A tag's or an author's list starts from its own rows and checks each story by id: this
            # answers "is it public, and when" without walking the story's text in the table.
            models.Index(fields=["id", "status", "published_at"], name="article_public_by_id"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="published") | models.Q(published_at__isnull=False),
                name="published_article_has_time",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="scheduled") | models.Q(published_at__isnull=False),
                name="scheduled_article_has_time",
            ),
        ]

    def __str__(self) -> str:
        return self.headline

    def clean(self) -> None:
        if self.status == self.Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()

    def save(self, *args, **kwargs) -> None:
        self.compute_derived()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "body_html", "word_count", "reading_time"}
        super().save(*args, **kwargs)

    def compute_derived(self) -> None:
        """Derived columns of the article's own fields: rendered once when saved, so every page, list,
        feed and API response shows the same HTML, word count and reading time (previews call it too)."""
        self.body_html, self.word_count, self.reading_time = render_body(self.body, self.effective_language)

    @property
    def effective_language(self) -> str:
        return self.language or Publication.objects.current().language

    @property
    def is_rtl(self) -> bool:
        return is_rtl(self.effective_language)

    @property
    def is_public(self) -> bool:
        return self.status == self.Status.PUBLISHED and self.published_at is not None and self.published_at <= timezone.now()

    @property
    def was_updated(self) -> bool:
        """Whether to show an "Updated" time: only for changes well after publication."""
        return bool(self.updated_at and self.published_at and self.updated_at - self.published_at > timedelta(minutes=5))

    def get_absolute_url(self) -> str:
        local = timezone.localtime(self.published_at or timezone.now(), Publication.objects.current().zone)
        return article_path(local.year, local.month, local.day, self.slug)


# The article address pattern, read from the URL configuration once: reverse() costs about 70 µs, and a
# month's sitemap, a feed or a list page asks for hundreds of addresses.
_SAMPLE = {"year": 1999, "month": "11", "day": "22", "slug": "sample-slug"}
_SAMPLE_TAIL = "1999/11/22/sample-slug/"
_SLUG = re.compile(r"[-\w]+")
_article_patterns: dict[tuple, tuple[str, str] | None] = {}


def article_path(year: int, month: int, day: int, slug: str) -> str:
    """The address of the article with `slug` published on that day: what reverse("content:article") gives."""
    key = (get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF)
    if key not in _article_patterns:
        head, found, tail = reverse("content:article", kwargs=_SAMPLE).rpartition(_SAMPLE_TAIL)
        _article_patterns[key] = (head, tail) if found else None
    pattern = _article_patterns[key]
    if pattern is None or not _SLUG.fullmatch(slug):  # another layout, or a slug reverse() must refuse
        return reverse("content:article", kwargs={"year": year, "month": f"{month:02d}", "day": f"{day:02d}", "slug": slug})
    return pattern[0] + quote(f"{year}/{month:02d}/{day:02d}/{slug}/", safe=RFC3986_SUBDELIMS + "/~:@") + pattern[1]


_SAMPLE_SLUG = "sample-slug"
_slug_patterns: dict[tuple, tuple[str, str] | None] = {}


def slug_path(name: str, slug: str) -> str:
    """reverse(name, kwargs={"slug": slug}) for the one-slug addresses (a section's, tag's, author's or
    page's), from the pattern read once, as article_path does: an article page links to a dozen."""
    key = (name, get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF)
    if key not in _slug_patterns:
        head, found, tail = reverse(name, kwargs={"slug": _SAMPLE_SLUG}).rpartition(_SAMPLE_SLUG + "/")
        _slug_patterns[key] = (head, "/" + tail) if found else None
    pattern = _slug_patterns[key]
    if pattern is None or not _SLUG.fullmatch(slug):
        return reverse(name, kwargs={"slug": slug})
    return pattern[0] + quote(slug, safe=RFC3986_SUBDELIMS + "/~:@") + pattern[1]


class ArticleAuthor(models.Model):
    """One name in an article's byline, in order, with the credit shown beside it."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="bylines")
    author = models.ForeignKey(Author, on_delete=models.PROTECT, related_name="bylines")
    position = models.PositiveSmallIntegerField(default=0)
    credit = models.CharField(
        max_length=120, blank=True, help_text='For example "Reporting by" or "Photos by"; blank shows the role.'
    )

    class Meta:
        ordering = ["position", "pk"]
        constraints = [models.UniqueConstraint(fields=["article", "author"], name="author_once_per_article")]
        verbose_name = "byline"

    def __str__(self) -> str:
        return f"{self.author} ({self.credit_label})" if self.credit_label else str(self.author)

    @property
    def credit_label(self) -> str:
        return self.credit or self.author.role

    @property
    def credit_precedes_name(self) -> bool:
        """ "Reporting by Jane Doe" reads before the name; a role ("Jane Doe, Editor") after it."""
        return self.credit.strip().lower().endswith(" by")


class ArticleSlugHistory(models.Model):
    """A slug an article used to have, so its old address keeps working (301 to the new one)."""

    slug = models.SlugField(max_length=120, unique=True, allow_unicode=True)
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="old_slugs")
    retired_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name_plural = "article slug history"

    def __str__(self) -> str:
        return f"{self.slug} → {self.article.slug}"


class PageQuerySet(models.QuerySet):
    def published(self) -> PageQuerySet:
        return self.filter(is_published=True)


class Page(models.Model):
    """A standing page: About, Terms of Service, Privacy Policy, ..."""

    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=120, unique=True, allow_unicode=True, validators=[validate_page_slug])
    body = models.TextField(help_text="Markdown. Use ## for section headings.")
    body_html = models.TextField(editable=False, default="")
    is_published = models.BooleanField(default=True)
    in_footer = models.BooleanField(default=False, help_text="List this page in every page's footer.")
    updated_at = models.DateTimeField(auto_now=True)

    objects = PageQuerySet.as_manager()

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        self.body_html = render_markdown(self.body)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "body_html"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return slug_path("content:page", self.slug)
