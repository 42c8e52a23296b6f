from django.apps import AppConfig


class PublishingConfig(AppConfig):
    name = "newsdesk.publishing"
    verbose_name = "Publishing"
