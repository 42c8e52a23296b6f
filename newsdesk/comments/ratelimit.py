"""Rate limits per IP address and per email that hold across server processes.

With Redis as the cache (NEWSDESK_REDIS_URL), counters live there; otherwise the database answers, by
counting the comments each address sent in the window (the default in-process cache would let every
server process count on its own).
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.cache import cache, caches
from django.core.cache.backends.redis import RedisCache
from django.db import connection

from newsdesk.comments.models import Comment, CommentSettings


@dataclass(frozen=True)
class Limited:
    what: str  # "IP address" or "email address"
    retry_after: int  # seconds


def _uses_redis() -> bool:
    return isinstance(caches["default"], RedisCache)


def _cache_key(kind: str, value: str, window: int, at: datetime) -> tuple[str, int]:
    bucket = int(at.timestamp()) // window
    return f"newsdesk:comments:rate:{kind}:{value.casefold()}:{bucket}", window - int(at.timestamp()) % window


def lock_senders(*, ip: str | None, email: str) -> None:
    """Within a transaction, queue posts from the same IP address or email behind each other.

    SQLite needs nothing: its IMMEDIATE transactions already take one write lock at the start. PostgreSQL
    takes a transaction-scoped advisory lock per sender, so other senders are not held up.
    """
    if connection.vendor != "postgresql":
        return
    keys = sorted(_lock_key(f"{kind}:{value}") for kind, value in (("ip", ip), ("email", email)) if value)
    with connection.cursor() as cursor:
        for key in keys:  # sorted, so two posts never wait for each other's second lock
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [key])


def _lock_key(text: str) -> int:
    return int.from_bytes(hashlib.sha256(f"newsdesk.comments:{text}".encode()).digest()[:8], "big", signed=True)


def check_rate(*, ip: str | None, email: str, settings: CommentSettings, at: datetime) -> Limited | None:
    """Whether one more comment from this IP address or email (lower case) would pass the limit; None when it would."""
    limit, window = settings.rate_limit_count, settings.rate_limit_seconds
    checks = [("ip", "IP address", ip), ("email", "email address", email)]
    for kind, label, value in checks:
        if not value:
            continue
        if _uses_redis():
            key, left = _cache_key(kind, value, window, at)
            if (cache.get(key) or 0) >= limit:
                return Limited(label, max(1, left))
            continue
        field = "ip_address" if kind == "ip" else "email"
        recent = Comment.objects.filter(**{field: value}, submitted_at__gt=at - timedelta(seconds=window))
        # The limit-th most recent comment in the window, if there is one: an index range scan that stops
        # there, rather than counting every row.
        nth = next(iter(recent.order_by("-submitted_at").values_list("submitted_at", flat=True)[limit - 1 : limit]), None)
        if nth is not None:
            wait = (nth + timedelta(seconds=window) - at).total_seconds()
            return Limited(label, max(1, math.ceil(wait)))
    return None


def record_comment(*, ip: str | None, email: str, settings: CommentSettings, at: datetime) -> None:
    """Count an accepted comment (the database counts its comment rows itself; Redis needs telling)."""
    if not _uses_redis():
        return
    for kind, value in (("ip", ip), ("email", email)):
        if value:
            key, left = _cache_key(kind, value, settings.rate_limit_seconds, at)
            cache.add(key, 0, timeout=left + 1)
            cache.incr(key)
