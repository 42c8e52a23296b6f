"""Backup archives altered or made by hand, for the tests of what `restore` refuses."""

import io
import json
import sqlite3
import tarfile
from pathlib import Path


def rewrite(archive: Path, **replacements: bytes) -> Path:
    """Rewrite the archive in place, with the members named (dots as underscores) replaced."""
    with tarfile.open(archive, "r:gz") as source:
        members = [(m, source.extractfile(m).read() if m.isfile() else None) for m in source.getmembers()]
    with tarfile.open(archive, "w:gz") as target:
        for member, data in members:
            data = replacements.get(member.name.replace(".", "_"), data)
            if data is not None:
                member.size = len(data)
            target.addfile(member, io.BytesIO(data) if data is not None else None)
    return archive


def member(archive: Path, name: str) -> bytes:
    with tarfile.open(archive, "r:gz") as source:
        return source.extractfile(name).read()


def hand_made(path: Path, manifest: dict, files: dict[str, bytes]) -> Path:
    """A .tar.gz holding manifest.json and the given files."""
    with tarfile.open(path, "w:gz") as archive:
        for name, data in {"manifest.json": json.dumps(manifest).encode(), **files}.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return path


def sqlite_backup(path: Path, scratch: Path) -> Path:
    """An archive shaped as `backup` writes it on a SQLite site (a small SQLite database inside)."""
    database = scratch / "database.sqlite3"
    with sqlite3.connect(database) as db:
        db.execute("CREATE TABLE django_migrations (id integer PRIMARY KEY, app text, name text)")
    manifest = {"format": "newsdesk-backup", "version": 1, "created_at": "2026-01-01T00:00:00+00:00",
                "database": {"engine": "sqlite", "file": "database.sqlite3"}, "settings": {}}  # fmt: skip
    return hand_made(path, manifest, {"database.sqlite3": database.read_bytes()})
