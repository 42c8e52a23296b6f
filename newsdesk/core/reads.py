"""What a render read, and work that the pages of one bake round share.

The baker records which objects each page showed (`recording`), so that a change to one of them
re-bakes the page. Some work is the same for several pages baked together: the RSS, Atom and JSON
feeds of a section list the same fifty stories. `shared` does such work once per round and, on every
later use, notes what it read into the page asking, so each page still records all it showed.

Outside a round (a reader's request, a test) `shared` simply computes: nothing is kept between requests.
"""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Callable, Hashable, Iterator
from typing import TypeVar

T = TypeVar("T")
Read = tuple[str, int]  # (model label, primary key)

_reads: contextvars.ContextVar[set[Read] | None] = contextvars.ContextVar("newsdesk_reads", default=None)
_round: contextvars.ContextVar[dict | None] = contextvars.ContextVar("newsdesk_shared_work", default=None)


def note(label: str, pk: int) -> None:
    """Note that the render in progress, if one is being recorded, read this object."""
    reads = _reads.get()
    if reads is not None:
        reads.add((label, pk))


@contextlib.contextmanager
def recording() -> Iterator[set[Read]]:
    """Record what is read inside the block into the set yielded."""
    reads: set[Read] = set()
    token = _reads.set(reads)
    try:
        yield reads
    finally:
        _reads.reset(token)


@contextlib.contextmanager
def bake_round() -> Iterator[None]:
    """Pages rendered inside the block may share work; it is forgotten when the block ends.

    A round must be short (a handful of pages): content changed meanwhile is not seen by pages that
    reuse work done before the change. The baker relies on change requests made meanwhile to bake
    those pages once more in a later round.
    """
    token = _round.set({})
    try:
        yield
    finally:
        _round.reset(token)


def shared(key: Hashable, compute: Callable[[], T]) -> T:
    """`compute()`, done once per bake round for `key`; every caller is noted as reading what it read.

    The value is shared between pages, so it must not be changed by them.
    """
    work = _round.get()
    if work is None:
        return compute()
    if key not in work:
        with recording() as reads:
            value = compute()
        work[key] = (value, frozenset(reads))
    value, reads = work[key]
    outer = _reads.get()
    if outer is not None:
        outer.update(reads)
    return value
