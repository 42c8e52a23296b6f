from django.apps import AppConfig


class PublishingConfig(AppConfig):
    name = "newsdesk.publishing"
    verbose_name = "Publishing"

    def ready(self) -> None:
        from newsdesk.publishing import receivers  # noqa: F401 - connects the receivers
