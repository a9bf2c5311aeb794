"""The list pane: the search bar above the news list, and the reading of views.

It owns what the list shows (view, stories or posts, unread-only): it reads a view in a
worker, hands the rows to the `NewsList`, keeps its titles, and says `Loaded` when done.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message

from ...i18n import Catalogue
from ...model import ListFilter
from ..entries import Entry, EntryKind
from ..gateway import Gateway
from ..messages import ActionFailed, LibraryChanged, SearchFinished, UnreadFound
from ..search_flow import SearchFlow
from ..searching import SpanFinder
from ..view_loading import fetcher, find_unread, read_view
from ..views import ALL, View
from .news_list import NewsList
from .search_bar import SearchBar

LIVE_RELOAD_SECONDS = 2.0
"""How often library.db is checked for another process's commits (a cron sync)."""


class ListPane(Vertical):
    """Search bar and news list, and the view they show."""

    @dataclass
    class Loaded(Message):
        """A view was read and is in the list; `announced` when the cursor was moved."""

        total: int
        announced: bool

    @dataclass
    class Note(Message):
        """A line for the status bar (search results, a bad query)."""

        text: str
        error: bool

    @dataclass
    class _Rows(Message, bubble=False):
        generation: int
        total: int
        pages: dict[int, list[Entry]]
        cursor: int
        announce: bool

    def __init__(
        self,
        gateway: Gateway,
        t: Catalogue,
        today: date,
        *,
        show_drafts: bool,
        view: View = ALL,
        mode: EntryKind = "item",
        unread_only: bool = False,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self._gateway = gateway
        self._t = t
        self._today = today
        self._show_drafts = show_drafts
        self.view = view
        self.mode: EntryKind = mode
        self.unread_only = unread_only
        self.spans: SpanFinder | None = None
        self.data_version: int | None = None
        """library.db's version when the view was last read (for live reload)."""
        self._generation = 0
        self._scroll_after_load: float | None = None
        self.search = SearchFlow(
            self, gateway, t, lambda text, error: self.post_message(self.Note(text, error))
        )

    def compose(self) -> ComposeResult:
        yield SearchBar(self._t("search.placeholder"), id="search")
        yield NewsList(id="list")

    @property
    def news_list(self) -> NewsList:
        return self.query_one(NewsList)

    def on_mount(self) -> None:
        self.set_interval(LIVE_RELOAD_SECONDS, self._check_library)
        self.border_title = self._t("list.title.items")
        self.news_list.date_text = self._t.short_date
        self.news_list.set_empty_lines(["", self._t("list.loading")])

    def current_filter(self) -> ListFilter:
        return self.view.filter(self._today, unread_only=self.unread_only, drafts=self._show_drafts)

    # --- reading a view ---------------------------------------------------------------

    def load(
        self,
        *,
        keep_key: str | None = None,
        cursor: int = 0,
        announce: bool = True,
        scroll: float | None = None,
    ) -> None:
        """Read the view in a worker; `keep_key` puts the cursor back on an entry,
        `scroll` puts the list back where it was."""
        self._generation += 1
        self._scroll_after_load = scroll
        self.spans = self.search.spans()
        self._read(
            self._generation,
            self.view,
            self.mode,
            self.current_filter(),
            keep_key,
            cursor,
            announce,
        )

    @work(thread=True, exclusive=True, group="view", exit_on_error=False)
    def _read(
        self,
        generation: int,
        view: View,
        mode: EntryKind,
        flt: ListFilter,
        keep_key: str | None,
        cursor: int,
        announce: bool,
    ) -> None:
        gateway = self._gateway
        try:
            # Taken before reading, so a commit during the read is still noticed later.
            self.data_version = gateway.data_version()
            rows = read_view(gateway, view, mode, flt, keep_key, cursor)
        except sqlite3.Error as exc:
            self.post_message(ActionFailed(str(exc)))
            return
        self.post_message(self._Rows(generation, rows.total, rows.pages, rows.cursor, announce))

    @on(_Rows)
    def _rows(self, event: _Rows) -> None:
        if event.generation != self._generation:
            return
        news_list = self.news_list
        news_list.spans = self.spans if self.view.kind == "search" else None
        news_list.set_empty_lines(self._empty_lines(event.total))
        fetch = fetcher(self._gateway, self.view, self.mode, self.current_filter())
        scroll, self._scroll_after_load = self._scroll_after_load, None
        news_list.reset(
            fetch,
            event.total,
            event.pages,
            cursor=event.cursor,
            announce=event.announce,
            scroll=scroll,
        )
        t = self._t
        self.border_title = t("list.title.items" if self.mode == "item" else "list.title.posts")
        self.border_subtitle = self.count_text(event.total)
        self.post_message(self.Loaded(event.total, event.announce))

    def count_text(self, total: int) -> str:
        t = self._t
        count = t.count("list.count" if self.mode == "item" else "list.count.posts", total)
        return count + (f" · {t('list.unread_only')}" if self.unread_only else "")

    def _empty_lines(self, total: int) -> list[str]:
        everything = self.view.kind == "all" and not self.unread_only
        if total == 0 and everything:
            return ["", self._t("list.empty"), "", self._t("list.empty.hint")]
        return ["", self._t("list.empty.filtered")]

    @work(thread=True, exclusive=True, group="live", exit_on_error=False)
    def _check_library(self) -> None:
        """Poll library.db's data_version; another process's commit changes it."""
        try:
            version = self._gateway.data_version()
        except sqlite3.Error:
            return
        if self.data_version not in (None, version):
            self.data_version = version
            self.post_message(LibraryChanged())

    # --- search -----------------------------------------------------------------------

    @on(SearchBar.QueryChanged)
    def _query_changed(self, event: SearchBar.QueryChanged) -> None:
        if event.query:
            self.search.run(event.query)
        else:
            self.search.leave(keep_bar=True)

    @on(SearchBar.Accepted)
    def _search_accepted(self) -> None:
        self.news_list.focus()

    @on(SearchBar.Cancelled)
    def _search_cancelled(self) -> None:
        self.search.leave()

    @on(SearchFinished)
    def _search_finished(self, event: SearchFinished) -> None:
        event.stop()
        self.search.finished(event.found)

    # --- moving by unread and by post -------------------------------------------------

    def find_unread(self, step: int) -> bool:
        """Move to the next (`step` 1) or previous unread entry; False when there is
        none among the loaded rows and nothing more to look at. Beyond the loaded pages
        a worker looks, a page at a time, and posts `UnreadFound`."""
        news_list = self.news_list
        index = news_list.next_where(lambda e: not e.read, step)
        if index is not None:
            news_list.move_to(index)
            return True
        start = news_list.first_unloaded(step)
        if start is None:
            return False
        self._scan_unread(self.mode, self.current_filter(), start, step)
        return True

    @work(thread=True, exclusive=True, group="unread", exit_on_error=False)
    def _scan_unread(self, mode: EntryKind, flt: ListFilter, start: int, step: int) -> None:
        try:
            self.post_message(UnreadFound(find_unread(self._gateway, mode, flt, start, step)))
        except sqlite3.Error as exc:
            self.post_message(ActionFailed(str(exc)))

    @on(UnreadFound)
    def _unread_found(self, event: UnreadFound) -> None:
        event.stop()
        if event.index is None:
            self.notify(self._t("notify.no_unread"), markup=False)
        else:
            self.news_list.move_to(event.index)

    def neighbour_posts(self) -> list[Entry]:
        """A loaded story of the post after the cursor's, and of the one before."""
        news_list = self.news_list
        here = news_list.current
        if here is None:
            return []
        found = []
        for step in (1, -1):
            index = news_list.next_where(_other_post(here), step)
            entry = news_list.entry_at(index) if index is not None else None
            if entry is not None:
                found.append(entry)
        return found

    def move_to_post(self, step: int) -> None:
        """The first story of the next (`step` 1) or previous post."""
        news_list = self.news_list
        here = news_list.current
        if here is None:
            return
        index = news_list.next_where(_other_post(here), step)
        if index is None:
            return
        if step < 0:
            # Land on the first story of the previous post, not on its last.
            target = news_list.entry_at(index)
            while target is not None and index > 0:
                before = news_list.entry_at(index - 1)
                if before is None or before.post_key != target.post_key:
                    break
                index -= 1
        news_list.move_to(index)


def _other_post(here: Entry) -> Callable[[Entry], bool]:
    return lambda entry: entry.post_key != here.post_key
