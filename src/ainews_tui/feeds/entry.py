"""What a feed holds once parsed, independent of its format."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

from ..model import Author


class FeedError(Exception):
    """A feed that cannot be fetched or read; the message is the reason, in one line."""


@dataclass(frozen=True)
class FeedEntry:
    entry_id: str
    title: str | None
    link: str | None
    published: datetime | None
    content: str
    """The entry's body: HTML when `is_html`, else plain text or Markdown."""
    is_html: bool
    authors: tuple[Author, ...] = ()
    categories: tuple[str, ...] = ()


@dataclass(frozen=True)
class ParsedFeed:
    title: str | None
    entries: tuple[FeedEntry, ...]
    warnings: tuple[str, ...] = field(default=())


def newest(entries: tuple[FeedEntry, ...], limit: int) -> tuple[FeedEntry, ...]:
    """At most `limit` entries, the newest by date; undated ones count as oldest and
    keep the feed's order (feeds list their newest first)."""
    if len(entries) <= limit:
        return entries
    floor = datetime.min.replace(tzinfo=UTC)
    return tuple(sorted(entries, key=lambda e: e.published or floor, reverse=True)[:limit])
