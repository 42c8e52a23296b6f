"""Staying up: pages are served with the database gone, and a baker killed mid-write loses nothing."""

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests import servers

pytestmark = pytest.mark.server

ARTICLE = "/2026/02/05/us-iran-envoys-oman-talks/"


@pytest.fixture
def site(site_copy):
    return site_copy


def _take_database_away(var_dir):
    for suffix in ("", "-wal", "-shm"):
        database = var_dir / f"newsdesk.sqlite3{suffix}"
        if database.exists():
            database.rename(var_dir / f"gone.sqlite3{suffix}")


def test_published_pages_are_served_with_the_database_gone(site):
    env, port, var_dir = site
    with servers.granian(env, port) as url:
        _take_database_away(var_dir)

        for path in ("/", ARTICLE, "/section/world/", "/latest/", "/author/ahmed-hassan/", "/privacy/"):
            status, _, body = servers.fetch(url + path, headers={"Accept-Encoding": "br, gzip"})
            assert status == 200, path


def test_the_pictures_of_published_pages_are_served_with_the_database_gone(site):
    env, port, var_dir = site
    page = (var_dir / "output" / ARTICLE.lstrip("/") / "index.html").read_text()
    pictures = sorted(set(re.findall(r'(/media/[^"\s,]+\.(?:jpg|webp))', page)))
    assert len(pictures) >= 2  # the lead image and its renditions
    with servers.granian(env, port) as url:
        _take_database_away(var_dir)

        for path in pictures:
            status, headers, _ = servers.fetch(url + path)
            assert (status, headers["Content-Type"].split("/")[0]) == (200, "image"), path


def _bring_database_back(var_dir):
    for suffix in ("", "-wal", "-shm"):
        (var_dir / f"newsdesk.sqlite3{suffix}").unlink(missing_ok=True)  # what reconnecting created meanwhile
        gone = var_dir / f"gone.sqlite3{suffix}"
        if gone.exists():
            gone.rename(var_dir / f"newsdesk.sqlite3{suffix}")


def test_make_run_stays_up_with_the_database_gone_and_its_worker_comes_back_after(site):
    env, port, var_dir = site
    url = f"http://127.0.0.1:{port}"
    serve = subprocess.Popen(
        [sys.executable, "-m", "newsdesk", "serve", "--port", str(port), "--workers", "1"],
        cwd=servers.ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        servers.wait_until_up(url + "/", serve)
        _take_database_away(var_dir)
        time.sleep(4)  # the worker finds no database and stops, more than once

        assert serve.poll() is None, "make run's server stopped with its worker"
        assert servers.fetch(url + ARTICLE)[0] == 200

        _bring_database_back(var_dir)
        _edit_the_story(env)
        servers.wait_for(lambda: b"A new standfirst" in servers.fetch(url + ARTICLE)[2], timeout=40, interval=0.2)
    finally:
        servers.stop(serve)


def test_posting_with_the_database_gone_gets_a_clear_503(site):
    env, port, var_dir = site
    with servers.granian(env, port) as url:
        _take_database_away(var_dir)

        status, headers, body = servers.fetch(url + "/comments/post/1/", method="POST", data=b"name=A")

    assert status == 503
    assert headers.get("Retry-After") == "60"
    assert b"Back in a moment" in body
    assert b"Traceback" not in body


def test_a_baker_killed_mid_write_leaves_every_page_whole_and_the_next_bake_finishes(site):
    env, _, var_dir = site
    output = var_dir / "output"
    page = output / ARTICLE.lstrip("/") / "index.html"
    before = page.read_bytes()
    _edit_the_story(env)

    baker = subprocess.Popen(
        [sys.executable, "-m", "newsdesk", "bake", "--pending"],
        cwd=servers.ROOT, env={**env, "NEWSDESK_BAKE_FAULT_PAUSE": ARTICLE},
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    servers.wait_for(lambda: (page.parent / ".fault-paused").exists(), timeout=30)
    os.kill(baker.pid, signal.SIGKILL)
    baker.wait()

    assert page.read_bytes() == before  # the old version, whole: the half-written file was never renamed
    assert list(page.parent.glob(".tmp-*")), "the baker was not killed in the middle of writing"
    for html in output.rglob("*.html"):
        if not html.name.startswith("."):  # temporary files: never served (no address reaches them)
            assert html.read_bytes().rstrip().endswith(b"</html>"), html

    servers.manage(env, "bake", "--pending")

    assert b"A new standfirst" in page.read_bytes()
    servers.manage(env, "bake", "--all")
    assert not list(output.rglob(".tmp-*"))


def test_a_killed_bakers_pool_of_processes_ends_with_it(site):
    env, _, var_dir = site
    _edit_the_story(env)  # re-bakes a dozen pages: the baker shares them out among a pool
    baker = subprocess.Popen(
        [sys.executable, "-m", "newsdesk", "bake", "--pending", "--workers", "2"],
        cwd=servers.ROOT, env={**env, "NEWSDESK_BAKE_FAULT_PAUSE": "/latest/"},  # baked in the pool
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    servers.wait_for(lambda: (var_dir / "output" / "latest" / ".fault-paused").exists(), timeout=30)
    helpers = _children_of(baker.pid)

    os.kill(baker.pid, signal.SIGKILL)
    baker.wait()

    assert helpers, "the baker had no pool"
    servers.wait_for(lambda: not any(_alive(pid) for pid in helpers), timeout=10)


def test_a_page_slow_to_bake_does_not_hold_up_the_pages_queued_after_it(site):
    env, _, var_dir = site
    # In the order they are baked: the first alone, then a share of five ending with /latest/.
    stuck_share = [f"/before-{n}/" for n in range(4)] + ["/latest/"]
    queue = {"/": 0, **dict.fromkeys(stuck_share[:4], 1), "/latest/": 2, **{f"/after-{n}/": 3 for n in range(15)}}
    servers.manage(
        env, "shell", "--no-imports", "-c",
        "from newsdesk.publishing.baker import request_bake; from newsdesk.publishing.models import BakeRequest;"
        f"BakeRequest.objects.all().delete(); request_bake({queue!r})",
    )  # fmt: skip
    baker = subprocess.Popen(
        [sys.executable, "-m", "newsdesk", "bake", "--pending", "--workers", "2"],
        cwd=servers.ROOT, env={**env, "NEWSDESK_BAKE_FAULT_PAUSE": "/latest/"},  # stuck there until killed
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        servers.wait_for(lambda: (var_dir / "output" / "latest" / ".fault-paused").exists(), timeout=30)

        # The other process goes on through the queue instead of waiting for the stuck one; only the
        # stuck share is left (its requests are closed together when it ends).
        servers.wait_for(lambda: _queued(env) == stuck_share, timeout=30, interval=0.5)
    finally:
        os.kill(baker.pid, signal.SIGKILL)
        baker.wait()


def _queued(env) -> list[str]:
    listed = servers.manage(
        env, "shell", "--no-imports", "-c",
        "from newsdesk.publishing.models import BakeRequest; print(*BakeRequest.objects.values_list('path', flat=True))",
    )  # fmt: skip
    return listed.stdout.split()


def _edit_the_story(env) -> None:
    servers.manage(
        env, "shell", "--no-imports", "-c",
        "from newsdesk.content.models import Article; from newsdesk.content import services;"
        "a = Article.objects.get(slug='us-iran-envoys-oman-talks'); a.dek = 'A new standfirst'; services.save_article(a)",
    )  # fmt: skip


def _children_of(parent: int) -> list[int]:
    children = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == parent:
            children.append(int(stat.parent.name))
    return children


def _alive(pid: int) -> bool:
    """Running or waiting; a zombie (ended, not yet reaped) is not alive."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def _publish_headline(env, headline: str) -> float:
    """Change the story's headline through the services, as the admin does; returns when it committed."""
    done = servers.manage(
        env, "shell", "--no-imports", "-c",
        "import time; from newsdesk.content.models import Article; from newsdesk.content import services;"
        "a = Article.objects.get(slug='us-iran-envoys-oman-talks'); a.headline = " + repr(headline) + ";"
        "services.save_article(a); print(time.time())",
    )  # fmt: skip
    return float(done.stdout.strip().splitlines()[-1])


def test_a_publish_is_served_within_a_second(site):
    env, port, _ = site
    with servers.granian(env, port) as url, servers.worker(env):
        _publish_headline(env, "Warming up")  # the worker has started once this is served
        servers.wait_for(lambda: b"Warming up" in servers.fetch(url + ARTICLE)[2], timeout=30)

        saved_at = _publish_headline(env, "Talks in Muscat begin")
        servers.wait_for(lambda: b"Talks in Muscat begin" in servers.fetch(url + ARTICLE)[2], timeout=5, interval=0.02)
        served_at = time.time()

    assert served_at - saved_at < 1.0, f"served {served_at - saved_at:.2f} s after the save"
