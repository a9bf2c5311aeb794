"""Crashes lose nothing: SIGKILL during sync, damaged library.db, damaged state.db."""

from __future__ import annotations

import json
import random
import sqlite3
import time
from pathlib import Path

import pytest

from ainews_tui.store.state import StateStore
from support.ainews import Ainews

POSTS = 300
SMALL = 60
KILL_RUNS = 20
ITEMS_PER_POST = 3


def _post(n: int, edition: int) -> str:
    items = "\n".join(
        f"{i}.  [**第 {n} 期第 {i} 条：某公司发布第 {edition} 版新模型**](https://example.com/{n}/{i})"
        f"\n\n    摘要 {n}-{i}，第 {edition} 版。" + "内容。" * 30 + "\n"
        for i in range(1, ITEMS_PER_POST + 1)
    )
    return (
        f"---\ntitle: 日报 {n}\ndate: 2025-{n % 12 + 1:02d}-{n % 28 + 1:02d}T08:00:00+08:00\n"
        f"categories: [AI]\n---\n\n{items}"
    )


def _library(folder: Path, edition: int = 0, only: list[int] | range = range(POSTS)) -> None:
    folder.mkdir(exist_ok=True)
    for n in only:
        (folder / f"post-{n:03d}.md").write_text(_post(n, edition), "utf-8")


def _integrity(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        return str(conn.execute("PRAGMA integrity_check").fetchone()[0])
    finally:
        conn.close()


def _state(path: Path) -> dict[str, tuple[bool, bool]]:
    """key -> (read, starred), straight from state.db."""
    conn = sqlite3.connect(path)
    try:
        rows = conn.execute("SELECT key, read_at IS NOT NULL, starred_at IS NOT NULL FROM state")
        return {key: (bool(read), bool(star)) for key, read, star in rows}
    finally:
        conn.close()


@pytest.fixture
def synced(ainews: Ainews, tmp_path: Path) -> Ainews:
    _library(tmp_path / "posts")
    ainews.use_folders({"daily": tmp_path / "posts"})
    ainews.run("sync")
    return ainews


@pytest.fixture
def small(ainews: Ainews, tmp_path: Path) -> Ainews:
    _library(tmp_path / "posts", only=range(SMALL))
    ainews.use_folders({"daily": tmp_path / "posts"})
    ainews.run("sync")
    return ainews


def _item_keys(ainews: Ainews) -> list[str]:
    return [i["key"] for i in json.loads(ainews.run("list", "--items", "--json").stdout)]


def test_state_db_is_wal_with_full_sync(tmp_path: Path) -> None:
    store = StateStore.open(tmp_path / "state.db")
    try:
        conn = store._conn  # the connection state writes go through
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    finally:
        store.close()


def test_sigkill_during_sync_loses_no_read_or_star(synced: Ainews, tmp_path: Path) -> None:
    rng = random.Random(20251205)
    keys = _item_keys(synced)
    assert len(keys) == POSTS * ITEMS_PER_POST
    shuffled = rng.sample(keys, len(keys))
    starred, read = shuffled[:30], shuffled[20:80]
    unused = shuffled[80:]  # each kill round stars its own five of these
    synced.run("mark", *starred, "--star")
    synced.run("mark", *read, "--read")
    state_db = synced.data / "state.db"

    # Kills are spread over the time one such sync takes on this machine, so most land
    # while it is at work however fast or loaded the machine is.
    _library(tmp_path / "posts", edition=KILL_RUNS + 1, only=rng.sample(range(POSTS), 80))
    timed = time.monotonic()
    synced.run("sync")
    sync_s = time.monotonic() - timed

    marked_during: list[str] = []
    killed_marks: list[list[str]] = []
    interrupted = 0
    for run in range(KILL_RUNS):
        # New content each round, so every sync has parsing and writing to do.
        _library(tmp_path / "posts", edition=run + 1, only=rng.sample(range(POSTS), 80))
        sync = synced.start("sync")
        batch = [unused.pop() for _ in range(5)]
        mark = synced.start("mark", *batch, "--star")
        time.sleep(rng.uniform(0.1, 0.8) * sync_s)
        interrupted += sync.poll() is None
        Ainews.kill(sync)
        if run % 4 == 0:
            assert mark.wait(timeout=30) == 0, mark.stderr.read() if mark.stderr else ""
            marked_during.extend(batch)
        else:
            Ainews.kill(mark)
            killed_marks.append(batch)
        for process in (sync, mark):
            assert process.stderr is not None
            err = process.stderr.read()
            process.stderr.close()
            assert b"database is locked" not in err and b"Traceback" not in err, err
    assert interrupted >= KILL_RUNS // 2  # most kills land while sync is at work

    assert _integrity(state_db) == "ok"
    assert _integrity(synced.data / "library.db") == "ok"
    state = _state(state_db)
    assert all(state[k][1] for k in starred + marked_during)
    assert all(state[k][0] for k in read)
    for batch in killed_marks:  # a killed `mark` is all or nothing
        assert len({state.get(k, (False, False))[1] for k in batch}) == 1, batch

    result = synced.run("sync")
    assert b"new 0" in result.stdout
    assert len(_item_keys(synced)) == POSTS * ITEMS_PER_POST
    listed = json.loads(synced.run("list", "--items", "--starred", "--json").stdout)
    assert {i["key"] for i in listed} >= set(starred + marked_during)


def _garbage(path: Path) -> None:
    path.write_bytes(b"not a database at all " * 500)


def _truncated(path: Path) -> None:
    with path.open("r+b") as handle:
        handle.truncate(path.stat().st_size // 3)


def _torn_header(path: Path) -> None:
    with path.open("r+b") as handle:
        handle.truncate(60)


def _scribbled(path: Path) -> None:
    """Random bytes over pages in the middle, the header left intact."""
    data = bytearray(path.read_bytes())
    noise = random.Random(3).randbytes(len(data) // 2)
    data[len(data) // 4 : len(data) // 4 + len(noise)] = noise
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("damage", [_garbage, _truncated, _torn_header, _scribbled])
def test_damaged_library_is_rebuilt_with_a_notice_and_state_kept(
    small: Ainews, damage: object
) -> None:
    synced = small
    keys = _item_keys(synced)
    synced.run("mark", keys[0], keys[7], "--star")
    synced.run("mark", keys[3], "--read")
    state_db = synced.data / "state.db"
    before = _state(state_db)
    damage(synced.data / "library.db")  # type: ignore[operator]

    result = synced.run("list", "--items", "--starred", "--json")
    assert b"ainews: library.db was" in result.stderr, result.stderr
    assert {i["key"] for i in json.loads(result.stdout)} == {keys[0], keys[7]}
    assert _state(state_db) == before
    assert list(synced.data.glob("library.db.broken-*"))
    assert _integrity(synced.data / "library.db") == "ok"
    assert len(_item_keys(synced)) == SMALL * ITEMS_PER_POST


def _damage_state(state_db: Path, how: str) -> None:
    if how == "garbage":
        _garbage(state_db)
    elif how == "scribbled":
        _scribbled(state_db)
    else:
        _truncated(state_db)


@pytest.mark.parametrize("how", ["garbage", "scribbled", "truncated"])
def test_damaged_state_db_is_refused_never_overwritten(small: Ainews, how: str) -> None:
    synced = small
    keys = _item_keys(synced)
    synced.run("mark", *keys, "--read")  # enough rows for several pages
    state_db = synced.data / "state.db"
    _damage_state(state_db, how)
    damaged = state_db.read_bytes()

    for command in (("list",), ("sync",), ("mark", keys[0], "--star"), ("export-state", "-")):
        result = synced.run(*command, code=2)
        assert result.stderr.startswith(b"ainews: "), result.stderr
        assert b"will not touch it" in result.stderr, result.stderr
        assert state_db.read_bytes() == damaged
    copies = [p for p in synced.data.glob("state.db.damaged-*") if not p.name.endswith("-wal")]
    assert copies and all(copy.read_bytes() == damaged for copy in copies)


CRASH_WITH_WAL = """
import sys, time
from pathlib import Path
from ainews_tui.store.state import StateStore
store = StateStore.open(Path(sys.argv[1]))
store.set_read([f"key-{n:05d}" for n in range(3000)], True)
store._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
store.set_starred([f"key-{n:05d}" for n in range(2990, 3000)], True)
print("ready", flush=True)
time.sleep(60)
"""


def test_damaged_state_db_with_a_wal_is_not_checkpointed_into(ainews: Ainews) -> None:
    """After a crash the newest stars live in state.db-wal. Refusing a damaged state.db
    must not fold that WAL into it (closing a read-write connection would) nor lose it."""
    state_db = ainews.crash_writing_state(CRASH_WITH_WAL)
    wal = state_db.with_name("state.db-wal")
    assert wal.stat().st_size > 0
    data = bytearray(state_db.read_bytes())
    data[4096 * 3 : 4096 * 5] = random.Random(1).randbytes(8192)
    state_db.write_bytes(bytes(data))
    damaged, wal_bytes = state_db.read_bytes(), wal.read_bytes()

    result = ainews.run("list", code=2)
    assert b"will not touch it" in result.stderr
    assert state_db.read_bytes() == damaged and wal.read_bytes() == wal_bytes
    copy = next(p for p in ainews.data.glob("state.db.damaged-*") if not p.name.endswith("-wal"))
    assert Path(f"{copy}-wal").read_bytes() == wal_bytes
