"""The reader's access to library.db and state.db from worker threads.

A sqlite3 connection must not be used by two threads at once, and one lock around a
single pair of connections made every read wait for the slowest: the sidebar's counts
(0.6 s at 10,000 posts) held a post's load back by as long. So each call borrows a
pair of connections (a `Session`) from a small pool; in WAL mode readers never block
each other, and a writer blocks no reader. Sync uses its own Session.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import replace
from datetime import date
from typing import TypeVar

from ..config import Settings
from ..model import ListFilter, PostRow, SidebarCounts
from ..paths import AppPaths
from ..session import Session
from ..store.library import Library
from .entries import Entry, EntryKind
from .sidebar_counts import CountChange
from .views import covered_since

T = TypeVar("T")


CONNECTIONS = 4
"""At most this many pairs of connections: the list, the counts, a post and a search
can then all read at once."""


class Gateway:
    """A pool of connection pairs for the reader's workers, one call per pair at a time."""

    def __init__(self, paths: AppPaths, settings: Settings, first: Session | None = None) -> None:
        self.paths = paths
        self.settings = settings
        self._free: list[Session] = [first] if first is not None else []
        self._opened = len(self._free)
        self._closed = False
        self._pool = threading.Condition()
        self._marking = threading.Lock()
        """Held while a mark writes (and counts around its write), one at a time."""
        self._marks = 0
        """Marks committed so far in this run."""

    @contextmanager
    def _session(self) -> Iterator[Session]:
        """A session no other thread uses until it is given back (opened on first use:
        its connections open when the job first reads)."""
        with self._pool:
            while not self._free and self._opened >= CONNECTIONS:
                self._pool.wait()
            if self._free:
                session = self._free.pop()
            else:
                session = Session(self.paths, self.settings)
                self._opened += 1
        try:
            yield session
        finally:
            with self._pool:
                if self._closed:
                    session.close()
                else:
                    self._free.append(session)
                self._pool.notify()

    def run(self, job: Callable[[Library], T]) -> T:
        """Run `job` with a library connection of its own."""
        with self._session() as session:
            return job(session.library)

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

    def counts(self, today: date, drafts: bool) -> tuple[int, SidebarCounts]:
        """Every sidebar count, and the number of marks they include (see `mark`)."""
        with self._session() as session, ExitStack() as snapshot:
            library = session.library
            with self._marking:
                # No mark can commit between reading its number and the snapshot.
                snapshot.enter_context(library.snapshot())
                marks = self._marks
            counts = library.sidebar_counts(
                today, drafts=drafts, covered_since=covered_since(today)
            )
            return marks, counts

    def copies(self, story: str) -> list[Entry]:
        """Every item carrying `story`, earliest first."""
        return self.run(lambda library: [Entry.from_item(r) for r in library.copies(story)])

    def post(self, key: str) -> tuple[PostRow, str, list[tuple[int, int]]] | None:
        """A post, its Markdown body and its stories' lines, or None when it has gone."""

        def load(library: Library) -> tuple[PostRow, str, list[tuple[int, int]]] | None:
            row = library.get_post(key)
            body = library.post_body(key)
            if row is None or body is None:
                return None
            return row, body, library.story_lines(key)

        return self.run(load)

    def data_version(self) -> int:
        return self.run(lambda library: library.data_version())

    def mark(
        self,
        read_keys: Sequence[str],
        star_keys: Sequence[str],
        *,
        read: bool | None = None,
        starred: bool | None = None,
        today: date,
        drafts: bool,
    ) -> CountChange:
        """Set read and/or star flags (with every copy of their stories) and say how the
        sidebar's counts changed: the marked items are counted just before and just
        after, one mark at a time. Durable at once: state.db commits with
        synchronous=FULL before this returns."""
        with self._session() as session, self._marking:
            library, state = session.library, session.state
            read_keys = library.with_stories(read_keys) if read is not None else []
            star_keys = library.with_stories(star_keys) if starred is not None else []
            # Looked up once: a sync adding a copy between the two counts must not
            # change what they count.
            marked = tuple(library.marked_items(list(dict.fromkeys([*read_keys, *star_keys]))))

            def count() -> SidebarCounts:
                return library.sidebar_counts(
                    today, drafts=drafts, covered_since=covered_since(today), only=marked
                )

            before = count()
            if read is not None:
                state.set_read(read_keys, read)
            if starred is not None:
                state.set_starred(star_keys, starred)
            after = count()
            self._marks += 1
            return CountChange(self._marks, before, after)

    def set_read(self, keys: Sequence[str], read: bool) -> None:
        """Durable at once, as `mark`; for many keys (`A`), whose counts are read anew."""
        with self._session() as session, self._marking:
            session.state.set_read(session.library.with_stories(keys), read)
            self._marks += 1

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
        """Close the idle sessions now, and the busy ones when their calls return."""
        with self._pool:
            self._closed = True
            for session in self._free:
                session.close()
            self._free = []
