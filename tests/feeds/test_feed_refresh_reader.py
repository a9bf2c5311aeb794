"""The reader refreshes feed sources on its own every `refresh_minutes` (a tiny
interval here), against the real local feed server, with no key pressed."""

from __future__ import annotations

import dataclasses
import time
from pathlib import Path

import pytest
from textual.pilot import Pilot

from ainews_tui.config import load_settings
from ainews_tui.model import SourceConfig
from ainews_tui.paths import AppPaths
from ainews_tui.tui.app import AinewsApp, make_app
from ainews_tui.tui.refresh import refresh_seconds
from ainews_tui.tui.screens.main import MainScreen
from tui.helpers import settle

from .server import RSS, FeedServer, Route, fixture

pytestmark = pytest.mark.anyio

REFRESH_MINUTES = 0.01
"""0.6 s: the timer fires a few times within the test."""


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


def reader_app(tmp_path: Path, feed_server: FeedServer, *, language: str = "en") -> AinewsApp:
    posts = tmp_path / "posts"
    posts.mkdir()
    config = tmp_path / "config.toml"
    config.write_text(
        f'[[sources]]\nid = "local"\nname = "local"\nkind = "dir"\npath = "{posts}"\n\n'
        f'[[sources]]\nid = "juya"\nname = "橘鸦"\nkind = "feed"\n'
        f'url = "{feed_server.url("/feed.xml")}"\n',
        encoding="utf-8",
    )
    settings = dataclasses.replace(load_settings(config), refresh_minutes=REFRESH_MINUTES)
    return make_app(settings, AppPaths(config, tmp_path / "data"), language=language)


async def wait_for_note(pilot: Pilot[None], text: str) -> str:
    """The status line once it holds `text`; the hang guard is 20 s, for 0.6 s intervals."""
    screen = pilot.app.screen
    assert isinstance(screen, MainScreen)
    deadline = time.monotonic() + 20
    line = ""
    while time.monotonic() < deadline:
        await pilot.pause(0.02)
        line = str(screen.status.render())
        if text in line:
            return line
    raise AssertionError(f"status line never showed {text!r}: {line!r}")


async def test_the_timer_refreshes_feeds_and_the_status_says_when_and_what_failed(
    tmp_path: Path, feed_server: FeedServer
) -> None:
    feed_server.routes["/feed.xml"] = Route(b"<html>not yet</html>", "text/html", status=404)
    app = reader_app(tmp_path, feed_server)
    async with app.run_test(size=(140, 40)) as pilot:
        line = await wait_for_note(pilot, "failed: 橘鸦 (HTTP 404")
        assert "Refreshed at " in line
        feed_server.routes["/feed.xml"] = Route(fixture("digest.rss"), RSS)
        line = await wait_for_note(pilot, "3 new")
        assert "failed" not in line
        screen = app.screen
        assert isinstance(screen, MainScreen)
        await settle(pilot)
        assert len(screen.news_list.loaded()) == 9
        assert app.is_running


async def test_the_refresh_status_is_in_chinese_too(
    tmp_path: Path, feed_server: FeedServer
) -> None:
    feed_server.routes["/feed.xml"] = Route(fixture("digest.rss"), RSS)
    app = reader_app(tmp_path, feed_server, language="zh")
    async with app.run_test(size=(140, 40)) as pilot:
        await wait_for_note(pilot, "已刷新：新增")


def test_refresh_is_off_at_zero_and_without_feed_or_git_sources(tmp_path: Path) -> None:
    feed = SourceConfig(id="f", name="f", kind="feed", url="https://example.com/f.xml")
    folder = SourceConfig(id="d", name="d", kind="dir", path=str(tmp_path))
    assert refresh_seconds(30, (folder, feed)) == 1800
    assert refresh_seconds(0, (folder, feed)) is None
    assert refresh_seconds(30, (folder,)) is None
