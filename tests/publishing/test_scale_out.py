"""Scale-out: two web processes and a worker sharing PostgreSQL, Redis and one output directory."""

import http.cookiejar
import os
import secrets
import urllib.parse
import urllib.request

import psycopg
import pytest
import redis
from bs4 import BeautifulSoup

from tests import servers

pytestmark = pytest.mark.server

POSTGRES = "postgres://postgres@127.0.0.1:5432"
REDIS = "redis://127.0.0.1:6379/15"
ARTICLE = "/2026/02/05/us-iran-envoys-oman-talks/"


def _reachable() -> str | None:
    try:
        psycopg.connect(f"{POSTGRES}/postgres", connect_timeout=3).close()
        redis.Redis.from_url(REDIS, socket_connect_timeout=3).ping()
    except Exception as error:  # noqa: BLE001 - any failure means the services are not there
        return str(error)
    return None


@pytest.fixture
def shared_services():
    """A fresh PostgreSQL database and an empty Redis database, dropped afterwards."""
    if problem := _reachable():
        if os.environ.get("CI") or os.environ.get("NEWSDESK_REQUIRE_POSTGRES"):
            pytest.fail(f"PostgreSQL and Redis must be reachable here: {problem}", pytrace=False)
        pytest.skip(f"PostgreSQL or Redis is not reachable: {problem}")
    name = f"newsdesk_scale_{secrets.token_hex(4)}"
    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    redis.Redis.from_url(REDIS).flushdb()
    try:
        yield {"NEWSDESK_DATABASE_URL": f"{POSTGRES}/{name}", "NEWSDESK_REDIS_URL": REDIS}
    finally:
        with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


class AdminSession:
    """An editor in the admin over real HTTP: logs in, opens a form, changes fields, saves it."""

    def __init__(self, base_url: str):
        self.base_url = base_url
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))

    def _form(self, path: str) -> dict[str, str | list[str]]:
        html = self.opener.open(self.base_url + path).read()
        forms = BeautifulSoup(html, "html.parser").find_all("form", method="post")
        form = max(forms, key=lambda f: len(f.find_all(["input", "textarea", "select"])))  # not the logout form
        fields = {}
        for element in form.find_all(["input", "textarea", "select"]):
            name = element.get("name")
            if not name or element.get("type") in ("submit", "button", "file"):
                continue
            if element.name == "textarea":
                fields[name] = element.text
            elif element.name == "select":
                chosen = [option["value"] for option in element.find_all("option", selected=True)]
                fields[name] = chosen if element.has_attr("multiple") else (chosen[0] if chosen else "")
            elif element.get("type") == "checkbox":
                if element.has_attr("checked"):
                    fields[name] = element.get("value", "on")
            else:
                fields[name] = element.get("value", "")
        return fields

    def submit(self, path: str, changes: dict[str, str]) -> str:
        """Post the form at `path` with `changes`; returns where the admin sent us afterwards."""
        fields = self._form(path) | changes
        data = urllib.parse.urlencode(fields, doseq=True).encode()
        request = urllib.request.Request(self.base_url + path, data=data, headers={"Referer": self.base_url + path})
        with self.opener.open(request) as response:
            return response.url

    def log_in(self, username: str, password: str) -> None:
        self.submit("/admin/login/", {"username": username, "password": password})


def test_a_publish_through_one_web_process_is_live_on_both(tmp_path, shared_services):
    port_a, port_b = servers.free_port(), servers.free_port()
    env = servers.site_env(tmp_path / "var", port=port_a, **shared_services)
    servers.set_up_site(env)
    servers.manage(env, "shell", "--no-imports", "-c",
                   "from django.contrib.auth.models import User; User.objects.create_superuser('editor', password='a long test password')")  # fmt: skip
    article_id = servers.manage(env, "shell", "--no-imports", "-c",
                                "from newsdesk.content.models import Article; print(Article.objects.get(slug='us-iran-envoys-oman-talks').pk)").stdout.strip()  # fmt: skip

    with servers.granian(env, port_a) as site_a, servers.granian(env, port_b) as site_b, servers.worker(env):
        editor = AdminSession(site_a)
        editor.log_in("editor", "a long test password")
        change_form = f"/admin/content/article/{article_id}/change/"
        # A published story's edit is its pending update until published as an update (newsroom workflow).
        landed = editor.submit(change_form, {"headline": "Envoys meet in Muscat", "_workflow": "update"})
        assert not landed.endswith(change_form), "the admin refused the change"

        for site in (site_a, site_b):
            for path in (ARTICLE, "/"):
                servers.wait_for(lambda: b"Envoys meet in Muscat" in servers.fetch(site + path)[2], timeout=5)
