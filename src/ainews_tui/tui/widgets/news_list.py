"""The list pane: one line per story (or post), drawn with the line API.

Rows are fetched lazily, a page at a time, in thread workers; only visible lines are
rendered, so 100,000 rows cost what 50 do. The model is toolong's `LogLines`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual import events, on
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.message import Message
from textual.strip import Strip

from ..entries import Entry, row_text
from ..reader_lines import LineView
from ..searching import SpanFinder

PAGE_SIZE = 200

Fetch = Callable[[int, int], list[Entry]]
"""`fetch(offset, limit)`; called from worker threads."""


class NewsList(LineView, can_focus=True, inherit_bindings=False):
    """A virtual list of entries with a cursor."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,down", "cursor_down", "Down", show=False, id="list.down"),
        Binding("k,up", "cursor_up", "Up", show=False, id="list.up"),
        Binding("home,g", "cursor_home", "First", show=False, id="list.home"),
        Binding("end,G", "cursor_end", "Last", show=False, id="list.end"),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "news-list--cursor",
        "news-list--unread",
        "news-list--read",
        "news-list--dim",
        "news-list--star",
        "news-list--mark",
        "news-list--match",
        "news-list--empty",
    }

    class Highlighted(Message):
        """The cursor rests on a loaded entry."""

        def __init__(self, news_list: NewsList, index: int, entry: Entry) -> None:
            super().__init__()
            self.news_list = news_list
            self.index = index
            self.entry = entry

        @property
        def control(self) -> NewsList:
            return self.news_list

    class Chosen(Highlighted):
        """Enter or a click on an entry."""

    class PageLoaded(Message, bubble=False):
        def __init__(self, generation: int, page: int, entries: list[Entry]) -> None:
            super().__init__()
            self.generation = generation
            self.page = page
            self.entries = entries

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._fetch: Fetch | None = None
        self._total = 0
        self._pages: dict[int, list[Entry]] = {}
        self._requested: set[int] = set()
        self._generation = 0
        self._cursor = 0
        self._announce_when_loaded = False
        self._cache: LRUCache[tuple[object, ...], Strip] = LRUCache(512)
        self.empty_lines: Sequence[str] = ()
        self.date_text: Callable[[datetime | None], str] = lambda d: f"{d:%Y-%m-%d}" if d else ""
        self.spans: SpanFinder | None = None

    # --- data -----------------------------------------------------------------------

    @property
    def total(self) -> int:
        return self._total

    @property
    def cursor(self) -> int:
        return self._cursor

    @property
    def current(self) -> Entry | None:
        """The entry under the cursor, if its page is loaded."""
        return self.entry_at(self._cursor)

    def entry_at(self, index: int) -> Entry | None:
        page = self._pages.get(index // PAGE_SIZE)
        if page is None or not 0 <= index < self._total:
            return None
        offset = index % PAGE_SIZE
        return page[offset] if offset < len(page) else None

    def loaded(self) -> list[tuple[int, Entry]]:
        """Every loaded entry with its index, in order."""
        return [
            (p * PAGE_SIZE + n, e)
            for p in sorted(self._pages)
            for n, e in enumerate(self._pages[p])
        ]

    def next_where(self, wanted: Callable[[Entry], bool], step: int) -> int | None:
        """The nearest index past the cursor (forward for `step` 1, back for -1) whose
        entry is `wanted`, looking only through loaded rows."""
        index = self._cursor + step
        while 0 <= index < self._total:
            entry = self.entry_at(index)
            if entry is None:
                return None
            if wanted(entry):
                return index
            index += step
        return None

    def first_unloaded(self, step: int) -> int | None:
        """The first index past the cursor in direction `step` whose page is not
        loaded, or None when every row that way is loaded."""
        index = self._cursor + step
        while 0 <= index < self._total:
            if self.entry_at(index) is None:
                return index
            index += step
        return None

    def reset(
        self,
        fetch: Fetch,
        total: int,
        pages: dict[int, list[Entry]],
        *,
        cursor: int = 0,
        announce: bool = True,
        scroll: float | None = None,
    ) -> None:
        """Show a new view (or the same view re-read), keeping the cursor at `cursor`
        and, when given, the list scrolled to `scroll`."""
        self._generation += 1
        self._fetch = fetch
        self._total = total
        self._pages = dict(pages)
        self._requested = set(pages)
        self._cache.clear()
        self.virtual_size = Size(self.size.width, max(total, len(self.empty_lines)))
        self._cursor = max(0, min(cursor, total - 1))
        self._announce_when_loaded = announce
        # The new virtual size takes effect at the next refresh; scrolling before it
        # would be clamped to the old (maybe one-row) view.
        if scroll is None:
            self.call_after_refresh(self._scroll_cursor_visible, center=True)
        else:
            self.call_after_refresh(self.scroll_to, y=scroll, animate=False, immediate=True)
        self.refresh()
        self._announce()

    def update_entry(self, entry: Entry) -> None:
        """Replace the loaded entry with the same key (after a read or star change)."""
        for page_no, page in self._pages.items():
            for n, old in enumerate(page):
                if old.key == entry.key:
                    page[n] = entry
                    self.refresh_line_at(page_no * PAGE_SIZE + n)

    def refresh_line_at(self, index: int) -> None:
        self._cache.clear()
        self.refresh_line(index - self.scroll_offset.y)

    def set_empty_lines(self, lines: Sequence[str]) -> None:
        self.empty_lines = lines
        self._cache.clear()
        self.virtual_size = Size(self.size.width, max(self._total, len(lines)))
        self.refresh()

    def _request_page(self, page: int) -> None:
        if page in self._requested or self._fetch is None:
            return
        self._requested.add(page)
        fetch, generation = self._fetch, self._generation

        def load() -> None:
            entries = fetch(page * PAGE_SIZE, PAGE_SIZE)
            self.post_message(self.PageLoaded(generation, page, entries))

        self.run_worker(load, thread=True, group="news-list-pages", exit_on_error=False)

    @on(PageLoaded)
    def _page_loaded(self, event: PageLoaded) -> None:
        if event.generation != self._generation:
            return
        self._pages[event.page] = event.entries
        self._cache.clear()
        self.refresh()
        self._announce()

    # --- cursor ---------------------------------------------------------------------

    def move_to(self, index: int, *, chosen: bool = False) -> None:
        """Put the cursor on `index` (clamped) and tell the screen once it is loaded."""
        if self._total == 0:
            return
        index = max(0, min(index, self._total - 1))
        old, self._cursor = self._cursor, index
        self.refresh_line_at(old)
        self.refresh_line_at(index)
        self._scroll_cursor_visible()
        self._announce_when_loaded = True
        self._announce(chosen=chosen)

    def _announce(self, *, chosen: bool = False) -> None:
        if not self._announce_when_loaded or self._total == 0:
            return
        entry = self.current
        if entry is None:
            self._request_page(self._cursor // PAGE_SIZE)
            return
        self._announce_when_loaded = False
        message = self.Chosen if chosen else self.Highlighted
        # Sent as this list's own message even when a parent's handler called reset():
        # Textual stops a message at its sender, so it would never reach the screen.
        self.post_message(message(self, self._cursor, entry).set_sender(self))

    def _scroll_cursor_visible(self, *, center: bool = False) -> None:
        # One cell wide: a full-width region is wider than the view beside the scroll bar,
        # and Textual then puts the row at the top instead of centring it, hiding the
        # rows a reload brought in above the cursor.
        region = Region(0, self._cursor, 1, 1)
        self.scroll_to_region(region, animate=False, center=center, immediate=True)

    def action_cursor_down(self) -> None:
        self.move_to(self._cursor + 1)

    def action_cursor_up(self) -> None:
        self.move_to(self._cursor - 1)

    def action_cursor_home(self) -> None:
        self.move_to(0)

    def action_cursor_end(self) -> None:
        self.move_to(self._total - 1)

    def action_page_down(self) -> None:
        self.move_to(self._cursor + max(1, self.size.height - 1))

    def action_page_up(self) -> None:
        self.move_to(self._cursor - max(1, self.size.height - 1))

    def choose(self) -> None:
        """Announce the current entry as chosen (enter)."""
        self._announce_when_loaded = True
        self._announce(chosen=True)

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is not None and self._total:
            self.move_to(offset.y + self.scroll_offset.y, chosen=event.chain > 1)

    def on_focus(self) -> None:
        self._cache.clear()
        self.refresh()

    def on_blur(self) -> None:
        self._cache.clear()
        self.refresh()

    def on_resize(self) -> None:
        self._cache.clear()
        self.virtual_size = Size(self.size.width, max(self._total, len(self.empty_lines)))

    # --- drawing --------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        index = y + self.scroll_offset.y
        width = self.drawn_width()
        base = self.drawn_style()
        if self._total == 0:
            return self._empty_line(index, width, base)
        if index >= self._total:
            return Strip.blank(width, base)
        entry = self.entry_at(index)
        if entry is None:
            self._request_page(index // PAGE_SIZE)
            return Strip.blank(width, base)
        is_cursor = index == self._cursor
        key = (entry, width, is_cursor, self.has_focus, self._generation, base)
        cached = self._cache.get(key)
        if cached is None:
            cached = self._draw(entry, width, is_cursor, base)
            self._cache[key] = cached
        return cached

    def _draw(self, entry: Entry, width: int, is_cursor: bool, base: Style) -> Strip:
        style = self.get_component_rich_style
        row_style = base + style("news-list--read" if entry.read else "news-list--unread")
        dim = base + style("news-list--dim")
        text = row_text(
            entry,
            width,
            date_text=self.date_text(entry.date),
            base=row_style,
            dim=dim,
            star=base + style("news-list--star"),
            unread_mark=base + style("news-list--mark"),
            match=style("news-list--match"),
            spans=self.spans(entry.headline) if self.spans else [],
        )
        if is_cursor:
            cursor = style("news-list--cursor")
            if not self.has_focus:
                cursor = Style(bgcolor=cursor.bgcolor, dim=False) if cursor.bgcolor else cursor
            text.stylize(cursor)
        return Strip(list(text.render(self.app.console)), width).adjust_cell_length(width, base)

    def _empty_line(self, index: int, width: int, base: Style) -> Strip:
        if index >= len(self.empty_lines):
            return Strip.blank(width, base)
        text = Text(
            "  " + self.empty_lines[index],
            no_wrap=True,
            overflow="ellipsis",
            style=base + self.get_component_rich_style("news-list--empty"),
        )
        text.truncate(width, pad=True)
        return Strip(list(text.render(self.app.console)), width).adjust_cell_length(width, base)
