"""The Server-Sent Events wire format (https://html.spec.whatwg.org/multipage/server-sent-events.html)."""

from __future__ import annotations

import json


def encode_event(event_id: int, payload: dict) -> bytes:
    """One event: its id (what Last-Event-ID sends back on reconnect) and its JSON data on one line."""
    data = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    return f"id: {event_id}\nevent: live\ndata: {data}\n\n".encode()


def encode_raw(event_id: int, data: str) -> bytes:
    """An event whose JSON is already encoded (as it arrives from Redis)."""
    return f"id: {event_id}\nevent: live\ndata: {data}\n\n".encode()


def retry_field(milliseconds: int) -> bytes:
    return f"retry: {milliseconds}\n\n".encode()


KEEPALIVE = b": keep-alive\n\n"
