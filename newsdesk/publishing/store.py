"""The output directory: baked pages on disk, each written whole or not at all.

A page at `/world/` lives in `world/index.html`; a feed at `/feeds/rss.xml` in `feeds/rss.xml`. Every file
has `.gz` and `.br` siblings. Each of the three is written to a temporary file, flushed to disk and
renamed over the old one, so a reader (our server or nginx) sees the old bytes or the new, never half.
The compressed siblings are written first and the plain file last: the plain file's modification time
is the page's version.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import tempfile
import time
from pathlib import Path

import brotli

GONE_SUFFIX = ".gone"
VARIANTS = (("br", ".br"), ("gzip", ".gz"))
# Fault injection for the crash test: the baker pauses half-way through writing this path's file,
# so the test can kill it with SIGKILL at the worst moment. Never set in production.
FAULT_PAUSE_ENV = "NEWSDESK_BAKE_FAULT_PAUSE"


class UnsafePath(ValueError):
    """A path that could reach outside the output directory."""


def file_for(root: Path, path: str) -> Path:
    """Where the page at a site path lives in the output directory."""
    if (
        not path.startswith("/")
        or "\x00" in path
        or "\\" in path
        or "//" in path
        or len(path) > 400
        or any(part.startswith(".") for part in path.split("/"))
    ):
        raise UnsafePath(f"{path!r} is not a path the baker writes")
    relative = path.lstrip("/")
    return root / (relative + "index.html" if path.endswith("/") else relative)


def etag_for(body: bytes) -> str:
    """The ETag of a page's bytes: the same in every process and on every machine."""
    return '"' + hashlib.blake2b(body, digest_size=12).hexdigest() + '"'


# Above this size (full-text feeds, month sitemaps), compressing took as long as rendering the page.
LARGE_BODY = 64 * 1024


def compress(body: bytes) -> dict[str, bytes]:
    """The brotli and gzip variants of a page.

    Brotli 6 is within a few per cent of 9 on HTML and several times faster, which full bakes need. A
    page's HTML compresses in well under a millisecond at any level. A feed of fifty full stories (220 KB)
    took 25 ms at brotli 6 and gzip 9. At brotli 5 and gzip 5 it takes 5 to 6 ms; on English text the
    files are 1 and 3 per cent larger than at brotli 6 and gzip 6 (gzip 6 alone took 5 to 6 ms).
    """
    large = len(body) > LARGE_BODY
    return {
        "br": brotli.compress(body, quality=5 if large else 6),
        "gzip": gzip.compress(body, compresslevel=5 if large else 9, mtime=0),
    }


def write_page(root: Path, path: str, body: bytes) -> Path:
    """Write a page and its compressed variants atomically; remove any "gone" marker it had."""
    target = file_for(root, path)
    target.parent.mkdir(parents=True, exist_ok=True)
    variants = compress(body)
    for encoding, suffix in VARIANTS:
        _write_atomic(target.with_name(target.name + suffix), variants[encoding])
    _write_atomic(target, body, pause=os.environ.get(FAULT_PAUSE_ENV) == path)
    _remove(target.with_name(target.name + GONE_SUFFIX))
    _sync_directory(target.parent)
    return target


def write_gone(root: Path, path: str, body: bytes) -> None:
    """Replace a page by its "gone" marker, which the server answers with 410 and this body."""
    target = file_for(root, path)
    target.parent.mkdir(parents=True, exist_ok=True)
    _write_atomic(target.with_name(target.name + GONE_SUFFIX), body)
    remove_page(root, path)
    _sync_directory(target.parent)


def remove_page(root: Path, path: str) -> None:
    target = file_for(root, path)
    for name in (target.name, *(target.name + suffix for _, suffix in VARIANTS)):
        _remove(target.with_name(name))


def _remove(file: Path) -> None:
    try:
        file.unlink()
    except FileNotFoundError:
        pass


def _write_atomic(target: Path, data: bytes, *, pause: bool = False) -> None:
    fd, temporary = tempfile.mkstemp(dir=target.parent, prefix=".tmp-", suffix="-" + target.name)
    try:
        with os.fdopen(fd, "wb") as out:
            if pause:
                _pause_half_way(out, data, target)
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, target)
    except BaseException:
        _remove(Path(temporary))
        raise


def _sync_directory(directory: Path) -> None:
    """Make the renames durable: after a power cut the directory lists the new files."""
    handle = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)


def _pause_half_way(out, data: bytes, target: Path) -> None:
    out.write(data[: len(data) // 2])
    out.flush()
    os.fsync(out.fileno())
    (target.parent / ".fault-paused").write_text(str(os.getpid()))
    while True:  # until the test kills us
        time.sleep(1)
