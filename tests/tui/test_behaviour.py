"""Reader behaviour beyond single keys: language, themes, live reload, edge states."""

from __future__ import annotations

import re
import time
from collections.abc import Callable

import pytest
from rich.cells import cell_len

from ainews_tui.config import load_settings
from ainews_tui.i18n import MESSAGES, resolve_language
from ainews_tui.paths import AppPaths
from ainews_tui.session import Session
from ainews_tui.tui.app import make_app

from .conftest import TODAY, Library
from .helpers import keys, list_lines, main_screen, opened, reader_text, settle

pytestmark = pytest.mark.anyio


def test_catalogue_has_both_languages_with_the_same_placeholders() -> None:
    for message_id, (en, zh) in MESSAGES.items():
        assert en and zh, message_id
        assert set(re.findall(r"{(\w+)}", en)) == set(re.findall(r"{(\w+)}", zh)), message_id


def test_language_comes_from_flag_then_config_then_locale() -> None:
    assert resolve_language("zh", "en", {}) == "zh"
    assert resolve_language(None, "zh", {"LANG": "en_US.UTF-8"}) == "zh"
    assert resolve_language(None, None, {"LANG": "zh_CN.UTF-8"}) == "zh"
    assert resolve_language(None, None, {"LANG": "de_DE.UTF-8"}) == "en"
    assert resolve_language(None, None, {}) == "en"


async def test_chinese_ui(library: Library) -> None:
    app = library.app("zh")
    async with opened(app):
        labels = [str(node.label) for node in main_screen(app).sidebar.root.children]
        assert any(label.startswith("未读") for label in labels)
        assert any(label.startswith("星标") for label in labels)
        assert "日期：" in reader_text(app)
        assert "2025年12月18日 09:00 UTC+08:00" in reader_text(app)


async def test_theme_switch_is_saved_without_disturbing_the_config(library: Library) -> None:
    before = library.paths.config_file.read_text(encoding="utf-8")
    app = library.app()
    async with opened(app) as pilot:
        app.theme = "nord"
        await settle(pilot)
    after = library.paths.config_file.read_text(encoding="utf-8")
    assert 'theme = "nord"' in after
    assert after.replace('theme = "nord"\n', "") == before
    assert load_settings(library.paths.config_file).theme == "nord"
    again = library.app()
    assert again.theme == "nord"


async def test_language_switch_from_the_palette_keeps_the_place(library: Library) -> None:
    app = library.app()
    async with opened(app) as pilot:
        await keys(pilot, "j", "j")
        await settle(pilot)
        key = main_screen(app).news_list.current.key  # type: ignore[union-attr]
        await keys(pilot, "ctrl+p")
        await settle(pilot)
        await keys(pilot, *"Language: 中文")
        await settle(pilot)  # the palette searches in a worker
        await keys(pilot, "enter")
        await settle(pilot)
        screen = main_screen(app)
        assert screen.t.language == "zh"
        assert screen.news_list.current is not None and screen.news_list.current.key == key
    assert load_settings(library.paths.config_file).language == "zh"


async def test_another_process_syncing_shows_up_without_a_restart(library: Library) -> None:
    app = library.app()
    async with opened(app) as pilot:
        screen = main_screen(app)
        assert screen.news_list.total == 8
        (library.posts / "2025-12-19-cron.md").write_text(
            "---\ntitle: cron\ndate: 2025-12-19T08:00:00+08:00\n---\n\n"
            "1.  [**From cron**](https://example.com/cron)\n\n    Summary.\n",
            encoding="utf-8",
        )
        cron = Session(library.paths, load_settings(library.paths.config_file))
        try:
            cron.sync()
        finally:
            cron.close()
        deadline = time.monotonic() + 8
        while screen.news_list.total != 9 and time.monotonic() < deadline:
            await pilot.pause(0.05)
        assert screen.news_list.total == 9
        assert any("From cron" in line for line in list_lines(app))


async def test_no_sources_shows_an_empty_state(tmp_path: object) -> None:
    from pathlib import Path

    root = Path(str(tmp_path))
    config = root / "config.toml"
    config.write_text("sources = []\n", encoding="utf-8")
    paths = AppPaths(config_file=config, data_dir=root / "data")
    app = make_app(load_settings(config), paths, language="en", today=TODAY)
    async with opened(app):
        lines = list_lines(app)
        assert any("Nothing here." in line for line in lines)
        assert any("ainews add" in line for line in lines)


async def test_a_failed_sync_is_shown_not_a_crash(library: Library) -> None:
    app = library.app()
    notes: list[str] = []
    async with opened(app) as pilot:
        app.notify = lambda message, **kw: notes.append(str(message))  # type: ignore[method-assign]
        for post in library.posts.iterdir():
            post.unlink()
        library.posts.rmdir()
        await keys(pilot, "R")
        await settle(pilot)
        assert app.is_running
        assert any("digests" in note for note in notes)


async def test_a_long_headline_and_a_2000_item_post(
    make_library: Callable[[dict[str, str]], Library],
) -> None:
    headline = "超长标题" * 60 + " with English words and emoji 🚀🔥"
    entries = "\n\n".join(
        f"{n}.  [**{headline if n == 1 else f'第 {n} 条新闻 story {n}'}**]"
        f"(https://example.com/{n})\n\n{' ' * len(f'{n}.  ')}摘要 {n}。"
        for n in range(1, 2001)
    )
    big = f"---\ntitle: big\ndate: 2025-12-10T08:00:00+08:00\n---\n\n{entries}\n"
    app = make_library({"big.md": big}).app()
    async with opened(app, size=(200, 40)) as pilot:
        screen = main_screen(app)
        assert screen.news_list.total == 2000
        width = screen.news_list.scrollable_content_region.width
        lines = list_lines(app)
        assert all(cell_len(line) == width for line in lines)
        assert "…" in lines[0]
        domain_column = {cell_len(line[: line.rindex(" example")]) for line in lines}
        assert len(domain_column) == 1
        await keys(pilot, "end")
        await settle(pilot)
        reader = screen.reader
        assert reader.post is not None and reader.post.complete
        assert reader.selected is not None
        assert reader.selected[0] > 1000
        assert reader.scroll_y <= reader.selected[0] < reader.scroll_y + reader.size.height
