"""Schemas of library.db and state.db, migrated step by step through PRAGMA user_version.

To change a schema, append a step; never edit a step that has shipped.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

LIBRARY_MIGRATIONS: tuple[str, ...] = (
    """
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
    CREATE INDEX posts_by_source ON posts(source_id);
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
        day TEXT
    );
    CREATE INDEX items_by_post ON items(post_key, position);
    CREATE INDEX items_by_date ON items(sort_ts DESC, post_key, position);
    CREATE INDEX items_by_day ON items(day);
    CREATE TABLE post_categories(
        post_key TEXT NOT NULL,
        category TEXT NOT NULL,
        PRIMARY KEY(post_key, category)
    ) WITHOUT ROWID;
    CREATE INDEX post_categories_by_category ON post_categories(category, post_key);
    """,
    """
    CREATE TABLE feed_state(
        source_id TEXT PRIMARY KEY,
        etag TEXT,
        last_modified TEXT,
        last_status INTEGER,
        checked_at TEXT
    );
    """,
    # Search (ainews_tui.search.index). Posts already stored have no search documents,
    # so the library is emptied and every source marked unsynced: the next command
    # re-reads them (the library is only an index; state.db is untouched).
    """
    CREATE TABLE search_docs(
        id INTEGER PRIMARY KEY,
        post_key TEXT NOT NULL,
        item_key TEXT,
        sort_ts REAL NOT NULL
    );
    CREATE INDEX search_docs_by_post ON search_docs(post_key);
    CREATE INDEX search_docs_by_date ON search_docs(sort_ts DESC, id DESC);
    CREATE VIRTUAL TABLE search_fts USING fts5(head, body, content='', tokenize='trigram');
    CREATE VIRTUAL TABLE search_grams USING fts5(grams, content='', tokenize='ascii');
    DELETE FROM items;
    DELETE FROM post_categories;
    DELETE FROM posts;
    DELETE FROM files;
    UPDATE sources SET last_sync = NULL;
    """,
    # Search, second layout: CJK by bigram only, trigram for the rest, date-ordered
    # document ids. The old documents cannot be converted, so the library is re-read.
    """
    DROP TABLE search_fts;
    DROP TABLE search_grams;
    DROP INDEX search_docs_by_date;
    DELETE FROM search_docs;
    CREATE VIRTUAL TABLE search_fts USING fts5(head, body, content='', tokenize='trigram');
    CREATE VIRTUAL TABLE search_grams USING fts5(head, body, content='', tokenize='ascii');
    DELETE FROM items;
    DELETE FROM post_categories;
    DELETE FROM posts;
    DELETE FROM files;
    UPDATE sources SET last_sync = NULL;
    """,
    # Search: a 16 MB pending-terms hash instead of 1 MB, so a sync batch flushes one
    # segment, not dozens, and FTS5 merges far less (measured: 30 % less insert time).
    """
    INSERT INTO search_fts(search_fts, rank) VALUES ('hashsize', 16777216);
    INSERT INTO search_grams(search_grams, rank) VALUES ('hashsize', 16777216);
    """,
    # Search: spaces next to CJK characters no longer count (`AI 芯片` = `AI芯片`). The
    # indexed text changed, so the library is re-read.
    """
    INSERT INTO search_fts(search_fts) VALUES ('delete-all');
    INSERT INTO search_grams(search_grams) VALUES ('delete-all');
    DELETE FROM search_docs;
    DELETE FROM items;
    DELETE FROM post_categories;
    DELETE FROM posts;
    DELETE FROM files;
    UPDATE sources SET last_sync = NULL;
    """,
    # Sidebar counts: indexes that hold every column the count queries read, so they
    # never touch the items and posts rows (summaries and bodies). 10,000 posts:
    # the sidebar's four queries 0.8 s -> 0.25 s. Built from the rows in place.
    """
    CREATE INDEX items_by_day_key ON items(day, key);
    CREATE INDEX items_by_post_key ON items(post_key, key);
    CREATE INDEX posts_by_source_key ON posts(source_id, key);
    """,
    # Stories (ainews_tui.ingest.story_url): each item names the story it is a copy of,
    # and read/star state is read through both keys. The count indexes gain the story
    # column so the sidebar still never reads item rows; items_by_story finds a story's
    # copies. Stories are computed while parsing, so the library is re-read.
    """
    ALTER TABLE items ADD COLUMN story TEXT NOT NULL DEFAULT '';
    DROP INDEX items_by_day_key;
    DROP INDEX items_by_post_key;
    CREATE INDEX items_by_day_key ON items(day, key, story);
    CREATE INDEX items_by_post_key ON items(post_key, key, story);
    CREATE INDEX items_by_story ON items(story, sort_ts, key);
    INSERT INTO search_fts(search_fts) VALUES ('delete-all');
    INSERT INTO search_grams(search_grams) VALUES ('delete-all');
    DELETE FROM search_docs;
    DELETE FROM items;
    DELETE FROM post_categories;
    DELETE FROM posts;
    DELETE FROM files;
    UPDATE sources SET last_sync = NULL;
    """,
)

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
    conn.execute("BEGIN IMMEDIATE")
    try:
        for script in steps[_version(conn, steps, schema) :]:
            # Statement by statement: executescript would commit the open transaction.
            for statement in _statements(script):
                conn.execute(statement)
        conn.execute(f"PRAGMA {schema}.user_version = {len(steps)}")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def _version(conn: sqlite3.Connection, steps: tuple[str, ...], schema: str) -> int:
    version = int(conn.execute(f"PRAGMA {schema}.user_version").fetchone()[0])
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
