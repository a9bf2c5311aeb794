"""Read state changes only on intent: dwelling in the reader, or a key that says so.

Every assertion reads state.db through a connection of its own."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from ainews_tui.config import ConfigError, load_settings
from ainews_tui.tui.widgets.sidebar import Sidebar

from .conftest import Library
from .helpers import keys, list_lines, main_screen, opened, press, settle

pytestmark = pytest.mark.anyio

TOTAL = 8
DWELL = "mark_read_after = 0.3"


async def test_moving_searching_and_switching_views_mark_nothing(library: Library) -> None:
    library.configure("mark_read_after = 60")  # however slow the machine, no dwell ends
    async with opened(library.app()) as pilot:
        await keys(pilot, *"jjjjjjj", "k", "k", "G", "g")
        await press(pilot, "v", "j", "j", "v", "u", "u")
        await press(pilot, "tab", "tab")  # the sidebar
        assert isinstance(pilot.app.focused, Sidebar)
        await press(pilot, *"jjjkjjjj")
        await press(pilot, "shift+tab", "shift+tab", "slash", *"Gemini")
        await press(pilot, "enter", "escape")
        assert library.unread_count() == TOTAL


async def test_a_story_shown_long_enough_becomes_read(library: Library) -> None:
    # A second: far longer than a key press takes, so the skimmed stories never count.
    library.configure("mark_read_after = 1.0")
    async with opened(library.app()) as pilot:
        screen = main_screen(pilot.app)  # type: ignore[arg-type]
        await keys(pilot, "j", "j", "j")
        shown = screen.shown
        assert shown is not None and shown.key == screen.news_list.current.key  # type: ignore[union-attr]
        deadline = time.monotonic() + 10  # a hang guard, 10x the dwell
        while library.unread_count() == TOTAL and time.monotonic() < deadline:
            await pilot.pause(0.05)
        await settle(pilot)
        state = library.state(shown.key)
        assert state is not None and state.read_at is not None
        assert screen.news_list.current.read  # type: ignore[union-attr]
        for skipped in (screen.news_list.entry_at(1), screen.news_list.entry_at(2)):
            assert skipped is not None and library.state(skipped.key) is None


async def test_the_sidebar_and_search_bar_are_not_reading(library: Library) -> None:
    library.configure(DWELL)
    async with opened(library.app()) as pilot:
        await press(pilot, "tab", "tab")
        unread_before = library.unread_count()
        await press(pilot, "j", "j", "j")  # the sidebar shows other views
        await press(pilot)
        assert library.unread_count() == unread_before


async def test_marked_unread_stays_unread_until_the_user_comes_back(library: Library) -> None:
    library.configure(DWELL)
    async with opened(library.app()) as pilot:
        screen = main_screen(pilot.app)  # type: ignore[arg-type]
        key = screen.news_list.current.key  # type: ignore[union-attr]
        await press(pilot)
        assert library.state(key).read_at is not None  # type: ignore[union-attr]
        await press(pilot, "r")  # mark unread, and stay on it
        assert library.state(key).read_at is None  # type: ignore[union-attr]
        await press(pilot, "u")  # the view is read again: the story re-shown
        await press(pilot, "u")
        assert library.state(key).read_at is None  # type: ignore[union-attr]
        await press(pilot, "j")  # leave it, and come back to it
        await press(pilot, "k")
        assert library.state(key).read_at is not None  # type: ignore[union-attr]


async def test_enter_and_o_mark_at_once_even_with_never(library: Library) -> None:
    library.configure('mark_read_after = "never"')
    app = library.app()
    app.open_url = lambda url, new_tab=True: None  # type: ignore[method-assign]
    async with opened(app) as pilot:
        screen = main_screen(app)
        first = screen.news_list.current
        await press(pilot)
        assert library.state(first.key) is None  # type: ignore[union-attr]
        await press(pilot, "o")
        assert library.state(first.key).read_at is not None  # type: ignore[union-attr]
        await press(pilot, "j", "enter")
        second = screen.shown
        assert second is not None and library.state(second.key).read_at is not None  # type: ignore[union-attr]
        assert library.unread_count() == TOTAL - 2


async def test_zero_marks_at_once(library: Library) -> None:
    library.configure("mark_read_after = 0")
    async with opened(library.app()) as pilot:
        await press(pilot, "j")
        assert library.unread_count() == TOTAL - 2


async def test_capital_a_is_undone_by_capital_u_exactly(library: Library) -> None:
    async with opened(library.app()) as pilot:
        screen = main_screen(pilot.app)  # type: ignore[arg-type]
        read_before = screen.news_list.entry_at(2)
        assert read_before is not None
        await press(pilot, "j", "j", "r")  # one story read by the user before `A`
        await press(pilot, "A", "y")
        assert library.unread_count() == 0
        await press(pilot, "U")
        assert library.unread_count() == TOTAL - 1
        assert library.state(read_before.key).read_at is not None  # type: ignore[union-attr]
        assert any(line.startswith("●") for line in list_lines(screen.app))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("mark_read_after = 4", 4.0),
        ("mark_read_after = 0", 0.0),
        ('mark_read_after = "never"', None),
    ],
)
def test_mark_read_after_setting(tmp_path: Path, line: str, expected: float | None) -> None:
    config = tmp_path / "config.toml"
    config.write_text(f"{line}\nsources = []\n", encoding="utf-8")
    assert load_settings(config).mark_read_after == expected


@pytest.mark.parametrize("value", ["-1", '"soon"', "true"])
def test_a_bad_mark_read_after_names_its_line(tmp_path: Path, value: str) -> None:
    config = tmp_path / "config.toml"
    config.write_text(f'theme = "nord"\nmark_read_after = {value}\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"config.toml:2: .*mark_read_after"):
        load_settings(config)


async def test_the_palette_undoes_capital_a_too(library: Library) -> None:
    async with opened(library.app()) as pilot:
        await press(pilot, "A", "y")
        assert library.unread_count() == 0
        await press(pilot, "ctrl+p")
        await keys(pilot, *"Undo mark view read")
        await settle(pilot)  # the palette searches in a worker
        await press(pilot, "enter")
        assert library.unread_count() == TOTAL
