"""Repository hygiene: bandit finds nothing of high severity, no secret is committed, SECURITY.md exists."""

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

SECRET_PATTERNS = {
    "private key": re.compile(r"-----BEGIN (?:RSA |EC |OPENSSH |DSA )?PRIVATE KEY-----"),
    "AWS access key": re.compile(r"\bAKIA[0-9A-Z]{16}\b"),
    "GitHub token": re.compile(r"\bgh[pousr]_[A-Za-z0-9]{36,}\b"),
    "Slack token": re.compile(r"\bxox[baprs]-[A-Za-z0-9-]{10,}"),
    "Django secret key literal": re.compile(r"""SECRET_KEY\s*=\s*["'][^"']{20,}["']"""),
    "password in a URL": re.compile(r"\b(?:postgres|postgresql|redis|mysql|smtp)://[^\s:/@'\"]+:[^\s@'\"<>]{4,}@"),
}


def repository_files() -> list[Path]:
    """Files git tracks, and new ones it would add (not ignored)."""
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"], cwd=ROOT, capture_output=True, check=True
    ).stdout.decode().split("\0")
    return [ROOT / name for name in listed if name and (ROOT / name).is_file()]


def test_bandit_finds_no_high_severity_issue():
    result = subprocess.run(
        [sys.executable, "-m", "bandit", "-r", "newsdesk", "--severity-level", "high", "--confidence-level", "medium",
         "--quiet", "--format", "txt"],
        cwd=ROOT, capture_output=True, text=True,
    )  # fmt: skip

    assert result.returncode == 0, result.stdout + result.stderr


def test_no_secret_is_committed():
    found = []
    for path in repository_files():
        if path.suffix in {".png", ".jpg", ".gif", ".webp", ".ico", ".br", ".gz", ".woff2"}:
            continue
        text = path.read_text(errors="ignore")
        for what, pattern in SECRET_PATTERNS.items():
            if pattern.search(text):
                found.append(f"{path.relative_to(ROOT)}: {what}")
    assert not found, found


@pytest.mark.parametrize("name", ["var/secret_key", "var/admin-password", ".env", "deploy/newsdesk.env"])
def test_local_secrets_are_never_in_the_repository(name):
    assert ROOT / name not in repository_files()


def test_security_md_says_how_to_report_and_what_is_promised():
    text = (ROOT / "SECURITY.md").read_text()

    assert "## Reporting a vulnerability" in text
    assert "## What we promise" in text
