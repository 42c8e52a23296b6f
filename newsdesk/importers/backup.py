"""`backup FILE` and `restore FILE`: the whole site in one archive, taken while it runs.

The archive (a .tar.gz) holds:
  manifest.json       what it is: format, time, database engine, newsdesk settings in effect (no passwords)
  database.sqlite3    SQLite: a copy made with SQLite's online backup API (one consistent snapshot,
                      writers carry on meanwhile)
  database.dump       PostgreSQL: `pg_dump --format=custom` (one consistent snapshot by design)
  media/...           uploaded files
  secret_key          the generated secret key from var/, when the site uses one (it signs sessions
                      and the comment form's token: without it, baked pages and links change)
"""

from __future__ import annotations

import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.utils import timezone

from newsdesk.conf import SETTINGS, env

FORMAT = "newsdesk-backup"
VERSION = 1
# Values never written to the manifest (the secret key travels in its own file, when it is a file).
SECRET_SETTINGS = {"NEWSDESK_SECRET_KEY", "NEWSDESK_DATABASE_URL", "NEWSDESK_REDIS_URL"}


class BackupError(Exception):
    """A backup or restore that cannot be done; the message says why."""


def _engine() -> str:
    vendor = connection.vendor
    if vendor not in ("sqlite", "postgresql"):
        raise BackupError(f"backups support SQLite and PostgreSQL, not {vendor}.")
    return vendor


def _pg_env() -> tuple[list[str], dict[str, str]]:
    """Connection options for pg_dump / pg_restore, the password through the environment only."""
    db = settings.DATABASES["default"]
    args = ["--dbname", db["NAME"]]
    if db.get("HOST"):
        args += ["--host", db["HOST"]]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    if db.get("USER"):
        args += ["--username", db["USER"]]
    env_vars = dict(os.environ)
    if db.get("PASSWORD"):
        env_vars["PGPASSWORD"] = db["PASSWORD"]
    return args, env_vars


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupError(f"{name} is not installed; install PostgreSQL's client tools (apt-get install postgresql-client).")
    return path


def _snapshot_database(target_dir: Path) -> str:
    engine = _engine()
    if engine == "sqlite":
        target = target_dir / "database.sqlite3"
        connection.ensure_connection()
        destination = sqlite3.connect(target)
        try:
            # pages=-1: the whole database in one step, under one read lock, so the copy is one
            # consistent snapshot however much is written meanwhile (WAL lets the writers carry on).
            connection.connection.backup(destination, pages=-1)
        finally:
            destination.close()
        return target.name
    args, env_vars = _pg_env()
    target = target_dir / "database.dump"
    result = subprocess.run(
        [_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges", "--file", str(target), *args],
        env=env_vars, capture_output=True, text=True,
    )  # fmt: skip
    if result.returncode != 0:
        raise BackupError(f"pg_dump failed: {result.stderr.strip()}")
    return target.name


def _manifest(database_file: str) -> dict:
    return {
        "format": FORMAT,
        "version": VERSION,
        "created_at": timezone.now().isoformat(),
        "database": {"engine": connection.vendor, "file": database_file},
        "settings": {s.name: env(s.name) for s in SETTINGS if s.name not in SECRET_SETTINGS},
    }


def backup(path: Path) -> dict:
    """Write a backup archive of the running site to `path`; return its manifest."""
    path = Path(path)
    if path.exists():
        raise BackupError(f"{path} exists already; choose a new file name.")
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="newsdesk-backup-") as scratch:
        database_file = _snapshot_database(Path(scratch))
        manifest = _manifest(database_file)
        partial = path.with_name(f".{path.name}.partial")
        with tarfile.open(partial, "w:gz") as archive:
            data = json.dumps(manifest, indent=1).encode()
            info = tarfile.TarInfo("manifest.json")
            info.size, info.mtime = len(data), int(timezone.now().timestamp())
            archive.addfile(info, io.BytesIO(data))
            archive.add(Path(scratch) / database_file, arcname=database_file)
            media = Path(settings.MEDIA_ROOT)
            if media.is_dir():
                archive.add(media, arcname="media")
            key_file = Path(settings.VAR_DIR) / "secret_key"
            if not env("NEWSDESK_SECRET_KEY") and key_file.is_file():
                archive.add(key_file, arcname="secret_key")
        os.chmod(partial, 0o600)  # it holds the secret key and readers' emails
        partial.rename(path)
    return manifest


def _safe_members(archive: tarfile.TarFile) -> list[tarfile.TarInfo]:
    members = []
    for member in archive.getmembers():
        name = Path(member.name)
        if name.is_absolute() or ".." in name.parts or not (member.isfile() or member.isdir()):
            raise BackupError(f"the archive holds an unsafe entry ({member.name}); it was not made by `backup`.")
        members.append(member)
    return members


def restore(path: Path) -> dict:
    """Bring a backup back: database, media and secret key. The site should be stopped meanwhile."""
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"{path}: no such file.")
    try:
        archive = tarfile.open(path, "r:gz")
    except (tarfile.TarError, OSError) as error:
        raise BackupError(f"{path}: not a backup archive ({error}).") from error
    with archive, tempfile.TemporaryDirectory(prefix="newsdesk-restore-") as scratch:
        members = _safe_members(archive)
        archive.extractall(scratch, members=members, filter="data")
        root = Path(scratch)
        try:
            manifest = json.loads((root / "manifest.json").read_text())
        except (OSError, ValueError) as error:
            raise BackupError(f"{path}: no readable manifest.json; it was not made by `backup`.") from error
        if manifest.get("format") != FORMAT or manifest.get("version") != VERSION:
            raise BackupError(f"{path}: not a newsdesk backup of version {VERSION}.")
        engine = _engine()
        if manifest["database"]["engine"] != engine:
            raise BackupError(
                f"{path} holds a {manifest['database']['engine']} database and this site runs {engine}; "
                "use `export` and `import newsdesk` to move between databases."
            )
        _restore_database(root / manifest["database"]["file"], engine)
        if (root / "media").is_dir():
            shutil.copytree(root / "media", settings.MEDIA_ROOT, dirs_exist_ok=True)
        if (root / "secret_key").is_file() and not env("NEWSDESK_SECRET_KEY"):
            key_file = Path(settings.VAR_DIR) / "secret_key"
            key_file.write_text((root / "secret_key").read_text())
            key_file.chmod(0o600)
    return manifest


def _restore_database(source: Path, engine: str) -> None:
    if engine == "sqlite":
        connection.close()
        connection.ensure_connection()
        backup_db = sqlite3.connect(source)
        try:
            backup_db.backup(connection.connection, pages=-1)
        finally:
            backup_db.close()
        connection.close()
        return
    connection.close()
    args, env_vars = _pg_env()
    result = subprocess.run(
        [_tool("pg_restore"), "--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction",
         *args, str(source)],
        env=env_vars, capture_output=True, text=True,
    )  # fmt: skip
    if result.returncode != 0:
        raise BackupError(f"pg_restore failed: {result.stderr.strip()}")
