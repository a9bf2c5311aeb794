"""A parsed query -> SQL over the search tables -> ranked keys.

Ranking is FTS5's bm25 (headlines weigh three times a summary) divided by a recency
factor, so among equally good matches the newer story wins and a much better old match
still beats a weak new one. Only the newest `RANK_WINDOW` matches are ranked: document
ids follow dates, so FTS5 yields them newest first without sorting, and a term found in
half the library costs no more than a rare one. Queries with only filters list the
newest first.
"""

from __future__ import annotations

import json
import sqlite3
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .index import stored_document
from .query import ParsedQuery, QueryError, parse_query
from .text import TermKind, contains, gram_phrase, mixed_candidates, quoted, term_kind

if TYPE_CHECKING:
    from ..store.library import Library

RECENCY_DAYS = 180.0
"""A match this many days old ranks as if half as relevant as the same match today."""
HEADLINE_WEIGHT = 3.0
RANK_WINDOW = 1000
"""How many of the newest matching documents are ranked."""


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

    @property
    def primary(self) -> str | None:
        return "search_grams" if self.grams else "search_fts" if self.fts else None


@dataclass
class _Sql:
    source: str
    where: list[str] = field(default_factory=list)
    params: list[object] = field(default_factory=list)

    def add(self, clause: str, *params: object) -> None:
        self.where.append(clause)
        self.params.extend(params)

    @property
    def condition(self) -> str:
        return " AND ".join(self.where) or "1"


def search(library: Library, query: str, *, limit: int = 200, posts: bool = False
           ) -> SearchResults:
    """Items (or posts) matching `query`, best first; raises QueryError for a bad query.

    With `posts`, a post matches when one of its items, or its title and the text
    outside its items, matches the whole query.
    """
    parsed = parse_query(query)
    plan = _plan(parsed)
    conn = library.conn
    sql = _sql(conn, parsed, plan, posts)
    window = max(RANK_WINDOW, limit * (20 if posts else 2))
    if plan.check or plan.check_not:
        keys = _checked(conn, sql, plan, posts, limit, window)
    elif plan.primary:
        keys = _ranked(conn, sql, plan.primary, posts, limit, window)
    else:
        column = "d.post_key" if posts else "d.item_key"
        keys = [r[0] for r in conn.execute(
            f"SELECT {column} FROM {sql.source} WHERE {sql.condition} "
            "ORDER BY d.id DESC LIMIT ?", (*sql.params, limit))]
    return SearchResults(keys, parsed.terms)


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
    primary = plan.primary
    if primary is None:
        sql = _Sql("search_docs d")
    else:
        sql = _Sql(f"{primary} JOIN search_docs d ON d.id = {primary}.rowid")
    for table, expressions in (("search_grams", plan.grams), ("search_fts", plan.fts)):
        if not expressions:
            continue
        if table == primary:
            sql.add(f"{table} MATCH ?", " AND ".join(expressions))
        else:
            sql.add(f"d.id IN (SELECT rowid FROM {table} WHERE {table} MATCH ?)",
                    " AND ".join(expressions))
    for table, expressions in (("search_grams", plan.grams_not), ("search_fts", plan.fts_not)):
        if expressions:
            sql.add(f"d.id NOT IN (SELECT rowid FROM {table} WHERE {table} MATCH ?)",
                    " OR ".join(expressions))
    if not posts:
        sql.add("d.item_key IS NOT NULL")
    elif primary is None and not plan.check:
        sql.add("d.item_key IS NULL")
    _filters(conn, sql, q, posts)
    return sql


def _filters(conn: sqlite3.Connection, sql: _Sql, q: ParsedQuery, posts: bool) -> None:
    for tag in q.tags:
        sql.add("EXISTS (SELECT 1 FROM post_categories c WHERE c.post_key = d.post_key "
                "AND c.category = ? COLLATE NOCASE)", tag)
    for tag in q.excluded_tags:
        sql.add("NOT EXISTS (SELECT 1 FROM post_categories c WHERE c.post_key = d.post_key "
                "AND c.category = ? COLLATE NOCASE)", tag)
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
        sql.add(f"EXISTS (SELECT 1 FROM posts p WHERE p.key = d.post_key AND "
                f"{' AND '.join(post_conditions)})", *post_params)
    if q.read is not None:
        if posts:
            unread = ("EXISTS (SELECT 1 FROM items i LEFT JOIN st.state s ON s.key = i.key "
                      "WHERE i.post_key = d.post_key AND s.read_at IS NULL)")
        else:
            unread = ("NOT EXISTS (SELECT 1 FROM st.state s WHERE s.key = d.item_key "
                      "AND s.read_at IS NOT NULL)")
        sql.add(f"NOT {unread}" if q.read else unread)
    if q.starred is not None:
        key = "d.post_key" if posts else "d.item_key"
        starred = (f"EXISTS (SELECT 1 FROM st.state s WHERE s.key = {key} "
                   "AND s.starred_at IS NOT NULL)")
        sql.add(starred if q.starred else f"NOT {starred}")


def _source_ids(conn: sqlite3.Connection, name: str) -> list[str]:
    ids = [r[0] for r in conn.execute(
        "SELECT id FROM sources WHERE id = ? OR name = ? COLLATE NOCASE", (name, name))]
    if not ids:
        raise QueryError(f"source:{name} matches no source; `ainews sources` lists them.")
    return ids


def _score(rank: str, ts: str) -> str:
    age = f"max(0.0, {time.time():.0f} - {ts})"
    return f"{rank} / (1.0 + {age} / {RECENCY_DAYS * 86400:.0f})"


def _ranked(conn: sqlite3.Connection, sql: _Sql, primary: str, posts: bool, limit: int,
            window: int) -> list[str]:
    column = "d.post_key" if posts else "d.item_key"
    newest = (f"SELECT {column} AS key, bm25({primary}, {HEADLINE_WEIGHT}, 1.0) AS rank, "
              f"d.sort_ts AS ts FROM {sql.source} WHERE {sql.condition} "
              f"ORDER BY {primary}.rowid DESC LIMIT {window}")
    score = _score("rank", "ts")
    if posts:
        query = (f"SELECT key FROM ({newest}) GROUP BY key "
                 f"ORDER BY min({score}), max(ts) DESC LIMIT ?")
    else:
        query = f"SELECT key FROM ({newest}) ORDER BY {score}, ts DESC LIMIT ?"
    return [r[0] for r in conn.execute(query, (*sql.params, limit))]


def _checked(conn: sqlite3.Connection, sql: _Sql, plan: _Plan, posts: bool, limit: int,
             window: int) -> list[str]:
    """Candidates newest first, kept when their text holds what no index could confirm.

    With index terms, the first `window` confirmed documents are ranked; without any,
    the newest `limit` confirmed ones are the answer, so a rare term reads everything.
    """
    primary = plan.primary
    rank = f"bm25({primary}, {HEADLINE_WEIGHT}, 1.0)" if primary else "0.0"
    order = f"{primary}.rowid DESC" if primary else "d.id DESC"
    rows = conn.execute(
        f"SELECT d.post_key, d.item_key, {rank}, {_score('1.0', 'd.sort_ts')} "
        f"FROM {sql.source} WHERE {sql.condition} ORDER BY {order}", sql.params)
    wanted = window if primary else limit
    found: list[tuple[float, str]] = []
    seen: set[str] = set()
    for post_key, item_key, bm25, recency in rows:
        key = post_key if posts else item_key
        if key in seen:
            continue
        head, body = stored_document(conn, post_key, item_key)
        if all(contains(head, t) or contains(body, t) for t in plan.check) and not any(
                contains(head, t) or contains(body, t) for t in plan.check_not):
            seen.add(key)
            found.append((bm25 * recency, key))
            if len(found) >= wanted:
                break
    if primary:
        found.sort(key=lambda pair: pair[0])
    return [key for _, key in found[:limit]]
