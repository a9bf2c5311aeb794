"""`ainews import-state` with hostile files: one clear sentence, and state.db unchanged."""

from __future__ import annotations

import json
import sqlite3
import time
from pathlib import Path

import pytest

from support.ainews import Ainews

GOOD = {
    "format": "ainews-state/1",
    "state": [
        {"key": "k1", "read_at": 1.75e9, "read_changed": 1.75e9, "star_changed": 0},
    ],
}


def _rows(state_db: Path) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(state_db)
    try:
        return conn.execute("SELECT * FROM state ORDER BY key").fetchall()
    finally:
        conn.close()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
        (
            '{"format": "ainews-state/1", "state": [{"key": "x", "read_changed": 1e400, '
            '"star_changed": 0}]}',
            "finite number",
        ),
        (
            '{"format": "ainews-state/1", "state": [{"key": "x", "read_changed": NaN, '
            '"star_changed": 0}]}',
            "finite number",
        ),
        (
            '{"format": "ainews-state/1", "state": [{"key": "x", "read_changed": "soon", '
            '"star_changed": 0}]}',
            "finite number",
        ),
        ('{"format": "ainews-state/1", "state": [{"key": 7}]}', "no string `key`"),
        ('{"format": "ainews-state/1", "state": {}}', "no `state` list"),
        ('{"format": "other"}', "not an ainews state export"),
        ("\x00\x01 not json", "not JSON"),
    ],
    ids=["deep", "infinite", "nan", "string", "key", "state", "format", "binary"],
)
def test_bad_exports_are_refused_and_change_nothing(
    ainews: Ainews, tmp_path: Path, content: str, message: str
) -> None:
    ainews.use_folders({})
    good = tmp_path / "good.json"
    good.write_text(json.dumps(GOOD), "utf-8")
    ainews.run("import-state", str(good))
    before = _rows(ainews.data / "state.db")

    bad = tmp_path / "bad.json"
    bad.write_text(content, "utf-8")
    result = ainews.run("import-state", str(bad), code=2)
    assert result.stderr.startswith(b"ainews: ") and message.encode() in result.stderr
    assert _rows(ainews.data / "state.db") == before
    exported = json.loads(ainews.run("export-state", "-").stdout)  # still strict JSON
    assert [e["key"] for e in exported["state"]] == ["k1"]


def test_times_out_of_bounds_and_huge_keys_are_refused_one_by_one(
    ainews: Ainews, tmp_path: Path
) -> None:
    """A change time of 1e15 would win every later import of its key; a negative one
    or a 20 MB key is no state anyone wrote. Each such entry is refused and counted,
    and the rest of the file is merged."""
    ainews.use_folders({})
    now = time.time()
    entries = [
        {"key": "future", "read_at": 1e15, "read_changed": 1e15, "star_changed": 0},
        {"key": "negative", "read_at": -5.0, "read_changed": -5.0, "star_changed": 0},
        {"key": "ancient", "starred_at": 1.0, "star_changed": 1.0, "read_changed": 0},
        {"key": "a-year-ahead", "read_at": now, "read_changed": now + 3e7, "star_changed": 0},
        {"key": "k" * 20_000_000, "read_at": now, "read_changed": now, "star_changed": 0},
        {"key": "good", "read_at": now, "read_changed": now, "star_changed": 0},
        {"key": "skewed", "read_at": now + 3600, "read_changed": now + 3600, "star_changed": 0},
    ]
    bad = tmp_path / "bounds.json"
    bad.write_text(json.dumps({"format": "ainews-state/1", "state": entries}), "utf-8")
    result = ainews.run("import-state", str(bad))
    assert b"merged 2 changed entries" in result.stdout
    assert result.stderr.decode() == (
        f"ainews: refused 5 entries of {bad}: 4 with a time before 2000 or later than "
        "tomorrow; 1 with a key longer than 4096 bytes\n"
    )
    assert [row[0] for row in _rows(ainews.data / "state.db")] == ["good", "skewed"]
