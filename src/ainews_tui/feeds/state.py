"""Conditional-GET validators per feed source, in library.db's `feed_state` table.

The table lives in the disposable index on purpose: after a rebuild the worst case is
one full download per feed.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class FeedState:
    etag: str | None
    last_modified: str | None


def load_feed_states(conn: sqlite3.Connection) -> dict[str, FeedState]:
    """Validators of every feed source, by source id."""
    rows = conn.execute("SELECT source_id, etag, last_modified FROM feed_state")
    return {r[0]: FeedState(r[1], r[2]) for r in rows}


def save_feed_state(
    conn: sqlite3.Connection, source_id: str, status: int, state: FeedState | None
) -> None:
    """Record a fetch; `state` None keeps the validators already stored (a 304)."""
    checked = datetime.now().astimezone().isoformat(timespec="seconds")
    if state is None:
        conn.execute(
            "INSERT INTO feed_state(source_id, last_status, checked_at) VALUES (?, ?, ?) "
            "ON CONFLICT(source_id) DO UPDATE SET last_status = excluded.last_status, "
            "checked_at = excluded.checked_at",
            (source_id, status, checked),
        )
        return
    conn.execute(
        "INSERT OR REPLACE INTO feed_state VALUES (?, ?, ?, ?, ?)",
        (source_id, state.etag, state.last_modified, status, checked),
    )
