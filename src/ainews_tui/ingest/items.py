"""Split a digest post body into its news stories (items).

The outline (`outline.py`) finds headings, pseudo-headings and list entries in one
line-based pass; `choose.py` decides which of them are stories; this module turns each
story node into an ExtractedItem with its summary, links, section and own categories.
Hostile input is bounded by explicit limits (CAP characters of a line are examined,
max_items), so any exception here is a bug and surfaces as one.
"""

from __future__ import annotations

import re

from ainews_tui.model import ExtractedItem

from .choose import stories
from .headlines import plain
from .links import links
from .nodes import ENTRY, PSEUDO, Node
from .outline import build_tree, is_rule, scan_lines

__all__ = ["extract_items"]

_MAX_HEADLINE = 500
_MAX_CATEGORIES = 8
# A story's own "**Category:** 模型, 工具" / "类型: 要闻" line.
_CATEGORY_LINE = re.compile(
    r"^[ \t>]*(?:[-*+][ \t]+)?(?:\*\*|__)?(?:categor(?:y|ies)|分类|类别|类型|栏目)(?:\*\*|__)?"
    r"[ \t]*[:：][ \t]*(?:\*\*|__)?[ \t]*([^\n]{1,200})$",
    re.I | re.M,
)
_CATEGORY_SPLIT = re.compile(r"[,，、/|｜;；]")
_CATEGORY_HINT = re.compile("ategor|分类|类别|类型|栏目")
_CATEGORY_LINES = 8  # a category line stands near the top of a story, not in its prose


def extract_items(body: str, *, max_items: int = 2000) -> list[ExtractedItem]:
    """Split a digest body (Markdown, LF line endings, no front matter) into its stories.

    Returns [] when the body has no recognizable items: the caller then makes the whole
    post one item. Time is linear in the body's length.
    """
    lines = body.split("\n")
    code = bytearray(len(lines))
    nodes, unclosed = scan_lines(lines, code)
    if unclosed >= 0:
        # A fence that never closes is nearly always a stray one (a lone closing ```):
        # read that line as text rather than swallow the rest of the post as code.
        code = bytearray(len(lines))
        nodes, _ = scan_lines(lines, code, unclosed)
    picks = stories(build_tree(nodes, len(lines)), lines)
    return [_item(n, lines, code) for n in picks[: max(0, max_items)]]


def _item(n: Node, lines: list[str], code: bytearray) -> ExtractedItem:
    end = n.end
    while end > n.start + 1 and (not (t := lines[end - 1].strip()) or is_rule(t)):
        end -= 1  # trailing blank lines and rules belong to no story
    if code.find(1, n.start, end) < 0:
        text = "\n".join(lines[n.start : end])
    else:  # links inside fenced code are not links
        text = "\n".join(t for i, t in enumerate(lines[n.start : end], n.start) if not code[i])
    found = tuple(dict.fromkeys(links(text)))
    own = n.lead.url
    url = own if own and own[:8].lower().startswith(("http://", "https://")) else None
    url = url or (found[0] if found else None)
    body = lines[n.start + 1 : end]
    if n.level == ENTRY:
        body = [t[n.col :] if t[: n.col].isspace() else t.lstrip() for t in body]
    first = n.text if n.derived else (n.lead.rest if n.level >= PSEUDO else "")
    summary = "\n".join([first, *body]).strip()
    return ExtractedItem(
        n.headline[:_MAX_HEADLINE],
        url,
        summary,
        n.start,
        end,
        found,
        section=n.section or None,
        categories=_own_categories(lines, n.start, end),
    )


def _own_categories(lines: list[str], start: int, end: int) -> tuple[str, ...]:
    """The values of a story's own category line, if one opens its body."""
    head = "\n".join(lines[start + 1 : min(end, start + 1 + _CATEGORY_LINES)])
    if not _CATEGORY_HINT.search(head):
        return ()
    m = _CATEGORY_LINE.search(head)
    if not m:
        return ()
    values = (plain(v).strip(" #*") for v in _CATEGORY_SPLIT.split(m.group(1)))
    return tuple(dict.fromkeys(v[:40] for v in values if v))[:_MAX_CATEGORIES]
