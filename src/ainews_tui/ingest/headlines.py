"""How a line opens (a link, a bold headline, a label, prose) and its headline as text.

The link that leads an entry is read with markdown-it-py's CommonMark link parser, so
link text holding brackets (`[[bold]注入[/] 的标题](url)`) or a destination holding
parentheses reads as the author's Markdown does; the rest is a few anchored regexes on
at most CAP characters of a line.
"""

from __future__ import annotations

import html
import re

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline

from .nodes import CAP, Lead

_MAX_DERIVED = 100  # headlines derived from a sentence are cut at this many characters
BULLET_WIDTH = 11  # an un-numbered bold bullet narrower than this is a topic label

# Numbering before a headline: "1. ", "1）", "01 ", "1.1 ", "一、", "(1)", "【1】", "#1 ".
_NUMBER = re.compile(
    r"(?:第?\d{1,3}\s*(?:\.(?!\d)|[)）、])|\d{1,2}\.\d{1,2}\s|0\d{1,2}\s+|[一二三四五六七八九十]{1,3}、"
    r"|[(（]\d{1,3}[)）]|【\d{1,3}】|#\d{1,3}\s)\s*(?=\S)"
)
_BOLD_NUMBER = re.compile(r"(?:\*\*\d{1,3}[.)、]?\*\*|【\d{1,3}】)[ \t]*")
_TAG = re.compile(r"(?:\*\*\[[^\]\n]{1,12}\]\*\*|\[[^\]\n]{1,12}\](?!\()|【[^】\n]{1,12}】)[ \t]*")
_EMOJI = re.compile(r"[^\w\s*_\[\]<`#(（【]{1,4}[ \t]*(?=\*\*|__|\[)")
_LINK_TEXT = r"([^\[\]\n]*(?:\[[^\[\]\n]*\][^\[\]\n]*)*)"  # one level of [nesting]
_LEAD_A = re.compile(
    r"<a\s[^<>\n]{0,300}?href\s*=\s*[\"']?([^\"'\s>]+)[^<>\n]{0,300}>(.{0,600}?)</a>", re.I
)
# One line of HTML that is one item: tags (and a number) before a <strong> headline.
_HTML_BOLD = re.compile(
    r"(?:\s*(?:<[^<>]{0,300}>|(\d{1,3})))*?\s*<(strong|b)(?:\s[^<>]{0,100})?>([^<]{1,300})</\2>"
)
_HREF = re.compile(r"href\s*=\s*[\"']?(https?://[^\"'\s>]+)", re.I)
_INLINE = re.compile(  # image | link | HTML tag | `#12` reference: see _inline_text
    r"!\[[^\[\]\n]{0,600}\]\([^()\n]{0,2000}\)"
    r"|\[" + _LINK_TEXT + r"\]\([^()\n]{0,2000}(?:\([^()\n]{0,500}\)[^()\n]{0,500})?\)"
    r"|<[^<>\n]{0,500}>|`#?\d{1,5}`"
)
_EMPHASIS = re.compile(r"\*([^*\n]+)\*")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u200b\ufeff]")
_MARKUP = re.compile(r"[\[<`*_\\&~!]")
WORD = re.compile(r"[^\W_]")
_FIRST_LINK = re.compile(r"(?<!!)\[[^\[\]\n]*\]\(")
_SENTENCE_END = re.compile(r"[。！？!?]|\.\s")
_SEPARATOR = re.compile(r"(?:[：:—–|｜]|- )\s*")  # between a bold headline and its text
# What is left of scraped HTML once tags are gone: attributes, query strings, escapes.
_HTML_RESIDUE = re.compile(
    r"[\w-]+\s*=\s*[\"']|</?[A-Za-z][\w-]*(?:\s|/?>)|[?&][\w-]+=[^\s]|%[0-9A-Fa-f]{2}|&#?\w+;"
)

_HANDLES = re.compile(r"(?:@[\w.-]{1,40}[\s,、，]*)+")
_OPEN_QUOTES, _CLOSE_QUOTES = '“"「『', '”"」』'
# Lower-case function words that open a sentence's middle, never a headline.
_CONTINUATIONS = frozenset(
    [
        "the",
        "a",
        "an",
        "and",
        "but",
        "or",
        "so",
        "to",
        "of",
        "in",
        "on",
        "at",
        "for",
        "with",
        "from",
        "by",
        "that",
        "which",
        "who",
        "whose",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "it",
        "its",
        "this",
        "these",
        "those",
        "as",
        "if",
        "because",
        "when",
        "while",
        "than",
        "then",
        "also",
        "not",
    ]
)
# CommonMark's own link grammar (label with nested brackets, destination, title).
_MD = MarkdownIt("commonmark")
_SPACE = " \t"
_LINK_TRIES = 4
_SIMPLE_LINK = re.compile(r"\[([^\[\]\\`<>\n]*)\]\([ \t]*([^\s()<>\\\"']*)[ \t]*\)")


def parse_link(text: str, pos: int) -> tuple[str, str, int] | None:
    """The inline link `[label](destination "title")` opening at text[pos], read as
    CommonMark reads it: (label Markdown, destination, end position), else None."""
    if simple := _SIMPLE_LINK.match(text, pos):
        # Nothing in it that CommonMark could read otherwise (brackets, code, escapes,
        # HTML, a title): the same answer, without markdown-it's per-character walk
        # (which would halve extraction speed on link-led digests).
        return simple.group(1), simple.group(2), simple.end()
    if "](" not in text[pos : pos + CAP]:
        return None
    state = StateInline(text, _MD, {}, [])
    label_end = _MD.helpers.parseLinkLabel(state, pos, True)
    size = len(text)
    p = label_end + 1
    if label_end < 0 or p >= size or text[p] != "(":
        return None
    p = _skip_space(text, p + 1)
    dest = _MD.helpers.parseLinkDestination(text, p, size)
    if not dest.ok:
        return None
    after = _skip_space(text, dest.pos)
    title = _MD.helpers.parseLinkTitle(text, after, size)
    if after != dest.pos and title.ok:
        after = _skip_space(text, title.pos)
    if after >= size or text[after] != ")":
        return None
    return text[pos + 1 : label_end], dest.str, after + 1


def _skip_space(text: str, p: int) -> int:
    while p < len(text) and text[p] in _SPACE:
        p += 1
    return p


def lead(s: str) -> Lead:
    """Classify how a line opens: a link, a bold headline, a label or plain prose.

    Patterns look at the first CAP characters only; `rest` runs to the end of the line.
    """
    t, pos, numbered, tag, tag_at = s[:CAP], 0, False, "", -1
    if t[:1] in ("*", "【") and (m := _BOLD_NUMBER.match(t)):
        pos, numbered = m.end(), True
    link = parse_link(t, pos) if t[pos : pos + 1] == "[" else None
    if link is None and t[pos : pos + 1] in ("*", "[", "【") and (m := _TAG.match(t, pos)):
        # A "[官方发布]" label before the headline stays on it, as on a "###" title.
        tag, tag_at, pos = m.group().strip(" \t*") + " ", m.start(), m.end()
        link = parse_link(t, pos) if t[pos : pos + 1] == "[" else None
    c = t[pos : pos + 1]
    if not link and c and not c.isalnum() and c not in "*_[<" and (m := _EMOJI.match(t, pos)):
        pos = m.end()
        link = parse_link(t, pos) if t[pos : pos + 1] == "[" else None
    if link:
        return _link_lead(link[0], link[1], s[link[2] :], numbered, tag)
    mark = t[pos : pos + 2]
    if mark in ("**", "__") and (close := t.find(mark, pos + 2)) > pos + 2:
        inner, after = t[pos + 2 : close], s[close + 2 :]
        if inner[:1] == "[" and (il := parse_link(inner, 0)) and il[2] == len(inner):
            return _link_lead(il[0], il[1], after, numbered, tag)
        rest = after.strip()
        if inner.rstrip().endswith((":", "：")):
            return Lead("label", inner, None, rest, numbered)
        if not rest:
            return Lead("bold", tag + inner, None, "", numbered)
        if sep := _SEPARATOR.match(rest):
            rest = rest[sep.end() :].lstrip("—").strip()
            return Lead("bold", tag + inner, None, rest, numbered)
        # Bold run into the sentence ("**OpenAI** 发布…") is emphasis, not a headline.
    elif t[pos : pos + 3].lower() == "<a " and (am := _LEAD_A.match(t, pos)):
        return _link_lead(am.group(2), am.group(1), s[am.end() :], numbered, tag)
    elif c == "<" and (hm := _HTML_BOLD.match(t, pos)):
        href = _HREF.search(t, hm.end())
        rest = s[hm.end() :]
        return Lead("bold", hm.group(3), href.group(1) if href else None, rest, bool(hm.group(1)))
    return Lead("plain", rest=s[tag_at if tag else pos :], numbered=numbered)


def _link_lead(text: str, url: str, after: str, numbered: bool, tag: str = "") -> Lead:
    bare = (
        not WORD.search(text)  # "[↗](url)"
        or text.lstrip("*").startswith(("http", "www.", "!["))
        or url.startswith("#")  # an in-page anchor: a table of contents
    )
    return Lead("bare" if bare else "link", tag + text, url, after, numbered)


def heading_url(text: str) -> str | None:
    """The first link of a heading's text (Markdown or <a href>), if any."""
    if "](" in text:
        t, start = text[:CAP], text.find("[")
        # Each try may read to the end of the line: a few tries keep a heading of
        # 2,000 "[" linear (headlines have their link among the first brackets).
        for _ in range(_LINK_TRIES):
            if not 0 <= start < CAP:
                break
            if link := parse_link(t, start):
                return link[1]
            start = t.find("[", start + 1)
    if "href" in text and (am := _LEAD_A.search(text[:CAP])):
        return am.group(1)
    return None


def plain(md: str) -> str:
    """Markdown/HTML of a headline as plain text."""
    t = md[:CAP]
    if _MARKUP.search(t):  # most headlines have none: skip the substitutions
        t = _INLINE.sub(_inline_text, t).replace("`", "")
        # `**` stays literal in CommonMark next to CJK punctuation (`**“词”**的`); a
        # headline never shows it, paired or not.
        t = t.replace("**", "").replace("__", "").replace("~~", "")
        t = _EMPHASIS.sub(r"\1", t) if "*" in t else t
        t = _ESCAPE.sub(r"\1", t) if "\\" in t else t
        t = html.unescape(t) if "&" in t else t
    return " ".join(_CONTROL.sub("", t).split()).rstrip(" ：:，,、;；")


def _inline_text(m: re.Match[str]) -> str:
    """A link keeps its words (but "[↗](url)" goes); images, tags and `#12` go."""
    text = m.group(1)
    if text is not None:
        return text if WORD.search(text) else ""
    return " " if m.group().startswith("<") else ""


def is_fragment(headline: str, *, derived: bool) -> bool:
    """A piece of a sentence or of a reaction, not a headline: only @handles, prose
    that opens mid-sentence ("the world is only partially predictable"), or a first
    sentence that is a quotation on its own (an opinion; a bold or linked headline in
    quotes is a title)."""
    c = headline[:1]
    if c == "@" and _HANDLES.fullmatch(headline):
        return True
    if derived and c in _OPEN_QUOTES and headline[-1:] in _CLOSE_QUOTES:
        return True
    return "a" <= c <= "z" and headline.partition(" ")[0] in _CONTINUATIONS and " " in headline


def looks_like_markup(headline: str) -> bool:
    """Scraped HTML or a URL's query string, not words: never a headline."""
    return any(c in headline for c in "=<%&") and bool(_HTML_RESIDUE.search(headline))


def sentence(md: str) -> str:
    """The first sentence of a paragraph: the headline of an entry that has none."""
    cut = _SENTENCE_END.search(md, 10, 4 * _MAX_DERIVED)  # plain only what is needed
    md = md[: cut.end() if cut else 4 * _MAX_DERIVED]
    link = _FIRST_LINK.search(md)
    if link and width(key(plain(md[: link.start()]))) >= 10 and _ends_sentence(md, link.start()):
        md = md[: link.start()]  # "headline [source](url)": the source is not the headline
    text = plain(md)
    m = _SENTENCE_END.search(text, 10, _MAX_DERIVED + 1)  # past a teaser like "谷歌跪了？"
    if m:
        text = text[: m.start() + 1].rstrip()
    elif len(text) > _MAX_DERIVED:
        text = text[:_MAX_DERIVED].rstrip() + "…"
    return text.removesuffix("。").rstrip()  # a headline has no full stop


def _ends_sentence(md: str, start: int) -> bool:
    """Does the link at `start` close its sentence, as a source does, rather than sit
    inside it ("OpenAI 同日启动了[Codex](url) 的预览")?"""
    link = parse_link(md, start)
    if link is None:
        return True
    after = md[link[2] :].lstrip(" \t")
    return not after or after[0] in "。.!！?？;；,，、)）]】|｜-—–(（"


def unwrap(text: str) -> str:
    """ "[headline]" or "【headline】" -> "headline"."""
    if len(text) > 2 and (text[0], text[-1]) in (("[", "]"), ("【", "】")):
        return text[1:-1].strip()
    return text


def strip_number(text: str) -> tuple[str, bool]:
    m = _NUMBER.match(text)
    return (text[m.end() :], True) if m else (text, False)


def key(text: str) -> str:
    return "".join(filter(str.isalnum, text)).lower()  # twice as fast as a [\W_]+ regex


def width(key: str) -> int:
    """Display width of a key: CJK (3 UTF-8 bytes) counts double, as in a terminal."""
    k = key[:60]
    return len(k) + (len(k.encode("utf-8", "replace")) - len(k)) // 2


def has_prose(md: str, *, links: bool = True) -> bool:
    """Does the Markdown hold words (optionally not counting the words of links)?"""
    return len(key(plain(md if links else _INLINE.sub("", md[:CAP])))) >= 2


def pseudo_lead(s: str) -> Lead | None:
    """The lead of a paragraph that opens with a bold or linked headline (a heading)."""
    if s[0] not in "*_[【<" and not _EMOJI.match(s, 0, 12):
        return None
    found = lead(s)
    if found.shape == "bold":
        ok = not found.rest or width(key(found.head)) >= BULLET_WIDTH
    elif found.shape == "link":
        ok = found.numbered or has_prose(found.rest, links=False)
    else:
        ok = found.shape == "label" or (found.numbered and found.shape == "plain")
    return found if ok else None
