import secrets
import sys

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Create the first administrator (user 'admin', random password) when there is none, and say how to "
        "log in. The password is kept only in var/admin-password, readable by its owner alone."
    )

    def add_arguments(self, parser):
        parser.add_argument("--url", default=settings.NEWSDESK_BASE_URL, help="The site's address to print.")

    def handle(self, *args, url: str, **options):
        password_file = settings.VAR_DIR / "admin-password"
        User = get_user_model()
        if not User.objects.filter(is_superuser=True).exists():
            password = secrets.token_urlsafe(15)
            User.objects.create_superuser("admin", password=password)
            password_file.touch(mode=0o600)
            password_file.write_text(password + "\n")
        url = url.rstrip("/")
        self.stdout.write(f"\n  Site:   {url}/\n  Admin:  {url}/admin/")
        if password_file.exists():
            self.stdout.write(f"  Login:  admin / {password_file.read_text().strip()}  (first password, from {password_file})")
        else:
            self.stdout.write("  Login:  an administrator already exists; use `python -m newsdesk changepassword NAME` to reset.")
        self._enrolment_code()
        self.stdout.write("  Stop:   Ctrl-C\n")
        sys.stdout.flush()

    def _enrolment_code(self) -> None:
        """With two factors required, the first administrator needs an enrolment code to set up theirs."""
        from django.utils import timezone

        from newsdesk.accounts import enrolment
        from newsdesk.accounts.models import EnrolmentCode

        admin = get_user_model().objects.filter(username="admin", is_superuser=True).first()
        if admin is None or not enrolment.required(admin):
            return
        if EnrolmentCode.objects.filter(user=admin, expires_at__gt=timezone.now()).exists():
            self.stdout.write("  2FA:    set up admin's authenticator with the enrolment code printed before, or a new one:"
                              " `python -m newsdesk issue_enrolment_code admin`")
            return
        code, expires_at = enrolment.issue_enrolment_code(admin)
        self.stdout.write(f"  2FA:    enrolment code {code} for admin's authenticator app (valid until {expires_at:%Y-%m-%d %H:%M %Z})")
