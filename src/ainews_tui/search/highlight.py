"""Where the search terms occur in a piece of text, for highlighting list rows and posts."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from .text import fold, is_cjk, word_pattern


def highlight_spans(text: str, terms: Sequence[str]) -> list[tuple[int, int]]:
    """(start, end) offsets into `text` of every match of `terms`, sorted, merged.

    Matching is as the search does it: NFKC, case-insensitive, whitespace runs equal,
    and one- or two-letter Latin terms only as whole words.
    """
    wanted = [t for t in dict.fromkeys(fold(term) for term in terms) if t]
    if not wanted or not text:
        return []
    folded, origin = _fold_with_offsets(text)
    spans: list[tuple[int, int]] = []
    for term in wanted:
        for match in word_pattern(term).finditer(folded):
            spans.append((origin[match.start()], origin[match.end() - 1] + 1))
    return _merge(spans)


def _fold_with_offsets(text: str) -> tuple[str, list[int]]:
    """`fold` character by character, with the source offset of every folded character."""
    out: list[str] = []
    origin: list[int] = []
    space = True
    for offset, char in enumerate(text):
        if char.isspace():
            if not space:
                out.append(" ")
                origin.append(offset)
            space = True
            continue
        space = False
        piece = (
            unicodedata.normalize("NFKC", char).casefold() if not char.isascii() else char.lower()
        )
        out.append(piece)
        origin.extend([offset] * len(piece))
    folded = "".join(out)
    # As `fold` does: no space next to a CJK character.
    keep = [
        n
        for n, char in enumerate(folded)
        if char != " "
        or not (
            (n > 0 and is_cjk(folded[n - 1])) or (n + 1 < len(folded) and is_cjk(folded[n + 1]))
        )
    ]
    return "".join(folded[n] for n in keep), [origin[n] for n in keep]


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged
