"""Background work for accounts, run by `python -m newsdesk db_worker`."""

from django.utils import timezone
from django_tasks import task

from newsdesk.accounts import enrolment, sessions, throttle


@task()
def prune_account_records() -> int:
    """Delete failed sign-ins past the counting window, records of sessions that have ended and expired
    enrolment codes."""
    now = timezone.now()
    return throttle.prune_failures(at=now) + sessions.prune_ended_sessions() + enrolment.prune_expired_codes(at=now)
