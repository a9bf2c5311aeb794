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
    not_before: datetime | None = None
    """The server asked (429/503 Retry-After) not to be fetched before this time."""


def load_feed_states(conn: sqlite3.Connection) -> dict[str, FeedState]:
    """Validators (and any wait asked for) of every feed source, by source id."""
    rows = conn.execute("SELECT source_id, etag, last_modified, not_before FROM feed_state")
    return {
        r[0]: FeedState(r[1], r[2], datetime.fromisoformat(r[3]) if r[3] else None) for r in rows
    }


def save_retry(conn: sqlite3.Connection, source_id: str, not_before: datetime) -> None:
    """Remember a wait the server asked for, keeping the validators."""
    conn.execute(
        "INSERT INTO feed_state(source_id, not_before) VALUES (?, ?) "
        "ON CONFLICT(source_id) DO UPDATE SET not_before = excluded.not_before",
        (source_id, not_before.isoformat(timespec="seconds")),
    )


def save_feed_state(
    conn: sqlite3.Connection, source_id: str, status: int, state: FeedState | None
) -> None:
    """Record a fetch (which ends any wait); `state` None keeps the validators already
    stored (a 304)."""
    checked = datetime.now().astimezone().isoformat(timespec="seconds")
    if state is None:
        conn.execute(
            "INSERT INTO feed_state(source_id, last_status, checked_at) VALUES (?, ?, ?) "
            "ON CONFLICT(source_id) DO UPDATE SET last_status = excluded.last_status, "
            "checked_at = excluded.checked_at, not_before = NULL",
            (source_id, status, checked),
        )
        return
    conn.execute(
        "INSERT OR REPLACE INTO feed_state"
        "(source_id, etag, last_modified, last_status, checked_at, not_before) "
        "VALUES (?, ?, ?, ?, ?, NULL)",
        (source_id, state.etag, state.last_modified, status, checked),
    )
