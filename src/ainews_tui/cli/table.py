"""Tables whose key column is never cut, and tab-separated rows when piped.

Keys are what `show`, `open` and `mark` take, so a table that shortens one is useless.
On a terminal the key keeps its full width; the fill column (a headline or title) shrinks
with an ellipsis and lesser columns drop, in their `drop` order, until the row fits. A
terminal too narrow even for that gets each row as two lines: the key, then the rest.
Piped, every row is the full values separated by tabs, under a header line.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

from ..safe import clean_line

GAP = 2
"""Spaces between two columns."""
FILL_MIN = 20
"""Cells the fill column keeps (about ten CJK characters, enough to tell headlines
apart) before the table falls back to two lines per row."""


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
    rows: list[tuple[Text, ...]]
    tsv_header: tuple[str, ...]
    tsv_rows: list[tuple[str, ...]]


def print_listing(console: Console, listing: Listing) -> None:
    """Nothing at all for no rows: the command says on stderr that nothing matched."""
    if not listing.rows:
        return
    if not console.is_terminal:
        write_tsv(console, listing.tsv_header, listing.tsv_rows)
        return
    for line in layout(listing.columns, listing.rows, console.width):
        console.print(line, no_wrap=True, crop=False, overflow="ignore")


def write_tsv(console: Console, header: tuple[str, ...], rows: list[tuple[str, ...]]) -> None:
    # clean_line turns tabs and newlines inside a value into spaces, so every record
    # stays one line with exactly one tab between fields.
    lines = ["\t".join(header), *("\t".join(clean_line(v) for v in row) for row in rows)]
    console.file.write("\n".join(lines) + "\n")


def layout(columns: tuple[Column, ...], rows: list[tuple[Text, ...]], width: int) -> list[Text]:
    """The lines of the table at `width` cells."""
    natural = [
        max([cell_len(c.header), *(row[n].cell_len for row in rows)]) for n, c in enumerate(columns)
    ]
    widths = [
        min(w, c.max_width) if c.max_width and c.role == "plain" else w
        for w, c in zip(natural, columns, strict=True)
    ]
    shown = list(range(len(columns)))
    fill = next((n for n, c in enumerate(columns) if c.role == "fill"), None)

    def room_for_fill() -> int:
        fixed = sum(widths[n] for n in shown if n != fill)
        return width - fixed - GAP * (len(shown) - 1)

    droppable = sorted((n for n, c in enumerate(columns) if c.drop), key=lambda n: -columns[n].drop)
    while room_for_fill() < min(FILL_MIN, natural[fill] if fill is not None else 0) and droppable:
        shown.remove(droppable.pop(0))
    if fill is not None:
        room = room_for_fill()
        if room < min(FILL_MIN, natural[fill]):
            return _stacked(columns, rows, widths, shown, width)
        widths[fill] = min(natural[fill], room)
    titles = [_cell(Text(columns[n].header), widths[n], columns[n], styled=False) for n in shown]
    header = Text.assemble(*_joined(titles))
    header.stylize("bold")
    lines = [header]
    for row in rows:
        lines.append(Text.assemble(*_joined([_cell(row[n], widths[n], columns[n]) for n in shown])))
    for line in lines:
        line.rstrip()
    return lines


def _stacked(
    columns: tuple[Column, ...],
    rows: list[tuple[Text, ...]],
    widths: list[int],
    shown: list[int],
    width: int,
) -> list[Text]:
    """Two lines per row: the whole key, then the other shown columns indented."""
    key = next(n for n, c in enumerate(columns) if c.role == "key")
    lines: list[Text] = []
    for row in rows:
        lines.append(row[key].copy())
        rest = Text(" ").join(row[n] for n in shown if n != key and row[n].plain)
        rest.truncate(max(width - 2, 1), overflow="ellipsis")
        lines.append(Text.assemble("  ", rest))
    return lines


def _cell(text: Text, width: int, column: Column, *, styled: bool = True) -> Text:
    cell = text.copy()
    if column.style and styled:
        cell.stylize(column.style)
    if column.role != "key":
        cell.truncate(width, overflow="ellipsis")
    padding = " " * max(width - cell.cell_len, 0)
    return Text.assemble(padding, cell) if column.right else Text.assemble(cell, padding)


def _joined(cells: list[Text]) -> list[Text | str]:
    parts: list[Text | str] = []
    for n, cell in enumerate(cells):
        if n:
            parts.append(" " * GAP)
        parts.append(cell)
    return parts
