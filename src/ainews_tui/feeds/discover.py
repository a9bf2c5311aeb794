"""`ainews add URL`: the URL is a feed, or a web page whose `<link rel="alternate">` names one."""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urljoin

from ..config import FeedSettings
from .entry import FeedError, ParsedFeed
from .http import fetch
from .parse import looks_like_html, parse_feed

FEED_TYPES = (
    "application/rss+xml",
    "application/atom+xml",
    "application/feed+json",
    "application/json",
    "application/rdf+xml",
)


@dataclass(frozen=True)
class FoundFeed:
    url: str
    """The feed's own URL: the one given, or the one the page links to."""
    feed: ParsedFeed
    alternatives: tuple[str, ...] = ()
    """Other feeds the page links to, when it links to several."""


def find_feed(url: str, limits: FeedSettings) -> FoundFeed:
    """Fetch `url` and return the feed it is or links to; raises FeedError otherwise."""
    page = fetch(url, limits)
    try:
        feed = parse_feed(
            page.body, content_type=page.content_type, url=page.url, max_entries=limits.max_entries
        )
        return FoundFeed(url, feed)
    except FeedError:
        # Some servers label their feed text/html, so the label alone decides nothing.
        if not looks_like_html(page.body, page.content_type):
            raise
    links = alternate_links(page.body.decode("utf-8", errors="replace"), page.url)
    if not links:
        raise FeedError("not a feed, and the page links to no RSS, Atom or JSON feed")
    target = fetch(links[0], limits)
    feed = parse_feed(
        target.body,
        content_type=target.content_type,
        url=target.url,
        max_entries=limits.max_entries,
    )
    return FoundFeed(links[0], feed, tuple(links[1:]))


def alternate_links(html: str, base_url: str) -> list[str]:
    """Absolute URLs of `<link rel="alternate" type="…feed type…">`, in page order."""
    finder = _AlternateFinder()
    finder.feed(html)
    finder.close()
    urls = [urljoin(base_url, href) for href in finder.hrefs]
    return [u for u in dict.fromkeys(urls) if u.lower().startswith(("http://", "https://"))]


class _AlternateFinder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "link":
            return
        values = {name: (value or "").strip() for name, value in attrs}
        rels = values.get("rel", "").lower().split()
        kind = values.get("type", "").lower().split(";")[0].strip()
        if "alternate" in rels and kind in FEED_TYPES and values.get("href"):
            self.hrefs.append(values["href"])
