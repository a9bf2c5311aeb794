"""state.db damaged at random (issue 17): never a traceback, every copy SQLite's
integrity_check flags is refused, and damage inside the WAL is found too."""

from __future__ import annotations

import json
import random
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

from support.ainews import Ainews

from .conftest import write_good_posts

COPIES = 20
COMMANDS = ("list", "mark", "sync", "import-state", "export-state")

# One process runs every command of every copy through the real entry point: 100
# subprocesses would take a minute, and a traceback escapes `main` just the same.
RUN_ALL = """
import contextlib, io, json, sys, traceback
from ainews_tui.cli import main
results = []
for argv in json.loads(sys.argv[1]):
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        try:
            code = main(argv)
        except SystemExit as exc:
            code = exc.code
        except BaseException:
            code = "traceback"
            traceback.print_exc()
    results.append([code, err.getvalue()])
print(json.dumps(results))
"""


def _integrity(state_db: Path, scratch: Path) -> str:
    """integrity_check on a scratch copy, so the copy under test stays byte for byte."""
    scratch.mkdir()
    shutil.copy(state_db, scratch / "state.db")
    try:
        conn = sqlite3.connect(scratch / "state.db")
        try:
            return str(conn.execute("PRAGMA integrity_check").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        return str(exc)


def _prepared(ainews: Ainews, tmp_path: Path) -> tuple[str, Path]:
    """A synced library whose state.db spans many pages; returns a key and an export."""
    write_good_posts(tmp_path / "posts", 3)
    ainews.use_folders({"good": tmp_path / "posts"})
    export = tmp_path / "export.json"
    entries = [
        {"key": f"good:old/{n:05d}.md#u{n:012x}", "read_at": 1.75e9, "read_changed": 1.75e9}
        | {"starred_at": 1.75e9 if n % 3 else None, "star_changed": 1.75e9}
        for n in range(1500)
    ]
    export.write_text(json.dumps({"format": "ainews-state/1", "state": entries}), "utf-8")
    ainews.run("import-state", str(export))
    ainews.run("sync")
    key = json.loads(ainews.run("list", "--json").stdout)[0]["key"]
    ainews.run("mark", key, "--star")
    assert not (ainews.data / "state.db-wal").exists()  # checkpointed on close
    return key, export


def test_twenty_randomly_damaged_state_dbs(ainews: Ainews, tmp_path: Path) -> None:
    key, export = _prepared(ainews, tmp_path)
    rng = random.Random(17)
    copies: list[tuple[Path, bytes, bool]] = []
    argvs: list[list[str]] = []
    for n in range(COPIES):
        data = tmp_path / f"copy-{n}"
        shutil.copytree(ainews.data, data)
        state_db = data / "state.db"
        raw = bytearray(state_db.read_bytes())
        offset = rng.randrange(len(raw) - 8)
        raw[offset : offset + 8] = rng.randbytes(8)
        state_db.write_bytes(bytes(raw))
        flagged = _integrity(state_db, tmp_path / f"scratch-{n}") != "ok"
        copies.append((data, bytes(raw), flagged))
        common = ["--config", str(ainews.config), "--data-dir", str(data)]
        argvs += [
            [*common, "list"],
            [*common, "mark", key, "--read"],
            [*common, "sync"],
            [*common, "import-state", str(export)],
            [*common, "export-state", "-"],
        ]
    done = subprocess.run(
        [sys.executable, "-c", RUN_ALL, json.dumps(argvs)],
        env=ainews.env,
        capture_output=True,
        timeout=300,
        check=True,
    )
    results = json.loads(done.stdout)

    assert any(flagged for _, _, flagged in copies), "no copy was damaged enough to test"
    for n, (data, damaged, flagged) in enumerate(copies):
        for command, (code, err) in zip(COMMANDS, results[n * 5 : n * 5 + 5], strict=True):
            assert code != "traceback" and "Traceback" not in err, (n, command, err)
            if flagged:
                assert code == 2 and "will not touch it" in err, (n, command, code, err)
            if code == 2:
                assert err.startswith("ainews: ") and err.count("\n") == 1, (n, command, err)
        if flagged:
            assert (data / "state.db").read_bytes() == damaged
            kept = [p for p in data.glob("state.db.damaged-*") if not p.name.endswith("-wal")]
            assert len(kept) == 1 and kept[0].read_bytes() == damaged, (n, kept)


CRASH_WITH_WAL = """
import sys, time
from pathlib import Path
from ainews_tui.store.state import StateStore
store = StateStore.open(Path(sys.argv[1]))
store.set_read([f"key-{n:05d}" for n in range(2000)], True)
store._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
for n in range(12):
    store.set_starred([f"key-{m:05d}" for m in range(n * 100, n * 100 + 100)], True)
print("ready", flush=True)
time.sleep(60)
"""


def _crashed_with_wal(ainews: Ainews) -> Path:
    """A state.db whose last twelve transactions live only in its WAL (a kill -9)."""
    state_db = ainews.crash_writing_state(CRASH_WITH_WAL)
    return state_db.with_name("state.db-wal")


def test_damage_inside_the_wal_is_refused(ainews: Ainews) -> None:
    wal = _crashed_with_wal(ainews)
    raw = bytearray(wal.read_bytes())
    middle = len(raw) // 2
    raw[middle : middle + 8] = random.Random(5).randbytes(8)
    wal.write_bytes(bytes(raw))

    result = ainews.run("export-state", "-", code=2)
    assert b"write-ahead log is damaged" in result.stderr
    assert b"will not touch it" in result.stderr
    assert wal.read_bytes() == bytes(raw)
    ainews.run("list", code=2)
    kept = list(ainews.data.glob("state.db.damaged-*-wal"))
    assert len(kept) == 1 and kept[0].read_bytes() == bytes(raw)


def test_a_wal_cut_short_by_a_crash_is_not_damage(ainews: Ainews) -> None:
    wal = _crashed_with_wal(ainews)
    with wal.open("r+b") as handle:  # a torn write: the last frame half on disk
        handle.truncate(wal.stat().st_size - 2000)
    exported = json.loads(ainews.run("export-state", "-").stdout)
    starred = [e for e in exported["state"] if e["starred_at"] is not None]
    assert len(starred) == 1100  # the twelfth transaction was the one torn
