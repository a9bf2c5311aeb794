"""`feeds.http.fetch` against a real local server: limits, redirects, gzip, conditional GET."""

from __future__ import annotations

import socket
import time

import pytest

from ainews_tui import __version__
from ainews_tui.config import FeedSettings
from ainews_tui.feeds.entry import FeedError
from ainews_tui.feeds.http import fetch

from .server import HTML, RSS, FeedServer, Route, fixture

FAST = FeedSettings(connect_timeout=1.0, total_timeout=1.0, max_bytes=1024 * 1024)


def test_plain_get_sends_user_agent_and_returns_body(feed_server: FeedServer) -> None:
    feed_server.routes["/feed.xml"] = Route(
        fixture("digest.rss"), etag='"v1"', last_modified="Fri, 05 Dec 2025 00:00:00 GMT"
    )
    result = fetch(feed_server.url("/feed.xml"), FAST)
    assert result.status == 200
    assert result.body == fixture("digest.rss")
    assert result.etag == '"v1"'
    assert result.last_modified == "Fri, 05 Dec 2025 00:00:00 GMT"
    assert result.content_type.startswith("application/rss+xml")
    (seen,) = feed_server.seen("/feed.xml")
    assert seen.headers["user-agent"] == f"ainews/{__version__}"
    assert "if-none-match" not in seen.headers


def test_validators_are_sent_and_a_304_has_no_body(feed_server: FeedServer) -> None:
    feed_server.routes["/feed.xml"] = Route(fixture("digest.rss"), etag='"v1"')
    result = fetch(
        feed_server.url("/feed.xml"),
        FAST,
        etag='"v1"',
        last_modified="Fri, 05 Dec 2025 00:00:00 GMT",
    )
    assert result.not_modified
    assert result.body == b""
    (seen,) = feed_server.seen("/feed.xml")
    assert seen.headers["if-none-match"] == '"v1"'
    assert seen.headers["if-modified-since"] == "Fri, 05 Dec 2025 00:00:00 GMT"


def test_gzip_is_asked_for_and_decoded(feed_server: FeedServer) -> None:
    feed_server.routes["/feed.xml"] = Route(fixture("digest.rss"), gzip=True)
    result = fetch(feed_server.url("/feed.xml"), FAST)
    assert result.body == fixture("digest.rss")
    assert "gzip" in feed_server.seen("/feed.xml")[0].headers["accept-encoding"]


def test_redirects_are_followed_up_to_five(feed_server: FeedServer) -> None:
    feed_server.routes["/feed.xml"] = Route(fixture("digest.rss"))
    feed_server.routes["/old"] = Route(status=301, location="/older")
    feed_server.routes["/older"] = Route(status=302, location=feed_server.url("/feed.xml"))
    result = fetch(feed_server.url("/old"), FAST)
    assert result.body == fixture("digest.rss")
    assert result.url == feed_server.url("/feed.xml")


def test_a_redirect_loop_stops_after_five(feed_server: FeedServer) -> None:
    for n in range(10):
        feed_server.routes[f"/r{n}"] = Route(status=302, location=f"/r{n + 1}")
    with pytest.raises(FeedError, match="more than 5 redirects"):
        fetch(feed_server.url("/r0"), FAST)
    assert len(feed_server.requests) == 6


def test_a_redirect_to_another_scheme_is_refused(feed_server: FeedServer) -> None:
    feed_server.routes["/feed.xml"] = Route(status=302, location="file:///etc/passwd")
    with pytest.raises(FeedError, match="not http or https"):
        fetch(feed_server.url("/feed.xml"), FAST)


@pytest.mark.parametrize("url", ["ftp://example.com/feed", "file:///etc/passwd", "feed.xml"])
def test_only_http_urls_are_fetched(url: str) -> None:
    with pytest.raises(FeedError, match="not an http or https URL"):
        fetch(url, FAST)


def test_a_silent_server_times_out_quickly(feed_server: FeedServer) -> None:
    feed_server.routes["/slow.xml"] = Route(fixture("digest.rss"), delay=30)
    started = time.monotonic()
    with pytest.raises(FeedError, match="timed out"):
        fetch(feed_server.url("/slow.xml"), FeedSettings(connect_timeout=0.3, total_timeout=0.3))
    assert time.monotonic() - started < 15  # a hang guard: the server waits 30 s


def test_a_dripping_server_hits_the_total_deadline(feed_server: FeedServer) -> None:
    # Every chunk arrives within the read timeout, but the whole takes too long.
    # 50 bytes every 0.2 s: the whole feed would take 17 s.
    feed_server.routes["/drip.xml"] = Route(fixture("digest.rss"), drip=50)
    limits = FeedSettings(connect_timeout=1.0, total_timeout=0.6, max_bytes=1024 * 1024)
    started = time.monotonic()
    with pytest.raises(FeedError, match=r"longer than 0.6 s|timed out"):
        fetch(feed_server.url("/drip.xml"), limits)
    assert time.monotonic() - started < 8  # a hang guard, well short of the whole drip


def test_an_announced_oversized_body_is_refused_before_reading(feed_server: FeedServer) -> None:
    feed_server.routes["/big.xml"] = Route(b"<rss/>", declared_length=50 * 1024 * 1024)
    with pytest.raises(FeedError, match=r"50 MB body is over the 1 MB limit"):
        fetch(feed_server.url("/big.xml"), FAST)


def test_an_unannounced_oversized_body_stops_at_the_cap(feed_server: FeedServer) -> None:
    feed_server.routes["/big.xml"] = Route(b"<rss>" + b"x" * (3 * 1024 * 1024), declared_length=-1)
    with pytest.raises(FeedError, match="over the 1 MB limit"):
        fetch(feed_server.url("/big.xml"), FAST)


def test_a_gzip_bomb_is_capped_after_decompression(feed_server: FeedServer) -> None:
    feed_server.routes["/bomb.xml"] = Route(b"\0" * (20 * 1024 * 1024), gzip=True)
    with pytest.raises(FeedError, match="over the 1 MB limit"):
        fetch(feed_server.url("/bomb.xml"), FAST)


@pytest.mark.parametrize(
    ("status", "reason"), [(404, "HTTP 404 Not Found"), (500, "HTTP 500 Internal Server Error")]
)
def test_error_statuses_are_reasons(feed_server: FeedServer, status: int, reason: str) -> None:
    feed_server.routes["/feed.xml"] = Route(b"oops", HTML, status=status)
    with pytest.raises(FeedError) as caught:
        fetch(feed_server.url("/feed.xml"), FAST)
    assert str(caught.value) == reason


def test_a_body_cut_short_is_a_broken_connection(feed_server: FeedServer) -> None:
    feed_server.routes["/cut.xml"] = Route(
        fixture("digest.rss")[:500], RSS, declared_length=len(fixture("digest.rss"))
    )
    with pytest.raises(FeedError, match="broke the connection"):
        fetch(feed_server.url("/cut.xml"), FAST)


def test_a_refused_connection_is_a_reason() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(FeedError, match="cannot connect"):
        fetch(f"http://127.0.0.1:{port}/feed.xml", FAST)


def test_an_unknown_host_is_a_reason() -> None:
    with pytest.raises(FeedError, match=r"cannot connect|no connection"):
        fetch("http://feeds.ainews-test.invalid/feed.xml", FAST)
