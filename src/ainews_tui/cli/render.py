"""How the CLI prints posts, items and sources: JSON for scripts, tables for people.

Every string from content goes through `clean_line` and becomes a plain cell or line
(never markup), so a title like `[bold]x[/]` or one holding escape sequences is printed
literally and harmlessly.
"""

from __future__ import annotations

from datetime import datetime, tzinfo
from typing import Any

from ..model import ItemRow, PostRow, SyncReport
from ..safe import clean_line
from ..store.rows import SourceStats
from .keys import shown_key
from .messages import t
from .output import say
from .table import Cell, Column, Listing, plain


def iso(value: datetime | None) -> str | None:
    """JSON dates keep the post's own offset (it is data), to the second."""
    return value.replace(microsecond=0).isoformat() if value else None


def item_json(row: ItemRow) -> dict[str, Any]:
    return {
        "key": row.key,
        "kind": "item",
        "title": row.headline,
        "date": iso(row.date),
        "section": row.section,
        "categories": list(row.categories),
        "url": row.url,
        "source": row.source_name,
        "read": row.read,
        "starred": row.starred,
        "post_key": row.post_key,
        "post_title": row.post_title,
        "position": row.position,
        "domain": row.domain,
        "summary": row.summary,
        "story": row.story,
        "also_in": row.also_in,
    }


def post_json(row: PostRow) -> dict[str, Any]:
    return {
        "key": row.key,
        "kind": "post",
        "title": row.title,
        "date": iso(row.date),
        "categories": list(row.categories),
        "tags": list(row.tags),
        "url": row.url,
        "source": row.source_name,
        "read": row.read,
        "starred": row.starred,
        "authors": [{"name": a.name, "link": a.link} for a in row.authors],
        "draft": row.draft,
        "items": row.item_count,
        "path": row.relpath,
    }


def local_time(value: datetime | None, zone: tzinfo | None) -> datetime | None:
    """A time in the configured zone (None: the machine's), to the second."""
    return value.astimezone(zone).replace(microsecond=0) if value else None


def _when(value: datetime | None, zone: tzinfo | None) -> str:
    shown = local_time(value, zone)
    return shown.strftime("%Y-%m-%d %H:%M") if shown else "—"


def _stamp(value: datetime | None, zone: tzinfo | None) -> str:
    shown = local_time(value, zone)
    return shown.isoformat() if shown else ""


def _marks(read: bool, starred: bool) -> Cell:
    return (("●" if not read else " ", "cyan"), ("★" if starred else " ", "yellow"))


def _flag(value: bool) -> str:
    return "1" if value else "0"


def items_listing(rows: list[ItemRow], zone: tzinfo | None) -> Listing:
    columns = (
        Column("", style=""),
        Column(t("cli.col.date"), drop=2, style="dim"),
        Column(t("cli.col.headline"), role="fill"),
        # `+N`: N other digests carry the story.
        Column(t("cli.col.also_in"), drop=4, style="cyan", right=True),
        Column(t("cli.col.source"), drop=3, style="dim", max_width=24),
        Column(t("cli.col.key"), role="key", style="dim"),
    )
    return Listing(
        columns,
        [
            (
                _marks(row.read, row.starred),
                plain(_when(row.date, zone)),
                plain(clean_line(row.headline)),
                plain(f"+{row.also_in}" if row.also_in else ""),
                plain(clean_line(row.domain or "")),
                plain(shown_key(row.key)),
            )
            for row in rows
        ],
        ("key", "date", "read", "starred", "source", "domain", "headline", "also_in"),
        [
            (
                shown_key(row.key),
                _stamp(row.date, zone),
                _flag(row.read),
                _flag(row.starred),
                row.source_name,
                row.domain or "",
                row.headline,
                str(row.also_in),
            )
            for row in rows
        ],
    )


def posts_listing(rows: list[PostRow], zone: tzinfo | None) -> Listing:
    columns = (
        Column(""),
        Column(t("cli.col.date"), drop=2, style="dim"),
        Column(t("cli.col.title"), role="fill"),
        Column(t("cli.col.items"), drop=3, style="dim", right=True),
        Column(t("cli.col.key"), role="key", style="dim"),
    )
    return Listing(
        columns,
        [
            (
                _marks(row.read, row.starred),
                plain(_when(row.date, zone)),
                plain(clean_line(row.title)),
                plain(str(row.item_count)),
                plain(shown_key(row.key)),
            )
            for row in rows
        ],
        ("key", "date", "read", "starred", "source", "items", "title"),
        [
            (
                shown_key(row.key),
                _stamp(row.date, zone),
                _flag(row.read),
                _flag(row.starred),
                row.source_name,
                str(row.item_count),
                row.title,
            )
            for row in rows
        ],
    )


def sources_listing(rows: list[SourceStats], zone: tzinfo | None) -> Listing:
    columns = (
        Column(t("cli.col.id"), role="key"),
        Column(t("cli.col.name"), max_width=24),
        Column(t("cli.col.kind"), drop=2, style="dim"),
        Column(t("cli.col.posts"), right=True),
        Column(t("cli.col.items"), drop=3, right=True),
        Column(t("cli.col.last_sync"), drop=1, style="dim"),
        Column(t("cli.col.last_error"), role="fill", style="red"),
    )
    synced = [_parsed(s.last_sync) for s in rows]
    return Listing(
        columns,
        [
            (
                plain(clean_line(s.id)),
                plain(clean_line(s.name)),
                plain(s.kind),
                plain(str(s.posts)),
                plain(str(s.items)),
                plain(_when(when, zone) if when else t("cli.never")),
                plain(clean_line(s.last_error or "")),
            )
            for s, when in zip(rows, synced, strict=True)
        ],
        ("id", "name", "kind", "location", "posts", "items", "last_sync", "last_error"),
        [
            (
                s.id,
                s.name,
                s.kind,
                s.location,
                str(s.posts),
                str(s.items),
                _stamp(when, zone),
                s.last_error or "",
            )
            for s, when in zip(rows, synced, strict=True)
        ],
    )


def _parsed(stamp: str | None) -> datetime | None:
    return datetime.fromisoformat(stamp) if stamp else None


def sources_json(rows: list[SourceStats]) -> list[dict[str, Any]]:
    return [
        {
            "id": s.id,
            "name": s.name,
            "kind": s.kind,
            "location": s.location,
            "posts": s.posts,
            "items": s.items,
            "last_sync": s.last_sync,
            "last_error": s.last_error,
        }
        for s in rows
    ]


def print_summary(report: SyncReport) -> None:
    """The closing lines of `sync` on stdout: counts, then every skipped file and failed
    source."""
    summary = t(
        "cli.sync.summary",
        new=report.new,
        updated=report.updated,
        unchanged=report.unchanged,
        skipped=len(report.skipped),
        removed=report.removed,
    )
    say(summary)
    for skipped in report.skipped:
        where = f"{clean_line(skipped.source_name)}: {clean_line(skipped.path)}"
        say(t("cli.sync.skipped", where=where, reason=clean_line(skipped.reason)), "yellow")
    for warning in report.warnings:
        say(t("cli.sync.warning", warning=clean_line(warning)), "yellow")
    for name, reason in report.failed_sources.items():
        say(t("cli.sync.failed", name=clean_line(name), reason=clean_line(reason)), "bold red")
