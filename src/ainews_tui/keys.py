"""Stable keys for posts and items: read/star state hangs on these, so they must not drift.

post key = `<source id>:<path relative to the source root>` (feeds: `<source id>:<entry id>`)
item key = `<post key>#u<hash of the normalized primary URL>` or `#h<hash of the headline>`

The source id (not its display name) keeps keys stable when a source is renamed; an item
keyed by its own URL or headline keeps its key when other stories of the post change.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from .model import ExtractedItem

_TRACKING = re.compile(r"^(utm_\w+|spm|from|ref|source|share_\w+|fbclid|gclid)$", re.IGNORECASE)


def post_key(source_id: str, relpath_or_entry: str) -> str:
    return f"{source_id}:{relpath_or_entry}"


def normalize_url(url: str) -> str:
    """Lower-case scheme and host, no fragment, no tracking parameters, no trailing slash."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return url.strip()
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query) if not _TRACKING.match(k)])
    path = parts.path.rstrip("/") or ""
    netloc = parts.netloc.lower().removeprefix("www.")
    return urlunsplit((parts.scheme.lower(), netloc, path, query, ""))


def normalize_headline(headline: str) -> str:
    text = unicodedata.normalize("NFKC", headline).casefold()
    return "".join(ch for ch in text if ch.isalnum())


def _digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def item_keys(post: str, items: Iterable[ExtractedItem]) -> list[str]:
    """Keys for a post's items, in order; repeats within one post get `-2`, `-3`, …"""
    keys: list[str] = []
    seen: dict[str, int] = {}
    for item in items:
        if item.url:
            base = f"{post}#u{_digest(normalize_url(item.url))}"
        else:
            base = f"{post}#h{_digest(normalize_headline(item.headline))}"
        count = seen.get(base, 0) + 1
        seen[base] = count
        keys.append(base if count == 1 else f"{base}-{count}")
    return keys


def domain_of(url: str | None) -> str | None:
    if not url:
        return None
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    return host.removeprefix("www.") if host else None
