"""`backup` and `restore` on PostgreSQL (pg_dump / pg_restore), on the suite's own database.

These run in the PostgreSQL pass of `make test`; the SQLite pass skips them (tests/importers/test_backup.py
covers SQLite with real processes).
"""

import os
import threading
import time

import pytest
from django.db import connection, transaction
from django.utils import timezone

from newsdesk.content import services
from newsdesk.content.models import Article, Author, Section
from newsdesk.importers.backup import BackupError, backup, restore
from tests.factories import ArticleFactory, AuthorFactory
from tests.importers import backup_archives

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_dump and pg_restore: PostgreSQL only"),
]


@pytest.fixture
def site_files(settings, tmp_path, monkeypatch):
    """A var/ directory of the test's own with a generated secret key and one media file."""
    var = tmp_path / "var"
    (var / "media" / "photos").mkdir(parents=True)
    (var / "media" / "photos" / "harbour.jpg").write_bytes(b"harbour at dawn")
    (var / "secret_key").write_text("generated-key-of-this-site")
    settings.VAR_DIR, settings.MEDIA_ROOT = var, var / "media"
    monkeypatch.delenv("NEWSDESK_SECRET_KEY", raising=False)
    return var


def write_bulletins(stop: threading.Event, written: list[int], after_stop: int) -> None:
    """Articles with their byline, each pair in one transaction, until `after_stop` more after `stop`."""
    section, author = Section.objects.first(), Author.objects.first()
    extra = 0
    try:
        while extra < after_stop:
            with transaction.atomic():
                n = len(written)
                article = services.save_article(Article(headline=f"Bulletin {n}", slug=f"bulletin-{n}", body="Text.",
                    section=section, status="published", published_at=timezone.now()))  # fmt: skip
                services.set_bylines(article, [(author, "")])
            written.append(n)
            extra += stop.is_set()
    finally:
        connection.close()


def articles_without_bylines() -> int:
    return Article.objects.filter(bylines__isnull=True).count()


def test_a_backup_taken_while_articles_are_written_restores_a_consistent_snapshot(site_files, tmp_path):
    ArticleFactory.create_batch(3, authors=[AuthorFactory()])
    stop, written = threading.Event(), []
    writer = threading.Thread(target=write_bulletins, args=(stop, written, 5))
    writer.start()
    while len(written) < 5 and writer.is_alive():
        time.sleep(0.01)
    try:
        backup(tmp_path / "backup.tar.gz")
    finally:
        stop.set()
        writer.join(timeout=120)

    restore(tmp_path / "backup.tar.gz")

    assert 3 + 5 <= Article.objects.count() < 3 + len(written)  # taken mid-way through the writes
    assert articles_without_bylines() == 0


def test_a_postgresql_backup_holds_the_media_files_the_settings_and_the_secret_key(site_files, tmp_path):
    ArticleFactory()
    manifest = backup(tmp_path / "backup.tar.gz")
    (site_files / "media" / "photos" / "harbour.jpg").write_bytes(b"overwritten")
    (site_files / "media" / "later.jpg").write_bytes(b"uploaded after the backup")
    (site_files / "secret_key").unlink()

    restored = restore(tmp_path / "backup.tar.gz")

    assert manifest["database"]["engine"] == "postgresql" and "NEWSDESK_BASE_URL" in manifest["settings"]
    assert "NEWSDESK_DATABASE_URL" not in manifest["settings"]
    assert (site_files / "media" / "photos" / "harbour.jpg").read_bytes() == b"harbour at dawn"
    assert not (site_files / "media" / "later.jpg").exists()
    assert (restored["previous_media"] / "later.jpg").read_bytes() == b"uploaded after the backup"
    assert (site_files / "secret_key").read_text() == "generated-key-of-this-site"
    assert Article.objects.count() == 1


def test_backup_without_pg_dump_on_the_path_says_what_to_install(site_files, tmp_path, monkeypatch):
    (tmp_path / "empty").mkdir()
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))

    with pytest.raises(BackupError, match="pg_dump is not on PATH; install PostgreSQL's client tools"):
        backup(tmp_path / "backup.tar.gz")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty", "var"]  # no archive, no partial file


def test_backup_refuses_a_pg_dump_older_than_the_server(site_files, tmp_path, monkeypatch):
    tools = tmp_path / "old-client"
    tools.mkdir()
    (tools / "pg_dump").write_text("#!/bin/sh\necho 'pg_dump (PostgreSQL) 9.6.24'\n")
    (tools / "pg_dump").chmod(0o755)
    monkeypatch.setenv("PATH", f"{tools}{os.pathsep}{os.environ['PATH']}")

    with pytest.raises(BackupError, match=r"pg_dump 9\.6 cannot back up a PostgreSQL \d+\.\d+ server"):
        backup(tmp_path / "backup.tar.gz")
    assert not (tmp_path / "backup.tar.gz").exists()


def test_a_restore_that_fails_half_way_changes_nothing(site_files, tmp_path):
    ArticleFactory(headline="In the backup")
    archive = tmp_path / "backup.tar.gz"
    backup(archive)
    dump = backup_archives.member(archive, "database.dump")
    backup_archives.rewrite(archive, database_dump=dump[:-200])  # the last table's rows cut off
    ArticleFactory(headline="Written after the backup")
    (site_files / "media" / "later.jpg").write_bytes(b"uploaded after the backup")

    with pytest.raises(BackupError, match="rolled back, so nothing was restored"):
        restore(archive)

    assert sorted(Article.objects.values_list("headline", flat=True)) == ["In the backup", "Written after the backup"]
    assert (site_files / "media" / "later.jpg").exists()
    assert sorted(p.name for p in site_files.iterdir()) == ["media", "secret_key"]


def test_restore_refuses_a_dump_made_by_a_newer_pg_dump_before_changing_anything(site_files, tmp_path):
    ArticleFactory()
    archive = tmp_path / "backup.tar.gz"
    backup(archive)
    dump = bytearray(backup_archives.member(archive, "database.dump"))
    dump[5:8] = bytes([1, 99, 0])  # the archive format version a far newer pg_dump would write
    manifest = backup_archives.member(archive, "manifest.json").replace(b'"pg_dump_version": "', b'"pg_dump_version": "99.')
    backup_archives.rewrite(archive, database_dump=bytes(dump), manifest_json=manifest)
    ArticleFactory()

    with pytest.raises(BackupError, match=r"dumped by pg_dump 99\.\S+, which pg_restore \S+ cannot read; install PostgreSQL 99"):
        restore(archive)
    assert Article.objects.count() == 2


def test_restore_refuses_a_sqlite_backup_and_points_to_export_and_import(site_files, tmp_path):
    ArticleFactory()
    archive = backup_archives.sqlite_backup(tmp_path / "sqlite-backup.tar.gz", tmp_path)

    with pytest.raises(BackupError, match="holds a sqlite database and this site runs postgresql") as refused:
        restore(archive)
    assert "`import newsdesk DIR`" in str(refused.value)
    assert Article.objects.count() == 1
