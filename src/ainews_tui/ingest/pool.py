"""The worker processes sync parses and indexes with: how many, how started, and how
their results come back (in order, through a bounded window)."""

from __future__ import annotations

import os
import threading
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, TypeVar

from .orphans import die_with_parent

if TYPE_CHECKING:
    import multiprocessing.context
    from concurrent.futures import Future, ProcessPoolExecutor

T = TypeVar("T")
R = TypeVar("R")

CHUNKS_PER_WORKER = 4
"""Tasks queued per worker: enough to keep it busy, few enough to bound memory."""


def worker_count(*, writer_busy: bool) -> int:
    """Workers for a pool beside the one process writing library.db: a core each, but
    one fewer when the writer needs a core of its own.

    Measured per 1,000 generated posts: storing posts and items costs the writer 0.35 s
    while parsing them costs 1.3 s, so the parse workers take every core; inserting the
    search index costs the writer 1.0-1.4 s while computing its tokens costs 0.8 s, so
    the index workers leave the writer its core.
    """
    cores = os.cpu_count() or 2
    return max(1, min(cores - 1 if writer_busy else cores, 8))


def can_fork_workers() -> bool:
    return (os.cpu_count() or 1) >= 2


def start_pool(
    workers: int, initializer: Callable[..., None] | None = None, *initargs: object
) -> ProcessPoolExecutor:
    """A pool whose workers die with this process (a kill -9 leaves none behind) and
    then run `initializer(*initargs)`."""
    # Imported here: 5 ms of every sync, and the small ones parse without a pool.
    from concurrent.futures import ProcessPoolExecutor

    return ProcessPoolExecutor(
        workers,
        mp_context=_mp_context(),
        initializer=_start_worker,
        initargs=(os.getpid(), initializer, initargs),
    )


def in_order(
    pool: ProcessPoolExecutor,
    task: Callable[[Sequence[T]], list[R]],
    items: Sequence[T],
    chunk: int,
    workers: int,
) -> Iterator[R]:
    """`task` over `items` in chunks, results in the items' order.

    Not pool.map: it queues every chunk at once, and finished results pile up here
    whenever the caller is slower than the workers, as writing is on a first sync
    (335 MB for 10,000 parsed posts). A window of tasks bounds that.
    """
    window: deque[Future[list[R]]] = deque()
    for start in range(0, len(items), chunk):
        window.append(pool.submit(task, items[start : start + chunk]))
        if len(window) >= workers * CHUNKS_PER_WORKER:
            yield from window.popleft().result()
    while window:
        yield from window.popleft().result()


def batches(items: Iterator[T], size: int) -> Iterator[list[T]]:
    """`items` in lists of `size` (the last one shorter): one write transaction each."""
    batch: list[T] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _start_worker(
    owner_pid: int, initializer: Callable[..., None] | None, initargs: tuple[object, ...]
) -> None:
    die_with_parent(owner_pid)
    if initializer is not None:
        initializer(*initargs)


def _mp_context() -> multiprocessing.context.BaseContext:
    import multiprocessing

    # fork is cheapest, but forking a process that runs other threads (the reader's
    # workers) can deadlock the child, so such processes use forkserver.
    if threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("forkserver")
