from datetime import timedelta

from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "newsdesk.accounts"
    verbose_name = "Accounts and sign-in"

    def ready(self) -> None:
        from newsdesk.accounts import receivers  # noqa: F401 - connects the session receivers
        from newsdesk.accounts.tasks import prune_account_records
        from newsdesk.core import schedule

        schedule.register("accounts.prune-records", prune_account_records, every=timedelta(hours=1))
