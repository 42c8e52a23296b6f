"""The demo exported from SQLite and imported into PostgreSQL, and back: every baked file identical."""

import os
import re
import subprocess
from pathlib import Path

import pytest

from tests import servers

pytestmark = pytest.mark.server

PG_SERVER = os.environ.get("NEWSDESK_TEST_PG_SERVER", "postgres://postgres@127.0.0.1:5432")
DATABASE = "newsdesk_importers_across"
KEY = "same-key-on-both-sites-so-the-comment-form-tokens-match-0123456789"


def postgres_or_skip() -> str:
    try:
        subprocess.run(["psql", f"{PG_SERVER}/postgres", "-c", f"DROP DATABASE IF EXISTS {DATABASE}"], check=True, capture_output=True, timeout=10)
        subprocess.run(["psql", f"{PG_SERVER}/postgres", "-c", f"CREATE DATABASE {DATABASE}"], check=True, capture_output=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        if os.environ.get("CI") or os.environ.get("NEWSDESK_REQUIRE_POSTGRES"):
            raise
        pytest.skip(f"PostgreSQL is not reachable at {PG_SERVER}")
    return f"{PG_SERVER}/{DATABASE}"


def site(var: Path, database_url: str | None = None) -> dict:
    extra = {"NEWSDESK_SECRET_KEY": KEY}
    if database_url:
        extra["NEWSDESK_DATABASE_URL"] = database_url
    env = servers.site_env(var, port=8000, **extra)
    servers.manage(env, "migrate", "--no-input", "-v", "0")
    servers.manage(env, "collectstatic", "--no-input", "-v", "0")
    return env


def baked(env: dict, var: Path) -> dict[str, bytes]:
    result = servers.manage(env, "bake", "--all", "--workers", "1", check=False)
    assert result.returncode == 0, result.stderr[-2000:]
    pages = {}
    for path in (var / "output").rglob("*"):
        if path.is_file() and path.suffix not in (".gz", ".br") and not path.name.startswith("."):
            body = path.read_bytes()
            if path.name == "pages.xml":
                # Tags and authors are listed in name order, and SQLite and PostgreSQL collate names
                # differently: the same entries, possibly in another order.
                body = b"".join(sorted(re.findall(rb"<url>.*?</url>", body, re.S)))
            pages[str(path.relative_to(var / "output"))] = body
    return pages


def test_sqlite_to_postgresql_and_back_bakes_every_page_identically(tmp_path):
    database_url = postgres_or_skip()
    sqlite_site = site(tmp_path / "sqlite")
    servers.manage(sqlite_site, "demo")
    servers.manage(sqlite_site, "export", str(tmp_path / "from-sqlite"))
    postgres_site = site(tmp_path / "pg", database_url)
    servers.manage(postgres_site, "import", "newsdesk", str(tmp_path / "from-sqlite"))
    servers.manage(postgres_site, "export", str(tmp_path / "from-pg"))
    back_site = site(tmp_path / "back")

    servers.manage(back_site, "import", "newsdesk", str(tmp_path / "from-pg"))

    original = baked(sqlite_site, tmp_path / "sqlite")
    on_postgres = baked(postgres_site, tmp_path / "pg")
    back_on_sqlite = baked(back_site, tmp_path / "back")
    assert len(original) > 50
    assert [p for p in original if on_postgres.get(p) != original[p]] == []
    assert [p for p in original if back_on_sqlite.get(p) != original[p]] == []
    assert original.keys() == on_postgres.keys() == back_on_sqlite.keys()
