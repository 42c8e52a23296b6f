"""`backup FILE` and `restore FILE`: the whole site in one archive, taken while it runs.

The archive (a .tar.gz) holds:
  manifest.json       what it is: format, time, database engine and versions, newsdesk settings in
                      effect (no passwords)
  database.sqlite3    SQLite: a copy made with SQLite's online backup API (one consistent snapshot,
                      writers carry on meanwhile)
  database.dump       PostgreSQL: `pg_dump --format=custom` (one consistent snapshot by design: pg_dump
                      reads every table in one repeatable-read transaction)
  media/...           uploaded files
  secret_key          the generated secret key from var/, when the site uses one (it signs sessions
                      and the comment form's token: without it, baked pages and links change)

A restore checks the whole archive before it changes anything, then replaces the database in one
transaction, and only then swaps the media directory in; so it succeeds whole or changes nothing.
"""

from __future__ import annotations

import io
import json
import os
import re
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
MOVING_ENGINES = "to move a site between SQLite and PostgreSQL, use `export DIR` there and `import newsdesk DIR` here"


class BackupError(Exception):
    """A backup or restore that cannot be done; the message says why."""


def _engine() -> str:
    vendor = connection.vendor
    if vendor not in ("sqlite", "postgresql"):
        raise BackupError(f"backups support SQLite and PostgreSQL, not {vendor}.")
    return vendor


# PostgreSQL's client tools


def _pg_env() -> tuple[list[str], dict[str, str]]:
    """Connection options for pg_dump / pg_restore, the password through the environment only."""
    db = connection.settings_dict
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
    if sslmode := db.get("OPTIONS", {}).get("sslmode"):
        env_vars["PGSSLMODE"] = sslmode
    return args, env_vars


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupError(
            f"{name} is not on PATH; install PostgreSQL's client tools of the server's version "
            "(Debian: apt-get install postgresql-client) or put their bin/ directory on PATH."
        )
    return path


def _tool_version(path: str) -> str:
    """The version a client tool reports, such as "15.20"."""
    result = subprocess.run([path, "--version"], capture_output=True, text=True)
    match = re.search(r"\b(\d+)(?:\.(\d+))?", result.stdout)
    if result.returncode != 0 or match is None:
        raise BackupError(f"{path} --version did not say which version it is: {result.stderr.strip() or result.stdout.strip()}")
    return match.group(0)


def _major(version: str) -> int:
    return int(version.split(".")[0])


def _server_version() -> str:
    connection.ensure_connection()
    number = connection.pg_version  # 150020 for 15.20
    return f"{number // 10000}.{number % 10000}"


def _dump_postgresql(target: Path) -> dict:
    pg_dump = _tool("pg_dump")
    client, server = _tool_version(pg_dump), _server_version()
    if _major(client) < _major(server):
        raise BackupError(
            f"pg_dump {client} cannot back up a PostgreSQL {server} server (pg_dump must be of the server's "
            f"major version or newer); install PostgreSQL {_major(server)}'s client tools "
            f"(Debian: postgresql-client-{_major(server)}) and put them first on PATH."
        )
    args, env_vars = _pg_env()
    result = subprocess.run(
        [pg_dump, "--format=custom", "--no-owner", "--no-privileges", "--file", str(target), *args],
        env=env_vars, capture_output=True, text=True,
    )  # fmt: skip
    if result.returncode != 0:
        raise BackupError(f"pg_dump failed: {result.stderr.strip()}")
    return {"server_version": server, "pg_dump_version": client}


def _snapshot_database(target_dir: Path) -> dict:
    """Write the database snapshot into `target_dir`; return the manifest's `database` entry."""
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
        return {"engine": engine, "file": target.name, "sqlite_version": sqlite3.sqlite_version}
    target = target_dir / "database.dump"
    return {"engine": engine, "file": target.name, **_dump_postgresql(target)}


def _manifest(database: dict) -> dict:
    return {
        "format": FORMAT,
        "version": VERSION,
        "created_at": timezone.now().isoformat(),
        "database": database,
        "settings": {s.name: env(s.name) for s in SETTINGS if s.name not in SECRET_SETTINGS},
    }


def backup(path: Path) -> dict:
    """Write a backup archive of the running site to `path`; return its manifest."""
    path = Path(path)
    if path.exists():
        raise BackupError(f"{path} exists already; choose a new file name.")
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.partial")
    with tempfile.TemporaryDirectory(prefix="newsdesk-backup-") as scratch:
        manifest = _manifest(_snapshot_database(Path(scratch)))
        database_file = manifest["database"]["file"]
        try:
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
        finally:
            partial.unlink(missing_ok=True)
    return manifest


# Restore: check everything, then the database in one transaction, then the files.


def _safe_members(archive: tarfile.TarFile, path: Path) -> list[tarfile.TarInfo]:
    members = []
    for member in archive.getmembers():
        name = Path(member.name)
        if name.is_absolute() or ".." in name.parts or not (member.isfile() or member.isdir()):
            raise BackupError(f"{path} holds an unsafe entry ({member.name}); it was not made by `backup`.")
        members.append(member)
    return members


def _unpack(path: Path, root: Path) -> dict:
    """Extract the archive into `root` and return its manifest, or say why it is not a usable backup."""
    if not path.is_file():
        raise BackupError(f"{path}: no such file.")
    try:
        with tarfile.open(path, "r:gz") as archive:
            archive.extractall(root, members=_safe_members(archive, path), filter="data")
    except (tarfile.TarError, EOFError, OSError) as error:
        raise BackupError(f"{path}: not a backup archive, or a damaged one ({error}). Nothing was restored.") from error
    try:
        manifest = json.loads((root / "manifest.json").read_text())
        engine, database_file = manifest["database"]["engine"], manifest["database"]["file"]
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise BackupError(f"{path}: no readable manifest.json; it was not made by `backup`. Nothing was restored.") from error
    if manifest.get("format") != FORMAT or manifest.get("version") != VERSION:
        raise BackupError(f"{path}: not a newsdesk backup of version {VERSION}. Nothing was restored.")
    here = _engine()
    if engine != here:
        raise BackupError(
            f"{path} holds a {engine} database and this site runs {here}. A backup holds the database in "
            f"{engine}'s own format, which {here} cannot load, so it is refused and nothing was restored; "
            f"{MOVING_ENGINES}."
        )
    if Path(database_file).name != database_file or not (root / database_file).is_file():
        raise BackupError(f"{path}: the database file named in manifest.json is missing. Nothing was restored.")
    return manifest


def _check_sqlite(source: Path, path: Path) -> None:
    try:
        with sqlite3.connect(f"file:{source}?mode=ro", uri=True) as db:
            verdict = db.execute("PRAGMA integrity_check").fetchone()[0]
            db.execute("SELECT count(*) FROM django_migrations").fetchone()
    except sqlite3.DatabaseError as error:
        raise BackupError(f"{path}: the database in it is damaged ({error}). Nothing was restored.") from error
    if verdict != "ok":
        raise BackupError(f"{path}: the database in it is damaged ({verdict}). Nothing was restored.")


def _check_postgresql(source: Path, path: Path, manifest: dict) -> str:
    """Check pg_restore can read the dump; return pg_restore's path."""
    pg_restore = _tool("pg_restore")
    result = subprocess.run([pg_restore, "--list", str(source)], capture_output=True, text=True)
    if result.returncode == 0:
        return pg_restore
    made_by = manifest["database"].get("pg_dump_version", "")
    here = _tool_version(pg_restore)
    if "unsupported version" in result.stderr and made_by:
        raise BackupError(
            f"{path}: its database was dumped by pg_dump {made_by}, which pg_restore {here} cannot read; "
            f"install PostgreSQL {_major(made_by)}'s client tools (or newer) and put them first on PATH. "
            "Nothing was restored."
        )
    raise BackupError(f"{path}: its database dump is damaged ({result.stderr.strip()}). Nothing was restored.")


def _stage_files(root: Path) -> tuple[Path | None, Path | None]:
    """Copy the media and the secret key next to where they go (same file system, so the final move is a
    rename); return the staged media directory and key file, or None for what the backup lacks."""
    media_root = Path(settings.MEDIA_ROOT)
    media_root.parent.mkdir(parents=True, exist_ok=True)
    media = key = None
    if (root / "media").is_dir():
        media = Path(tempfile.mkdtemp(prefix=".media-restore-", dir=media_root.parent)) / "media"
        shutil.copytree(root / "media", media)
    if (root / "secret_key").is_file() and not env("NEWSDESK_SECRET_KEY"):
        key = Path(settings.VAR_DIR) / ".secret_key.restore"
        shutil.copyfile(root / "secret_key", key)
        key.chmod(0o600)
    return media, key


def _discard(media: Path | None, key: Path | None) -> None:
    if media is not None:
        shutil.rmtree(media.parent, ignore_errors=True)
    if key is not None:
        key.unlink(missing_ok=True)


def _put_files_in_place(media: Path | None, key: Path | None) -> Path | None:
    """Swap the staged media directory and key in; return where the previous media directory went."""
    previous = None
    if media is not None:
        media_root = Path(settings.MEDIA_ROOT)
        if media_root.exists():
            previous = media_root.with_name(f"{media_root.name}.before-restore-{timezone.now():%Y%m%d-%H%M%S}")
            media_root.rename(previous)
        media.rename(media_root)
        media.parent.rmdir()
    if key is not None:
        key.rename(Path(settings.VAR_DIR) / "secret_key")
    return previous


def restore(path: Path) -> dict:
    """Bring a backup back: database, media and secret key, whole or not at all. Stop the site first.

    Returns the manifest, with `previous_media` naming where the media directory that was replaced now
    is (it is kept, not deleted), or None.
    """
    path = Path(path)
    with tempfile.TemporaryDirectory(prefix="newsdesk-restore-") as scratch:
        root = Path(scratch)
        manifest = _unpack(path, root)
        engine, source = manifest["database"]["engine"], root / manifest["database"]["file"]
        pg_restore = _check_sqlite(source, path) if engine == "sqlite" else _check_postgresql(source, path, manifest)
        media, key = _stage_files(root)
        try:
            if engine == "sqlite":
                _restore_sqlite(source)
            else:
                _restore_postgresql(pg_restore, source, manifest)
        except BaseException:
            _discard(media, key)
            raise
        manifest["previous_media"] = _put_files_in_place(media, key)
    return manifest


def _restore_sqlite(source: Path) -> None:
    connection.close()
    connection.ensure_connection()
    backup_db = sqlite3.connect(source)
    try:
        # One step: SQLite writes the destination in one transaction, so a failure leaves it unchanged.
        backup_db.backup(connection.connection, pages=-1)
    finally:
        backup_db.close()
        connection.close()


def _restore_postgresql(pg_restore: str, source: Path, manifest: dict) -> None:
    connection.close()
    args, env_vars = _pg_env()
    # --single-transaction: the old tables are dropped and the new ones loaded in one transaction, and
    # the first error rolls all of it back (it implies --exit-on-error).
    result = subprocess.run(
        [pg_restore, "--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction",
         *args, str(source)],
        env=env_vars, capture_output=True, text=True,
    )  # fmt: skip
    if result.returncode != 0:
        hint = ""
        made_on = manifest["database"].get("server_version", "")
        if made_on and _major(made_on) > _major(_server_version()):
            hint = f" The backup comes from PostgreSQL {made_on} and this server is older ({_server_version()}); restore onto PostgreSQL {_major(made_on)} or newer."
        connection.close()
        raise BackupError(f"pg_restore failed and was rolled back, so nothing was restored: {result.stderr.strip()}{hint}")
