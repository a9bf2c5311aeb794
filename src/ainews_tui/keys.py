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


_REPEAT = re.compile(r"(#[uh][0-9a-f]{12})-\d+$")  # a story's second copy in one post
_SAME_PREFIX = 4  # normalised characters one headline must open the other with
_SAME_INSIDE = 8  # … or hold whole inside it


def carried_keys(
    old: Iterable[tuple[str, str, str | None]], new: Iterable[tuple[str, str, str | None]]
) -> list[tuple[str, str]]:
    """(old key, new key) pairs of a re-read post whose stories kept their identity but
    not their key, from (key, headline, url) of the stored and of the new version.

    A story is the same when its link is, when one headline opens or holds the other
    (a headline no longer cut short, a label kept), or when it was a second copy
    (`#u…-2`) of a story that is now told once. Each new key takes one old key.
    """
    new_list, old_list = list(new), list(old)
    new_keys = {k for k, _, _ in new_list}
    old_keys = {k for k, _, _ in old_list}
    gone = [o for o in old_list if o[0] not in new_keys]
    # Only keys the old version did not have can take a gone story's state: a story
    # whose key did not change keeps its own.
    fresh = [n for n in new_list if n[0] not in old_keys]
    pairs: list[tuple[str, str]] = []
    for key, headline, url in gone:
        base = _REPEAT.sub(r"\1", key)
        if base != key and base in new_keys:
            pairs.append((key, base))
            continue
        match = next((n for n in fresh if _same_story(headline, url, n[1], n[2])), None)
        if match:
            pairs.append((key, match[0]))
            fresh.remove(match)
    return pairs


def _same_story(headline: str, url: str | None, other: str, other_url: str | None) -> bool:
    if url and other_url and normalize_url(url) == normalize_url(other_url):
        return True
    a, b = normalize_headline(headline), normalize_headline(other)
    short = min(len(a), len(b))
    if short >= _SAME_PREFIX and (a.startswith(b) or b.startswith(a)):
        return True
    return short >= _SAME_INSIDE and (a in b or b in a)
