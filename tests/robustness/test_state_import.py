"""`ainews import-state` with hostile files: one clear sentence, and state.db unchanged."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from support.ainews import Ainews

GOOD = {
    "format": "ainews-state/1",
    "state": [{"key": "k1", "read_at": 1.0, "read_changed": 1.0, "star_changed": 0}],
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
