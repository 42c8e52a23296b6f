"""`python -m newsdesk export DIR`: all content as documented JSON plus media files."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from newsdesk.importers import portable


class Command(BaseCommand):
    help = "Export every article, page, author, section, tag, image and comment to DIR (docs/export-format.md)."

    def add_arguments(self, parser):
        parser.add_argument("directory", type=Path, metavar="DIR")

    def handle(self, *args, directory: Path, **options):
        try:
            counts = portable.export_site(directory)
        except portable.ExportFormatError as error:
            raise CommandError(str(error)) from error
        summary = ", ".join(f"{n} {label.split('.')[1]}" for label, n in counts.items() if n)
        self.stdout.write(self.style.SUCCESS(f"Exported to {directory}: {summary}."))
        self.stdout.write("The export holds commenters' email addresses: keep it as private as the database.")
