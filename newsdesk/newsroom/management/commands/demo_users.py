from django.conf import settings
from django.core.management.base import BaseCommand

from newsdesk.newsroom.demo import ensure_demo_users


class Command(BaseCommand):
    help = (
        "Give the demo publication one login per newsroom role (contributor, author, editor) and print them. "
        "Passwords are random and kept only in var/demo-logins."
    )

    def handle(self, *args, **options):
        logins_file = settings.VAR_DIR / "demo-logins"
        rows = ensure_demo_users(logins_file)
        if not rows:
            return
        self.stdout.write("  Newsroom logins (demo, one per role; from " + str(logins_file) + "):")
        for username, role, password in rows:
            self.stdout.write(f"          {role:<12} {username} / {password or '(password changed since)'}")
