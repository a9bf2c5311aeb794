"""Whether a sync is at work on a data dir, for `ainews search` to wait for the index.

Every sync holds a shared lock on a file beside library.db while it runs. The kernel
drops the lock when the process ends, kill -9 included, so a crashed sync never looks
like a running one, and any number of syncs can hold it at once.
"""

from __future__ import annotations

import fcntl
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

LOCK_NAME = "sync.lock"
POLL_SECONDS = 0.2

P = TypeVar("P")


@contextmanager
def sync_at_work(data_dir: Path) -> Iterator[None]:
    """Mark a sync as running on `data_dir` for as long as the block runs."""
    data_dir.mkdir(parents=True, exist_ok=True)
    with open(data_dir / LOCK_NAME, "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_SH)
        yield


def sync_running(data_dir: Path) -> bool:
    """True while a sync (in any process) holds the mark."""
    try:
        with open(data_dir / LOCK_NAME, "a") as lock:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                return True
    except OSError:  # a data dir that cannot hold the file has no sync running on it
        return False
    return False  # closing the file let the lock go


def wait_while_running(data_dir: Path, check: Callable[[], P], done: Callable[[P], bool]) -> P:
    """Poll `check` until `done` says yes or no sync is running any more; the last
    value `check` gave."""
    value = check()
    while not done(value) and sync_running(data_dir):
        time.sleep(POLL_SECONDS)
        value = check()
    return value
