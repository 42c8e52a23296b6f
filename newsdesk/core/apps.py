from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "newsdesk.core"
    verbose_name = "Site"
