"""Render a site path exactly as an anonymous reader's GET would, noting which objects the page showed.

Pages go through Django's whole request handling (middleware, URL resolution, the view, the theme), as
django-bakery does, so the baked file and the live view cannot drift apart.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.conf import settings
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.db.models.signals import post_init

from newsdesk.core import reads

# The models whose instances, when a page loads them, make the page depend on them.
TRACKED_MODELS = {
    "content.article", "content.author", "content.section", "content.tag", "content.page", "media.image",
}  # fmt: skip
# Set in the WSGI environ of a bake, so Django's side knows the page is being baked, not visited.
BAKING = "newsdesk.baking"


@dataclass
class Rendered:
    status: int
    headers: dict[str, str]
    body: bytes
    dependencies: set[tuple[str, int]] = field(default_factory=set)


def _note_instance(sender, instance, **kwargs) -> None:
    if instance._meta.label_lower in TRACKED_MODELS and instance.pk is not None:
        reads.note(instance._meta.label_lower, instance.pk)


post_init.connect(_note_instance, dispatch_uid="publishing.note_instance")

_handler: WSGIHandler | None = None


def render(path: str) -> Rendered:
    """GET `path` through Django as an anonymous reader with no cookies and no query string."""
    global _handler
    if _handler is None:
        _handler = WSGIHandler()
    base = urlsplit(settings.NEWSDESK_BASE_URL)
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path.encode("utf-8").decode("latin-1"),
        "SCRIPT_NAME": "",
        "QUERY_STRING": "",
        "SERVER_NAME": base.hostname or "localhost",
        "SERVER_PORT": str(base.port or (443 if base.scheme == "https" else 80)),
        "HTTP_HOST": base.netloc,
        "SERVER_PROTOCOL": "HTTP/1.1",
        "wsgi.url_scheme": base.scheme or "http",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": io.StringIO(),
        "wsgi.version": (1, 0),
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
        BAKING: True,
    }
    captured: dict = {}

    def start_response(status, headers, exc_info=None):
        captured["status"] = int(status.split()[0])
        captured["headers"] = dict(headers)

    # One database connection for a whole bake, not one per page (as Django's test client does too).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        with reads.recording() as dependencies:
            result = _handler(environ, start_response)
            try:
                body = b"".join(result)
            finally:
                if hasattr(result, "close"):
                    result.close()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    return Rendered(captured["status"], captured["headers"], body, dependencies)
