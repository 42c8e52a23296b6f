"""Cursor pagination: each page names the next by the last item's sort key, so pages never shift
when stories are published between two requests (as page numbers would)."""

from __future__ import annotations

import base64
import json
from collections.abc import Callable, Sequence
from datetime import datetime
from urllib.parse import urlencode

from django.db.models import Q, QuerySet
from ninja.errors import HttpError

from newsdesk.core.templatetags.newsdesk import absolute

DEFAULT_LIMIT = 20
MAX_LIMIT = 100
CURSOR_PATTERN = r"^[A-Za-z0-9_-]+$"  # base64url without padding


def encode_cursor(values: Sequence) -> str:
    raw = json.dumps([v.isoformat() if isinstance(v, datetime) else v for v in values], separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_cursor(cursor: str, kinds: Sequence[type]) -> list:
    """The values a cursor carries, checked against the kinds expected; a 400 for anything else."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        values = json.loads(raw)
        if not isinstance(values, list) or len(values) != len(kinds):
            raise ValueError
        decoded = []
        for value, kind in zip(values, kinds, strict=True):
            if kind is datetime:
                parsed = datetime.fromisoformat(value)
                if parsed.tzinfo is None:
                    raise ValueError
                decoded.append(parsed)
            elif kind is int and type(value) is int and 0 <= value < 2**63:
                decoded.append(value)
            else:
                raise ValueError
        return decoded
    except (ValueError, TypeError, json.JSONDecodeError, UnicodeDecodeError):
        raise HttpError(400, "The cursor is not one this API gave out; start again without it.") from None


def page(
    request,
    items: QuerySet,
    *,
    cursor: str | None,
    limit: int,
    order: tuple[str, ...],
    serialize: Callable,
) -> dict:
    """One page of `items` after `cursor`, ordered by `order` (field names, "-" for descending, the last
    one unique), with the cursor and address of the next page."""
    fields = [name.lstrip("-") for name in order]
    if cursor:
        kinds = [datetime if items.model._meta.get_field(f).get_internal_type() == "DateTimeField" else int for f in fields]
        items = items.filter(_after(order, decode_cursor(cursor, kinds)))
    limit = max(1, min(limit, MAX_LIMIT))
    rows = list(items.order_by(*order)[: limit + 1])
    more = len(rows) > limit
    rows = rows[:limit]
    next_cursor = encode_cursor([getattr(rows[-1], f) for f in fields]) if more else None
    next_url = None
    if next_cursor:
        params = request.GET.copy()
        params["cursor"] = next_cursor
        next_url = absolute(f"{request.path}?{urlencode(params, doseq=True)}")  # from NEWSDESK_BASE_URL, not the Host header
    return {"items": [serialize(row) for row in rows], "next_cursor": next_cursor, "next": next_url}


def _after(order: tuple[str, ...], values: list) -> Q:
    """Rows strictly after `values` in `order`: (a > x) or (a = x and b > y) ..."""
    condition = Q(pk__in=[])
    for i, name in enumerate(order):
        field = name.lstrip("-")
        step = Q(**{f"{field}__{'lt' if name.startswith('-') else 'gt'}": values[i]})
        for earlier, value in zip(order[:i], values[:i], strict=False):
            step &= Q(**{earlier.lstrip("-"): value})
        condition |= step
    return condition
