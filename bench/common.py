"""What the benchmarks share: a set-up site in a scratch directory, servers, and wrk."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests import servers  # noqa: E402 - the same helpers the tests use

ARTICLE = "/2026/02/05/us-iran-envoys-oman-talks/"


def wrk(url: str, *, duration: str = "10s", connections: int = 64, headers: dict | None = None) -> dict[str, str]:
    """Requests/s, p50 and p99 of `url` under wrk from a second process."""
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: apt-get install wrk (make bench does it as root)")
    command = ["wrk", "-t", "2", "-c", str(connections), "-d", duration, "--latency", url]
    for name, value in (headers or {}).items():
        command += ["-H", f"{name}: {value}"]
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    figures = {"requests/s": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))}
    for percentile in ("50", "99"):
        figures[f"p{percentile}"] = re.search(rf"^\s+{percentile}(?:\.000)?%\s+(\S+)", out, re.M).group(1)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    figures["errors"] = int(errors.group(1)) if errors else 0
    return figures


def show(label: str, figures: dict) -> None:
    print(f"  {label:<34} " + ", ".join(f"{k} {v:,.0f}" if isinstance(v, float) else f"{k} {v}" for k, v in figures.items()))


def env_for(var_dir: Path, port: int, **extra) -> dict[str, str]:
    return servers.site_env(var_dir, port=port, **extra)


def python_env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT)}
