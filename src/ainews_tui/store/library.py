"""library.db: the disposable index of sources, posts and items.

It can always be rebuilt from the Markdown files; state.db is attached read-only-style
as `st` so lists and counts join read/star flags in one SQL statement.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from ..keys import domain_of
from ..model import (
    FeedState,
    ParsedPost,
    SourceConfig,
)
from ..search.build import (
    IndexProgress,
    Pending,
    PostTexts,
    index_progress,
    mark_pending,
    pending_posts,
    read_texts,
    write_texts,
)
from ..search.index import (
    SearchUnavailable,
    clear_index,
    require_trigram,
    unindex_post,
)
from .db import (
    BUSY_TIMEOUT_MS,
    StoreError,
    closed_unless_ready,
    connect,
    immediate,
    when_free,
)
from .library_reads import LibraryReads
from .rows import (
    FileRecord,
    item_categories,
    to_json,
)
from .schema import build_library
from .state import StateStore


class Library(LibraryReads):
    def __init__(self, conn: sqlite3.Connection, path: Path, state: StateStore) -> None:
        self._conn = conn
        self.path = path
        self.state = state
        self.recreated_reason: str | None = None

    @classmethod
    def open(cls, path: Path, state: StateStore) -> Library:
        """Open library.db. A damaged file is moved aside and one built by another
        version of ainews is emptied; either way the library starts afresh (it is only an
        index, re-read by the next sync) and `recreated_reason` says why."""
        try:
            require_trigram()
        except SearchUnavailable as exc:
            raise StoreError(str(exc)) from None
        reason: str | None = None
        try:
            conn, rebuilt = when_free(lambda: cls._open_checked(path, state.path), path)
        except sqlite3.DatabaseError as exc:
            reason = f"{path.name} was unreadable ({exc}) and has been rebuilt"
            _move_aside(path)
            conn, rebuilt = when_free(lambda: cls._open_checked(path, state.path), path)
        if rebuilt:
            reason = f"{path.name} was built by another version of ainews and has been rebuilt"
        library = cls(conn, path, state)
        library.recreated_reason = reason
        return library

    @staticmethod
    def _open_checked(path: Path, state_path: Path) -> tuple[sqlite3.Connection, bool]:
        with closed_unless_ready(connect(path)) as conn:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            rebuilt = build_library(conn)
            conn.execute("ATTACH DATABASE ? AS st", (str(state_path),))
        return conn, rebuilt

    def close(self) -> None:
        self._conn.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        with immediate(self._conn):
            yield

    # --- writes (used by sync; call inside `transaction()`) ---------------------------

    def upsert_source(self, source: SourceConfig) -> None:
        self._conn.execute(
            "INSERT INTO sources(id, name, kind, location) VALUES (?, ?, ?, ?) "
            "ON CONFLICT(id) DO UPDATE SET name = excluded.name, kind = excluded.kind, "
            "location = excluded.location",
            (source.id, source.name, source.kind, source.location),
        )

    def finish_source_sync(self, source_id: str, error: str | None) -> None:
        self._conn.execute(
            "UPDATE sources SET last_sync = ?, last_error = ? WHERE id = ?",
            (datetime.now().astimezone().isoformat(timespec="seconds"), error, source_id),
        )

    def files(self, source_id: str) -> dict[str, FileRecord]:
        rows = self._conn.execute(
            "SELECT relpath, size, mtime_ns, sha1, post_key, skip_reason FROM files "
            "WHERE source_id = ?",
            (source_id,),
        )
        return {r[0]: FileRecord(*r[1:]) for r in rows}

    def file(self, source_id: str, relpath: str) -> FileRecord | None:
        row = self._conn.execute(
            "SELECT size, mtime_ns, sha1, post_key, skip_reason FROM files "
            "WHERE source_id = ? AND relpath = ?",
            (source_id, relpath),
        ).fetchone()
        return FileRecord(*row) if row else None

    def record_file(self, source_id: str, relpath: str, record: FileRecord) -> None:
        self._conn.execute(
            "INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                source_id,
                relpath,
                record.size,
                record.mtime_ns,
                record.sha1,
                record.post_key,
                record.skip_reason,
            ),
        )

    def touch_file(self, source_id: str, relpath: str, size: int, mtime_ns: int) -> None:
        self._conn.execute(
            "UPDATE files SET size = ?, mtime_ns = ? WHERE source_id = ? AND relpath = ?",
            (size, mtime_ns, source_id, relpath),
        )

    def forget_file(self, source_id: str, relpath: str) -> None:
        self._conn.execute(
            "DELETE FROM files WHERE source_id = ? AND relpath = ?", (source_id, relpath)
        )

    def put_post(
        self,
        key: str,
        source_id: str,
        relpath: str,
        post: ParsedPost,
        item_keys: Sequence[str],
        stories: Sequence[str],
    ) -> bool:
        """Insert or replace a post and its items, marked for the search index (see
        `pending_index`); `stories` is `story_keys` of the items. True when the post
        is new."""
        is_new = self._conn.execute("SELECT 1 FROM posts WHERE key = ?", (key,)).fetchone() is None
        if is_new:
            # Nothing to delete but the stories an earlier library had (item_heads):
            # one lookup instead of `delete_post`'s five statements, on every post of a
            # first sync.
            self._conn.execute("DELETE FROM previous_items WHERE post_key = ?", (key,))
        else:
            self.delete_post(key)
        when = post.date
        sort_ts = when.timestamp() if when else 0.0
        day = when.date().isoformat() if when else None
        self._conn.execute(
            "INSERT INTO posts VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                key,
                source_id,
                relpath,
                post.title,
                when.isoformat() if when else None,
                sort_ts,
                day,
                post.date_from,
                post.url,
                to_json(post.categories),
                to_json(post.tags),
                to_json([{"name": a.name, "link": a.link} for a in post.authors]),
                int(post.draft),
                post.cover_image,
                post.summary,
                post.body,
                len(post.items),
            ),
        )
        post_categories = tuple(dict.fromkeys(post.categories + post.tags))
        categories = [item_categories(it, post_categories) for it in post.items]
        self._conn.executemany(
            "INSERT INTO items(key, post_key, position, headline, url, domain, summary, "
            "start_line, end_line, sort_ts, day, section, categories, story) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    ikey,
                    key,
                    n,
                    it.headline,
                    it.url,
                    domain_of(it.url),
                    it.summary,
                    it.start_line,
                    it.end_line,
                    sort_ts,
                    day,
                    it.section,
                    to_json(categories[n]),
                    stories[n],
                )
                for n, (ikey, it) in enumerate(zip(item_keys, post.items, strict=True))
            ],
        )
        self._conn.executemany(
            "INSERT OR IGNORE INTO post_categories VALUES (?, ?)",
            [(key, c) for c in post_categories],
        )
        self._conn.executemany(
            "INSERT OR IGNORE INTO item_categories VALUES (?, ?, ?, ?)",
            [
                (ikey, key, c, story)
                for ikey, cs, story in zip(item_keys, categories, stories, strict=True)
                for c in cs
            ],
        )
        mark_pending(self._conn, key, sort_ts)
        return is_new

    # --- the search index, built after the posts are listed (ainews_tui.search.build) ---

    def index_progress(self) -> IndexProgress:
        return index_progress(self._conn)

    def pending_index(self) -> list[Pending]:
        """Posts still to index, newest first."""
        return pending_posts(self._conn)

    def read_index_texts(self, wanted: Sequence[Pending]) -> list[PostTexts]:
        """The search text of pending posts, on this connection (a few posts; many are
        read in worker processes on connections of their own)."""
        return read_texts(self._conn, wanted)

    def write_index(self, posts: Sequence[PostTexts]) -> int:
        """Index posts whose text was read (inside `transaction()`); how many were."""
        return write_texts(self._conn, posts)

    def delete_post(self, key: str) -> int:
        unindex_post(self._conn, key)
        self._conn.execute("DELETE FROM items WHERE post_key = ?", (key,))
        self._conn.execute("DELETE FROM post_categories WHERE post_key = ?", (key,))
        self._conn.execute("DELETE FROM item_categories WHERE post_key = ?", (key,))
        self._conn.execute("DELETE FROM previous_items WHERE post_key = ?", (key,))
        return self._conn.execute("DELETE FROM posts WHERE key = ?", (key,)).rowcount

    def drop_sources_except(self, keep: Sequence[str]) -> None:
        """Forget sources no longer in the config (their state stays in state.db)."""
        marks = ",".join("?" * len(keep)) or "''"
        gone = [
            r[0]
            for r in self._conn.execute(
                f"SELECT id FROM sources WHERE id NOT IN ({marks})", tuple(keep)
            )
        ]
        for source_id in gone:
            self.forget_source(source_id)

    def keep_only_sources(self, keep: Sequence[str]) -> None:
        """Drop the posts of sources no longer configured (the bundled samples once the
        user has a source, a source removed from the config by hand), at once rather
        than at the next sync. Writes only when there is something to drop."""
        known = {r[0] for r in self._conn.execute("SELECT id FROM sources")}
        if known - set(keep):
            with self.transaction():
                self.drop_sources_except(keep)

    def forget_source(self, source_id: str) -> int:
        """Delete a source's posts, items, search rows and file records; returns how
        many posts left. Its read/star state stays in state.db, keyed by the source id."""
        keys = [
            r[0]
            for r in self._conn.execute("SELECT key FROM posts WHERE source_id = ?", (source_id,))
        ]
        for key in keys:
            self.delete_post(key)
        self._conn.execute("DELETE FROM files WHERE source_id = ?", (source_id,))
        self._conn.execute("DELETE FROM sources WHERE id = ?", (source_id,))
        return len(keys)

    def clear(self) -> None:
        """Empty the library so the next sync re-reads every source. state.db is not
        touched, nor the feed validators: fetched entries are files that stay on disk."""
        with self.transaction():
            # What each post's stories were, so the next sync can hand a story whose key
            # changed the old key's state (see item_heads).
            self._conn.execute(
                "INSERT INTO previous_items SELECT post_key, key, headline, url FROM items "
                "ORDER BY post_key, position"
            )
            for table in (
                "items",
                "item_categories",
                "post_categories",
                "posts",
                "files",
                "sources",
            ):
                self._conn.execute(f"DELETE FROM {table}")
            clear_index(self._conn)

    def save_feed_state(self, source_id: str, status: int, state: FeedState | None) -> None:
        """Record a fetch, which ends any wait asked for; `state` None keeps the
        validators already stored (a 304)."""
        checked = datetime.now().astimezone().isoformat(timespec="seconds")
        with self.transaction():
            if state is None:
                self._conn.execute(
                    "INSERT INTO feed_state(source_id, last_status, checked_at) VALUES (?, ?, ?) "
                    "ON CONFLICT(source_id) DO UPDATE SET last_status = excluded.last_status, "
                    "checked_at = excluded.checked_at, not_before = NULL",
                    (source_id, status, checked),
                )
            else:
                self._conn.execute(
                    "INSERT OR REPLACE INTO feed_state VALUES (?, ?, ?, ?, ?, NULL)",
                    (source_id, state.etag, state.last_modified, status, checked),
                )

    def save_feed_wait(self, source_id: str, not_before: datetime) -> None:
        """Remember a wait a feed server asked for (Retry-After), keeping the validators."""
        with self.transaction():
            self._conn.execute(
                "INSERT INTO feed_state(source_id, not_before) VALUES (?, ?) "
                "ON CONFLICT(source_id) DO UPDATE SET not_before = excluded.not_before",
                (source_id, not_before.isoformat(timespec="seconds")),
            )


def discard_if_damaged(path: Path) -> str | None:
    """Check every page of library.db and move a damaged one aside to be rebuilt.

    Too slow for every start on a big library, so callers run it once SQLite has
    reported damage. Returns what to tell the user, or None when the file is sound.
    """
    try:
        conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            result = str(conn.execute("PRAGMA quick_check").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        result = str(exc)
    if result == "ok":
        return None
    _move_aside(path)
    first = result.splitlines()[0][:120] if result else "unreadable"
    return f"{path.name} was damaged ({first}); it was set aside and is being rebuilt"


def _move_aside(path: Path) -> None:
    stamp = time.strftime("%Y%m%d-%H%M%S")
    for suffix in ("", "-wal", "-shm"):
        part = Path(str(path) + suffix)
        if part.exists():
            part.replace(part.with_name(f"{part.name}.broken-{stamp}"))
