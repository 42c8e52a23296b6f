"""`python -m newsdesk import wordpress|ghost|newsdesk ...`: bring a site's content in."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from newsdesk.importers import portable, services
from newsdesk.importers.sources import ImportError_
from newsdesk.publishing.management.progress import Progress


class Command(BaseCommand):
    help = "Import content: from a WordPress export (WXR), a Ghost export (JSON) or a newsdesk export directory."

    def add_arguments(self, parser):
        sources = parser.add_subparsers(dest="source", required=True, metavar="{wordpress,ghost,newsdesk}")
        wordpress = sources.add_parser("wordpress", help="A WordPress export file (Tools → Export).")
        wordpress.add_argument("export", type=Path, metavar="EXPORT.xml")
        wordpress.add_argument(
            "--media", type=Path, metavar="DIR", help="The site's wp-content/uploads directory, for featured images."
        )
        ghost = sources.add_parser("ghost", help="A Ghost export file (Settings → Advanced → Export).")
        ghost.add_argument("export", type=Path, metavar="EXPORT.json")
        newsdesk = sources.add_parser("newsdesk", help="A directory written by `export`, into an empty site.")
        newsdesk.add_argument("directory", type=Path, metavar="DIR")

    def handle(self, *args, source: str, **options):
        try:
            if source == "wordpress":
                progress = Progress(services.count_items(options["export"]), "Importing") if options["export"].is_file() else None
                report = services.import_wordpress(
                    options["export"], media_dir=options["media"], progress=progress.advance if progress else None
                )
            elif source == "ghost":
                report = services.import_ghost(options["export"])
            else:
                report = portable.import_site(options["directory"])
        except (ImportError_, portable.ExportFormatError) as error:
            raise CommandError(f"{error}\nNothing was imported.") from error
        self.stdout.write(str(report))
        self.stdout.write(self.style.SUCCESS(f"Import from {source} finished."))
