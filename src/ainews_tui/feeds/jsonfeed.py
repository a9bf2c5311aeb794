"""JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1.1), read by hand: it is small."""

from __future__ import annotations

import json
import re
from itertools import accumulate
from typing import Any

from ..model import Author
from ..safe import is_web_url
from .dates import parse_feed_date
from .entry import FeedEntry, FeedError, ParsedFeed

_VERSION_PREFIX = "https://jsonfeed.org/version/"
MAX_DEPTH = 64
"""A JSON Feed nests five levels deep (feed, items, item, authors, author); json's
decoder recurses once per level and a document 200,000 arrays deep would exhaust the
stack, so nesting is measured before anything is decoded."""
_STRING_OR_BRACKET = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')


def looks_like_json(body: bytes, content_type: str) -> bool:
    """True when the body should be read as JSON rather than XML."""
    if "json" in content_type.lower():
        return True
    return body.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"{"


def parse_json_feed(body: bytes) -> ParsedFeed:
    """Parse a JSON Feed document; raises FeedError when it is not one."""
    try:
        text = body.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FeedError(f"not a feed: invalid JSON ({exc})") from None
    if _depth(text) > MAX_DEPTH:
        raise FeedError(f"not a feed: JSON nested more than {MAX_DEPTH} levels deep")
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise FeedError(f"not a feed: invalid JSON ({exc})") from None
    if not isinstance(doc, dict) or not str(doc.get("version", "")).startswith(_VERSION_PREFIX):
        raise FeedError("not a feed: JSON without a jsonfeed.org version")
    items = doc.get("items")
    if not isinstance(items, list):
        raise FeedError("not a feed: JSON Feed without an `items` list")
    feed_authors = _authors(doc)
    entries = [e for e in (_entry(item, feed_authors) for item in items) if e is not None]
    skipped = len(items) - len(entries)
    warnings = (f"{skipped} JSON Feed items without an id were skipped",) if skipped else ()
    return ParsedFeed(_text(doc.get("title")), tuple(entries), warnings)


def _depth(text: str) -> int:
    """The deepest nesting of arrays and objects; brackets inside strings do not count."""
    steps = (
        1 if token in "[{" else -1 for token in _STRING_OR_BRACKET.findall(text) if token[0] != '"'
    )
    return max(accumulate(steps, initial=0))


def _entry(item: object, feed_authors: tuple[Author, ...]) -> FeedEntry | None:
    if not isinstance(item, dict):
        return None
    entry_id = _text(item.get("id"))
    if entry_id is None:
        return None
    html = _text(item.get("content_html"))
    text = _text(item.get("content_text")) or _text(item.get("summary")) or ""
    tags = item.get("tags")
    return FeedEntry(
        entry_id=entry_id,
        title=_text(item.get("title")),
        link=next(
            (u for u in (_text(item.get("url")), _text(item.get("external_url"))) if is_web_url(u)),
            None,
        ),
        published=parse_feed_date(
            _text(item.get("date_published")) or _text(item.get("date_modified"))
        ),
        content=html if html is not None else text,
        is_html=html is not None,
        authors=_authors(item) or feed_authors,
        categories=tuple(t for t in (_text(t) for t in tags) if t)
        if isinstance(tags, list)
        else (),
    )


def _authors(obj: dict[str, Any]) -> tuple[Author, ...]:
    raw = obj.get("authors")
    if not isinstance(raw, list):
        # JSON Feed 1.0 had a single `author`.
        raw = [obj["author"]] if isinstance(obj.get("author"), dict) else []
    authors = []
    for entry in raw:
        if isinstance(entry, dict) and (name := _text(entry.get("name"))):
            authors.append(Author(name, _text(entry.get("url"))))
    return tuple(authors)


def _text(value: object) -> str | None:
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        return None
    text = str(value).strip()
    return text or None
