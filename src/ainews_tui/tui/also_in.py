"""The reader's "Also in" block: the other digests that carry the story on screen."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text

from ..i18n import Catalogue
from ..safe import clean_line
from .entries import Entry


def also_in_lines(t: Catalogue, copies: Sequence[Entry], current: str) -> list[Text]:
    """A heading and one numbered line per copy (source, date, its headline); the copy
    on screen is marked. Empty when no other digest carries the story."""
    if len(copies) < 2:
        return []
    lines = [Text(""), Text(t.count("reader.also_in", len(copies) - 1), style="bold")]
    for n, copy in enumerate(copies, 1):
        here = copy.key == current
        line = Text(f"{'▸' if here else ' '} {n}. ", style="bold" if here else "dim")
        line.append(f"{clean_line(copy.source_name)} · {t.short_date(copy.date)} · ", style="dim")
        line.append(copy.headline, style="bold" if here else "")
        lines.append(line)
    return lines
