from django.apps import AppConfig


class ContentConfig(AppConfig):
    name = "newsdesk.content"
    verbose_name = "Content"
