"""One Markdown file -> one ParsedPost: metadata conventions, title clean-up, items."""

from __future__ import annotations

import html
import re
from datetime import datetime, tzinfo
from pathlib import PurePosixPath
from typing import Any, Literal

from ..model import Author, ExtractedItem, ParsedPost
from .dates import DateError, date_from_path, parse_date
from .decode import SkipFile, decode_text
from .frontmatter import split_front_matter
from .items import extract_items
from .pages import page_reason

_DATE_KEYS = ("date", "posttime", "pubDate", "published", "created")
_URL_KEYS = ("link", "url", "sourceUrl", "source_url", "original_url", "canonical_url")
_COVER_KEYS = ("cover_image", "image", "coverImage", "cover", "thumbnail")
_SUMMARY_KEYS = ("description", "summary", "excerpt")
_HEADING = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.+?)[ \t#]*$", re.MULTILINE)
_SETEXT = re.compile(r"^(?! {4})(\S[^\n]*)\n {0,3}=+[ \t]*$", re.MULTILINE)
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_TAG = re.compile(r"<[^>]{0,400}>")
_EMPHASIS = re.compile(r"(\*\*|__|~~|`)")
_ONLY_DATE = re.compile(r"^[\d\s./年月日-]+$")
_MAX_SCALAR = 2000


def parse_post(
    data: bytes, relpath: str, *, zone: tzinfo | None, max_items: int = 2000
) -> ParsedPost:
    """Read one file. Raises SkipFile (with the reason) for files that are not posts."""
    name = PurePosixPath(relpath).name
    if name == "_index.md" or name == "_index.markdown":
        raise SkipFile("Hugo section page (_index.md), not a post")
    if not data.strip():
        raise SkipFile("empty file")
    text = decode_text(data)
    split = split_front_matter(text)
    meta, body = split.meta, split.body
    warnings = list(split.warnings)
    if not body.strip():
        raise SkipFile("front matter only, no body")
    if _looks_like_template(meta):
        raise SkipFile("a Hugo archetype (template values like {{ .Date }})")
    if reason := page_reason(meta, body, relpath):
        raise SkipFile(reason)  # a home, archive or about page gives no stories

    date, date_from = _post_date(meta, relpath, zone, warnings)
    title = _title(meta, body, name)
    url = _first_http(meta, _URL_KEYS)
    items = extract_items(body, max_items=max_items)
    if not items:
        items = [_whole_post_item(title, url, body)]
    return ParsedPost(
        title=title,
        date=date,
        date_from=date_from,
        body=body,
        categories=_strings(meta.get("categories")) + _strings(meta.get("category")),
        tags=_strings(meta.get("tags")),
        authors=_authors(meta),
        draft=_truthy(meta.get("draft")),
        url=url,
        cover_image=_first_http(meta, _COVER_KEYS),
        summary=_first_text(meta, _SUMMARY_KEYS),
        entry_id=_scalar(meta.get("entry_id")),
        items=tuple(items),
        warnings=tuple(warnings),
    )


def _post_date(
    meta: dict[str, Any], relpath: str, zone: tzinfo | None, warnings: list[str]
) -> tuple[datetime | None, Literal["front_matter", "path", "none"]]:
    for key in _DATE_KEYS:
        value = meta.get(key)
        if value in (None, ""):
            continue
        try:
            return parse_date(value, zone), "front_matter"
        except DateError as exc:
            warnings.append(f"{key}: {exc}")
    from_path = date_from_path(relpath, zone)
    if from_path is not None:
        return from_path, "path"
    return None, "none"


def clean_title(raw: str) -> str:
    """Strip Markdown and HTML residue from a title: `"# AI日报：…"` -> `AI日报：…`."""
    text = html.unescape(_TAG.sub("", raw))
    text = _LINK.sub(r"\1", text)
    text = _EMPHASIS.sub("", text)
    text = re.sub(r"^\s*#{1,6}\s+", "", text)
    return " ".join(text.split())


def _title(meta: dict[str, Any], body: str, file_name: str) -> str:
    raw = meta.get("title")
    if isinstance(raw, list):
        raw = " ".join(str(part) for part in raw if isinstance(part, str | int | float))
    if isinstance(raw, str | int | float) and not isinstance(raw, bool):
        title = clean_title(str(raw)[:_MAX_SCALAR])
        if title:
            return title
    heading = _first_heading(body)
    return heading or PurePosixPath(file_name).stem


def _first_heading(body: str) -> str | None:
    """The first heading that says more than a date (juya's H1 is a bare date link)."""
    head = body[:20000]
    candidates = [(m.start(), clean_title(m[2])) for m in _HEADING.finditer(head)]
    candidates += [(m.start(), clean_title(m[1])) for m in _SETEXT.finditer(head)]
    candidates = [c for c in sorted(candidates) if c[1]]
    for _, text in candidates:
        if not _ONLY_DATE.match(text):
            return text[:300]
    return candidates[0][1][:300] if candidates else None


def _whole_post_item(title: str, url: str | None, body: str) -> ExtractedItem:
    return ExtractedItem(
        headline=title,
        url=url,
        summary=body.strip()[:_MAX_SCALAR],
        start_line=0,
        end_line=body.count("\n") + 1,
        links=(url,) if url else (),
    )


def _looks_like_template(meta: dict[str, Any]) -> bool:
    # Only the date decides: a real post may well have `{{ }}` in its title (Jinja, Vue).
    value = meta.get("date")
    return isinstance(value, str) and "{{" in value and "}}" in value


def _scalar(value: object) -> str | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, str | int | float):
        text = str(value).strip()[:_MAX_SCALAR]
        return text or None
    return None


def _strings(value: object) -> tuple[str, ...]:
    values = value if isinstance(value, list) else [value]
    seen: dict[str, None] = {}
    for entry in values[:200]:
        text = _scalar(entry)
        if text:
            seen[text[:100]] = None
    return tuple(seen)


def _authors(meta: dict[str, Any]) -> tuple[Author, ...]:
    raw = meta.get("authors", meta.get("author"))
    entries = raw if isinstance(raw, list) else [raw]
    authors: list[Author] = []
    for entry in entries[:50]:
        if isinstance(entry, dict):
            name = _scalar(entry.get("name"))
            if name:
                link = _scalar(entry.get("link") or entry.get("url"))
                authors.append(Author(name, link if link and _is_http(link) else None))
        elif (name := _scalar(entry)) is not None:
            authors.append(Author(name))
    return tuple(authors)


def _first_http(meta: dict[str, Any], keys: tuple[str, ...]) -> str | None:
    for key in keys:
        value = _scalar(meta.get(key))
        if value and _is_http(value):
            return value
    return None


def _first_text(meta: dict[str, Any], keys: tuple[str, ...]) -> str | None:
    for key in keys:
        value = _scalar(meta.get(key))
        if value:
            return value
    return None


def _is_http(url: str) -> bool:
    return url.lower().startswith(("http://", "https://"))


def _truthy(value: object) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in ("true", "yes", "1")
    return value is True
