"""Configuration: safe defaults, production checks clean, and the README documents every variable."""

import os
import re
import subprocess
import sys
from pathlib import Path

from newsdesk.conf import SETTINGS

ROOT = Path(__file__).resolve().parents[2]


def _manage(*args, env=None, tmp_path):
    environment = {k: v for k, v in os.environ.items() if not k.startswith("NEWSDESK_")}
    environment |= {"NEWSDESK_VAR_DIR": str(tmp_path), **(env or {})}
    return subprocess.run([sys.executable, "-m", "newsdesk", *args], cwd=ROOT, env=environment, capture_output=True, text=True)


def test_deploy_check_is_clean_with_production_settings(tmp_path):
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env={"DJANGO_SETTINGS_MODULE": "newsdesk.settings.production", "NEWSDESK_ALLOWED_HOSTS": "news.example.org"},
        tmp_path=tmp_path,
    )

    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_a_secret_key_is_generated_on_first_run_and_kept(tmp_path):
    code = "from django.conf import settings; print(settings.SECRET_KEY)"
    first = _manage("shell", "--no-imports", "-c", code, tmp_path=tmp_path).stdout.strip()
    second = _manage("shell", "--no-imports", "-c", code, tmp_path=tmp_path).stdout.strip()

    assert len(first) >= 50
    assert first == second
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


def test_two_installations_get_different_secret_keys(tmp_path):
    code = "from django.conf import settings; print(settings.SECRET_KEY)"
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()

    assert _manage("shell", "--no-imports", "-c", code, tmp_path=tmp_path / "a").stdout != _manage("shell", "--no-imports", "-c", code, tmp_path=tmp_path / "b").stdout


def test_the_default_database_is_sqlite_in_wal_mode(tmp_path):
    code = "from django.db import connection; c = connection.cursor(); c.execute('PRAGMA journal_mode'); print(connection.vendor, c.fetchone()[0])"

    assert _manage("shell", "--no-imports", "-c", code, tmp_path=tmp_path).stdout.split() == ["sqlite", "wal"]


def test_debug_is_off_by_default(tmp_path):
    assert _manage("shell", "--no-imports", "-c", "from django.conf import settings; print(settings.DEBUG)", tmp_path=tmp_path).stdout.strip() == "False"


def test_an_unclear_yes_or_no_setting_is_refused_with_its_name(tmp_path):
    result = _manage("check", env={"NEWSDESK_DEBUG": "maybe"}, tmp_path=tmp_path)

    assert result.returncode != 0
    assert "NEWSDESK_DEBUG='maybe' is neither true nor false" in result.stderr


def test_the_readme_documents_every_setting():
    readme = (ROOT / "README.md").read_text()
    documented = set(re.findall(r"^\| `(NEWSDESK_\w+)` \|", readme, re.M))

    assert documented == {setting.name for setting in SETTINGS}
