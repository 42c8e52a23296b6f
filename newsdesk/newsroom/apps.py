from django.apps import AppConfig
from django.db.models.signals import post_migrate


class NewsroomConfig(AppConfig):
    name = "newsdesk.newsroom"
    verbose_name = "Newsroom"
    baked_namespace = "newsroom"  # /corrections/ is a public, baked page
    baking = "newsdesk.newsroom.baking"

    def ready(self) -> None:
        from newsdesk.core import schedule
        from newsdesk.newsroom import roles_setup, tasks

        post_migrate.connect(roles_setup.sync_groups, dispatch_uid="newsroom.sync_groups")
        # A safety net under the per-article tasks: anything due is published within a minute.
        schedule.register("newsroom.publish_due", tasks.publish_due_task, every=schedule.TICK)
