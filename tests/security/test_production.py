"""With production settings: HTTPS-only cookies with the __Host- prefix, HSTS, and nothing reachable that
tells an attacker about the machine (debug pages, directory listings, .git, stack traces)."""

import json
import os
import subprocess
import sys

import pytest

from tests.security.headers import assert_security_headers
from tests.servers import ROOT

HOST = "news.example.org"
PROBES = [
    "/admin/login/", "/", "/.git/config", "/.git/HEAD", "/.env", "/static/", "/media/", "/media/../newsdesk/settings/base.py",
    "/newsdesk/settings/base.py", "/var/secret_key", "/no-such-page/", "/admin/no-such-page/", "/api/v1/no-such-thing",
]  # fmt: skip
SCRIPT = """
import json, sys
import django
django.setup()
from django.conf import settings
from django.test import Client
from newsdesk.core.security import security_headers
client = Client(raise_request_exception=False)
out = {"debug": settings.DEBUG, "cookies": [settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME],
       "baked_headers": dict(security_headers()), "responses": {}}
for path in json.loads(sys.argv[1]):
    response = client.get(path, secure=True, HTTP_HOST=%(host)r)
    cookies = {name: dict(morsel, value=morsel.value) for name, morsel in response.cookies.items()}
    out["responses"][path] = {"status": response.status_code, "headers": dict(response.headers),
                              "body": response.content.decode("utf-8", "replace"), "cookies": cookies}
response = Client(raise_request_exception=False).get("/admin/login/", HTTP_HOST=%(host)r)
out["plain_http"] = {"status": response.status_code, "location": response.get("Location", "")}
print(json.dumps(out))
""" % {"host": HOST}


@pytest.fixture(scope="module")
def production(tmp_path_factory):
    """Responses of a migrated site running newsdesk.settings.production (with NEWSDESK_DEBUG=true in the
    environment, which production settings must ignore)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSDESK_")} | {
        "DJANGO_SETTINGS_MODULE": "newsdesk.settings.production",
        "NEWSDESK_VAR_DIR": str(tmp_path_factory.mktemp("production-var")),
        "NEWSDESK_ALLOWED_HOSTS": HOST,
        "NEWSDESK_BASE_URL": f"https://{HOST}",
        "NEWSDESK_DEBUG": "true",
    }
    for command in (["migrate", "--no-input", "-v", "0"], ["collectstatic", "--no-input", "-v", "0"]):
        subprocess.run([sys.executable, "-m", "newsdesk", *command], cwd=ROOT, env=env, check=True)
    result = subprocess.run([sys.executable, "-c", SCRIPT, json.dumps(PROBES)], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_debug_stays_off_whatever_the_environment_says(production):
    assert production["debug"] is False


def test_session_and_csrf_cookies_carry_the_host_prefix(production):
    assert production["cookies"] == ["__Host-sessionid", "__Host-csrftoken"]


def test_the_csrf_cookie_is_secure_httponly_samesite_for_the_whole_site(production):
    cookie = production["responses"]["/admin/login/"]["cookies"]["__Host-csrftoken"]

    assert cookie["secure"] and cookie["httponly"] and cookie["samesite"] == "Lax"
    assert cookie["path"] == "/" and not cookie["domain"]


def test_pages_over_https_carry_hsts_and_the_other_headers(production):
    for path in ("/admin/login/", "/", "/no-such-page/"):
        assert_security_headers(production["responses"][path]["headers"], where=path, hsts=True)


def test_baked_files_carry_hsts_in_production(production):
    assert_security_headers(production["baked_headers"], where="baked", hsts=True)
    assert "upgrade-insecure-requests" in production["baked_headers"]["Content-Security-Policy"]


def test_plain_http_is_redirected_to_https(production):
    assert production["plain_http"]["status"] == 301
    assert production["plain_http"]["location"].startswith(f"https://{HOST}/")


@pytest.mark.parametrize("path", [p for p in PROBES if p not in ("/", "/admin/login/")])
def test_nothing_private_or_revealing_is_reachable(production, path):
    found = production["responses"][path]

    # Refused, not found, or (inside the admin, for a visitor not signed in) sent to the sign-in page.
    assert found["status"] in (400, 404) or found["headers"].get("Location", "").startswith("/admin/login/"), path
    for telltale in ("Traceback", "DEBUG = True", "URLconf", "SECRET_KEY", "Index of", "[core]", "Directory indexes"):
        assert telltale not in found["body"], (path, telltale)
