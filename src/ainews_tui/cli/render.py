"""How the CLI prints posts, items and sources: JSON for scripts, rich tables for people.

Every string from content goes through `clean_line` and into `Text` objects, so a title
like `[bold]x[/]` or one holding escape sequences is printed literally and harmlessly.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..model import ItemRow, PostRow, SyncReport
from ..safe import clean_line
from ..store.library import SourceStats


def iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def item_json(row: ItemRow) -> dict[str, Any]:
    return {
        "key": row.key,
        "kind": "item",
        "title": row.headline,
        "date": iso(row.date),
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


def dump_json(console: Console, rows: list[dict[str, Any]]) -> None:
    # Plain print: rich would highlight and wrap the JSON.
    console.file.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")


def _when(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value else "—"


def _marks(read: bool, starred: bool) -> Text:
    return Text.assemble(("●" if not read else " ", "cyan"), ("★" if starred else " ", "yellow"))


def items_table(rows: list[ItemRow]) -> Table:
    table = Table(box=None, pad_edge=False, show_header=True, header_style="bold")
    table.add_column("", no_wrap=True, min_width=2)
    table.add_column("date", no_wrap=True, style="dim", min_width=16)
    table.add_column("headline", overflow="ellipsis", no_wrap=True, ratio=1)
    table.add_column("also", no_wrap=True, style="cyan", justify="right")
    table.add_column("source", no_wrap=True, style="dim", max_width=24)
    table.add_column("key", no_wrap=True, style="dim", overflow="fold")
    for row in rows:
        table.add_row(
            _marks(row.read, row.starred),
            _when(row.date),
            Text(clean_line(row.headline)),
            f"+{row.also_in}" if row.also_in else "",
            Text(clean_line(row.domain or "")),
            Text(clean_line(row.key)),
        )
    return table


def posts_table(rows: list[PostRow]) -> Table:
    table = Table(box=None, pad_edge=False, show_header=True, header_style="bold")
    table.add_column("", no_wrap=True, min_width=2)
    table.add_column("date", no_wrap=True, style="dim", min_width=16)
    table.add_column("title", overflow="ellipsis", no_wrap=True, ratio=1)
    table.add_column("items", justify="right", style="dim")
    table.add_column("key", no_wrap=True, style="dim", overflow="fold")
    for row in rows:
        table.add_row(
            _marks(row.read, row.starred),
            _when(row.date),
            Text(clean_line(row.title)),
            str(row.item_count),
            Text(clean_line(row.key)),
        )
    return table


def sources_table(rows: list[SourceStats]) -> Table:
    table = Table(box=None, pad_edge=False, header_style="bold")
    for column in ("id", "name", "kind", "posts", "items", "last sync", "last error"):
        table.add_column(column, overflow="fold")
    for s in rows:
        table.add_row(
            Text(s.id),
            Text(clean_line(s.name)),
            s.kind,
            str(s.posts),
            str(s.items),
            s.last_sync or "never",
            Text(clean_line(s.last_error or ""), style="red"),
        )
    return table


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


def print_summary(console: Console, report: SyncReport) -> None:
    """The closing lines of `sync`: counts, then every skipped file and failed source."""
    console.print(
        Text(
            f"new {report.new} · updated {report.updated} · unchanged {report.unchanged} · "
            f"skipped {len(report.skipped)} · removed {report.removed}"
        )
    )
    for skipped in report.skipped:
        console.print(
            Text(
                f"  skipped {clean_line(skipped.source_name)}: {clean_line(skipped.path)}: "
                f"{clean_line(skipped.reason)}",
                style="yellow",
            )
        )
    for warning in report.warnings:
        console.print(Text(f"  warning {clean_line(warning)}", style="yellow"))
    for name, reason in report.failed_sources.items():
        console.print(Text(f"  failed {clean_line(name)}: {clean_line(reason)}", style="bold red"))
