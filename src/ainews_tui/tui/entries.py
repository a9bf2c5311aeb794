"""What one list row shows, for items and posts alike, and how it is drawn in a width."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import Literal

from rich.cells import cell_len, set_cell_size
from rich.style import Style
from rich.text import Text

from ..model import ItemRow, PostRow
from ..safe import clean_line

EntryKind = Literal["item", "post"]


def _display(text: str) -> str:
    """One line of list text. Variation selector 16 asks for a wide emoji that rich
    counts as narrow, which would shift the columns after it; dropping it keeps the
    terminal and the width arithmetic in agreement."""
    return clean_line(text).replace("\ufe0f", "")


@dataclass(frozen=True)
class Entry:
    """One row of the news list: a story, or a whole post after `v`."""

    key: str
    kind: EntryKind
    post_key: str
    headline: str
    url: str | None
    domain: str | None
    date: datetime | None
    read: bool
    starred: bool
    start_line: int
    end_line: int
    story: str = ""
    """The story this item is a copy of; empty for posts."""
    also_in: int = 0
    """How many other digests carry the story."""
    source_name: str = ""

    @classmethod
    def from_item(cls, row: ItemRow) -> Entry:
        return cls(
            key=row.key,
            kind="item",
            post_key=row.post_key,
            headline=_display(row.headline),
            url=row.url,
            domain=_display(row.domain or row.source_name),
            date=row.date,
            read=row.read,
            starred=row.starred,
            start_line=row.start_line,
            end_line=row.end_line,
            story=row.story,
            also_in=row.also_in,
            source_name=row.source_name,
        )

    @classmethod
    def from_post(cls, row: PostRow) -> Entry:
        return cls(
            key=row.key,
            kind="post",
            post_key=row.key,
            headline=_display(row.title),
            url=row.url,
            domain=_display(row.source_name),
            date=row.date,
            read=row.read,
            starred=row.starred,
            start_line=0,
            end_line=0,
        )

    def with_state(self, *, read: bool | None = None, starred: bool | None = None) -> Entry:
        return replace(
            self,
            read=self.read if read is None else read,
            starred=self.starred if starred is None else starred,
        )


def fit(text: str, width: int) -> str:
    """`text` cut or padded to exactly `width` cells; wide characters never overflow,
    and a cut is marked with an ellipsis."""
    if width <= 0:
        return ""
    if cell_len(text) <= width:
        return set_cell_size(text, width)
    return set_cell_size(set_cell_size(text, width - 1).rstrip() + "…", width)


DATE_WIDTH = 10
MAX_DOMAIN_WIDTH = 22
MIN_DOMAIN_WIDTH = 8
HEADLINE_MIN = 60
"""Cells (30 CJK characters) the headline gets before the date or domain get any."""


def columns(width: int) -> tuple[int, int, int]:
    """(date, headline, domain) widths for a row `width` cells wide. The headline comes
    first: the date only appears when the headline still gets HEADLINE_MIN cells, and
    the domain only from what is left after that."""
    room = max(0, width - 3)
    date_width = DATE_WIDTH if room - DATE_WIDTH - 2 >= HEADLINE_MIN else 0
    if date_width:
        room -= DATE_WIDTH + 2
    spare = room - HEADLINE_MIN - 1
    domain_width = min(MAX_DOMAIN_WIDTH, spare) if spare >= MIN_DOMAIN_WIDTH else 0
    headline_width = room - (domain_width + 1 if domain_width else 0)
    return date_width, headline_width, domain_width


def row_text(
    entry: Entry,
    width: int,
    *,
    date_text: str,
    base: Style,
    dim: Style,
    star: Style,
    unread_mark: Style,
    match: Style,
    spans: list[tuple[int, int]] = (),  # type: ignore[assignment]
) -> Text:
    """The cells of one row: unread mark, star, date, headline, `+N` when N other
    digests carry the story, domain.

    Columns are fixed by cell width, so CJK and emoji headlines line up with ASCII ones.
    `spans` are search matches inside the headline (character offsets).
    """
    date_width, headline_width, domain_width = columns(width)
    text = Text(no_wrap=True, overflow="crop", end="")
    text.append("●" if not entry.read else " ", unread_mark)
    text.append("★" if entry.starred else " ", star)
    text.append(" ")
    if date_width:
        text.append(fit(date_text, date_width), dim)
        text.append("  ")
    copies = f" +{entry.also_in}" if entry.also_in else ""
    headline_width -= len(copies)
    headline = fit(entry.headline, max(0, headline_width))
    start = len(text)
    text.append(headline, base)
    for begin, end in spans:
        if begin < len(headline):
            text.stylize(match, start + begin, start + min(end, len(headline)))
    text.append(copies, dim)
    if domain_width:
        text.append(" ")
        text.append(fit(entry.domain or "", domain_width), dim)
    text.truncate(width, pad=True)
    return text
