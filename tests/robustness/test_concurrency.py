"""Two processes at once: two syncs, or a reader polling the library (and marking items
read) while a sync writes. No "database is locked" reaches the user; nothing is lost."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from ainews_tui.model import ListFilter
from ainews_tui.session import Session
from support.ainews import Ainews

POSTS = 200


def _write_posts(folder: Path, edition: int, numbers: range) -> None:
    folder.mkdir(exist_ok=True)
    for n in numbers:
        items = "\n".join(
            f"{i}.  [**第 {n} 期第 {i} 条：第 {edition} 版的开源模型发布**](https://example.com/{n}/{i})"
            f"\n\n    摘要 {n}-{i}。" + "内容。" * 20 + "\n"
            for i in (1, 2)
        )
        (folder / f"2025-12-{n % 28 + 1:02d}-{n:03d}.md").write_text(
            f"---\ntitle: 日报 {n} 第 {edition} 版\n---\n\n{items}", "utf-8"
        )


def _finish(process: subprocess.Popen[bytes]) -> bytes:
    assert process.wait(timeout=120) in (0, 1)
    assert process.stderr is not None
    err = process.stderr.read()
    process.stderr.close()
    return err


def _assert_clean(err: bytes) -> None:
    assert b"locked" not in err and b"busy" not in err and b"Traceback" not in err, err


OPEN_AT = """
import sys, time
from ainews_tui.session import Session
session = Session.load(sys.argv[1], sys.argv[2])
print("ready", flush=True)
start_at = float(sys.stdin.readline())
time.sleep(max(0.0, start_at - time.time()))
print(session.library.recreated_reason or "fresh")
session.close()
"""


def test_processes_creating_the_databases_at_once(ainews: Ainews, tmp_path: Path) -> None:
    """Several processes open a new data dir at the same instant: each migration step
    runs once, and nobody calls the other's half-made file damaged."""
    ainews.use_folders({"daily": tmp_path})
    for round_ in range(3):
        data = tmp_path / f"data-{round_}"
        children = [
            subprocess.Popen(
                [sys.executable, "-c", OPEN_AT, str(ainews.config), str(data)],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
            )
            for _ in range(5)
        ]
        # Once every child has imported ainews, all open the databases at one instant.
        for child in children:
            assert child.stdout is not None and child.stdout.readline() == b"ready\n"
        start_at = f"{time.time() + 0.05}\n".encode()
        for child in children:
            assert child.stdin is not None
            child.stdin.write(start_at)
            child.stdin.close()
        for child in children:
            assert child.stdout is not None and child.stderr is not None
            code, out, err = child.wait(timeout=60), child.stdout.read(), child.stderr.read()
            assert code == 0 and out.strip() == b"fresh", (out, err)
            child.stdout.close()
            child.stderr.close()
        assert not list(data.glob("*.damaged-*")) and not list(data.glob("*.broken-*"))


def test_two_syncs_at_once(ainews: Ainews, tmp_path: Path) -> None:
    folder = tmp_path / "posts"
    ainews.use_folders({"daily": folder})
    for edition in range(3):
        # Edition 0 starts both on an empty data dir: both create and migrate the files.
        _write_posts(folder, edition, range(POSTS) if edition == 0 else range(0, POSTS, 3))
        first, second = ainews.start("sync"), ainews.start("sync")
        for process in (first, second):
            _assert_clean(_finish(process))
        assert first.returncode == second.returncode == 0
    conn = sqlite3.connect(ainews.data / "library.db")
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT count(*) FROM posts").fetchone()[0] == POSTS
        assert conn.execute("SELECT count(*) FROM items").fetchone()[0] == POSTS * 2
        titles = {r[0] for r in conn.execute("SELECT title FROM posts WHERE key LIKE '%-000.md'")}
        assert titles == {"日报 0 第 2 版"}
    finally:
        conn.close()


def test_reader_polls_and_marks_while_sync_writes(ainews: Ainews, tmp_path: Path) -> None:
    folder = tmp_path / "posts"
    _write_posts(folder, 0, range(POSTS // 2))
    ainews.use_folders({"daily": folder})
    ainews.run("sync")
    reader = Session.load(str(ainews.config), str(ainews.data))
    try:
        library = reader.library
        version = library.data_version()
        before = library.count_items()
        keys = [row.key for row in library.list_items(limit=80)]

        _write_posts(folder, 1, range(POSTS // 2, POSTS))  # new posts for the sync to add
        sync = ainews.start("sync")
        polls, marked = 0, []
        deadline = time.monotonic() + 60
        while sync.poll() is None and time.monotonic() < deadline:
            library.list_items(ListFilter(unread_only=True), limit=50)
            library.sidebar_counts()
            library.count_items()
            if keys:
                key = keys.pop()
                reader.state.set_read([key], True)
                marked.append(key)
            polls += 1
        _assert_clean(_finish(sync))
        assert sync.returncode == 0 and polls > 0

        assert library.data_version() != version  # how the reader notices new posts
        assert library.count_items() == before * 2
        assert all(library.get_item(k).read for k in marked)  # type: ignore[union-attr]
    finally:
        reader.close()
