"""What the reader's line widgets share: their width measured once a frame, a post line
with its search matches (cached per line), and a padded line of text."""

from __future__ import annotations

from rich.console import Console
from rich.style import Style
from rich.text import Text
from textual.cache import LRUCache
from textual.geometry import Region
from textual.scroll_view import ScrollView
from textual.strip import Strip

from .markdown_lines import RenderedPost, highlight
from .searching import SpanFinder


class LineView(ScrollView):
    """A line-API view that measures the width and style of its lines once a frame:
    `scrollable_content_region` looks the widget up in the compositor, and asked for
    every line it took 34 ms of the frames a type-ahead search drew at 160×48;
    `rich_style` walks every ancestor's styles, 0.09 ms a line (in the reader tests,
    2.9 s of their 63)."""

    line_width = 0
    line_style: Style | None = None

    def render_lines(self, crop: Region) -> list[Strip]:
        self.line_width = self.scrollable_content_region.width
        self.line_style = self.rich_style
        return super().render_lines(crop)

    def drawn_width(self) -> int:
        """The width lines are drawn at (measured anew outside a frame)."""
        return self.line_width or self.scrollable_content_region.width

    def drawn_style(self) -> Style:
        """The style lines are drawn on (the last frame's; looked up before the first)."""
        return self.line_style if self.line_style is not None else self.rich_style


class Highlights:
    """A post's lines with the search's matches restyled, each made once: drawing ran
    the match search over every visible line of every frame."""

    def __init__(self) -> None:
        self._lines: LRUCache[int, Strip] = LRUCache(1024)
        self._for: tuple[RenderedPost, SpanFinder, Style] | None = None

    def line(self, post: RenderedPost, index: int, spans: SpanFinder | None, style: Style) -> Strip:
        """Line `index` of `post`, with what `spans` finds in it drawn in `style`."""
        line = post.lines[index]
        if spans is None:
            return line
        owner = self._for
        if owner is None or owner[0] is not post or owner[1] is not spans or owner[2] != style:
            self._lines.clear()
            self._for = (post, spans, style)
        drawn = self._lines.get(index)
        if drawn is None:
            drawn = self._lines[index] = highlight(line, spans(line.text), style)
        return drawn


def padded(text: Text, width: int, console: Console) -> Strip:
    """One line of `text`, cut with an ellipsis or padded to `width`."""
    text.no_wrap = True
    text.truncate(width, overflow="ellipsis", pad=True)
    return Strip(list(text.render(console)), width)
