"""`python -m newsdesk serve`: the web server and the background worker together, as `make run` uses."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Serve the site with granian and run the background worker beside it; Ctrl-C stops both."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--workers", type=int, default=2, help="Web server processes.")

    def handle(self, *args, host: str, port: int, workers: int, **options):
        if not 0 < port < 65536:
            raise CommandError(f"--port must be between 1 and 65535, not {port}.")
        call_command("schedule", verbosity=0)
        bin_dir = Path(sys.executable).parent
        web = subprocess.Popen(
            # ASGI, so that live pages' event streams are held open in the event loop (a thousand readers
            # cost tasks, not threads); Django's views run in newsdesk.asgi's thread pool, baked pages
            # are answered from their files as under WSGI. See docs/stories.md for the figures.
            [str(bin_dir / "granian"), "--interface", "asgi", "--host", host, "--port", str(port),
             "--workers", str(workers), "--backlog", "4096", "--backpressure", "2048",
             # Open event streams would hold a stopping worker forever: cut them after 3 s (readers reconnect).
             "--workers-kill-timeout", "3",
             "--log-level", "warning", "newsdesk.asgi:application"],
            cwd=settings.BASE_DIR,
            start_new_session=True,
        )  # fmt: skip
        # Short polling interval: a publish must be live within a second.
        worker = subprocess.Popen(
            [sys.executable, "-m", "newsdesk", "db_worker", "--interval", "0.1", "--no-reload", "-v", "0"],
            cwd=settings.BASE_DIR,
            start_new_session=True,
        )
        children = (web, worker)
        stopping = False

        def stop(signum, frame):
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGINT, stop)
        signal.signal(signal.SIGTERM, stop)
        try:
            while not stopping and all(child.poll() is None for child in children):
                time.sleep(0.2)
        finally:
            # The children run in sessions of their own, so a Ctrl-C reaches only this process, which
            # stops each child once, and then its whole process group (granian's workers included).
            for child in children:
                if child.poll() is None:
                    os.killpg(child.pid, signal.SIGTERM)
            for child in children:
                try:
                    child.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    os.killpg(child.pid, signal.SIGKILL)
                    child.wait()
                try:
                    os.killpg(child.pid, signal.SIGKILL)  # anything of the group still left
                except ProcessLookupError:
                    pass
        failed = [child for child in children if child.returncode not in (0, -signal.SIGTERM, -signal.SIGINT, None)]
        if failed and not stopping:
            raise CommandError("A server process stopped unexpectedly; see the messages above.")
        self.stdout.write("Stopped.")
