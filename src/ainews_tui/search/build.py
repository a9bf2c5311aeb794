"""The search index built behind the list: sync stores posts (browsable at once) and
marks each as pending; this module indexes the pending posts, newest first.

Reading a post's text and computing its tokens is pure CPU and needs no write lock, so
sync does it in worker processes on connections of their own (`read_texts`); the one
writing process only inserts (`write_texts`). A pending mark leaves in the same
transaction that writes the post's documents, so a kill at any moment leaves every
post either indexed or still marked, and the next sync goes on where this one stopped.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .index import PostDocuments, document_texts, index_posts


@dataclass(frozen=True)
class Pending:
    """One post waiting for the index: its mark's id (never reused) and key."""

    id: int
    post_key: str


@dataclass(frozen=True)
class PostTexts:
    """What `write_texts` inserts for one pending post (picklable, from a worker)."""

    pending: Pending
    documents: PostDocuments


@dataclass(frozen=True)
class IndexProgress:
    """How far the index is: posts stored, and how many of them wait to be indexed."""

    posts: int
    pending: int

    @property
    def complete(self) -> bool:
        return self.pending == 0

    @property
    def percent(self) -> int:
        """Indexed share, rounded down, so 100 only when complete."""
        if self.posts == 0 or self.pending == 0:
            return 100
        return min(99, (self.posts - self.pending) * 100 // self.posts)


def mark_pending(conn: sqlite3.Connection, post_key: str, sort_ts: float) -> None:
    """Mark a just stored post as still to index (inside the transaction storing it)."""
    conn.execute(
        "INSERT OR REPLACE INTO search_pending(post_key, sort_ts) VALUES (?, ?)",
        (post_key, sort_ts),
    )


def pending_posts(conn: sqlite3.Connection) -> list[Pending]:
    """Every post waiting for the index, newest first: the first results a search
    shows are the first indexed."""
    rows = conn.execute("SELECT id, post_key FROM search_pending ORDER BY sort_ts DESC, id DESC")
    return [Pending(int(r[0]), str(r[1])) for r in rows]


def index_progress(conn: sqlite3.Connection) -> IndexProgress:
    posts, pending = conn.execute(
        "SELECT (SELECT count(*) FROM posts), (SELECT count(*) FROM search_pending)"
    ).fetchone()
    return IndexProgress(int(posts), int(pending))


def read_texts(conn: sqlite3.Connection, wanted: Sequence[Pending]) -> list[PostTexts]:
    """The documents of the posts still pending under the same marks, read in one
    snapshot; a post rewritten or removed since `pending_posts` is left out (whoever
    rewrote it marked it again)."""
    out: list[PostTexts] = []
    own = not conn.in_transaction
    if own:
        conn.execute("BEGIN")
    try:
        for pending in wanted:
            row = conn.execute(
                "SELECT sort_ts FROM search_pending WHERE id = ?", (pending.id,)
            ).fetchone()
            if row is None:
                continue
            # A mark without its post cannot happen (both leave together), but if it did
            # the post's empty documents still take the mark away.
            keys, texts = document_texts(conn, pending.post_key)
            documents = PostDocuments(pending.post_key, float(row[0]), tuple(keys), tuple(texts))
            out.append(PostTexts(pending, documents))
    finally:
        if own:
            conn.execute("COMMIT")
    return out


def write_texts(conn: sqlite3.Connection, posts: Iterable[PostTexts]) -> int:
    """Index posts read by `read_texts` (inside a write transaction); a post whose mark
    is gone or newer meanwhile is skipped. Returns how many posts were indexed."""
    kept: list[PostDocuments] = []
    for post in posts:
        taken = conn.execute("DELETE FROM search_pending WHERE id = ?", (post.pending.id,))
        if taken.rowcount == 1:
            kept.append(post.documents)
    index_posts(conn, kept)
    return len(kept)
