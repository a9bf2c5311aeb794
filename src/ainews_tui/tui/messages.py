"""Messages that the main screen's thread workers post back to the UI thread."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from ..model import SidebarCounts, SyncReport
from .entries import Entry
from .markdown_lines import RenderedPost
from .searching import Found


@dataclass
class ViewLoaded(Message):
    """A view's size and first rows, read in a worker; `generation` drops stale loads."""

    generation: int
    total: int
    pages: dict[int, list[Entry]]
    cursor: int
    announce: bool


@dataclass
class CountsLoaded(Message):
    counts: SidebarCounts


@dataclass
class PostRendered(Message):
    """Part (or all) of a post is rendered; `first` is the first delivery for `entry`."""

    entry: Entry
    post: RenderedPost
    first: bool


@dataclass
class PostMissing(Message):
    entry: Entry


@dataclass
class CopiesLoaded(Message):
    """Every copy of the story of `entry` (earliest first), for the reader's block."""

    entry: Entry
    copies: list[Entry]


@dataclass
class StateSaved(Message):
    """Read/star flags reached state.db for these entries."""

    entries: list[Entry]


@dataclass
class UnreadFound(Message):
    """The index of the next (or previous) unread entry, or None."""

    index: int | None


@dataclass
class SearchFinished(Message):
    found: Found


@dataclass
class SyncProgress(Message):
    name: str
    done: int
    total: int


@dataclass
class SyncFinished(Message):
    report: SyncReport | None
    error: str | None
    scheduled: bool = False
    """Started by the refresh timer, not by `R`."""


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
