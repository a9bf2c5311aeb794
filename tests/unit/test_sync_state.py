"""Sync against real folders and real SQLite files: incremental, state kept, bad input named."""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from ainews_tui.model import ListFilter
from ainews_tui.session import Session
from ainews_tui.store.db import StoreError
from ainews_tui.store.state import StateStore

Factory = Callable[..., Session]

DIGEST = """---
title: "{title}"
date: 2025-12-0{day}T08:00:00+08:00
categories: ["AI模型", "开源"]
---

今日导语。

1.  [**{first}**](https://example.com/{day}/1)

    第一条摘要。

2.  [**谷歌发布新模型**](https://example.com/{day}/2)

    第二条摘要。

3.  [**Open model release**](https://example.com/{day}/3)

    Third summary.
"""


def write_digest(folder: Path, day: int, first: str = "小米开源新模型") -> Path:
    path = folder / f"2025-12-0{day}.md"
    path.write_text(DIGEST.format(title=f"日报 {day}", day=day, first=first), encoding="utf-8")
    return path


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    posts = tmp_path / "posts"
    posts.mkdir()
    for day in (1, 2, 3):
        write_digest(posts, day)
    return posts


def test_first_sync_then_unchanged(make_session: Factory, folder: Path) -> None:
    session = make_session({"daily": folder})
    first = session.sync()
    assert (first.new, first.updated, first.unchanged, first.skipped) == (3, 0, 0, [])
    assert session.library.count_items() == 9
    second = session.sync()
    assert (second.new, second.updated, second.unchanged) == (0, 0, 3)


def test_touched_but_identical_file_is_not_reparsed(make_session: Factory, folder: Path) -> None:
    session = make_session({"daily": folder})
    session.sync()
    path = folder / "2025-12-01.md"
    os.utime(path, ns=(1, 1))
    report = session.sync()
    assert (report.new, report.updated, report.unchanged) == (0, 0, 3)
    report = session.sync()
    assert report.unchanged == 3  # the new mtime was recorded


def test_state_survives_edit_elsewhere_resync_rename_and_rebuild(
    make_session: Factory, folder: Path, tmp_path: Path
) -> None:
    session = make_session({"daily": folder})
    session.sync()
    items = session.library.list_items(ListFilter(day_prefix="2025-12-01"))
    google = next(i for i in items if i.headline == "谷歌发布新模型")
    session.state.set_starred([google.key], True)
    session.state.set_read([items[0].key], True)

    # Another story of the same post changes; the starred one keeps its key.
    write_digest(folder, 1, first="完全不同的第一条")
    report = session.sync()
    assert report.updated == 1
    assert session.library.get_item(google.key) is not None
    assert session.library.get_item(google.key).starred  # type: ignore[union-attr]

    session.library.clear()
    session.sync()
    assert [i.key for i in session.library.list_items(ListFilter(starred_only=True))] == [
        google.key
    ]

    # Renaming the source in the config keeps its id, so nothing is orphaned.
    session.close()
    config = tmp_path / "config.toml"
    config.write_text(config.read_text("utf-8").replace('name = "daily"', 'name = "日报"'), "utf-8")
    renamed = Session.load(str(config), str(tmp_path / "data"))
    renamed.sync()
    starred = renamed.library.list_items(ListFilter(starred_only=True))
    assert [(i.key, i.source_name) for i in starred] == [(google.key, "日报")]
    renamed.close()


def test_deleted_file_leaves_the_library_but_not_state(make_session: Factory, folder: Path) -> None:
    session = make_session({"daily": folder})
    session.sync()
    key = session.library.list_items(ListFilter(day_prefix="2025-12-03"))[0].key
    session.state.set_starred([key], True)
    (folder / "2025-12-03.md").unlink()
    assert session.sync().removed == 1
    assert session.library.get_item(key) is None
    assert session.state.get(key) is not None
    write_digest(folder, 3)
    session.sync()
    assert session.library.get_item(key).starred  # type: ignore[union-attr]


def test_skipped_files_are_named_and_the_rest_syncs(
    make_session: Factory, folder: Path, tmp_path: Path
) -> None:
    (folder / "empty.md").write_bytes(b"")
    (folder / "binary.md").write_bytes(b"\x00\x01\x02" * 100)
    (folder / "_index.md").write_text("---\ntitle: section\n---\n", "utf-8")
    (folder / "loop").symlink_to(folder, target_is_directory=True)
    (folder / "huge.md").write_bytes(b"x" * 2048)
    session = make_session({"daily": folder}, extra="max_file_bytes = 1024\n")
    report = session.sync()
    reasons = {s.path: s.reason for s in report.skipped}
    assert reasons["empty.md"] == "empty file"
    assert "binary" in reasons["binary.md"]
    assert "section" in reasons["_index.md"]
    assert "loop" in reasons["loop"]
    assert "limit" in reasons["huge.md"]
    assert report.new == 3 and report.ok


def test_missing_source_fails_alone(make_session: Factory, folder: Path, tmp_path: Path) -> None:
    session = make_session({"gone": tmp_path / "nowhere", "daily": folder})
    report = session.sync()
    assert "not found" in report.failed_sources["gone"]
    assert report.new == 3 and not report.ok


def test_sync_in_parallel_matches_serial(make_session: Factory, tmp_path: Path) -> None:
    many = tmp_path / "many"
    many.mkdir()
    for n in range(120):
        (many / f"2025-11-{n % 28 + 1:02d}-{n}.md").write_text(
            DIGEST.format(title=f"t{n}", day=n % 9 + 1, first=f"小米发布第 {n} 代开源大模型"),
            "utf-8",
        )
    session = make_session({"many": many})
    report = session.sync()
    assert report.new == 120
    assert session.library.count_items() == 360


def test_export_import_round_trip_and_merge(tmp_path: Path) -> None:
    t = 1_750_000_000.0  # June 2025: import refuses times before 2000
    a = StateStore.open(tmp_path / "a.db")
    b = StateStore.open(tmp_path / "b.db")
    a.set_read(["k1", "k2"], True, when=t + 100)
    a.set_starred(["k1"], True, when=t + 100)
    b.set_read(["k2"], False, when=t + 200)  # b un-read k2 later: that must win
    b.set_starred(["k3"], True, when=t + 50)
    exported = a.export_json()
    assert json.loads(exported)["format"] == "ainews-state/1"
    assert b.import_json(exported).changed == 1  # k1 only; k2's newer unread wins
    assert b.get("k1").read_at == t + 100 and b.get("k1").starred_at == t + 100  # type: ignore[union-attr]
    assert b.get("k2").read_at is None  # type: ignore[union-attr]
    assert b.get("k3").starred_at == t + 50  # type: ignore[union-attr]
    assert b.import_json(exported).changed == 0  # idempotent
    with pytest.raises(ValueError, match="not an ainews state export"):
        b.import_json('{"format": "other"}')
    a.close()
    b.close()


def test_damaged_library_is_rebuilt_and_state_kept(
    make_session: Factory, folder: Path, tmp_path: Path
) -> None:
    session = make_session({"daily": folder})
    session.sync()
    key = session.library.list_items()[0].key
    session.state.set_starred([key], True)
    session.close()
    (tmp_path / "data" / "library.db").write_bytes(b"garbage" * 1000)
    for suffix in ("-wal", "-shm"):
        (tmp_path / "data" / f"library.db{suffix}").unlink(missing_ok=True)
    again = Session.load(str(tmp_path / "config.toml"), str(tmp_path / "data"))
    assert again.library.recreated_reason
    assert again.needs_sync()
    again.sync()
    assert again.library.get_item(key).starred  # type: ignore[union-attr]
    again.close()


def test_damaged_state_is_refused_and_copied(tmp_path: Path) -> None:
    path = tmp_path / "state.db"
    path.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)
    with pytest.raises(StoreError, match="will not touch it"):
        StateStore.open(path)
    assert path.read_bytes().startswith(b"SQLite format 3\x00\xff")
    assert list(tmp_path.glob("state.db.damaged-*"))


def test_state_db_is_wal_with_full_sync(tmp_path: Path) -> None:
    store = StateStore.open(tmp_path / "state.db")
    store.set_read(["k"], True)
    store.close()
    conn = sqlite3.connect(tmp_path / "state.db")
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.close()


def test_library_from_another_schema_is_rebuilt_and_state_kept(
    make_session: Factory, folder: Path, tmp_path: Path
) -> None:
    session = make_session({"daily": folder})
    session.sync()
    key = session.library.list_items()[0].key
    session.state.set_starred([key], True)
    session.state.set_read([key], True)
    session.close()
    # What an older ainews leaves behind: its own tables and another schema version.
    conn = sqlite3.connect(tmp_path / "data" / "library.db")
    conn.execute("CREATE TABLE leftover(x)")
    conn.execute("PRAGMA user_version = 7")
    conn.commit()
    conn.close()

    again = Session.load(str(tmp_path / "config.toml"), str(tmp_path / "data"))
    assert "another version" in (again.library.recreated_reason or "")
    assert again.library.list_items() == []
    assert again.needs_sync()
    again.sync()
    item = again.library.get_item(key)
    assert item is not None and item.starred and item.read
    again.close()

    tables = sqlite3.connect(tmp_path / "data" / "library.db").execute(
        "SELECT name FROM sqlite_master WHERE name = 'leftover'"
    )
    assert tables.fetchall() == []
    reopened = Session.load(str(tmp_path / "config.toml"), str(tmp_path / "data"))
    assert reopened.library.recreated_reason is None  # same schema: kept as it is
    assert reopened.library.get_item(key) is not None
    reopened.close()
