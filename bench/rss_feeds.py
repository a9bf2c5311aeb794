"""The benchmark corpus as RSS, so newsboat reads the very posts ainews syncs.

Every Markdown file of the corpus becomes one RSS item (title and date as ainews's own
parser reads them, the body rendered to HTML with markdown-it), split over FEEDS feeds by
file index, written once into the corpus cache and served from 127.0.0.1 by a
ThreadingHTTPServer in a thread. meta.json lists the first feed's articles with the start
of their text, for the measure that opens one.
"""

from __future__ import annotations

import json
import shutil
import tempfile
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import format_datetime
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

FEEDS = 10
FEEDS_VERSION = 1
"""Bump when the feed files or their meta.json change, so an old cache is not reused."""


@dataclass(frozen=True)
class FeedSet:
    """The feed files and what the UI measures wait for."""

    folder: Path
    meta: dict[str, Any]

    @property
    def names(self) -> list[str]:
        return [f"feed-{n}.xml" for n in range(FEEDS)]


def feed_title(number: int) -> str:
    return f"Bench feed {number}"


def cached_feeds(corpus: Path, say: Callable[[str], None]) -> FeedSet:
    """The feeds of this corpus, built once next to it in the cache."""
    final = corpus.with_name(f"{corpus.name}-rss-v{FEEDS_VERSION}")
    if not final.is_dir():
        partial_dir = Path(tempfile.mkdtemp(prefix="partial-rss-", dir=corpus.parent))
        started = datetime.now(UTC)
        try:
            build_feeds(corpus, partial_dir)
        except BaseException:
            shutil.rmtree(partial_dir, ignore_errors=True)
            raise
        # Renamed only when complete, like the corpus itself.
        partial_dir.rename(final)
        seconds = (datetime.now(UTC) - started).total_seconds()
        say(f"feeds: {FEEDS} RSS files built in {seconds:.1f} s -> {final}")
    return FeedSet(final, json.loads((final / "meta.json").read_text("utf-8")))


@dataclass(frozen=True)
class _Post:
    index: int
    relpath: str
    title: str
    date: datetime | None
    intro: str


def _read_posts(corpus: Path) -> Iterator[tuple[_Post, str]]:
    """Each post with its Markdown body."""
    from ainews_tui.ingest.post import parse_post

    files = sorted(p for p in corpus.rglob("*.md") if p.is_file())
    for index, path in enumerate(files):
        relpath = path.relative_to(corpus).as_posix()
        post = parse_post(path.read_bytes(), relpath, zone=UTC)
        yield (
            _Post(
                index,
                relpath,
                post.title,
                post.date,
                _intro(post.body),
            ),
            post.body,
        )


def build_feeds(corpus: Path, out: Path) -> None:
    """Write feed-N.xml for N < FEEDS and meta.json into `out`."""
    from markdown_it import MarkdownIt

    render = MarkdownIt("commonmark").render
    handles = [(out / f"feed-{n}.xml").open("w", encoding="utf-8") for n in range(FEEDS)]
    posts: list[_Post] = []
    try:
        for number, handle in enumerate(handles):
            handle.write(
                '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>'
                f"<title>{feed_title(number)}</title><link>http://127.0.0.1/bench/{number}</link>"
                "<description>ainews benchmark corpus</description>\n"
            )
        for post, body in _read_posts(corpus):
            handles[post.index % FEEDS].write(_item(post, render(body)))
            posts.append(post)
        for handle in handles:
            handle.write("</channel></rss>\n")
    finally:
        for handle in handles:
            handle.close()
    meta = {
        "posts": len(posts),
        "feeds": [feed_title(n) for n in range(FEEDS)],
        # Every article of the first feed: which one newsboat lists first depends on its
        # order for equal dates, so the open measure reads the first row off the screen.
        "first_feed": [[p.title, p.intro] for p in posts if p.index % FEEDS == 0],
    }
    (out / "meta.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1), "utf-8")


def _item(post: _Post, html: str) -> str:
    date = f"<pubDate>{format_datetime(post.date)}</pubDate>" if post.date else ""
    # Links are never fetched; they only need to be unique (newsboat keys items by guid).
    link = escape(f"http://127.0.0.1/bench/posts/{post.relpath}")
    return (
        f"<item><title>{escape(post.title)}</title><link>{link}</link>"
        f'<guid isPermaLink="false">{link}</guid>{date}'
        f"<description>{escape(html)}</description></item>\n"
    )


def _intro(body: str) -> str:
    """The start of the first paragraph: the first text of the article on screen."""
    for line in body.splitlines():
        text = line.strip()
        if text and not text.startswith(("#", "[", "!", "<")):
            return "".join(text.split())[:12]
    raise RuntimeError("a generated post without a paragraph")


class FeedServer:
    """The feed folder over HTTP on 127.0.0.1, on a free port, until the block ends."""

    def __init__(self, feeds: FeedSet) -> None:
        handler = partial(_QuietHandler, directory=str(feeds.folder))
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        port = self._server.server_address[1]
        self.urls = [f"http://127.0.0.1:{port}/{name}" for name in feeds.names]

    def __enter__(self) -> FeedServer:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join()


class _QuietHandler(SimpleHTTPRequestHandler):
    # Headers and file are two writes: with Nagle's algorithm the file waited for the
    # client's delayed ACK, 40 ms a feed, for newsboat and ainews alike.
    disable_nagle_algorithm = True

    def log_message(self, format: str, *args: Any) -> None:
        """No access log on the bench's screen."""
