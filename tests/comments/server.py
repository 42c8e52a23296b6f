"""A real server (granian with two worker processes, as `make run` starts it) on a file SQLite database
of its own, for tests that need several writers at once: the suite's in-memory SQLite database refuses
concurrent writers ("database table is locked"); a file in WAL mode, which the site runs on, queues them."""

from __future__ import annotations

import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

from tests import servers

# Set the per-IP limit (every request comes from 127.0.0.1) and print the demo article's id.
SETUP = """
from newsdesk.comments.models import CommentSettings
from newsdesk.content.models import Article
s = CommentSettings.objects.current(); s.rate_limit_count = {rate_limit}; s.save()
print(Article.objects.published().get(slug="us-iran-envoys-oman-talks").pk)
"""


@contextmanager
def demo_server(var_dir: Path, *, workers: int = 2, rate_limit: int = 1_000_000):
    """Yield (base_url, article_id) of a server on the demo publication (rate limits lifted unless given)."""
    port = servers.free_port()
    env = servers.site_env(var_dir, port=port)
    servers.set_up_site(env, bake=False)
    article_id = int(servers.manage(env, "shell", "-c", SETUP.format(rate_limit=rate_limit)).stdout.strip().splitlines()[-1])
    server = subprocess.Popen(
        [str(Path(sys.executable).with_name("granian")), "--interface", "wsgi", "--host", "127.0.0.1",
         "--port", str(port), "--workers", str(workers), "--blocking-threads", "4", "--backpressure", "16",
         "--log-level", "error", "newsdesk.wsgi:application"],
        cwd=servers.ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        servers.wait_until_up(f"http://127.0.0.1:{port}/", server)
        yield f"http://127.0.0.1:{port}", article_id
    finally:
        servers.stop(server)
