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

# Seconds before the background worker is started again after it stopped; the last repeats. It stops
# when it cannot reach the database (taken away, restarting): the baked pages are served meanwhile.
WORKER_RESTART_DELAYS = (1, 2, 5, 10, 30)
WORKER_STEADY = 60  # seconds of running after which a worker's stop counts as a first one again


class Command(BaseCommand):
    help = "Serve the site with granian and run the background worker beside it (started again if it stops); Ctrl-C stops both."

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
        worker, started, restarts = _start_worker(), time.monotonic(), 0
        stopping = False

        def stop(signum, frame):
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGINT, stop)
        signal.signal(signal.SIGTERM, stop)
        try:
            while not stopping and web.poll() is None:
                if worker.poll() is not None:
                    # The site goes on without it: only publishing and scheduled jobs wait.
                    restarts = 0 if time.monotonic() - started > WORKER_STEADY else restarts
                    delay = WORKER_RESTART_DELAYS[min(restarts, len(WORKER_RESTART_DELAYS) - 1)]
                    self.stderr.write(
                        f"The background worker stopped (exit status {worker.returncode}); baked pages are "
                        f"still served. Starting it again in {delay} s."
                    )
                    deadline = time.monotonic() + delay
                    while not stopping and web.poll() is None and time.monotonic() < deadline:
                        time.sleep(0.2)
                    if stopping or web.poll() is not None:
                        break
                    worker, started, restarts = _start_worker(), time.monotonic(), restarts + 1
                time.sleep(0.2)
        finally:
            children = (web, worker)
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
        if web.returncode not in (0, -signal.SIGTERM, -signal.SIGINT, None) and not stopping:
            raise CommandError("The web server stopped unexpectedly; see the messages above.")
        self.stdout.write("Stopped.")


def _start_worker() -> subprocess.Popen:
    # Short polling interval: a publish must be live within a second.
    return subprocess.Popen(
        [sys.executable, "-m", "newsdesk", "db_worker", "--interval", "0.1", "--no-reload", "-v", "0"],
        cwd=settings.BASE_DIR,
        start_new_session=True,
    )
