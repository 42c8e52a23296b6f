"""Every kind of response Django makes carries the security headers: pages, feeds, the admin, the API,
static files, errors. (Baked files and nginx: test_headers_served.py.)"""

import pytest

from newsdesk.core.security import security_headers
from tests.security.headers import assert_security_headers

pytestmark = pytest.mark.django_db

PATHS = {
    "front page": "/",
    "list": "/section/world/",
    "feed": "/feeds/rss.xml",
    "sitemap": "/sitemap.xml",
    "admin login": "/admin/login/",
    "admin page (redirect)": "/admin/content/article/",
    "API": "/api/v1/",
    "API docs": "/api/v1/docs",
    "not found": "/no-such-page/",
    "uploaded file missing": "/media/nothing.jpg",
    "static file": "/static/newsdesk/css/site.css",
    "comment post refused": "/comments/post/999999/",
}


def test_each_kind_of_response_carries_the_security_headers(client, oman_story):
    # One demo publication for all of them: loading it is the slow part.
    for kind, path in {"article": oman_story.get_absolute_url(), **PATHS}.items():
        response = client.get(path)
        assert response.status_code < 500, kind
        assert_security_headers(response, where=f"{kind} ({path})")


def test_the_signed_in_admin_carries_the_security_headers(admin_client, publication):
    for path in ("/admin/", "/admin/content/article/", "/admin/content/article/add/"):
        response = admin_client.get(path)
        assert response.status_code == 200, path
        assert_security_headers(response, where=path)


def test_the_server_error_page_carries_the_headers_and_no_details(client, publication, settings):
    settings.ROOT_URLCONF = "tests.security.error_urls"
    client.raise_request_exception = False

    response = client.get("/broken-for-tests/")

    assert response.status_code == 500
    assert_security_headers(response, where="500")
    assert b"secret-internal-detail" not in response.content
    assert b"Traceback" not in response.content


def test_the_policy_allows_no_inline_script_or_plugin():
    policy = dict(security_headers())["Content-Security-Policy"]

    assert "script-src 'self';" in policy and "unsafe" not in policy


def test_baked_files_get_the_same_headers_as_django_pages(client, publication):
    live = client.get("/")
    baked = dict(security_headers())

    for name in ("Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy", "Cross-Origin-Opener-Policy", "X-Frame-Options"):
        assert baked[name] == live[name], name
