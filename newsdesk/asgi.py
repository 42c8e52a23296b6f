"""The ASGI application `make run` serves with granian.

Three kinds of request, each where it costs least:
- a live page's event stream (/live/<slug>/events) is held open in the event loop (stories.stream),
  so a thousand readers cost a thousand small tasks rather than a thousand threads;
- a baked page is answered from its file in the event loop, as newsdesk.wsgi does (publishing.serving);
- everything else runs through Django's WSGI handler in a pool of threads, exactly as under WSGI.

newsdesk.wsgi stays the application for plain WSGI servers; there the live page's script gets its
updates from short-lived event responses and polling instead of a held-open stream.
"""

from __future__ import annotations

import asyncio
import io
import os
import sys
from concurrent.futures import ThreadPoolExecutor

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsdesk.settings.base")

from newsdesk.wsgi import django_application  # noqa: E402 - sets Django up

from newsdesk.core.security import security_headers  # noqa: E402
from newsdesk.publishing.serving import wrap  # noqa: E402
from newsdesk.stories import stream  # noqa: E402

# Threads per process for Django's views (what granian's --blocking-threads was under WSGI).
DJANGO_THREADS = 8
_MISSED = object()


def _missed(environ, start_response):
    return _MISSED


_baked = wrap(_missed)  # baked files first; _MISSED when the request must go to Django
_executor = ThreadPoolExecutor(max_workers=DJANGO_THREADS, thread_name_prefix="django")
_hub = stream.Hub(stream.executor_runner(_executor))
_extra_headers = [(name.lower().encode("latin-1"), value.encode("latin-1")) for name, value in security_headers()]


def _environ(scope, body: bytes) -> dict:
    server = scope.get("server") or ("127.0.0.1", 80)
    client = scope.get("client") or ("", 0)
    environ = {
        "REQUEST_METHOD": scope["method"],
        "SCRIPT_NAME": scope.get("root_path", ""),
        "PATH_INFO": scope["path"].encode("utf-8").decode("latin-1"),
        "QUERY_STRING": scope.get("query_string", b"").decode("latin-1"),
        "SERVER_NAME": str(server[0]),
        "SERVER_PORT": str(server[1]),
        "REMOTE_ADDR": client[0],
        "REMOTE_PORT": str(client[1]),
        "SERVER_PROTOCOL": f"HTTP/{scope.get('http_version', '1.1')}",
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": scope.get("scheme", "http"),
        "wsgi.input": io.BytesIO(body),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": True,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }
    for raw_name, raw_value in scope.get("headers", []):
        name = raw_name.decode("latin-1").upper().replace("-", "_")
        value = raw_value.decode("latin-1")
        key = name if name in ("CONTENT_TYPE", "CONTENT_LENGTH") else f"HTTP_{name}"
        environ[key] = f"{environ[key]},{value}" if key in environ else value
    return environ


def _run_wsgi(app, environ) -> tuple[str, list, bytes]:
    captured = {}

    def start_response(status, headers, exc_info=None):
        captured["status"], captured["headers"] = status, headers

    result = app(environ, start_response)
    try:
        body = b"".join(result)
    finally:
        if hasattr(result, "close"):
            result.close()
    return captured["status"], captured["headers"], body


# A baked page's headers are the same list object for as long as the file is unchanged: encode it once.
_encoded: dict[int, tuple[list, list]] = {}


def _encode_headers(headers: list, *, remember: bool) -> list:
    if remember and (known := _encoded.get(id(headers))) is not None and known[0] is headers:
        return known[1]
    encoded = [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in headers]
    if remember:
        if len(_encoded) > 10_000:
            _encoded.clear()
        _encoded[id(headers)] = (headers, encoded)
    return encoded


async def _respond(send, status: str, headers: list, body: bytes, *, head: bool, baked: bool = False) -> None:
    await send({
        "type": "http.response.start",
        "status": int(status[:3]),
        "headers": _encode_headers(headers, remember=baked),
    })  # fmt: skip
    await send({"type": "http.response.body", "body": b"" if head else body})


# What publishing.serving.BakedPages reads of a request, and the ASGI headers they come from.
_BAKED_HEADERS = {
    b"accept-encoding": "HTTP_ACCEPT_ENCODING",
    b"if-none-match": "HTTP_IF_NONE_MATCH",
    b"if-modified-since": "HTTP_IF_MODIFIED_SINCE",
}


def _baked_response(scope) -> tuple[str, list, bytes] | None:
    """The baked file's response for a GET or HEAD without a query string, or None."""
    environ = {"REQUEST_METHOD": scope["method"], "QUERY_STRING": "", "PATH_INFO": scope["path"].encode("utf-8").decode("latin-1")}
    for name, value in scope["headers"]:
        if (key := _BAKED_HEADERS.get(name)) is not None:
            environ[key] = value.decode("latin-1")
    captured = []
    result = _baked(environ, lambda status, headers, exc_info=None: captured.append((status, headers)))
    if result is _MISSED:
        return None
    return captured[0][0], captured[0][1], b"".join(result)


async def _read_body(receive) -> bytes:
    chunks = []
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            raise ConnectionAbortedError
        chunks.append(message.get("body", b""))
        if not message.get("more_body"):
            return b"".join(chunks)


async def _lifespan(receive, send) -> None:
    while True:
        message = await receive()
        if message["type"] == "lifespan.startup":
            await send({"type": "lifespan.startup.complete"})
        elif message["type"] == "lifespan.shutdown":
            _hub.close()
            await send({"type": "lifespan.shutdown.complete"})
            return


async def application(scope, receive, send):
    if scope["type"] == "lifespan":
        return await _lifespan(receive, send)
    if scope["type"] != "http":
        return  # no websockets
    if (slug := stream.match(scope["path"])) is not None:
        return await stream.serve_events(_hub, scope, receive, send, slug, _extra_headers)
    head = scope["method"] == "HEAD"
    if (head or scope["method"] == "GET") and not scope.get("query_string"):
        baked = _baked_response(scope)  # a stat() and a dict lookup: fine in the event loop
        if baked is not None:
            return await _respond(send, *baked, head=head, baked=True)
    try:
        body = await _read_body(receive)
    except ConnectionAbortedError:
        return
    environ = _environ(scope, body)
    loop = asyncio.get_running_loop()
    status, headers, content = await loop.run_in_executor(_executor, _run_wsgi, django_application, environ)
    await _respond(send, status, headers, content, head=head)
