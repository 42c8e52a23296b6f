from django.apps import AppConfig


class ImportersConfig(AppConfig):
    name = "newsdesk.importers"
    verbose_name = "Imports, exports and backups"
