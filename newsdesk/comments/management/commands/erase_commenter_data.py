from django.core.management.base import BaseCommand

from newsdesk.comments import services


class Command(BaseCommand):
    help = "Erase commenters' IP addresses and user agents older than the retention period (comment settings)."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, help="Override the retention period set in the admin.")

    def handle(self, *args, days: int | None = None, **options):
        erased = services.erase_commenter_data(days=days)
        self.stdout.write(self.style.SUCCESS(f"Erased the IP address and user agent of {erased} comment(s)."))
