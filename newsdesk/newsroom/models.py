"""The newsroom's records around an article: its revisions, its workflow history and its corrections."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse

from newsdesk.content.models import Article


class Revision(models.Model):
    """The article as one save left it: words, placement and who saved it.

    `data` holds the snapshot (see workflow.snapshot). A revision saved on a published article is its
    pending update (`is_applied` False) until it is published; a save refused for a conflict is kept
    as a revision too (`kind` conflict), so nothing anyone wrote is lost.
    """

    class Kind(models.TextChoices):
        SAVED = "saved", "Saved"
        PENDING = "pending", "Pending update"
        CONFLICT = "conflict", "Refused save (conflict)"
        RESTORED = "restored", "Restored"
        IMPORTED = "imported", "First version"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField()
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.SAVED)
    headline = models.CharField(max_length=200)
    data = models.JSONField()
    base_version = models.PositiveIntegerField(help_text="The article version the writer started from.")
    version = models.PositiveIntegerField(null=True, help_text="The article version this save made (none if refused).")
    is_applied = models.BooleanField(default=True, help_text="False while it is an unpublished update.")
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-number"]
        constraints = [models.UniqueConstraint(fields=["article", "number"], name="revision_number_per_article")]

    def __str__(self) -> str:
        return f"Revision {self.number} of “{self.headline}”"


class Event(models.Model):
    """One step in an article's life: who did what, when. Publishing actions make the audit log."""

    class Action(models.TextChoices):
        CREATE = "create", "Created"
        SAVE = "save", "Saved"
        SUBMIT = "submit", "Submitted for review"
        RETURN = "return", "Returned to draft"
        SCHEDULE = "schedule", "Scheduled"
        UNSCHEDULE = "unschedule", "Unscheduled"
        PUBLISH = "publish", "Published"
        UPDATE = "update", "Published an update"
        WITHDRAW = "withdraw", "Withdrawn"
        RESTORE = "restore", "Restored a revision"
        CORRECT = "correct", "Added a correction"
        CONFLICT = "conflict", "Save refused (conflict)"

    PUBLISHING = [Action.PUBLISH, Action.UPDATE, Action.SCHEDULE, Action.UNSCHEDULE, Action.WITHDRAW, Action.RESTORE, Action.CORRECT]

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=12, choices=Action.choices)
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20, blank=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(db_index=True)
    note = models.CharField(max_length=500, blank=True)
    headline = models.CharField(max_length=200, help_text="The headline at the time, for the audit log.")

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = "history entry"
        verbose_name_plural = "history (audit log)"

    def __str__(self) -> str:
        who = self.user.get_username() if self.user else "the scheduler"
        return f"{self.get_action_display()} by {who}"


class CorrectionQuerySet(models.QuerySet):
    def public(self) -> CorrectionQuerySet:
        return self.filter(article__in=Article.objects.published())


class Correction(models.Model):
    """A note readers are shown on a published article: a correction of an error, or an update."""

    class Kind(models.TextChoices):
        CORRECTION = "correction", "Correction"
        UPDATE = "update", "Update"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="corrections")
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.CORRECTION)
    text = models.TextField(max_length=2000, help_text="What was wrong and what is right now, in a sentence or two.")
    created_at = models.DateTimeField(db_index=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    objects = CorrectionQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.text[:60]}"

    def get_absolute_url(self) -> str:
        return reverse("newsroom:corrections")
