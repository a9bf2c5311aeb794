"""The library's reads: lists, counts and lookups that the CLI, the reader and sync ask
of library.db (with state.db attached as `st`). `Library` inherits them."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from datetime import date, datetime
from typing import TYPE_CHECKING

from ..model import (
    Count,
    FeedState,
    ItemRow,
    ListFilter,
    PostRow,
    SidebarCounts,
)
from ..stories.flags import joins
from .rows import (
    ALL,
    ITEM_COLUMNS,
    ITEM_FROM,
    POST_COLUMNS,
    POST_FROM,
    READ,
    STARRED,
    SourceStats,
    filter_sql,
    item_row,
    opt,
    post_row,
)
from .state import KeyState

if TYPE_CHECKING:
    from ..search.engine import SearchResults


class LibraryReads:
    """Read queries over the library's connection."""

    _conn: sqlite3.Connection

    def list_items(
        self, flt: ListFilter = ALL, *, limit: int | None = None, offset: int = 0
    ) -> list[ItemRow]:
        where, params = filter_sql(flt, "i")
        rank = "also_in DESC, " if flt.covered_since else ""
        if flt.unique_stories:
            # The earliest copy among those the filter selects stands for its story, so
            # `--source X --unique` still lists a story another source carried first.
            # Only row ids go through the window: also_in is computed for listed rows.
            earliest = (
                "SELECT rid FROM (SELECT i.rowid AS rid, row_number() OVER ("
                "PARTITION BY i.story ORDER BY i.sort_ts, i.key) AS copy "
                f"{ITEM_FROM} WHERE {where}) WHERE copy = 1"
            )
            where = f"i.rowid IN ({earliest})"
        sql = (
            f"SELECT {ITEM_COLUMNS} {ITEM_FROM} WHERE {where} "
            f"ORDER BY {rank}i.sort_ts DESC, i.post_key DESC, i.position LIMIT ? OFFSET ?"
        )
        rows = self._conn.execute(sql, (*params, -1 if limit is None else limit, offset))
        return [item_row(r) for r in rows]

    def count_items(self, flt: ListFilter = ALL) -> int:
        where, params = filter_sql(flt, "i")
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
        where, params = filter_sql(flt, "p")
        sql = (
            f"SELECT {POST_COLUMNS} {POST_FROM} WHERE {where} "
            "ORDER BY p.sort_ts DESC, p.key DESC LIMIT ? OFFSET ?"
        )
        rows = self._conn.execute(sql, (*params, -1 if limit is None else limit, offset))
        return [post_row(r) for r in rows]

    def get_item(self, key: str) -> ItemRow | None:
        row = self._conn.execute(
            f"SELECT {ITEM_COLUMNS} {ITEM_FROM} WHERE i.key = ?", (key,)
        ).fetchone()
        return item_row(row) if row else None

    def get_post(self, key: str) -> PostRow | None:
        row = self._conn.execute(
            f"SELECT {POST_COLUMNS} {POST_FROM} WHERE p.key = ?", (key,)
        ).fetchone()
        return post_row(row) if row else None

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
        return [(str(k), str(h), opt(u)) for k, h, u in rows]

    def story_lines(self, post_key: str) -> list[tuple[int, int]]:
        """Where each of a post's stories starts and ends in its body, in order (the
        reader's ListFilter(keys=…) read of the same took 17 ms for a 487-story post)."""
        rows = self._conn.execute(
            "SELECT start_line, end_line FROM items WHERE post_key = ? ORDER BY position",
            (post_key,),
        )
        return [(int(a), int(b)) for a, b in rows]

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
            f"SELECT {ITEM_COLUMNS} {ITEM_FROM} WHERE i.story = ? ORDER BY i.sort_ts, i.key",
            (story,),
        )
        return [item_row(r) for r in rows]

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
        self,
        today: date | None = None,
        *,
        drafts: bool = True,
        covered_since: str | None = None,
        only: tuple[str, ...] | None = None,
    ) -> SidebarCounts:
        """Every count the sidebar shows, from aggregate SQL (no Python loops over rows).
        Without `drafts`, stories of draft posts are left out of every count but their own.
        `covered_since` is the first day of the Most covered view. With `only` (item keys,
        as `marked_items` gives them), only those items are counted: read just before and
        after a mark, they say what the mark changed in every count."""
        day = (today or date.today()).isoformat()
        base = f"FROM items i JOIN posts p ON p.key = i.post_key {joins()}"
        shown = "1" if drafts else "p.draft = 0"
        keyed = ""
        within: list[object] = []
        if only is not None:
            clause, within = filter_sql(ListFilter(keys=only, drafts="include"), "i")
            keyed = f" AND {clause}"
        shown += keyed
        row = self._conn.execute(
            f"SELECT count(*), sum(NOT {READ}), sum({STARRED}), "
            f"sum({STARRED} AND NOT {READ}), "
            f"sum(i.day = ?), sum(i.day = ? AND NOT {READ}), "
            f"sum(i.day IS NULL), sum(i.day IS NULL AND NOT {READ}) "
            f"{base} WHERE {shown}",
            (day, day, *within),
        ).fetchone()
        total, unread, starred, starred_unread, today_total, today_unread = row[:6]
        undated, undated_unread = row[6:]
        draft_total, draft_unread = self._conn.execute(
            f"SELECT count(*), sum(NOT {READ}) {base} WHERE p.draft = 1{keyed}", within
        ).fetchone()
        days = self._conn.execute(
            f"SELECT i.day, count(*), sum(NOT {READ}) {base} "
            f"WHERE i.day IS NOT NULL AND {shown} GROUP BY i.day ORDER BY i.day DESC",
            within,
        )
        categories = self._conn.execute(
            f"SELECT c.category, count(*), sum(NOT {READ}) FROM item_categories c "
            + (
                ""
                if drafts and only is None
                else "JOIN items i ON i.key = c.item_key JOIN posts p ON p.key = i.post_key "
            )
            + f"{joins('c', 's', 'g', key='item_key')} WHERE {shown} "
            "GROUP BY c.category ORDER BY count(*) DESC, c.category",
            within,
        )
        sources = self._conn.execute(
            f"SELECT p.source_id, count(*), sum(NOT {READ}) {base} WHERE {shown} "
            "GROUP BY p.source_id ORDER BY p.source_id",
            within,
        )
        covered = ListFilter(covered_since=covered_since or day, keys=only)
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

    def marked_items(self, keys: Sequence[str]) -> list[str]:
        """The items a mark of `keys` (with their stories) changes: those keys, and every
        copy of those stories."""
        listed = json.dumps(list(keys))
        rows = self._conn.execute(
            "SELECT key FROM items WHERE key IN (SELECT value FROM json_each(?)) "
            "UNION SELECT key FROM items WHERE story IN (SELECT value FROM json_each(?))",
            (listed, listed),
        )
        return [r[0] for r in rows]

    @contextmanager
    def snapshot(self) -> Iterator[None]:
        """Reads inside see library.db and state.db as they were on entering (WAL gives
        a read transaction one snapshot of each file, taken at its first read)."""
        self._conn.execute("BEGIN")
        try:
            self._conn.execute("SELECT 1 FROM items LIMIT 1").fetchall()
            self._conn.execute("SELECT 1 FROM st.state LIMIT 1").fetchall()
            yield
        finally:
            self._conn.execute("COMMIT")

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
        # Imported here: the engine and its query patterns cost commands that never
        # search (list, mark, show) a fifth of their start-up.
        from ..search.engine import search

        return search(self._conn, query, limit=limit, posts=posts)

    def data_version(self) -> int:
        """Changes whenever another connection commits to library.db (for live reload)."""
        return int(self._conn.execute("PRAGMA data_version").fetchone()[0])
