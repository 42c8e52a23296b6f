"""`python -m newsdesk restore FILE`: bring back a backup made by `backup`."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from newsdesk.importers import backup


class Command(BaseCommand):
    help = "Restore the database, media files and secret key from a backup archive. Stop the site first."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, metavar="FILE")
        parser.add_argument("--no-input", action="store_true", help="Do not ask for confirmation.")

    def handle(self, *args, file: Path, no_input: bool, **options):
        if not no_input:
            answer = input(f"This replaces the whole database with the one in {file}. Type 'yes' to go on: ")
            if answer.strip().lower() != "yes":
                raise CommandError("Nothing was restored.")
        try:
            manifest = backup.restore(file)
        except backup.BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"Restored the backup of {manifest['created_at']}."))
        if manifest["previous_media"]:
            self.stdout.write(f"The media directory it replaced is kept as {manifest['previous_media']}; delete it when you no longer need it.")
        self.stdout.write("Next: python -m newsdesk migrate, then python -m newsdesk bake --all.")
