"""The reader pane: a post's pre-rendered lines, with the selected story marked.

Rendering happens in a thread worker (see `markdown_lines`); this widget only scrolls
through finished Strips, so a 400 KB post never blocks key handling.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ..markdown_lines import RenderedPost, highlight

GUTTER = 2
"""Cells left of the text: a bar marks the selected story."""

Spans = Callable[[str], list[tuple[int, int]]]


class ReaderView(ScrollView, can_focus=True):
    """Scrolls through a `RenderedPost`."""

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

    class WidthChanged(Message):
        """The text width changed, so the post must be rendered again."""

        def __init__(self, width: int) -> None:
            super().__init__()
            self.width = width

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.post: RenderedPost | None = None
        self.selected: tuple[int, int] | None = None
        self.spans: Spans | None = None
        self._message: Sequence[str] = ()
        self._text_width = 0
        self._note: Sequence[Text] = ()

    @property
    def text_width(self) -> int:
        """The width posts should be rendered at."""
        return max(20, self.scrollable_content_region.width - GUTTER)

    def show_message(self, lines: Sequence[str]) -> None:
        """Show a short note (empty view, rendering…) instead of a post."""
        self.post = None
        self.selected = None
        self._note = ()
        self._message = lines
        self.virtual_size = Size(self.size.width, len(lines))
        self.scroll_to(0, 0, animate=False, immediate=True)
        self.refresh()

    def show(self, post: RenderedPost, story_start: int | None, *, scroll: bool) -> None:
        """Show `post`, mark the story starting at body line `story_start`, and scroll
        to it when `scroll`."""
        self.post = post
        self._message = ()
        self.selected = post.items.get(story_start) if story_start is not None else None
        self._resize()
        if scroll:
            target = self.selected[0] if self.selected else 0
            self.scroll_to(0, max(0, target - 1) if target else 0, animate=False, immediate=True)
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

    def scroll_to_line(self, line: int) -> None:
        at = self._note_at()
        if at is not None and line >= at:
            line += len(self._note)
        self.scroll_to(0, max(0, line - 1), animate=False, immediate=True)

    def first_match(self) -> int | None:
        """The first line at or after the selected story that holds a search match."""
        if self.post is None or self.spans is None:
            return None
        start = self.selected[0] if self.selected else 0
        order = list(range(start, len(self.post.lines))) + list(range(0, start))
        return next((n for n in order if self.spans(self.post.lines[n].text)), None)

    def on_resize(self) -> None:
        if self.post is not None and self.text_width != self.post.width:
            self.post_message(self.WidthChanged(self.text_width))

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        index = y + scroll_y
        width = self.scrollable_content_region.width
        base = self.rich_style
        if self.post is None:
            if index < len(self._message):
                text = Text(
                    "  " + self._message[index],
                    no_wrap=True,
                    overflow="ellipsis",
                    style=base + self.get_component_rich_style("reader--message"),
                )
                text.truncate(width, pad=True)
                return Strip(list(text.render(self.app.console)), width)
            return Strip.blank(width, base)
        at = self._note_at()
        if at is not None and index >= at:
            if index < at + len(self._note):
                return self._note_line(self._note[index - at], width, base)
            index -= len(self._note)
        if index >= len(self.post.lines):
            return Strip.blank(width, base)
        line = self.post.lines[index]
        if self.spans is not None:
            line = highlight(
                line, self.spans(line.text), self.get_component_rich_style("reader--match")
            )
        selected = self.selected is not None and self.selected[0] <= index < self.selected[1]
        gutter_style = self.get_component_rich_style("reader--bar") if selected else base
        gutter = Strip([Segment("▌ " if selected else "  ", gutter_style)], GUTTER)
        if selected:
            line = line.apply_style(self.get_component_rich_style("reader--selected"))
        return Strip.join([gutter, line]).crop_extend(scroll_x, scroll_x + width, base)

    def _note_line(self, text: Text, width: int, base: Style) -> Strip:
        line = Text(" " * GUTTER, no_wrap=True, overflow="ellipsis", style=base)
        line.append_text(text)
        line.truncate(width, pad=True)
        return Strip(list(line.render(self.app.console)), width)
