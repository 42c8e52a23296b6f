from django.apps import AppConfig


class DistributionConfig(AppConfig):
    name = "newsdesk.distribution"
    verbose_name = "Distribution"
