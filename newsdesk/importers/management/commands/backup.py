"""`python -m newsdesk backup FILE`: a consistent snapshot of the running site (database, media, key)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from newsdesk.importers import backup


class Command(BaseCommand):
    help = "Write a backup archive (.tar.gz) of the database, the media files and the secret key, while the site runs."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, metavar="FILE")

    def handle(self, *args, file: Path, **options):
        try:
            manifest = backup.backup(file)
        except backup.BackupError as error:
            raise CommandError(str(error)) from error
        size = file.stat().st_size / 2**20
        self.stdout.write(
            self.style.SUCCESS(f"Backed up the {manifest['database']['engine']} database and media to {file} ({size:.1f} MB).")
        )
        self.stdout.write("It holds the secret key and readers' email addresses: store it where only you can read it.")
