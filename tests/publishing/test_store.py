"""The output directory: pages written whole with their compressed variants, nothing outside it."""

import gzip

import brotli
import pytest

from newsdesk.publishing import store


def test_a_page_is_written_with_gzip_and_brotli_variants(tmp_path):
    store.write_page(tmp_path, "/world/", b"<p>news</p>")

    assert (tmp_path / "world/index.html").read_bytes() == b"<p>news</p>"
    assert gzip.decompress((tmp_path / "world/index.html.gz").read_bytes()) == b"<p>news</p>"
    assert brotli.decompress((tmp_path / "world/index.html.br").read_bytes()) == b"<p>news</p>"


def test_a_file_path_keeps_its_name(tmp_path):
    store.write_page(tmp_path, "/feeds/rss.xml", b"<rss/>")

    assert (tmp_path / "feeds/rss.xml").read_bytes() == b"<rss/>"


def test_rewriting_a_page_leaves_no_temporary_files(tmp_path):
    for n in range(3):
        store.write_page(tmp_path, "/", f"version {n}".encode())

    assert sorted(p.name for p in tmp_path.iterdir()) == ["index.html", "index.html.br", "index.html.gz"]
    assert (tmp_path / "index.html").read_bytes() == b"version 2"


def test_a_gone_page_leaves_only_its_marker(tmp_path):
    store.write_page(tmp_path, "/2026/02/05/story/", b"story")

    store.write_gone(tmp_path, "/2026/02/05/story/", b"withdrawn")

    assert [p.name for p in (tmp_path / "2026/02/05/story").iterdir()] == ["index.html.gone"]


def test_republishing_removes_the_gone_marker(tmp_path):
    store.write_gone(tmp_path, "/story/", b"withdrawn")

    store.write_page(tmp_path, "/story/", b"back")

    assert sorted(p.name for p in (tmp_path / "story").iterdir()) == ["index.html", "index.html.br", "index.html.gz"]


@pytest.mark.parametrize("path", ["../etc/passwd", "/../etc/", "/a/../../b/", "/.git/config", "/a\\b/", "/a\x00/", "//evil/", "relative/"])
def test_paths_that_could_leave_the_output_directory_are_refused(tmp_path, path):
    with pytest.raises(store.UnsafePath):
        store.file_for(tmp_path, path)


def test_the_etag_is_the_same_for_the_same_bytes_and_differs_otherwise():
    assert store.etag_for(b"a") == store.etag_for(b"a")
    assert store.etag_for(b"a") != store.etag_for(b"b")
