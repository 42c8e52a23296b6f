from datetime import timedelta

from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "newsdesk.core"
    verbose_name = "Site"

    def ready(self) -> None:
        from django.conf import settings

        from newsdesk.core import schedule
        from newsdesk.core.tasks import prune_task_results_task

        if settings.TASKS["default"]["BACKEND"] == "django_tasks_db.DatabaseBackend":
            schedule.register("core.prune-task-results", prune_task_results_task, every=timedelta(days=1))
