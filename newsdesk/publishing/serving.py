"""Serve baked pages straight from the output directory, in front of Django.

`BakedPages` wraps the Django WSGI application. A GET or HEAD without a query string whose file exists
is answered here: the right Content-Type, the brotli or gzip variant the client accepts, ETag and
Last-Modified with 304 for conditional requests, and Cache-Control fit for a CDN. No Django code and no
database query runs for it, so pages keep being served when the database is down. Everything else
(forms, the admin, previews, a page not baked yet) goes on to Django.

The media library's files (/media/: images, their renditions, PDFs) are answered from their files the
same way, so a page served while the database is down still shows its pictures. Only the kinds of file
the library stores are served here; anything else under /media/ goes on to Django.

Small files are kept in memory; each request checks the file's inode and modification time with one
stat() call, so a page re-baked by any process on the machine is served at once.
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from dataclasses import dataclass
from email.utils import formatdate, parsedate_to_datetime
from pathlib import Path, PurePosixPath

from newsdesk.media.models import STORED_TYPES
from newsdesk.publishing.store import GONE_SUFFIX, UnsafePath, etag_for, file_for

CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".xml": "application/xml; charset=utf-8",
    ".json": "application/json",
    ".txt": "text/plain; charset=utf-8",
}
# Feeds announce their own format, so readers and aggregators recognise them.
CONTENT_TYPES_BY_NAME = {
    "rss.xml": "application/rss+xml; charset=utf-8",
    "atom.xml": "application/atom+xml; charset=utf-8",
    "feed.json": "application/feed+json; charset=utf-8",
}
MEDIA_CACHE_CONTROL = "public, max-age=3600"  # as deploy/nginx.conf sends for /media/
CACHE_CONTROL = "public, max-age=60, stale-while-revalidate=600, stale-if-error=86400"
GONE_CACHE_CONTROL = "public, max-age=300"
ENCODINGS = (("br", ".br"), ("gzip", ".gz"))


@dataclass(frozen=True)
class Representation:
    headers: list[tuple[str, str]]
    body: bytes
    etag: str


@dataclass(frozen=True)
class Entry:
    status: str
    version: tuple[int, int, int]  # inode, mtime in ns, size of the plain file
    plain: Representation
    encoded: dict[str, Representation]
    modified: float


@dataclass(frozen=True)
class Located:
    file: str
    gone: str | None  # a page's "gone" marker; media files have none
    media: bool


def media_file(root: Path, relative: str) -> Path | None:
    """The media library's file at `relative` (the address after /media/), or None for an address that
    can never be one: a hidden file, a path leaving the folder, a kind of file the library never stores."""
    parts = relative.split("/")
    if any(part in ("", ".", "..") or part.startswith(".") or "\x00" in part for part in parts):
        return None
    if PurePosixPath(parts[-1]).suffix.lower() not in STORED_TYPES:
        return None
    file = root.joinpath(*parts)
    return file if file.resolve().is_relative_to(root.resolve()) else None


def content_type_for(file: Path) -> str:
    return CONTENT_TYPES_BY_NAME.get(file.name) or CONTENT_TYPES.get(file.suffix, "application/octet-stream")


def accepted_encodings(header: str) -> set[str]:
    """The codings a client accepts (`q=0` means refused)."""
    accepted = set()
    for item in header.split(","):
        name, _, params = item.strip().partition(";")
        quality = params.strip().removeprefix("q=") if params.strip().startswith("q=") else "1"
        try:
            if float(quality) > 0:
                accepted.add(name.strip().lower())
        except ValueError:
            continue
    return accepted


class BakedPages:
    """WSGI middleware: baked files first, the wrapped application for everything else."""

    def __init__(
        self, app, root: Path, *, extra_headers: list[tuple[str, str]], cache_bytes: int = 64 << 20,
        media: tuple[str, Path] | None = None,
    ):  # fmt: skip
        """`media`: the media address prefix ("/media/") and folder, whose files are served too."""
        self.app = app
        self.root = Path(root)
        self.media = (media[0], Path(media[1])) if media else None
        self.extra_headers = extra_headers
        self.cache_bytes = cache_bytes
        self._cache: OrderedDict[str, Entry] = OrderedDict()
        self._cached_bytes = 0
        self._lock = threading.Lock()
        # Per-request work that depends only on the request line's strings is done once per string.
        self._files: dict[str, Located | None] = {}
        self._codings: dict[str, str | None] = {}

    def __call__(self, environ, start_response):
        method = environ["REQUEST_METHOD"]
        if method in ("GET", "HEAD") and not environ.get("QUERY_STRING"):
            entry = self._lookup(environ.get("PATH_INFO") or "/")
            if entry is not None:
                return self._respond(entry, environ, start_response, head=method == "HEAD")
        return self.app(environ, start_response)

    def _lookup(self, raw_path: str) -> Entry | None:
        files = self._files.get(raw_path, False)
        if files is False:
            files = self._locate(raw_path)
            if len(self._files) > 100_000:
                self._files.clear()
            self._files[raw_path] = files
        if files is None:
            return None
        file, status = files.file, "200 OK"
        try:
            stat = os.stat(file)
        except OSError:
            if files.gone is None:
                return None
            try:
                stat = os.stat(files.gone)
            except OSError:
                return None
            file, status = files.gone, "410 Gone"
        version = (stat.st_ino, stat.st_mtime_ns, stat.st_size)
        cached = self._cache.get(raw_path)
        if cached is not None and cached.version == version:
            return cached
        return self._load(raw_path, Path(file), status, version, stat.st_mtime, media=files.media)

    def _locate(self, raw_path: str) -> Located | None:
        """The page's file and its "gone" marker, or the media file; None for a path that can be neither."""
        try:
            path = raw_path.encode("latin-1").decode("utf-8")
        except UnicodeError:
            return None
        if self.media is not None and path.startswith(self.media[0]):
            file = media_file(self.media[1], path.removeprefix(self.media[0]))
            return Located(str(file), None, media=True) if file is not None else None
        try:
            file = file_for(self.root, path)
        except UnsafePath:
            return None
        return Located(str(file), str(file) + GONE_SUFFIX, media=False)

    def _load(self, path: str, file: Path, status: str, version, modified: float, *, media: bool) -> Entry | None:
        try:
            body = file.read_bytes()
        except OSError:
            return None
        if media:  # stored compressed already (images, PDFs): no variants
            content_type, cache_control = STORED_TYPES[file.suffix.lower()], MEDIA_CACHE_CONTROL
        else:
            content_type = content_type_for(file.with_name(file.name.removesuffix(GONE_SUFFIX)))
            cache_control = CACHE_CONTROL if status == "200 OK" else GONE_CACHE_CONTROL
        etag = etag_for(body)
        base = [
            ("Content-Type", content_type),
            ("Last-Modified", formatdate(modified, usegmt=True)),
            ("Cache-Control", cache_control),
            *([] if media else [("Vary", "Accept-Encoding")]),
            *self.extra_headers,
        ]
        plain = Representation([*base, ("ETag", etag), ("Content-Length", str(len(body)))], body, etag)
        encoded = {}
        if status == "200 OK" and not media:
            for coding, suffix in ENCODINGS:
                try:
                    variant = file.with_name(file.name + suffix).read_bytes()
                except OSError:
                    continue
                tagged = f'{etag[:-1]}-{coding}"'
                headers = [*base, ("ETag", tagged), ("Content-Encoding", coding), ("Content-Length", str(len(variant)))]
                encoded[coding] = Representation(headers, variant, tagged)
        entry = Entry(status, version, plain, encoded, modified)
        self._remember(path, entry)
        return entry

    def _remember(self, path: str, entry: Entry) -> None:
        size = len(entry.plain.body) + sum(len(r.body) for r in entry.encoded.values())
        if size > self.cache_bytes // 8:
            return
        with self._lock:
            old = self._cache.pop(path, None)
            if old is not None:
                self._cached_bytes -= len(old.plain.body) + sum(len(r.body) for r in old.encoded.values())
            self._cache[path] = entry
            self._cached_bytes += size
            while self._cached_bytes > self.cache_bytes and self._cache:
                _, evicted = self._cache.popitem(last=False)
                self._cached_bytes -= len(evicted.plain.body) + sum(len(r.body) for r in evicted.encoded.values())

    def _preferred_coding(self, accept: str) -> str | None:
        accepted = accepted_encodings(accept)
        coding = next((c for c in ("br", "gzip") if c in accepted), None)
        if len(self._codings) > 1_000:
            self._codings.clear()
        self._codings[accept] = coding
        return coding

    def _respond(self, entry: Entry, environ, start_response, *, head: bool):
        representation = entry.plain
        accept = environ.get("HTTP_ACCEPT_ENCODING")
        if accept and entry.encoded:
            coding = self._codings.get(accept, False)
            if coding is False:
                coding = self._preferred_coding(accept)
            if coding in entry.encoded:
                representation = entry.encoded[coding]
        conditional = "HTTP_IF_NONE_MATCH" in environ or "HTTP_IF_MODIFIED_SINCE" in environ
        if conditional and entry.status == "200 OK" and _not_modified(environ, representation.etag, entry.modified):
            headers = [(k, v) for k, v in representation.headers if k not in ("Content-Length", "Content-Type", "Content-Encoding")]
            start_response("304 Not Modified", headers)
            return [b""]
        start_response(entry.status, representation.headers)
        return [b""] if head else [representation.body]


def _not_modified(environ, etag: str, modified: float) -> bool:
    if_none_match = environ.get("HTTP_IF_NONE_MATCH")
    if if_none_match is not None:
        tags = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
        return etag in tags or "*" in tags
    if_modified_since = environ.get("HTTP_IF_MODIFIED_SINCE")
    if if_modified_since:
        try:
            return int(modified) <= parsedate_to_datetime(if_modified_since).timestamp()
        except (TypeError, ValueError, IndexError, OverflowError):
            return False
    return False


def wrap(app):
    """The Django application with baked pages and media files served in front of it."""
    from django.conf import settings

    from newsdesk.core.security import security_headers

    return BakedPages(
        app, settings.NEWSDESK_OUTPUT_DIR, extra_headers=security_headers(), media=(settings.MEDIA_URL, settings.MEDIA_ROOT)
    )
