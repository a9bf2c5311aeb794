"""Sync's second phase: the search index for the posts the first phase stored.

The posts are listed (and browsable) before this starts. Pending posts are indexed
newest first, so a search during the build finds recent news first; worker processes
read the posts and compute their tokens on read-only connections of their own, and
this process inserts them in batched transactions, each of which takes the posts'
pending marks away (search.build): a kill loses at most the batch being written.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from ..search.build import Pending, PostTexts, read_texts
from ..store.library import Library
from .pool import batches, can_fork_workers, in_order, start_pool, worker_count

IndexCallback = Callable[[int, int], None]
"""(posts indexed, posts to index)"""

_BATCH = 400
"""Posts per write transaction: as in the first phase, short enough that another
process waiting to write (a second sync) is never held up for long."""

_PARALLEL_FROM = _BATCH
"""Fewer pending posts than this (a re-sync) are indexed in this process: starting a
worker and waiting for its first texts costs more than it saves (the 1 % re-sync of
10,000 posts, 100 of them to index: 0.73-0.78 s inline, 0.86-0.93 s with a worker)."""

_CHUNK = 32
"""Posts per task sent to a worker."""


def build_index(library: Library, progress: IndexCallback | None = None) -> int:
    """Index every pending post; returns how many this call indexed.

    One more pass takes what was marked meanwhile: a post rewritten while its text was
    read (its old text is not written), or one a sync in another process stored.
    """
    done = 0
    for _attempt in range(2):
        todo = library.pending_index()
        if not todo:
            break
        total = done + len(todo)
        if progress:
            progress(done, total)
        for batch in batches(_texts(library, todo), _BATCH):
            with library.transaction():
                done += library.write_index(batch)
            if progress:
                progress(done, total)
    return done


def _texts(library: Library, todo: list[Pending]) -> Iterator[PostTexts]:
    if len(todo) < _PARALLEL_FROM or not can_fork_workers():
        for start in range(0, len(todo), _CHUNK):
            yield from library.read_index_texts(todo[start : start + _CHUNK])
        return
    workers = worker_count(writer_busy=True)
    with start_pool(workers, _open_library, library.path) as pool:
        yield from in_order(pool, _read_chunk, todo, _CHUNK, workers)


_conn: sqlite3.Connection | None = None
"""A worker's read-only connection to library.db, opened once by `_open_library`."""


def _open_library(path: Path) -> None:
    global _conn
    _conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, isolation_level=None)


def _read_chunk(todo: Sequence[Pending]) -> list[PostTexts]:
    assert _conn is not None, "the pool's initializer opens the connection"
    return read_texts(_conn, todo)
