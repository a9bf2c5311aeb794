"""Snapshots of each screen at fixed sizes (pytest-textual-snapshot, Textual pinned).

The main screen is taken in Chinese at the three sizes the layout changes between:
80×24 (sidebar collapsed, list over reader), 120×40 and 200×60."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from ainews_tui.config import load_settings
from ainews_tui.paths import AppPaths
from ainews_tui.tui.app import make_app

from .conftest import TODAY, Library
from .helpers import keys, settle

SIZE = (120, 40)
SnapCompare = Callable[..., bool]

HABITS = """\
---
title: "写法测试"
date: 2025-12-10T08:00:00+08:00
---

1.  [**法院裁定爬虫案**](https://example.com/cfaa)

    被告被指违反**《计算机欺诈与滥用法案》(CFAA)**的规定，法院驳回了起诉。\\
    第二行紧跟在反斜杠换行之后。
    ---
    分隔线之后的一段。
"""


async def _settled(pilot: Pilot[Any]) -> None:
    await settle(pilot)


@pytest.mark.parametrize("size", [(80, 24), (120, 40), (200, 60)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_main_screen_chinese(
    library: Library, snap_compare: SnapCompare, size: tuple[int, int]
) -> None:
    assert snap_compare(library.app("zh"), terminal_size=size, run_before=_settled)


def test_main_screen_english(library: Library, snap_compare: SnapCompare) -> None:
    assert snap_compare(library.app("en"), terminal_size=SIZE, run_before=_settled)


def test_help_screen(library: Library, snap_compare: SnapCompare) -> None:
    async def open_help(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await keys(pilot, "question_mark")
        await settle(pilot)

    assert snap_compare(library.app("zh"), terminal_size=(120, 60), run_before=open_help)


def test_search_results(library: Library, snap_compare: SnapCompare) -> None:
    async def search(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await keys(pilot, "slash", *"Gemini")
        await settle(pilot)
        await keys(pilot, "enter")
        await settle(pilot)

    assert snap_compare(library.app("en"), terminal_size=SIZE, run_before=search)


def test_posts_view_search_lists_posts(library: Library, snap_compare: SnapCompare) -> None:
    async def search(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await keys(pilot, "v", "slash", *"Gemini")
        await settle(pilot)
        await keys(pilot, "enter")
        await settle(pilot)

    assert snap_compare(library.app("zh"), terminal_size=(80, 24), run_before=search)


def test_sidebar_opened_at_80_columns(library: Library, snap_compare: SnapCompare) -> None:
    async def open_sidebar(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await keys(pilot, "t")
        await settle(pilot)

    assert snap_compare(library.app("zh"), terminal_size=(80, 24), run_before=open_sidebar)


def test_markup_title_is_shown_literally(library: Library, snap_compare: SnapCompare) -> None:
    async def markup_post(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await keys(pilot, "v", "G")
        await settle(pilot)

    assert snap_compare(library.app("en"), terminal_size=SIZE, run_before=markup_post)


def test_markdown_as_written(
    make_library: Callable[[dict[str, str]], Library], snap_compare: SnapCompare
) -> None:
    app = make_library({"habits.md": HABITS}).app("zh")
    assert snap_compare(app, terminal_size=(120, 24), run_before=_settled)


def test_empty_state(tmp_path: Path, snap_compare: SnapCompare) -> None:
    config = tmp_path / "config.toml"
    config.write_text("sources = []\n", encoding="utf-8")
    paths = AppPaths(config_file=config, data_dir=tmp_path / "data")
    app = make_app(load_settings(config), paths, language="en", today=TODAY)
    assert snap_compare(app, terminal_size=SIZE, run_before=_settled)
