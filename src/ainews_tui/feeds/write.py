"""Feed entries -> Markdown files with front matter, the source of truth for feed posts.

One file per entry, named by a hash of the entry id, so an entry edited upstream
rewrites the same file and keeps its key; a file is only rewritten when its text
changes, so an unchanged entry keeps its mtime and the next sync does not re-read it.
Entries that leave the feed keep their files.
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
from html import unescape
from pathlib import Path
from typing import Any

import yaml
from markdownify import markdownify

from ..safe import clean_line, clean_text
from .entry import FeedEntry

_TITLE_FALLBACK_CHARS = 80
_BLOCK_END = re.compile(r"</(?:p|div|li|h[1-6]|tr|blockquote)\s*>|<br\s*/?>", re.IGNORECASE)
_ANY_TAG = re.compile(r"<[^>]*>")


def entry_file_name(entry_id: str) -> str:
    """`<base32 of sha1(entry id)>.md`. Base32 has no 0 or 1, so a name never reads as
    a date to the ingest's date-from-path fallback."""
    digest = hashlib.sha1(entry_id.encode("utf-8")).digest()
    return base64.b32encode(digest).decode("ascii")[:24].lower() + ".md"


def entry_markdown(entry: FeedEntry, source_name: str) -> str:
    """The whole file: YAML front matter, then the entry's body as Markdown."""
    # Terminal control goes before the entry becomes a file: YAML would keep a title's
    # escape sequence as `\e[2J`, out of reach of the text-level clean-up at ingest.
    body = clean_text(to_markdown(entry.content) if entry.is_html else entry.content).strip()
    title = clean_line(entry.title or "")
    if not body:
        body = f"[{entry.link}]({entry.link})" if entry.link else (title or entry.entry_id)
    meta: dict[str, Any] = {"title": title or _first_line(body)}
    if entry.published:
        meta["date"] = entry.published.isoformat()
    if entry.categories:
        meta["categories"] = list(entry.categories)
    if entry.authors:
        meta["authors"] = [
            {"name": a.name, **({"link": a.link} if a.link else {})} for a in entry.authors
        ]
    if entry.link:
        meta["link"] = entry.link
    meta["entry_id"] = entry.entry_id
    meta["source"] = source_name
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=1000)
    return f"---\n{front}---\n\n{body}\n"


def to_markdown(html: str) -> str:
    """HTML -> CommonMark-style Markdown (ATX headings, `-` bullets, pipe tables)."""
    try:
        # Underscores inside words (gpt_oss, file names) are not emphasis in CommonMark;
        # escaping them would leave backslashes in headlines.
        text = markdownify(html, heading_style="ATX", bullets="-", escape_underscores=False)
    except RecursionError:
        # markdownify walks the tree recursively; a hostile entry nested thousands deep
        # still deserves to be readable, as text.
        text = _plain_text(html)
    return "\n".join(line.rstrip() for line in text.strip().splitlines())


def write_entries(folder: Path, entries: tuple[FeedEntry, ...], source_name: str) -> int:
    """Write every entry whose file is missing or different; returns how many were written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = 0
    for entry in entries:
        path = folder / entry_file_name(entry.entry_id)
        data = entry_markdown(entry, source_name).encode("utf-8")
        try:
            if path.read_bytes() == data:
                continue
        except FileNotFoundError:
            pass
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        tmp.write_bytes(data)
        tmp.replace(path)
        written += 1
    return written


def _plain_text(html: str) -> str:
    text = _BLOCK_END.sub("\n\n", html)
    return unescape(_ANY_TAG.sub("", text))


def _first_line(body: str) -> str:
    line = next((s.strip() for s in body.splitlines() if s.strip()), "")
    return line[:_TITLE_FALLBACK_CHARS]
