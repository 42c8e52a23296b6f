from datetime import timedelta

from django.apps import AppConfig
from django.db.models.signals import post_migrate


class CoreConfig(AppConfig):
    name = "newsdesk.core"
    verbose_name = "Site"

    def ready(self) -> None:
        from django.conf import settings

        from newsdesk.core import database, schedule
        from newsdesk.core.tasks import prune_task_results_task, refresh_database_statistics_task

        post_migrate.connect(database.refresh_after_migrate, sender=self, dispatch_uid="core.refresh_statistics")
        if settings.DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
            schedule.register("core.refresh-database-statistics", refresh_database_statistics_task, every=timedelta(hours=1))
        if settings.TASKS["default"]["BACKEND"] == "django_tasks_db.DatabaseBackend":
            schedule.register("core.prune-task-results", prune_task_results_task, every=timedelta(days=1))
