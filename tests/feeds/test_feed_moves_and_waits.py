"""A feed that moved for good (301/308) and a server asking to wait (429/503 with
Retry-After), through `ainews sync` and a real local server."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest

from ainews_tui.feeds.retry import MAX_WAIT, retry_after
from support.ainews import Ainews

from .server import RSS, FeedServer, Route, fixture, start_server, stop_server


@pytest.fixture
def server() -> Iterator[FeedServer]:
    state, httpd = start_server()
    yield state
    stop_server(state, httpd)


def write_config(ainews: Ainews, url: str, *, with_id: bool = False) -> None:
    ident = 'id = "daily"\n' if with_id else ""
    ainews.config.write_text(
        f'# my feeds\n[[sources]]\n{ident}name = "daily"\nkind = "feed"\nurl = "{url}"\n'
        "\n[feeds]\ntotal_timeout = 10\n",
        encoding="utf-8",
    )


def test_a_permanent_redirect_updates_the_config_and_keeps_the_keys(
    ainews: Ainews, server: FeedServer
) -> None:
    server.routes["/old.xml"] = Route(status=301, location=server.url("/new.xml"))
    server.routes["/new.xml"] = Route(fixture("digest.rss"), RSS)
    write_config(ainews, server.url("/old.xml"))
    summary = ainews("sync").stdout
    assert f"daily: moved permanently to {server.url('/new.xml')}; the config now" in summary
    config = ainews.config.read_text(encoding="utf-8")
    assert config.startswith('# my feeds\n[[sources]]\nid = "daily"\n')
    assert f'url = "{server.url("/new.xml")}"' in config and "/old.xml" not in config
    keys = {p["key"] for p in ainews.json("list")}
    assert keys and all(k.startswith("daily:") for k in keys)
    again = ainews("sync").stdout
    assert "moved permanently" not in again
    assert len(server.seen("/old.xml")) == 1 and len(server.seen("/new.xml")) == 2
    assert {p["key"] for p in ainews.json("list")} == keys


def test_a_temporary_redirect_leaves_the_config_alone(ainews: Ainews, server: FeedServer) -> None:
    server.routes["/feed.xml"] = Route(status=302, location=server.url("/today.xml"))
    server.routes["/today.xml"] = Route(fixture("digest.rss"), RSS)
    write_config(ainews, server.url("/feed.xml"), with_id=True)
    before = ainews.config.read_text(encoding="utf-8")
    assert "moved permanently" not in ainews("sync").stdout
    assert ainews.config.read_text(encoding="utf-8") == before


def test_429_with_retry_after_seconds_is_not_fetched_again_before_that_time(
    ainews: Ainews, server: FeedServer
) -> None:
    server.routes["/feed.xml"] = Route(fixture("digest.rss"), RSS)
    write_config(ainews, server.url("/feed.xml"), with_id=True)
    ainews("sync")
    server.routes["/feed.xml"] = Route(
        b"slow down", "text/plain", status=429, headers={"Retry-After": "2"}
    )
    asked_at = time.monotonic()
    refused = ainews("sync", code=1).stdout
    assert "failed daily: HTTP 429 Too Many Requests; the server asks to wait, next try after" in (
        refused
    )
    waiting = ainews("sync").stdout
    assert "warning daily: not fetched: the server asked to wait; next try after" in waiting
    assert len(server.seen("/feed.xml")) == 2
    assert len(ainews.json("list")) == 3
    server.routes["/feed.xml"] = Route(fixture("digest.rss"), RSS)
    time.sleep(max(0.0, asked_at + 2.5 - time.monotonic()))  # past the 2 s it asked for
    assert "not fetched" not in ainews("sync").stdout
    assert len(server.seen("/feed.xml")) == 3


def test_503_with_an_http_date_is_honoured_and_one_in_the_past_is_not(
    ainews: Ainews, server: FeedServer
) -> None:
    past = format_datetime(datetime.now(UTC) - timedelta(hours=1), usegmt=True)
    server.routes["/feed.xml"] = Route(
        b"down", "text/plain", status=503, headers={"Retry-After": past}
    )
    write_config(ainews, server.url("/feed.xml"), with_id=True)
    plain = ainews("sync", code=1).stdout
    assert "failed daily: HTTP 503 Service Unavailable" in plain and "wait" not in plain
    later = format_datetime(datetime.now(UTC) + timedelta(hours=1), usegmt=True)
    server.routes["/feed.xml"].headers["Retry-After"] = later
    assert "next try after" in ainews("sync", code=1).stdout
    assert "not fetched" in ainews("sync").stdout
    assert len(server.seen("/feed.xml")) == 2


def test_retry_after_values() -> None:
    now = datetime(2025, 12, 1, 8, 0, tzinfo=UTC)
    assert retry_after("120", now) == now + timedelta(seconds=120)
    assert retry_after("Mon, 01 Dec 2025 09:00:00 GMT", now) == now + timedelta(hours=1)
    assert retry_after("99999999", now) == now + MAX_WAIT
    for useless in (None, "", "0", "-5", "soon", "Mon, 01 Dec 2025 07:00:00 GMT"):
        assert retry_after(useless, now) is None
