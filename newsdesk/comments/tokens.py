"""Signed tokens: the comment form's, a commenter's view of their own pending comment, unsubscribe and privacy links.

Why a signed form token and not Django's CSRF cookie: article pages are baked to files and served to
every reader alike, so they cannot carry a per-reader secret, and a cookie would stop them from being
cached. Readers are not logged in, so a forged cross-site post cannot act with anyone's authority; what
it could do is post spam in a visitor's name from their IP address. The Origin (else Referer) check in
`views.check_origin` refuses such posts; the form token, signed with the site's key and tied to one
article, refuses posts that never came from one of our forms and carries the time the form was shown.

The "minimum time between showing the form and posting" needs that time. A baked page is rendered long
before a reader sees it, so its token carries the article's last modification time, which keeps the
page identical for every reader; comments.js (when JavaScript runs) swaps it for a fresh token from
`/comments/form-token/<id>/` as the page is shown, so a quick robot that runs scripts is caught. Without
JavaScript a baked token is older than the minimum and passes that one check; the honeypot, rate
limits, duplicate detection and moderation rules still apply.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from django.core import signing

FORM_SALT = "newsdesk.comments.form"
PENDING_SALT = "newsdesk.comments.pending"
UNSUBSCRIBE_SALT = "newsdesk.comments.unsubscribe"
PRIVACY_SALT = "newsdesk.comments.privacy"
# A commenter may come back to their pending comment's address for this long.
PENDING_MAX_AGE = 30 * 24 * 3600
PRIVACY_MAX_AGE = 2 * 24 * 3600


@dataclass(frozen=True)
class FormToken:
    article_id: int
    issued_at: int

    def age(self, *, now: float | None = None) -> float:
        return (now if now is not None else time.time()) - self.issued_at


def form_token(article_id: int, *, issued_at: float) -> str:
    """A deterministic token for one article's form (the same inputs give the same token)."""
    return signing.Signer(salt=FORM_SALT).sign_object({"a": article_id, "t": int(issued_at)}, compress=False)


def read_form_token(token: str) -> FormToken | None:
    try:
        data = signing.Signer(salt=FORM_SALT).unsign_object(token)
        return FormToken(article_id=int(data["a"]), issued_at=int(data["t"]))
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None


def pending_token(comment_id: int) -> str:
    return signing.dumps(comment_id, salt=PENDING_SALT)


def read_pending_token(token: str) -> int | None:
    try:
        return int(signing.loads(token, salt=PENDING_SALT, max_age=PENDING_MAX_AGE))
    except (signing.BadSignature, TypeError, ValueError):
        return None


def unsubscribe_token(comment_id: int) -> str:
    return signing.Signer(salt=UNSUBSCRIBE_SALT).sign(str(comment_id))


def read_unsubscribe_token(token: str) -> int | None:
    try:
        return int(signing.Signer(salt=UNSUBSCRIBE_SALT).unsign(token))
    except (signing.BadSignature, ValueError):
        return None


def privacy_token(email: str, action: str) -> str:
    return signing.dumps({"e": email, "a": action}, salt=PRIVACY_SALT)


def read_privacy_token(token: str) -> tuple[str, str] | None:
    try:
        data = signing.loads(token, salt=PRIVACY_SALT, max_age=PRIVACY_MAX_AGE)
        return str(data["e"]), str(data["a"])
    except (signing.BadSignature, KeyError, TypeError):
        return None
