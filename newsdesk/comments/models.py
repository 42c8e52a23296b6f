"""Reader comments: the comment itself, the publication's comment settings, and per-article switches."""

from __future__ import annotations

import hashlib
from datetime import timedelta

from django.core.cache import cache
from django.core.validators import MinValueValidator
from django.db import models, transaction
from django.utils import timezone

SETTINGS_CACHE_KEY = "newsdesk:comment-settings"


def body_fingerprint(body: str) -> str:
    """What duplicate detection compares: the text with case and runs of white space ignored."""
    return hashlib.sha256(" ".join(body.split()).casefold().encode("utf-8")).hexdigest()


class CommentSettingsQuerySet(models.QuerySet):
    def current(self) -> CommentSettings:
        """The publication's one row of comment settings, created with defaults on first use."""
        found = cache.get(SETTINGS_CACHE_KEY)
        if found is None:
            found, _ = self.get_or_create(pk=1)
            # Short-lived for the same reason as the publication's: each process may have its own cache.
            cache.set(SETTINGS_CACHE_KEY, found, timeout=5)
        return found


class CommentSettings(models.Model):
    """How the publication moderates and defends its comments; one row, edited in the admin."""

    max_depth = models.PositiveSmallIntegerField(
        "reply depth", default=3, validators=[MinValueValidator(1)], help_text="1 = no replies; 3 = replies to replies."
    )
    hold_first_comment = models.BooleanField(
        default=True, help_text="Hold a commenter's first comment for moderation; later ones appear at once."
    )
    hold_all = models.BooleanField(default=False, help_text="Hold every comment for moderation.")
    max_links = models.PositiveSmallIntegerField(
        default=2, help_text="A comment with more links than this is held for moderation."
    )
    moderation_words = models.TextField(
        blank=True, help_text="One word or phrase a line: a comment containing one is held for moderation."
    )
    blocked_words = models.TextField(
        blank=True, help_text="One word or phrase a line: a comment containing one goes straight to spam."
    )
    close_after_days = models.PositiveSmallIntegerField(
        default=0, help_text="Close comments this many days after an article's publication; 0 = never."
    )
    max_length = models.PositiveIntegerField(
        default=5000, validators=[MinValueValidator(10)], help_text="The longest comment accepted, in characters."
    )
    min_seconds = models.PositiveSmallIntegerField(
        default=3, help_text="Refuse a comment sent sooner than this after the form was shown (robots are quick)."
    )
    rate_limit_count = models.PositiveIntegerField(
        default=5, help_text="At most this many comments from one IP address, and from one email, per window."
    )
    rate_limit_seconds = models.PositiveIntegerField(default=60, help_text="The rate limit's window, in seconds.")
    retention_days = models.PositiveSmallIntegerField(
        default=30, validators=[MinValueValidator(1)], help_text="Erase commenters' IP addresses and user agents after this many days."
    )

    objects = CommentSettingsQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "comment settings"
        constraints = [models.CheckConstraint(condition=models.Q(pk=1), name="single_comment_settings")]

    def __str__(self) -> str:
        return "Comment settings"

    def save(self, *args, **kwargs) -> None:
        super().save(*args, **kwargs)
        cache.delete(SETTINGS_CACHE_KEY)
        transaction.on_commit(lambda: cache.delete(SETTINGS_CACHE_KEY))

    @staticmethod
    def _lines(text: str) -> list[str]:
        return [line.strip().casefold() for line in text.splitlines() if line.strip()]

    @property
    def moderation_word_list(self) -> list[str]:
        return self._lines(self.moderation_words)

    @property
    def blocked_word_list(self) -> list[str]:
        return self._lines(self.blocked_words)


class ArticleCommentSettings(models.Model):
    """Whether one article takes comments; an article without a row takes them."""

    article = models.OneToOneField("content.Article", on_delete=models.CASCADE, related_name="comment_settings")
    comments_open = models.BooleanField(default=True)

    class Meta:
        verbose_name = verbose_name_plural = "article comment settings"

    def __str__(self) -> str:
        return f"{self.article}: comments {'open' if self.comments_open else 'closed'}"


class CommentQuerySet(models.QuerySet):
    def approved(self) -> CommentQuerySet:
        """What readers see."""
        return self.filter(status=Comment.Status.APPROVED)

    def awaiting_moderation(self) -> CommentQuerySet:
        return self.filter(status=Comment.Status.PENDING)

    def by_email(self, email: str) -> CommentQuerySet:
        """Comments made with this address; services store addresses in lower case, so this uses the index."""
        return self.filter(email=email.strip().lower())

    def thread_order(self) -> CommentQuerySet:
        """Oldest first, as a conversation reads."""
        return self.order_by("submitted_at", "pk")

    def older_than(self, days: int, *, at=None) -> CommentQuerySet:
        return self.filter(submitted_at__lt=(at or timezone.now()) - timedelta(days=days))


class Comment(models.Model):
    """A reader's plain-text comment on an article, possibly in reply to another."""

    class Status(models.TextChoices):
        PENDING = "pending", "Awaiting moderation"
        APPROVED = "approved", "Approved"
        SPAM = "spam", "Spam"
        TRASH = "trash", "Trash"

    article = models.ForeignKey("content.Article", on_delete=models.CASCADE, related_name="comments")
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies")
    depth = models.PositiveSmallIntegerField(default=1, editable=False, help_text="1 for a comment, 2 for a reply, ...")
    name = models.CharField(max_length=100)
    email = models.EmailField(max_length=254, help_text="Never shown to readers.")
    website = models.URLField(max_length=200, blank=True)
    body = models.TextField("comment")
    body_hash = models.CharField(max_length=64, editable=False)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True)
    notify_replies = models.BooleanField("email me replies", default=False)
    reply_notified = models.BooleanField(default=False, editable=False)
    ip_address = models.GenericIPAddressField("IP address", null=True, blank=True)
    user_agent = models.CharField(max_length=300, blank=True)
    submitted_at = models.DateTimeField(default=timezone.now, db_index=True)
    moderated_at = models.DateTimeField(null=True, blank=True)

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["submitted_at", "pk"]
        indexes = [
            models.Index(fields=["article", "status", "submitted_at"], name="comment_article_status"),
            models.Index(fields=["email", "submitted_at"], name="comment_email_time"),
            models.Index(fields=["ip_address", "submitted_at"], name="comment_ip_time"),
        ]
        constraints = [
            # Duplicate detection that holds under concurrency: the same person cannot say the same
            # thing twice under the same article.
            models.UniqueConstraint(fields=["article", "email", "body_hash"], name="comment_not_duplicated"),
        ]

    def __str__(self) -> str:
        excerpt = " ".join(self.body.split())
        return f"{self.name}: {excerpt[:60]}{'…' if len(excerpt) > 60 else ''}"

    def save(self, *args, **kwargs) -> None:
        self.body_hash = body_fingerprint(self.body)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "body_hash"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return f"{self.article.get_absolute_url()}#comment-{self.pk}"

    @property
    def anchor(self) -> str:
        return f"comment-{self.pk}"

    @property
    def is_public(self) -> bool:
        return self.status == self.Status.APPROVED

    @property
    def initials(self) -> str:
        """The avatar shows the commenter's initials, never anything derived from their email."""
        words = [w for w in self.name.split() if w[:1].isalnum()]
        return "".join(w[0] for w in words[:2]).upper() or "?"

    @property
    def avatar_tone(self) -> int:
        """One of eight colours (CSS classes, so a strict CSP needs no inline style), chosen by the name."""
        return int(hashlib.sha256(self.name.encode("utf-8")).hexdigest()[:4], 16) % 8
