"""Real servers for tests: a set-up site in its own var/ directory, served by granian as `make run` does."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def site_env(var_dir: Path, *, port: int, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSDESK_")}
    return env | {
        "DJANGO_SETTINGS_MODULE": "newsdesk.settings.base",
        "NEWSDESK_VAR_DIR": str(var_dir),
        "NEWSDESK_BASE_URL": f"http://127.0.0.1:{port}",
        **extra,
    }


def manage(env: dict[str, str], *args: str, check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "newsdesk", *args], cwd=ROOT, env=env, check=check, capture_output=True, text=True
    )


def set_up_site(env: dict[str, str], *, bake: bool = True) -> None:
    """Migrate, collect static files, load the demo and (optionally) bake every page."""
    manage(env, "migrate", "--no-input", "-v", "0")
    manage(env, "collectstatic", "--no-input", "-v", "0")
    manage(env, "demo")
    if bake:
        manage(env, "bake", "--all", "--workers", "1")


@contextmanager
def granian(env: dict[str, str], port: int):
    """The web server of `make run` (without its worker) on `port`: granian's ASGI interface, as `serve`."""
    server = subprocess.Popen(
        [str(Path(sys.executable).with_name("granian")), "--interface", "asgi", "--host", "127.0.0.1",
         "--port", str(port), "--workers", "1", "--log-level", "error", "newsdesk.asgi:application"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        wait_until_up(f"http://127.0.0.1:{port}/", server)
        yield f"http://127.0.0.1:{port}"
    finally:
        stop(server)


@contextmanager
def worker(env: dict[str, str]):
    """The background worker of `make run`."""
    process = subprocess.Popen(
        [sys.executable, "-m", "newsdesk", "db_worker", "--interval", "0.1", "--no-reload", "-v", "0"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        yield process
    finally:
        stop(process)


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def wait_until_up(url: str, process: subprocess.Popen, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited with code {process.returncode} before answering")
        try:
            urllib.request.urlopen(url, timeout=1).close()
            return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"the server did not answer at {url} within {timeout} s")


def fetch(url: str, *, method: str = "GET", data: bytes | None = None, headers: dict | None = None):
    """(status, headers, body) of a request, error statuses included; headers match any letter case."""
    request = urllib.request.Request(url, method=method, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def wait_for(condition, *, timeout: float = 10, interval: float = 0.05):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if result := condition():
            return result
        time.sleep(interval)
    raise AssertionError(f"not true within {timeout} s")
