from django.apps import AppConfig


class StoriesConfig(AppConfig):
    name = "newsdesk.stories"
    verbose_name = "Developing stories and live coverage"
    baked_namespace = "stories"  # story pages, their feeds and live pages are baked (publishing.middleware)
    baking = "newsdesk.stories.baking"  # which of them a change to an article affects (publishing.targets)

    def ready(self) -> None:
        from newsdesk.stories import receivers  # noqa: F401 - connects the signal receivers
