"""Parse workers die with the sync that started them.

A `kill -9` of `ainews sync` gives its process pool no chance to stop the workers:
they were left running with PPID 1, holding library.db and state.db open. On Linux the
kernel kills them when their parent dies (PR_SET_PDEATHSIG); everywhere a watchdog
thread notices the parent is gone within a fraction of a second.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
import threading
import time

_PR_SET_PDEATHSIG = 1
_POLL_SECONDS = 0.25


def die_with_parent(owner_pid: int) -> None:
    """Process-pool initializer: end this worker as soon as its parent, or the process
    that owns the pool (`owner_pid`, the parent's parent under forkserver), is gone."""
    parent = os.getppid()
    if sys.platform.startswith("linux"):
        _kill_me_with_parent()
    # The parent may have died before the line above ran: then nothing would fire.
    if _gone(parent, owner_pid):
        os._exit(1)
    threading.Thread(
        target=_watch, args=(parent, owner_pid), name="ainews-orphan-watch", daemon=True
    ).start()


def _kill_me_with_parent() -> None:
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        # A libc without prctl: the watchdog alone has to do.
        return


def _watch(parent: int, owner_pid: int) -> None:
    while not _gone(parent, owner_pid):
        time.sleep(_POLL_SECONDS)
    os._exit(1)


def _gone(parent: int, owner_pid: int) -> bool:
    if os.getppid() != parent:
        return True  # re-parented: the parent has exited
    try:
        os.kill(owner_pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False  # exists, under another user
    return False
