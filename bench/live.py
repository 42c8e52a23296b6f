"""Live pages under load: 1,000 readers hold the demo live page's event stream open; an editor posts
an update; how long until every reader has it (p50, p99, max) and how much memory the server uses.

Serves the demo publication with `python -m newsdesk serve` (what `make run` starts: granian with two
ASGI worker processes and the background worker) from a temporary var/ directory. The readers are
plain sockets in this second process, each reading its own stream as EventSource would. Updates are
posted through stories.services by a third process (as the admin would), each timed from the moment
its transaction committed to the moment each reader read it.

Run: .venv/bin/python bench/live.py [--redis]    (BENCH_READERS=1000, BENCH_UPDATES=5)
  --redis  fan out through Redis pub/sub (NEWSDESK_REDIS_URL, default redis://127.0.0.1:6379/0);
           without it each web process polls the database every 0.5 s while readers listen.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests import servers  # noqa: E402 - the same helpers the tests use

READERS = int(os.environ.get("BENCH_READERS", "1000"))
UPDATES = int(os.environ.get("BENCH_UPDATES", "5"))
SLUG = "us-iran-talks-oman-live"
TARGET_SECONDS = 2.0

# Posts an update each time it reads a line, and prints the wall-clock time its transaction committed.
POSTER = f"""
import sys, time, django
django.setup()
from django.db import transaction
from newsdesk.stories import services
from newsdesk.stories.models import LiveCoverage
coverage = LiveCoverage.objects.get(slug="{SLUG}")
print("ready", flush=True)
for number, line in enumerate(sys.stdin, start=1):
    committed = []
    with transaction.atomic():
        transaction.on_commit(lambda: committed.append(time.time()))  # runs first, right after the commit
        services.post_update(coverage, body=f"Benchmark update {{number}}")
    print(committed[0], flush=True)
"""


def rss_mib(root_pid: int) -> float:
    """Resident memory of a process and all its descendants, in MiB."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    total, stack = 0, [root_pid]
    while stack:
        pid = stack.pop()
        stack += children.get(pid, [])
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total / 1024


class Reader:
    """One EventSource-like stream: records when each event id arrived."""

    def __init__(self):
        self.arrived: dict[int, float] = {}
        self.connected = asyncio.Event()

    async def run(self, port: int, after: int) -> None:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        writer.write(
            f"GET /live/{SLUG}/events?after={after} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
            "Accept: text/event-stream\r\n\r\n".encode()
        )
        await writer.drain()
        status = await reader.readline()
        if b" 200 " not in status:
            raise RuntimeError(f"stream refused: {status!r}")
        while (await reader.readline()) not in (b"\r\n", b""):
            pass
        buffer = b""
        try:
            while True:
                chunk = await reader.read(65536)
                if not chunk:
                    return
                now = time.time()
                buffer += chunk
                if b"retry:" in buffer:
                    self.connected.set()
                for line in buffer.split(b"\n"):
                    if line.startswith(b"id: "):
                        self.arrived.setdefault(int(line[4:]), now)
                buffer = buffer[buffer.rfind(b"\n") + 1 :]
        finally:
            writer.close()


async def measure(port: int, poster: subprocess.Popen, server_pid: int) -> None:
    events = json.load(urllib.request.urlopen(f"http://127.0.0.1:{port}/live/{SLUG}/events.json?after=0"))["events"]
    after = max(event["id"] for event in events)
    idle = rss_mib(server_pid)
    readers = [Reader() for _ in range(READERS)]
    started = time.monotonic()
    tasks = []
    for reader in readers:
        tasks.append(asyncio.ensure_future(reader.run(port, after)))
        await asyncio.sleep(0.001)  # a browser crowd arrives over a second, not in one instant
    await asyncio.wait_for(asyncio.gather(*(r.connected.wait() for r in readers)), timeout=120)
    print(f"  {READERS} readers connected in {time.monotonic() - started:.1f} s")
    await asyncio.sleep(1)
    held = rss_mib(server_pid)
    delays: list[float] = []
    for number in range(1, UPDATES + 1):
        poster.stdin.write("post\n")
        poster.stdin.flush()
        committed = float(await asyncio.get_running_loop().run_in_executor(None, poster.stdout.readline))
        event_id = after + number
        deadline = time.monotonic() + 30
        while sum(event_id in r.arrived for r in readers) < READERS and time.monotonic() < deadline:
            await asyncio.sleep(0.05)
        got = [r.arrived[event_id] - committed for r in readers if event_id in r.arrived]
        delays += got
        print(f"  update {number}: reached {len(got)}/{READERS} readers, slowest after {max(got):.3f} s")
        await asyncio.sleep(1)
    for task in tasks:
        task.cancel()
    delays.sort()
    p50 = statistics.median(delays)
    p99 = delays[min(len(delays) - 1, int(len(delays) * 0.99))]
    verdict = "within" if p99 < TARGET_SECONDS else "OVER"
    print(f"  delivery over {len(delays)} deliveries: p50 {p50 * 1000:.0f} ms, p99 {p99 * 1000:.0f} ms, max {delays[-1] * 1000:.0f} ms ({verdict} the {TARGET_SECONDS:.0f} s target)")
    print(f"  server memory (granian + workers + background worker): {idle:.0f} MiB idle, {held:.0f} MiB with {READERS} readers")


def main() -> None:
    use_redis = "--redis" in sys.argv
    with tempfile.TemporaryDirectory(prefix="newsdesk-bench-live-") as scratch:
        port = servers.free_port()
        extra = {"NEWSDESK_REDIS_URL": os.environ.get("NEWSDESK_REDIS_URL", "redis://127.0.0.1:6379/0")} if use_redis else {}
        env = servers.site_env(Path(scratch) / "var", port=port, **extra)
        print(f"Setting up the demo site (fan-out: {'Redis pub/sub' if use_redis else 'database polling'})...")
        servers.set_up_site(env, bake=False)
        server = subprocess.Popen(
            [sys.executable, "-m", "newsdesk", "serve", "--port", str(port), "--workers", "2"],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        poster = subprocess.Popen(
            [sys.executable, "-c", POSTER], cwd=ROOT, env=env | {"DJANGO_SETTINGS_MODULE": "newsdesk.settings.base"},
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
        )  # fmt: skip
        try:
            servers.wait_until_up(f"http://127.0.0.1:{port}/", server, timeout=60)
            assert poster.stdout.readline().strip() == "ready"
            asyncio.run(measure(port, poster, server.pid))
        finally:
            poster.stdin.close()
            poster.wait(timeout=10)
            server.send_signal(signal.SIGINT)
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()


if __name__ == "__main__":
    main()
