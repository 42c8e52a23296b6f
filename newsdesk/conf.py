"""Every setting newsdesk reads from the environment, declared once: name, default and help.

The Django settings modules read their values through `env()`; the README's configuration table is
checked against `SETTINGS` by a test, so the two cannot drift apart.
"""

from __future__ import annotations

import os
from dataclasses import dataclass


@dataclass(frozen=True)
class Setting:
    name: str
    default: str
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting("NEWSDESK_VAR_DIR", "./var", "Where the database file, secret key, media and baked pages live."),
    Setting(
        "NEWSDESK_DATABASE_URL",
        "sqlite:///<var>/newsdesk.sqlite3",
        "Database URL. SQLite (WAL mode) by default; `postgres://user@host:5432/name` for PostgreSQL.",
    ),
    Setting(
        "NEWSDESK_OUTPUT_DIR",
        "<var>/output",
        "Where baked pages are written and served from (nginx can serve the same directory).",
    ),
    Setting("NEWSDESK_REDIS_URL", "", "Optional Redis URL (`redis://127.0.0.1:6379/0`) used as the shared cache."),
    Setting(
        "NEWSDESK_SECRET_KEY",
        "",
        "Django's secret key. When unset, one is generated on first run and kept in `<var>/secret_key`.",
    ),
    Setting(
        "NEWSDESK_TRUSTED_PROXIES",
        "",
        "Comma-separated addresses or networks (`10.0.0.0/8`) of your reverse proxies; X-Forwarded-For is believed only from them.",
    ),
    Setting(
        "NEWSDESK_REQUIRE_2FA",
        "false",
        "Accounts that can publish (authors, editors, administrators) must sign in with a second factor. On in `newsdesk.settings.production`.",
    ),
    Setting("NEWSDESK_ALLOWED_HOSTS", "127.0.0.1,localhost", "Comma-separated host names the site answers to."),
    Setting("NEWSDESK_BASE_URL", "http://127.0.0.1:8000", "The public address of the site, used in canonical and share links."),
    Setting("NEWSDESK_DEBUG", "false", "Django's debug mode. Never on in production."),
    Setting(
        "NEWSDESK_SECURE",
        "false",
        "Serve over HTTPS only: secure cookies, HSTS and redirects to https. On in `newsdesk.settings.production`.",
    ),
    Setting(
        "NEWSDESK_PREVIEW_LINK_HOURS",
        "72",
        "How long a secret preview link to a draft stays valid, in hours.",
    ),
    Setting(
        "NEWSDESK_ENROLMENT_CODE_HOURS",
        "72",
        "How long an enrolment code (an administrator's single-use code for setting up two-factor sign-in) stays valid, in hours.",
    ),
    Setting(
        "NEWSDESK_MAX_UPLOAD_BYTES",
        "20000000",
        "The largest image or PDF file the media library accepts, in bytes (keep nginx's `client_max_body_size` for `/admin/media/` above it).",
    ),
    Setting(
        "NEWSDESK_MAX_IMAGE_PIXELS",
        "50000000",
        "The most pixels (width × height × frames) an uploaded image may have; larger ones, decompression bombs included, are refused.",
    ),
    Setting(
        "NEWSDESK_API_RATE_ANONYMOUS",
        "120/min",
        "Content API requests allowed per IP address without a token (`N/s`, `N/min`, `N/hour` or `N/day`); more get 429 with Retry-After.",
    ),
    Setting("NEWSDESK_API_RATE_TOKEN", "600/min", "Content API requests allowed per API token, in the same form."),
)

_BY_NAME = {setting.name: setting for setting in SETTINGS}
_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env(name: str) -> str:
    """The value of a declared setting: from the environment, else its default."""
    return os.environ.get(name, _BY_NAME[name].default)


def env_bool(name: str) -> bool:
    """A declared yes/no setting; anything but a clear yes or no is refused at start-up."""
    value = env(name).strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ValueError(f"{name}={value!r} is neither true nor false; use 1/0, true/false, yes/no or on/off.")


def env_list(name: str) -> list[str]:
    """A declared comma-separated setting, blanks dropped."""
    return [item.strip() for item in env(name).split(",") if item.strip()]
