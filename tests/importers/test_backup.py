"""`backup` while the site is written to, and `restore` into a new site (real processes, SQLite on disk)."""

import shutil
import sqlite3
import subprocess
import sys
import tarfile
import time

import pytest

from tests import servers
from tests.importers import backup_archives

pytestmark = pytest.mark.server

WRITER = """
import time
from django.db import transaction
from django.utils import timezone
from newsdesk.content import services
from newsdesk.content.models import Article, Author, Section
section, author = Section.objects.first(), Author.objects.first()
n, end = 0, time.monotonic() + {seconds}
while time.monotonic() < end:
    with transaction.atomic():  # an article and its byline: always both, or neither
        article = services.save_article(Article(headline=f"Bulletin {{n}}", slug=f"bulletin-{{n}}", body="Text.",
            section=section, status="published", published_at=timezone.now()))
        services.set_bylines(article, [(author, "")])
    n += 1
print(n)
"""


@pytest.fixture(scope="module")
def demo_site(tmp_path_factory):
    """A migrated site with the demo loaded, made once for these tests."""
    var = tmp_path_factory.mktemp("backup-site") / "var"
    env = servers.site_env(var, port=8000)
    servers.manage(env, "migrate", "--no-input", "-v", "0")
    servers.manage(env, "demo")
    return var


@pytest.fixture
def site(demo_site, tmp_path):
    """A private copy of the demo site: (environment, var directory)."""
    var = tmp_path / "var"
    shutil.copytree(demo_site, var)
    return servers.site_env(var, port=8000), var


def articles_without_bylines(database) -> tuple[int, int]:
    with sqlite3.connect(database) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        total = db.execute("SELECT count(*) FROM content_article").fetchone()[0]
        orphans = db.execute(
            "SELECT count(*) FROM content_article a WHERE NOT EXISTS "
            "(SELECT 1 FROM content_articleauthor b WHERE b.article_id = a.id)"
        ).fetchone()[0]
    return total, orphans


def test_a_backup_taken_while_articles_are_written_is_consistent(site, tmp_path):
    env, var = site
    writer = subprocess.Popen(
        [sys.executable, "-m", "newsdesk", "shell", "-c", WRITER.format(seconds=8)],
        cwd=servers.ROOT, env=env, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    time.sleep(2)
    servers.manage(env, "backup", str(tmp_path / "backup.tar.gz"))
    written = int(writer.communicate(timeout=60)[0].split()[-1])
    restored_env = servers.site_env(tmp_path / "restored", port=8001)

    servers.manage(restored_env, "restore", "--no-input", str(tmp_path / "backup.tar.gz"))

    total, orphans = articles_without_bylines(tmp_path / "restored" / "newsdesk.sqlite3")
    demo_articles = 16
    assert demo_articles < total < demo_articles + written  # taken mid-way through the writes
    assert orphans == 0


def test_restore_brings_back_the_media_files_and_the_secret_key(site, tmp_path):
    env, var = site
    servers.manage(env, "backup", str(tmp_path / "backup.tar.gz"))
    restored_env = servers.site_env(tmp_path / "restored", port=8001)

    servers.manage(restored_env, "restore", "--no-input", str(tmp_path / "backup.tar.gz"))

    assert (tmp_path / "restored" / "secret_key").read_text() == (var / "secret_key").read_text()
    media = sorted(p.relative_to(var / "media") for p in (var / "media").rglob("*") if p.is_file())
    assert media and media == sorted(p.relative_to(tmp_path / "restored" / "media") for p in (tmp_path / "restored" / "media").rglob("*") if p.is_file())
    with sqlite3.connect(tmp_path / "restored" / "newsdesk.sqlite3") as db:
        assert db.execute("SELECT count(*) FROM content_article").fetchone()[0] == 16


def test_backup_refuses_to_overwrite_a_file(site, tmp_path):
    env, _ = site
    (tmp_path / "backup.tar.gz").write_text("precious")

    result = servers.manage(env, "backup", str(tmp_path / "backup.tar.gz"), check=False)

    assert result.returncode != 0 and "exists already" in result.stderr
    assert (tmp_path / "backup.tar.gz").read_text() == "precious"


def test_restore_refuses_a_file_that_is_not_a_backup(site, tmp_path):
    env, _ = site
    (tmp_path / "notes.tar.gz").write_bytes(b"not an archive")

    result = servers.manage(env, "restore", "--no-input", str(tmp_path / "notes.tar.gz"), check=False)

    assert result.returncode != 0 and "not a backup archive" in result.stderr


def article_count(database) -> int:
    with sqlite3.connect(database) as db:
        return db.execute("SELECT count(*) FROM content_article").fetchone()[0]


def test_restore_refuses_a_backup_whose_database_is_damaged_and_changes_nothing(site, tmp_path):
    env, var = site
    servers.manage(env, "backup", str(tmp_path / "backup.tar.gz"))
    database = backup_archives.member(tmp_path / "backup.tar.gz", "database.sqlite3")
    backup_archives.rewrite(tmp_path / "backup.tar.gz", database_sqlite3=database[:4096] + b"\0" * 8192)
    (var / "media" / "later.jpg").write_bytes(b"uploaded after the backup")

    result = servers.manage(env, "restore", "--no-input", str(tmp_path / "backup.tar.gz"), check=False)

    assert result.returncode != 0 and "the database in it is damaged" in result.stderr
    assert "Nothing was restored" in result.stderr
    assert article_count(var / "newsdesk.sqlite3") == 16
    assert (var / "media" / "later.jpg").exists()


def test_restore_refuses_a_tar_archive_that_was_not_made_by_backup(site, tmp_path):
    env, var = site
    with tarfile.open(tmp_path / "photos.tar.gz", "w:gz") as archive:
        archive.add(var / "media", arcname="photos")

    result = servers.manage(env, "restore", "--no-input", str(tmp_path / "photos.tar.gz"), check=False)

    assert result.returncode != 0 and "no readable manifest.json; it was not made by `backup`" in result.stderr


def test_restore_refuses_a_postgresql_backup_on_sqlite_and_points_to_export_and_import(site, tmp_path):
    env, var = site
    manifest = {"format": "newsdesk-backup", "version": 1, "created_at": "2026-01-01T00:00:00+00:00",
                "database": {"engine": "postgresql", "file": "database.dump"}, "settings": {}}  # fmt: skip
    backup_archives.hand_made(tmp_path / "pg.tar.gz", manifest, {"database.dump": b"PGDMP"})

    result = servers.manage(env, "restore", "--no-input", str(tmp_path / "pg.tar.gz"), check=False)

    assert result.returncode != 0
    assert "holds a postgresql database and this site runs sqlite" in result.stderr
    assert "`import newsdesk DIR`" in result.stderr
    assert article_count(var / "newsdesk.sqlite3") == 16
