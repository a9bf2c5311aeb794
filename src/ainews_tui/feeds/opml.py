"""OPML 2.0: the file every feed reader imports and exports."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from email.utils import format_datetime

from ..model import SourceConfig


class OpmlError(Exception):
    """A file that is not OPML; the message says why."""


@dataclass(frozen=True)
class OpmlFeed:
    url: str
    title: str | None


def read_opml(data: bytes) -> list[OpmlFeed]:
    """Every outline with an http(s) `xmlUrl`, at any depth (folders are flattened)."""
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise OpmlError(f"not valid XML ({exc})") from None
    if root.tag.lower() != "opml" or root.find("body") is None:
        raise OpmlError("not an OPML file (no <opml><body>)")
    feeds: dict[str, OpmlFeed] = {}
    for outline in root.iter("outline"):
        url = (outline.get("xmlUrl") or outline.get("xmlurl") or "").strip()
        if url.lower().startswith(("http://", "https://")) and url not in feeds:
            title = (outline.get("title") or outline.get("text") or "").strip()
            feeds[url] = OpmlFeed(url, title or None)
    return list(feeds.values())


def write_opml(sources: Iterable[SourceConfig], *, now: datetime | None = None) -> str:
    """An OPML 2.0 document listing the feed sources (folder sources have no URL to share)."""
    root = ET.Element("opml", version="2.0")
    head = ET.SubElement(root, "head")
    ET.SubElement(head, "title").text = "ainews feeds"
    ET.SubElement(head, "dateCreated").text = format_datetime(now or datetime.now().astimezone())
    body = ET.SubElement(root, "body")
    for source in sources:
        if source.kind == "feed" and source.url:
            ET.SubElement(
                body, "outline", type="rss", text=source.name, title=source.name, xmlUrl=source.url
            )
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
