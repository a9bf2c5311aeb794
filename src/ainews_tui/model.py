"""Plain data shared by ingest, storage, search, the CLI and the reader.

Nothing here touches the disk or imports Textual.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

SourceKind = Literal["dir", "feed", "git"]


@dataclass(frozen=True)
class SourceConfig:
    """One `[[sources]]` entry of the config file.

    `id` is the stable identity used in every key; `name` is only for display, so
    renaming a source never orphans its read/star state.
    """

    id: str
    name: str
    kind: SourceKind
    path: str | None = None
    url: str | None = None
    glob: str = "**/*.md"
    branch: str | None = None
    """git: the branch to follow; None follows the server's default branch."""
    root: str = ""
    """git: the content root inside the repository (`content`, `_posts`, …), found when
    the source is added; post keys are paths relative to it."""

    @property
    def location(self) -> str:
        return self.path if self.kind == "dir" and self.path else (self.url or "")


@dataclass(frozen=True)
class FeedState:
    """A feed's conditional-GET validators, kept in library.db between syncs."""

    etag: str | None
    last_modified: str | None
    not_before: datetime | None = None
    """The server asked (429/503 Retry-After) not to be fetched before this time."""


@dataclass(frozen=True)
class Author:
    name: str
    link: str | None = None


@dataclass(frozen=True)
class ExtractedItem:
    """One news story found inside a post body.

    `start_line`/`end_line` are 0-based line numbers in the post body (LF line endings,
    front matter removed), end exclusive, so the reader can scroll to the story.
    `section` is the heading the story sits under; `categories` come from the story's
    own category line. The post's tags are not the story's.
    """

    headline: str
    url: str | None
    summary: str
    start_line: int
    end_line: int
    links: tuple[str, ...] = ()
    section: str | None = None
    categories: tuple[str, ...] = ()


@dataclass(frozen=True)
class ParsedPost:
    """A post as read from one Markdown file, before it gets keys."""

    title: str
    date: datetime | None
    date_from: Literal["front_matter", "path", "none"]
    body: str
    categories: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    authors: tuple[Author, ...] = ()
    draft: bool = False
    url: str | None = None
    cover_image: str | None = None
    summary: str | None = None
    entry_id: str | None = None
    items: tuple[ExtractedItem, ...] = ()
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class PostRow:
    """A post as stored in the library, with its state."""

    key: str
    source_id: str
    source_name: str
    relpath: str
    title: str
    date: datetime | None
    categories: tuple[str, ...]
    tags: tuple[str, ...]
    authors: tuple[Author, ...]
    url: str | None
    draft: bool
    item_count: int
    read: bool
    starred: bool


@dataclass(frozen=True)
class ItemRow:
    """A story as stored in the library, with its state."""

    key: str
    post_key: str
    position: int
    headline: str
    url: str | None
    domain: str | None
    summary: str
    start_line: int
    end_line: int
    date: datetime | None
    post_title: str
    source_id: str
    source_name: str
    section: str | None
    categories: tuple[str, ...]
    """The story's own: its section and category line (its post's, if it has none)."""
    read: bool
    starred: bool
    story: str = ""
    """The story this item is a copy of (ainews_tui.stories.url): shared by every
    copy, the item's own key when no other digest can carry it."""
    also_in: int = 0
    """How many other digests carry the same story."""


@dataclass
class SkippedFile:
    source_name: str
    path: str
    reason: str


@dataclass
class SyncReport:
    """What one `sync` did, for the summary line and the exit code."""

    new: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    skipped: list[SkippedFile] = field(default_factory=list)
    failed_sources: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failed_sources


@dataclass(frozen=True)
class ListFilter:
    """Which items or posts a list shows; every field narrows the view."""

    unread_only: bool = False
    starred_only: bool = False
    category: str | None = None
    source_id: str | None = None
    day_prefix: str | None = None
    """`2025`, `2025-12` or `2025-12-02`: the date tree in the sidebar."""
    since: str | None = None
    """Inclusive `YYYY-MM-DD`."""
    until: str | None = None
    """Inclusive `YYYY-MM-DD`."""
    keys: tuple[str, ...] | None = None
    """Only these keys (search results), in any order."""
    unique_stories: bool = False
    """Items only: one row per story, its earliest copy."""
    covered_since: str | None = None
    """Items only: stories two digests or more carry with a copy on or after this
    `YYYY-MM-DD`, one row each (the earliest such copy), most carried first."""
    undated: bool = False
    """Only posts without a date (they fall outside every date range)."""
    drafts: Literal["include", "hide", "only"] = "include"
    """Posts marked `draft: true`: listed, left out, or the only ones listed."""


@dataclass(frozen=True)
class Count:
    label: str
    total: int
    unread: int


@dataclass(frozen=True)
class SidebarCounts:
    all: Count
    unread: Count
    starred: Count
    today: Count
    days: tuple[Count, ...]
    """One per day with items, newest first; the label is `YYYY-MM-DD`."""
    categories: tuple[Count, ...]
    sources: tuple[Count, ...]
    """The label is the source id."""
    covered: Count = Count("covered", 0, 0)
    """Stories of the last days that several digests carry (the Most covered view)."""
    undated: Count = Count("undated", 0, 0)
    drafts: Count = Count("drafts", 0, 0)
    """Drafts, counted whether or not the views show them."""
