from datetime import timedelta

from django.apps import AppConfig


class CommentsConfig(AppConfig):
    name = "newsdesk.comments"
    verbose_name = "Reader comments"

    def ready(self) -> None:
        from newsdesk.comments.tasks import erase_commenter_data
        from newsdesk.core import schedule

        schedule.register("comments.erase-commenter-data", erase_commenter_data, every=timedelta(days=1))
