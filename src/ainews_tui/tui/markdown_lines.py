"""Post Markdown rendered to Strips, in a worker thread, segment by segment.

The body is cut at story boundaries and each piece is rendered on its own with rich's
Markdown, so the line where each story starts is known exactly (for scrolling to it and
highlighting it), and the first screen can be shown before a 400 KB post is finished.
"""

from __future__ import annotations

import io
import re
from bisect import bisect_right
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

from rich.console import Console, RenderableType
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.strip import Strip

from ..model import PostRow
from ..safe import clean_line, clean_text, is_web_url

_LINK = re.compile(
    r"(?<!!)\[((?:[^\[\]]|\[[^\[\]]*\])*)\]\(\s*<?([^\s()<>]+(?:\([^\s()]*\))?)>?"
    r"(?:\s+\"[^\"]*\")?\s*\)"
)
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


def _console(width: int) -> Console:
    return Console(
        width=width,
        file=io.StringIO(),
        color_system="truecolor",
        force_terminal=True,
        legacy_windows=False,
        highlight=False,
        markup=False,
        emoji=False,
    )


def _lines(console: Console, renderable: RenderableType, width: int) -> list[Strip]:
    options = console.options.update_width(width)
    return [Strip(line, width) for line in console.render_lines(renderable, options, pad=True)]


def header_renderables(post: PostRow, labels: Callable[..., str], long_date: str) -> list[Text]:
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


CHUNK_CHARS = 8000
"""Source characters per Markdown render; a long post is rendered chunk by chunk."""
MAX_LINE_CHARS = 20_000
"""A longer source line is cut for the reader, with the number of characters left out:
wrapped whole, a 5 MB single-line post became some 70,000 rendered lines and took the
reader to 310 MB. Line numbers stay as they were, so stories still scroll into view."""


def _bounded_lines(text: str) -> str:
    if len(text) <= MAX_LINE_CHARS:
        return text
    return "\n".join(
        line
        if len(line) <= MAX_LINE_CHARS
        else f"{line[:MAX_LINE_CHARS]} … (+{len(line) - MAX_LINE_CHARS:,})"
        for line in text.split("\n")
    )


_START = "\ue000"
_END = "\ue001"
# What may precede a story's text on its first line: indentation, quotes, a list
# marker or a heading marker. The sentinel goes after it, so the syntax is unchanged.
_SENTINELS = re.compile(f"[{_START}{_END}] ?")
_LEAD = re.compile(r"^\s*(?:>\s*)*(?:[-*+]\s+|\d+[.)]\s+|#{1,6}\s+)?")
_NOT_TEXT = re.compile(r"^\s*(?:```|~~~|\||(?:[-*_]\s*){3,}$)")


def _mark(lines: list[str], index: int, sentinel: str) -> bool:
    """Put `sentinel` in front of the text of the first non-blank line from `index`."""
    while index < len(lines) and not lines[index].strip():
        index += 1
    if index >= len(lines) or _NOT_TEXT.match(lines[index]):
        return False
    line = lines[index]
    lead = _LEAD.match(line)
    cut = lead.end() if lead else 0
    # The space keeps inline syntax intact: `**🔥 x**` after a letter-like character
    # would no longer open emphasis (CommonMark counts emoji as punctuation).
    lines[index] = line[:cut] + sentinel + " " + line[cut:]
    return True


def _break_after_headline(lines: list[str], index: int) -> None:
    """A story's headline line followed directly by its summary gets a hard line break,
    so the headline stands on its own line instead of running into the summary."""
    if index + 1 >= len(lines) or not lines[index].strip() or not lines[index + 1].strip():
        return
    if _NOT_TEXT.match(lines[index]) or lines[index].lstrip().startswith("#"):
        return
    if not _NOT_TEXT.match(lines[index + 1]):
        lines[index] = lines[index].rstrip() + "\\"


def _chunks(line_count: int, lines: Sequence[str], starts: Sequence[int]) -> list[tuple[int, int]]:
    """Source line ranges of about CHUNK_CHARS each, cut only where a story starts (or
    at blank lines outside fences when a post has no stories), so each parses alone."""
    cut_points = sorted({s for s in starts if 0 < s < line_count})
    if not cut_points:
        in_fence = False
        for n, line in enumerate(lines):
            if _FENCE.match(line):
                in_fence = not in_fence
            elif not in_fence and not line.strip() and n + 1 < line_count:
                cut_points.append(n + 1)
    chunks: list[tuple[int, int]] = []
    begin, size = 0, 0
    cut_set = set(cut_points)
    for n in range(line_count):
        if n in cut_set and size >= CHUNK_CHARS:
            chunks.append((begin, n))
            begin, size = n, 0
        size += len(lines[n]) + 1
    chunks.append((begin, line_count))
    return chunks


def _take_sentinels(strips: list[Strip], width: int) -> tuple[list[Strip], list[int], list[int]]:
    """Remove the sentinels from rendered lines; return where each start and end was."""
    starts: list[int] = []
    ends: list[int] = []
    cleaned: list[Strip] = []
    for n, strip in enumerate(strips):
        text = strip.text
        if _START in text or _END in text:
            starts += [n] * text.count(_START)
            ends += [n] * text.count(_END)
            strip = Strip(
                [Segment(_SENTINELS.sub("", seg.text), seg.style, seg.control) for seg in strip],
                None,
            ).adjust_cell_length(width)
        cleaned.append(strip)
    return cleaned, starts, ends


def _render_chunk(
    console: Console,
    lines: list[str],
    begin: int,
    end: int,
    stories: Sequence[tuple[int, int]],
    width: int,
) -> tuple[list[Strip], dict[int, tuple[int, int | None]]]:
    """Render source lines [begin, end); map each story starting here to its rendered
    (first line, line after it or None when it runs past this chunk)."""
    piece = list(lines[begin:end])
    marked: list[tuple[int, bool, bool]] = []
    for start, stop in stories:
        if begin <= start < end:
            _break_after_headline(piece, start - begin)
            has_start = _mark(piece, start - begin, _START)
            has_end = stop < end and _mark(piece, stop - begin, _END)
            marked.append((start, has_start, has_end))
    text = "\n".join(piece).strip("\n")
    if not text.strip():
        return [], {}
    # Imported here, in the render worker: rich's Markdown and markdown-it cost the
    # reader's first frame 35 ms, and the first frame shows only the list.
    from .cjk_wrap import DigestMarkdown

    strips = _lines(console, DigestMarkdown(text, hyperlinks=True), width)
    strips, start_rows, end_rows = _take_sentinels(strips, width)
    located: dict[int, tuple[int, int | None]] = {}
    starts_iter, ends_iter = iter(start_rows), iter(end_rows)
    for start, has_start, has_end in marked:
        row = next(starts_iter, None) if has_start else None
        end_row = next(ends_iter, None) if has_end else None
        if row is not None:
            located[start] = (row, end_row)
    return strips, located


def first_piece(
    holding: tuple[int, int], stories: Sequence[tuple[int, int]], target: int
) -> tuple[int, int]:
    """The source lines to render before the rest of a long post: the target story
    alone (from the post's top when it is the first story, so nothing moves in above
    it later), within the chunk that holds it. Rendering that whole ~8,000-character
    chunk first took a 30 KB post 30 ms before its first lines, a story 3 ms."""
    begin, end = holding
    starts = [s for s, _ in stories]
    later = [s for s in starts if s > target]
    stop = min(end, later[0]) if later else end
    first_story = not any(s < target for s in starts)
    return (begin if first_story else max(begin, target)), stop


def render_post(
    post: PostRow,
    body: str,
    items: Sequence[tuple[int, int]],
    width: int,
    header: Sequence[Text],
    *,
    target: int | None = None,
    cancelled: Callable[[], bool] = lambda: False,
) -> Iterator[RenderedPost]:
    """Render a post; yields a first view early when the post is long, then the whole.

    `items` are each story's (start_line, end_line) in the body. When the post spans
    several chunks, the story that starts at `target` is rendered and yielded first
    (with the header, see `first_piece`), so the reader shows it before the rest is done.
    Stops early when `cancelled()` turns true (the user moved on to another post).
    """
    width = max(20, width)
    console = _console(width)
    # Variation selector 16 makes some emoji wide in the terminal but not in rich's width
    # tables, which would push the rest of the line past the pane's edge.
    numbered, links = number_links(_bounded_lines(clean_text(body)).replace("\ufe0f", ""))
    lines = numbered.split("\n")
    stories = sorted(items)
    chunks = _chunks(len(lines), lines, [s for s, _ in stories])
    top: list[Strip] = []
    for text in header:
        top.extend(_lines(console, text, width))
    top.extend(_lines(console, Text("─" * width, style="dim"), width))
    top.append(Strip.blank(width))
    if len(chunks) > 1 and target is not None:
        holding = next((c for c in chunks if c[0] <= target < c[1]), chunks[0])
        first = first_piece(holding, stories, target)
        strips, located = _render_chunk(console, lines, *first, stories, width)
        yield _assemble(post.key, width, links, top, [(strips, located)], complete=False)
    rendered = []
    for begin, end in chunks:
        if cancelled():
            return
        rendered.append(_render_chunk(console, lines, begin, end, stories, width))
    yield _assemble(post.key, width, links, top, rendered, complete=True)


def _assemble(
    key: str,
    width: int,
    links: list[str],
    top: list[Strip],
    parts: Sequence[tuple[list[Strip], dict[int, tuple[int, int | None]]]],
    *,
    complete: bool,
) -> RenderedPost:
    """Join rendered chunks; a story whose end was not marked ends where the next begins."""
    lines = list(top)
    found: dict[int, tuple[int, int | None]] = {}
    for strips, located in parts:
        if not strips:
            continue
        if lines[-1].text.strip():
            lines.append(Strip.blank(width))
        offset = len(lines)
        for start, (row, stop) in located.items():
            found[start] = (offset + row, None if stop is None else offset + stop)
        lines.extend(strips)
    rows = sorted(row for row, _ in found.values())
    items: dict[int, tuple[int, int]] = {}
    for start, (row, marked_stop) in found.items():
        after = bisect_right(rows, row)
        stop = (
            marked_stop
            if marked_stop is not None
            else (rows[after] if after < len(rows) else len(lines))
        )
        items[start] = (row, max(stop, row + 1))
    return RenderedPost(
        key=key, width=width, lines=lines, items=items, links=links, complete=complete
    )


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
