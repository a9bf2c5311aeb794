"""A parsed query -> one SQL statement over the search tables -> ranked keys.

Ranking is FTS5's bm25 (headlines weigh three times a summary) divided by a recency
factor, so among equally good matches the newer story wins, and a much better old
match still beats a weak new one. Queries with only filters list the newest first.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .index import stored_document
from .query import ParsedQuery, QueryError, parse_query
from .text import TermKind, contains, term_kind

if TYPE_CHECKING:
    from ..store.library import Library

RECENCY_DAYS = 180.0
"""A match this many days old ranks as if half as relevant as the same match today."""
HEADLINE_WEIGHT = 3.0


@dataclass(frozen=True)
class SearchResults:
    """Keys best first, and the positive terms (folded) for highlighting."""

    keys: list[str]
    terms: tuple[str, ...]


@dataclass
class _Sql:
    source: str = "search_docs d"
    score: str | None = None
    where: list[str] = field(default_factory=list)
    params: list[object] = field(default_factory=list)

    def add(self, clause: str, *params: object) -> None:
        self.where.append(clause)
        self.params.extend(params)


def search(library: Library, query: str, *, limit: int = 200, posts: bool = False
           ) -> SearchResults:
    """Items (or posts) matching `query`, best first; raises QueryError for a bad query.

    With `posts`, a post matches when one of its items, or its title and the text
    outside its items, matches the whole query.
    """
    parsed = parse_query(query)
    conn = library.conn
    sql = _build(conn, parsed, posts)
    scanned = [t for t in parsed.terms if term_kind(t) is TermKind.OTHER]
    scanned_out = [t for t in parsed.excluded if term_kind(t) is TermKind.OTHER]
    if scanned or scanned_out:
        keys = _checked(conn, sql, posts, limit, scanned, scanned_out)
    else:
        keys = _ranked(conn, sql, posts, limit)
    return SearchResults(keys, parsed.terms)


def _build(conn: sqlite3.Connection, q: ParsedQuery, posts: bool) -> _Sql:
    sql = _Sql()
    trigram = [t for t in q.terms if term_kind(t) is TermKind.TRIGRAM]
    grams = [t for t in q.terms if term_kind(t) in (TermKind.CJK, TermKind.WORD)]
    if trigram:
        sql.source = "search_fts JOIN search_docs d ON d.id = search_fts.rowid"
        sql.score = f"bm25(search_fts, {HEADLINE_WEIGHT}, 1.0)"
        sql.add("search_fts MATCH ?", " AND ".join(map(_phrase, trigram)))
    if grams:
        expression = " AND ".join(map(_gram, grams))
        if trigram:
            sql.add("d.id IN (SELECT rowid FROM search_grams WHERE search_grams MATCH ?)",
                    expression)
        else:
            sql.source = "search_grams JOIN search_docs d ON d.id = search_grams.rowid"
            sql.score = "bm25(search_grams)"
            sql.add("search_grams MATCH ?", expression)
    if sql.score:
        sql.score = (f"{sql.score} / (1.0 + max(0.0, {time.time():.0f} - d.sort_ts) / "
                     f"{RECENCY_DAYS * 86400:.0f})")
    _exclusions(sql, q.excluded)
    if not posts:
        sql.add("d.item_key IS NOT NULL")
    elif not sql.score:
        sql.add("d.item_key IS NULL")
    _filters(conn, sql, q, posts)
    return sql


def _exclusions(sql: _Sql, excluded: Iterable[str]) -> None:
    trigram = [t for t in excluded if term_kind(t) is TermKind.TRIGRAM]
    grams = [t for t in excluded if term_kind(t) in (TermKind.CJK, TermKind.WORD)]
    if trigram:
        sql.add("d.id NOT IN (SELECT rowid FROM search_fts WHERE search_fts MATCH ?)",
                " OR ".join(map(_phrase, trigram)))
    if grams:
        sql.add("d.id NOT IN (SELECT rowid FROM search_grams WHERE search_grams MATCH ?)",
                " OR ".join(map(_gram, grams)))


def _filters(conn: sqlite3.Connection, sql: _Sql, q: ParsedQuery, posts: bool) -> None:
    for tag in q.tags:
        sql.add("EXISTS (SELECT 1 FROM post_categories c WHERE c.post_key = d.post_key "
                "AND c.category = ? COLLATE NOCASE)", tag)
    for tag in q.excluded_tags:
        sql.add("NOT EXISTS (SELECT 1 FROM post_categories c WHERE c.post_key = d.post_key "
                "AND c.category = ? COLLATE NOCASE)", tag)
    post_conditions: list[str] = []
    post_params: list[object] = []
    if q.sources:
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


def _ranked(conn: sqlite3.Connection, sql: _Sql, posts: bool, limit: int) -> list[str]:
    where = " AND ".join(sql.where) or "1"
    if posts and sql.score:
        # bm25() cannot sit inside an aggregate, so score the documents first.
        query = (f"WITH hits AS MATERIALIZED (SELECT d.post_key, {sql.score} AS score, "
                 f"d.sort_ts FROM {sql.source} WHERE {where}) SELECT post_key FROM hits "
                 "GROUP BY post_key ORDER BY min(score), max(sort_ts) DESC LIMIT ?")
    else:
        column = "d.post_key" if posts else "d.item_key"
        query = f"SELECT {column} FROM {sql.source} WHERE {where} ORDER BY {_order(sql)} LIMIT ?"
    return [r[0] for r in conn.execute(query, (*sql.params, limit))]


def _checked(conn: sqlite3.Connection, sql: _Sql, posts: bool, limit: int,
             wanted: list[str], unwanted: list[str]) -> list[str]:
    """Rows in rank order, kept when their text has every term no index can answer.

    Stops after `limit` keys, so common terms stay fast; a rare one reads every candidate.
    """
    where = " AND ".join(sql.where) or "1"
    query = (f"SELECT d.post_key, d.item_key FROM {sql.source} WHERE {where} "
             f"ORDER BY {_order(sql)}")
    keys: dict[str, None] = {}
    for post_key, item_key in conn.execute(query, sql.params):
        key = post_key if posts else item_key
        if key in keys:
            continue
        head, body = stored_document(conn, post_key, item_key)
        found = all(contains(head, t) or contains(body, t) for t in wanted)
        if found and not any(contains(head, t) or contains(body, t) for t in unwanted):
            keys[key] = None
            if len(keys) >= limit:
                break
    return list(keys)


def _order(sql: _Sql) -> str:
    return f"{sql.score}, d.sort_ts DESC" if sql.score else "d.sort_ts DESC, d.id DESC"


def _phrase(term: str) -> str:
    """An FTS5 string: whatever the term holds, FTS5 reads it as text, never syntax."""
    return '"' + term.replace('"', '""') + '"'


def _gram(term: str) -> str:
    """One gram-index token; a single CJK character matches as a token prefix."""
    prefix = len(term) == 1 and term_kind(term) is TermKind.CJK
    return _phrase(term) + (" *" if prefix else "")
