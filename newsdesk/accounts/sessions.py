"""Sessions of staff and readers' accounts: limits on their age, and ending all of an account's at once.

Django rotates the session key at sign-in. Here: staff sessions end after 2 hours without a request and
12 hours in all; logout, a password change and deactivation end every session of the account (a
password change keeps the session it was made in, under a new key).
"""

from __future__ import annotations

from datetime import timedelta
from importlib import import_module

from django.conf import settings
from django.contrib.sessions.backends.base import SessionBase
from django.utils import timezone

from newsdesk.accounts.models import AccountSession

STAFF_IDLE = timedelta(hours=2)
STAFF_LIFETIME = timedelta(hours=12)
SIGNED_IN_AT = "_newsdesk_signed_in_at"
SEEN_AT = "_newsdesk_seen_at"
TRACKED_KEY = "_newsdesk_tracked_key"
# A request within a minute of the last one does not write the session again.
SEEN_RESOLUTION = 60


def _store(session_key: str | None = None) -> SessionBase:
    return import_module(settings.SESSION_ENGINE).SessionStore(session_key)


def start_session(request, user) -> None:
    """At sign-in: note when it happened, cap a staff session's idle time, and remember the session."""
    now = int(timezone.now().timestamp())
    request.session[SIGNED_IN_AT] = now
    request.session[SEEN_AT] = now
    if user.is_staff:
        request.session.set_expiry(int(STAFF_IDLE.total_seconds()))
    track_session(request, user)


def track_session(request, user) -> None:
    """Remember the request's session as one of the account's (again after its key changed)."""
    key = request.session.session_key
    if key is None or request.session.get(TRACKED_KEY) == key:
        return
    AccountSession.objects.get_or_create(session_key=key, defaults={"user": user})
    request.session[TRACKED_KEY] = key


def session_has_expired(request, user, *, now: float) -> bool:
    """Whether a staff session has been idle or alive too long; notes the request as activity otherwise."""
    if not user.is_staff:
        return False
    signed_in_at = request.session.get(SIGNED_IN_AT)
    seen_at = request.session.get(SEEN_AT, signed_in_at)
    if signed_in_at is None or seen_at is None:
        return True  # a staff session from before these limits: sign in again
    if now - seen_at > STAFF_IDLE.total_seconds() or now - signed_in_at > STAFF_LIFETIME.total_seconds():
        return True
    if now - seen_at >= SEEN_RESOLUTION:
        request.session[SEEN_AT] = int(now)
        request.session.set_expiry(int(STAFF_IDLE.total_seconds()))
    return False


def end_sessions(user, *, keep: str | None = None) -> int:
    """End every session the account holds (but `keep`); returns how many were ended."""
    keys = list(AccountSession.objects.filter(user=user).exclude(session_key=keep or "").values_list("session_key", flat=True))
    store = _store()
    for key in keys:
        store.delete(key)
    AccountSession.objects.filter(session_key__in=keys).delete()
    return len(keys)


def prune_ended_sessions() -> int:
    """Forget sessions the store no longer has (expired or cleared)."""
    cutoff = timezone.now() - timedelta(seconds=settings.SESSION_COOKIE_AGE)
    deleted, _ = AccountSession.objects.filter(created_at__lt=cutoff).delete()
    store = _store()
    for key in AccountSession.objects.values_list("session_key", flat=True).iterator():
        if not store.exists(key):
            deleted += AccountSession.objects.filter(session_key=key).delete()[0]
    return deleted
