"""Comment posting under load: accepted comments per second and p50/p99 latency, every check on.

Serves the demo publication as `make run` does (granian, two worker processes, SQLite in WAL mode) from
a temporary var/ directory, then posts comments over HTTP from this second process with concurrent
keep-alive connections, each comment from its own email address. Every defence runs: Origin check,
signed form token and its minimum age, honeypot, length limit, duplicate detection, rate limits and
moderation (first-time commenters are held, so editors would be emailed). Because every request
comes from 127.0.0.1, the per-IP limit is raised in the temporary database's comment settings (as an
editor would in the admin); it is still counted on every post.

Run: .venv/bin/python bench/comments.py   (BENCH_COMMENTS=3000 and BENCH_CONNECTIONS=8 are the defaults)
"""

from __future__ import annotations

import http.client
import json
import os
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
ARTICLE_SLUG = "us-iran-envoys-oman-talks"
TOTAL = int(os.environ.get("BENCH_COMMENTS", "3000"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "8"))  # = 2 workers × 4 blocking threads
RATE_LIMIT = 1_000_000

SETUP = f"""
from newsdesk.comments.demo import load_demo_comments
from newsdesk.comments.models import CommentSettings
from newsdesk.content.models import Article
load_demo_comments()
settings = CommentSettings.objects.current()
settings.rate_limit_count = {RATE_LIMIT}
settings.save()
print(Article.objects.published().get(slug="{ARTICLE_SLUG}").pk)
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def site_env(var_dir: Path, port: int) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSDESK_")}
    return env | {"NEWSDESK_VAR_DIR": str(var_dir), "NEWSDESK_BASE_URL": f"http://127.0.0.1:{port}"}


def manage(env: dict[str, str], *args: str) -> str:
    done = subprocess.run([sys.executable, "-m", "newsdesk", *args], cwd=ROOT, env=env, check=True, capture_output=True, text=True)
    return done.stdout


def start_server(env: dict[str, str], port: int) -> subprocess.Popen:
    granian = Path(sys.executable).with_name("granian")
    server = subprocess.Popen(
        [str(granian), "--interface", "wsgi", "--host", "127.0.0.1", "--port", str(port), "--workers", "2",
         "--blocking-threads", "4", "--backpressure", "16", "--log-level", "warning", "newsdesk.wsgi:application"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
    )  # fmt: skip
    for _ in range(150):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1).close()
            return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit("the server did not start")


class Poster(threading.Thread):
    """One keep-alive connection posting its share of the comments, timing each."""

    def __init__(self, port: int, article_id: int, token: str, numbers: range):
        super().__init__()
        self.port, self.article_id, self.token, self.numbers = port, article_id, token, numbers
        self.latencies: list[float] = []
        self.statuses: dict[int, int] = {}

    def run(self) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        headers = {"Content-Type": "application/x-www-form-urlencoded", "Origin": f"http://127.0.0.1:{self.port}"}
        for n in self.numbers:
            body = urlencode({
                "name": f"Bench Reader {n}", "email": f"bench{n}@example.org", "website": "",
                "comment": f"Comment number {n}: the figures in the third paragraph deserve a second look.",
                "token": self.token, "homepage": "",
            })  # fmt: skip
            started = time.perf_counter()
            conn.request("POST", f"/comments/post/{self.article_id}/", body=body, headers=headers)
            response = conn.getresponse()
            response.read()
            self.latencies.append(time.perf_counter() - started)
            self.statuses[response.status] = self.statuses.get(response.status, 0) + 1
        conn.close()


def percentile(values: list[float], p: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[int(p) - 1] if len(values) > 1 else values[0]


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="newsdesk-bench-comments-") as var:
        var_dir = Path(var)
        port = free_port()
        env = site_env(var_dir, port)
        for command in (["migrate", "--no-input", "-v", "0"], ["collectstatic", "--no-input", "-v", "0"], ["demo"]):
            manage(env, *command)
        article_id = int(manage(env, "shell", "-c", SETUP).strip().splitlines()[-1])
        server = start_server(env, port)
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/comments/form-token/{article_id}/") as response:
                token = json.load(response)["token"]
            time.sleep(3.1)  # the default minimum time between showing the form and posting
            before = count_comments(var_dir, article_id)
            posters = [Poster(port, article_id, token, range(i, TOTAL, CONNECTIONS)) for i in range(CONNECTIONS)]
            started = time.perf_counter()
            for poster in posters:
                poster.start()
            for poster in posters:
                poster.join()
            elapsed = time.perf_counter() - started
        finally:
            server.terminate()
            server.wait(timeout=10)
        stored = count_comments(var_dir, article_id) - before
    report(posters, elapsed, stored)


def count_comments(var_dir: Path, article_id: int) -> int:
    with sqlite3.connect(var_dir / "newsdesk.sqlite3") as db:
        return db.execute("SELECT count(*) FROM comments_comment WHERE article_id = ?", [article_id]).fetchone()[0]


def report(posters: list[Poster], elapsed: float, stored: int) -> None:
    latencies = [t for p in posters for t in p.latencies]
    statuses: dict[int, int] = {}
    for poster in posters:
        for status, n in poster.statuses.items():
            statuses[status] = statuses.get(status, 0) + n
    accepted = statuses.get(303, 0)
    print("comment posting: granian, 2 workers, SQLite (WAL), every check on; "
          f"{len(latencies)} posts over {CONNECTIONS} keep-alive connections from a second process")  # fmt: skip
    print(f"  per-IP rate limit raised to {RATE_LIMIT:,} per window in the temporary database (all posts come from 127.0.0.1)")
    print(f"  accepted: {accepted} ({accepted / elapsed:.0f} comments/s), responses: "
          + ", ".join(f"{status}×{n}" for status, n in sorted(statuses.items())))  # fmt: skip
    print(f"  latency: p50 {percentile(latencies, 50) * 1000:.1f} ms, p99 {percentile(latencies, 99) * 1000:.1f} ms")
    print(f"  comments in the database: {stored} (accepted responses: {accepted}) -> "
          + ("equal" if stored == accepted else "MISMATCH"))  # fmt: skip
    if stored != accepted:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
