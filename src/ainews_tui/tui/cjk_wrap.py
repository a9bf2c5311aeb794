"""Line breaking that understands Chinese: a break may fall between any two CJK
characters, not only at spaces.

rich wraps at whitespace only, so a paragraph like `Manus 今年 3 月以……` (a long run
of CJK without spaces after a few Latin words) would leave most of a line empty and
start the run on the next one. This module gives rich's Markdown paragraphs the
break opportunities that Chinese text has.
"""

from __future__ import annotations

from typing import ClassVar

from rich.cells import get_character_cell_size
from rich.console import Console, ConsoleOptions, RenderResult
from rich.markdown import Markdown, MarkdownElement, Paragraph
from rich.text import Text

from .markdown_habits import as_written, is_wide, parser

# Characters that must not begin a line (closing punctuation), or end one (opening).
_NO_LINE_START = set("，。、；：？！）》」』】〕〉”’…·%,.;:?!)]}")
_NO_LINE_END = set("（《「『【〔〈“‘([{")


def break_points(text: str) -> list[int]:
    """Indices where a line may start: after whitespace, and around wide characters."""
    points: list[int] = []
    for index in range(1, len(text)):
        before, char = text[index - 1], text[index]
        if char.isspace() or char in _NO_LINE_START or before in _NO_LINE_END:
            continue
        if before.isspace() or is_wide(before) or is_wide(char):
            points.append(index)
    return points


def wrap_offsets(text: str, width: int) -> list[int]:
    """Offsets to cut `text` at so every piece fits in `width` cells (greedy fill)."""
    cuts: list[int] = []
    line_start = 0
    line_cells = 0
    last_break: int | None = None
    cells_at_break = 0
    points = set(break_points(text))
    for index, char in enumerate(text):
        if index in points:
            last_break, cells_at_break = index, line_cells
        char_cells = get_character_cell_size(char)
        if line_cells + char_cells > width and not char.isspace() and index > line_start:
            if last_break is not None and last_break > line_start:
                cuts.append(last_break)
                line_start, line_cells = last_break, line_cells - cells_at_break
            else:
                cuts.append(index)
                line_start, line_cells = index, 0
            last_break = None
        line_cells += char_cells
    return cuts


class WrappedText:
    """A `Text` wrapped with CJK break opportunities."""

    def __init__(self, text: Text) -> None:
        self.text = text

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        for piece in self.text.split("\n", allow_blank=True):
            for line in piece.divide(wrap_offsets(piece.plain, width)):
                line.rstrip()
                line.end = "\n"
                line.no_wrap = True
                yield line


class _CJKParagraph(Paragraph):
    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        self.text.justify = self.justify
        yield WrappedText(self.text)


_PARSER = parser()


class DigestMarkdown(Markdown):
    """rich Markdown whose paragraphs break lines the way Chinese text needs, parsed
    the way digest authors write (see `markdown_habits`)."""

    elements: ClassVar[dict[str, type[MarkdownElement]]] = {
        **Markdown.elements,
        "paragraph_open": _CJKParagraph,
    }

    def __init__(self, markup: str, *, hyperlinks: bool = True) -> None:
        # rich builds its own CommonMark parser; parse an empty text with it (free) and
        # replace the result with ours.
        super().__init__("", hyperlinks=hyperlinks)
        self.markup = as_written(markup)
        self.parsed = _PARSER.parse(self.markup)
