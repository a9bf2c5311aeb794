"""One line-based pass over a body: its outline of headings, pseudo-headings and entries.

No full Markdown parse (a sync reads thousands of posts): headings, pseudo-headings (a
paragraph opening with a bold or linked headline) and top-level list entries, in
document order, then nested into a tree by rank. Fenced code is never structure.
"""

from __future__ import annotations

import re

from .editorial import is_first_person
from .headlines import pseudo_lead
from .nodes import CAP, ENTRY, PSEUDO, ROOT, Node

_MARKER = re.compile(r"(?:[-*+•]|\d{1,9}[.)])(?:[ \t]+|$)|\d{1,3}[、）][ \t]*")
HTML_HEADING = re.compile(r"<h([1-6])[\s>]", re.I)
_FENCE = re.compile(r"`{3,}|~{3,}")
_HTML_BOLD_HINT = re.compile(r"<(?:strong|b)[\s>]")


def scan_lines(lines: list[str], code: bytearray, not_fence: int = -1) -> tuple[list[Node], int]:
    """Headings, pseudo-headings and top-level list entries, in document order.

    A list entry gets its end here (a list ends at the first line it cannot hold); the
    tree builder ends a heading at the next node of the same or higher rank. Lines in
    fenced code are flagged in `code`; also returns where a never-closed fence opened.
    Entries of a list led in by a paragraph in the author's own voice are `aside`.
    """
    nodes: list[Node] = []
    total, fence, fence_at, entry = len(lines), "", -1, None
    last = -1  # last non-blank line of the open list
    prev_blank, prev_heading, para_start = True, True, -1
    aside = False  # the open list follows a first-person paragraph
    intro = -1  # first line of the paragraph that is the latest block, if one is
    for i, line in enumerate(lines):
        if fence:
            code[i] = 1
            t = line.strip(" \t")
            if t.startswith(fence) and not t.strip(fence[0]):
                fence = ""
            last = i if entry else last
            continue
        if not line or (c := line[0]) in " \t":  # most lines start flush: skip the lstrip
            s = line.lstrip(" \t")
            if not s:
                prev_blank = True
                continue
            ind = len(line) - len(s)
            if "\t" in line[:ind]:
                ind = len(line[:ind].expandtabs(4))
            c = s[0]
        else:
            s, ind = line, 0
        fm = _FENCE.match(s, 0, 8) if c in "`~" and i != not_fence else None
        if entry is not None:
            # The entry's own content, fences and nested lists included. Digests indent
            # summaries 4 spaces whatever the marker's width ("10.  " has column 5).
            if ind >= min(entry.col, 4):
                if fm:
                    fence, fence_at, code[i] = fm.group(), i, 1
                last, prev_blank = i, False
                continue
            rule = c in "-*_=" and is_rule(s)
            marker = None if rule else _MARKER.match(s, 0, 16)
            if not (prev_blank or marker or rule or c in "#>`~|" or HTML_HEADING.match(s, 0, 8)):
                last = i  # a lazy continuation of the entry's paragraph
                continue
            entry.end, entry = last + 1, None
            if marker:
                entry, last, prev_blank = _entry(s, ind, marker, i, aside), i, False
                nodes.append(entry)
                continue
        blank_before, heading_before = prev_blank, prev_heading
        prev_blank = prev_heading = False
        if ind >= 4:
            continue
        if fm:
            fence, fence_at, code[i] = fm.group(), i, 1
        elif c == "#" and (h := _atx(s)) is not None:
            prev_heading, intro = True, -1
            nodes.append(Node(h[0], i, total, h[1]))
        elif c == "<" and (m := HTML_HEADING.match(s, 0, 8)):
            prev_heading, intro = True, -1
            nodes.append(Node(int(m.group(1)), i, total, s[:CAP]))
        elif c in "-*_=" and is_rule(s):
            if c in "=-" and para_start == i - 1 and not blank_before:
                if nodes and nodes[-1].start == i - 1:  # a setext heading: the line above
                    nodes.pop()
                prev_heading, intro = True, -1
                nodes.append(Node(1 if c == "=" else 2, i - 1, total, lines[i - 1].strip()))
            else:
                prev_blank = True  # a rule separates blocks as a blank line does
        elif c in "-*+•0123456789" and (marker := _MARKER.match(s, 0, 16)):
            aside, intro = intro >= 0 and is_first_person(lines[intro]), -1
            entry, last = _entry(s, ind, marker, i, aside), i
            nodes.append(entry)
        elif (
            c == "<"
            and not blank_before
            and _HTML_BOLD_HINT.search(s, 0, 400)
            and (lead := pseudo_lead(s))
        ):
            nodes.append(Node(PSEUDO, i, total, s, lead=lead))  # one HTML line, one item
        elif blank_before or heading_before:
            para_start = intro = i if c not in ">|<" else -1
            if (c in "*_[【<" or not c.isalnum()) and (lead := pseudo_lead(s)):
                nodes.append(Node(PSEUDO, i, total, s, lead=lead))
                intro = -1
    if entry is not None:
        entry.end = last + 1
    return nodes, fence_at if fence else -1


def is_rule(s: str) -> bool:
    """A thematic break (`---`, `* * *`) or a setext underline (`===`)."""
    t = s.rstrip()
    if not t or t[0] not in "-*_=" or len(t) > 200:
        return False
    return len(t.replace(" ", "")) >= 3 and not t.strip(t[0] + " ")


def _atx(s: str) -> tuple[int, str] | None:
    n = len(s) - len(s.lstrip("#"))
    if n > 6 or (len(s) > n and s[n] not in " \t"):
        return None  # "#hashtag" or "#######" is text
    text = s[n:CAP].strip()
    bare = text.rstrip("#")
    return n, (bare.rstrip() if bare != text and (not bare or bare[-1] in " \t") else text)


def _entry(s: str, ind: int, marker: re.Match[str], i: int, aside: bool) -> Node:
    content = s[marker.end() :]
    col = ind + marker.end() if content else ind + len(marker.group().rstrip()) + 1
    return Node(ENTRY, i, i + 1, content, col, s[0].isdigit(), aside=aside)


def build_tree(nodes: list[Node], total: int) -> Node:
    """Nest the nodes by rank: a node holds the following nodes of lower rank."""
    root = Node(ROOT, 0, total)
    stack = [root]
    for n in nodes:
        while stack[-1].level >= n.level:
            closed = stack.pop()
            if closed.level != ENTRY:
                closed.end = n.start
        stack[-1].children.append(n)
        stack.append(n)
    return root
