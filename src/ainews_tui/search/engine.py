"""A parsed query -> SQL over the search tables -> ranked keys.

Document ids follow post dates, so FTS5 yields matches newest first without sorting,
and only the newest `RANK_WINDOW` matching documents are ranked. When they are all the
matches there are, the ranking is FTS5's bm25 (headlines weigh three times a summary)
divided by a recency factor, so among equal matches the newer wins and a much better old
one still beats a weak new one. When a term matches more documents than that, bm25 is
skipped (its IDF would read every match) and a headline hit stands in for relevance.
Queries with only filters list the newest first.
"""

from __future__ import annotations

import json
import sqlite3
import time
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from ..stories.flags import joins, read_flag, starred_flag
from .index import ID_SHIFT, stored_document
from .query import ParsedQuery, QueryError, parse_query
from .text import TermKind, contains, gram_phrase, mixed_candidates, quoted, term_kind

RECENCY_DAYS = 180.0
"""A match this many days old ranks as if half as relevant as the same match today."""
HEADLINE_WEIGHT = 3.0
RANK_WINDOW = 1000
"""How many of the newest matching documents are ranked."""
ESTIMATE_CAP = 5000
"""Conditions are counted up to this many matches to plan the query."""


@dataclass(frozen=True)
class SearchResults:
    """Keys best first, and the positive terms (folded) for highlighting."""

    keys: list[str]
    terms: tuple[str, ...]


@dataclass
class _Plan:
    """FTS5 expressions per table, and the terms only the text itself can confirm."""

    fts: list[str] = field(default_factory=list)
    grams: list[str] = field(default_factory=list)
    fts_not: list[str] = field(default_factory=list)
    grams_not: list[str] = field(default_factory=list)
    check: list[str] = field(default_factory=list)
    check_not: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _Match:
    """One FTS5 condition and about how many documents meet it (capped; None when it
    was not worth counting)."""

    table: str
    expression: str
    size: int | None


@dataclass
class _Sql:
    source: str
    primary: _Match | None = None
    where: list[str] = field(default_factory=list)
    params: list[object] = field(default_factory=list)
    narrowed: bool = False
    """Whether anything besides the primary condition and the kind of row filters."""

    def add(self, clause: str, *params: object, narrows: bool = True) -> None:
        self.where.append(clause)
        self.params.extend(params)
        self.narrowed |= narrows

    @property
    def condition(self) -> str:
        return " AND ".join(self.where) or "1"

    @property
    def newest_first(self) -> str:
        return f"{self.primary.table}.rowid DESC" if self.primary else "d.id DESC"


def search(
    conn: sqlite3.Connection, query: str, *, limit: int = 200, posts: bool = False
) -> SearchResults:
    """Items (or posts) matching `query`, best first; raises QueryError for a bad query.

    With `posts`, a post matches when one of its items, or its title and the text
    outside its items, matches the whole query.
    """
    parsed = parse_query(query)
    plan = _plan(parsed)
    sql = _sql(conn, parsed, plan, posts)
    window = max(RANK_WINDOW, limit * (20 if posts else 2))
    column = "d.post_key" if posts else "d.item_key"
    if plan.check or plan.check_not:
        rows = _checked(conn, sql, plan, posts, window if sql.primary else limit)
    elif sql.primary:
        rows = conn.execute(
            f"SELECT d.id, d.post_key, d.item_key, d.sort_ts FROM {sql.source} "
            f"WHERE {sql.condition} ORDER BY {sql.newest_first} LIMIT {window}",
            sql.params,
        ).fetchall()
    else:
        return SearchResults(
            [
                r[0]
                for r in conn.execute(
                    f"SELECT {column} FROM {sql.source} WHERE {sql.condition} "
                    "ORDER BY d.id DESC LIMIT ?",
                    (*sql.params, limit),
                )
            ],
            parsed.terms,
        )
    if not sql.primary:
        keys = [post_key if posts else item_key for _, post_key, item_key, _ in rows]
        return SearchResults(keys, parsed.terms)
    # Fewer rows than the window with nothing but the primary condition: those rows
    # are all its matches, so there is no need to count them.
    every_match = len(rows) < window and not sql.narrowed and not plan.check
    relevance = _relevance(conn, sql.primary, [r[0] for r in rows], every_match)
    return SearchResults(_best(rows, relevance, posts, limit), parsed.terms)


def _plan(q: ParsedQuery) -> _Plan:
    plan = _Plan()
    for term in q.terms:
        kind = term_kind(term)
        if kind is TermKind.CJK:
            plan.grams.append(gram_phrase(term))
        elif kind is TermKind.WORD:
            plan.grams.append(quoted(term))
        elif kind is TermKind.TRIGRAM:
            plan.fts.append(quoted(term))
        else:
            if kind is TermKind.MIXED:
                gram_expressions, trigram = mixed_candidates(term)
                plan.grams += gram_expressions
                plan.fts += trigram
            plan.check.append(term)
    for term in q.excluded:
        kind = term_kind(term)
        if kind is TermKind.CJK:
            plan.grams_not.append(gram_phrase(term))
        elif kind is TermKind.WORD:
            plan.grams_not.append(quoted(term))
        elif kind is TermKind.TRIGRAM:
            plan.fts_not.append(quoted(term))
        else:
            plan.check_not.append(term)
    return plan


def _sql(conn: sqlite3.Connection, q: ParsedQuery, plan: _Plan, posts: bool) -> _Sql:
    """The conditions, driven by the rarest index condition (the primary)."""
    tables = (("search_grams", plan.grams, plan.grams_not), ("search_fts", plan.fts, plan.fts_not))
    # Exclusions go inside their table's own MATCH where it has one: FTS5 merges
    # `A NOT B` doclists far faster than SQL can filter against a listed set.
    positive = [
        _Match(table, _combined(wanted, unwanted), None)
        for table, wanted, unwanted in tables
        if wanted
    ]
    if len(positive) > 1:
        positive = sorted(
            (_counted(conn, match) for match in positive), key=lambda match: match.size or 0
        )
    if not positive:
        sql = _Sql("search_docs d")
    else:
        primary = positive[0]
        sql = _Sql(f"{primary.table} JOIN search_docs d ON d.id = {primary.table}.rowid", primary)
        sql.add(f"{primary.table} MATCH ?", primary.expression, narrows=False)
    for match in positive[1:]:
        sql.add(_membership(match), match.expression)
    for table, wanted, unwanted in tables:
        if unwanted and not wanted:
            excluded = _Match(table, " OR ".join(unwanted), 0)
            sql.add(f"NOT {_membership(excluded)}", excluded.expression)
    low, high = _id_bounds(q)
    column = f"{sql.primary.table}.rowid" if sql.primary else "d.id"
    if low is not None:
        sql.add(f"{column} >= ?", low)
    if high is not None:
        sql.add(f"{column} < ?", high)
    if not posts:
        sql.add("d.item_key IS NOT NULL", narrows=False)
    elif sql.primary is None and not plan.check:
        sql.add("d.item_key IS NULL", narrows=False)
    _filters(conn, sql, q, posts)
    return sql


def _combined(wanted: list[str], unwanted: list[str]) -> str:
    expression = " AND ".join(wanted)
    return f"({expression}) NOT ({' OR '.join(unwanted)})" if unwanted else expression


def _counted(conn: sqlite3.Connection, match: _Match) -> _Match:
    table = match.table
    size = conn.execute(
        f"SELECT count(*) FROM (SELECT 1 FROM {table} WHERE {table} MATCH ? LIMIT {ESTIMATE_CAP})",
        (match.expression,),
    ).fetchone()[0]
    return _Match(table, match.expression, int(size))


def _membership(match: _Match) -> str:
    # Listed once and looked up per row: FTS5 cannot seek a MATCH to one rowid, so a
    # correlated `MATCH ? AND rowid = d.id` re-reads the whole doclist for every row.
    return f"d.id IN (SELECT rowid FROM {match.table} WHERE {match.table} MATCH ?)"


def _id_bounds(q: ParsedQuery) -> tuple[int | None, int | None]:
    """Document ids that can hold the date filters (a day of margin for time zones);
    the exact day is still checked on the post."""
    starts = [d for d in (q.after, *(p + "-01" * (2 - p.count("-")) for p in q.day_prefixes)) if d]
    ends = [d for d in (q.before, *map(_prefix_end, q.day_prefixes)) if d]

    def to_id(day: str, margin: float) -> int:
        moment = datetime.fromisoformat(day).replace(tzinfo=UTC).timestamp()
        return max(int(moment + margin), 0) << ID_SHIFT

    low = to_id(max(starts), -86400) if starts else None
    high = to_id(min(ends), 86400) if ends else None
    return low, high


def _prefix_end(prefix: str) -> str:
    """The first day after a `YYYY`, `YYYY-MM` or `YYYY-MM-DD` prefix."""
    parts = [int(p) for p in prefix.split("-")]
    if len(parts) == 1:
        return f"{parts[0] + 1:04d}-01-01"
    if len(parts) == 2:
        year, month = parts[0] + parts[1] // 12, parts[1] % 12 + 1
        return f"{year:04d}-{month:02d}-01"
    return (date(*parts) + timedelta(days=1)).isoformat()


def _filters(conn: sqlite3.Connection, sql: _Sql, q: ParsedQuery, posts: bool) -> None:
    for tag in q.tags:
        sql.add(
            "EXISTS (SELECT 1 FROM post_categories c WHERE c.post_key = d.post_key "
            "AND c.category = ? COLLATE NOCASE)",
            tag,
        )
    for tag in q.excluded_tags:
        sql.add(
            "NOT EXISTS (SELECT 1 FROM post_categories c WHERE c.post_key = d.post_key "
            "AND c.category = ? COLLATE NOCASE)",
            tag,
        )
    post_conditions: list[str] = []
    post_params: list[object] = []
    for name in q.sources:
        post_conditions.append("p.source_id IN (SELECT value FROM json_each(?))")
        post_params.append(json.dumps(_source_ids(conn, name)))
    for name in q.excluded_sources:
        post_conditions.append("p.source_id NOT IN (SELECT value FROM json_each(?))")
        post_params.append(json.dumps(_source_ids(conn, name)))
    if q.after:
        post_conditions.append("p.day >= ?")
        post_params.append(q.after)
    if q.before:
        post_conditions.append("p.day < ?")
        post_params.append(q.before)
    for prefix in q.day_prefixes:
        post_conditions.append("p.day >= ? AND p.day < ?")
        post_params += [prefix, prefix + "\uffff"]
    if post_conditions:
        sql.add(
            f"EXISTS (SELECT 1 FROM posts p WHERE p.key = d.post_key AND "
            f"{' AND '.join(post_conditions)})",
            *post_params,
        )
    if q.read is not None:
        # An item's flags follow its story too (ainews_tui.stories.flags).
        if posts:
            unread = (
                f"EXISTS (SELECT 1 FROM items i {joins()} "
                f"WHERE i.post_key = d.post_key AND NOT {read_flag()})"
            )
        else:
            unread = (
                f"NOT EXISTS (SELECT 1 FROM items i {joins()} "
                f"WHERE i.key = d.item_key AND {read_flag()})"
            )
        sql.add(f"NOT {unread}" if q.read else unread)
    if q.starred is not None:
        if posts:
            starred = (
                "EXISTS (SELECT 1 FROM st.state s WHERE s.key = d.post_key "
                "AND s.starred_at IS NOT NULL)"
            )
        else:
            starred = (
                f"EXISTS (SELECT 1 FROM items i {joins()} "
                f"WHERE i.key = d.item_key AND {starred_flag()})"
            )
        sql.add(starred if q.starred else f"NOT {starred}")
        if q.starred:
            # Starred keys are few and indexed (state_starred): their posts first, by
            # index, instead of the check above on every document newest first (150 ms
            # at 10,000 posts for `source:x is:starred` with nothing starred).
            marked = "SELECT key FROM st.state WHERE starred_at IS NOT NULL"
            holding = (
                marked
                if posts
                else f"SELECT post_key FROM items WHERE key IN ({marked}) "
                f"UNION SELECT post_key FROM items WHERE story IN ({marked})"
            )
            sql.add(f"d.post_key IN ({holding})")


def _source_ids(conn: sqlite3.Connection, name: str) -> list[str]:
    ids = [
        r[0]
        for r in conn.execute(
            "SELECT id FROM sources WHERE id = ? OR name = ? COLLATE NOCASE", (name, name)
        )
    ]
    if not ids:
        raise QueryError(f"source:{name} matches no source; `ainews sources` lists them.")
    return ids


def _checked(
    conn: sqlite3.Connection, sql: _Sql, plan: _Plan, posts: bool, wanted: int
) -> list[tuple[int, str, str, float]]:
    """Candidates newest first, kept when their text holds what no index could confirm;
    stops after `wanted` keys, so a rare term reads every candidate."""
    rows = conn.execute(
        f"SELECT d.id, d.post_key, d.item_key, d.sort_ts FROM {sql.source} "
        f"WHERE {sql.condition} ORDER BY {sql.newest_first}",
        sql.params,
    )
    kept: list[tuple[int, str, str, float]] = []
    seen: set[str] = set()
    for doc_id, post_key, item_key, sort_ts in rows:
        key = post_key if posts else item_key
        if key in seen:
            continue
        head, body = stored_document(conn, post_key, item_key)
        if all(contains(head, t) or contains(body, t) for t in plan.check) and not any(
            contains(head, t) or contains(body, t) for t in plan.check_not
        ):
            seen.add(key)
            kept.append((doc_id, post_key, item_key, sort_ts))
            if len(kept) >= wanted:
                break
    return kept


def _relevance(
    conn: sqlite3.Connection, primary: _Match, ids: list[int], every_match: bool
) -> dict[int, float]:
    """Higher is better: bm25 when the primary condition is selective, else headline hits."""
    if not ids:
        return {}
    table, lowest = primary.table, min(ids)
    size = primary.size
    if size is None:
        size = len(ids) if every_match else _counted(conn, primary).size
    if size is not None and size < ESTIMATE_CAP:
        rows = conn.execute(
            f"SELECT rowid, bm25({table}, {HEADLINE_WEIGHT}, 1.0) FROM {table} "
            f"WHERE {table} MATCH ? AND rowid >= ?",
            (primary.expression, lowest),
        )
        return {rowid: -score for rowid, score in rows}
    heads = {
        r[0]
        for r in conn.execute(
            f"SELECT rowid FROM {table} WHERE {table} MATCH ? AND rowid >= ?",
            (f"{{head}} : ({primary.expression})", lowest),
        )
    }
    return {doc_id: HEADLINE_WEIGHT if doc_id in heads else 1.0 for doc_id in ids}


def _best(
    rows: list[tuple[int, str, str, float]], relevance: dict[int, float], posts: bool, limit: int
) -> list[str]:
    """Keys by relevance over age, best first; a post scores as its best document."""
    now = time.time()
    best: dict[str, tuple[float, float]] = {}
    for doc_id, post_key, item_key, sort_ts in rows:
        key = post_key if posts else item_key
        age_days = max(0.0, now - sort_ts) / 86400
        score = (relevance.get(doc_id, 0.0) / (1.0 + age_days / RECENCY_DAYS), sort_ts)
        if key not in best or score > best[key]:
            best[key] = score
    return sorted(best, key=best.__getitem__, reverse=True)[:limit]
