"""Every terminal size: the sidebar collapses below 120 columns, the list and reader
stack below 100, the footer always shows help and quit, headlines get the columns."""

from __future__ import annotations

import pytest
from rich.cells import cell_len

from ainews_tui.tui.entries import columns
from ainews_tui.tui.widgets.news_list import NewsList
from ainews_tui.tui.widgets.sidebar import Sidebar

from .conftest import Library
from .helpers import footer_text, list_lines, main_screen, opened, press

pytestmark = pytest.mark.anyio


async def test_80x24_collapses_the_sidebar_and_stacks_list_over_reader(library: Library) -> None:
    async with opened(library.app("zh"), size=(80, 24)) as pilot:
        screen = main_screen(pilot.app)  # type: ignore[arg-type]
        footer = footer_text(screen.app)  # type: ignore[arg-type]
        assert footer.lstrip().startswith("? ") and "帮助" in footer and "q  退出" in footer
        assert not screen.sidebar.display
        assert screen.reader.size.width >= 76 and screen.news_list.size.width >= 76
        assert screen.reader.region.y > screen.news_list.region.y  # stacked
        assert screen.reader.size.height >= 8 and screen.news_list.size.height >= 5
        rows = list_lines(screen.app)  # type: ignore[arg-type]
        assert "小米发布 MiMo-V2-Flash 开源 MoE 模型" in rows[0]


async def test_the_collapsed_sidebar_is_reachable(library: Library) -> None:
    async with opened(library.app("zh"), size=(100, 30)) as pilot:
        screen = main_screen(pilot.app)  # type: ignore[arg-type]
        assert not screen.sidebar.display
        await press(pilot, "ctrl+b")
        assert screen.sidebar.display
        await press(pilot, "ctrl+b")
        assert not screen.sidebar.display
        await press(pilot, "t")  # its own key: shows it and goes there
        assert screen.sidebar.display and isinstance(pilot.app.focused, Sidebar)
        await press(pilot, "j", "enter")  # a view picked: the sidebar steps aside again
        assert not screen.sidebar.display and isinstance(pilot.app.focused, NewsList)
        assert screen.view.kind == "unread"


@pytest.mark.parametrize(("width", "height"), [(120, 40), (160, 45), (200, 60)])
async def test_headlines_get_at_least_30_cjk_characters_when_wide(
    library: Library, width: int, height: int
) -> None:
    async with opened(library.app("zh"), size=(width, height)) as pilot:
        screen = main_screen(pilot.app)  # type: ignore[arg-type]
        assert screen.sidebar.display
        list_width = screen.news_list.scrollable_content_region.width
        _date, headline, _domain = columns(list_width)
        if width >= 160:
            assert headline >= 60
        footer = footer_text(screen.app)  # type: ignore[arg-type]
        assert "帮助" in footer and "退出" in footer
        rows = list_lines(screen.app)  # type: ignore[arg-type]
        assert all(cell_len(row) == list_width for row in rows)


def test_the_headline_comes_before_date_and_domain() -> None:
    assert columns(64) == (0, 61, 0)
    date, headline, domain = columns(84)
    assert date == 10 and headline >= 60
    assert columns(40) == (0, 37, 0)
    date, headline, domain = columns(120)
    assert (date, domain) == (10, 22) and headline == 120 - 3 - 12 - 23
