from django.apps import AppConfig


class MediaConfig(AppConfig):
    name = "newsdesk.media"
    verbose_name = "Media library"
