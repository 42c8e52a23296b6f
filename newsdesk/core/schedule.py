"""Periodic jobs: the News sitemap's hourly re-bake, the daily erasure of commenters' addresses, ...

Apps register a task and its interval in their AppConfig.ready(). The worker runs `tick` about once a
minute (the `run_schedule_task` re-enqueues itself); `tick` enqueues each job whose interval has passed.
The database decides, so two workers on two machines never both enqueue the same run.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.utils import timezone

TICK = timedelta(minutes=1)


@dataclass(frozen=True)
class Job:
    name: str
    task: object  # a django_tasks Task
    every: timedelta


_jobs: dict[str, Job] = {}


def register(name: str, task, *, every: timedelta) -> None:
    """Run `task` every `every`, starting with the first tick after start-up."""
    _jobs[name] = Job(name, task, every)


def jobs() -> list[Job]:
    return list(_jobs.values())


def tick(*, at: datetime | None = None) -> list[str]:
    """Enqueue the jobs that are due; returns their names."""
    from newsdesk.core.models import ScheduledJob

    now = at or timezone.now()
    started = []
    for job in _jobs.values():
        row, _ = ScheduledJob.objects.get_or_create(name=job.name)
        if row.last_run_at is not None and now - row.last_run_at < job.every:
            continue
        # Claim this run: only the worker whose update matches the old time enqueues it.
        if ScheduledJob.objects.filter(name=job.name, last_run_at=row.last_run_at).update(last_run_at=now):
            job.task.enqueue()
            started.append(job.name)
    return started
