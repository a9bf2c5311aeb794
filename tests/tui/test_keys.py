"""Every key of DESIGN.md's table, pressed through Pilot, checked on screen and in state.db."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest
from rich.text import Text
from textual import events
from textual.command import CommandList, CommandPalette

from ainews_tui.tui.bindings import PANE_KEYS, SCREEN_KEYS
from ainews_tui.tui.links import FOLLOW_SECONDS
from ainews_tui.tui.screens.confirm import ConfirmScreen
from ainews_tui.tui.screens.help import HelpScreen
from ainews_tui.tui.widgets.news_list import NewsList
from ainews_tui.tui.widgets.reader import ReaderPane
from ainews_tui.tui.widgets.search_bar import SearchBar
from ainews_tui.tui.widgets.sidebar import Sidebar

from .conftest import POSTS, Library
from .helpers import keys, list_lines, main_screen, opened, reader_text, settle

pytestmark = pytest.mark.anyio

MIMO = "https://x.com/XiaomiMiMo/status/1"


async def test_launch_focuses_list_and_shows_newest_item(library: Library) -> None:
    app = library.app()
    async with opened(app):
        screen = main_screen(app)
        assert isinstance(app.focused, NewsList)
        assert screen.news_list.cursor == 0
        assert screen.shown is not None and screen.shown.url == MIMO
        assert "AI日报：小米开源 MiMo-V2-Flash" in reader_text(app)
        assert library.state(screen.shown.key) is None  # shown, not yet read


async def test_j_k_and_arrows_move_the_cursor_and_show_the_story(library: Library) -> None:
    app = library.app()
    async with opened(app) as pilot:
        screen = main_screen(app)
        await keys(pilot, "j")
        await keys(pilot, "down")
        await settle(pilot)
        assert screen.news_list.cursor == 2
        assert screen.shown is not None and "DeepSeek" in screen.shown.headline
        await keys(pilot, "k", "up")
        await settle(pilot)
        assert screen.news_list.cursor == 0
        await keys(pilot, "tab", "j")
        assert isinstance(app.focused, ReaderPane)
        assert screen.news_list.cursor == 0


async def test_holding_j_does_not_mark_every_story_read(library: Library) -> None:
    app = library.app()
    async with opened(app) as pilot:
        screen = main_screen(app)
        await keys(pilot, "j", "j", "j", "j")
        await settle(pilot)
        skipped = screen.news_list.entry_at(1)
        assert skipped is not None and library.state(skipped.key) is None
        assert screen.shown is not None and screen.shown.key == screen.news_list.current.key  # type: ignore[union-attr]


async def test_tab_and_shift_tab_cycle_the_panes(library: Library) -> None:
    app = library.app()
    async with opened(app) as pilot:
        await keys(pilot, "tab")
        assert isinstance(app.focused, ReaderPane)
        await keys(pilot, "tab")
        assert isinstance(app.focused, Sidebar)
        await keys(pilot, "shift+tab")
        assert isinstance(app.focused, ReaderPane)


async def test_enter_shows_the_story_and_moves_to_the_reader(library: Library) -> None:
    app = library.app()
    async with opened(app) as pilot:
        await keys(pilot, "G", "enter")
        await settle(pilot)
        screen = main_screen(app)
        assert isinstance(app.focused, ReaderPane)
        assert screen.shown is not None and screen.shown.headline == "Bad scheme link"
        assert "[bold]x[/] 标题看起来像标记" in reader_text(app)
        assert "[red]文字[/red]" in reader_text(app)
        await keys(pilot, "shift+tab", "k")
        await settle(pilot)
        title = screen.reader.border_title or ""
        assert Text.from_markup(title).plain == "[bold]y[/] 不应被解释"


async def test_space_pagedown_b_pageup_page_the_reader(
    make_library: Callable[[dict[str, str]], Library],
) -> None:
    long_post = "---\ntitle: long\ndate: 2025-12-10\n---\n\n" + "\n\n".join(
        f"Paragraph {n} of a long post." for n in range(300)
    )
    app = make_library({"long.md": long_post}).app()
    async with opened(app) as pilot:
        reader = main_screen(app).reader
        assert reader.scroll_y == 0
        await keys(pilot, "space")
        first = reader.scroll_y
        assert first > 10
        await keys(pilot, "pagedown")
        assert reader.scroll_y > first
        await keys(pilot, "b")
        assert reader.scroll_y == first
        await keys(pilot, "pageup")
        assert reader.scroll_y == 0


async def test_n_and_p_move_between_unread_stories(library: Library) -> None:
    app = library.app()
    async with opened(app) as pilot:
        screen = main_screen(app)
        await keys(pilot, "G")
        await settle(pilot)
        await keys(pilot, "p")
        await settle(pilot)
        assert screen.news_list.cursor == 6
        await keys(pilot, "r")  # 6 is read now
        await settle(pilot)
        await keys(pilot, "p")
        await settle(pilot)
        assert screen.news_list.cursor == 5
        await keys(pilot, "n")
        await settle(pilot)
        assert screen.news_list.cursor == 7
        await keys(pilot, "home", "n")
        await settle(pilot)
        assert screen.news_list.cursor == 1


async def test_o_opens_the_story_link_through_open_url(library: Library) -> None:
    app = library.app()
    opened_urls: list[str] = []
    app.open_url = lambda url, new_tab=True: opened_urls.append(url)  # type: ignore[method-assign]
    async with opened(app) as pilot:
        await keys(pilot, "o")
        assert opened_urls == [MIMO]


async def test_only_web_links_are_ever_opened(library: Library) -> None:
    app = library.app()
    opened_urls: list[str] = []
    notes: list[str] = []
    app.open_url = lambda url, new_tab=True: opened_urls.append(url)  # type: ignore[method-assign]
    async with opened(app) as pilot:
        app.notify = lambda message, **kw: notes.append(str(message))  # type: ignore[method-assign]
        main_screen(app).open_link("javascript:alert(1)")
        await keys(pilot, "G", "o")
        assert opened_urls == []
        assert any("http" in note for note in notes)
        assert any("no link" in note for note in notes)


async def test_f_and_a_number_open_that_link_of_the_article(library: Library) -> None:
    app = library.app()
    opened_urls: list[str] = []
    app.open_url = lambda url, new_tab=True: opened_urls.append(url)  # type: ignore[method-assign]
    async with opened(app) as pilot:
        assert "[2]" in reader_text(app)
        await keys(pilot, "f", "2")
        # Opened once no second digit comes within FOLLOW_SECONDS; waits no longer than that.
        deadline = time.monotonic() + 10 * FOLLOW_SECONDS  # a hang guard
        while not opened_urls and time.monotonic() < deadline:
            await pilot.pause(0.05)
        assert opened_urls == ["https://blog.google/products/translate/"]


async def test_y_copies_the_link(library: Library) -> None:
    app = library.app()
    async with opened(app) as pilot:
        await keys(pilot, "y")
        assert app.clipboard == MIMO


async def test_r_toggles_read_in_state_db(library: Library) -> None:
    app = library.app()
    async with opened(app) as pilot:
        entry = main_screen(app).news_list.current
        assert entry is not None and not entry.read
        await keys(pilot, "r")
        await settle(pilot)
        state = library.state(entry.key)
        assert state is not None and state.read_at is not None
        assert not list_lines(app)[0].startswith("●")
        await keys(pilot, "r")
        await settle(pilot)
        state = library.state(entry.key)
        assert state is not None and state.read_at is None
        assert list_lines(app)[0].startswith("●")


async def test_s_toggles_star_in_state_db(library: Library) -> None:
    app = library.app()
    async with opened(app) as pilot:
        entry = main_screen(app).news_list.current
        assert entry is not None
        await keys(pilot, "s")
        await settle(pilot)
        state = library.state(entry.key)
        assert state is not None and state.starred_at is not None
        assert list_lines(app)[0][1] == "★"
        await keys(pilot, "s")
        await settle(pilot)
        state = library.state(entry.key)
        assert state is not None and state.starred_at is None


async def test_capital_a_asks_then_marks_the_view_read(library: Library) -> None:
    app = library.app()
    async with opened(app) as pilot:
        await keys(pilot, "A")
        assert isinstance(app.screen, ConfirmScreen)
        await keys(pilot, "escape")
        await settle(pilot)
        last = main_screen(app).news_list.entry_at(7)
        assert last is not None and library.state(last.key) is None
        await keys(pilot, "A")
        await keys(pilot, "y")
        await settle(pilot)
        state = library.state(last.key)
        assert state is not None and state.read_at is not None
        assert not any(line.startswith("●") for line in list_lines(app))


async def test_u_shows_only_unread_stories(library: Library) -> None:
    app = library.app()
    async with opened(app) as pilot:
        screen = main_screen(app)
        assert screen.news_list.total == 8
        await keys(pilot, "r", "u")
        await settle(pilot)
        assert screen.news_list.total == 7
        await keys(pilot, "u")
        await settle(pilot)
        assert screen.news_list.total == 8


async def test_slash_searches_enter_goes_to_results_escape_returns(library: Library) -> None:
    app = library.app()
    async with opened(app) as pilot:
        screen = main_screen(app)
        await keys(pilot, "j")
        await settle(pilot)
        await keys(pilot, "slash")
        assert isinstance(app.focused, SearchBar)
        await keys(pilot, *"Gemini")
        await settle(pilot)
        assert screen.news_list.total == 1
        await keys(pilot, "enter")
        await settle(pilot)
        assert isinstance(app.focused, NewsList)
        assert screen.shown is not None and screen.shown.headline == "谷歌翻译接入 Gemini"
        assert "Search: Gemini" in str(screen.sidebar.cursor_node.label)  # type: ignore[union-attr]
        await keys(pilot, "escape")
        await settle(pilot)
        assert screen.news_list.total == 8
        assert not screen.query_one(SearchBar).display


async def test_a_search_typed_in_one_burst_goes_whole_into_the_bar(library: Library) -> None:
    """`/` and the query arrive in one read (fast typing, a paste, SSH, the browser):
    the query is typed into the bar, and none of its letters runs as a command."""
    app = library.app()
    async with opened(app) as pilot:
        screen = main_screen(app)
        # As the terminal driver does: every key of the burst is read before any runs
        # (Textual's private driver, pinned with Textual itself).
        driver = app._driver
        assert driver is not None
        for character in "/Gemini\r":
            key = {"/": "slash", "\r": "enter"}.get(character, character)
            event = events.Key(key, character)
            event.set_sender(app)
            driver.send_message(event)
        await settle(pilot)
        assert screen.query_one(SearchBar).value == "Gemini"  # `n`, `G`, `i`: typed, not run
        assert isinstance(app.focused, NewsList)  # the enter went to the bar: results
        assert screen.news_list.total == 1
        assert screen.shown is not None and screen.shown.headline == "谷歌翻译接入 Gemini"


async def test_search_with_chinese_finds_the_story(library: Library) -> None:
    app = library.app()
    async with opened(app) as pilot:
        await keys(pilot, "slash")
        app.screen.query_one(SearchBar).value = "小米"
        await settle(pilot)
        await keys(pilot, "enter")
        await settle(pilot)
        screen = main_screen(app)
        assert screen.news_list.total >= 1
        assert screen.news_list.current is not None
        assert screen.news_list.current.url == MIMO


async def test_capital_r_syncs_and_keeps_the_cursor(library: Library) -> None:
    app = library.app()
    async with opened(app) as pilot:
        screen = main_screen(app)
        await keys(pilot, "j", "j")
        await settle(pilot)
        key = screen.news_list.current.key  # type: ignore[union-attr]
        (library.posts / "2025-12-18-late.md").write_text(
            "---\ntitle: late\ndate: 2025-12-18T23:00:00+08:00\n---\n\n"
            "1.  [**Late news**](https://example.com/late)\n\n    Summary.\n",
            encoding="utf-8",
        )
        await keys(pilot, "R")
        await settle(pilot)
        assert screen.news_list.total == 9
        assert screen.news_list.current is not None
        assert screen.news_list.current.key == key


async def test_v_switches_between_items_and_posts(library: Library) -> None:
    app = library.app()
    async with opened(app) as pilot:
        screen = main_screen(app)
        await keys(pilot, "v")
        await settle(pilot)
        assert screen.news_list.total == 3
        assert any("[bold]x[/]" in line for line in list_lines(app))
        await keys(pilot, "v")
        await settle(pilot)
        assert screen.news_list.total == 8


async def test_question_mark_opens_help_generated_from_bindings(library: Library) -> None:
    app = library.app()
    async with opened(app) as pilot:
        await keys(pilot, "question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        table = app.screen.query_one("DataTable")
        rows = [str(table.get_row_at(n)[1]) for n in range(table.row_count)]  # type: ignore[attr-defined]
        assert "Star" in rows and "Mark view read" in rows and "Down" in rows
        await keys(pilot, "escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_ctrl_p_palette_goes_to_a_category(library: Library) -> None:
    app = library.app()
    async with opened(app) as pilot:
        await keys(pilot, "ctrl+p")
        await settle(pilot)
        assert isinstance(app.screen, CommandPalette)
        await keys(pilot, *"Go to category Weekly")
        commands = app.screen.query_one(CommandList)
        deadline = time.monotonic() + 10  # a hang guard: the palette searches in the background
        while commands.highlighted is None or "Weekly" not in str(
            commands.get_option_at_index(commands.highlighted).prompt
        ):
            assert time.monotonic() < deadline, "the palette never offered the category"
            await pilot.pause(0.01)
        await keys(pilot, "enter")
        await settle(pilot)
        screen = main_screen(app)
        assert screen.view.kind == "category" and screen.view.value == "Weekly"
        assert screen.news_list.total == 3


async def test_q_quits(library: Library) -> None:
    app = library.app()
    async with opened(app) as pilot:
        await keys(pilot, "q")
        await settle(pilot)
    assert app.return_code == 0


async def test_ctrl_b_hides_the_sidebar_and_z_zooms_the_reader(library: Library) -> None:
    app = library.app()
    async with opened(app) as pilot:
        screen = main_screen(app)
        await keys(pilot, "ctrl+b")
        assert not screen.sidebar.display
        await keys(pilot, "z")
        await settle(pilot)
        assert screen.reader.size.width > 120
        assert isinstance(app.focused, ReaderPane)
        await keys(pilot, "z")
        await settle(pilot)
        assert screen.reader.size.width < 120


async def test_user_keymap_from_config(library: Library) -> None:
    config = library.paths.config_file
    config.write_text(
        config.read_text(encoding="utf-8") + '\n[keys]\nstar = "x"\n', encoding="utf-8"
    )
    app = library.app()
    async with opened(app) as pilot:
        entry = main_screen(app).news_list.current
        assert entry is not None
        await keys(pilot, "x")
        await settle(pilot)
        state = library.state(entry.key)
        assert state is not None and state.starred_at is not None


async def test_post_files_are_unchanged_by_reading(library: Library) -> None:
    before = {p.name: p.read_bytes() for p in Path(library.posts).iterdir()}
    app = library.app()
    async with opened(app) as pilot:
        await keys(pilot, "s", "r", "j")
        await settle(pilot)
    assert before == {p.name: p.read_bytes() for p in Path(library.posts).iterdir()}
    assert set(before) == set(POSTS)


def test_readme_lists_every_key() -> None:
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## The reader") : readme.index("## Command line")]
    names = {
        "question_mark": "?",
        "slash": "/",
        "escape": "esc",
        "pagedown": "pgdn",
        "right": "→",
        "left": "←",
        "down": "↓",
    }
    for combo, _action, binding_id, _shown in SCREEN_KEYS:
        key = names.get(combo.split(",")[0], combo.split(",")[0])
        assert f"`{key}`" in section or f"`{key}/" in section or f"/{key}`" in section, binding_id
    for combo, binding_id in PANE_KEYS:
        key = combo.split(",")[0]
        assert names.get(key, key) in section, binding_id
    for syntax in ("tag:", "source:", "is:unread", "after:", "-word", '"a phrase"'):
        assert syntax in section
