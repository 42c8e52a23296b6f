from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from newsdesk.accounts import enrolment, twofactor


class Command(BaseCommand):
    help = (
        "Issue a single-use enrolment code with which USER sets up two-factor sign-in (needed by accounts "
        "that must use two factors, the first administrator included). Any earlier code stops working."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument(
            "--reset", action="store_true",
            help="Remove the account's current authenticator app and recovery codes first (a lost phone).",
        )  # fmt: skip

    def handle(self, *args, username: str, reset: bool, **options):
        User = get_user_model()
        user = User.objects.filter(**{User.USERNAME_FIELD: username}).first()
        if user is None:
            raise CommandError(f"There is no account named {username!r}.")
        if twofactor.is_enrolled(user) and not reset:
            raise CommandError(
                f"{username} already has two-factor sign-in. To replace it (a lost phone), run again with --reset."
            )
        code, expires_at = enrolment.issue_enrolment_code(user, reset=reset)
        self.stdout.write(
            f"Enrolment code for {username}: {code}\n"
            f"Valid once, until {expires_at:%Y-%m-%d %H:%M %Z}. Give it to {username} privately; after the password, "
            "the two-factor set-up page asks for it."
        )
