"""kill -9 of `ainews sync` leaves no parse worker behind (issue 17)."""

from __future__ import annotations

import contextlib
import os
import signal
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from support.ainews import Ainews

KILLS = 8
POSTS = 120  # enough for the parallel parse (48 changed files and up)
HANG_GUARD = 10.0

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")


def _session_members(sid: int) -> list[int]:
    """Every live process in session `sid` (the sync started its own session)."""
    members = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()
        if int(fields[3]) == sid and fields[0] != "Z":
            members.append(int(entry.name))
    return members


def _wait_for(sid: int, wanted: Callable[[int], bool]) -> bool:
    """Poll until the number of processes in session `sid` is `wanted`, or the guard."""
    deadline = time.monotonic() + HANG_GUARD
    while time.monotonic() < deadline:
        if wanted(len(_session_members(sid))):
            return True
        time.sleep(0.01)
    return False


def _write_posts(folder: Path, edition: int) -> None:
    folder.mkdir(exist_ok=True)
    for n in range(POSTS):
        (folder / f"post-{n:03d}.md").write_text(
            f"---\ntitle: 第 {n} 期（第 {edition} 版）\n---\n\n"
            + "".join(
                f"{i}. [**第 {n} 期第 {i} 条新闻，第 {edition} 版**](https://example.com/{n}/{i})\n\n"
                f"   摘要。{'内容。' * 200}\n\n"
                for i in range(1, 6)
            ),
            "utf-8",
        )


def test_kill_9_of_a_sync_leaves_no_worker_running(ainews: Ainews, tmp_path: Path) -> None:
    posts = tmp_path / "posts"
    ainews.use_folders({"daily": posts})
    killed_with_workers = 0
    for edition in range(KILLS):
        _write_posts(posts, edition)  # every file changed: the workers have work
        sync = ainews.start("sync")
        try:
            # Kill only the command itself, once its workers exist: they have to
            # notice on their own.
            if _wait_for(sync.pid, lambda count: count > 1):
                killed_with_workers += 1
            os.kill(sync.pid, signal.SIGKILL)
            sync.wait(timeout=HANG_GUARD)
            left = _wait_for(sync.pid, lambda count: count == 0)
            assert left, f"processes left behind: {_session_members(sync.pid)}"
        finally:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(sync.pid, signal.SIGKILL)
            assert sync.stderr is not None
            sync.stderr.close()
    assert killed_with_workers >= KILLS // 2
