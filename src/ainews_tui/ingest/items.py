"""Split a digest post body into its news stories (items).

One line-based pass (no full Markdown parse: a sync reads thousands of posts) builds an
outline tree of headings, pseudo-headings (a paragraph opening with a bold or linked
headline) and top-level list entries; fenced code is never structure. Each subtree is
then one story or a group of stories: a node is split when two or more of its children
resolve to stories, which picks the level that yields the most story-like items.
Editorial parts (commentary, promotions, disclaimers, source lists) are dropped with
their subtree. Overviews and tables of contents are never items; only sections under
them can be, and such an entry is dropped when the story is told in full elsewhere.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import NamedTuple

from ainews_tui.model import ExtractedItem

__all__ = ["extract_items"]

_ROOT, _PSEUDO, _ENTRY = 0, 7, 8  # node levels; headings are 1-6
_CAP = 2000  # characters of a line examined for structure: keeps hostile lines linear
_LABEL_WIDTH = 8  # a headline this narrow ("来源", "要闻", "Added") is a label, not a story
_BULLET_WIDTH = 11  # an un-numbered bold bullet narrower than this is a topic label
_MAX_DERIVED = 100  # headlines derived from a sentence are cut at this many characters
_SHORT_KEY = 10  # a heading this short is a section name: match editorial words anywhere

_MARKER = re.compile(r"(?:[-*+•]|\d{1,9}[.)])(?:[ \t]+|$)|\d{1,3}[、）][ \t]*")
_HTML_HEADING = re.compile(r"<h([1-6])[\s>]", re.I)
_FENCE = re.compile(r"`{3,}|~{3,}")
# Numbering before a headline: "1. ", "1）", "01 ", "1.1 ", "一、", "(1)", "【1】", "#1 ".
_NUMBER = re.compile(
    r"(?:第?\d{1,3}\s*(?:\.(?!\d)|[)）、])|\d{1,2}\.\d{1,2}\s|0\d{1,2}\s+|[一二三四五六七八九十]{1,3}、"
    r"|[(（]\d{1,3}[)）]|【\d{1,3}】|#\d{1,3}\s)\s*(?=\S)"
)
_TRAILING_REF = re.compile(r"`#\d{1,5}`\s*$")  # "## headline `#4`" is numbered too
_BOLD_NUMBER = re.compile(r"(?:\*\*\d{1,3}[.)、]?\*\*|【\d{1,3}】)[ \t]*")
_TAG = re.compile(r"(?:\*\*\[[^\]\n]{1,12}\]\*\*|\[[^\]\n]{1,12}\](?!\()|【[^】\n]{1,12}】)[ \t]*")
_EMOJI = re.compile(r"[^\w\s*_\[\]<`#(（【]{1,4}[ \t]*(?=\*\*|__|\[)")
_LINK_TEXT = r"([^\[\]\n]*(?:\[[^\[\]\n]*\][^\[\]\n]*)*)"  # one level of [nesting]
_URL = r"([^\s<>()]*(?:\([^\s<>()]*\)[^\s<>()]*)*)"  # one level of (parentheses)
_LEAD_LINK = re.compile(r"\[" + _LINK_TEXT + r"\]\(\s*<?" + _URL + r">?[^)\n]{0,200}\)")
_LEAD_A = re.compile(
    r"<a\s[^<>\n]{0,300}?href\s*=\s*[\"']?([^\"'\s>]+)[^<>\n]{0,300}>(.{0,600}?)</a>", re.I
)
_INLINE = re.compile(  # image | link | HTML tag | `#12` reference: see _inline_text
    r"!\[[^\[\]\n]{0,600}\]\([^()\n]{0,2000}\)"
    r"|\[" + _LINK_TEXT + r"\]\([^()\n]{0,2000}(?:\([^()\n]{0,500}\)[^()\n]{0,500})?\)"
    r"|<[^<>\n]{0,500}>|`#?\d{1,5}`"
)
_IMAGE_LINE = re.compile(
    r"(?:\[?!\[[^\[\]\n]{0,600}\]\([^()\n]{0,2000}\)(?:\]\([^()\n]{0,2000}\))?"
    r"|<img\s[^<>]{0,2000}>|<br\s*/?>|\s)+"
)
_HTTP = re.compile(r"https?://")
_MD_URL = re.compile(r"[^\s<>()]+(?:\([^\s<>()]*\)[^\s<>()]*)*")
_ATTR_URL = re.compile(r"[^\"'\s<>]+")
_BARE_URL = re.compile(r"[^\s<>\"'\[\]()（）【】「」，。；！、`]+")
_ATTR_BEFORE = re.compile(r"=\s*[\"']?$")
_SRC_BEFORE = re.compile(r"(?:src|poster)\s*=\s*[\"']?$", re.I)
_EMPHASIS = re.compile(r"\*([^*\n]+)\*")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u200b\ufeff]")
_MARKUP = re.compile(r"[\[<`*_\\&~!]")
_WORD = re.compile(r"[^\W_]")
_PARENS = re.compile(r"（[^（）]{0,40}）|\([^()]{0,40}\)")
_LABEL_PREFIX = re.compile(r"(?:标题|title)\s*[:：]\s*", re.I)
_FIRST_LINK = re.compile(r"(?<!!)\[[^\[\]\n]*\]\(")
_SENTENCE_END = re.compile(r"[。！？!?]|\.\s")
_SEPARATOR = re.compile(r"(?:[：:—–|｜]|- )\s*")  # between a bold headline and its text

# Editorial headings, matched against the headline reduced to word characters: anywhere
# in a short heading (a section name), else only at the start. Prefix-only words would
# misfire anywhere ("值得关注" groups stories, "关注我们" is a promotion).
_COMMENTARY = re.compile(
    "点评|评论|洞察|观点|写在最后|总结|小结|结语|结论|后记|编者|分析|预测|观察|免责|声明|广告|赞助"
    "|推广|订阅|扫码|语音版|收听|词云|相关问题|常见问题|问答|互动|留言|往期|推荐阅读|延伸阅读"
    "|参考|来源|出处|标签|选题|一句话|关键词|自荐|机会|邀请|社群|交流群|进群|invitation|joinus"
    "|commentary|opinion|insight|takeaway|conclusion|finalthought|wrapup|disclaimer|sponsor"
    "|advertis|subscribe|newsletter|readmore|references|sources|relatedlinks|faq"
)
_COMMENTARY_PREFIX = ("关注", "提示", "相关链接", "原文链接", "about", "related", "follow")
_OVERVIEW = re.compile(
    "概览|概述|摘要|简要|导读|看点|导航|目录|overview|summary|tldr|highlights|ataglance|keypoints"
    "|contents|toc"
)


class _Lead(NamedTuple):
    """How a headline line opens; its shape decides whether it can head a story."""

    shape: str  # "link" | "bold" | "label" | "bare" (a link that is no headline) | "plain"
    head: str = ""  # Markdown of the headline
    url: str | None = None
    rest: str = ""  # Markdown after the headline on the same line
    numbered: bool = False


_NO_LEAD = _Lead("plain")


@dataclass(slots=True, eq=False)
class _Node:
    level: int
    start: int
    end: int
    text: str = ""  # heading text, or the line after the list marker
    col: int = 0  # list content column, to dedent the summary
    ordered: bool = False
    lead: _Lead = _NO_LEAD
    children: list[_Node] = field(default_factory=list)
    headline: str = ""
    key: str = ""  # the headline reduced to lower-case word characters
    numbered: bool = False
    edit: str = ""  # "" | "commentary" | "overview"
    derived: bool = False  # headline is the first sentence, not an element of its own
    overview: bool = False  # picked from under an overview


def extract_items(body: str, *, max_items: int = 2000) -> list[ExtractedItem]:
    """Split a digest body (Markdown, LF line endings, no front matter) into its stories.

    Returns [] when the body has no recognizable items: the caller then makes the whole
    post one item. Never raises on any input; time is linear in the body's length.
    """
    try:
        return _extract(body, max(0, max_items))
    except Exception:  # pragma: no cover - a bug here must not make a post unreadable:
        return []  # the caller shows it whole (the tests drive _extract, unguarded)


def _extract(body: str, max_items: int) -> list[ExtractedItem]:
    lines = body.split("\n")
    code = bytearray(len(lines))
    nodes, unclosed = _scan(lines, code)
    if unclosed >= 0:
        # A fence that never closes is nearly always a stray one (a lone closing ```):
        # read that line as text rather than swallow the rest of the post as code.
        code = bytearray(len(lines))
        nodes, _ = _scan(lines, code, unclosed)
    picks = _dedupe(_resolve(_build_tree(nodes, len(lines)), lines))
    picks.sort(key=lambda n: n.start)
    return [_item(n, lines, code) for n in picks[:max_items]]


# ----------------------------------------------------------------------------- scanning


def _scan(lines: list[str], code: bytearray, not_fence: int = -1) -> tuple[list[_Node], int]:
    """Headings, pseudo-headings and top-level list entries, in document order.

    A list entry gets its end here (a list ends at the first line it cannot hold); the
    tree builder ends a heading at the next node of the same or higher rank. Lines in
    fenced code are flagged in `code`; also returns where a never-closed fence opened.
    """
    nodes: list[_Node] = []
    total, fence, fence_at, entry = len(lines), "", -1, None
    last = -1  # last non-blank line of the open list
    prev_blank, prev_heading, para_start = True, True, -1
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
            rule = c in "-*_=" and _is_rule(s)
            marker = None if rule else _MARKER.match(s, 0, 16)
            if not (prev_blank or marker or rule or c in "#>`~|" or _HTML_HEADING.match(s, 0, 8)):
                last = i  # a lazy continuation of the entry's paragraph
                continue
            entry.end, entry = last + 1, None
            if marker:
                entry, last, prev_blank = _entry(s, ind, marker, i), i, False
                nodes.append(entry)
                continue
        blank_before, heading_before = prev_blank, prev_heading
        prev_blank = prev_heading = False
        if ind >= 4:
            continue
        if fm:
            fence, fence_at, code[i] = fm.group(), i, 1
        elif c == "#" and (h := _atx(s)) is not None:
            prev_heading = True
            nodes.append(_Node(h[0], i, total, h[1]))
        elif c == "<" and (m := _HTML_HEADING.match(s, 0, 8)):
            prev_heading = True
            nodes.append(_Node(int(m.group(1)), i, total, s[:_CAP]))
        elif c in "-*_=" and _is_rule(s):
            if c in "=-" and para_start == i - 1 and not blank_before:
                if nodes and nodes[-1].start == i - 1:  # a setext heading: the line above
                    nodes.pop()
                prev_heading = True
                nodes.append(_Node(1 if c == "=" else 2, i - 1, total, lines[i - 1].strip()))
            else:
                prev_blank = True  # a rule separates blocks as a blank line does
        elif c in "-*+•0123456789" and (marker := _MARKER.match(s, 0, 16)):
            entry, last = _entry(s, ind, marker, i), i
            nodes.append(entry)
        elif blank_before or heading_before:
            para_start = i if c not in ">|<" else -1
            if (c in "*_[【<" or not c.isalnum()) and (lead := _pseudo_lead(s)):
                nodes.append(_Node(_PSEUDO, i, total, s, lead=lead))
    if entry is not None:
        entry.end = last + 1
    return nodes, fence_at if fence else -1


def _is_rule(s: str) -> bool:
    """A thematic break (`---`, `* * *`) or a setext underline (`===`)."""
    t = s.rstrip()
    if not t or t[0] not in "-*_=" or len(t) > 200:
        return False
    return len(t.replace(" ", "")) >= 3 and not t.strip(t[0] + " ")


def _atx(s: str) -> tuple[int, str] | None:
    n = len(s) - len(s.lstrip("#"))
    if n > 6 or (len(s) > n and s[n] not in " \t"):
        return None  # "#hashtag" or "#######" is text
    text = s[n:_CAP].strip()
    bare = text.rstrip("#")
    return n, (bare.rstrip() if bare != text and (not bare or bare[-1] in " \t") else text)


def _entry(s: str, ind: int, marker: re.Match[str], i: int) -> _Node:
    content = s[marker.end() :]
    col = ind + marker.end() if content else ind + len(marker.group().rstrip()) + 1
    return _Node(_ENTRY, i, i + 1, content, col, s[0].isdigit())


def _pseudo_lead(s: str) -> _Lead | None:
    """The lead of a paragraph that opens with a bold or linked headline (a heading)."""
    if s[0] not in "*_[【<" and not _EMOJI.match(s, 0, 12):
        return None
    lead = _lead(s)
    if lead.shape == "bold":
        ok = not lead.rest or _width(_key(lead.head)) >= _BULLET_WIDTH
    elif lead.shape == "link":
        ok = lead.numbered or _has_prose(lead.rest, links=False)
    else:
        ok = lead.shape == "label" or (lead.numbered and lead.shape == "plain")
    return lead if ok else None


# -------------------------------------------------------------------------- headlines


def _lead(s: str) -> _Lead:
    """Classify how a line opens: a link, a bold headline, a label or plain prose.

    Patterns look at the first _CAP characters only; `rest` runs to the end of the line.
    """
    t, pos, numbered = s[:_CAP], 0, False
    if t[:1] in ("*", "【") and (m := _BOLD_NUMBER.match(t)):
        pos, numbered = m.end(), True
    if t[pos : pos + 1] in ("*", "[", "【") and (m := _TAG.match(t, pos)):
        pos = m.end()  # a "[产品]" tag before the headline
    c = t[pos : pos + 1]
    if c and not c.isalnum() and c not in "*_[<" and (m := _EMOJI.match(t, pos)):
        pos = m.end()
    mark = t[pos : pos + 2]
    if mark in ("**", "__") and (close := t.find(mark, pos + 2)) > pos + 2:
        inner, after = t[pos + 2 : close], s[close + 2 :]
        if (lm := _LEAD_LINK.match(inner)) and lm.end() == len(inner):
            return _link_lead(lm.group(1), lm.group(2), after, numbered)
        rest = after.strip()
        if inner.rstrip().endswith((":", "：")):
            return _Lead("label", inner, None, rest, numbered)
        if not rest:
            return _Lead("bold", inner, None, "", numbered)
        if sep := _SEPARATOR.match(rest):
            return _Lead("bold", inner, None, rest[sep.end() :].lstrip("—").strip(), numbered)
        # Bold run into the sentence ("**OpenAI** 发布…") is emphasis, not a headline.
    elif mark[:1] == "[" and (lm := _LEAD_LINK.match(t, pos)):
        return _link_lead(lm.group(1), lm.group(2), s[lm.end() :], numbered)
    elif t[pos : pos + 3].lower() == "<a " and (am := _LEAD_A.match(t, pos)):
        return _link_lead(am.group(2), am.group(1), s[am.end() :], numbered)
    return _Lead("plain", rest=s[pos:], numbered=numbered)


def _link_lead(text: str, url: str, after: str, numbered: bool) -> _Lead:
    bare = (
        not _WORD.search(text)  # "[↗](url)"
        or text.lstrip("*").startswith(("http", "www.", "!["))
        or url.startswith("#")  # an in-page anchor: a table of contents
    )
    return _Lead("bare" if bare else "link", text, url, after, numbered)


def _describe(n: _Node, lines: list[str]) -> None:
    """Work out a node's headline, numbering and editorial class."""
    if n.level >= _PSEUDO:
        if n.lead is _NO_LEAD:
            n.lead = _lead(n.text)
        head = n.lead.head
        if n.lead.shape == "plain":
            head, n.derived = _sentence(n.lead.rest), True
        n.headline, numbered = _strip_number(_unwrap(_plain(head)))
        n.numbered = n.ordered or n.lead.numbered or numbered
    else:
        lm = _LEAD_LINK.search(n.text) if "](" in n.text else None
        am = _LEAD_A.search(n.text) if not lm and "href" in n.text else None
        n.lead = _Lead("bold", n.text, lm.group(2) if lm else (am.group(1) if am else None))
        n.headline, n.numbered = _strip_number(_plain(n.text))
        n.numbered = n.numbered or ("`#" in n.text and bool(_TRAILING_REF.search(n.text)))
    if not n.headline:  # "【1】" alone, the headline on the next line ("标题: …")
        line = next((t for t in lines[n.start + 1 : min(n.end, n.start + 4)] if t.strip()), "")
        n.headline = _LABEL_PREFIX.sub("", _plain(line), count=1)
    n.key = _key(n.headline)
    n.edit = _editorial(n.headline, n.key)


def _plain(md: str) -> str:
    """Markdown/HTML of a headline as plain text."""
    t = md[:_CAP]
    if _MARKUP.search(t):  # most headlines have none: skip the substitutions
        t = _INLINE.sub(_inline_text, t).replace("`", "")
        t = t.replace("**", "").replace("__", "").replace("~~", "")
        t = _EMPHASIS.sub(r"\1", t) if "*" in t else t
        t = _ESCAPE.sub(r"\1", t) if "\\" in t else t
        t = html.unescape(t) if "&" in t else t
    return " ".join(_CONTROL.sub("", t).split()).rstrip(" ：:")


def _inline_text(m: re.Match[str]) -> str:
    """A link keeps its words (but "[↗](url)" goes); images, tags and `#12` go."""
    text = m.group(1)
    if text is not None:
        return text if _WORD.search(text) else ""
    return " " if m.group().startswith("<") else ""


def _sentence(md: str) -> str:
    """The first sentence of a paragraph: the headline of an entry that has none."""
    cut = _SENTENCE_END.search(md, 10, 4 * _MAX_DERIVED)  # plain only what is needed
    md = md[: cut.end() if cut else 4 * _MAX_DERIVED]
    link = _FIRST_LINK.search(md)
    if link and _width(_key(_plain(md[: link.start()]))) >= 10:
        md = md[: link.start()]  # "headline [source](url)": the source is not the headline
    text = _plain(md)
    m = _SENTENCE_END.search(text, 10, _MAX_DERIVED + 1)  # past a teaser like "谷歌跪了？"
    if m:
        return text[: m.start() + 1].rstrip()
    return text if len(text) <= _MAX_DERIVED else text[:_MAX_DERIVED].rstrip() + "…"


def _unwrap(text: str) -> str:
    """ "[headline]" or "【headline】" -> "headline"."""
    if len(text) > 2 and (text[0], text[-1]) in (("[", "]"), ("【", "】")):
        return text[1:-1].strip()
    return text


def _strip_number(text: str) -> tuple[str, bool]:
    m = _NUMBER.match(text)
    return (text[m.end() :], True) if m else (text, False)


def _key(text: str) -> str:
    return "".join(filter(str.isalnum, text)).lower()  # twice as fast as a [\W_]+ regex


def _width(key: str) -> int:
    """Display width of a key: CJK (3 UTF-8 bytes) counts double, as in a terminal."""
    k = key[:60]
    return len(k) + (len(k.encode("utf-8", "replace")) - len(k)) // 2


def _has_prose(md: str, *, links: bool = True) -> bool:
    """Does the Markdown hold words (optionally not counting the words of links)?"""
    return len(_key(_plain(md if links else _INLINE.sub("", md[:_CAP])))) >= 2


def _editorial(headline: str, key: str) -> str:
    k = _key(_PARENS.sub("", headline)) if "(" in headline or "（" in headline else key
    k = k.lstrip("0123456789").removesuffix("部分").removesuffix("section")
    if not k:
        return ""
    short = len(k) <= _SHORT_KEY
    if k.startswith(_COMMENTARY_PREFIX) or (_COMMENTARY.search if short else _COMMENTARY.match)(k):
        return "commentary"
    return "overview" if (_OVERVIEW.search if short else _OVERVIEW.match)(k) else ""


# --------------------------------------------------------------------- choosing items


def _build_tree(nodes: list[_Node], total: int) -> _Node:
    root = _Node(_ROOT, 0, total)
    stack = [root]
    for n in nodes:
        while stack[-1].level >= n.level:
            closed = stack.pop()
            if closed.level != _ENTRY:
                closed.end = n.start
        stack[-1].children.append(n)
        stack.append(n)
    return root


def _resolve(n: _Node, lines: list[str]) -> list[_Node]:
    """The stories in n's subtree: n itself, or its children's stories when it groups them."""
    if n.level != _ROOT:
        _describe(n, lines)  # lazily: nothing under commentary needs describing
    if n.edit == "commentary":
        return []
    if not n.children:  # the common case, a leaf: no grouping to decide
        return [n] if n.level != _ROOT and not n.edit and _is_story(n, lines) else []
    parts = [(k, _resolve(k, lines)) for k in n.children]
    if n.edit == "overview":
        # Lines right under an overview or a table of contents summarise or point at the
        # stories; only sections under it (with their own headings) may hold stories.
        parts = [(k, r) for k, r in parts if k.level < _PSEUDO]
    entries = [r for k, r in parts if k.level == _ENTRY]
    if entries and 2 * sum(1 for r in entries if r) <= len(entries):
        # Mostly labels or facts ("**国の借金**: …"): a list of details, not of stories.
        parts = [(k, [] if k.level == _ENTRY else r) for k, r in parts]
    count = sum(len(r) for _, r in parts)
    if n.level != _ROOT and not n.edit and _is_story(n, lines):
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
    picks: list[_Node] = []
    for k, r in parts:
        # Beside groups of stories, an unnumbered, unlinked section is an intro or outro.
        if grouped and r == [k] and k.level < _ENTRY and not (k.numbered or k.lead.url):
            continue
        picks.extend(r)
    if n.edit == "overview":
        for p in picks:
            p.overview = True
    return picks


def _is_story(n: _Node, lines: list[str]) -> bool:
    width = _width(n.key)
    if width <= (4 if n.numbered else _LABEL_WIDTH) or n.lead.shape in ("label", "bare"):
        return False
    if n.level == _ENTRY:
        if n.lead.shape == "link":
            return _has_prose(n.lead.rest, links=False) or n.end > n.start + 1
        if n.lead.shape == "bold":
            return n.numbered or width >= _BULLET_WIDTH
        return width >= 10 if n.numbered else width >= 20 and "http" in n.text
    return _text_lines(n, lines, n.end, 1) > 0 or (n.level == _PSEUDO and _has_prose(n.lead.rest))


def _text_lines(n: _Node, lines: list[str], end: int, enough: int, *, tables: bool = True) -> int:
    """How many lines with words (not just images or rules) n's body has before `end`,
    counting up to `enough`; table rows count only if `tables`."""
    found = 0
    for line in lines[n.start + 1 : end]:
        s = line.strip()
        if (
            s
            and (tables or s[0] != "|")
            and _WORD.search(s, 0, 400)
            and not _is_rule(s)
            and (s[0] not in "!<[" or not _IMAGE_LINE.fullmatch(s[:_CAP]))
        ):
            found += 1
            if found >= enough:
                break
    return found


def _dedupe(picks: list[_Node]) -> list[_Node]:
    """Drop overview entries that repeat a story told in full elsewhere."""
    seen = {p.key for p in picks if not p.overview}
    seen |= {_norm_url(p.lead.url) for p in picks if p.lead.url and not p.overview}
    keep = []
    for p in picks:
        url = p.lead.url or next(_links(p.text), None) if p.overview else None
        if not p.overview or (p.key not in seen and not (url and _norm_url(url) in seen)):
            keep.append(p)
    return keep


def _norm_url(url: str) -> str:
    return url.split("#", 1)[0].rstrip("/").lower()


# ------------------------------------------------------------------------ the item


def _item(n: _Node, lines: list[str], code: bytearray) -> ExtractedItem:
    end = n.end
    while end > n.start + 1 and (not (t := lines[end - 1].strip()) or _is_rule(t)):
        end -= 1  # trailing blank lines and rules belong to no story
    if code.find(1, n.start, end) < 0:
        text = "\n".join(lines[n.start : end])
    else:  # links inside fenced code are not links
        text = "\n".join(t for i, t in enumerate(lines[n.start : end], n.start) if not code[i])
    links = tuple(dict.fromkeys(_links(text)))
    own = n.lead.url
    url = own if own and own[:8].lower().startswith(("http://", "https://")) else None
    url = url or (links[0] if links else None)
    body = lines[n.start + 1 : end]
    if n.level == _ENTRY:
        body = [t[n.col :] if t[: n.col].isspace() else t.lstrip() for t in body]
    first = n.text if n.derived else (n.lead.rest if n.level >= _PSEUDO else "")
    summary = "\n".join([first, *body]).strip()
    return ExtractedItem(n.headline[:500], url, summary, n.start, end, links)


def _links(text: str) -> Iterator[str]:
    """http(s) links in order: Markdown links, <a href>, autolinks and bare URLs.

    Faster than one big alternation tried at every position: find each "http" and judge
    it by what precedes it. Images (`![..](..)`, `[![..](..)](..)`, `<img src>`) are not
    links.
    """
    for m in _HTTP.finditer(text):
        p = m.start()
        before = text[max(0, p - 12) : p]
        if before.endswith(("](", "](<")):
            close = p - (2 if before[-1] == "(" else 3)
            bracket = text.rfind("[", max(0, close - 2000), close)
            if bracket > 0 and text[bracket - 1] == "!":
                continue
            um = _MD_URL.match(text, p)
        elif _ATTR_BEFORE.search(before):
            if _SRC_BEFORE.search(before):
                continue
            um = _ATTR_URL.match(text, p)
        else:
            um = _BARE_URL.match(text, p)
        url = um.group().rstrip(".,;:!?'\"*_~") if um else ""
        if "." in url[m.end() - p :].split("/", 1)[0]:  # a host with a dot, not "https://github."
            yield url
