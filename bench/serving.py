"""Reads: the demo article page from the `make run` server and from nginx serving the same baked file.

Prints requests/s, p50 and p99 for: the `make run` server (baked file, 2 workers), nginx serving the
output directory directly (deploy/nginx.conf), and a Django render of the same page (the cost that
baking saves). All with Accept-Encoding: gzip, so both servers send the same .gz bytes.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from common import ARTICLE, servers, show, wrk

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "publishing"))
from test_nginx import nginx_config  # noqa: E402 - one source for the nginx test config

DURATION = "10s"


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="newsdesk-bench-") as scratch:
        var_dir = Path(scratch) / "var"
        port, nginx_port = servers.free_port(), servers.free_port()
        env = servers.site_env(var_dir, port=port)
        servers.set_up_site(env)
        page = (var_dir / "output" / ARTICLE.lstrip("/") / "index.html").read_bytes()
        print(f"article page {ARTICLE}: {len(page):,} bytes of HTML")
        config = Path(scratch) / "nginx.conf"
        config.write_text(nginx_config(var_dir, port=nginx_port, app_port=port).replace("worker_processes 1", "worker_processes 2"))
        web = subprocess.Popen(
            # The same server and flags as `make run` (publishing/management/commands/serve.py).
            [str(Path(sys.executable).with_name("granian")), "--interface", "asgi", "--host", "127.0.0.1", "--port", str(port),
             "--workers", "2", "--backlog", "4096", "--backpressure", "2048", "--log-level", "error", "newsdesk.asgi:application"],
            cwd=servers.ROOT, env=env,
        )  # fmt: skip
        nginx = subprocess.Popen(["nginx", "-c", str(config)])
        try:
            servers.wait_until_up(f"http://127.0.0.1:{port}/", web)
            servers.wait_until_up(f"http://127.0.0.1:{nginx_port}/", nginx)
            gzip = {"Accept-Encoding": "gzip"}
            ours = wrk(f"http://127.0.0.1:{port}{ARTICLE}", duration=DURATION, headers=gzip)
            static = wrk(f"http://127.0.0.1:{nginx_port}{ARTICLE}", duration=DURATION, headers=gzip)
            live = wrk(f"http://127.0.0.1:{port}{ARTICLE}?live=1", duration="5s", headers=gzip)
            print(f"wrk, 2 threads, 64 connections, {DURATION}, Accept-Encoding: gzip")
            show("make run server (baked file)", ours)
            show("nginx serving the same file", static)
            show("Django rendering it (?live=1)", live)
            print(f"  make run server / nginx: {ours['requests/s'] / static['requests/s']:.0%} (target: 50% or more)")
        finally:
            servers.stop(nginx)
            servers.stop(web)


if __name__ == "__main__":
    main()
