"""The test suite: the base settings with a fast password hasher and a var/ of its own."""

import os
import tempfile

os.environ.setdefault("NEWSDESK_VAR_DIR", tempfile.mkdtemp(prefix="newsdesk-test-var-"))

from newsdesk.settings.base import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405 - whitenoise looks for it at start-up
# Tasks run at once in the test process, so a test sees their effects without a worker.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
