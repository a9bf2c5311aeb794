"""Which outline nodes are stories.

Each subtree is one story or a group of stories: a node is split when two or more of
its children resolve to stories, which picks the level that yields the most story-like
items. Editorial parts (commentary, promotions, chat recaps, disclaimers, source lists)
are dropped with their subtree. Overviews and tables of contents are never items; only
sections under them can be, and such an entry is dropped when the story is told in full
elsewhere. A story told twice in one post (a highlight repeating the lead) is one story.
"""

from __future__ import annotations

import re

from .editorial import classify
from .headlines import (
    BULLET_WIDTH,
    WORD,
    has_prose,
    heading_url,
    is_fragment,
    key,
    lead,
    looks_like_markup,
    plain,
    sentence,
    strip_number,
    unwrap,
    width,
)
from .links import first_link
from .nodes import CAP, ENTRY, NO_LEAD, PSEUDO, ROOT, Lead, Node
from .outline import is_rule

_LABEL_WIDTH = 8  # a headline this narrow ("来源", "要闻", "Added") is a label, not a story
_ALIKE = 6  # key characters two headlines of one link share when one repeats the other
_SECTION_WIDTH = 40  # a wider heading is a story's headline, not the name of a section
_TRAILING_REF = re.compile(r"`#\d{1,5}`\s*$")  # "## headline `#4`" is numbered too
_LABEL_PREFIX = re.compile(r"(?:标题|title)\s*[:：]\s*", re.I)
_COUNT_SUFFIX = re.compile(r"\s*[(（][^()（）]{0,12}\d[^()（）]{0,12}[)）]$")  # "今日深度（3 篇）"
_LEADING_SYMBOLS = re.compile(r"^[\W_]+")
_IMAGE_LINE = re.compile(
    r"(?:\[?!\[[^\[\]\n]{0,600}\]\([^()\n]{0,2000}\)(?:\]\([^()\n]{0,2000}\))?"
    r"|<img\s[^<>]{0,2000}>|<br\s*/?>|\s)+"
)


def stories(root: Node, lines: list[str]) -> list[Node]:
    """The story nodes of an outline tree, in document order, each story once."""
    return _dedupe(_resolve(root, lines, ""))


def _describe(n: Node, lines: list[str]) -> None:
    """Work out a node's headline, numbering and editorial class."""
    if n.level >= PSEUDO:
        if n.lead is NO_LEAD:
            n.lead = lead(n.text)
        head = n.lead.head
        if n.lead.shape == "plain":
            head, n.derived = sentence(n.lead.rest), True
        n.headline, numbered = strip_number(unwrap(plain(head)))
        n.numbered = n.ordered or n.lead.numbered or numbered
    else:
        n.lead = Lead("bold", n.text, heading_url(n.text))
        n.headline, n.numbered = strip_number(plain(n.text))
        n.numbered = n.numbered or ("`#" in n.text and bool(_TRAILING_REF.search(n.text)))
    if not n.headline:  # "【1】" alone, the headline on the next line ("标题: …")
        line = next((t for t in lines[n.start + 1 : min(n.end, n.start + 4)] if t.strip()), "")
        n.headline = _LABEL_PREFIX.sub("", plain(line), count=1)
    n.key = key(n.headline)
    n.edit = classify(n.headline, n.key, heading=n.level < PSEUDO)


def _section_name(n: Node) -> str:
    """What a heading names as the section of the stories under it ("" if none)."""
    if n.level >= PSEUDO or n.edit in ("title", "commentary") or n.lead.url:
        return ""
    name = _LEADING_SYMBOLS.sub("", n.headline)  # "🔥 今日头条" -> "今日头条"
    name = _COUNT_SUFFIX.sub("", strip_number(name)[0]).strip(" :：-—|｜")
    return name if 0 < width(key(name)) <= _SECTION_WIDTH else ""


def _resolve(n: Node, lines: list[str], section: str) -> list[Node]:
    """The stories in n's subtree: n itself, or its children's stories when it groups them."""
    if n.level != ROOT:
        _describe(n, lines)  # lazily: nothing under commentary needs describing
        n.section = section
    if n.edit == "commentary":
        return []
    if not n.children:  # the common case, a leaf: no grouping to decide
        return [n] if n.level != ROOT and not n.edit and _is_story(n, lines) else []
    inner = (_section_name(n) or section) if n.level != ROOT else section
    parts = [(k, _resolve(k, lines, inner)) for k in n.children]
    if n.edit == "overview":
        # Lines right under an overview or a table of contents summarise or point at the
        # stories; only sections under it (with their own headings) may hold stories.
        parts = [(k, r) for k, r in parts if k.level < PSEUDO]
    entries = [r for k, r in parts if k.level == ENTRY]
    if entries and 2 * sum(1 for r in entries if r) <= len(entries):
        # Mostly labels or facts ("**国の借金**: …"): a list of details, not of stories.
        parts = [(k, [] if k.level == ENTRY else r) for k, r in parts]
    count = sum(len(r) for _, r in parts)
    if n.level != ROOT and not n.edit and _is_story(n, lines):
        if n.lead.url or count == 0:
            return [n]
        # A story told in paragraphs keeps its sub-points; a wrapper ("## 今日头条" and
        # one bold headline) yields its story; a heading over stories is a group.
        prose = _text_lines(n, lines, n.children[0].start, 2, tables=False)
        if (prose >= 2 and n.level > 1) or (count == 1 and prose):  # an H1 is the title
            return [n]
        if count == 1:
            return next(r for _, r in parts if r)
    grouped = any(len(r) >= 2 and k.edit != "overview" for k, r in parts)
    picks: list[Node] = []
    for k, r in parts:
        # Beside groups of stories, an unnumbered, unlinked section is an intro or outro.
        if grouped and r == [k] and k.level < ENTRY and not (k.numbered or k.lead.url):
            continue
        picks.extend(r)
    if n.edit == "overview":
        for p in picks:
            p.overview = True
    return picks


def _is_story(n: Node, lines: list[str]) -> bool:
    w = width(n.key)
    if w <= (4 if n.numbered else _LABEL_WIDTH) or n.lead.shape in ("label", "bare"):
        return False
    if looks_like_markup(n.headline) or is_fragment(n.headline, derived=n.derived):
        return False  # scraped HTML ("login?return_to=%2F… rel=…") or a sentence's piece
    if n.level == ENTRY:
        if n.aside and n.lead.shape != "link":
            return False  # a point of the author's own commentary
        if n.lead.shape == "link":
            return has_prose(n.lead.rest, links=False) or n.end > n.start + 1
        if n.lead.shape == "bold":
            return n.numbered or w >= BULLET_WIDTH
        return w >= 10 if n.numbered else w >= 20 and "http" in n.text
    return _text_lines(n, lines, n.end, 1) > 0 or (n.level == PSEUDO and has_prose(n.lead.rest))


def _text_lines(n: Node, lines: list[str], end: int, enough: int, *, tables: bool = True) -> int:
    """How many lines with words (not just images or rules) n's body has before `end`,
    counting up to `enough`; table rows count only if `tables`."""
    found = 0
    for line in lines[n.start + 1 : end]:
        s = line.strip()
        if (
            s
            and (tables or s[0] != "|")
            and WORD.search(s, 0, 400)
            and not is_rule(s)
            and (s[0] not in "!<[" or not _IMAGE_LINE.fullmatch(s[:CAP]))
        ):
            found += 1
            if found >= enough:
                break
    return found


def _dedupe(picks: list[Node]) -> list[Node]:
    """Drop overview entries that repeat a story told in full elsewhere, then any story
    told a second time (same headline, or same link to a page, not a home page, and a
    headline opening alike); in document order."""
    seen = {p.key for p in picks if not p.overview}
    seen |= {_norm_url(p.lead.url) for p in picks if p.lead.url and not p.overview}
    kept = []
    for p in picks:
        url = p.lead.url or first_link(p.text) if p.overview else None
        if not p.overview or (p.key not in seen and not (url and _norm_url(url) in seen)):
            kept.append(p)
    told: set[str] = set()
    linked: dict[str, str] = {}  # page URL -> key of the story first told with it
    once = []
    for p in sorted(kept, key=lambda n: n.start):
        url = _norm_url(p.lead.url) if p.lead.url else ""
        page = url if "/" in url.partition("://")[2] else ""
        # One link is not enough: digests reuse a link by mistake or link their own
        # page from every story; a repeat also repeats the headline's opening.
        if p.key in told or (page in linked and _alike(linked[page], p.key)):
            continue
        told.add(p.key)
        if page:
            linked.setdefault(page, p.key)
        once.append(p)
    return once


def _alike(a: str, b: str) -> bool:
    """Do two headline keys open alike, or does one hold the other?"""
    short = min(len(a), len(b))
    return short >= _ALIKE and (
        a[:_ALIKE] == b[:_ALIKE] or (short >= 2 * _ALIKE and (a in b or b in a))
    )


def _norm_url(url: str) -> str:
    return url.split("#", 1)[0].rstrip("/").lower()
