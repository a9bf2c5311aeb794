"""Feed bytes -> ParsedFeed: RSS 0.9x/1.0/2.0 and Atom through feedparser, JSON Feed by hand."""

from __future__ import annotations

import hashlib
import io
import re
from dataclasses import replace
from typing import Any

import feedparser

from ..model import Author
from ..safe import is_web_url
from .dates import parse_feed_date
from .entry import FeedEntry, FeedError, ParsedFeed, newest
from .jsonfeed import looks_like_json, parse_json_feed

_HTML_TYPES = ("text/html", "application/xhtml+xml")
_TAG = re.compile(r"</?[A-Za-z][\w-]*(?:\s[^<>]*)?/?>")
_ROOT = re.compile(r"<([A-Za-z_][\w.:-]*)")
_ENTRY_END = re.compile(rb"</(?:[A-Za-z_][\w.-]*:)?(?:item|entry)\s*>")
_PROLOG = re.compile(r"\s*(?:<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>]*>|\s)*", re.DOTALL)
# An internal DTD subset (`<!DOCTYPE rss [ … ]>`) before the root element, where
# entities are declared. Feeds have no use for them; "billion laughs" is built of them.
_INTERNAL_SUBSET = re.compile(
    rb"(?:\s|<\?.*?\?>|<!--.*?-->)*<!DOCTYPE[^\[>]*\[(.*?)\]\s*>", re.DOTALL | re.IGNORECASE
)


def parse_feed(
    body: bytes, *, content_type: str = "", url: str = "", max_entries: int | None = None
) -> ParsedFeed:
    """Read a feed document; raises FeedError (HTML page, truncated XML, entity
    declarations, not a feed). With `max_entries`, only the newest that many are kept,
    with a warning saying how many the feed had."""
    if looks_like_json(body, content_type):
        return _at_most(parse_json_feed(body), max_entries, 0)
    total = 0
    if max_entries is not None:
        body, total = _first_entries(body, max_entries)
    return _at_most(_parse_xml(body, content_type, url), max_entries, total)


def _at_most(feed: ParsedFeed, limit: int | None, total: int) -> ParsedFeed:
    total = max(total, len(feed.entries))
    if limit is None or total <= limit:
        return feed
    warning = f"kept the {limit:,} newest of {total:,} entries ([feeds] max_entries)"
    return replace(feed, entries=newest(feed.entries, limit), warnings=(*feed.warnings, warning))


def _first_entries(body: bytes, limit: int) -> tuple[bytes, int]:
    """The document cut to its first `limit` entries, and how many entries it had.

    feedparser spends 0.3 ms on each entry: 60,000 of them (9 MB, under the body cap)
    took 17 s and 160 MB only to be thrown away. Feeds list their newest entries first,
    so the first ones are the ones kept; the cut runs from the end of the last one kept
    to the end of the last one in the document."""
    count, keep_until, last_end = 0, 0, 0
    for match in _ENTRY_END.finditer(body):
        count += 1
        if count == limit:
            keep_until = match.end()
        last_end = match.end()
    if count <= limit:
        return body, count
    return body[:keep_until] + body[last_end:], count


def _parse_xml(body: bytes, content_type: str, url: str) -> ParsedFeed:
    subset = _INTERNAL_SUBSET.match(body.lstrip(b"\xef\xbb\xbf"))
    if subset and b"<!ENTITY" in subset[1].upper():
        raise FeedError(
            "XML entity declarations refused (entity expansion, as in a billion-laughs bomb)"
        )
    # A BytesIO, never the bytes themselves: feedparser treats a str or bytes argument
    # that names a file or URL as something to open.
    doc: Any = feedparser.parse(
        io.BytesIO(body),
        response_headers={
            "content-type": content_type or "application/xml",
            "content-location": url,
        },
    )
    if not doc.get("version"):
        if looks_like_html(body, content_type):
            raise FeedError("not a feed: the server sent an HTML page")
        raise FeedError("not a feed: no RSS, Atom or JSON Feed document found")
    warnings: tuple[str, ...] = ()
    if doc.get("bozo") and _is_xml_error(doc.get("bozo_exception")):
        text = _decode(body, doc.get("encoding"))
        if not _is_complete(text):
            raise FeedError("truncated XML: the document ends before its closing tag")
        warnings = (f"malformed XML read leniently ({doc.get('bozo_exception')})",)
    feed = doc.get("feed", {})
    feed_authors = _authors(feed)
    entries: dict[str, FeedEntry] = {}
    for raw in doc.get("entries", []):
        entry = _entry(raw, feed_authors)
        entries.setdefault(entry.entry_id, entry)
    return ParsedFeed(feed.get("title") or None, tuple(entries.values()), warnings)


def looks_like_html(body: bytes, content_type: str) -> bool:
    """True for a web page (by content type, or by its first tag when the type lies)."""
    if any(t in content_type.lower() for t in _HTML_TYPES):
        return True
    head = body[:2048].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html")) or b"<html" in head[:512]


def _is_xml_error(exc: object) -> bool:
    # Encoding overrides and wrong content types are bozo too, but harmless.
    return type(exc).__name__ == "SAXParseException"


def _decode(body: bytes, encoding: str | None) -> str:
    try:
        return body.decode(encoding or "utf-8", errors="replace")
    except LookupError:
        return body.decode("utf-8", errors="replace")


def _is_complete(text: str) -> bool:
    """True when the document ends with the closing tag of its root element."""
    prolog = _PROLOG.match(text)
    root = _ROOT.match(text, prolog.end() if prolog else 0)
    if root is None:
        return False
    return re.search(rf"</\s*{re.escape(root[1])}\s*>\s*\x00*$", text) is not None


def _entry(raw: Any, feed_authors: tuple[Author, ...]) -> FeedEntry:
    content, is_html = _content(raw)
    link = raw.get("link") if is_web_url(raw.get("link")) else None
    title = raw.get("title") or None
    published = parse_feed_date(
        raw.get("published"), raw.get("published_parsed")
    ) or parse_feed_date(raw.get("updated"), raw.get("updated_parsed"))
    entry_id = (raw.get("id") or "").strip() or link or _fallback_id(title, content)
    return FeedEntry(
        entry_id=entry_id,
        title=title,
        link=link,
        published=published,
        content=content,
        is_html=is_html,
        authors=_authors(raw) or feed_authors,
        categories=tuple(
            dict.fromkeys(
                term
                for tag in raw.get("tags", [])
                if (term := (tag.get("term") or tag.get("label")))
            )
        ),
    )


def _content(raw: Any) -> tuple[str, bool]:
    """The fullest body: `content:encoded`/Atom content before the summary."""
    candidates = [(c.get("value") or "", c.get("type") or "") for c in raw.get("content", [])]
    summary = raw.get("summary_detail")
    if summary:
        candidates.append((summary.get("value") or "", summary.get("type") or ""))
    candidates = [c for c in candidates if c[0].strip()]
    if not candidates:
        return "", False
    value, kind = max(candidates, key=lambda c: len(c[0]))
    # Some blogs put their Markdown source in content:encoded; converting it as HTML
    # would join its lines and lose every list.
    return value, kind in _HTML_TYPES and _TAG.search(value) is not None


def _authors(raw: Any) -> tuple[Author, ...]:
    authors = [
        Author(a["name"].strip(), a.get("href") or None)
        for a in raw.get("authors", [])
        if isinstance(a, dict) and (a.get("name") or "").strip()
    ]
    if not authors and raw.get("author"):
        authors = [Author(str(raw["author"]).strip())]
    return tuple(authors)


def _fallback_id(title: str | None, content: str) -> str:
    """Entries with neither id nor link are keyed by what they say."""
    digest = hashlib.sha1(f"{title}\n{content}".encode()).hexdigest()
    return f"sha1:{digest}"
