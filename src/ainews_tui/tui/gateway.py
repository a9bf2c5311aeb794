"""The reader's access to library.db and state.db from worker threads.

sqlite3 connections are opened with check_same_thread=False but must not be used by two
threads at once, so every call goes through one lock. Sync uses its own Session (and so
its own connections) and never holds this lock.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date
from typing import TypeVar

from ..config import Settings
from ..model import ListFilter, PostRow, SidebarCounts
from ..paths import AppPaths
from ..session import Session
from ..store.library import Library
from .entries import Entry, EntryKind
from .views import covered_since

T = TypeVar("T")


class Gateway:
    """One pair of connections shared by the reader's workers, one call at a time."""

    def __init__(self, paths: AppPaths, settings: Settings) -> None:
        self.paths = paths
        self.settings = settings
        self._session = Session(paths, settings)
        self._lock = threading.Lock()

    def run(self, job: Callable[[Library], T]) -> T:
        """Run `job` with the library while holding the lock."""
        with self._lock:
            return job(self._session.library)

    def entries(self, kind: EntryKind, flt: ListFilter, offset: int, limit: int) -> list[Entry]:
        def fetch(library: Library) -> list[Entry]:
            if kind == "item":
                return [
                    Entry.from_item(r) for r in library.list_items(flt, limit=limit, offset=offset)
                ]
            return [Entry.from_post(r) for r in library.list_posts(flt, limit=limit, offset=offset)]

        return self.run(fetch)

    def count(self, kind: EntryKind, flt: ListFilter) -> int:
        def count(library: Library) -> int:
            if kind == "item":
                # Hiding drafts joins posts into the count (~100x slower for All); with
                # no draft in the library there is nothing to hide.
                needless = flt.drafts == "hide" and not library.has_drafts()
                return library.count_items(replace(flt, drafts="include") if needless else flt)
            return len(library.list_posts(flt))

        return self.run(count)

    def counts(self, today: date, drafts: bool) -> SidebarCounts:
        return self.run(
            lambda library: library.sidebar_counts(
                today, drafts=drafts, covered_since=covered_since(today)
            )
        )

    def copies(self, story: str) -> list[Entry]:
        """Every item carrying `story`, earliest first."""
        return self.run(lambda library: [Entry.from_item(r) for r in library.copies(story)])

    def post(self, key: str) -> tuple[PostRow, str] | None:
        """A post and its Markdown body, or None when it has gone."""

        def load(library: Library) -> tuple[PostRow, str] | None:
            row = library.get_post(key)
            body = library.post_body(key)
            return (row, body) if row is not None and body is not None else None

        return self.run(load)

    def data_version(self) -> int:
        return self.run(lambda library: library.data_version())

    def set_read(self, keys: Sequence[str], read: bool) -> None:
        """Durable at once: state.db commits with synchronous=FULL before this returns."""
        with self._lock:
            self._session.state.set_read(self._session.library.with_stories(keys), read)

    def set_starred(self, keys: Sequence[str], starred: bool) -> None:
        with self._lock:
            self._session.state.set_starred(self._session.library.with_stories(keys), starred)

    def item_keys_of_posts(self, post_keys: Sequence[str]) -> list[str]:
        def keys(library: Library) -> list[str]:
            return [k for p in post_keys for k in library.item_keys_of(p)]

        return self.run(keys)

    def unread_item_keys_in_view(self, kind: EntryKind, flt: ListFilter) -> list[str]:
        """The unread stories a view shows (what `A` changes, so undo can restore
        exactly those); in the posts view, the unread stories of its posts."""
        unread = replace(flt, unread_only=True)

        def keys(library: Library) -> list[str]:
            if kind == "item":
                return [r.key for r in library.list_items(unread)]
            keys = [k for p in library.list_posts(unread) for k in library.item_keys_of(p.key)]
            return [
                r.key for r in library.list_items(ListFilter(keys=tuple(keys), unread_only=True))
            ]

        return self.run(keys)

    def close(self) -> None:
        with self._lock:
            self._session.close()
