"""Pages: files of a blog that are not digests (home, archive, about, a list of posts).

A page gives no stories. What says so: the front matter's `layout`/`type`, a file name
that names a page, a template loop over the site's posts, or a body that is mostly
links (a home page or archive listing hundreds of posts).
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath
from typing import Any

_PAGE_KINDS = frozenset(
    [
        "home",
        "page",
        "archive",
        "archives",
        "search",
        "about",
        "tags",
        "categories",
        "taxonomy",
        "term",
        "list",
        "links",
        "sources",
        "404",
    ]
)
_PAGE_NAMES = frozenset(
    [
        "about",
        "sources",
        "links",
        "readme",
        "archive",
        "archives",
        "search",
        "tags",
        "categories",
        "404",
    ]
)
# Jekyll/Liquid and Hugo loops over the site's posts: the file lists posts, it is none.
_POST_LOOP = re.compile(
    r"\{%-?\s*for\s+\w+\s+in\s+(?:site\.posts|paginator\.posts|site\.categories|site\.tags)"
    r"|\{\{-?\s*range\s+[^}]{0,80}(?:\.Pages|RegularPages|\.Data\.Pages)"
)
_LINK = re.compile(r"\[[^\[\]\n]{0,300}\]\([^()\s]{1,2000}\)|<a\s[^<>]{0,600}>[^<]{0,300}</a>")
_ALNUM = re.compile(r"[^\W_]")
"""What str.isalnum() accepts, one character; as a regex it scans in C (digests with many
links spent 0.8 ms a post here in a Python loop over their characters)."""
_MIN_LINK_LINES = 20  # fewer links than this is a short post, whatever its shape
_LINK_SHARE = 0.6  # of the lines with words: this many being bare links make a listing
_WORDS_BESIDE = 12  # word characters a line may hold outside its link and stay "a link"


def page_reason(meta: dict[str, Any], body: str, relpath: str) -> str | None:
    """Why the file is a page and not a post, or None for a post."""
    for field in ("layout", "type"):
        value = meta.get(field)
        if isinstance(value, str) and value.strip().lower() in _PAGE_KINDS:
            return f"a page, not a digest ({field}: {value.strip()[:40]})"
    stem = PurePosixPath(relpath).stem.lower()
    if stem in _PAGE_NAMES:
        return f"a page, not a digest ({PurePosixPath(relpath).name})"
    if ("{%" in body or "{{" in body) and _POST_LOOP.search(body):
        return "a page that lists the site's posts (a template loop), not a digest"
    if body.count("](") + body.count("<a ") >= _MIN_LINK_LINES and _mostly_links(body):
        return "a page that is mostly links to other posts, not a digest"
    return None


def _mostly_links(body: str) -> bool:
    wordy = links_only = 0
    for line in body.split("\n"):
        if _ALNUM.search(line, 0, 400) is None:
            continue
        wordy += 1
        if _LINK.search(line):
            rest = _LINK.sub("", line[:2000])
            if len(_ALNUM.findall(rest)) <= _WORDS_BESIDE:
                links_only += 1
    return links_only >= _MIN_LINK_LINES and links_only >= _LINK_SHARE * wordy
