"""deploy/nginx.conf: nginx serves the baked directory itself and passes the rest to the application."""

import os
import shutil
import subprocess

import pytest

from tests import servers

pytestmark = pytest.mark.server

ARTICLE = "/2026/02/05/us-iran-envoys-oman-talks/"


def nginx_config(var_dir, *, port: int, app_port: int) -> str:
    """deploy/nginx.conf pointed at this test's directories and ports, inside a minimal nginx.conf."""
    server = (servers.ROOT / "deploy/nginx.conf").read_text()
    server = server.replace("/srv/newsdesk/var", str(var_dir)).replace("127.0.0.1:8000", f"127.0.0.1:{app_port}")
    server = server.replace("listen 80;", f"listen 127.0.0.1:{port};")
    return (
        f"user root; daemon off; worker_processes 1; pid {var_dir}/nginx.pid; error_log {var_dir}/nginx-error.log;\n"
        "events { worker_connections 256; }\n"
        f"http {{ include /etc/nginx/mime.types; access_log off; {server} }}\n"
    )


@pytest.fixture
def nginx_site(site_copy, tmp_path):
    if not shutil.which("nginx"):
        if os.environ.get("CI"):
            pytest.fail("nginx is missing; make test installs Debian's nginx as root", pytrace=False)
        pytest.skip("nginx is not installed")
    env, app_port, var_dir = site_copy
    port = servers.free_port()
    config = tmp_path / "nginx.conf"
    config.write_text(nginx_config(var_dir, port=port, app_port=app_port))
    with servers.granian(env, app_port):
        nginx = subprocess.Popen(["nginx", "-c", str(config)], stderr=subprocess.PIPE)
        try:
            servers.wait_until_up(f"http://127.0.0.1:{port}/", nginx)
            yield f"http://127.0.0.1:{port}", var_dir
        finally:
            servers.stop(nginx)


def test_nginx_serves_baked_pages_and_feeds_with_their_types(nginx_site):
    url, _ = nginx_site

    status, headers, _ = servers.fetch(url + ARTICLE, headers={"Accept-Encoding": "gzip"})

    assert status == 200
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    assert headers["Content-Encoding"] == "gzip"
    assert "stale-if-error" in headers["Cache-Control"]


def test_nginx_keeps_serving_pages_with_the_database_gone(nginx_site):
    url, var_dir = nginx_site
    (var_dir / "newsdesk.sqlite3").rename(var_dir / "gone.sqlite3")

    for path in ("/", ARTICLE, "/section/world/", "/latest/"):
        assert servers.fetch(url + path)[0] == 200, path
    assert servers.fetch(url + "/comments/post/1/", method="POST", data=b"x=1")[0] == 503


def test_nginx_passes_forms_and_query_strings_to_the_application(nginx_site):
    url, _ = nginx_site

    assert servers.fetch(url + "/section/world/?page=2")[0] == 404  # one page only: Django answered
    assert servers.fetch(url + "/admin/login/")[0] == 200


def test_nginx_never_serves_hidden_files(nginx_site):
    url, var_dir = nginx_site
    (var_dir / "output" / ".tmp-half-written.html").write_text("half")

    assert servers.fetch(url + "/.tmp-half-written.html")[0] == 404
