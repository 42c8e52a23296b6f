"""Emails about comments, through Django's email backend (the console in development)."""

from __future__ import annotations

import logging
import smtplib

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.mail import EmailMessage, send_mail
from django.urls import reverse

from newsdesk.comments import tokens

logger = logging.getLogger(__name__)


def _absolute(path: str) -> str:
    return f"{settings.NEWSDESK_BASE_URL}{path}"


EDITORS_CACHE_KEY = "newsdesk:comment-editors"


def editors():
    """Who moderates: active staff allowed to change comments (roles will refine this)."""
    users = get_user_model().objects.with_perm("comments.change_comment", is_active=True, include_superusers=True)
    return users.filter(is_staff=True).exclude(email="")


def editor_addresses() -> list[str]:
    """The editors' addresses, kept for a minute: the permission query is the dearest part of a post."""
    return cache.get_or_set(EDITORS_CACHE_KEY, lambda: list(editors().values_list("email", flat=True)), timeout=60)


def _send(message: EmailMessage) -> None:
    # Called after the comment is committed: a mail server that is down must not turn the reader's
    # accepted comment into an error page, so the failure is logged for the operator instead.
    try:
        message.send()
    except (OSError, smtplib.SMTPException):
        logger.exception("Could not send the email %r to %s", message.subject, message.to)


def tell_editors_comment_waits(comment) -> None:
    """Email every editor that a comment awaits moderation, with a link to it in the admin."""
    recipients = editor_addresses()
    if not recipients:
        return
    admin_url = _absolute(reverse("admin:comments_comment_change", args=[comment.pk]))
    body = (
        f"A comment on “{comment.article.headline}” awaits moderation.\n\n"
        f"From: {comment.name}\n\n{comment.body}\n\n"
        f"Approve, mark as spam or trash it: {admin_url}\n"
    )
    _send(EmailMessage(f"Comment awaiting moderation: {comment.article.headline}", body, to=recipients))


def tell_commenter_of_reply(reply) -> None:
    """Email the author of the comment replied to, if they asked for it, with a one-click unsubscribe."""
    parent = reply.parent
    if parent is None or not parent.notify_replies or parent.email.lower() == reply.email.lower():
        return
    unsubscribe = _absolute(reverse("comments:unsubscribe", args=[tokens.unsubscribe_token(parent.pk)]))
    body = (
        f"{reply.name} replied to your comment on “{reply.article.headline}”:\n\n{reply.body}\n\n"
        f"Read the conversation: {_absolute(reply.get_absolute_url())}\n\n"
        f"Stop these emails for this article with one click: {unsubscribe}\n"
    )
    message = EmailMessage(
        f"New reply to your comment on {reply.article.headline}",
        body,
        to=[parent.email],
        headers={"List-Unsubscribe": f"<{unsubscribe}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"},
    )
    _send(message)


def send_privacy_link(email: str, action: str) -> None:
    """Email the signed link that confirms an export or deletion request."""
    link = _absolute(reverse("comments:privacy_confirm", args=[tokens.privacy_token(email, action)]))
    what = "a copy of every comment" if action == "export" else "the deletion of every comment"
    body = (
        f"Someone (we hope you) asked for {what} made with this email address.\n\n"
        f"To confirm, open this link within two days: {link}\n\n"
        "If you did not ask for this, ignore this email; nothing will happen.\n"
    )
    try:
        send_mail(f"Confirm your request about your comments ({action})", body, None, [email])
    except (OSError, smtplib.SMTPException):
        logger.exception("Could not send the privacy confirmation to %s", email)
