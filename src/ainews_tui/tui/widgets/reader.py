"""The reader pane: it loads, renders and caches posts itself and scrolls finished lines.

`show_entry` is all a screen calls. The post is read and rendered in a thread worker
(see `markdown_lines`); a newer story cancels the stale render (`exclusive`), results
come back as messages, and rendered posts are cached by (post, width), so a 400 KB post
never blocks key handling and returning to a post is instant. The model is frogmouth's
`widgets/viewer.py`: the viewer owns its loading and says what happened by messages.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import on, work
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.strip import Strip
from textual.timer import Timer
from textual.worker import Worker, get_current_worker

from ...i18n import Catalogue
from ..also_in import also_in_lines
from ..entries import Entry
from ..gateway import Gateway
from ..markdown_lines import RenderedPost
from ..messages import ActionFailed
from ..post_render import rendered_post
from ..reader_lines import Highlights, LineView, padded
from ..searching import SpanFinder

GUTTER = 2
"""Cells left of the text: a bar marks the selected story."""
CACHED_POSTS = 24
BURST_GAP = 0.05
"""A story shown within this many seconds of the one before is part of a burst (a held
`j`): its post loads once the burst pauses; after a pause a story's post loads at once."""
PREFETCH_REST = 0.3
"""Seconds the cursor rests on a post before its neighbours are rendered."""
PREFETCH_TIMER = "reader-prefetch"  # so a waiter can tell this background work apart
PREFETCH_CHARS = 50_000
"""Longer neighbours are not rendered ahead: it would take the CPU for seconds."""
TOP_SLACK = 12
"""A story starting within this many lines of the top is shown with the post's header."""


class ReaderPane(LineView, can_focus=True):
    """Shows one story (or post) of the library, scrolled to it and marked."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "scroll_down", "Down", show=False, id="reader.down"),
        Binding("k", "scroll_up", "Up", show=False, id="reader.up"),
        Binding("g", "scroll_home", "Top", show=False, id="reader.home"),
        Binding("G", "scroll_end", "Bottom", show=False, id="reader.end"),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "reader--bar",
        "reader--selected",
        "reader--match",
        "reader--message",
    }

    class Shown(Message):
        """A story other than the one before is now in the reader (for read-on-dwell)."""

        def __init__(self, entry: Entry) -> None:
            super().__init__()
            self.entry = entry

    @dataclass
    class _Rendered(Message, bubble=False):
        entry: Entry
        post: RenderedPost
        first: bool
        generation: int
        """The reader's `forget()` count when the render began."""

    @dataclass
    class _Missing(Message, bubble=False):
        entry: Entry

    @dataclass
    class _Copies(Message, bubble=False):
        entry: Entry
        copies: list[Entry]

    def __init__(self, gateway: Gateway, t: Catalogue, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._gateway = gateway
        self._t = t
        self.shown: Entry | None = None
        self.post: RenderedPost | None = None
        self.selected: tuple[int, int] | None = None
        self.spans: SpanFinder | None = None
        self._message: Sequence[str] = ()
        self._note: Sequence[Text] = ()
        self.copies: list[Entry] = []
        """Every copy of the shown story, earliest first (empty: no other digest)."""
        self._cache: LRUCache[tuple[str, int], RenderedPost] = LRUCache(CACHED_POSTS)
        self._timer: Timer | None = None
        self._highlights = Highlights()
        """What waits for the shown story: its load after a burst of keys, or the
        rendering of its neighbours."""
        self._loading: tuple[tuple[str, int], Worker[None]] | None = None
        """The (post, width) the render worker is working on, and that worker."""
        self._last_show = 0.0
        self._generation = 0
        self.neighbours: Callable[[], list[Entry]] = list
        """The first stories of the posts before and after the cursor (set by the screen)."""
        self._keep_offset: int | None = None
        """Lines past the story's start to keep across a redraw of the post."""

    # --- what to show ---------------------------------------------------------------

    @property
    def text_width(self) -> int:
        """The width posts are rendered at."""
        return max(20, self.scrollable_content_region.width - GUTTER)

    @property
    def links(self) -> list[str]:
        """The numbered links of the post on screen (`f` + number)."""
        return self.post.links if self.post is not None else []

    def show_entry(self, entry: Entry, spans: SpanFinder | None = None) -> None:
        """Show `entry`: at once from the cache, else after rendering it in a worker;
        the other digests carrying its story are listed under it."""
        self._show(entry, spans)
        self._show_copies(entry)

    def _show(self, entry: Entry, spans: SpanFinder | None) -> None:
        self._keep_offset = None
        self._stop_timer()
        previous, self.shown = self.shown, entry
        self.spans = spans
        if previous is None or previous.key != entry.key:
            self.post_message(self.Shown(entry).set_sender(self))
        width = self.text_width
        if self.post is not None and self.post.key == entry.post_key and self.post.width == width:
            self._present(entry, self.post, first=True)
            return
        cached = self._cache.get((entry.post_key, width))
        if cached is not None:
            self._present(entry, cached, first=True)
            return
        loading = self._loading
        if loading is not None and loading[0] == (entry.post_key, width) and loading[1].is_running:
            return  # already on its way (`enter` on the story `j` just showed)
        # The post asked for comes first: a prefetch still rendering would share the GIL.
        self.workers.cancel_group(self, "prefetch")
        self.show_message([self._t("reader.rendering")], keep_entry=True)
        now = time.monotonic()
        burst, self._last_show = now - self._last_show < BURST_GAP, now
        if burst:
            # Holding `j` across posts must not start a load per post: only the post
            # the cursor rests on is read and rendered.
            self._timer = self.set_timer(BURST_GAP, lambda: self._load(entry, width))
        else:
            self._load(entry, width)

    def _stop_timer(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None

    def _load(self, entry: Entry, width: int) -> None:
        self._timer = None
        self._loading = ((entry.post_key, width), self._load_post(entry, width, self._generation))

    def update_entry(self, entry: Entry) -> None:
        """New read/star flags for the entry on screen; nothing is re-rendered."""
        if self.shown is not None and self.shown.key == entry.key:
            self.shown = entry

    def clear(self, lines: Sequence[str]) -> None:
        """Show nothing but a note (an empty view)."""
        self._stop_timer()
        self.show_message(lines)

    def redraw(self, current: Entry | None) -> None:
        """Render the shown post again (its file changed), keeping the reader's place in
        its story; `current` is the re-read list's entry, used when it is the same story
        (its lines may have moved)."""
        shown, post = self.shown, self.post
        if shown is None:
            return
        entry = current if current is not None and current.key == shown.key else shown
        offset = int(self.scroll_y)
        if post is not None and self.selected is not None:
            offset -= self.selected[0]
        self.shown, self._keep_offset = entry, offset
        self._cache.discard((entry.post_key, self.text_width))
        self._load(entry, self.text_width)

    def forget(self) -> None:
        """Drop cached renders and any render begun before: the library changed."""
        self._generation += 1
        self._cache.clear()

    def show_message(self, lines: Sequence[str], *, keep_entry: bool = False) -> None:
        """Show a short note (empty view, rendering…) instead of a post."""
        if not keep_entry:
            self.shown = None
        self.post = None
        self.selected = None
        self._note = ()
        self._message = lines
        self.border_title = None
        self.virtual_size = Size(self.size.width, len(lines))
        self.scroll_to(0, 0, animate=False, immediate=True)
        self.refresh()

    @property
    def note(self) -> Sequence[Text]:
        """The lines drawn after the selected story (see `set_note`)."""
        return self._note

    def set_note(self, lines: Sequence[Text]) -> None:
        """Lines shown right after the selected story (the other digests carrying it);
        the post's own line numbers are unchanged for everything before them."""
        self._note = tuple(lines)
        self._resize()
        self.refresh()

    def _note_at(self) -> int | None:
        """The post line the note is drawn before, if one is shown."""
        return self.selected[1] if self._note and self.selected is not None else None

    def _resize(self) -> None:
        if self.post is not None:
            note = len(self._note) if self._note_at() is not None else 0
            height = len(self.post.lines) + note
            self.virtual_size = Size(self.post.width + GUTTER, height)

    # --- other digests carrying the story -------------------------------------------

    def _show_copies(self, entry: Entry) -> None:
        if entry.kind != "item" or not entry.also_in:
            self.copies = []
        elif not any(c.story == entry.story for c in self.copies):
            self.copies = []
            self._load_copies(entry)
        self.set_note(also_in_lines(self._t, self.copies, entry.key))

    @work(thread=True, exclusive=True, group="copies", exit_on_error=False)
    def _load_copies(self, entry: Entry) -> None:
        try:
            copies = self._gateway.copies(entry.story)
        except sqlite3.Error as exc:
            self.post_message(ActionFailed(str(exc)))
            return
        self.post_message(self._Copies(entry, copies))

    @on(_Copies)
    def _copies_loaded(self, event: _Copies) -> None:
        shown = self.shown
        if shown is not None and shown.story == event.entry.story:
            self.copies = event.copies
            self.set_note(also_in_lines(self._t, self.copies, shown.key))

    # --- loading --------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="render", exit_on_error=False)
    def _load_post(self, entry: Entry, width: int, generation: int) -> None:
        self._read_and_render(entry, width, generation)

    @work(thread=True, exclusive=True, group="prefetch", exit_on_error=False)
    def _prefetch_posts(self, entries: list[Entry], width: int, generation: int) -> None:
        for entry in entries:
            self._read_and_render(entry, width, generation, prefetch=True)

    def _read_and_render(
        self, entry: Entry, width: int, generation: int, *, prefetch: bool = False
    ) -> None:
        """Read and render in this worker thread; the renders go back as messages."""
        worker = get_current_worker()
        try:
            renders = rendered_post(
                self._gateway,
                self._t,
                entry,
                width,
                cancelled=lambda: worker.is_cancelled,
                first_view=not prefetch,
                most_chars=PREFETCH_CHARS if prefetch else None,
            )
            for n, rendered in enumerate(renders or ()):
                self.post_message(self._Rendered(entry, rendered, n == 0, generation))
        except sqlite3.Error as exc:
            self.post_message(ActionFailed(str(exc)))
            return
        if renders is None and not prefetch:
            self.post_message(self._Missing(entry))

    def _prefetch(self) -> None:
        """Render the posts next to the cursor while it rests, for `j` to show from cache."""
        self._timer = None
        width = self.text_width
        wanted = [e for e in self.neighbours() if (e.post_key, width) not in self._cache]
        if wanted:
            self._prefetch_posts(wanted, width, self._generation)

    @on(_Rendered)
    def _rendered(self, event: _Rendered) -> None:
        if event.generation != self._generation:
            return  # rendered before the library changed under it
        if event.post.complete:
            self._cache[(event.post.key, event.post.width)] = event.post
        shown = self.shown
        if shown is None or shown.post_key != event.post.key:
            return
        if shown.key == event.entry.key or self.post is None:
            # A prefetch may bring the post the reader is still waiting for.
            first = event.first or self.post is None
            self._present(shown, event.post, first=first)
        elif event.post.complete:
            # The user moved to another story of this post while it rendered.
            self._present(shown, event.post, first=False)

    @on(_Missing)
    def _missing(self, event: _Missing) -> None:
        if self.shown is not None and self.shown.key == event.entry.key:
            self.show_message([self._t("reader.missing")], keep_entry=True)

    def on_resize(self) -> None:
        shown, width = self.shown, self.text_width
        if shown is None or (self.post is not None and self.post.width == width):
            return
        # Zoom and the sidebar toggle between two widths: each is rendered once.
        cached = self._cache.get((shown.post_key, width))
        if cached is not None:
            self._present(shown, cached, first=True)
        else:
            self._load(shown, width)

    # --- presenting -----------------------------------------------------------------

    def _present(self, entry: Entry, post: RenderedPost, *, first: bool) -> None:
        previous, self.post = self.post, post
        start = entry.start_line if entry.kind == "item" else None
        self._message = ()
        before = self.selected
        self.selected = post.items.get(start) if start is not None else None
        self._resize()
        if first and self._keep_offset is not None:
            # Redrawn after an edit on disk: as far into the story as before.
            top = self.selected[0] if self.selected else 0
            self._scroll_line(max(0, top + self._keep_offset))
        elif first:
            target = self.selected[0] if self.selected else 0
            if target <= TOP_SLACK:
                target = 0  # near the top already: keep the post's header in view
            match = self.first_match() if self.spans is not None else None
            line = match if match is not None else target
            self._scroll_line(max(0, line - 1) if line else 0)
        elif previous is not None and before is not None and self.selected is not None:
            # The whole post replaces its first chunk: keep the reader where it was
            # relative to the story.
            delta = int(self.scroll_y) - before[0]
            self._scroll_line(max(0, self.selected[0] + delta))
        self.border_title = Text(entry.headline) if entry.kind == "item" else None
        if post.complete:
            self._keep_offset = None
            if self._timer is None:
                self._timer = self.set_timer(PREFETCH_REST, self._prefetch, name=PREFETCH_TIMER)
        self.refresh()

    def _scroll_line(self, y: int) -> None:
        self.scroll_to(0, y, animate=False, immediate=True)
        if self.scroll_y != y:
            # Clamped: a post replacing a one-line note is only that tall after a refresh.
            self.call_after_refresh(self.scroll_to, 0, y, animate=False, immediate=True)

    def first_match(self) -> int | None:
        """The first line at or after the selected story that holds a search match."""
        if self.post is None or self.spans is None:
            return None
        start = self.selected[0] if self.selected else 0
        order = list(range(start, len(self.post.lines))) + list(range(0, start))
        return next((n for n in order if self.spans(self.post.lines[n].text)), None)

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        index = y + scroll_y
        width = self.drawn_width()
        base = self.drawn_style()
        if self.post is None:
            if index < len(self._message):
                style = base + self.get_component_rich_style("reader--message")
                return padded(
                    Text(f"  {self._message[index]}", style=style), width, self.app.console
                )
            return Strip.blank(width, base)
        at = self._note_at()
        if at is not None and index >= at:
            if index < at + len(self._note):
                return self._note_line(self._note[index - at], width, base)
            index -= len(self._note)
        if index >= len(self.post.lines):
            return Strip.blank(width, base)
        match = self.get_component_rich_style("reader--match")
        line = self._highlights.line(self.post, index, self.spans, match)
        selected = self.selected is not None and self.selected[0] <= index < self.selected[1]
        gutter_style = self.get_component_rich_style("reader--bar") if selected else base
        gutter = Strip([Segment("▌ " if selected else "  ", gutter_style)], GUTTER)
        if selected:
            line = line.apply_style(self.get_component_rich_style("reader--selected"))
        return Strip.join([gutter, line]).crop_extend(scroll_x, scroll_x + width, base)

    def _note_line(self, text: Text, width: int, base: Style) -> Strip:
        return padded(Text(" " * GUTTER, style=base).append_text(text), width, self.app.console)
