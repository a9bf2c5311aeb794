"""The three panes (sidebar | list | reader) and the workers that feed them.

Key actions live in `main.MainScreen`, which builds on this."""

from __future__ import annotations

import sqlite3
from dataclasses import replace

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.cache import LRUCache
from textual.containers import Horizontal, Vertical
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer
from textual.worker import get_current_worker

from ...model import ListFilter, SidebarCounts
from ..also_in import also_in_lines
from ..context import ReaderContext
from ..entries import Entry, EntryKind
from ..markdown_lines import RenderedPost, header_renderables, render_post
from ..messages import (
    ActionFailed,
    CopiesLoaded,
    CountsLoaded,
    LibraryChanged,
    NeverSynced,
    PostMissing,
    PostRendered,
    StateSaved,
    ViewLoaded,
)
from ..searching import span_finder
from ..views import ALL, View
from ..widgets.news_list import PAGE_SIZE, Fetch, NewsList
from ..widgets.reader import ReaderView
from ..widgets.search_bar import SearchBar
from ..widgets.sidebar import Sidebar
from ..widgets.status import StatusLine

SHOW_DELAY = 0.12
"""Seconds the cursor must rest before the reader loads the story (holding `j` skims)."""
LIVE_RELOAD_SECONDS = 2.0


class PanesScreen(Screen[None]):
    """Layout, view loading, showing stories, read/star saving and live reload."""

    def __init__(
        self,
        ctx: ReaderContext,
        *,
        view: View = ALL,
        mode: EntryKind = "item",
        unread_only: bool = False,
        selected_key: str | None = None,
    ) -> None:
        super().__init__()
        self.ctx = ctx
        self.t = ctx.t
        self.view = view
        self.search_view: View | None = view if view.kind == "search" else None
        self.view_before_search: View = ALL
        self.mode: EntryKind = mode
        self.unread_only = unread_only
        self.shown: Entry | None = None
        self.rendered: RenderedPost | None = None
        self.terms: tuple[str, ...] = ()
        self.counts: SidebarCounts | None = None
        self._selected_key = selected_key
        self._generation = 0
        self._show_timer: Timer | None = None
        self._cache: LRUCache[tuple[str, int], RenderedPost] = LRUCache(24)
        self._data_version: int | None = None
        self.copies: list[Entry] = []
        """Every copy of the shown story, earliest first (empty: no other digest)."""
        self._redraw_shown = False
        """Set when the shown post changed on disk: draw it again once the view is re-read."""
        self._keep_offset: int | None = None
        """Lines the reader was scrolled past the shown story's start, kept across a redraw."""

    def compose(self) -> ComposeResult:
        with Horizontal(id="panes"):
            yield Sidebar(self.t, id="sidebar")
            with Vertical(id="list-pane"):
                yield SearchBar(self.t("search.placeholder"), id="search")
                yield NewsList(id="list")
            yield ReaderView(id="reader")
        yield StatusLine(id="status")
        yield Footer()

    @property
    def news_list(self) -> NewsList:
        return self.query_one(NewsList)

    @property
    def reader(self) -> ReaderView:
        return self.query_one(ReaderView)

    @property
    def sidebar(self) -> Sidebar:
        return self.query_one(Sidebar)

    @property
    def status(self) -> StatusLine:
        return self.query_one(StatusLine)

    def on_mount(self) -> None:
        self.sidebar.set_source_names({s.id: s.name for s in self.ctx.settings.sources})
        self.news_list.date_text = self.t.short_date
        self.query_one("#list-pane").border_title = self.t("list.title.items")
        self.reader.show_message([self.t("reader.empty")])
        self.news_list.set_empty_lines(["", self.t("list.loading")])
        self.news_list.focus()
        self.load_view(keep_key=self._selected_key)
        # Counts are read after the list: the list is what the user looks at first.
        self.refresh_counts()
        self.set_interval(LIVE_RELOAD_SECONDS, self.check_library)
        self._sync_if_first_use()

    @work(thread=True, group="first-use", exit_on_error=False)
    def _sync_if_first_use(self) -> None:
        """A source never synced (first run, or just added) is synced in the background."""
        sources = self.ctx.settings.sources
        try:
            synced = self.ctx.gateway.run(
                lambda library: {s.id for s in library.source_stats() if s.last_sync}
            )
        except sqlite3.Error:
            return
        if any(s.id not in synced for s in sources):
            self.post_message(NeverSynced())

    # --- loading a view ---------------------------------------------------------------

    def current_filter(self) -> ListFilter:
        return self.view.filter(self.ctx.today, unread_only=self.unread_only)

    def load_view(
        self, *, keep_key: str | None = None, cursor: int = 0, announce: bool = True
    ) -> None:
        """Read the current view in a worker; `keep_key` puts the cursor back on an entry."""
        self._generation += 1
        self._load_view(
            self._generation,
            self.view,
            self.mode,
            self.current_filter(),
            keep_key,
            cursor,
            announce,
        )

    @work(thread=True, exclusive=True, group="view", exit_on_error=False)
    def _load_view(
        self,
        generation: int,
        view: View,
        mode: EntryKind,
        flt: ListFilter,
        keep_key: str | None,
        cursor: int,
        announce: bool,
    ) -> None:
        gateway = self.ctx.gateway
        try:
            # Taken before reading, so a commit during the read is still noticed later.
            self._data_version = gateway.data_version()
            total = gateway.count(mode, flt)
            pages: dict[int, list[Entry]] = {}
            if view.kind == "search":
                rows = gateway.entries(mode, flt, 0, len(view.keys) or 1)
                rank = {key: n for n, key in enumerate(view.keys)}
                rows.sort(key=lambda e: rank.get(e.key, len(rank)))
                pages = {
                    p: rows[p * PAGE_SIZE : (p + 1) * PAGE_SIZE]
                    for p in range(len(rows) // PAGE_SIZE + 1)
                }
                total = len(rows)
            else:
                page = cursor // PAGE_SIZE
                for p in {max(0, page - 1), page, page + 1}:
                    if p * PAGE_SIZE < total:
                        pages[p] = gateway.entries(mode, flt, p * PAGE_SIZE, PAGE_SIZE)
        except sqlite3.Error as exc:
            self.post_message(ActionFailed(str(exc)))
            return
        if keep_key is not None:
            loaded = [
                (p * PAGE_SIZE + n, e.key) for p, es in pages.items() for n, e in enumerate(es)
            ]
            cursor = next((i for i, k in loaded if k == keep_key), cursor)
        self.post_message(ViewLoaded(generation, total, pages, cursor, announce))

    @on(ViewLoaded)
    def _view_loaded(self, event: ViewLoaded) -> None:
        if event.generation != self._generation:
            return
        if self.counts is not None:
            self.sidebar.update_counts(self.counts, self.view, self.search_view)
        news_list = self.news_list
        news_list.spans = span_finder(self.terms) if self.view.kind == "search" else None
        news_list.set_empty_lines(self._empty_lines(event.total))
        fetch = self._fetcher(self.mode, self.current_filter(), self.view)
        news_list.reset(
            fetch, event.total, event.pages, cursor=event.cursor, announce=event.announce
        )
        if event.total == 0 and event.announce:
            self.shown = None
            self.reader.show_message([self.t("list.empty.filtered")])
        self._update_titles(event.total)
        if self._redraw_shown:
            self._redraw_shown = False
            self._redraw(news_list.current)

    def _fetcher(self, mode: EntryKind, flt: ListFilter, view: View) -> Fetch:
        if view.kind == "search":
            # Search results arrive whole and ranked; there is never a page to fetch.
            return lambda offset, limit: []
        gateway = self.ctx.gateway
        return lambda offset, limit: gateway.entries(mode, flt, offset, limit)

    def _empty_lines(self, total: int) -> list[str]:
        everything = self.view.kind == "all" and not self.unread_only
        if total == 0 and everything:
            return ["", self.t("list.empty"), "", self.t("list.empty.hint")]
        return ["", self.t("list.empty.filtered")]

    def _update_titles(self, total: int) -> None:
        title = self.t("list.title.items" if self.mode == "item" else "list.title.posts")
        count = self.t.count("list.count" if self.mode == "item" else "list.count.posts", total)
        suffix = f" · {self.t('list.unread_only')}" if self.unread_only else ""
        pane = self.query_one("#list-pane")
        pane.border_title = title
        pane.border_subtitle = count + suffix
        self.status.set_view(f"{self.view_name()} · {count}{suffix}")

    def view_name(self) -> str:
        view, t = self.view, self.t
        if view.kind in ("all", "unread", "starred", "today", "covered"):
            return t(f"view.{view.kind}")
        if view.kind == "search":
            return t("view.search", query=view.value)
        if view.kind == "source":
            source = self.ctx.settings.source(view.value)
            return source.name if source else view.value
        return view.value

    def refresh_counts(self) -> None:
        self._load_counts()

    @work(thread=True, exclusive=True, group="counts", exit_on_error=False)
    def _load_counts(self) -> None:
        try:
            self.post_message(CountsLoaded(self.ctx.gateway.counts(self.ctx.today)))
        except sqlite3.Error as exc:
            self.post_message(ActionFailed(str(exc)))

    @on(CountsLoaded)
    def _counts_loaded(self, event: CountsLoaded) -> None:
        self.counts = event.counts
        self.sidebar.update_counts(event.counts, self.view, self.search_view)

    def say(
        self, message: str, *, severity: SeverityLevel = "information", timeout: float | None = None
    ) -> None:
        """A notification whose text is never read as markup (it quotes user data)."""
        self.notify(message, severity=severity, timeout=timeout, markup=False)

    @on(ActionFailed)
    def _action_failed(self, event: ActionFailed) -> None:
        self.say(self.t("notify.library_error", error=event.error), severity="error")

    @on(Sidebar.ViewChosen)
    def _view_chosen(self, event: Sidebar.ViewChosen) -> None:
        self.view = event.view
        self.load_view()

    # --- showing a story ----------------------------------------------------------------

    @on(NewsList.Highlighted)
    def _highlighted(self, event: NewsList.Highlighted) -> None:
        if isinstance(event, NewsList.Chosen):
            return
        if self._show_timer is not None:
            self._show_timer.stop()
        entry = event.entry
        if self.shown is None:
            self.show_entry(entry)  # the first story of a session: nothing to skim past
            return
        self._show_timer = self.set_timer(SHOW_DELAY, lambda: self.show_entry(entry))

    @on(NewsList.Chosen)
    def _chosen(self, event: NewsList.Chosen) -> None:
        if self._show_timer is not None:
            self._show_timer.stop()
        self.show_entry(event.entry)
        self.reader.focus()

    def show_entry(self, entry: Entry) -> None:
        """Show `entry` in the reader (rendering its post if needed) and mark it read."""
        self._keep_offset = None
        same_post = self.rendered is not None and self.rendered.key == entry.post_key
        self.shown = entry
        width = self.reader.text_width
        cached = self._cache.get((entry.post_key, width))
        if same_post and self.rendered is not None and self.rendered.width == width:
            self._present(entry, self.rendered, first=True)
        elif cached is not None:
            self._present(entry, cached, first=True)
        else:
            self.reader.show_message([self.t("reader.rendering")])
            self._render_post(entry, width)
        if self.ctx.settings.mark_read_on_open and not entry.read:
            self.save_state([entry], read=True)
        self._show_copies(entry)

    # --- other digests carrying the story -------------------------------------------

    def _show_copies(self, entry: Entry) -> None:
        """List the other copies of `entry`'s story under it in the reader."""
        if entry.kind != "item" or not entry.also_in:
            self.copies = []
        elif not any(c.story == entry.story for c in self.copies):
            self.copies = []
            self._load_copies(entry)
        self.reader.set_note(also_in_lines(self.t, self.copies, entry.key))

    @work(thread=True, exclusive=True, group="copies", exit_on_error=False)
    def _load_copies(self, entry: Entry) -> None:
        try:
            copies = self.ctx.gateway.copies(entry.story)
        except sqlite3.Error as exc:
            self.post_message(ActionFailed(str(exc)))
            return
        self.post_message(CopiesLoaded(entry, copies))

    @on(CopiesLoaded)
    def _copies_loaded(self, event: CopiesLoaded) -> None:
        shown = self.shown
        if shown is not None and shown.story == event.entry.story:
            self.copies = event.copies
            self.reader.set_note(also_in_lines(self.t, self.copies, shown.key))

    @work(thread=True, exclusive=True, group="render", exit_on_error=False)
    def _render_post(self, entry: Entry, width: int) -> None:
        gateway = self.ctx.gateway
        try:
            loaded = gateway.post(entry.post_key)
            stories = (
                gateway.run(
                    lambda lib: [
                        (i.start_line, i.end_line)
                        for i in lib.list_items(
                            ListFilter(keys=tuple(lib.item_keys_of(entry.post_key)))
                        )
                    ]
                )
                if loaded
                else []
            )
        except sqlite3.Error as exc:
            self.post_message(ActionFailed(str(exc)))
            return
        if loaded is None:
            self.post_message(PostMissing(entry))
            return
        post, body = loaded
        header = header_renderables(post, self.t, self.t.long_date(post.date))
        target = entry.start_line if entry.kind == "item" else None
        worker = get_current_worker()
        for n, rendered in enumerate(
            render_post(
                post,
                body,
                stories,
                width,
                header,
                target=target,
                cancelled=lambda: worker.is_cancelled,
            )
        ):
            self.post_message(PostRendered(entry, rendered, first=n == 0))

    @on(PostRendered)
    def _post_rendered(self, event: PostRendered) -> None:
        if event.post.complete:
            self._cache[(event.post.key, event.post.width)] = event.post
        shown = self.shown
        if shown is None or shown.post_key != event.post.key:
            return
        if shown.key == event.entry.key:
            self._present(shown, event.post, first=event.first)
        elif event.post.complete:
            # The user moved to another story of this post while it rendered.
            self._present(shown, event.post, first=False)

    def _present(self, entry: Entry, post: RenderedPost, *, first: bool) -> None:
        previous, self.rendered = self.rendered, post
        reader = self.reader
        reader.spans = span_finder(self.terms) if self.terms else None
        start = entry.start_line if entry.kind == "item" else None
        if first and self._keep_offset is not None:
            # The post changed on disk while shown: stay as far into the story as before.
            reader.show(post, start, scroll=False)
            top = post.items[start][0] if start in post.items else 0
            reader.scroll_to(0, max(0, top + self._keep_offset), animate=False, immediate=True)
        elif first:
            reader.show(post, start, scroll=True)
            line = reader.first_match() if reader.spans is not None else None
            if line is not None:
                reader.scroll_to_line(line)
        else:
            # The whole post replaces its first chunk: keep the reader where it was
            # relative to the story.
            delta = 0
            if previous is not None and start in previous.items:
                delta = int(reader.scroll_y) - previous.items[start][0]
            reader.show(post, start, scroll=False)
            if start in post.items:
                reader.scroll_to(
                    0, max(0, post.items[start][0] + delta), animate=False, immediate=True
                )
        reader.border_title = Text(entry.headline) if entry.kind == "item" else None
        if post.complete:
            self._keep_offset = None

    @on(PostMissing)
    def _post_missing(self, event: PostMissing) -> None:
        if self.shown is not None and self.shown.key == event.entry.key:
            self.reader.show_message([self.t("reader.missing")])

    @on(ReaderView.WidthChanged)
    def _reader_resized(self, event: ReaderView.WidthChanged) -> None:
        if self.shown is not None:
            self._render_post(self.shown, event.width)

    # --- live reload ------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="live", exit_on_error=False)
    def check_library(self) -> None:
        """Poll library.db's data_version; another process's commit changes it."""
        try:
            version = self.ctx.gateway.data_version()
        except sqlite3.Error:
            return
        if self._data_version is not None and version != self._data_version:
            self._data_version = version
            self.post_message(LibraryChanged())

    @on(LibraryChanged)
    def _library_changed(self) -> None:
        self.reload_in_place()

    def _redraw(self, current: Entry | None) -> None:
        """Render the shown post again (it changed), keeping the reader's place in it;
        the re-read list's entry is used when it is the same story (its lines moved)."""
        shown, rendered = self.shown, self.rendered
        if shown is None:
            return
        entry = current if current is not None and current.key == shown.key else shown
        start = shown.start_line if shown.kind == "item" else None
        offset = int(self.reader.scroll_y)
        if rendered is not None and start in rendered.items:
            offset -= rendered.items[start][0]
        self.shown, self._keep_offset = entry, offset
        self._render_post(entry, self.reader.text_width)

    def reload_in_place(self, *, redraw_shown: bool = False) -> None:
        """Re-read the view after new data, keeping the cursor on the same entry."""
        self._redraw_shown = self._redraw_shown or redraw_shown
        self._cache.clear()
        self.refresh_counts()
        current = self.news_list.current
        self.load_view(
            keep_key=current.key if current else None, cursor=self.news_list.cursor, announce=False
        )

    def save_state(
        self, entries: list[Entry], *, read: bool | None = None, starred: bool | None = None
    ) -> None:
        """Write read/star flags to state.db in a worker, then redraw those rows."""
        self._save_state(entries, read, starred)

    @work(thread=True, group="state", exit_on_error=False)
    def _save_state(self, entries: list[Entry], read: bool | None, starred: bool | None) -> None:
        gateway = self.ctx.gateway
        try:
            if read is not None:
                items = [e.key for e in entries if e.kind == "item"]
                posts = [e.post_key for e in entries if e.kind == "post"]
                gateway.set_read(items + gateway.item_keys_of_posts(posts), read)
            if starred is not None:
                gateway.set_starred([e.key for e in entries], starred)
        except sqlite3.Error as exc:
            self.post_message(ActionFailed(str(exc)))
            return
        self.post_message(StateSaved([e.with_state(read=read, starred=starred) for e in entries]))

    @on(StateSaved)
    def _state_saved(self, event: StateSaved) -> None:
        self.update_entries(event.entries)
        self.refresh_counts()

    def update_entries(self, entries: list[Entry]) -> None:
        # Other copies of a marked story in the list show the change too.
        stories = {e.story: e for e in entries if e.kind == "item" and e.story != e.key}
        for _, loaded in self.news_list.loaded():
            marked = stories.get(loaded.story)
            if marked is not None and loaded.key != marked.key:
                self.news_list.update_entry(
                    loaded.with_state(read=marked.read, starred=marked.starred)
                )
        for entry in entries:
            self.news_list.update_entry(entry)
            if self.shown is not None and self.shown.key == entry.key:
                self.shown = replace(self.shown, read=entry.read, starred=entry.starred)
