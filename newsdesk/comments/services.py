"""Every write to comments goes through these functions: the public form, the admin, tasks and the demo alike."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from newsdesk.comments import notifications, ratelimit
from newsdesk.comments.models import ArticleCommentSettings, Comment, CommentSettings
from newsdesk.comments.moderation import ModerationPolicy
from newsdesk.comments.text import has_control_characters, normalize
from newsdesk.content.models import Article
from newsdesk.content.signals import article_changed


class CommentRefused(Exception):
    """A comment that cannot be accepted; `status` is the HTTP status a view answers with."""

    status = 400

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


class CommentsClosed(CommentRefused):
    status = 403


class CommentTooLong(CommentRefused):
    status = 413


class DuplicateComment(CommentRefused):
    status = 409


class RateLimited(CommentRefused):
    status = 429

    def __init__(self, message: str, *, retry_after: int):
        super().__init__(message)
        self.retry_after = retry_after


@dataclass(frozen=True)
class Commenter:
    """Who sent a comment, as the request tells it (kept for abuse defence, erased after N days)."""

    ip_address: str | None = None
    user_agent: str = ""


def comments_open(article: Article, *, at: datetime | None = None, settings: CommentSettings | None = None) -> bool:
    """Whether readers may comment: a public article, not closed by an editor nor by age."""
    settings = settings or CommentSettings.objects.current()
    if not article.is_public:
        return False
    try:
        # One query, or none when the caller fetched it with select_related("comment_settings").
        closed = not article.comment_settings.comments_open
    except ArticleCommentSettings.DoesNotExist:
        closed = False
    if closed:
        return False
    if settings.close_after_days and article.published_at:
        return (at or timezone.now()) < article.published_at + timedelta(days=settings.close_after_days)
    return True


def announce_comment_change(comment: Comment) -> None:
    """Once committed, tell publishing that what readers see under this article changed (it re-bakes)."""
    article = comment.article
    transaction.on_commit(lambda: article_changed.send(sender=Comment, article=article))


def _check_text(name: str, email: str, website: str, body: str, settings: CommentSettings) -> None:
    for field, value in (("name", name), ("email", email), ("website", website), ("body", body)):
        if "\x00" in value or has_control_characters(value):
            raise CommentRefused("This contains control characters that cannot be stored; remove them.", field=field)
    if not body:
        raise CommentRefused("Write a comment before sending it.", field="body")
    if len(body) > settings.max_length:
        raise CommentTooLong(
            f"A comment can be at most {settings.max_length:,} characters; this one has {len(body):,}.", field="body"
        )


def _reply_parent(article: Article, parent_id: int | None, settings: CommentSettings) -> Comment | None:
    """The approved comment a reply hangs under; past the deepest level, the reply joins its parent's thread."""
    if parent_id is None:
        return None
    parent = Comment.objects.approved().filter(article=article, pk=parent_id).first()
    if parent is None:
        raise CommentRefused("The comment you replied to is no longer there.", field="parent")
    while parent.depth >= settings.max_depth and parent.parent_id:
        parent = parent.parent
    return parent if parent.depth < settings.max_depth else None


def post_comment(
    article: Article,
    *,
    name: str,
    email: str,
    body: str,
    website: str = "",
    parent_id: int | None = None,
    notify_replies: bool = False,
    commenter: Commenter = Commenter(),
    at: datetime | None = None,
    policy: type[ModerationPolicy] = ModerationPolicy,
) -> Comment:
    """Check, moderate and store a reader's comment; raise CommentRefused (nothing stored) when it cannot be.

    Most checks read before the write transaction, so SQLite's single write lock is held only for the
    rate count and the insert. The unique constraint, not a read, keeps two identical posts from both
    being stored.
    """
    now = at or timezone.now()
    settings = CommentSettings.objects.current()
    name, email, website, body = normalize(name), normalize(email).lower(), normalize(website), normalize(body)
    _check_text(name, email, website, body, settings)
    if not comments_open(article, at=now, settings=settings):
        raise CommentsClosed("Comments are closed on this article.")
    parent = _reply_parent(article, parent_id, settings)
    comment = Comment(
        article=article, parent=parent, depth=parent.depth + 1 if parent else 1, name=name, email=email,
        website=website, body=body, notify_replies=notify_replies, ip_address=commenter.ip_address,
        user_agent=commenter.user_agent[:300], submitted_at=now,
    )  # fmt: skip
    try:
        # The article and parent were just read; the constraint is checked by the insert itself.
        comment.full_clean(exclude=["article", "parent", "body_hash", "status"], validate_constraints=False)
    except ValidationError as error:
        field, messages = next(iter(error.message_dict.items()))
        raise CommentRefused(messages[0], field=field) from error
    comment.status = policy(settings).decide(comment).status
    try:
        with transaction.atomic():
            # Counted inside the write transaction, after taking the sender's lock, so that simultaneous
            # posts from one address (even to different server processes) cannot all slip under the limit.
            ratelimit.lock_senders(ip=commenter.ip_address, email=email)
            if limited := ratelimit.check_rate(ip=commenter.ip_address, email=email, settings=settings, at=now):
                raise RateLimited(
                    f"Too many comments from your {limited.what}; try again in {limited.retry_after} seconds.",
                    retry_after=limited.retry_after,
                )
            comment.save()
            _after_status_change(comment, previous=None)
    except IntegrityError as error:
        raise DuplicateComment("You have already said that under this article.", field="body") from error
    ratelimit.record_comment(ip=commenter.ip_address, email=email, settings=settings, at=now)
    return comment


def _after_status_change(comment: Comment, *, previous: str | None) -> None:
    """The effects of a comment arriving or changing status: re-bake, tell editors, tell the replied-to."""
    if Comment.Status.APPROVED in (previous, comment.status) and previous != comment.status:
        announce_comment_change(comment)
    if comment.status == Comment.Status.PENDING and previous != Comment.Status.PENDING:
        transaction.on_commit(lambda: notifications.tell_editors_comment_waits(comment))
    if comment.status == Comment.Status.APPROVED and comment.parent_id and not comment.reply_notified:
        Comment.objects.filter(pk=comment.pk).update(reply_notified=True)
        comment.reply_notified = True
        transaction.on_commit(lambda: notifications.tell_commenter_of_reply(comment))


@transaction.atomic
def set_comment_status(comment: Comment, status: str, *, at: datetime | None = None) -> Comment:
    """Move a comment to approved, pending, spam or trash, with everything that follows from it."""
    previous = Comment.objects.select_for_update().values_list("status", flat=True).get(pk=comment.pk)
    if previous == status:
        return comment
    comment.status = status
    comment.moderated_at = at or timezone.now()
    comment.save(update_fields=["status", "moderated_at"])
    _after_status_change(comment, previous=previous)
    return comment


def approve_comment(comment: Comment, *, at: datetime | None = None) -> Comment:
    return set_comment_status(comment, Comment.Status.APPROVED, at=at)


def mark_comment_spam(comment: Comment, *, at: datetime | None = None) -> Comment:
    return set_comment_status(comment, Comment.Status.SPAM, at=at)


def trash_comment(comment: Comment, *, at: datetime | None = None) -> Comment:
    return set_comment_status(comment, Comment.Status.TRASH, at=at)


def restore_comment(comment: Comment, *, at: datetime | None = None) -> Comment:
    """Take a comment out of spam or trash, back to the moderation queue for an editor to decide."""
    return set_comment_status(comment, Comment.Status.PENDING, at=at)


@transaction.atomic
def edit_comment(comment: Comment) -> Comment:
    """Save an editor's change to a comment (a typo fixed, a name shortened); readers see it if approved."""
    comment.email = comment.email.strip().lower()
    comment.full_clean(exclude=["body_hash"])
    previous = Comment.objects.values_list("status", flat=True).get(pk=comment.pk)
    comment.save()
    if comment.is_public or previous == Comment.Status.APPROVED:
        announce_comment_change(comment)
    return comment


@transaction.atomic
def delete_comment(comment: Comment) -> None:
    """Delete a comment; its replies move up to its parent so other readers' words are kept."""
    Comment.objects.filter(parent=comment).update(parent=comment.parent)
    _fix_depths(comment.article_id)
    if comment.is_public:
        announce_comment_change(comment)
    comment.delete()


def _fix_depths(article_id: int) -> None:
    comments = {c.pk: c for c in Comment.objects.filter(article_id=article_id).only("pk", "parent_id", "depth")}

    def depth(c: Comment) -> int:
        return 1 if c.parent_id is None or c.parent_id not in comments else depth(comments[c.parent_id]) + 1

    changed = []
    for comment in comments.values():
        if comment.depth != (correct := depth(comment)):
            comment.depth = correct
            changed.append(comment)
    Comment.objects.bulk_update(changed, ["depth"])


@transaction.atomic
def set_comments_open(article: Article, open_: bool) -> ArticleCommentSettings:
    """Open or close one article's comments; its page shows or hides the form."""
    row, _ = ArticleCommentSettings.objects.update_or_create(article=article, defaults={"comments_open": open_})
    article.comment_settings = row
    transaction.on_commit(lambda: article_changed.send(sender=Comment, article=article))
    return row


def close_comments(article: Article) -> ArticleCommentSettings:
    return set_comments_open(article, False)


def open_comments(article: Article) -> ArticleCommentSettings:
    return set_comments_open(article, True)


def unsubscribe_from_replies(comment: Comment) -> int:
    """Stop reply emails for every comment this address made under the same article."""
    return Comment.objects.filter(article=comment.article_id).by_email(comment.email).update(notify_replies=False)


def erase_commenter_data(*, at: datetime | None = None, days: int | None = None) -> int:
    """Erase IP addresses and user agents of comments older than the retention period; return how many."""
    days = days if days is not None else CommentSettings.objects.current().retention_days
    stale = Comment.objects.older_than(days, at=at).exclude(ip_address__isnull=True, user_agent="")
    return stale.update(ip_address=None, user_agent="")


def request_privacy_action(email: str, action: str) -> None:
    """Send a signed link to `email` that, once opened, exports or deletes the comments made with it."""
    if action not in ("export", "delete"):
        raise ValueError(f"unknown privacy action {action!r}; use 'export' or 'delete'")
    email = normalize(email).lower()
    # Always mailed, comments or not, so the answer on the page never tells whether an address commented.
    notifications.send_privacy_link(email, action)


def export_comments(email: str) -> str:
    """Every comment made with this address, as JSON (the commenter's own copy)."""
    comments = Comment.objects.by_email(email).select_related("article").thread_order()
    return json.dumps(
        {
            "email": email,
            "comments": [
                {
                    "article": c.article.headline,
                    "address": c.get_absolute_url(),
                    "name": c.name,
                    "website": c.website,
                    "comment": c.body,
                    "status": c.status,
                    "submitted_at": c.submitted_at.isoformat(),
                    "ip_address": c.ip_address,
                    "user_agent": c.user_agent,
                }
                for c in comments
            ],
        },
        ensure_ascii=False,
        indent=2,
    )


@transaction.atomic
def delete_comments_by_email(email: str) -> int:
    """Delete every comment made with this address (others' replies to them are kept); return how many."""
    ids = list(Comment.objects.by_email(email).values_list("pk", flat=True))
    for pk in ids:
        # Fetched one at a time: deleting one moves its replies, so an earlier fetch would be stale.
        delete_comment(Comment.objects.select_related("article", "parent").get(pk=pk))
    return len(ids)
