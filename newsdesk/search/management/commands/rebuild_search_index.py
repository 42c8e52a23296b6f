"""`python -m newsdesk rebuild_search_index`: index every published article again."""

import time

from django.core.management.base import BaseCommand

from newsdesk.search.services import rebuild_index


class Command(BaseCommand):
    help = "Empty the search index and index every published article again (after a bulk import, or to repair it)."

    def handle(self, *args, **options) -> None:
        started = time.perf_counter()

        def progress(done: int, total: int) -> None:
            if options["verbosity"] > 1:
                self.stdout.write(f"  {done:,} / {total:,}")

        count = rebuild_index(progress=progress)
        self.stdout.write(f"Indexed {count:,} published articles in {time.perf_counter() - started:.1f} s.")
