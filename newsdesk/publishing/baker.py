"""Bake pages: render them through Django and write them to the output directory.

`request_bake` records what must be baked (in the caller's transaction) and wakes the worker;
`bake_pending` works through those requests, most important first; `bake_all` rebuilds the site.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import logging
import multiprocessing
import os
import signal
import sys
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import connection, connections, transaction
from django.utils import timezone

from newsdesk.content.chrome import forget_site_chrome
from newsdesk.core import reads
from newsdesk.publishing import store
from newsdesk.publishing.models import BakedPage, BakeRequest, PageDependency
from newsdesk.publishing.render import render
from newsdesk.publishing.targets import NOT_FOUND_PATH, record_listing_states, work_group

log = logging.getLogger(__name__)
# A hidden file (never served) naming the address the pages were baked for.
BAKED_FOR = ".baked-for"


class BakeFailed(RuntimeError):
    """A page could not be rendered (the database is down, a template is broken, ...)."""


@dataclass
class BakeOutcome:
    path: str
    status: int  # what the page answered
    result: str  # "written", "gone" or "removed"


def output_dir() -> Path:
    return Path(settings.NEWSDESK_OUTPUT_DIR)


def bake_path(path: str, *, records: list | None = None) -> BakeOutcome:
    """Render one path and put the result on disk: the page, a "gone" marker, or nothing.

    With `records`, what the page showed is appended there for `_record_many`, instead of saved now.
    """
    root = output_dir()
    rendered = render(path)
    # The themed "not found" page is baked too, for nginx's error_page and for when the database is down.
    if rendered.status == 200 or (path == NOT_FOUND_PATH and rendered.status == 404):
        store.write_page(root, path, rendered.body)
        if records is None:
            _record_many([(path, rendered.body, rendered.dependencies)])
        else:
            records.append((path, rendered.body, rendered.dependencies))
        return BakeOutcome(path, rendered.status, "written")
    if rendered.status == 410:
        store.write_gone(root, path, rendered.body)
        BakedPage.objects.filter(path=path).delete()
        return BakeOutcome(path, rendered.status, "gone")
    if rendered.status >= 500:
        # Keep what is on disk: a page that cannot be rendered now is better served old than not at all.
        raise BakeFailed(f"{path} answered {rendered.status}; the baked file, if any, was kept")
    # Not a page any more (404, a redirect to a new slug, ...): the live site answers for it.
    store.remove_page(root, path)
    BakedPage.objects.filter(path=path).delete()
    return BakeOutcome(path, rendered.status, "removed")


def _record_many(records: list[tuple[str, bytes, set[tuple[str, int]]]]) -> None:
    """Note each baked page's ETag and what it showed, in one transaction for the lot."""
    if not records:
        return
    now = timezone.now()
    paths = [path for path, _, _ in records]
    with transaction.atomic():
        BakedPage.objects.bulk_create(
            [BakedPage(path=path, etag=store.etag_for(body), size=len(body), baked_at=now) for path, body, _ in records],
            update_conflicts=True,
            unique_fields=["path"],
            update_fields=["etag", "size", "baked_at"],
        )
        # Only what changed: a re-baked page mostly shows what it showed before, and a month's sitemap
        # shows thousands of stories (rewriting all of its rows took longer than rendering it).
        recorded: dict[tuple[str, str, int], int] = {}
        for pk, page_id, model, object_id in PageDependency.objects.filter(page_id__in=paths).values_list(
            "pk", "page_id", "model", "object_id"
        ).iterator(chunk_size=2000):
            recorded[(page_id, model, object_id)] = pk
        wanted = {(path, model, object_id) for path, _, dependencies in records for model, object_id in dependencies}
        gone = [pk for key, pk in recorded.items() if key not in wanted]
        for start in range(0, len(gone), 500):
            PageDependency.objects.filter(pk__in=gone[start : start + 500]).delete()
        PageDependency.objects.bulk_create(
            [PageDependency(page_id=path, model=model, object_id=object_id) for path, model, object_id in wanted - recorded.keys()],
            batch_size=500,
        )


def request_bake(paths: dict[str, int]) -> None:
    """Note pages to bake (path → priority, 0 first) and wake the worker once the caller commits."""
    if not paths:
        return
    now = timezone.now()
    existing = dict(BakeRequest.objects.filter(path__in=list(paths)).values_list("path", "priority"))
    # Queued in order of priority, then side by side with the pages they share work with (a scope's
    # three feeds), so that one process bakes those in one round.
    ordered = sorted(paths.items(), key=lambda item: (item[1], work_group(item[0])))
    BakeRequest.objects.bulk_create(
        [BakeRequest(path=path, priority=priority) for path, priority in ordered if path not in existing],
        batch_size=500,
        ignore_conflicts=True,  # queued meanwhile by another transaction: that request will do
    )
    # A new request time tells a baker busy with one of these pages that it must bake it once more.
    again: dict[int, list[str]] = {}
    for path, priority in ordered:
        if path in existing:
            again.setdefault(min(priority, existing[path]), []).append(path)
    for priority, waiting in again.items():
        for start in range(0, len(waiting), 500):
            BakeRequest.objects.filter(path__in=waiting[start : start + 500]).update(priority=priority, requested_at=now)
    from newsdesk.publishing.tasks import wake_baker

    transaction.on_commit(wake_baker)


# With fewer pages waiting than this, one process bakes them sooner than a pool of them can start.
PARALLEL_FROM = 8
BATCH = 5  # requests a process takes at a time: a page published meanwhile jumps ahead of a long re-bake
FAILED = 9  # the priority a page that failed to bake is put back with: last


def bake_pending(*, limit: int | None = None, workers: int = 1, keep_pool: bool = False) -> int:
    """Bake waiting pages, most important first, until none wait (or `limit` are done).

    With `workers` > 1 and a long queue (an edit re-bakes a dozen pages: lists, neighbours, feeds,
    sitemaps), the pages are shared among that many processes. The worker passes it. Inside a
    transaction, or on an in-memory database, one process does it all: another could not see the data.

    With `keep_pool` (the worker's), those processes stay for the next call, which can then start at
    once: forking them and warming their copies took about 40 ms of an edit's 300 ms re-bake. They hold
    no database connection between calls. Only for a process whose settings never change.
    """
    queue = BakeRequest.objects.order_by("priority", "requested_at", "pk")
    if not (workers > 1 and _shareable() and queue.count() >= PARALLEL_FROM):
        done = 0
        while limit is None or done < limit:
            batch = _next_round(queue, BATCH)
            if not batch:
                break
            done += _bake_requests(batch)
            if all(r.priority == FAILED for r in batch):
                break
        return done
    # The most urgent page first, here and alone: a reader waits for it (baked beside the starting
    # pool, on two cores, it took twice as long), and rendering it readies this process (templates,
    # URL patterns) before the pool's processes are copied from it.
    done = _bake_requests(list(queue[:1]))
    left = None if limit is None else limit - done
    if not keep_pool:
        with _pool(workers) as pool:
            return done + _keep_busy(pool, queue, workers, left, bake=_bake_requests)
    try:
        return done + _keep_busy(_kept_pool(workers), queue, workers, left, bake=_bake_between_connections)
    except BrokenProcessPool:  # one of its processes was killed (out of memory, say): start anew next time
        close_kept_pool()
        raise


def _keep_busy(pool: _Pool, queue, workers: int, limit: int | None, *, bake) -> int:
    """Give each process of the pool the next few requests as soon as it is done with its last ones.

    No process waits for the others (rounds that all had to end together left a core idle for a third
    of an edit's re-bake). Requests being baked stay queued until done, so they are left out of what
    is handed out next; one re-requested meanwhile is baked again after.
    """
    running: dict[Future, list[int]] = {}
    done = handed_out = 0
    last = False  # only failed pages were left: they get one more try, then the worker rests
    while True:
        while not last and len(running) < workers and (limit is None or handed_out < limit):
            busy = [pk for pks in running.values() for pk in pks]
            batch = _next_round(queue.exclude(pk__in=busy), BATCH)
            if not batch:
                break
            last = all(r.priority == FAILED for r in batch)
            running[pool.submit(bake, batch)] = [r.pk for r in batch]
            handed_out += len(batch)
        if not running:
            return done
        finished, _ = wait(running, return_when=FIRST_COMPLETED)
        for future in finished:
            del running[future]
            done += future.result()


# Pages beyond a round's size that may join it, to keep a group of pages sharing work together.
GROUP_LOOKAHEAD = 4


def _next_round(queue, size: int) -> list[BakeRequest]:
    """The next `size` requests of the queue, and those just after them in the same work group, so
    that one process bakes a group (a scope's three feeds) in one round."""
    batch = list(queue[: size + GROUP_LOOKAHEAD])
    end = min(size, len(batch))
    while 0 < end < len(batch) and work_group(batch[end].path) == work_group(batch[end - 1].path):
        end += 1
    return batch[:end]


def _bake_requests(requests: list[BakeRequest]) -> int:
    """Bake these queued pages; a page that fails stays queued (last) and is logged.

    What the pages showed is recorded, and their requests closed, in one transaction at the end: two
    processes writing a row per page kept waiting on each other's locks.
    """
    forget_site_chrome()  # another process may have changed the navigation or settings
    records, baked = [], []
    with reads.bake_round():
        for request in requests:
            try:
                bake_path(request.path, records=records)
            except Exception:  # one broken page must not stop the others
                log.exception("Baking %s failed; it stays in the queue", request.path)
                BakeRequest.objects.filter(pk=request.pk).update(priority=FAILED)
                continue
            baked.append(request)
    with transaction.atomic():
        _record_many(records)
        for request in baked:
            # Re-requested while we baked it? Then the newer request stays for the next round.
            BakeRequest.objects.filter(pk=request.pk, requested_at=request.requested_at).delete()
    return len(baked)


def _shareable() -> bool:
    """Whether other processes see what this one sees: not inside a transaction, not in memory."""
    return not connection.in_atomic_block and not (connection.vendor == "sqlite" and connection.is_in_memory_db())


@dataclass
class _Pool:
    """Forked baking processes (`workers` of them), started at the first task handed to them."""

    executor: ProcessPoolExecutor
    workers: int
    forked: bool = False

    def submit(self, fn, *args) -> Future:
        self._before_work()
        return self.executor.submit(fn, *args)

    def map(self, fn, items) -> Iterator:
        self._before_work()
        return self.executor.map(fn, items)

    def _before_work(self) -> None:
        if not self.forked:
            _close_connections()  # the processes are forked now: each must open its own connections
            self.forked = True


def _new_pool(workers: int) -> _Pool:
    """What the processes inherit is left out of garbage collection while they live: a collection in
    each would touch, and so copy, most of this process's memory (an edit's re-bake took a third longer)."""
    gc.freeze()
    executor = ProcessPoolExecutor(max_workers=workers, initializer=_start_baking_process, mp_context=multiprocessing.get_context("fork"))
    return _Pool(executor, workers)


@contextlib.contextmanager
def _pool(workers: int) -> Iterator[_Pool]:
    """A pool of baking processes for one bake."""
    pool = _new_pool(workers)
    try:
        yield pool
    finally:
        pool.executor.shutdown()
        gc.unfreeze()


_kept: list[_Pool] = []  # the worker's pool, kept between re-bakes (bake_pending's keep_pool)


def _kept_pool(workers: int) -> _Pool:
    """The kept pool of `workers` processes; a new one if there is none of that size."""
    if _kept and _kept[0].workers != workers:
        close_kept_pool()
    if not _kept:
        _kept.append(_new_pool(workers))  # frozen for good: its processes live as long as this one
    return _kept[0]


def close_kept_pool() -> None:
    """End the kept pool's processes (tests; a broken pool)."""
    if _kept:
        _kept.pop().executor.shutdown(wait=True, cancel_futures=True)
        gc.unfreeze()


def _bake_between_connections(requests: list[BakeRequest]) -> int:
    """_bake_requests in a kept process, with a connection of its own for this batch only: one kept
    idle between re-bakes could go stale (a database restarted meanwhile) or keep a database busy."""
    try:
        return _bake_requests(requests)
    finally:
        _close_connections()


def pending_workers() -> int:
    """Processes the background worker re-bakes a long queue with: one per core, up to four."""
    return max(1, min(4, os.cpu_count() or 1))


def _bake_chunk(paths: list[str]) -> list[str]:
    forget_site_chrome()
    results, records = [], []
    with reads.bake_round():
        for path in paths:
            try:
                results.append(bake_path(path, records=records).result)
            except BakeFailed as failure:
                log.error("%s", failure)
                results.append("failed")
    _record_many(records)
    return results


PR_SET_PDEATHSIG = 1  # linux/prctl.h


def _start_baking_process() -> None:
    """In each forked baking process: its own database connections, and an end when its parent ends.

    A worker killed outright (SIGKILL, the OOM killer) cannot shut its pool down, and the pool's
    processes would wait for work forever; Linux kills them with it instead.
    """
    _close_connections()
    if sys.platform == "linux":
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)


def _close_connections() -> None:
    connections.close_all()


def bake_all(paths: Iterable[str], *, workers: int = 1, progress: Callable[[int], None] | None = None) -> dict[str, int]:
    """Bake every path given, in `workers` processes; returns how many were written, gone, removed, failed."""
    paths = list(paths)
    counts: dict[str, int] = {}

    def tally(results: list[str]) -> None:
        for result in results:
            counts[result] = counts.get(result, 0) + 1
        if progress:
            progress(len(results))

    chunks = [paths[i : i + 25] for i in range(0, len(paths), 25)]
    if workers <= 1:
        for chunk in chunks:
            tally(_bake_chunk(chunk))
    else:
        with _pool(workers) as pool:
            for results in pool.map(_bake_chunk, chunks):
                tally(results)
    _forget_unlisted(set(paths))
    _remove_leftover_temporaries()
    record_listing_states()
    output_dir().mkdir(parents=True, exist_ok=True)
    (output_dir() / BAKED_FOR).write_text(settings.NEWSDESK_BASE_URL)
    return counts


def baked_for() -> str:
    """The site address the last full bake wrote into pages (canonical and share links), or ""."""
    try:
        return (output_dir() / BAKED_FOR).read_text().strip()
    except OSError:
        return ""


def _forget_unlisted(paths: set[str]) -> None:
    """Pages baked before that the site no longer has (a deleted section's pages, say) are removed."""
    stale = [path for path in BakedPage.objects.values_list("path", flat=True).iterator() if path not in paths]
    for path in stale:
        store.remove_page(output_dir(), path)
        BakedPage.objects.filter(path=path).delete()


def _remove_leftover_temporaries() -> None:
    """Half-written temporary files of a baker that was killed; readers never saw them."""
    for temporary in output_dir().rglob(".tmp-*"):
        temporary.unlink(missing_ok=True)
    for marker in output_dir().rglob(".fault-paused"):
        marker.unlink(missing_ok=True)


def default_workers() -> int:
    """One process per core, plus one to use the time the others wait for fsync."""
    return max(1, min(8, (os.cpu_count() or 1) + 1))
