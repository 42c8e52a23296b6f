"""Rate limits: per API token, and per IP address for requests without one; 429 with Retry-After.

Fixed windows counted in the cache: with Redis (NEWSDESK_REDIS_URL) every server process shares the
counts, as comments' limits do; without it each process counts on its own, so the effective limit is
the configured one times the number of processes. `cache.add` + `cache.incr` is atomic in both.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.core.cache import cache
from ninja.errors import Throttled
from ninja.throttling import BaseThrottle

from newsdesk.api import tokens
from newsdesk.comments.views import client_ip

_PERIODS = {"s": 1, "sec": 1, "m": 60, "min": 60, "h": 3600, "hour": 3600, "d": 86400, "day": 86400}


def parse_rate(rate: str) -> tuple[int, int]:
    """"120/min" → (120, 60)."""
    count, _, period = rate.partition("/")
    try:
        return int(count), _PERIODS[period.strip().lower()]
    except (ValueError, KeyError):
        raise ValueError(f"{rate!r} is not a rate; write it like 120/min (s, min, hour or day).") from None


def request_token(request):
    """The valid token a request carries, looked up once per request (None without one, or for a bad one)."""
    if not hasattr(request, "_newsdesk_api_token"):
        raw = tokens.bearer_token(request)
        request._newsdesk_api_token = tokens.authenticate(raw) if raw else None
    return request._newsdesk_api_token


class ApiThrottle(BaseThrottle):
    """At most N requests per window: per token for requests with a valid one (NEWSDESK_API_RATE_TOKEN),
    otherwise per IP address (NEWSDESK_API_RATE_ANONYMOUS), so made-up tokens buy no extra requests."""

    def allow_request(self, request) -> bool:
        token = request_token(request)
        if token is not None:
            return self._allow(f"token:{token.pk}", settings.NEWSDESK_API_RATE_TOKEN)
        return self._allow(f"ip:{client_ip(request) or 'unknown'}", settings.NEWSDESK_API_RATE_ANONYMOUS)

    def _allow(self, who: str, rate: str) -> bool:
        self._wait = None
        limit, window = parse_rate(rate)
        now = time.time()
        bucket = int(now) // window
        cache_key = f"newsdesk:api:rate:{who}:{bucket}"
        cache.add(cache_key, 0, timeout=window + 1)
        try:
            count = cache.incr(cache_key)
        except ValueError:  # the window's counter expired between add and incr
            cache.set(cache_key, 1, timeout=window + 1)
            count = 1
        if count > limit:
            self._wait = max(1, (bucket + 1) * window - int(now))
            return False
        return True

    def wait(self) -> float | None:
        return self._wait


def count_refused_token(request) -> None:
    """A request refused for its token (authentication runs before the rate limits) still counts
    against its IP address; past the limit it gets 429, so guessing tokens is as slow as anything else."""
    throttle = ApiThrottle()
    if not throttle.allow_request(request):
        raise Throttled(wait=throttle.wait())
