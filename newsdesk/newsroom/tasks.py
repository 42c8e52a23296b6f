"""Background work of the newsroom: publishing scheduled articles at their time."""

from __future__ import annotations

from datetime import datetime

from django_tasks import default_task_backend, task


@task(priority=20)  # a story due now goes before background chores
def publish_due_task() -> int:
    """Publish every scheduled article whose time has come (also run by the scheduler each minute,
    so an article whose time passed while nothing ran is published when the worker starts)."""
    from newsdesk.newsroom.workflow import publish_due

    return len(publish_due())


def publish_when_due(article_id: int, at: datetime) -> None:
    """Ask the worker to publish at `at`. Backends that cannot wait (the tests' immediate one) rely on
    the scheduler's minute tick instead."""
    if default_task_backend.supports_defer:
        publish_due_task.using(run_after=at).enqueue()
