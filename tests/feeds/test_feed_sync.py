"""Feed sources through the real sync: local servers, the library, state, and failures."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from ainews_tui.feeds.download import feed_folder
from ainews_tui.ingest.sync import sync_sources
from ainews_tui.model import ListFilter, SourceConfig
from ainews_tui.session import Session

from .server import (
    ATOM,
    HTML,
    JSON_FEED,
    RSS,
    FeedServer,
    Route,
    fixture,
    start_server,
    stop_server,
)

MakeSession = Callable[..., Session]


@pytest.fixture
def make_session(tmp_path: Path) -> Iterator[MakeSession]:
    """Factory: a Session whose config lists the given feed URLs (and folders)."""
    sessions: list[Session] = []

    def factory(
        feeds: dict[str, str],
        folders: dict[str, Path] | None = None,
        feed_settings: str = "connect_timeout = 2\ntotal_timeout = 2\n",
    ) -> Session:
        blocks = [f"[feeds]\n{feed_settings}"]
        blocks += [
            f'[[sources]]\nid = "{k}"\nname = "{k}"\nkind = "feed"\nurl = "{u}"\n'
            for k, u in feeds.items()
        ]
        blocks += [
            f'[[sources]]\nid = "{k}"\nname = "{k}"\nkind = "dir"\npath = "{p}"\n'
            for k, p in (folders or {}).items()
        ]
        config = tmp_path / "config.toml"
        config.write_text("\n".join(blocks), encoding="utf-8")
        session = Session.load(str(config), str(tmp_path / "data"))
        sessions.append(session)
        return session

    yield factory
    for session in sessions:
        session.close()


def _digest_server(feed_server: FeedServer) -> str:
    feed_server.routes["/feed.xml"] = Route(
        fixture("digest.rss"), RSS, etag='"v1"', last_modified="Fri, 05 Dec 2025 00:00:00 GMT"
    )
    return feed_server.url("/feed.xml")


def test_three_digests_become_posts_with_their_items(
    feed_server: FeedServer, make_session: MakeSession
) -> None:
    session = make_session({"daily": _digest_server(feed_server)})
    report = session.sync()
    assert report.ok, report.failed_sources
    assert report.new == 3
    posts = session.library.list_posts(ListFilter(source_id="daily"))
    assert sorted(p.title for p in posts)[0].startswith("AI 早报 2025-12-03")
    assert {p.key for p in posts} == {
        "daily:daily-2025-12-03",
        "daily:daily-2025-12-04",
        "daily:daily-2025-12-05",
    }
    assert sorted(p.item_count for p in posts) == [2, 3, 4]
    items = session.library.list_items(ListFilter(source_id="daily"))
    assert "DeepSeek 发布 V3.2 与 V3.2-Speciale" in {i.headline for i in items}
    assert {i.domain for i in items} >= {"mistral.ai", "theverge.com", "reuters.com"}
    # Editorial sections are not stories.
    assert not {"点评", "写在最后", "我的观点"} & {i.headline for i in items}


def test_second_sync_is_a_304_and_changes_nothing(
    feed_server: FeedServer, make_session: MakeSession
) -> None:
    session = make_session({"daily": _digest_server(feed_server)})
    session.sync()
    files = sorted((session.paths.feeds_dir / "daily").iterdir())
    mtimes = [f.stat().st_mtime_ns for f in files]
    report = session.sync()
    assert report.ok
    assert (report.new, report.updated, report.removed) == (0, 0, 0)
    first, second = feed_server.seen("/feed.xml")
    assert "if-none-match" not in first.headers
    assert second.headers["if-none-match"] == '"v1"'
    assert second.headers["if-modified-since"] == "Fri, 05 Dec 2025 00:00:00 GMT"
    assert [f.stat().st_mtime_ns for f in files] == mtimes


def test_an_entry_changed_upstream_is_updated_and_keeps_its_state(
    feed_server: FeedServer, make_session: MakeSession
) -> None:
    url = _digest_server(feed_server)
    session = make_session({"daily": url})
    session.sync()
    key = "daily:daily-2025-12-04"
    item_keys = session.library.item_keys_of(key)
    session.state.set_read(item_keys, True)
    session.state.set_starred([key, item_keys[0]], True)

    edited = fixture("digest.rss").replace(
        "OpenAI 进入“红色警报”".encode(), "OpenAI 进入“红色警报”（更新）".encode()
    )
    feed_server.routes["/feed.xml"] = Route(edited, RSS, etag='"v2"')
    report = session.sync()
    assert (report.new, report.updated) == (0, 1)
    post = session.library.get_post(key)
    assert post is not None and post.title.endswith("（更新）")
    assert post.starred and post.read
    assert session.library.item_keys_of(key) == item_keys


def test_entries_that_leave_the_feed_stay(
    feed_server: FeedServer, make_session: MakeSession
) -> None:
    url = _digest_server(feed_server)
    session = make_session({"daily": url})
    session.sync()
    text = fixture("digest.rss").decode()
    start, end = text.index("<item>"), text.index("</item>") + len("</item>")
    feed_server.routes["/feed.xml"] = Route((text[:start] + text[end:]).encode(), RSS, etag='"v2"')
    report = session.sync()
    assert report.ok and report.removed == 0
    assert session.library.get_post("daily:daily-2025-12-03") is not None


def test_rebuild_recreates_feed_posts_from_their_files_even_offline(
    make_session: MakeSession,
) -> None:
    state, httpd = start_server()
    state.routes["/feed.xml"] = Route(fixture("digest.rss"), RSS, etag='"v1"')
    session = make_session({"daily": state.url("/feed.xml")})
    session.sync()
    session.state.set_starred(["daily:daily-2025-12-05"], True)
    stop_server(state, httpd)

    session.library.clear()
    report = session.sync()
    assert "daily" in report.failed_sources
    posts = session.library.list_posts(ListFilter(source_id="daily"))
    assert len(posts) == 3
    assert [p.key for p in posts if p.starred] == ["daily:daily-2025-12-05"]


def test_atom_and_json_feeds_sync_too(feed_server: FeedServer, make_session: MakeSession) -> None:
    feed_server.routes["/atom.xml"] = Route(fixture("digest.atom"), ATOM)
    feed_server.routes["/feed.json"] = Route(fixture("digest.json"), JSON_FEED, gzip=True)
    session = make_session(
        {"weekly": feed_server.url("/atom.xml"), "flash": feed_server.url("/feed.json")}
    )
    report = session.sync()
    assert report.ok, report.failed_sources
    assert report.new == 4
    weekly = session.library.list_items(ListFilter(source_id="weekly"))
    assert len(weekly) == 5
    flash = session.library.list_posts(ListFilter(source_id="flash"))
    assert sorted(p.item_count for p in flash) == [1, 2]
    assert {"智能体", "AI快讯"} <= {c for p in flash for c in p.categories}


def test_each_broken_feed_is_one_reason_and_the_others_still_sync(
    feed_server: FeedServer, make_session: MakeSession, tmp_path: Path
) -> None:
    good = _digest_server(feed_server)
    rss = fixture("digest.rss")
    feed_server.routes.update(
        {
            "/html": Route(fixture("page.html"), HTML),
            "/truncated.xml": Route(rss[: len(rss) // 2], RSS),
            "/huge.xml": Route(b"<rss>" + b"x" * (50 * 1024 * 1024), RSS, declared_length=-1),
            "/error": Route(b"boom", HTML, status=500),
            "/slow.xml": Route(rss, RSS, delay=30),
        }
    )
    folder = tmp_path / "posts"
    folder.mkdir()
    (folder / "2025-12-01-note.md").write_text("---\ntitle: 本地笔记\n---\n正文\n", "utf-8")
    feeds = {
        name: feed_server.url(path)
        for name, path in [
            ("html", "/html"),
            ("truncated", "/truncated.xml"),
            ("huge", "/huge.xml"),
            ("error", "/error"),
            ("missing", "/missing.xml"),
            ("slow", "/slow.xml"),
        ]
    }
    session = make_session(
        {**feeds, "daily": good},
        {"notes": folder},
        feed_settings="connect_timeout = 1\ntotal_timeout = 1\nmax_bytes = 1048576\n",
    )
    started = time.monotonic()
    report = session.sync()
    assert time.monotonic() - started < 15  # a hang guard: the slow feed waits 30 s
    assert report.failed_sources == {
        "html": "not a feed: the server sent an HTML page",
        "truncated": "truncated XML: the document ends before its closing tag",
        "huge": "body is over the 1 MB limit",
        "error": "HTTP 500 Internal Server Error",
        "missing": "HTTP 404 Not Found",
        "slow": "timed out: no data for 1 s",
    }
    assert report.new == 4  # three digests and the local note
    stats = {s.id: s for s in session.library.source_stats()}
    assert stats["huge"].last_error == "body is over the 1 MB limit"
    assert stats["daily"].last_error is None


def test_feeds_are_fetched_concurrently(make_session: MakeSession) -> None:
    state, httpd = start_server()
    try:
        for n in range(4):
            state.routes[f"/f{n}.xml"] = Route(fixture("digest.rss"), RSS, delay=0.6)
        session = make_session({f"f{n}": state.url(f"/f{n}.xml") for n in range(4)})
        report = session.sync()
    finally:
        stop_server(state, httpd)
    assert report.ok and report.new == 12
    assert state.most_in_flight >= 2  # each answer takes 0.6 s: one at a time never overlaps


def test_progress_is_reported_per_feed(feed_server: FeedServer, make_session: MakeSession) -> None:
    session = make_session({"daily": _digest_server(feed_server)})
    calls: list[tuple[str, int, int]] = []
    session.sync(lambda name, done, total: calls.append((name, done, total)))
    assert calls[0] == ("daily", 0, 1)
    assert calls[-1] == ("daily", 3, 3)


def test_without_fetching_the_folder_is_still_ingested(
    feed_server: FeedServer, make_session: MakeSession
) -> None:
    session = make_session({"daily": _digest_server(feed_server)})
    session.sync()
    session.library.clear()
    report = sync_sources(session.settings, session.paths, session.library, fetch_feeds=False)
    assert report.ok and report.new == 3
    assert len(feed_server.requests) == 1


@pytest.mark.parametrize("source_id", ["..", "a/b", "../../escape"])
def test_no_source_id_writes_outside_the_feeds_folder(source_id: str, tmp_path: Path) -> None:
    source = SourceConfig(id=source_id, name="x", kind="feed", url="https://x.example/")
    folder = feed_folder(tmp_path / "feeds", source)
    assert folder.parent == tmp_path / "feeds"
    assert folder.name.startswith("id-")


def test_plain_ids_name_their_folder(tmp_path: Path) -> None:
    source = SourceConfig(id="ai-早报", name="x", kind="feed", url="https://x.example/")
    assert feed_folder(tmp_path, source) == tmp_path / "ai-早报"


def test_a_server_without_validators_resending_the_same_body_costs_no_writes(
    feed_server: FeedServer, make_session: MakeSession
) -> None:
    feed_server.routes["/feed.xml"] = Route(fixture("digest.rss"), RSS)
    session = make_session({"daily": feed_server.url("/feed.xml")})
    session.sync()
    files = sorted((session.paths.feeds_dir / "daily").glob("*.md"))
    mtimes = [f.stat().st_mtime_ns for f in files]
    report = session.sync()
    assert (report.new, report.updated, report.unchanged) == (0, 0, 3)
    assert [f.stat().st_mtime_ns for f in files] == mtimes
    feed_server.routes["/feed.xml"] = Route(
        fixture("digest.rss").replace("明天见".encode(), "下周见".encode()), RSS
    )
    assert session.sync().updated == 1


def test_a_slow_feed_does_not_hold_up_a_folder(make_session: MakeSession, tmp_path: Path) -> None:
    state, httpd = start_server()
    folder = tmp_path / "posts"
    folder.mkdir()
    (folder / "2025-12-01-note.md").write_text("---\ntitle: 本地笔记\n---\n正文\n", "utf-8")
    try:
        # The feed's answer is held until the folder has been read: a sync that waited for
        # the download before reading folders would wait out the feed's timeout.
        state.routes["/slow.xml"] = Route(fixture("digest.rss"), RSS, delay=30)
        session = make_session({"slow": state.url("/slow.xml")}, {"notes": folder})
        order: list[str] = []

        def finished(name: str, done: int, total: int) -> None:
            if done == total:
                order.append(name)
                if name == "notes":
                    state.release.set()

        session.sync(finished)
    finally:
        stop_server(state, httpd)
    assert order.index("notes") < order.index("slow")
