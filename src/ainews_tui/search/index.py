"""Keep the search tables in step with posts: documents in (for posts sync stored, after
they are listed: search.build), and out when sync deletes or replaces a post.

Each post becomes search documents: one per item (headline, summary) and one for the
post itself (title, plus the body lines no item covers: introductions, commentary).
Both FTS5 tables are contentless, so the text is not stored a second time; the price is
that removing a document means handing FTS5 the exact text it indexed, which
`_stored_documents` recomputes from the rows still in the library.

Document ids grow with the post's date (`ID_SHIFT`), so FTS5 can hand out the newest
matches first without sorting, which keeps ranking cheap for very common terms.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass

from .text import fold, grams, latin

ID_SHIFT = 20
"""Document id = post time in seconds << 20, plus a counter within that second."""
MIN_SQLITE = (3, 34, 0)
"""The first SQLite with FTS5's trigram tokenizer."""


class SearchUnavailable(Exception):
    """This SQLite cannot build the search index; the message says what to do."""


IndexTexts = tuple[str, str, str, str]
"""One document as the tables take it: trigram head and body, then grams head and body."""


@dataclass(frozen=True)
class _Doc:
    item_key: str | None
    head: str
    body: str


def require_trigram() -> None:
    """Raise SearchUnavailable when the SQLite linked into Python lacks trigram FTS5."""
    if sqlite3.sqlite_version_info < MIN_SQLITE:
        need = ".".join(map(str, MIN_SQLITE))
        raise SearchUnavailable(
            f"ainews needs SQLite {need} or newer for its search index, but Python uses "
            f"SQLite {sqlite3.sqlite_version}; install a Python built with a newer SQLite"
        )


def document_texts(
    conn: sqlite3.Connection, post_key: str
) -> tuple[list[str | None], list[IndexTexts]]:
    """A stored post's documents as `index_posts` takes them: the item keys (None for the
    post's own document) and the text of each. Pure CPU once the rows are read, and most
    of the cost of indexing, so sync runs it in worker processes."""
    docs = _stored_documents(conn, post_key)
    return [doc.item_key for doc in docs], [_texts(doc.head, doc.body) for doc in docs]


class DocumentIds:
    """Hands out document ids within one write transaction.

    An id is the post's second shifted left plus a counter (`ID_SHIFT`); the counter's
    next value is read from the table once per second, then kept here, instead of one
    `max(id)` query per post. Valid only while the caller holds the write lock.
    """

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn
        self._next: dict[int, int] = {}

    def take(self, sort_ts: float, count: int) -> int:
        base = max(int(sort_ts), 0) << ID_SHIFT
        first = self._next.get(base)
        if first is None:
            last = self._conn.execute(
                "SELECT max(id) FROM search_docs WHERE id >= ? AND id < ?",
                (base, base + (1 << ID_SHIFT)),
            ).fetchone()[0]
            first = base if last is None else last + 1
        self._next[base] = first + count
        return first


@dataclass(frozen=True)
class PostDocuments:
    """One stored post's documents as `index_posts` takes them (`document_texts` gave
    the item keys and texts)."""

    post_key: str
    sort_ts: float
    item_keys: Sequence[str | None]
    texts: Sequence[IndexTexts]


def index_posts(conn: sqlite3.Connection, posts: Sequence[PostDocuments]) -> None:
    """Add stored posts' documents (inside one write transaction).

    The documents go into FTS5 in ascending id order, whatever order the posts come in:
    FTS5 flushes its pending-terms hash to a new segment whenever a rowid is lower than
    the last one written, so the index build's newest-first posts, inserted as they
    come, made a segment per post (1,000 posts: inserts 1.07 s, sorted 0.37 s).
    """
    ids = DocumentIds(conn)
    docs: list[tuple[int, str, str | None, float, IndexTexts]] = []
    for post in posts:
        first = ids.take(post.sort_ts, len(post.texts))
        docs.extend(
            (n, post.post_key, key, post.sort_ts, text)
            for n, (key, text) in enumerate(zip(post.item_keys, post.texts, strict=True), first)
        )
    docs.sort(key=lambda doc: doc[0])
    conn.executemany(
        "INSERT INTO search_docs(id, post_key, item_key, sort_ts) VALUES (?, ?, ?, ?)",
        [doc[:4] for doc in docs],
    )
    conn.executemany(
        "INSERT INTO search_fts(rowid, head, body) VALUES (?, ?, ?)",
        [(n, text[0], text[1]) for n, _, _, _, text in docs],
    )
    conn.executemany(
        "INSERT INTO search_grams(rowid, head, body) VALUES (?, ?, ?)",
        [(n, text[2], text[3]) for n, _, _, _, text in docs],
    )


def unindex_post(conn: sqlite3.Connection, post_key: str) -> None:
    """Remove a post's documents, or its mark as still to index; call before its rows
    leave `posts` and `items`."""
    conn.execute("DELETE FROM search_pending WHERE post_key = ?", (post_key,))
    ids = {
        item_key: doc_id
        for doc_id, item_key in conn.execute(
            "SELECT id, item_key FROM search_docs WHERE post_key = ?", (post_key,)
        )
    }
    if not ids:
        return
    for doc in _stored_documents(conn, post_key):
        doc_id = ids.get(doc.item_key)
        if doc_id is not None:
            _delete(conn, doc_id, doc)
    conn.execute("DELETE FROM search_docs WHERE post_key = ?", (post_key,))


def clear_index(conn: sqlite3.Connection) -> None:
    """Empty every search table (for a library rebuild)."""
    conn.execute("INSERT INTO search_fts(search_fts) VALUES ('delete-all')")
    conn.execute("INSERT INTO search_grams(search_grams) VALUES ('delete-all')")
    conn.execute("DELETE FROM search_docs")
    conn.execute("DELETE FROM search_pending")


def _texts(head: str, body: str) -> IndexTexts:
    head, body = fold(head), fold(body)
    return latin(head), latin(body), grams(head), grams(body)


def _delete(conn: sqlite3.Connection, doc_id: int, doc: _Doc) -> None:
    """Take one document out of both contentless tables (FTS5 needs the indexed text)."""
    fts_head, fts_body, grams_head, grams_body = _texts(doc.head, doc.body)
    for table, head_text, body_text in (
        ("search_fts", fts_head, fts_body),
        ("search_grams", grams_head, grams_body),
    ):
        conn.execute(
            f"INSERT INTO {table}({table}, rowid, head, body) VALUES ('delete', ?, ?, ?)",
            (doc_id, head_text, body_text),
        )


def _stored_documents(conn: sqlite3.Connection, post_key: str) -> list[_Doc]:
    """The documents of a post as `index_posts` built them, from the stored rows."""
    row = conn.execute("SELECT title, body FROM posts WHERE key = ?", (post_key,)).fetchone()
    if row is None:
        return []
    title, body = str(row[0]), str(row[1])
    items = conn.execute(
        "SELECT key, headline, summary, start_line, end_line FROM items "
        "WHERE post_key = ? ORDER BY position",
        (post_key,),
    ).fetchall()
    docs = [_Doc(key, headline, summary) for key, headline, summary, _, _ in items]
    spans = [(start, end) for _, _, _, start, end in items]
    docs.append(_Doc(None, title, _uncovered(body.split("\n"), spans)))
    return docs


def _uncovered(lines: list[str], spans: Sequence[tuple[int, int]]) -> str:
    """The body lines that belong to no item."""
    covered = bytearray(len(lines))
    for start, end in spans:
        start, end = max(start, 0), min(end, len(lines))
        if end > start:
            covered[start:end] = b"\x01" * (end - start)
    if not any(covered):
        return "\n".join(lines)
    return "\n".join(line for line, hit in zip(lines, covered, strict=True) if not hit)


def stored_document(
    conn: sqlite3.Connection, post_key: str, item_key: str | None
) -> tuple[str, str]:
    """The folded (head, body) one document was indexed with, for checking a match."""
    if item_key is not None:
        row = conn.execute(
            "SELECT headline, summary FROM items WHERE key = ?", (item_key,)
        ).fetchone()
        return (fold(row[0]), fold(row[1])) if row else ("", "")
    docs = [d for d in _stored_documents(conn, post_key) if d.item_key is None]
    return (fold(docs[0].head), fold(docs[0].body)) if docs else ("", "")
