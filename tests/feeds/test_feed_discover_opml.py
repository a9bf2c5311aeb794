"""`ainews add URL` discovery through `<link rel="alternate">`, and OPML in and out."""

from __future__ import annotations

import pytest

from ainews_tui.config import FeedSettings
from ainews_tui.feeds.discover import alternate_links, find_feed
from ainews_tui.feeds.entry import FeedError
from ainews_tui.feeds.opml import OpmlError, read_opml, write_opml
from ainews_tui.model import SourceConfig

from .server import HTML, RSS, FeedServer, Route, fixture

LIMITS = FeedSettings(connect_timeout=2, total_timeout=2)


def test_alternate_links_are_absolute_and_in_page_order() -> None:
    html = fixture("page.html").decode()
    assert alternate_links(html, "https://daily.example.cn/blog/") == [
        "https://daily.example.cn/feed.xml",
        "https://other.example/atom.xml",
    ]


def test_links_that_are_not_feeds_are_ignored() -> None:
    html = """<link rel="stylesheet" href="/a.css"><link rel="alternate" hreflang="en" href="/en/">
    <LINK REL="Alternate" TYPE="application/feed+json" HREF="feed.json">
    <link rel="alternate" type="application/rss+xml" href="javascript:alert(1)">"""
    assert alternate_links(html, "https://x.example/") == ["https://x.example/feed.json"]


def test_a_feed_url_is_taken_as_is(feed_server: FeedServer) -> None:
    feed_server.routes["/feed.xml"] = Route(fixture("digest.rss"), RSS)
    found = find_feed(feed_server.url("/feed.xml"), LIMITS)
    assert found.url == feed_server.url("/feed.xml")
    assert found.feed.title == "AI 早报"
    assert len(found.feed.entries) == 3


def test_a_feed_labelled_text_html_is_still_a_feed(feed_server: FeedServer) -> None:
    feed_server.routes["/feed"] = Route(fixture("digest.rss"), HTML)
    found = find_feed(feed_server.url("/feed"), LIMITS)
    assert found.url == feed_server.url("/feed")
    assert len(found.feed.entries) == 3


def test_a_page_leads_to_its_feed(feed_server: FeedServer) -> None:
    feed_server.routes["/"] = Route(fixture("page.html"), HTML)
    feed_server.routes["/feed.xml"] = Route(fixture("digest.rss"), RSS)
    found = find_feed(feed_server.url("/"), LIMITS)
    assert found.url == feed_server.url("/feed.xml")
    assert found.alternatives == ("https://other.example/atom.xml",)


def test_a_page_without_feed_links_is_refused(feed_server: FeedServer) -> None:
    feed_server.routes["/"] = Route(b"<!doctype html><html><body>hi</body></html>", HTML)
    with pytest.raises(FeedError, match="links to no RSS, Atom or JSON feed"):
        find_feed(feed_server.url("/"), LIMITS)


def test_opml_round_trip_keeps_urls_and_names() -> None:
    sources = [
        SourceConfig(
            id="daily", name="AI 早报", kind="feed", url="https://daily.example.cn/feed.xml"
        ),
        SourceConfig(id="notes", name="notes", kind="dir", path="/home/me/notes"),
        SourceConfig(id="w", name='周报 <&"> 特刊', kind="feed", url="https://w.example/a?b=1&c=2"),
    ]
    feeds = read_opml(write_opml(sources).encode("utf-8"))
    assert [(f.url, f.title) for f in feeds] == [
        ("https://daily.example.cn/feed.xml", "AI 早报"),
        ("https://w.example/a?b=1&c=2", '周报 <&"> 特刊'),
    ]


def test_opml_folders_are_flattened_and_duplicates_dropped() -> None:
    opml = b"""<?xml version="1.0"?><opml version="1.0"><head><title>x</title></head><body>
      <outline text="AI"><outline text="A" type="rss" xmlUrl="https://a.example/rss"/>
        <outline text="nested"><outline title="B" xmlUrl="https://b.example/atom"/></outline>
      </outline>
      <outline text="A again" xmlUrl="https://a.example/rss"/>
      <outline text="podcast" xmlUrl="ftp://c.example/feed"/>
      <outline text="no url"/></body></opml>"""
    assert [(f.url, f.title) for f in read_opml(opml)] == [
        ("https://a.example/rss", "A"),
        ("https://b.example/atom", "B"),
    ]


@pytest.mark.parametrize("data", [b"", b"<opml", b"<html><body/></html>", b"\xff\xfe junk"])
def test_files_that_are_not_opml_are_refused(data: bytes) -> None:
    with pytest.raises(OpmlError):
        read_opml(data)
