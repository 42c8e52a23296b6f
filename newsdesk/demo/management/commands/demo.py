from django.core.management.base import BaseCommand

from newsdesk.content.models import Article
from newsdesk.demo.loader import load_demo


class Command(BaseCommand):
    help = "Load (or refresh) the demo publication. Running it again updates it and never duplicates anything."

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing when the site already has articles (what `make run` uses).",
        )

    def handle(self, *args, if_empty: bool = False, **options):
        if if_empty and Article.objects.exists():
            self.stdout.write("The site already has articles; the demo publication was not loaded again.")
            return
        report = load_demo()
        self.stdout.write(self.style.SUCCESS(f"Demo publication loaded: {report}."))
