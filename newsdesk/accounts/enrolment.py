"""Enrolment codes: an account that must use two factors sets up its first one only with a single-use
code from an administrator (the admin's *Two-factor sign-in* page, or `python -m newsdesk
issue_enrolment_code USER` on the server).

Without it, whoever first learns a publisher's password could register their own phone as the second
factor and keep the account. Codes are stored as keyed hashes (`accounts.codes`) and expire after
NEWSDESK_ENROLMENT_CODE_HOURS; issuing a new one replaces the old.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from newsdesk.accounts import codes, twofactor
from newsdesk.accounts.models import EnrolmentCode

class EnrolmentCodeInvalid(Exception):
    """The enrolment code given is wrong, expired, used or replaced by a newer one."""


def code_hours() -> int:
    """How long an enrolment code stays valid (NEWSDESK_ENROLMENT_CODE_HOURS)."""
    return settings.NEWSDESK_ENROLMENT_CODE_HOURS


def required(user) -> bool:
    """Whether setting up the account's first second factor takes an enrolment code: it must use two
    factors and has none yet (replacing a factor takes the current one instead)."""
    return bool(settings.NEWSDESK_REQUIRE_2FA) and twofactor.can_publish(user) and not twofactor.is_enrolled(user)


@transaction.atomic
def issue_enrolment_code(user, *, by=None, reset: bool = False, at: datetime | None = None) -> tuple[str, datetime]:
    """A new enrolment code for `user` and when it expires; any earlier code stops working. With
    `reset`, the account's current app and recovery codes are removed first (its sessions end)."""
    if reset:
        twofactor.remove_second_factor(user)
    at = at or timezone.now()
    code = codes.new_code()
    expires_at = at + timedelta(hours=code_hours())
    # A new row (a new id), so a session that accepted the old code no longer holds a valid one.
    EnrolmentCode.objects.filter(user=user).delete()
    EnrolmentCode.objects.create(
        user=user, digest=codes.digest(code, purpose=codes.ENROLMENT), issued_at=at, expires_at=expires_at, issued_by=by
    )
    return code, expires_at


def check_enrolment_code(user, typed: str, *, at: datetime | None = None) -> int | None:
    """The id of the account's valid enrolment code if `typed` is it (compared in constant time), else
    None. The code is used up only when the app is confirmed (`redeem_enrolment_code`)."""
    stored = EnrolmentCode.objects.filter(user=user, expires_at__gt=at or timezone.now()).values_list("pk", "digest")
    return codes.first_match(codes.candidate_digests(typed, purpose=codes.ENROLMENT), list(stored))


def holds_valid_code(user, code_id: int | None, *, at: datetime | None = None) -> bool:
    """Whether the code accepted earlier in this session is still the account's, and unexpired."""
    if code_id is None:
        return False
    return EnrolmentCode.objects.filter(pk=code_id, user=user, expires_at__gt=at or timezone.now()).exists()


def redeem_enrolment_code(user, code_id: int | None, *, at: datetime | None = None) -> bool:
    """Use up the accepted code; False when it has expired or was used or replaced in the meantime (the
    delete decides between two sessions confirming at once)."""
    if code_id is None:
        return False
    deleted, _ = EnrolmentCode.objects.filter(pk=code_id, user=user, expires_at__gt=at or timezone.now()).delete()
    return deleted == 1


def prune_expired_codes(*, at: datetime | None = None) -> int:
    """Delete expired enrolment codes; returns how many."""
    return EnrolmentCode.objects.filter(expires_at__lte=at or timezone.now()).delete()[0]
