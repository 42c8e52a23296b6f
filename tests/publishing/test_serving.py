"""Baked pages are answered before Django runs: types, encodings, validators, 304, 410, HEAD."""

import gzip
import time
from email.utils import formatdate

import pytest

from newsdesk.publishing import store
from newsdesk.publishing.serving import BakedPages


class Django:
    """Stands in for the application behind the baked pages and counts what reaches it."""

    def __init__(self):
        self.calls = []

    def __call__(self, environ, start_response):
        self.calls.append(environ["PATH_INFO"])
        start_response("200 OK", [("Content-Type", "text/plain")])
        return [b"from django"]


def call(app, path, method="GET", query="", **headers):
    environ = {"REQUEST_METHOD": method, "PATH_INFO": path.encode().decode("latin-1"), "QUERY_STRING": query}
    environ.update({"HTTP_" + k.upper(): v for k, v in headers.items()})
    captured = {}

    def start_response(status, headers, exc_info=None):
        captured["status"], captured["headers"] = status, dict(headers)

    body = b"".join(app(environ, start_response))
    return captured["status"], captured["headers"], body


@pytest.fixture
def site(tmp_path):
    django = Django()
    store.write_page(tmp_path, "/", b"<h1>front</h1>")
    store.write_page(tmp_path, "/feeds/rss.xml", b"<rss/>")
    return BakedPages(django, tmp_path, extra_headers=[("X-Content-Type-Options", "nosniff")]), django, tmp_path


def test_a_baked_page_is_served_without_reaching_django(site):
    app, django, _ = site

    status, headers, body = call(app, "/")

    assert (status, body) == ("200 OK", b"<h1>front</h1>")
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    assert django.calls == []


def test_brotli_is_preferred_when_the_client_accepts_it(site):
    app, _, _ = site

    _, headers, _ = call(app, "/", accept_encoding="gzip, deflate, br")

    assert headers["Content-Encoding"] == "br"
    assert headers["Vary"] == "Accept-Encoding"


def test_gzip_is_sent_to_a_client_that_refuses_brotli(site):
    app, _, _ = site

    _, headers, body = call(app, "/", accept_encoding="br;q=0, gzip")

    assert headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(body) == b"<h1>front</h1>"


def test_a_client_without_accept_encoding_gets_the_plain_page(site):
    app, _, _ = site

    _, headers, body = call(app, "/")

    assert "Content-Encoding" not in headers
    assert headers["Content-Length"] == str(len(body))


def test_a_matching_etag_gets_304_without_a_body(site):
    app, _, _ = site
    _, headers, _ = call(app, "/")

    status, _, body = call(app, "/", if_none_match=headers["ETag"])

    assert (status, body) == ("304 Not Modified", b"")


def test_an_unchanged_page_since_a_date_gets_304(site):
    app, _, _ = site

    status, _, _ = call(app, "/", if_modified_since=formatdate(time.time() + 60, usegmt=True))

    assert status == "304 Not Modified"


def test_a_malformed_date_is_ignored_not_an_error(site):
    app, _, _ = site

    status, _, _ = call(app, "/", if_modified_since="yesterday-ish")

    assert status == "200 OK"


def test_head_sends_the_headers_without_the_body(site):
    app, _, _ = site

    status, headers, body = call(app, "/", method="HEAD")

    assert (status, body) == ("200 OK", b"")
    assert headers["Content-Length"] == str(len(b"<h1>front</h1>"))


def test_feeds_are_served_with_their_own_type(site):
    app, _, _ = site

    _, headers, _ = call(app, "/feeds/rss.xml")

    assert headers["Content-Type"] == "application/rss+xml; charset=utf-8"


def test_cache_control_lets_a_cdn_serve_stale_pages_while_the_site_is_down(site):
    app, _, _ = site

    _, headers, _ = call(app, "/")

    assert "max-age=60" in headers["Cache-Control"]
    assert "stale-while-revalidate" in headers["Cache-Control"] and "stale-if-error" in headers["Cache-Control"]


def test_a_rebaked_page_is_served_at_once(site):
    app, _, root = site
    call(app, "/")

    store.write_page(root, "/", b"<h1>new front</h1>")

    assert call(app, "/")[2] == b"<h1>new front</h1>"


def test_a_withdrawn_page_answers_410_with_its_notice(site):
    app, _, root = site
    store.write_gone(root, "/story/", b"withdrawn")

    status, _, body = call(app, "/story/")

    assert (status, body) == ("410 Gone", b"withdrawn")


@pytest.mark.parametrize(
    ("method", "path", "query"),
    [("POST", "/", ""), ("GET", "/", "page=2"), ("GET", "/not-baked/", ""), ("GET", "/../etc/passwd", "")],
)
def test_everything_else_goes_to_django(site, method, path, query):
    app, django, _ = site

    call(app, path, method=method, query=query)

    assert django.calls == [path]


def test_security_headers_are_on_baked_pages(site):
    app, _, _ = site

    assert call(app, "/")[1]["X-Content-Type-Options"] == "nosniff"


def test_unicode_addresses_are_served(tmp_path):
    app = BakedPages(Django(), tmp_path, extra_headers=[])
    store.write_page(tmp_path, "/tag/إيران/", b"arabic tag")

    assert call(app, "/tag/إيران/")[2] == b"arabic tag"


@pytest.fixture
def media(tmp_path):
    django, pages, files = Django(), tmp_path / "output", tmp_path / "media"
    (files / "images/d6").mkdir(parents=True)
    (files / "images/d6/quay-d6a1.webp").write_bytes(b"RIFF....WEBPVP8 picture")
    (files / "documents/16").mkdir(parents=True)
    (files / "documents/16/dues-16aa.pdf").write_bytes(b"%PDF-1.4 dues")
    (files / "notes.html").write_text("<script>alert(1)</script>")
    (files / "images/d6/.hidden.jpg").write_bytes(b"hidden")
    (tmp_path / "secret_key").write_text("s3cret")
    app = BakedPages(django, pages, extra_headers=[("X-Content-Type-Options", "nosniff")], media=("/media/", files))
    return app, django


def test_a_media_file_is_served_from_its_file_without_reaching_django(media):
    app, django = media

    status, headers, body = call(app, "/media/images/d6/quay-d6a1.webp", accept_encoding="br, gzip")

    assert (status, body) == ("200 OK", b"RIFF....WEBPVP8 picture")
    assert headers["Content-Type"] == "image/webp"
    assert headers["Cache-Control"] == "public, max-age=3600"
    assert "Content-Encoding" not in headers
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert django.calls == []


def test_a_stored_pdf_is_served_as_a_pdf(media):
    app, _ = media

    status, headers, _ = call(app, "/media/documents/16/dues-16aa.pdf")

    assert (status, headers["Content-Type"]) == ("200 OK", "application/pdf")


def test_a_media_file_answers_its_etag_with_304(media):
    app, _ = media
    etag = call(app, "/media/images/d6/quay-d6a1.webp")[1]["ETag"]

    status, _, body = call(app, "/media/images/d6/quay-d6a1.webp", if_none_match=etag)

    assert (status, body) == ("304 Not Modified", b"")


@pytest.mark.parametrize(
    "path",
    ["/media/../secret_key", "/media/images/d6/.hidden.jpg", "/media/notes.html", "/media/images/d6/missing.webp", "/media/images//d6/quay-d6a1.webp"],
)
def test_a_media_address_that_is_not_a_stored_file_goes_to_django(media, path):
    app, django = media

    call(app, path)

    assert django.calls == [path]
