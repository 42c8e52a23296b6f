"""The scheduler's own task: run due jobs, then come back in a minute."""

from django.utils import timezone
from django_tasks import task

from newsdesk.core import schedule


@task()
def run_schedule_task() -> list[str]:
    started = schedule.tick()
    start_schedule(delay=schedule.TICK)
    return started


def start_schedule(*, delay=None) -> bool:
    """Make sure a scheduler tick waits in the queue (once: a second call finds the first)."""
    from django.conf import settings
    from django_tasks_db.models import DBTaskResult

    if settings.TASKS["default"]["BACKEND"] != "django_tasks_db.DatabaseBackend":
        return False  # nothing persists between runs there; tests call schedule.tick() themselves

    if DBTaskResult.objects.filter(status="READY", task_path=run_schedule_task.module_path).exists():
        return False
    run_after = timezone.now() + delay if delay else None
    (run_schedule_task.using(run_after=run_after) if run_after else run_schedule_task).enqueue()
    return True


@task()
def prune_task_results_task() -> None:
    """Forget finished background tasks after a day (every page bake leaves one behind)."""
    from django.core.management import call_command

    call_command("prune_db_task_results", "--queue-name", "*", "--min-age-days", "1", "--failed-min-age-days", "14", verbosity=0)


@task()
def refresh_database_statistics_task() -> bool:
    """SQLite's planner statistics, kept in step with the archive's growth (see core.database)."""
    from newsdesk.core.database import refresh_statistics

    return refresh_statistics()
