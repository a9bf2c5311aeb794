"""Opening SQLite files the way two processes at once need them."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

BUSY_TIMEOUT_MS = 10_000


class StoreError(Exception):
    """A database that cannot be used; the message says which file and why."""


def connect(path: Path, *, synchronous: str = "NORMAL") -> sqlite3.Connection:
    """A connection in WAL mode with a busy timeout, in autocommit mode.

    Autocommit (isolation_level=None) keeps transactions explicit and short, so a
    reader in one process never holds a lock that a `sync` in another is waiting on.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(
        path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False
    )
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
    if str(mode).lower() != "wal":
        conn.close()
        raise StoreError(f"{path}: cannot switch to WAL mode (got {mode})")
    conn.execute(f"PRAGMA synchronous = {synchronous}")
    conn.execute("PRAGMA foreign_keys = OFF")
    return conn


def is_busy(exc: BaseException) -> bool:
    """SQLite's "locked"/"busy": another process holds the file, which says nothing
    about damage (a new file's WAL switch or first check can answer it at once)."""
    text = str(exc).lower()
    return isinstance(exc, sqlite3.OperationalError) and ("locked" in text or "busy" in text)


def when_free(open_file: Callable[[], T], path: Path) -> T:
    """Run `open_file` again while another process keeps the file busy, up to the
    busy timeout; only then report it, as busy, never as damaged."""
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    pause = 0.01
    while True:
        try:
            return open_file()
        except sqlite3.OperationalError as exc:
            if not is_busy(exc):
                raise
            if time.monotonic() > deadline:
                raise StoreError(f"{path} is busy in another process; try again") from None
        time.sleep(pause)
        pause = min(pause * 2, 0.2)


@contextmanager
def immediate(conn: sqlite3.Connection) -> Iterator[None]:
    """A write transaction that takes the lock at once (BEGIN IMMEDIATE), so a busy file
    waits here rather than failing at the first write; rolled back unless the block ends
    normally."""
    conn.execute("BEGIN IMMEDIATE")
    finished = False
    try:
        yield
        finished = True
    finally:
        conn.execute("COMMIT" if finished else "ROLLBACK")


@contextmanager
def closed_unless_ready(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """Hand out a connection being set up; close it if the set-up does not finish."""
    ready = False
    try:
        yield conn
        ready = True
    finally:
        if not ready:
            conn.close()
