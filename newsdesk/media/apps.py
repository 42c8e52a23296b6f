from django.apps import AppConfig


class MediaConfig(AppConfig):
    name = "newsdesk.media"
    verbose_name = "Media library"

    def ready(self) -> None:
        from newsdesk.media import receivers  # noqa: F401 - connects them
