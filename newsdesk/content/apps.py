from django.apps import AppConfig


class ContentConfig(AppConfig):
    name = "newsdesk.content"
    verbose_name = "Content"
    baked_namespace = "content"  # the public pages, baked to files (publishing.middleware)
