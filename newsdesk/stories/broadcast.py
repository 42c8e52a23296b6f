"""Tell every web process that a live page changed: Redis pub/sub when NEWSDESK_REDIS_URL is set.

Without Redis, web processes find new events by reading the LiveEvent table (stream.py polls it only
while someone listens), so nothing is published here.
"""

from __future__ import annotations

import json
import logging

from django.conf import settings

from newsdesk.conf import env

log = logging.getLogger(__name__)
CHANNEL_PREFIX = "newsdesk:live:"
_client = None


def redis_url() -> str:
    """Redis for the fan-out: the cache's server (tests may set settings.NEWSDESK_REDIS_URL)."""
    configured = getattr(settings, "NEWSDESK_REDIS_URL", None)
    return configured if configured is not None else env("NEWSDESK_REDIS_URL")


def channel() -> str:
    """One channel per site (sites sharing a Redis server never hear each other's live pages)."""
    return CHANNEL_PREFIX + settings.NEWSDESK_BASE_URL


def message(event) -> str:
    """The event as every process passes it on: coverage, SSE id, kind and payload."""
    return json.dumps({"coverage": event.coverage.slug, "id": event.pk, "data": event.payload}, ensure_ascii=False)


def publish(event) -> None:
    """Publish a committed event to every web process (a Redis outage only delays readers to the next poll)."""
    global _client
    url = redis_url()
    if not url:
        return
    import redis

    try:
        if _client is None:
            _client = redis.Redis.from_url(url, socket_timeout=2)
        _client.publish(channel(), message(event))
    except redis.RedisError:
        log.warning("Could not publish live event %s to Redis; readers will get it when they reconnect", event.pk)
