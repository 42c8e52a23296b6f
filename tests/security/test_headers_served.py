"""The security headers on what real servers send: granian with the baked-file server in front of Django
(`make run`), and deploy/nginx.conf in front of that. Each header is sent exactly once."""

import pytest

from newsdesk.core.security import CONTENT_SECURITY_POLICY, PERMISSIONS_POLICY
from tests import servers
from tests.publishing.test_nginx import nginx_site  # noqa: F401 - the fixture nginx_url builds on
from tests.security.headers import assert_security_headers

pytestmark = pytest.mark.server

ARTICLE = "/2026/02/05/us-iran-envoys-oman-talks/"
RESPONSES = {
    "article (baked)": ARTICLE,
    "list (baked)": "/section/world/",
    "feed (baked)": "/feeds/rss.xml",
    "article with a query string (Django)": ARTICLE + "?utm_source=x",
    "admin": "/admin/login/",
    "API": "/api/v1/",
    "static asset": "/static/newsdesk/css/site.css",
    "not found": "/no-such-page/",
    "hidden file": "/.git/config",
}


def check_all(base_url: str) -> None:
    for kind, path in RESPONSES.items():
        status, headers, _ = servers.fetch(base_url + path)
        assert status < 500, (kind, status)
        assert_security_headers(headers, where=f"{kind} {path}")
        for name in ("Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy", "Cross-Origin-Opener-Policy"):
            assert len(headers.get_all(name)) == 1, (kind, name, headers.get_all(name))


def test_every_response_of_the_embedded_server_carries_the_headers(site_copy):
    env, port, _ = site_copy
    with servers.granian(env, port) as url:
        check_all(url)


@pytest.fixture
def nginx_url(nginx_site):
    """deploy/nginx.conf in front of the embedded server, as tests/publishing/test_nginx.py starts it."""
    return nginx_site[0]


def test_every_response_through_nginx_carries_the_headers_once(nginx_url):
    check_all(nginx_url)


def test_nginx_keeps_cache_control_of_the_application(nginx_url):
    _, headers, _ = servers.fetch(nginx_url + "/admin/login/")

    assert headers.get_all("Cache-Control") == [headers["Cache-Control"]]
    assert "public" not in headers["Cache-Control"]


def test_nginx_conf_states_the_same_policy_as_the_application():
    conf = (servers.ROOT / "deploy/nginx.conf").read_text()

    assert f'"{CONTENT_SECURITY_POLICY}"' in conf
    assert f'"{PERMISSIONS_POLICY}"' in conf
