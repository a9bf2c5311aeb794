"""Schemas of library.db (rebuilt when its fingerprint changes) and state.db (migrated
step by step through PRAGMA user_version: append a step, never edit one that shipped).
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterator

from .db import immediate

LIBRARY_SCHEMA = """
CREATE TABLE sources(
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    location TEXT NOT NULL,
    last_sync TEXT,
    last_error TEXT
);
CREATE TABLE files(
    source_id TEXT NOT NULL,
    relpath TEXT NOT NULL,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    sha1 TEXT NOT NULL,
    post_key TEXT,
    skip_reason TEXT,
    PRIMARY KEY(source_id, relpath)
) WITHOUT ROWID;
CREATE TABLE posts(
    key TEXT PRIMARY KEY,
    source_id TEXT NOT NULL,
    relpath TEXT NOT NULL,
    title TEXT NOT NULL,
    date TEXT,
    sort_ts REAL NOT NULL,
    day TEXT,
    date_from TEXT NOT NULL,
    url TEXT,
    categories TEXT NOT NULL,
    tags TEXT NOT NULL,
    authors TEXT NOT NULL,
    draft INTEGER NOT NULL,
    cover_image TEXT,
    summary TEXT,
    body TEXT NOT NULL,
    item_count INTEGER NOT NULL
);
CREATE INDEX posts_by_date ON posts(sort_ts DESC, key);
CREATE INDEX posts_by_day ON posts(day);
CREATE TABLE items(
    key TEXT PRIMARY KEY,
    post_key TEXT NOT NULL,
    position INTEGER NOT NULL,
    headline TEXT NOT NULL,
    url TEXT,
    domain TEXT,
    summary TEXT NOT NULL,
    start_line INTEGER NOT NULL,
    end_line INTEGER NOT NULL,
    sort_ts REAL NOT NULL,
    day TEXT,
    section TEXT,
    categories TEXT NOT NULL DEFAULT '[]',
    -- The story the item is a copy of (ainews_tui.stories): `story:<hash of its URL>`,
    -- or the item's own key when no other digest can carry it.
    story TEXT NOT NULL
);
CREATE INDEX items_by_post ON items(post_key, position);
-- A story's copies, earliest first (also_in, the reader's Also in block, --unique).
CREATE INDEX items_by_story ON items(story, sort_ts, key);
CREATE INDEX items_by_date ON items(sort_ts DESC, post_key, position);
CREATE TABLE post_categories(
    post_key TEXT NOT NULL,
    category TEXT NOT NULL,
    PRIMARY KEY(post_key, category)
) WITHOUT ROWID;
CREATE INDEX post_categories_by_category ON post_categories(category, post_key);
-- A story's own categories (its section and category line), not its post's tags. A rowid
-- table: as WITHOUT ROWID, SQLite 3.40.1's integrity_check reports its non-key NOT NULL
-- column as NULL.
CREATE TABLE item_categories(
    item_key TEXT NOT NULL,
    post_key TEXT NOT NULL,
    category TEXT NOT NULL,
    story TEXT NOT NULL,  -- the item's story: the category counts read state through it
    PRIMARY KEY(item_key, category)
);
CREATE INDEX item_categories_by_category ON item_categories(category, post_key);
CREATE INDEX item_categories_by_post ON item_categories(post_key);
-- The stories a post had before the library was rebuilt (a new schema, `ainews rebuild`),
-- until sync reads the post again: a story whose key the new extraction changes takes
-- the old key's read/star state (ingest.sync), which needs the old key and headline.
CREATE TABLE previous_items(
    post_key TEXT NOT NULL,
    key TEXT NOT NULL,
    headline TEXT NOT NULL,
    url TEXT
);
CREATE INDEX previous_items_by_post ON previous_items(post_key);

-- Sidebar counts: indexes that hold every column the count queries read, so they never
-- touch the items and posts rows (summaries and bodies). 10,000 posts: the sidebar's
-- four queries 0.8 s -> 0.25 s. They also serve lookups by day and by source, which is
-- why there is no plain index on items(day) or posts(source_id). The item indexes hold
-- the story too: read and star flags are read through the item's and its story's keys.
CREATE INDEX items_by_day_key ON items(day, key, story);
CREATE INDEX items_by_post_key ON items(post_key, key, story);
CREATE INDEX posts_by_source_key ON posts(source_id, key);

-- Conditional-GET validators per feed (feeds are downloaded whole again after a rebuild),
-- and the time a server asked not to be fetched before (429/503 Retry-After).
CREATE TABLE feed_state(
    source_id TEXT PRIMARY KEY,
    etag TEXT,
    last_modified TEXT,
    last_status INTEGER,
    checked_at TEXT,
    not_before TEXT
);

-- Search (ainews_tui.search.index): contentless FTS5 tables, trigram for Latin text and
-- bigram tokens for CJK, document ids ordered by post date.
CREATE TABLE search_docs(
    id INTEGER PRIMARY KEY,
    post_key TEXT NOT NULL,
    item_key TEXT,
    sort_ts REAL NOT NULL
);
CREATE INDEX search_docs_by_post ON search_docs(post_key);
-- Posts stored but not yet indexed (ainews_tui.search.build): sync lists a post first and
-- indexes it after, newest first, so a row here is the durable "still to index" mark a
-- kill -9 cannot lose. AUTOINCREMENT: an id is never reused, so text read for one version
-- of a post is never written for the next (a sync running at the same time rewrote it).
CREATE TABLE search_pending(
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    post_key TEXT NOT NULL UNIQUE,
    sort_ts REAL NOT NULL
);
CREATE INDEX search_pending_by_date ON search_pending(sort_ts DESC, id);
CREATE VIRTUAL TABLE search_fts USING fts5(head, body, content='', tokenize='trigram');
CREATE VIRTUAL TABLE search_grams USING fts5(head, body, content='', tokenize='ascii');
-- A 16 MB pending-terms hash instead of 1 MB, so a sync batch flushes one segment, not
-- dozens, and FTS5 merges far less (measured: 30 % less insert time).
INSERT INTO search_fts(search_fts, rank) VALUES ('hashsize', 16777216);
INSERT INTO search_grams(search_grams, rank) VALUES ('hashsize', 16777216);
-- Merge eight segments of a level at a time, not four: a first sync writes one segment
-- per batch, and FTS5 rewrote the growing big ones twice as often (10,000 posts' texts
-- in 25 batches: inserts 6.2-7.0 s -> 5.0-5.5 s CPU; 12 segments left instead of 4,
-- MATCH times alike).
INSERT INTO search_fts(search_fts, rank) VALUES ('automerge', 8);
INSERT INTO search_grams(search_grams, rank) VALUES ('automerge', 8);
"""
"""library.db as this version of ainews builds it. The library is a disposable index,
so it has no migrations: a file built from another schema is emptied and rebuilt, and
the next sync re-reads the sources (state.db, which is never rebuilt, has migrations)."""

INDEXED_CONTENT = 2
"""Bump when what sync stores changes without the schema changing (new extraction
rules, new search text), so existing libraries are re-read."""

LIBRARY_FINGERPRINT = (
    int.from_bytes(
        hashlib.sha256(f"{INDEXED_CONTENT}\n{LIBRARY_SCHEMA}".encode()).digest()[:4], "big"
    )
    & 0x7FFFFFFF
)
"""Kept in library.db's user_version (a signed 32-bit integer, hence the mask)."""

STATE_MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE state(
        key TEXT PRIMARY KEY,
        read_at REAL,
        read_changed REAL NOT NULL DEFAULT 0,
        starred_at REAL,
        star_changed REAL NOT NULL DEFAULT 0
    ) WITHOUT ROWID;
    CREATE INDEX state_starred ON state(starred_at) WHERE starred_at IS NOT NULL;
    """,
)


class SchemaTooNew(Exception):
    """The database was written by a newer ainews."""


def migrate(conn: sqlite3.Connection, steps: tuple[str, ...], schema: str = "main") -> None:
    """Run every step newer than the database's user_version, in one transaction.

    The version is read again under the write lock: two processes opening a new file
    at once (the reader and a cron sync) must not both run a step, or the second fails
    with "table already exists" and the file looks damaged.
    """
    if _version(conn, steps, schema) == len(steps):
        return
    with immediate(conn):
        for script in steps[_version(conn, steps, schema) :]:
            _run_script(conn, script)
        conn.execute(f"PRAGMA {schema}.user_version = {len(steps)}")


def build_library(conn: sqlite3.Connection) -> bool:
    """Give library.db this version's schema. A file built from another schema is
    emptied and rebuilt (True: its posts must be read again); a new file is built.
    Like `migrate`, the check is repeated under the write lock for a second process."""
    if _user_version(conn) == LIBRARY_FINGERPRINT:
        return False
    with immediate(conn):
        if _user_version(conn) == LIBRARY_FINGERPRINT:
            return False
        previous = _previous_items(conn)
        had_tables = _drop_every_table(conn)
        _run_script(conn, LIBRARY_SCHEMA)
        conn.executemany("INSERT INTO previous_items VALUES (?, ?, ?, ?)", previous)
        conn.execute(f"PRAGMA user_version = {LIBRARY_FINGERPRINT}")
    return had_tables


def _previous_items(conn: sqlite3.Connection) -> list[tuple[object, ...]]:
    """(post_key, key, headline, url) of the stories an older library holds, when its
    layout has them (every layout so far has)."""
    columns = {row[1] for row in conn.execute("PRAGMA table_info(items)")}
    if not {"post_key", "key", "headline", "url"} <= columns:
        return []
    kept = conn.execute(
        "SELECT post_key, key, headline, url FROM items ORDER BY post_key, position"
    ).fetchall()
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
    if "previous_items" in tables:  # a rebuild before the last one was read again
        kept += conn.execute("SELECT post_key, key, headline, url FROM previous_items")
    return kept


def _drop_every_table(conn: sqlite3.Connection) -> bool:
    # Virtual tables first: dropping one drops its shadow tables with it.
    tables = conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "ORDER BY sql NOT LIKE 'CREATE VIRTUAL%'"
    ).fetchall()
    for (name,) in tables:
        conn.execute(f'DROP TABLE IF EXISTS "{name}"')
    return bool(tables)


def _run_script(conn: sqlite3.Connection, script: str) -> None:
    # Statement by statement: executescript would commit the open transaction.
    for statement in _statements(script):
        conn.execute(statement)


def _user_version(conn: sqlite3.Connection, schema: str = "main") -> int:
    return int(conn.execute(f"PRAGMA {schema}.user_version").fetchone()[0])


def _version(conn: sqlite3.Connection, steps: tuple[str, ...], schema: str) -> int:
    version = _user_version(conn, schema)
    if version > len(steps):
        raise SchemaTooNew(f"schema version {version} is newer than this ainews knows")
    return version


def _statements(script: str) -> Iterator[str]:
    statement = ""
    for line in script.splitlines(keepends=True):
        statement += line
        if sqlite3.complete_statement(statement):
            yield statement
            statement = ""
    if statement.strip():
        yield statement  # incomplete: executing it reports the mistake in the script
