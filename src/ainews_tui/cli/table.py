"""Tables whose key column is never cut, and tab-separated rows when piped.

Keys are what `show`, `open` and `mark` take, so a table that shortens one is useless.
On a terminal (`terminal_table` lays it out) the key keeps its full width; the fill
column (a headline or title) shrinks with an ellipsis and lesser columns drop, in their
`drop` order, until the row fits. A terminal too narrow even for that gets each row as
two lines: the key, then the rest. Piped, every row is the full values separated by
tabs, under a header line.

This module holds what a table is and its piped form. Cells are plain (text, style)
pieces that only the terminal layout (`terminal_table`) turns into rich `Text`, so a
piped table never imports rich.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, TextIO

from ..safe import clean_line

Cell = tuple[tuple[str, str], ...]
"""A cell's text as (text, style) pieces; its text already through `clean_line`."""


def plain(text: str) -> Cell:
    """A cell of one unstyled piece."""
    return ((text, ""),)


@dataclass(frozen=True)
class Column:
    header: str
    """Shown on a terminal (in the user's language)."""
    role: Literal["key", "fill", "plain"] = "plain"
    drop: int = 0
    """Higher gives way first on a narrow terminal; 0 never drops."""
    style: str = ""
    right: bool = False
    max_width: int | None = None
    """A plain column wider than this is cut with an ellipsis."""


@dataclass(frozen=True)
class Listing:
    """What a table shows on a terminal and what it writes when piped."""

    columns: tuple[Column, ...]
    rows: list[tuple[Cell, ...]]
    tsv_header: tuple[str, ...]
    tsv_rows: list[tuple[str, ...]]


def write_tsv(stream: TextIO, header: tuple[str, ...], rows: list[tuple[str, ...]]) -> None:
    # clean_line turns tabs and newlines inside a value into spaces, so every record
    # stays one line with exactly one tab between fields.
    lines = ["\t".join(header), *("\t".join(clean_line(v) for v in row) for row in rows)]
    stream.write("\n".join(lines) + "\n")
