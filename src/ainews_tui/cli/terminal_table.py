"""The table on a terminal: the key column whole, the fill column shrunk with an
ellipsis, lesser columns dropped, or two lines per row when even that does not fit.
Imported only when stdout is a terminal (see `table`)."""

from __future__ import annotations

import sys

from rich.cells import cell_len
from rich.text import Text

from .console import terminal
from .table import Cell, Column, Listing

GAP = 2
"""Spaces between two columns."""
FILL_MIN = 20
"""Cells the fill column keeps (about ten CJK characters, enough to tell headlines
apart) before the table falls back to two lines per row."""


def print_table(listing: Listing) -> None:
    console = terminal(sys.stdout)
    rows = [tuple(_text(cell) for cell in row) for row in listing.rows]
    for line in layout(listing.columns, rows, console.width):
        console.print(line, no_wrap=True, crop=False, overflow="ignore")


def _text(cell: Cell) -> Text:
    # Each piece a Text span, never markup: `[bold]` in a title prints literally.
    return Text.assemble(*cell)


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
