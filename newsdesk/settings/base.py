"""Settings that run out of the box: SQLite under ./var, no other service, DEBUG off.

Everything a deployment changes comes from NEWSDESK_* environment variables (see newsdesk/conf.py).
"""

from __future__ import annotations

import secrets
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url

from newsdesk.conf import env, env_bool, env_list

BASE_DIR = Path(__file__).resolve().parent.parent.parent
PACKAGE_DIR = BASE_DIR / "newsdesk"
VAR_DIR = (BASE_DIR / env("NEWSDESK_VAR_DIR")).resolve()
VAR_DIR.mkdir(parents=True, exist_ok=True)


def _secret_key() -> str:
    """The configured key, or one generated on first run and kept in var/ (never in the repository)."""
    if configured := env("NEWSDESK_SECRET_KEY"):
        return configured
    key_file = VAR_DIR / "secret_key"
    if not key_file.exists():
        key_file.touch(mode=0o600)
        key_file.write_text(secrets.token_urlsafe(64))
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = env_bool("NEWSDESK_DEBUG")
NEWSDESK_BASE_URL = env("NEWSDESK_BASE_URL").rstrip("/")
# The site always answers to its own public address (the baker renders pages as a request to it).
ALLOWED_HOSTS = [h for h in dict.fromkeys([*env_list("NEWSDESK_ALLOWED_HOSTS"), urlsplit(NEWSDESK_BASE_URL).hostname]) if h]
NEWSDESK_TRUSTED_PROXIES = env_list("NEWSDESK_TRUSTED_PROXIES")
# Accounts that can publish must sign in with a second factor (always on in production settings).
NEWSDESK_REQUIRE_2FA = env_bool("NEWSDESK_REQUIRE_2FA")
NEWSDESK_OUTPUT_DIR = Path(env("NEWSDESK_OUTPUT_DIR").replace("<var>", str(VAR_DIR))).resolve()

INSTALLED_APPS = [
    "newsdesk.core",
    "newsdesk.accounts",
    "newsdesk.media",
    "newsdesk.content",
    "newsdesk.newsroom",
    "newsdesk.comments",
    "newsdesk.distribution",
    "newsdesk.publishing",
    "newsdesk.stories",
    "newsdesk.search",
    "newsdesk.api",
    "ninja",  # its Swagger UI files, served from here (no CDN)
    "newsdesk.demo",
    "newsdesk.importers",
    "django.contrib.admin",
    "django.contrib.auth",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django_tasks",
    "django_tasks_db",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "newsdesk.core.security.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "newsdesk.accounts.middleware.AccountSecurityMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "newsdesk.core.middleware.PublicationMiddleware",
    "newsdesk.publishing.middleware.PublishingMiddleware",
    # Last, so it sees a 404 before anything else turns it into a redirect or a 410.
    "newsdesk.importers.middleware.LegacyAddressMiddleware",
]

ROOT_URLCONF = "newsdesk.urls"
WSGI_APPLICATION = "newsdesk.wsgi.application"

THEME_DIR = PACKAGE_DIR / "themes" / "default"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [THEME_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "newsdesk.core.context_processors.publication",
            ],
        },
    },
]


def _database(url: str) -> dict:
    config = dj_database_url.parse(url, conn_max_age=600, conn_health_checks=True)
    if config["ENGINE"] == "django.db.backends.sqlite3":
        config["CONN_MAX_AGE"] = 0
        config["OPTIONS"] = {
            # WAL lets readers carry on while one writer writes; IMMEDIATE takes the write lock at the
            # start of a transaction, so two writers queue instead of failing with "database is locked".
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    return config


DATABASES = {
    "default": _database(env("NEWSDESK_DATABASE_URL").replace("<var>", str(VAR_DIR))),
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

if redis_url := env("NEWSDESK_REDIS_URL"):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": redis_url}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Argon2id for every new or changed password; the others only read older hashes (upgraded at sign-in).
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "newsdesk.accounts.validators.MaximumLengthValidator", "OPTIONS": {"max_length": 1024}},
]

LANGUAGE_CODE = "en"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [THEME_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_MAX_AGE = 3600
# Uploaded images: refuse anything bigger before Pillow ever decodes it.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

SECURE = env_bool("NEWSDESK_SECURE")
SESSION_COOKIE_HTTPONLY = True
# Readers' sessions (none yet) last two weeks; staff sessions are cut to 2 hours idle and 12 in all by
# newsdesk.accounts.middleware.
SESSION_COOKIE_AGE = 14 * 24 * 3600
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if SECURE:
    SECURE_SSL_REDIRECT = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = 63072000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    # __Host- cookies are accepted by browsers only when Secure, for "/" and with no Domain: no
    # subdomain and no plain-http page can plant or overwrite them.
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"

# Mail to editors and commenters. Printed to the console unless an SMTP server is configured.
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = "newsdesk <newsroom@localhost>"

LOGIN_URL = "admin:login"

# Two-factor sign-in (django-otp): the name authenticator apps show beside the code.
OTP_TOTP_ISSUER = "newsdesk"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"not_while_baking": {"()": "newsdesk.publishing.logging.NotWhileBaking"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["not_while_baking"]}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

# Background work (baking pages, scheduled publishing, clean-ups) runs in `python -m newsdesk db_worker`,
# which `make run` starts beside the web server.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# The newsroom: how long a shared preview link to a draft is valid.
NEWSDESK_PREVIEW_LINK_HOURS = int(env("NEWSDESK_PREVIEW_LINK_HOURS"))
NEWSDESK_ENROLMENT_CODE_HOURS = int(env("NEWSDESK_ENROLMENT_CODE_HOURS"))

# The media library: upload limits, and the widths of the renditions the theme offers in srcset.
NEWSDESK_MAX_UPLOAD_BYTES = int(env("NEWSDESK_MAX_UPLOAD_BYTES"))
NEWSDESK_MAX_IMAGE_PIXELS = int(env("NEWSDESK_MAX_IMAGE_PIXELS"))
NEWSDESK_IMAGE_WIDTHS = (480, 800, 1200, 1600)

# The content API's rate limits (newsdesk.api.throttling): per IP address without a token, per token.
NEWSDESK_API_RATE_ANONYMOUS = env("NEWSDESK_API_RATE_ANONYMOUS")
NEWSDESK_API_RATE_TOKEN = env("NEWSDESK_API_RATE_TOKEN")

# How many articles a list page shows.
NEWSDESK_PAGE_SIZE = 12
