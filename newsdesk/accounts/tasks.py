"""Background work for accounts, run by `python -m newsdesk db_worker`."""

from django.utils import timezone
from django_tasks import task

from newsdesk.accounts import sessions, throttle


@task()
def prune_account_records() -> int:
    """Delete failed sign-ins past the counting window and records of sessions that have ended."""
    return throttle.prune_failures(at=timezone.now()) + sessions.prune_ended_sessions()
