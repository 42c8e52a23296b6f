"""Sign-in limits: after 5 failures in 15 minutes for a username, or from an address, sign-in pauses.

The username counts whether or not such an account exists, so the limit (like the error message) says
nothing about which usernames are real. Failures are rows in the database, shared by every process.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.utils.crypto import salted_hmac

from newsdesk.accounts.models import LoginFailure

MAX_FAILURES = 5
WINDOW = timedelta(minutes=15)


@dataclass(frozen=True)
class Locked:
    retry_after: int  # seconds until the oldest counted failure leaves the window


def _key(kind: str, value: str) -> str:
    normalised = value.strip().casefold() if kind == LoginFailure.Kind.USERNAME else value
    return salted_hmac(f"newsdesk.accounts.throttle.{kind}", normalised, algorithm="sha256").hexdigest()


def _subjects(*, username: str, ip: str | None) -> list[tuple[str, str]]:
    subjects = [(LoginFailure.Kind.USERNAME, _key(LoginFailure.Kind.USERNAME, username[:300]))]
    if ip:
        subjects.append((LoginFailure.Kind.ADDRESS, _key(LoginFailure.Kind.ADDRESS, ip)))
    return subjects


def check_login(*, username: str, ip: str | None, at: datetime) -> Locked | None:
    """Whether sign-in is paused for this username or address; None when an attempt may go ahead."""
    waits = []
    for kind, key in _subjects(username=username, ip=ip):
        recent = LoginFailure.objects.filter(kind=kind, key=key, failed_at__gt=at - WINDOW)
        # The MAX_FAILURES-th most recent failure, if any: the pause lasts until it leaves the window.
        nth = recent.order_by("-failed_at").values_list("failed_at", flat=True)[MAX_FAILURES - 1 : MAX_FAILURES]
        for failed_at in nth:
            waits.append((failed_at + WINDOW - at).total_seconds())
    return Locked(max(1, math.ceil(max(waits)))) if waits else None


def record_failure(*, username: str, ip: str | None, at: datetime) -> None:
    """Count one failed sign-in (wrong password, unknown user, or wrong two-factor code)."""
    LoginFailure.objects.bulk_create(
        LoginFailure(kind=kind, key=key, failed_at=at) for kind, key in _subjects(username=username, ip=ip)
    )


def forget_failures(*, username: str) -> None:
    """A successful sign-in clears its username's failures (never the address's: one account known to
    an attacker must not reset the count for the others)."""
    LoginFailure.objects.filter(kind=LoginFailure.Kind.USERNAME, key=_key(LoginFailure.Kind.USERNAME, username)).delete()


def prune_failures(*, at: datetime) -> int:
    """Delete failures older than the window; run daily by the scheduler."""
    deleted, _ = LoginFailure.objects.filter(failed_at__lte=at - WINDOW).delete()
    return deleted
