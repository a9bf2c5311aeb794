"""library.db: the disposable index of sources, posts and items.

It can always be rebuilt from the Markdown files; state.db is attached read-only-style
as `st` so lists and counts join read/star flags in one SQL statement.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path

from ..keys import domain_of
from ..model import (
    Author,
    Count,
    ExtractedItem,
    FeedState,
    ItemRow,
    ListFilter,
    ParsedPost,
    PostRow,
    SidebarCounts,
    SourceConfig,
)
from ..search.engine import SearchResults, search
from ..search.index import (
    IndexTexts,
    SearchUnavailable,
    clear_index,
    index_post,
    require_trigram,
    unindex_post,
)
from ..stories.flags import joins, read_flag, starred_flag
from ..stories.url import story_keys
from .db import (
    BUSY_TIMEOUT_MS,
    StoreError,
    closed_unless_ready,
    connect,
    immediate,
    when_free,
)
from .schema import build_library
from .state import KeyState, StateStore


@dataclass(frozen=True)
class FileRecord:
    size: int
    mtime_ns: int
    sha1: str
    post_key: str | None
    skip_reason: str | None


@dataclass(frozen=True)
class SourceStats:
    id: str
    name: str
    kind: str
    location: str
    posts: int
    items: int
    last_sync: str | None
    last_error: str | None


ALL = ListFilter()

_READ = read_flag()
_STARRED = starred_flag()
# How many other digests carry the item's story (each post carries a story once).
ALSO_IN = (
    "CASE WHEN i.story = i.key THEN 0 "
    "ELSE (SELECT count(*) FROM items o WHERE o.story = i.story) - 1 END"
)
_ITEM_COLUMNS = f"""
    i.key, i.post_key, i.position, i.headline, i.url, i.domain, i.summary,
    i.start_line, i.end_line, p.date, p.title, p.source_id, coalesce(src.name, p.source_id),
    i.section, i.categories, {_READ}, {_STARRED}, i.story, {ALSO_IN} AS also_in
"""
_ITEM_FROM = f"""
    FROM items i JOIN posts p ON p.key = i.post_key
    LEFT JOIN sources src ON src.id = p.source_id {joins()}
"""
_POST_COLUMNS = f"""
    p.key, p.source_id, coalesce(src.name, p.source_id), p.relpath, p.title, p.date,
    p.categories, p.tags, p.authors, p.url, p.draft, p.item_count,
    NOT EXISTS (SELECT 1 FROM items i {joins("i", "si", "gi")}
                WHERE i.post_key = p.key AND NOT {read_flag("si", "gi")}),
    s.starred_at IS NOT NULL
"""
_POST_FROM = """
    FROM posts p LEFT JOIN sources src ON src.id = p.source_id
    LEFT JOIN st.state s ON s.key = p.key
"""


class Library:
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
        texts: Sequence[IndexTexts] | None = None,
    ) -> bool:
        """Insert or replace a post and its items; True when the post is new. `texts`
        is the post's `index_texts`, when the caller computed it elsewhere."""
        is_new = self.delete_post(key) == 0
        stories = story_keys(item_keys, [it.url for it in post.items])
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
                _json(post.categories),
                _json(post.tags),
                _json([{"name": a.name, "link": a.link} for a in post.authors]),
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
                    _json(categories[n]),
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
        index_post(self._conn, key, post, item_keys, sort_ts, texts)
        return is_new

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

    # --- reads ----------------------------------------------------------------------

    def list_items(
        self, flt: ListFilter = ALL, *, limit: int | None = None, offset: int = 0
    ) -> list[ItemRow]:
        where, params = _where(flt, "i")
        rank = "also_in DESC, " if flt.covered_since else ""
        if flt.unique_stories:
            # The earliest copy among those the filter selects stands for its story, so
            # `--source X --unique` still lists a story another source carried first.
            # Only row ids go through the window: also_in is computed for listed rows.
            earliest = (
                "SELECT rid FROM (SELECT i.rowid AS rid, row_number() OVER ("
                "PARTITION BY i.story ORDER BY i.sort_ts, i.key) AS copy "
                f"{_ITEM_FROM} WHERE {where}) WHERE copy = 1"
            )
            where = f"i.rowid IN ({earliest})"
        sql = (
            f"SELECT {_ITEM_COLUMNS} {_ITEM_FROM} WHERE {where} "
            f"ORDER BY {rank}i.sort_ts DESC, i.post_key DESC, i.position LIMIT ? OFFSET ?"
        )
        rows = self._conn.execute(sql, (*params, -1 if limit is None else limit, offset))
        return [_item_row(r) for r in rows]

    def count_items(self, flt: ListFilter = ALL) -> int:
        where, params = _where(flt, "i")
        # Only the joins the filter reads: every item has its post and the LEFT JOINs
        # match at most one row, so the count is list_items' length, from an index
        # alone (10,000 posts: 200 ms -> 2 ms for All).
        joined = ""
        if flt.source_id is not None or flt.drafts != "include":
            joined += " JOIN posts p ON p.key = i.post_key"
        if flt.unread_only or flt.starred_only:
            joined += joins()
        counted = "DISTINCT i.story" if flt.unique_stories else "*"
        sql = f"SELECT count({counted}) FROM items i{joined} WHERE {where}"
        return int(self._conn.execute(sql, params).fetchone()[0])

    def list_posts(
        self, flt: ListFilter = ALL, *, limit: int | None = None, offset: int = 0
    ) -> list[PostRow]:
        where, params = _where(flt, "p")
        sql = (
            f"SELECT {_POST_COLUMNS} {_POST_FROM} WHERE {where} "
            "ORDER BY p.sort_ts DESC, p.key DESC LIMIT ? OFFSET ?"
        )
        rows = self._conn.execute(sql, (*params, -1 if limit is None else limit, offset))
        return [_post_row(r) for r in rows]

    def get_item(self, key: str) -> ItemRow | None:
        row = self._conn.execute(
            f"SELECT {_ITEM_COLUMNS} {_ITEM_FROM} WHERE i.key = ?", (key,)
        ).fetchone()
        return _item_row(row) if row else None

    def get_post(self, key: str) -> PostRow | None:
        row = self._conn.execute(
            f"SELECT {_POST_COLUMNS} {_POST_FROM} WHERE p.key = ?", (key,)
        ).fetchone()
        return _post_row(row) if row else None

    def post_body(self, key: str) -> str | None:
        row = self._conn.execute("SELECT body FROM posts WHERE key = ?", (key,)).fetchone()
        return str(row[0]) if row else None

    def item_heads(self, post_key: str) -> list[tuple[str, str, str | None]]:
        """(key, headline, url) of a post's stored stories, in order; for a post not read
        since the library was rebuilt, the stories it had before."""
        rows = (
            self._conn.execute(
                "SELECT key, headline, url FROM items WHERE post_key = ? ORDER BY position",
                (post_key,),
            ).fetchall()
            or self._conn.execute(
                "SELECT key, headline, url FROM previous_items WHERE post_key = ? ORDER BY rowid",
                (post_key,),
            ).fetchall()
        )
        return [(str(k), str(h), _opt(u)) for k, h, u in rows]

    def item_keys_of(self, post_key: str) -> list[str]:
        rows = self._conn.execute(
            "SELECT key FROM items WHERE post_key = ? ORDER BY position", (post_key,)
        )
        return [r[0] for r in rows]

    def with_stories(self, keys: Sequence[str]) -> list[str]:
        """`keys` and the stories of the items among them: the keys to mark so every
        copy of a story, also one that arrives later, shows the change."""
        rows = self._conn.execute(
            "SELECT DISTINCT story FROM items WHERE key IN (SELECT value FROM json_each(?)) "
            "AND story != key",
            (json.dumps(list(keys)),),
        )
        return list(dict.fromkeys([*keys, *(r[0] for r in rows)]))

    def unshared_story_state(self) -> list[KeyState]:
        """State for stories that have none while a copy has its own: read or starred
        before stories existed, or imported from an export made before. Per flag, the
        copy changed last speaks for the story (the rule marking follows)."""
        rows = self._conn.execute(
            "SELECT i.story, s.read_at, s.read_changed, s.starred_at, s.star_changed "
            "FROM items i JOIN st.state s ON s.key = i.key WHERE i.story != i.key "
            "AND NOT EXISTS (SELECT 1 FROM st.state g WHERE g.key = i.story)"
        )
        stories: dict[str, KeyState] = {}
        for row in rows:
            new = KeyState(*row)
            old = stories.get(new.key, new)
            read = new if new.read_changed > old.read_changed else old
            star = new if new.star_changed > old.star_changed else old
            stories[new.key] = KeyState(
                new.key, read.read_at, read.read_changed, star.starred_at, star.star_changed
            )
        return list(stories.values())

    def copies(self, story: str) -> list[ItemRow]:
        """Every item carrying `story`, earliest first."""
        rows = self._conn.execute(
            f"SELECT {_ITEM_COLUMNS} {_ITEM_FROM} WHERE i.story = ? ORDER BY i.sort_ts, i.key",
            (story,),
        )
        return [_item_row(r) for r in rows]

    def has_category(self, category: str) -> bool:
        """Whether any post has this category or tag."""
        row = self._conn.execute(
            "SELECT 1 FROM post_categories WHERE category = ? LIMIT 1", (category,)
        ).fetchone()
        return row is not None

    def has_drafts(self) -> bool:
        """Whether any post is a draft; without one, hiding drafts needs no join."""
        row = self._conn.execute("SELECT EXISTS (SELECT 1 FROM posts WHERE draft = 1)")
        return bool(row.fetchone()[0])

    def kind_of(self, key: str) -> str | None:
        """`item`, `post` or None for an unknown key."""
        if self._conn.execute("SELECT 1 FROM items WHERE key = ?", (key,)).fetchone():
            return "item"
        if self._conn.execute("SELECT 1 FROM posts WHERE key = ?", (key,)).fetchone():
            return "post"
        return None

    def source_stats(self) -> list[SourceStats]:
        rows = self._conn.execute(
            "SELECT s.id, s.name, s.kind, s.location, "
            "(SELECT count(*) FROM posts p WHERE p.source_id = s.id), "
            "(SELECT count(*) FROM items i JOIN posts p ON p.key = i.post_key "
            " WHERE p.source_id = s.id), s.last_sync, s.last_error FROM sources s ORDER BY s.name"
        )
        return [SourceStats(*r) for r in rows]

    def sidebar_counts(
        self, today: date | None = None, *, drafts: bool = True, covered_since: str | None = None
    ) -> SidebarCounts:
        """Every count the sidebar shows, from aggregate SQL (no Python loops over rows).
        Without `drafts`, stories of draft posts are left out of every count but their own.
        `covered_since` is the first day of the Most covered view."""
        day = (today or date.today()).isoformat()
        base = f"FROM items i JOIN posts p ON p.key = i.post_key {joins()}"
        shown = "1" if drafts else "p.draft = 0"
        row = self._conn.execute(
            f"SELECT count(*), sum(NOT {_READ}), sum({_STARRED}), "
            f"sum({_STARRED} AND NOT {_READ}), "
            f"sum(i.day = ?), sum(i.day = ? AND NOT {_READ}), "
            f"sum(i.day IS NULL), sum(i.day IS NULL AND NOT {_READ}) "
            f"{base} WHERE {shown}",
            (day, day),
        ).fetchone()
        total, unread, starred, starred_unread, today_total, today_unread = row[:6]
        undated, undated_unread = row[6:]
        draft_total, draft_unread = self._conn.execute(
            f"SELECT count(*), sum(NOT {_READ}) {base} WHERE p.draft = 1"
        ).fetchone()
        days = self._conn.execute(
            f"SELECT i.day, count(*), sum(NOT {_READ}) {base} "
            f"WHERE i.day IS NOT NULL AND {shown} GROUP BY i.day ORDER BY i.day DESC"
        )
        categories = self._conn.execute(
            f"SELECT c.category, count(*), sum(NOT {_READ}) FROM item_categories c "
            + (
                ""
                if drafts
                else "JOIN items i ON i.key = c.item_key JOIN posts p ON p.key = i.post_key "
            )
            + f"{joins('c', 's', 'g', key='item_key')} WHERE {shown} "
            "GROUP BY c.category ORDER BY count(*) DESC, c.category"
        )
        sources = self._conn.execute(
            f"SELECT p.source_id, count(*), sum(NOT {_READ}) {base} WHERE {shown} "
            "GROUP BY p.source_id ORDER BY p.source_id"
        )
        covered = ListFilter(covered_since=covered_since or day)
        return SidebarCounts(
            covered=Count(
                "covered",
                self.count_items(covered),
                self.count_items(replace(covered, unread_only=True)),
            ),
            all=Count("all", total or 0, unread or 0),
            unread=Count("unread", unread or 0, unread or 0),
            starred=Count("starred", starred or 0, starred_unread or 0),
            today=Count("today", today_total or 0, today_unread or 0),
            days=tuple(Count(d, t, u or 0) for d, t, u in days),
            categories=tuple(Count(c, t, u or 0) for c, t, u in categories),
            sources=tuple(Count(s, t, u or 0) for s, t, u in sources),
            undated=Count("undated", undated or 0, undated_unread or 0),
            drafts=Count("drafts", draft_total or 0, draft_unread or 0),
        )

    def feed_states(self) -> dict[str, FeedState]:
        """Conditional-GET validators (and any wait asked for) of every feed, by source id."""
        rows = self._conn.execute(
            "SELECT source_id, etag, last_modified, not_before FROM feed_state"
        )
        return {
            r[0]: FeedState(r[1], r[2], datetime.fromisoformat(r[3]) if r[3] else None)
            for r in rows
        }

    def search(self, query: str, *, limit: int = 200, posts: bool = False) -> SearchResults:
        """Items (or posts) matching `query`, best first; raises QueryError for a bad query."""
        return search(self._conn, query, limit=limit, posts=posts)

    def data_version(self) -> int:
        """Changes whenever another connection commits to library.db (for live reload)."""
        return int(self._conn.execute("PRAGMA data_version").fetchone()[0])


def _where(flt: ListFilter, table: str) -> tuple[str, list[object]]:
    """SQL conditions for a filter; `table` is `i` (items) or `p` (posts)."""
    clauses: list[str] = ["1"]
    params: list[object] = []
    if flt.unread_only:
        if table == "i":
            clauses.append(f"NOT {_READ}")
        else:
            clauses.append(
                f"EXISTS (SELECT 1 FROM items iu {joins('iu', 'su', 'gu')} "
                f"WHERE iu.post_key = p.key AND NOT {read_flag('su', 'gu')})"
            )
    if flt.starred_only:
        clauses.append(_STARRED if table == "i" else "s.starred_at IS NOT NULL")
    if flt.covered_since and table == "i":
        clauses.append(
            "i.day >= ? AND i.story != i.key "
            "AND EXISTS (SELECT 1 FROM items c WHERE c.story = i.story AND c.key != i.key) "
            "AND NOT EXISTS (SELECT 1 FROM items e WHERE e.story = i.story AND e.day >= ? "
            "AND (e.sort_ts < i.sort_ts OR (e.sort_ts = i.sort_ts AND e.key < i.key)))"
        )
        params += [flt.covered_since, flt.covered_since]
    if flt.category is not None:
        if table == "i":  # a story by its own categories, not its post's tags
            clauses.append(
                "EXISTS (SELECT 1 FROM item_categories c WHERE c.item_key = i.key "
                "AND c.category = ?)"
            )
            params.append(flt.category)
        else:  # a post by its tags, or by the categories of the stories it holds
            clauses.append(
                "(EXISTS (SELECT 1 FROM post_categories c WHERE c.post_key = p.key "
                "AND c.category = ?) OR EXISTS (SELECT 1 FROM item_categories c "
                "WHERE c.category = ? AND c.post_key = p.key))"
            )
            params += [flt.category, flt.category]
    if flt.source_id is not None:
        clauses.append("p.source_id = ?")
        params.append(flt.source_id)
    if flt.day_prefix:
        clauses.append(f"{table}.day >= ? AND {table}.day < ?")
        params += [flt.day_prefix, flt.day_prefix + "\uffff"]
    if flt.since:
        clauses.append(f"{table}.day >= ?")
        params.append(flt.since)
    if flt.until:
        clauses.append(f"{table}.day <= ?")
        params.append(flt.until)
    if flt.keys is not None:
        clauses.append(f"{table}.key IN (SELECT value FROM json_each(?))")
        params.append(json.dumps(list(flt.keys)))
    if flt.undated:
        clauses.append(f"{table}.day IS NULL")
    if flt.drafts != "include":
        clauses.append("p.draft = 1" if flt.drafts == "only" else "p.draft = 0")
    return " AND ".join(clauses), params


def _item_row(r: Sequence[object]) -> ItemRow:
    return ItemRow(
        key=str(r[0]),
        post_key=str(r[1]),
        position=int(r[2]),  # type: ignore[call-overload]
        headline=str(r[3]),
        url=_opt(r[4]),
        domain=_opt(r[5]),
        summary=str(r[6]),
        start_line=int(r[7]),  # type: ignore[call-overload]
        end_line=int(r[8]),  # type: ignore[call-overload]
        date=_date(r[9]),
        post_title=str(r[10]),
        source_id=str(r[11]),
        source_name=str(r[12]),
        section=_opt(r[13]),
        categories=tuple(json.loads(str(r[14]))),
        read=bool(r[15]),
        starred=bool(r[16]),
        story=str(r[17]),
        also_in=int(r[18]),  # type: ignore[call-overload]
    )


def item_categories(item: ExtractedItem, post_categories: tuple[str, ...]) -> tuple[str, ...]:
    """A story's categories: its section and its own category line. A story with none
    (a post that is one plain list) takes its post's categories and tags; otherwise the
    post's tags stay on the post, so a tag never lists every story of a tagged post."""
    own = tuple(dict.fromkeys(((item.section,) if item.section else ()) + item.categories))
    return own or post_categories


def _post_row(r: Sequence[object]) -> PostRow:
    return PostRow(
        key=str(r[0]),
        source_id=str(r[1]),
        source_name=str(r[2]),
        relpath=str(r[3]),
        title=str(r[4]),
        date=_date(r[5]),
        categories=tuple(json.loads(str(r[6]))),
        tags=tuple(json.loads(str(r[7]))),
        authors=tuple(Author(a["name"], a.get("link")) for a in json.loads(str(r[8]))),
        url=_opt(r[9]),
        draft=bool(r[10]),
        item_count=int(r[11]),  # type: ignore[call-overload]
        read=bool(r[12]),
        starred=bool(r[13]),
    )


def _opt(value: object) -> str | None:
    return None if value is None else str(value)


def _date(value: object) -> datetime | None:
    return datetime.fromisoformat(str(value)) if value else None


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


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
