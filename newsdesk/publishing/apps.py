from django.apps import AppConfig


class PublishingConfig(AppConfig):
    name = "newsdesk.publishing"
    verbose_name = "Publishing"

    def ready(self) -> None:
        from datetime import timedelta

        from newsdesk.core import schedule
        from newsdesk.publishing import receivers  # noqa: F401 - connects the receivers
        from newsdesk.publishing.tasks import rebake_time_sensitive_task

        schedule.register("publishing.rebake-time-sensitive", rebake_time_sensitive_task, every=timedelta(hours=1))
