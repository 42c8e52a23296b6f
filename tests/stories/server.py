"""The server `make run` starts (python -m newsdesk serve: granian ASGI + the background worker) for
tests that need live event streams; and a reader of one stream, as EventSource reads it."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import threading
import time
from contextlib import contextmanager

from tests import servers

LIVE = "us-iran-talks-oman-live"

# Posts one update through the services (as the admin does) and prints when its transaction committed.
POST_UPDATE = """
import time
from django.db import transaction
from newsdesk.stories import services
from newsdesk.stories.models import LiveCoverage
committed = []
with transaction.atomic():
    transaction.on_commit(lambda: committed.append(time.time()))
    update = services.post_update(LiveCoverage.objects.get(slug="{slug}"), body="{body}")
print(update.pk, committed[0])
"""


@contextmanager
def make_run_server(env: dict[str, str], port: int):
    """`python -m newsdesk serve` on `port`; stopped with Ctrl-C as a person would."""
    process = subprocess.Popen(
        [sys.executable, "-m", "newsdesk", "serve", "--port", str(port), "--workers", "2"],
        cwd=servers.ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        servers.wait_until_up(f"http://127.0.0.1:{port}/", process, timeout=60)
        yield f"http://127.0.0.1:{port}"
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def post_update(env: dict[str, str], body: str) -> tuple[int, float]:
    """(update id, wall-clock time its transaction committed)."""
    out = servers.manage(env, "shell", "-c", POST_UPDATE.format(slug=LIVE, body=body)).stdout.split()
    return int(out[-2]), float(out[-1])


class StreamReader(threading.Thread):
    """Holds /live/<slug>/events open and notes when each event id arrived (wall clock)."""

    def __init__(self, port: int, *, after: int | None = None, last_event_id: int | None = None):
        super().__init__(daemon=True)
        self.port, self.after, self.last_event_id = port, after, last_event_id
        self.status = b""
        self.arrived: dict[int, float] = {}
        self.data: list[str] = []
        self.open = threading.Event()
        self._socket = socket.create_connection(("127.0.0.1", port), timeout=30)

    def run(self) -> None:
        query = f"?after={self.after}" if self.after is not None else ""
        request = f"GET /live/{LIVE}/events{query} HTTP/1.1\r\nHost: 127.0.0.1:{self.port}\r\n"
        if self.last_event_id is not None:
            request += f"Last-Event-ID: {self.last_event_id}\r\n"
        self._socket.sendall((request + "\r\n").encode())
        stream = self._socket.makefile("rb")
        self.status = stream.readline()
        self.open.set()
        try:
            for line in stream:
                if line.startswith(b"id: "):
                    self.arrived.setdefault(int(line[4:]), time.time())
                elif line.startswith(b"data: "):
                    self.data.append(line[6:].decode())
        except OSError:
            return

    def close(self) -> None:
        self._socket.close()

    def wait_for(self, event_id: int, timeout: float = 10) -> float:
        return servers.wait_for(lambda: self.arrived.get(event_id), timeout=timeout)
