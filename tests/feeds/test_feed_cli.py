"""`ainews` with feed sources, end to end through a subprocess and real local servers."""

from __future__ import annotations

from pathlib import Path

import pytest

from support.ainews import Ainews

from .server import ATOM, HTML, RSS, FeedServer, Route, fixture, start_server, stop_server


def test_add_sync_304_and_a_dead_server(ainews: Ainews) -> None:
    other, other_httpd = start_server()
    try:
        other.routes["/atom.xml"] = Route(fixture("digest.atom"), ATOM)
        state, httpd = start_server()
        state.routes["/feed.xml"] = Route(fixture("digest.rss"), RSS, etag='"v1"')
        added = ainews("add", state.url("/feed.xml"))
        assert "added AI 早报" in added.stdout
        ainews("add", other.url("/atom.xml"), "--name", "周报")

        first = ainews("sync")
        assert "failed" not in first.stdout
        assert {"syncing AI 早报", "syncing 周报"} <= set(first.stderr.splitlines())
        posts = ainews.json("list", "--source", "AI 早报")
        assert len(posts) == 3
        assert {p["url"] for p in posts} == {
            f"https://daily.example.cn/2025/12/0{d}/" for d in (3, 4, 5)
        }
        items = ainews.json("list", "--items", "--source", "AI 早报")
        assert len(items) == 9
        assert "DeepSeek 发布 V3.2 与 V3.2-Speciale" in {i["title"] for i in items}

        second = ainews("sync")
        assert "new 0 · updated 0" in second.stdout
        assert state.seen("/feed.xml")[-1].headers["if-none-match"] == '"v1"'

        stop_server(state, httpd)
        third = ainews("sync", code=1)
        assert "failed AI 早报: cannot connect" in third.stdout
        assert "周报" not in third.stdout.split("failed", 1)[1]
        assert len(other.seen("/atom.xml")) == 4  # add, then three syncs
        assert len(ainews.json("list", "--source", "AI 早报")) == 3
        sources = {s["id"]: s for s in ainews.json("sources")}
        assert "cannot connect" in sources["ai-早报"]["last_error"]
        assert sources["周报"]["last_error"] is None
    finally:
        stop_server(other, other_httpd)


def test_add_a_page_adds_the_feed_it_links_to(ainews: Ainews, feed_server: FeedServer) -> None:
    feed_server.routes["/"] = Route(fixture("page.html"), HTML)
    feed_server.routes["/feed.xml"] = Route(fixture("digest.rss"), RSS)
    result = ainews("add", feed_server.url("/"), "--name", "早报")
    assert f"feed found on the page: {feed_server.url('/feed.xml')}" in result.stdout
    assert f'url = "{feed_server.url("/feed.xml")}"' in ainews.config.read_text("utf-8")


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("/page", "not a feed, and the page links to no RSS, Atom or JSON feed"),
        ("/missing", "HTTP 404 Not Found"),
    ],
)
def test_add_refuses_what_is_not_a_feed(
    ainews: Ainews, feed_server: FeedServer, path: str, reason: str
) -> None:
    feed_server.routes["/page"] = Route(b"<html><body>no feed here</body></html>", HTML)
    result = ainews("add", feed_server.url(path), code=2)
    assert result.stderr.strip() == f"ainews: cannot add {feed_server.url(path)}: {reason}"
    assert not ainews.config.exists()


def test_add_refuses_other_schemes(ainews: Ainews) -> None:
    result = ainews("add", "ftp://example.com/feed.xml", code=2)
    assert "only http and https" in result.stderr


def test_opml_export_then_import(ainews: Ainews, tmp_path: Path, feed_server: FeedServer) -> None:
    feed_server.routes["/feed.xml"] = Route(fixture("digest.rss"), RSS)
    feed_server.routes["/atom.xml"] = Route(fixture("digest.atom"), ATOM)
    ainews("add", feed_server.url("/feed.xml"))
    ainews("add", feed_server.url("/atom.xml"))
    exported = ainews("export-opml").stdout
    assert exported.count("<outline ") == 2
    out = tmp_path / "feeds.opml"
    assert "wrote 2 feeds" in ainews("export-opml", str(out)).stdout

    fresh = Ainews(tmp_path / "fresh")
    assert "added 2 feeds" in fresh("import-opml", str(out)).stdout
    assert "added 0 feeds" in fresh("import-opml", str(out)).stdout
    config = fresh("config").stdout
    assert "AI 早报 [feed]" in config and "AI 周报 [feed]" in config
    fresh("sync")
    assert len(fresh.json("list", "--source", "AI 周报")) == 2


def test_import_opml_refuses_a_bad_file(ainews: Ainews, tmp_path: Path) -> None:
    bad = tmp_path / "bad.opml"
    bad.write_text("<opml><body>", "utf-8")
    assert "not valid XML" in ainews("import-opml", str(bad), code=2).stderr
    assert "cannot read" in ainews("import-opml", str(tmp_path / "nope.opml"), code=2).stderr
