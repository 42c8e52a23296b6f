"""Live pages' Server-Sent Events, held open in the event loop of each ASGI web process (newsdesk.asgi).

One `Hub` per process keeps the open streams by live page and feeds them from one source: Redis
pub/sub when NEWSDESK_REDIS_URL is set (every process hears every event at once), otherwise a poll of
the LiveEvent table every half second while anyone listens. A stream costs a queue and a task, not a
thread, so a process holds thousands.

A reader connecting (or reconnecting, with Last-Event-ID) first gets what it missed from the database,
then what the hub passes on; event ids make both paths idempotent.
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
import time
from collections.abc import Awaitable, Callable
from concurrent.futures import Executor
from urllib.parse import parse_qs

from newsdesk.stories import broadcast
from newsdesk.stories.sse import KEEPALIVE, encode_raw, retry_field

log = logging.getLogger(__name__)
EVENTS_PATH = re.compile(r"^/live/(?P<slug>[-\w]+)/events$")
POLL_SECONDS = 0.5
KEEPALIVE_SECONDS = 15.0
RETRY_MS = 2000
QUEUE_SIZE = 256
RESYNC = b""  # put on every queue when the source may have missed events (Redis reconnected)
CLOSE = b"close"  # put on every queue when the server stops, so that it need not wait for readers to leave


def _coverage_state(slug: str) -> tuple[int, bool] | None:
    from newsdesk.stories.models import LiveCoverage

    found = LiveCoverage.objects.filter(slug=slug).values_list("pk", "ended_at").first()
    return None if found is None else (found[0], found[1] is None)


def _missed(coverage_id: int, after: int) -> list[tuple[int, bytes]]:
    from newsdesk.stories.queries import events_after

    return [(event.pk, encode_raw(event.pk, _dumps(event.payload))) for event in events_after(coverage_id, after)]


def _latest_event_id() -> int:
    from newsdesk.stories.models import LiveEvent

    return LiveEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def _events_since(last: int, slugs: list[str]) -> list[tuple[str, int, str]]:
    from newsdesk.stories.models import LiveEvent

    rows = LiveEvent.objects.filter(pk__gt=last, coverage__slug__in=slugs).order_by("pk")
    return [(slug, pk, _dumps(payload)) for slug, pk, payload in rows.values_list("coverage__slug", "pk", "payload")[:1000]]


def _dumps(payload: dict) -> str:
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":"))


class Hub:
    """The open streams of this process, by live page, and the one task that feeds them."""

    def __init__(self, run_sync: Callable[..., Awaitable]):
        self.run_sync = run_sync  # runs a blocking (database) function in the thread pool
        self.listeners: dict[str, set[asyncio.Queue]] = {}
        self._source: asyncio.Task | None = None
        self._states: dict[str, tuple[float, tuple[int, bool] | None]] = {}
        self.closing = False
        # Set once the source knows where it starts (Redis subscribed, or the latest event id read): a
        # reader's catch-up read after that point cannot miss an event the source will not bring.
        self._ready = asyncio.Event()

    async def coverage_state(self, slug: str) -> tuple[int, bool] | None:
        """(id, still live) of a live page, remembered for a second: a thousand readers arriving ask once."""
        cached = self._states.get(slug)
        if cached and time.monotonic() - cached[0] < 1.0:
            return cached[1]
        state = await self.run_sync(_coverage_state, slug)
        self._states[slug] = (time.monotonic(), state)
        return state

    def subscribe(self, slug: str) -> asyncio.Queue:
        queue: asyncio.Queue = asyncio.Queue(maxsize=QUEUE_SIZE)
        self.listeners.setdefault(slug, set()).add(queue)
        if self._source is None or self._source.done():
            self._source = asyncio.ensure_future(self._run())
        return queue

    async def wait_ready(self, timeout: float = 5.0) -> None:
        try:
            await asyncio.wait_for(self._ready.wait(), timeout)
        except asyncio.TimeoutError:
            log.warning("The live event source is not ready; streams may lag until it is")

    def unsubscribe(self, slug: str, queue: asyncio.Queue) -> None:
        queues = self.listeners.get(slug)
        if queues is not None:
            queues.discard(queue)
            if not queues:
                del self.listeners[slug]

    def close(self) -> None:
        """End every stream (the server is stopping); readers reconnect to another process."""
        self.closing = True
        for queues in self.listeners.values():
            for queue in queues:
                while not queue.empty():
                    queue.get_nowait()
                queue.put_nowait(CLOSE)

    def listening(self) -> int:
        return sum(len(queues) for queues in self.listeners.values())

    def dispatch(self, slug: str, frame: bytes) -> None:
        for queue in list(self.listeners.get(slug, ())):
            try:
                queue.put_nowait(frame)
            except asyncio.QueueFull:
                # A reader that does not keep up is told to catch up from the database instead.
                while not queue.empty():
                    queue.get_nowait()
                queue.put_nowait(RESYNC)

    async def _run(self) -> None:
        try:
            if broadcast.redis_url():
                await self._from_redis()
            else:
                await self._from_database()
        finally:
            self._ready.clear()

    async def _from_database(self) -> None:
        last = await self.run_sync(_latest_event_id)
        self._ready.set()
        while self.listeners:
            try:
                for slug, pk, data in await self.run_sync(_events_since, last, list(self.listeners)):
                    self.dispatch(slug, encode_raw(pk, data))
                    last = max(last, pk)
            except Exception:  # the database is briefly away: readers keep their streams, we try again
                log.warning("Reading live events failed; retrying", exc_info=True)
            await asyncio.sleep(POLL_SECONDS)

    async def _from_redis(self) -> None:
        import redis.asyncio as aioredis

        first = True
        while self.listeners:
            client = aioredis.Redis.from_url(broadcast.redis_url())
            try:
                async with client.pubsub() as pubsub:
                    await pubsub.subscribe(broadcast.channel())
                    self._ready.set()
                    if not first:
                        self._resync_all()
                    first = False
                    while self.listeners:
                        message = await pubsub.get_message(ignore_subscribe_messages=True, timeout=1.0)
                        if message is not None and message["type"] == "message":
                            self._relay(message["data"])
            except (OSError, aioredis.RedisError):
                log.warning("Redis pub/sub for live pages failed; reconnecting", exc_info=True)
                await asyncio.sleep(1.0)
            finally:
                await client.aclose()

    def _relay(self, raw: bytes) -> None:
        try:
            message = json.loads(raw)
            frame = encode_raw(int(message["id"]), _dumps(message["data"]))
        except (ValueError, KeyError, TypeError):
            log.warning("Ignoring a malformed live event from Redis")
            return
        self.dispatch(str(message["coverage"]), frame)

    def _resync_all(self) -> None:
        for slug in list(self.listeners):
            self.dispatch(slug, RESYNC)


def last_event_id(scope) -> int:
    """What the reader has: Last-Event-ID (sent by EventSource when it reconnects), else ?after=N."""
    headers = dict(scope.get("headers") or [])
    raw = headers.get(b"last-event-id", b"").decode("latin-1").strip()
    if not raw:
        raw = (parse_qs(scope.get("query_string", b"").decode("latin-1")).get("after") or ["0"])[0]
    return int(raw) if raw.isdigit() and len(raw) <= 18 else -1


async def _plain(send, status: int, text: str) -> None:
    body = text.encode()
    headers = [(b"content-type", b"text/plain; charset=utf-8"), (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


async def serve_events(hub: Hub, scope, receive, send, slug: str, extra_headers: list[tuple[bytes, bytes]]) -> None:
    """One reader's stream: what it missed, then every new event, with a comment every 15 s to keep it open."""
    if scope["method"] not in ("GET", "HEAD"):
        return await _plain(send, 405, "Use GET.")
    after = last_event_id(scope)
    if after < 0:
        return await _plain(send, 400, "Last-Event-ID and ?after= must be the number of an event.")
    state = await hub.coverage_state(slug)
    if state is None:
        return await _plain(send, 404, "There is no live page at this address.")
    coverage_id, is_live = state
    if hub.closing:
        return await _plain(send, 503, "The server is restarting.")
    queue = hub.subscribe(slug)  # before reading what was missed, so nothing falls between the two
    try:
        await hub.wait_ready()
        missed = await hub.run_sync(_missed, coverage_id, after)
        if not is_live and not missed:
            # Ended and the reader has everything: 204 tells EventSource to stop reconnecting.
            await send({"type": "http.response.start", "status": 204, "headers": extra_headers})
            await send({"type": "http.response.body", "body": b""})
            return
        headers = [
            (b"content-type", b"text/event-stream; charset=utf-8"),
            (b"cache-control", b"no-store"),
            (b"x-accel-buffering", b"no"),  # nginx: pass each event on at once
            *extra_headers,
        ]
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        last = after
        opening = retry_field(RETRY_MS) + b"".join(frame for _, frame in missed)
        last = max([last, *(pk for pk, _ in missed)])
        await send({"type": "http.response.body", "body": opening, "more_body": True})
        await _relay_until_gone(hub, queue, receive, send, coverage_id, last)
    finally:
        hub.unsubscribe(slug, queue)


async def _relay_until_gone(hub: Hub, queue: asyncio.Queue, receive, send, coverage_id: int, last: int) -> None:
    gone = asyncio.ensure_future(_wait_for_disconnect(receive))
    try:
        while not gone.done():
            getter = asyncio.ensure_future(queue.get())
            done, _ = await asyncio.wait({getter, gone}, timeout=KEEPALIVE_SECONDS, return_when=asyncio.FIRST_COMPLETED)
            if getter not in done:
                getter.cancel()
                if not gone.done():
                    await send({"type": "http.response.body", "body": KEEPALIVE, "more_body": True})
                continue
            frame = getter.result()
            if frame == CLOSE:
                return
            if frame == RESYNC:
                frames = await hub.run_sync(_missed, coverage_id, last)
            else:
                frames = [(_frame_id(frame), frame)]
            chunk = b"".join(f for pk, f in frames if pk > last)
            if chunk:
                last = max(pk for pk, _ in frames)
                await send({"type": "http.response.body", "body": chunk, "more_body": True})
    except (OSError, RuntimeError, asyncio.CancelledError):
        pass  # the reader went away mid-send
    finally:
        gone.cancel()


def _frame_id(frame: bytes) -> int:
    return int(frame[4 : frame.index(b"\n")])


async def _wait_for_disconnect(receive) -> None:
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            return


def match(path: str) -> str | None:
    """The live page's slug when `path` is its event stream."""
    found = EVENTS_PATH.match(path)
    return found["slug"] if found else None


def executor_runner(loop_executor: Executor) -> Callable[..., Awaitable]:
    """run_sync for a Hub: a blocking function in the given thread pool."""

    async def run_sync(function, *args):
        return await asyncio.get_running_loop().run_in_executor(loop_executor, function, *args)

    return run_sync
