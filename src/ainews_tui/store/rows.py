"""How library.db's rows become model objects, and filters become SQL conditions: the
column lists the library's reads select, shared by its read and write halves."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from ..model import (
    Author,
    ExtractedItem,
    ItemRow,
    ListFilter,
    PostRow,
)
from ..stories.flags import joins, read_flag, starred_flag


@dataclass(frozen=True)
class FileRecord:
    size: int
    mtime_ns: int
    sha1: str
    post_key: str | None
    skip_reason: str | None


@dataclass(frozen=True)
class SourceStats:
    id: str
    name: str
    kind: str
    location: str
    posts: int
    items: int
    last_sync: str | None
    last_error: str | None


ALL = ListFilter()

READ = read_flag()
STARRED = starred_flag()
# How many other digests carry the item's story (each post carries a story once).
ALSO_IN = (
    "CASE WHEN i.story = i.key THEN 0 "
    "ELSE (SELECT count(*) FROM items o WHERE o.story = i.story) - 1 END"
)
ITEM_COLUMNS = f"""
    i.key, i.post_key, i.position, i.headline, i.url, i.domain, i.summary,
    i.start_line, i.end_line, p.date, p.title, p.source_id, coalesce(src.name, p.source_id),
    i.section, i.categories, {READ}, {STARRED}, i.story, {ALSO_IN} AS also_in
"""
ITEM_FROM = f"""
    FROM items i JOIN posts p ON p.key = i.post_key
    LEFT JOIN sources src ON src.id = p.source_id {joins()}
"""
POST_COLUMNS = f"""
    p.key, p.source_id, coalesce(src.name, p.source_id), p.relpath, p.title, p.date,
    p.categories, p.tags, p.authors, p.url, p.draft, p.item_count,
    NOT EXISTS (SELECT 1 FROM items i {joins("i", "si", "gi")}
                WHERE i.post_key = p.key AND NOT {read_flag("si", "gi")}),
    s.starred_at IS NOT NULL
"""
POST_FROM = """
    FROM posts p LEFT JOIN sources src ON src.id = p.source_id
    LEFT JOIN st.state s ON s.key = p.key
"""


def filter_sql(flt: ListFilter, table: str) -> tuple[str, list[object]]:
    """SQL conditions for a filter; `table` is `i` (items) or `p` (posts)."""
    clauses: list[str] = ["1"]
    params: list[object] = []
    if flt.unread_only:
        if table == "i":
            clauses.append(f"NOT {READ}")
        else:
            clauses.append(
                f"EXISTS (SELECT 1 FROM items iu {joins('iu', 'su', 'gu')} "
                f"WHERE iu.post_key = p.key AND NOT {read_flag('su', 'gu')})"
            )
    if flt.starred_only:
        clauses.append(STARRED if table == "i" else "s.starred_at IS NOT NULL")
    if flt.covered_since and table == "i":
        clauses.append(
            "i.day >= ? AND i.story != i.key "
            "AND EXISTS (SELECT 1 FROM items c WHERE c.story = i.story AND c.key != i.key) "
            "AND NOT EXISTS (SELECT 1 FROM items e WHERE e.story = i.story AND e.day >= ? "
            "AND (e.sort_ts < i.sort_ts OR (e.sort_ts = i.sort_ts AND e.key < i.key)))"
        )
        params += [flt.covered_since, flt.covered_since]
    if flt.category is not None:
        if table == "i":  # a story by its own categories, not its post's tags
            clauses.append(
                "EXISTS (SELECT 1 FROM item_categories c WHERE c.item_key = i.key "
                "AND c.category = ?)"
            )
            params.append(flt.category)
        else:  # a post by its tags, or by the categories of the stories it holds
            clauses.append(
                "(EXISTS (SELECT 1 FROM post_categories c WHERE c.post_key = p.key "
                "AND c.category = ?) OR EXISTS (SELECT 1 FROM item_categories c "
                "WHERE c.category = ? AND c.post_key = p.key))"
            )
            params += [flt.category, flt.category]
    if flt.source_id is not None:
        clauses.append("p.source_id = ?")
        params.append(flt.source_id)
    if flt.day_prefix:
        clauses.append(f"{table}.day >= ? AND {table}.day < ?")
        params += [flt.day_prefix, flt.day_prefix + "\uffff"]
    if flt.since:
        clauses.append(f"{table}.day >= ?")
        params.append(flt.since)
    if flt.until:
        clauses.append(f"{table}.day <= ?")
        params.append(flt.until)
    if flt.keys is not None:
        clauses.append(f"{table}.key IN (SELECT value FROM json_each(?))")
        params.append(json.dumps(list(flt.keys)))
    if flt.undated:
        clauses.append(f"{table}.day IS NULL")
    if flt.drafts != "include":
        clauses.append("p.draft = 1" if flt.drafts == "only" else "p.draft = 0")
    return " AND ".join(clauses), params


def item_row(r: Sequence[object]) -> ItemRow:
    return ItemRow(
        key=str(r[0]),
        post_key=str(r[1]),
        position=int(r[2]),  # type: ignore[call-overload]
        headline=str(r[3]),
        url=opt(r[4]),
        domain=opt(r[5]),
        summary=str(r[6]),
        start_line=int(r[7]),  # type: ignore[call-overload]
        end_line=int(r[8]),  # type: ignore[call-overload]
        date=to_date(r[9]),
        post_title=str(r[10]),
        source_id=str(r[11]),
        source_name=str(r[12]),
        section=opt(r[13]),
        categories=tuple(json.loads(str(r[14]))),
        read=bool(r[15]),
        starred=bool(r[16]),
        story=str(r[17]),
        also_in=int(r[18]),  # type: ignore[call-overload]
    )


def item_categories(item: ExtractedItem, post_categories: tuple[str, ...]) -> tuple[str, ...]:
    """A story's categories: its section and its own category line. A story with none
    (a post that is one plain list) takes its post's categories and tags; otherwise the
    post's tags stay on the post, so a tag never lists every story of a tagged post."""
    own = tuple(dict.fromkeys(((item.section,) if item.section else ()) + item.categories))
    return own or post_categories


def post_row(r: Sequence[object]) -> PostRow:
    return PostRow(
        key=str(r[0]),
        source_id=str(r[1]),
        source_name=str(r[2]),
        relpath=str(r[3]),
        title=str(r[4]),
        date=to_date(r[5]),
        categories=tuple(json.loads(str(r[6]))),
        tags=tuple(json.loads(str(r[7]))),
        authors=tuple(Author(a["name"], a.get("link")) for a in json.loads(str(r[8]))),
        url=opt(r[9]),
        draft=bool(r[10]),
        item_count=int(r[11]),  # type: ignore[call-overload]
        read=bool(r[12]),
        starred=bool(r[13]),
    )


def opt(value: object) -> str | None:
    return None if value is None else str(value)


def to_date(value: object) -> datetime | None:
    return datetime.fromisoformat(str(value)) if value else None


def to_json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)
