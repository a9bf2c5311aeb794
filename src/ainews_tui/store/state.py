"""state.db: what the user read and starred. Never rebuilt, never dropped.

Each flag carries its own change time, so importing another machine's export merges
flag by flag: the later change wins, and nothing newer is ever overwritten.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from math import isfinite
from pathlib import Path
from typing import Any

from .db import (
    BUSY_TIMEOUT_MS,
    StoreError,
    closed_unless_ready,
    connect,
    immediate,
    is_busy,
    when_free,
)
from .schema import STATE_MIGRATIONS, SchemaTooNew, migrate
from .wal import wal_damage

EXPORT_FORMAT = "ainews-state/1"
MAX_KEY_BYTES = 4096
"""Real keys are a source id, a path and a hash: a few hundred bytes at most."""
EARLIEST = 946_684_800.0
"""2000-01-01 UTC: no read or star state is older than ainews."""
_FUTURE_SLACK = 86_400.0
"""A day of clock skew between machines; a later change time would win every merge."""


@dataclass(frozen=True)
class ImportResult:
    changed: int
    """Keys whose state the import changed."""
    bad_times: int = 0
    """Entries refused for a time before 2000 or later than tomorrow."""
    long_keys: int = 0
    """Entries refused for a key over MAX_KEY_BYTES."""

    @property
    def refused(self) -> int:
        return self.bad_times + self.long_keys


@dataclass(frozen=True)
class KeyState:
    key: str
    read_at: float | None
    read_changed: float
    starred_at: float | None
    star_changed: float


class StateStore:
    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self._conn = conn
        self.path = path

    @classmethod
    def open(cls, path: Path) -> StateStore:
        """Open (or create) state.db. A corrupt file is never overwritten: it is copied
        aside and the user is told, and ainews refuses to go on."""
        try:
            conn = when_free(lambda: _open_checked(path), path)
        except (sqlite3.DatabaseError, SchemaTooNew) as exc:
            raise _refusal(path, str(exc)) from None
        return cls(conn, path)

    def close(self) -> None:
        self._conn.close()

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        with immediate(self._conn):
            yield self._conn

    def set_read(self, keys: Iterable[str], read: bool, when: float | None = None) -> None:
        now = when or time.time()
        with self._write() as conn:
            conn.executemany(
                "INSERT INTO state(key, read_at, read_changed) VALUES (?, ?, ?) "
                "ON CONFLICT(key) DO UPDATE SET read_at = excluded.read_at, "
                "read_changed = excluded.read_changed",
                [(k, now if read else None, now) for k in keys],
            )

    def set_starred(self, keys: Iterable[str], starred: bool, when: float | None = None) -> None:
        now = when or time.time()
        with self._write() as conn:
            conn.executemany(
                "INSERT INTO state(key, starred_at, star_changed) VALUES (?, ?, ?) "
                "ON CONFLICT(key) DO UPDATE SET starred_at = excluded.starred_at, "
                "star_changed = excluded.star_changed",
                [(k, now if starred else None, now) for k in keys],
            )

    def carry_over(self, pairs: Iterable[tuple[str, str]]) -> None:
        """Give each new key the state of its old key, unless it has state of its own:
        a story whose key changed keeps being read or starred."""
        with self._write() as conn:
            conn.executemany(
                "INSERT INTO state(key, read_at, read_changed, starred_at, star_changed) "
                "SELECT ?, read_at, read_changed, starred_at, star_changed FROM state "
                "WHERE key = ? ON CONFLICT(key) DO NOTHING",
                [(new, old) for old, new in pairs],
            )

    def get(self, key: str) -> KeyState | None:
        row = self._conn.execute(
            "SELECT key, read_at, read_changed, starred_at, star_changed FROM state WHERE key = ?",
            (key,),
        ).fetchone()
        return KeyState(*row) if row else None

    def all(self) -> list[KeyState]:
        """Every record. Damage that leaves the pages well-formed shows here, where the
        values are read (a key that is not UTF-8, a time that is not a number): the
        file is refused like one that fails its check on opening."""
        try:
            rows = self._conn.execute(
                "SELECT key, read_at, read_changed, starred_at, star_changed "
                "FROM state ORDER BY key"
            ).fetchall()
        except sqlite3.DatabaseError as exc:
            if is_busy(exc):
                raise
            raise _refusal(self.path, str(exc)) from None
        states = [KeyState(*row) for row in rows]
        if not all(map(_well_typed, states)):
            raise _refusal(self.path, "a record holds a value of the wrong type")
        return states

    def export_json(self) -> str:
        entries = [
            {
                "key": s.key,
                "read_at": s.read_at,
                "read_changed": s.read_changed,
                "starred_at": s.starred_at,
                "star_changed": s.star_changed,
            }
            for s in self.all()
        ]
        return json.dumps({"format": EXPORT_FORMAT, "state": entries}, ensure_ascii=False, indent=1)

    def import_json(self, text: str, now: float | None = None) -> ImportResult:
        """Merge an export; raises ValueError if malformed. Entries whose times or key
        are out of bounds are refused one by one and counted; the rest are merged."""
        latest = (now or time.time()) + _FUTURE_SLACK
        entries, long_keys, bad_times = [], 0, 0
        for entry in _parse_export(text):
            if len(entry.key.encode("utf-8", "surrogatepass")) > MAX_KEY_BYTES:
                long_keys += 1
            elif not _times_in_bounds(entry, latest):
                bad_times += 1
            else:
                entries.append(entry)
        return ImportResult(self.merge(entries), bad_times, long_keys)

    def merge(self, entries: Iterable[KeyState]) -> int:
        """Merge flag by flag, the later change winning; returns how many keys changed."""
        entries = list(entries)
        if not entries:
            return 0  # no write lock taken for nothing (every sync calls this)
        changed = 0
        with self._write() as conn:
            for e in entries:
                cur = conn.execute(
                    "INSERT INTO state(key, read_at, read_changed, starred_at, star_changed) "
                    "VALUES (?, ?, ?, ?, ?) ON CONFLICT(key) DO UPDATE SET "
                    "read_at = CASE WHEN excluded.read_changed > state.read_changed "
                    "  THEN excluded.read_at ELSE state.read_at END, "
                    "read_changed = max(state.read_changed, excluded.read_changed), "
                    "starred_at = CASE WHEN excluded.star_changed > state.star_changed "
                    "  THEN excluded.starred_at ELSE state.starred_at END, "
                    "star_changed = max(state.star_changed, excluded.star_changed) "
                    "WHERE excluded.read_changed > state.read_changed "
                    "   OR excluded.star_changed > state.star_changed",
                    (e.key, e.read_at, e.read_changed, e.starred_at, e.star_changed),
                )
                changed += cur.rowcount
        return changed


def _times_in_bounds(entry: KeyState, latest: float) -> bool:
    # A change time of 0 is how an export says "never changed".
    changes = [t for t in (entry.read_changed, entry.star_changed) if t != 0]
    flags = [t for t in (entry.read_at, entry.starred_at) if t is not None]
    return all(EARLIEST <= t <= latest for t in changes + flags)


def _parse_export(text: str) -> list[KeyState]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(f"not JSON ({exc})") from None
    except RecursionError:
        raise ValueError("not an ainews state export (nested too deeply)") from None
    if not isinstance(data, dict) or data.get("format") != EXPORT_FORMAT:
        raise ValueError(f"not an ainews state export (expected format {EXPORT_FORMAT!r})")
    raw = data.get("state")
    if not isinstance(raw, list):
        raise ValueError("the export has no `state` list")
    return [_entry(e, n) for n, e in enumerate(raw)]


def _entry(raw: Any, index: int) -> KeyState:
    def number(name: str, optional: bool) -> float | None:
        value = raw.get(name)
        if value is None and optional:
            return None
        # An infinite change time would win every later merge; NaN compares as nothing.
        if isinstance(value, bool) or not isinstance(value, int | float) or not isfinite(value):
            raise ValueError(f"entry {index}: `{name}` must be a finite number")
        return float(value)

    if not isinstance(raw, dict) or not isinstance(raw.get("key"), str):
        raise ValueError(f"entry {index} has no string `key`")
    return KeyState(
        key=raw["key"],
        read_at=number("read_at", True),
        read_changed=number("read_changed", False) or 0.0,
        starred_at=number("starred_at", True),
        star_changed=number("star_changed", False) or 0.0,
    )


def _open_checked(path: Path) -> sqlite3.Connection:
    if path.exists() and path.stat().st_size > 0:
        _check(path)
    with closed_unless_ready(connect(path, synchronous="FULL")) as conn:
        migrate(conn, STATE_MIGRATIONS)
    return conn


def _check(path: Path) -> None:
    """Raise if state.db is damaged. The check reads through a connection that cannot
    write: closing the last read-write connection checkpoints the WAL into the file,
    which must never happen to a damaged one.

    `integrity_check`, not `quick_check`: the quick one skips index/table agreement and
    passed files that then failed to export. It costs 40 ms for 100,000 keys (0.4 ms
    for 1,000). SQLite never checks the middle of the WAL, so that is checked here too;
    checking every value as well would cost three times as much on every start, so
    values are checked where they are read (`all`)."""
    wal = wal_damage(Path(f"{path}-wal"))
    if wal:
        raise sqlite3.DatabaseError(wal)
    conn = sqlite3.connect(
        f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_MS / 1000
    )
    try:
        result = conn.execute("PRAGMA integrity_check(1)").fetchone()[0]
    finally:
        conn.close()
    if result != "ok":
        raise sqlite3.DatabaseError(result)


def _well_typed(state: KeyState) -> bool:
    def number(value: object) -> bool:
        return isinstance(value, int | float) and not isinstance(value, bool)

    return (
        isinstance(state.key, str)
        and number(state.read_changed)
        and number(state.star_changed)
        and (state.read_at is None or number(state.read_at))
        and (state.starred_at is None or number(state.starred_at))
    )


def _refusal(path: Path, reason: str) -> StoreError:
    """The one sentence for a damaged state.db, once a copy of it is kept."""
    copy = _keep_copy(path)
    # integrity_check reports over several lines; the user gets one sentence.
    reason = " ".join(reason.replace("*** in database main ***", "").split())[:200]
    return StoreError(
        f"{path} is damaged or unreadable ({reason}); ainews will not touch it. "
        f"A copy is at {copy}; restore a backup or move the file away."
    )


def _keep_copy(path: Path) -> Path:
    """Copy state.db aside with its WAL, which holds the latest changes: one copy per
    distinct damage (named by its content), however many commands refuse the file."""
    digest = hashlib.sha1()
    for suffix in ("", "-wal"):
        with suppress(OSError):
            digest.update(Path(f"{path}{suffix}").read_bytes())
    copy = path.with_name(f"{path.name}.damaged-{digest.hexdigest()[:12]}")
    if copy.exists():
        return copy
    for suffix in ("-wal", ""):
        with suppress(OSError):
            shutil.copy2(f"{path}{suffix}", f"{copy}{suffix}")
    return copy
