"""Background work of the publishing app, run by `python -m newsdesk db_worker`."""

from django.conf import settings
from django_tasks import task

from newsdesk.publishing.baker import bake_pending, pending_workers


# Readers wait on bakes: they go before background chores (image renditions, clean-ups).
@task(priority=20)
def bake_pending_task() -> int:
    """Bake every page waiting in the queue (a long queue in several processes, kept for the next
    time when tasks run in the worker: a process of its own, whose settings never change)."""
    return bake_pending(workers=pending_workers(), keep_pool=_in_worker())


def _in_worker() -> bool:
    """Whether tasks run in `db_worker` rather than in the caller (the test settings' immediate backend)."""
    return settings.TASKS["default"]["BACKEND"] == "django_tasks_db.DatabaseBackend"


def wake_baker() -> None:
    """Start a bake task, unless one is already waiting to start: that one will find every queued page."""
    if _in_worker():
        from django_tasks_db.models import DBTaskResult

        if DBTaskResult.objects.ready().filter(task_path=bake_pending_task.module_path).exists():
            return
    bake_pending_task.enqueue()


@task()
def rebake_time_sensitive_task() -> int:
    """Re-bake the pages that change with the clock alone (the News sitemap's two-day window)."""
    from newsdesk.publishing.baker import request_bake
    from newsdesk.publishing.targets import PRIORITY_LIST_HEAD, time_sensitive_paths

    paths = dict.fromkeys(time_sensitive_paths(), PRIORITY_LIST_HEAD)
    request_bake(paths)
    return len(paths)
