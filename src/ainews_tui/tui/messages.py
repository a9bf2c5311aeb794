"""Messages that the main screen's thread workers post back to the UI thread.

Widgets' own messages live on the widget (`ReaderPane.Shown`, `NewsList.Chosen`)."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from ..model import SyncReport
from .entries import Entry
from .searching import Found
from .sidebar_counts import CountChange


@dataclass
class StateSaved(Message):
    """Read/star flags reached state.db for these entries; `change` is what that did to
    the sidebar's counts."""

    entries: list[Entry]
    change: CountChange


@dataclass
class MarkedAll(Message):
    """`A` marked `count` stories read, or its undo made them unread again."""

    count: int
    undone: bool


@dataclass
class UnreadFound(Message):
    """The index of the next (or previous) unread entry, or None."""

    index: int | None


@dataclass
class SearchFinished(Message):
    found: Found


@dataclass
class LibraryChanged(Message):
    """Another process (a cron `ainews sync`) committed to library.db."""


@dataclass
class ActionFailed(Message):
    """A worker hit a database error; shown as a notification, never a crash."""

    error: str


@dataclass
class NeverSynced(Message):
    """A configured source has never been synced (first run, or just added)."""


@dataclass
class FolderSynced(Message):
    """The watcher re-read a source's changed folder (`report`), or failed (`error`).

    `posts` are the keys of the posts whose files changed, so the reader knows whether
    the post it shows must be drawn again."""

    source_name: str
    report: SyncReport | None
    error: str | None
    posts: frozenset[str]


@dataclass
class WatchFailed(Message):
    """The folders cannot be watched (gone, or the OS's watch limit); says why."""

    error: str
