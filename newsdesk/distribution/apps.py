from django.apps import AppConfig


class DistributionConfig(AppConfig):
    name = "newsdesk.distribution"
    verbose_name = "Distribution"
    baked_namespace = "distribution"  # feeds, sitemaps and robots.txt are baked (publishing.middleware)
    baking = "newsdesk.distribution.baking"  # which of them a change affects (publishing.targets)
