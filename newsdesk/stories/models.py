"""Developing stories (a thread of articles with its key facts, who's who and timeline) and live coverage."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from newsdesk.content.markdown import render_markdown


class StoryQuerySet(models.QuerySet):
    def developing(self) -> StoryQuerySet:
        return self.filter(status=Story.Status.DEVELOPING)

    def in_navigation(self) -> StoryQuerySet:
        """Developing stories an editor put in the site's navigation, in their order."""
        return self.developing().filter(in_navigation=True).order_by("navigation_position", "title")


class Story(models.Model):
    """A story that runs over many articles: "US–Iran talks", with its own page, feeds and live coverage."""

    class Status(models.TextChoices):
        DEVELOPING = "developing", "Developing"
        CONCLUDED = "concluded", "Concluded"

    title = models.CharField(max_length=120)
    slug = models.SlugField(max_length=120, unique=True, allow_unicode=True)
    summary = models.TextField(help_text="Markdown: where the story stands, in a few sentences.")
    summary_html = models.TextField(editable=False, default="")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DEVELOPING)
    in_navigation = models.BooleanField(
        default=True, help_text="Show the story in the site's navigation while it is developing."
    )
    navigation_position = models.PositiveSmallIntegerField(default=0, help_text="Order in the navigation, smallest first.")
    articles = models.ManyToManyField("content.Article", through="StoryArticle", related_name="stories", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = StoryQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at"]
        verbose_name_plural = "stories"

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        self.summary_html = render_markdown(self.summary)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "summary_html"}
        super().save(*args, **kwargs)

    @property
    def is_developing(self) -> bool:
        return self.status == self.Status.DEVELOPING

    def get_absolute_url(self) -> str:
        return reverse("stories:story", kwargs={"slug": self.slug})


class StoryArticle(models.Model):
    """An article that is an instalment of a story (an article belongs to one story at most)."""

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="story_articles")
    article = models.ForeignKey("content.Article", on_delete=models.CASCADE, related_name="story_links")

    class Meta:
        verbose_name = "article in the story"
        verbose_name_plural = "articles in the story"
        constraints = [models.UniqueConstraint(fields=["article"], name="article_in_one_story")]

    def __str__(self) -> str:
        return str(self.article)


class KeyFact(models.Model):
    """One line of "What we know": a short statement, optionally a figure with its unit, source and date."""

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="facts")
    statement = models.CharField(max_length=300)
    figure = models.DecimalField(max_digits=18, decimal_places=2, null=True, blank=True)
    unit = models.CharField(max_length=60, blank=True, help_text='What the figure counts, e.g. "deaths".')
    source = models.CharField(max_length=200, blank=True, help_text='Who says so, e.g. "Rights groups".')
    source_url = models.URLField(blank=True)
    as_of = models.DateField(null=True, blank=True, help_text="When the figure was last reported.")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = "key fact"

    def __str__(self) -> str:
        return self.statement

    @property
    def figure_display(self) -> str:
        """The figure as readers read it: 6,883 (no trailing zeros), with its unit."""
        if self.figure is None:
            return ""
        value = self.figure
        number = f"{int(value):,}" if value == value.to_integral_value() else f"{value.normalize():,f}"
        return f"{number} {self.unit}".strip()


class Person(models.Model):
    """Someone in the story's who's who: name, role, one line, linked to a tag or author page where one exists."""

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="people")
    name = models.CharField(max_length=120)
    role = models.CharField(max_length=160)
    group = models.CharField(max_length=80, blank=True, help_text='Heading they are listed under, e.g. "Mediators".')
    description = models.CharField(max_length=300, blank=True, help_text="One line on why they matter here.")
    tag = models.ForeignKey("content.Tag", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    author = models.ForeignKey("content.Author", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = "person in who's who"
        verbose_name_plural = "who's who"

    def __str__(self) -> str:
        return f"{self.name}, {self.role}"

    @property
    def link(self) -> str:
        if self.tag_id:
            return self.tag.get_absolute_url()
        if self.author_id:
            return self.author.get_absolute_url()
        return ""


class TimelineEntry(models.Model):
    """A dated event in the story, with a line of text and, optionally, the article that covers it."""

    class Precision(models.TextChoices):
        DAY = "day", "Day"
        MONTH = "month", "Month"

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="timeline")
    happened_on = models.DateField()
    precision = models.CharField(
        max_length=5, choices=Precision.choices, default=Precision.DAY, help_text="Month: show only month and year."
    )
    text = models.CharField(max_length=300)
    article = models.ForeignKey("content.Article", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["happened_on", "pk"]
        verbose_name = "timeline entry"
        verbose_name_plural = "timeline"

    def __str__(self) -> str:
        return f"{self.happened_on}: {self.text}"

    @property
    def date_format(self) -> str:
        return "F Y" if self.precision == self.Precision.MONTH else "j F Y"


class LiveCoverageQuerySet(models.QuerySet):
    def live(self) -> LiveCoverageQuerySet:
        return self.filter(ended_at__isnull=True)


class LiveCoverage(models.Model):
    """A live page: short timestamped updates while something happens, for a story or on its own."""

    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=120, unique=True, allow_unicode=True)
    story = models.ForeignKey(Story, null=True, blank=True, on_delete=models.SET_NULL, related_name="live_coverage")
    summary = models.CharField(max_length=400, blank=True, help_text="One or two sentences under the title.")
    started_at = models.DateTimeField(default=timezone.now)
    ended_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = LiveCoverageQuerySet.as_manager()

    class Meta:
        ordering = ["-started_at"]
        verbose_name = "live coverage"
        verbose_name_plural = "live coverage"

    def __str__(self) -> str:
        return self.title

    @property
    def is_live(self) -> bool:
        return self.ended_at is None

    def get_absolute_url(self) -> str:
        return reverse("stories:live", kwargs={"slug": self.slug})

    def get_events_url(self) -> str:
        return reverse("stories_live:events", kwargs={"slug": self.slug})


class LiveUpdateQuerySet(models.QuerySet):
    def shown(self) -> LiveUpdateQuerySet:
        """Updates on the page, newest first (removed ones stay, as a notice)."""
        return self.select_related("author", "image").order_by("-posted_at", "-pk")


class LiveUpdate(models.Model):
    """One update on a live page. Corrections and removals are shown to readers, never silent."""

    coverage = models.ForeignKey(LiveCoverage, on_delete=models.CASCADE, related_name="updates")
    body = models.TextField(help_text="Markdown. Keep it short.")
    body_html = models.TextField(editable=False, default="")
    image = models.ForeignKey("media.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    author = models.ForeignKey("content.Author", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    posted_at = models.DateTimeField(default=timezone.now, db_index=True)
    posted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    is_pinned = models.BooleanField("pinned as the key update", default=False)
    corrected_at = models.DateTimeField(null=True, blank=True, editable=False)
    correction_note = models.CharField(max_length=300, blank=True, editable=False)
    previous_body_html = models.TextField(editable=False, default="", help_text="What the update said before its correction.")
    removed_at = models.DateTimeField(null=True, blank=True, editable=False)
    removal_note = models.CharField(max_length=300, blank=True, editable=False)

    objects = LiveUpdateQuerySet.as_manager()

    class Meta:
        ordering = ["-posted_at", "-pk"]
        verbose_name = "live update"
        constraints = [
            models.UniqueConstraint(
                fields=["coverage"], condition=models.Q(is_pinned=True), name="one_pinned_update_per_coverage"
            )
        ]

    def __str__(self) -> str:
        first_line = self.body.strip().splitlines()[0] if self.body.strip() else ""
        return first_line[:80]

    def save(self, *args, **kwargs) -> None:
        self.body_html = render_markdown(self.body)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "body_html"}
        super().save(*args, **kwargs)

    @property
    def is_removed(self) -> bool:
        return self.removed_at is not None

    @property
    def anchor(self) -> str:
        return f"update-{self.pk}"

    def get_absolute_url(self) -> str:
        """The update's permalink: its place on the live page."""
        return f"{self.coverage.get_absolute_url()}#{self.anchor}"


class LiveEvent(models.Model):
    """Something readers with the live page open must be told: an update posted, corrected, pinned,
    removed, or the coverage ended. Its id is the Server-Sent Events id, so a reconnecting reader
    gets exactly what it missed."""

    class Kind(models.TextChoices):
        POSTED = "posted"
        CHANGED = "changed"  # corrected, removed, pinned or unpinned: the update's HTML is replaced
        ENDED = "ended"

    coverage = models.ForeignKey(LiveCoverage, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    payload = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        indexes = [models.Index(fields=["coverage", "id"], name="live_event_resume")]

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk}"
