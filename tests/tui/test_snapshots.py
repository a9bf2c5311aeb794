"""Snapshots of each screen at a fixed size (pytest-textual-snapshot, Textual pinned)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from ainews_tui.config import load_settings
from ainews_tui.paths import AppPaths
from ainews_tui.tui.app import make_app

from .conftest import TODAY, Library
from .helpers import settle

SIZE = (120, 32)
SnapCompare = Callable[..., bool]


async def _settled(pilot: Pilot[Any]) -> None:
    await settle(pilot)


def test_main_screen_english(library: Library, snap_compare: SnapCompare) -> None:
    assert snap_compare(library.app("en"), terminal_size=SIZE, run_before=_settled)


def test_main_screen_chinese(library: Library, snap_compare: SnapCompare) -> None:
    assert snap_compare(library.app("zh"), terminal_size=SIZE, run_before=_settled)


def test_help_screen(library: Library, snap_compare: SnapCompare) -> None:
    async def open_help(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()

    assert snap_compare(library.app("en"), terminal_size=SIZE, run_before=open_help)


def test_search_results(library: Library, snap_compare: SnapCompare) -> None:
    async def search(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await pilot.press("slash", *"Gemini")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)

    assert snap_compare(library.app("en"), terminal_size=SIZE, run_before=search)


def test_markup_title_is_shown_literally(library: Library, snap_compare: SnapCompare) -> None:
    async def markup_post(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await pilot.press("v", "G")
        await settle(pilot)

    assert snap_compare(library.app("en"), terminal_size=SIZE, run_before=markup_post)


def test_empty_state(tmp_path: Path, snap_compare: SnapCompare) -> None:
    config = tmp_path / "config.toml"
    config.write_text("sources = []\n", encoding="utf-8")
    paths = AppPaths(config_file=config, data_dir=tmp_path / "data")
    app = make_app(load_settings(config), paths, language="en", today=TODAY)
    assert snap_compare(app, terminal_size=SIZE, run_before=_settled)
