"""Markdown as digest authors write it, where CommonMark reads it otherwise.

- `违反**《计算机欺诈与滥用法案》(CFAA)**的`: CommonMark's flanking rules count `《` as
  punctuation and `反` as a letter, so neither `**` may open emphasis and the asterisks
  stay literal. Next to CJK characters the rules are relaxed, as Chinese Markdown
  editors (and the markdown-it-cjk-friendly plugin) do.
- A line ending in `\\` and spaces, or a paragraph's last line ending in `\\`, means a
  line break to its author; CommonMark prints the backslash.
- `---` right under a paragraph line is a horizontal rule to its author; CommonMark makes
  the paragraph a heading.
"""

from __future__ import annotations

import re
import unicodedata

from markdown_it import MarkdownIt
from markdown_it.common.utils import isMdAsciiPunct, isPunctChar, isWhiteSpace
from markdown_it.parser_inline import ParserInline
from markdown_it.rules_inline import StateInline
from markdown_it.rules_inline.state_inline import Scanned
from markdown_it.token import Token
from markdown_it.utils import EnvType

_FENCE = re.compile(r"^\s*(```|~~~)")
_DASH_RULE = re.compile(r"^(\s*)-{3,}\s*$")
_INDENT = re.compile(r"^\s*")
_ESCAPED_BREAK = re.compile(r"\\[ \t]+$")


def parser() -> MarkdownIt:
    """rich's parser (CommonMark, strikethrough, tables) with CJK-friendly emphasis."""
    md = MarkdownIt()
    md.inline = _CJKFriendlyInline()
    return md.enable("strikethrough").enable("table")


def as_written(text: str) -> str:
    """`text` with line breaks and rules spelled the way CommonMark reads them."""
    lines = text.split("\n")
    out: list[str] = []
    in_fence = False
    for n, line in enumerate(lines):
        if _FENCE.match(line):
            in_fence = not in_fence
        if in_fence:
            out.append(line)
            continue
        line = _ESCAPED_BREAK.sub("\\\\", line)
        ends_paragraph = n + 1 == len(lines) or not lines[n + 1].strip()
        if line.endswith("\\") and not line.endswith("\\\\") and ends_paragraph:
            line = line[:-1].rstrip()
        if _under_text(line, out[-1] if out else ""):
            out.append("")
        out.append(line)
    return "\n".join(out)


def _under_text(line: str, above: str) -> bool:
    """`line` is `---` right under a text line of the same block (same indentation, so
    also inside a list item), which CommonMark would read as a heading underline."""
    rule = _DASH_RULE.match(line)
    if rule is None or not above.strip() or _DASH_RULE.match(above):
        return False
    indent = _INDENT.match(above)
    return indent is not None and indent.group(0) == rule.group(1)


def is_wide(char: str) -> bool:
    """A CJK (wide or full-width) character."""
    return unicodedata.east_asian_width(char) in ("W", "F")


class _CJKFriendlyState(StateInline):
    """CommonMark's delimiter rules, where a CJK character next to the run counts like
    the whitespace an English writer would have put there (the rule of the
    markdown-it-cjk-friendly plugin). Runs with no CJK neighbour are unchanged."""

    def scanDelims(self, start: int, canSplitWord: bool) -> Scanned:
        scanned = super().scanDelims(start, canSplitWord)
        last = self.src[start - 1] if start > 0 else " "
        end = start + scanned.length
        after = self.src[end] if end < self.posMax else " "
        if not (is_wide(last) or is_wide(after)):
            return scanned
        last_space, next_space = isWhiteSpace(ord(last)), isWhiteSpace(ord(after))
        last_punct = isMdAsciiPunct(ord(last)) or isPunctChar(last)
        next_punct = isMdAsciiPunct(ord(after)) or isPunctChar(after)
        left = not next_space and (not next_punct or last_space or last_punct or is_wide(last))
        right = not last_space and (not last_punct or next_space or next_punct or is_wide(after))
        can_open = left and (canSplitWord or not right or last_punct)
        can_close = right and (canSplitWord or not left or next_punct)
        return Scanned(can_open, can_close, scanned.length)


class _CJKFriendlyInline(ParserInline):
    def parse(self, src: str, md: MarkdownIt, env: EnvType, tokens: list[Token]) -> list[Token]:
        state = _CJKFriendlyState(src, md, env, tokens)
        self.tokenize(state)
        for rule in self.ruler2.getRules(""):
            rule(state)
        return state.tokens
