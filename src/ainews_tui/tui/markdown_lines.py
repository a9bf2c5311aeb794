"""Post Markdown rendered to Strips, in a worker thread, segment by segment.

The body is cut at story boundaries and each piece is rendered on its own with rich's
Markdown, so the line where each story starts is known exactly (for scrolling to it and
highlighting it), and the first screen can be shown before a 400 KB post is finished.
"""

from __future__ import annotations

import io
import re
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from rich.console import Console, RenderableType
from rich.style import Style
from rich.text import Text
from textual.strip import Strip

from ..model import PostRow
from ..safe import clean_line, clean_text, is_web_url
from .cjk_wrap import DigestMarkdown

_LINK = re.compile(r"(?<!!)\[((?:[^\[\]]|\[[^\[\]]*\])*)\]\(\s*<?([^\s()<>]+(?:\([^\s()]*\))?)>?"
                   r"(?:\s+\"[^\"]*\")?\s*\)")
_FENCE = re.compile(r"^\s*(```|~~~)")


@dataclass
class RenderedPost:
    """A post as lines of a given width; `items` maps a story's first body line to the
    range of rendered lines it occupies."""

    key: str
    width: int
    lines: list[Strip] = field(default_factory=list)
    items: dict[int, tuple[int, int]] = field(default_factory=dict)
    links: list[str] = field(default_factory=list)
    complete: bool = False


def number_links(body: str) -> tuple[str, list[str]]:
    """Give every web link a visible number `[n]` (for `f` + n); other schemes lose
    their link and keep their text, so nothing but http(s) is ever clickable."""
    links: list[str] = []
    out: list[str] = []
    in_fence = False
    for line in body.split("\n"):
        if _FENCE.match(line):
            in_fence = not in_fence
        if in_fence or "](" not in line:
            out.append(line)
            continue

        def replace(match: re.Match[str]) -> str:
            text, url = match.group(1), match.group(2)
            if not is_web_url(url):
                return text
            if url not in links:
                links.append(url)
            return f"{match.group(0)} \\[{links.index(url) + 1}\\]"

        out.append(_LINK.sub(replace, line))
    return "\n".join(out), links


def _cuts(line_count: int, ranges: Sequence[tuple[int, int]]) -> list[int]:
    points = {0, line_count}
    for start, end in ranges:
        if 0 <= start < line_count:
            points.add(start)
        if 0 < end < line_count:
            points.add(end)
    return sorted(points)


def _console(width: int) -> Console:
    return Console(width=width, file=io.StringIO(), color_system="truecolor",
                   force_terminal=True, legacy_windows=False, highlight=False, markup=False,
                   emoji=False)


def _lines(console: Console, renderable: RenderableType, width: int) -> list[Strip]:
    options = console.options.update_width(width)
    return [Strip(line, width) for line in console.render_lines(renderable, options, pad=True)]


def header_renderables(
    post: PostRow, labels: Callable[..., str], long_date: str
) -> list[Text]:
    """Title, date, categories, authors and link; every value is plain text."""
    rows = [Text(clean_line(post.title), style="bold")]

    def field_row(label: str, value: str, style: str = "") -> None:
        text = Text(labels("reader.field", label=labels(label)), style="dim")
        text.append(clean_line(value), style=style)
        rows.append(text)

    field_row("reader.date", long_date)
    field_row("reader.source", post.source_name)
    if post.categories or post.tags:
        field_row("reader.categories", " · ".join(dict.fromkeys(post.categories + post.tags)))
    if post.authors:
        field_row("reader.authors", ", ".join(a.name for a in post.authors))
    if post.url and is_web_url(post.url):
        field_row("reader.link", post.url, "underline")
    if post.draft:
        rows.append(Text(labels("reader.draft"), style="italic yellow"))
    return rows


def render_post(
    post: PostRow,
    body: str,
    items: Sequence[tuple[int, int]],
    width: int,
    header: Sequence[Text],
    *,
    first_screen: tuple[int, int] = (0, 60),
) -> Iterator[RenderedPost]:
    """Yield the post rendered so far: once when the lines up to `first_screen`
    (body line, rendered lines after it) exist, and once complete.

    `items` are each story's (start_line, end_line) in the body.
    """
    width = max(20, width)
    console = _console(width)
    numbered, links = number_links(clean_text(body))
    source_lines = numbered.split("\n")
    result = RenderedPost(key=post.key, width=width, links=links)
    for text in header:
        result.lines.extend(_lines(console, text, width))
    rule = Text("─" * width, style="dim")
    result.lines.extend(_lines(console, rule, width))
    result.lines.append(Strip.blank(width))
    starts: dict[int, int] = {}
    cuts = _cuts(len(source_lines), items)
    target_line, after = first_screen
    announced = False
    for begin, end in pairwise(cuts):
        starts[begin] = len(result.lines)
        piece = "\n".join(source_lines[begin:end]).strip("\n")
        if piece.strip():
            if result.lines and result.lines[-1].cell_length and result.lines[-1].text.strip():
                result.lines.append(Strip.blank(width))
            result.lines.extend(_lines(console, DigestMarkdown(piece, hyperlinks=True), width))
        starts[end] = len(result.lines)
        if not announced and begin >= target_line and len(result.lines) - starts.get(
                target_line, 0) >= after:
            announced = True
            yield _snapshot(result, starts, items)
        # Let the UI thread take the GIL between pieces of a long post.
        time.sleep(0)
    final = _snapshot(result, starts, items)
    final.complete = True
    yield final


def _snapshot(
    result: RenderedPost, starts: dict[int, int], items: Sequence[tuple[int, int]]
) -> RenderedPost:
    located = {
        start: (starts[start], starts.get(end, starts[start] + 1))
        for start, end in items if start in starts
    }
    return RenderedPost(key=result.key, width=result.width, lines=list(result.lines),
                        items=located, links=list(result.links), complete=False)


def highlight(strip: Strip, spans: Sequence[tuple[int, int]], style: Style) -> Strip:
    """`strip` with the character ranges `spans` of its text restyled."""
    if not spans:
        return strip
    text = strip.text
    cuts: list[tuple[int, int]] = []
    for begin, end in spans:
        a = Text(text[:begin]).cell_len
        b = a + Text(text[begin:end]).cell_len
        cuts.append((a, b))
    parts: list[Strip] = []
    position = 0
    for a, b in cuts:
        if a < position:
            continue
        parts.append(strip.crop(position, a))
        parts.append(strip.crop(a, b).apply_style(style))
        position = b
    parts.append(strip.crop(position, strip.cell_length))
    return Strip.join(parts)
