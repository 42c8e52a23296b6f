"""`make bench`: serve the demo publication as `make run` does and print what a reader's request costs.

Figures printed: the article page's size (raw, gzip, brotli) and, with wrk (Debian's package), requests
per second and p50/p99 latency for the article page under load from a second process on loopback.
"""

from __future__ import annotations

import gzip
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import brotli

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = "/2026/02/05/us-iran-envoys-oman-talks/"
DURATION, CONNECTIONS, THREADS = os.environ.get("BENCH_DURATION", "10s"), 64, 2


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(port: int) -> subprocess.Popen:
    granian = Path(sys.executable).with_name("granian")
    server = subprocess.Popen(
        [str(granian), "--interface", "wsgi", "--host", "127.0.0.1", "--port", str(port), "--workers", "2",
         "--blocking-threads", "4", "--backpressure", "16", "--log-level", "warning", "newsdesk.wsgi:application"],
        cwd=ROOT, env={**os.environ, "NEWSDESK_BASE_URL": f"http://127.0.0.1:{port}"},
    )  # fmt: skip
    for _ in range(150):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1).close()
            return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit("the server did not start")


def wrk(url: str) -> dict[str, str]:
    out = subprocess.run(
        ["wrk", "-t", str(THREADS), "-c", str(CONNECTIONS), "-d", DURATION, "--latency", url],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    figures = {"requests/s": re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)}
    for percentile in ("50", "99"):
        figures[f"p{percentile}"] = re.search(rf"^\s+{percentile}(?:\.000)?%\s+(\S+)", out, re.M).group(1)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    figures["non-2xx"] = errors.group(1) if errors else "0"
    return figures


def main() -> None:
    port = free_port()
    server = start_server(port)
    try:
        url = f"http://127.0.0.1:{port}{ARTICLE}"
        body = urllib.request.urlopen(url).read()
        print(f"article page {ARTICLE}")
        print(f"  size: {len(body):,} bytes raw, {len(gzip.compress(body, 9)):,} gzip, {len(brotli.compress(body)):,} brotli")
        if not shutil.which("wrk"):
            print("  wrk is not installed (apt-get install wrk): load figures skipped")
            return
        figures = wrk(url)
        print(f"  granian, Django view, 2 workers, {CONNECTIONS} connections, {DURATION}: "
              + ", ".join(f"{k} {v}" for k, v in figures.items()))  # fmt: skip
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
