"""Live updates through the server `make run` starts: streamed to open pages within two seconds (database
polling, or Redis pub/sub when configured), resumed after a reconnect, and baked for readers without JavaScript."""

import json
import time

import pytest

from tests import servers
from tests.stories.server import StreamReader, make_run_server, post_update

pytestmark = pytest.mark.server

LIVE_PATH = "/live/us-iran-talks-oman-live/"


def _last_event(url: str) -> int:
    _, _, body = servers.fetch(f"{url}{LIVE_PATH}events.json?after=0")
    return max(event["id"] for event in json.loads(body)["events"])


def _redis_answers() -> bool:
    try:
        import redis

        return redis.Redis.from_url("redis://127.0.0.1:6379/0", socket_timeout=1).ping()
    except Exception:
        return False


def _delivery(env, port, url) -> float:
    reader = StreamReader(port, after=_last_event(url))
    reader.start()
    reader.open.wait(10)
    assert b" 200 " in reader.status
    try:
        time.sleep(0.5)
        _, committed = post_update(env, "Delegations break for lunch.")
        arrived = reader.wait_for(_last_event(url))
        assert "Delegations break for lunch." in reader.data[-1]
        return arrived - committed
    finally:
        reader.close()


def test_an_open_live_page_gets_a_new_update_within_two_seconds(site_copy):
    env, port, _ = site_copy
    with make_run_server(env, port) as url:
        assert _delivery(env, port, url) < 2.0


@pytest.mark.skipif(not _redis_answers(), reason="no Redis server at 127.0.0.1:6379")
def test_with_redis_an_update_is_fanned_out_to_every_process_within_two_seconds(site_copy):
    env, port, _ = site_copy
    env = env | {"NEWSDESK_REDIS_URL": "redis://127.0.0.1:6379/0"}
    with make_run_server(env, port) as url:
        assert _delivery(env, port, url) < 2.0


def test_a_reconnecting_reader_gets_exactly_what_it_missed(site_copy):
    env, port, _ = site_copy
    with make_run_server(env, port) as url:
        last = _last_event(url)
        post_update(env, "Missed while offline.")
        reader = StreamReader(port, last_event_id=last)
        reader.start()
        try:
            reader.wait_for(last + 1)
            assert sorted(reader.arrived) == [last + 1]
        finally:
            reader.close()


def test_readers_without_javascript_get_the_update_in_the_baked_page(site_copy):
    env, port, var_dir = site_copy
    with make_run_server(env, port) as url:
        post_update(env, "Baked for every reader.")

        def baked() -> bool:
            return "Baked for every reader." in (var_dir / "output" / LIVE_PATH.strip("/") / "index.html").read_text()

        servers.wait_for(baked, timeout=30)
        status, headers, body = servers.fetch(f"{url}{LIVE_PATH}")
        assert status == 200 and b"Baked for every reader." in body


def test_baked_pages_and_the_admin_still_answer_under_asgi(site_copy):
    env, port, _ = site_copy
    with make_run_server(env, port) as url:
        status, headers, _ = servers.fetch(f"{url}/2026/02/05/us-iran-envoys-oman-talks/", headers={"Accept-Encoding": "br"})
        assert (status, headers["Content-Encoding"]) == (200, "br")
        assert servers.fetch(f"{url}/admin/login/")[0] == 200
