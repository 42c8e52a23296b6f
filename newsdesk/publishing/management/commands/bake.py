from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from newsdesk.core.database import refresh_statistics
from newsdesk.publishing import baker, targets
from newsdesk.publishing.management.progress import Progress


class Command(BaseCommand):
    help = "Bake public pages to the output directory: everything (--all), or what waits in the queue."

    def add_arguments(self, parser):
        what = parser.add_mutually_exclusive_group(required=True)
        what.add_argument("--all", action="store_true", help="Rebuild every page of the site.")
        what.add_argument("--pending", action="store_true", help="Bake the pages waiting in the queue.")
        what.add_argument(
            "--if-empty",
            action="store_true",
            help="Rebuild everything only when nothing is baked yet, or it was baked for another site address.",
        )
        parser.add_argument("--workers", type=int, default=baker.default_workers(), help="Processes to bake with.")

    def handle(self, *args, all: bool, pending: bool, if_empty: bool, workers: int, **options):
        if workers < 1:
            raise CommandError("--workers must be 1 or more.")
        if pending:
            self.stdout.write(f"Baked {baker.bake_pending(workers=workers)} waiting page(s).")
            return
        if if_empty and baker.baked_for() == settings.NEWSDESK_BASE_URL:
            self.stdout.write("Pages are already baked; use --all to rebuild them.")
            return
        if if_empty and baker.baked_for():
            self.stdout.write(f"The pages were baked for {baker.baked_for()}; rebaking them for {settings.NEWSDESK_BASE_URL}.")
        refresh_statistics()  # a full bake usually follows a bulk load; its queries should plan with its sizes
        paths = targets.all_paths()
        progress = Progress(len(paths), "Baking")
        counts = baker.bake_all(paths, workers=workers, progress=progress.advance)
        seconds = progress.finish()
        written = counts.pop("written", 0)
        others = ", ".join(f"{n} {result}" for result, n in sorted(counts.items()))
        self.stdout.write(
            self.style.SUCCESS(f"Baked {written} pages in {seconds:.1f} s ({written / max(seconds, 1e-9):,.0f}/s)")
            + (f"; {others}" if others else "")
            + f" into {baker.output_dir()}"
        )
        if counts.get("failed"):
            raise CommandError(f"{counts['failed']} page(s) could not be baked; see the errors above. The old files were kept.")
