"""Navigation and views: posts-view search, returning from a search, `f` + number,
the sidebar tree, next/previous post, and the views every post can be reached from."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from textual.widgets import DataTable

from ainews_tui.tui.screens.help import HelpScreen
from ainews_tui.tui.views import View
from ainews_tui.tui.widgets.sidebar import Sidebar

from .conftest import POSTS, Library
from .helpers import list_lines, main_screen, opened, press, reader_text

pytestmark = pytest.mark.anyio

UNDATED = """\
---
title: "没有日期的文章"
---

1.  [**无日期新闻一**](https://example.com/undated-1)

    摘要。
"""

DRAFT = """\
---
title: "草稿：还没写完"
date: 2025-12-16T08:00:00+08:00
draft: true
---

1.  [**草稿里的新闻**](https://example.com/draft-1)

    摘要。
"""

MANY_LINKS = (
    "---\ntitle: AI 日报：二十五条\ndate: 2025-12-15\n---\n\n"
    + "\n\n".join(
        f"{n}.  [**Story {n} about a new model**](https://example.com/{n})\n\n"
        f"    Summary of story {n}, one sentence long."
        for n in range(1, 26)
    )
    + "\n"
)


async def test_search_in_the_posts_view_lists_posts(library: Library) -> None:
    async with opened(library.app()) as pilot:
        screen = main_screen(pilot.app)  # type: ignore[arg-type]
        await press(pilot, "v", "slash", *"Gemini")
        assert screen.news_list.total == 1
        assert screen.news_list.current is not None
        assert screen.news_list.current.kind == "post"
        assert any("AI日报：小米开源 MiMo-V2-Flash" in line for line in list_lines(screen.app))  # type: ignore[arg-type]
        await press(pilot, "enter", "v")  # back to stories: the same query, as stories
        assert screen.news_list.total == 1
        assert screen.news_list.current is not None
        assert screen.news_list.current.headline == "谷歌翻译接入 Gemini"


async def test_escape_after_a_search_returns_to_the_row_and_scroll(
    make_library: Callable[[dict[str, str]], Library],
) -> None:
    many = "---\ntitle: many\ndate: 2025-12-10\n---\n\n" + "\n\n".join(
        f"{n}.  [**Story {n:03}**](https://example.com/s{n})\n\n    Summary {n}."
        for n in range(1, 121)
    )
    app = make_library({"many.md": many}).app()
    async with opened(app, size=(140, 30)) as pilot:
        screen = main_screen(app)
        screen.news_list.move_to(60)  # where a long skim would have left it
        await press(pilot)
        cursor, scroll = screen.news_list.cursor, screen.news_list.scroll_y
        assert cursor == 60 and scroll > 0
        await press(pilot, "slash", *"Story 007", "enter")
        assert screen.view.kind == "search"
        await press(pilot, "escape")
        assert screen.view.kind == "all"
        assert screen.news_list.cursor == cursor
        assert screen.news_list.scroll_y == scroll
        assert screen.shown is not None and screen.shown.headline == "Story 061"


async def test_f_with_enter_opens_a_two_digit_link_and_says_when_none_exists(
    make_library: Callable[[dict[str, str]], Library],
) -> None:
    app = make_library({"2025-12-15-daily.md": MANY_LINKS}).app()
    opened_urls: list[str] = []
    notes: list[str] = []
    app.open_url = lambda url, new_tab=True: opened_urls.append(url)  # type: ignore[method-assign]
    async with opened(app) as pilot:
        app.notify = lambda message, **kw: notes.append(str(message))  # type: ignore[method-assign]
        await press(pilot, "f", "2", "enter")
        assert opened_urls == ["https://example.com/2"]
        await press(pilot, "f", "2", "3")  # no 230: opens at once
        assert opened_urls[-1] == "https://example.com/23"
        await press(pilot, "f", "2", "6")
        assert any("There is no link [26]" in note for note in notes)
        assert len(opened_urls) == 2


async def test_f_on_a_post_without_links_says_so(
    make_library: Callable[[dict[str, str]], Library],
) -> None:
    app = make_library(
        {"plain.md": "---\ntitle: plain\ndate: 2025-12-10\n---\n\nJust text.\n"}
    ).app()
    notes: list[str] = []
    async with opened(app) as pilot:
        app.notify = lambda message, **kw: notes.append(str(message))  # type: ignore[method-assign]
        await press(pilot, "f")
        assert notes == ["This post has no links."]


async def test_right_and_left_expand_and_collapse_the_sidebar_tree(library: Library) -> None:
    async with opened(library.app()) as pilot:
        screen = main_screen(pilot.app)  # type: ignore[arg-type]
        await press(pilot, "t")
        sidebar = screen.sidebar
        assert isinstance(pilot.app.focused, Sidebar)
        categories = next(
            n for n in sidebar.root.children if n.data is not None and n.data.value == "category"
        )
        sidebar.move_cursor(categories)
        await press(pilot, "left")
        assert not categories.is_expanded
        await press(pilot, "right")
        assert categories.is_expanded
        await press(pilot, "down", "left")  # on a leaf: back to its branch
        assert sidebar.cursor_node is categories


async def test_capital_j_and_k_go_to_the_next_and_previous_post(library: Library) -> None:
    async with opened(library.app()) as pilot:
        screen = main_screen(pilot.app)  # type: ignore[arg-type]
        first_post = screen.news_list.current.post_key  # type: ignore[union-attr]
        await press(pilot, "J")
        assert screen.news_list.cursor == 3
        assert screen.news_list.current.post_key != first_post  # type: ignore[union-attr]
        await press(pilot, "j", "j", "K")
        assert screen.news_list.cursor == 0
        await press(pilot, "J", "J")
        assert screen.news_list.cursor == 6
        assert "标题看起来像标记" in reader_text(screen.app)  # type: ignore[arg-type]


async def test_help_lists_every_key_and_the_query_syntax(library: Library) -> None:
    async with opened(library.app()) as pilot:
        await press(pilot, "question_mark")
        help_screen = pilot.app.screen
        assert isinstance(help_screen, HelpScreen)
        keys = help_screen.query_one("#help-keys", DataTable)
        rows = {
            str(keys.get_row_at(n)[0]): str(keys.get_row_at(n)[1]) for n in range(keys.row_count)
        }
        for key in ("g", "G", "J", "K", "U", "t", "←", "→", "?", "q"):
            assert any(key in shown.split() for shown in rows), key
        query = help_screen.query_one("#help-query", DataTable)
        examples = " ".join(str(query.get_row_at(n)[0]) for n in range(query.row_count))
        for syntax in ("tag:", "source:", "is:unread", "after:", "-word", '"open source"'):
            assert syntax in examples


async def test_sidebar_counts_unread_and_total_alike_on_every_node(library: Library) -> None:
    async with opened(library.app()) as pilot:
        screen = main_screen(pilot.app)  # type: ignore[arg-type]
        await press(pilot, "r")  # one story read
        labels = [str(n.label) for n in _walk(screen.sidebar.root)]
        assert "All 7/8" in labels and "Unread 7/7" in labels and "Starred 0/0" in labels
        assert "Thu 18 Dec 2/3" in labels  # a day: weekday, day, month
        assert "Dec 7/8" in labels and "2025 7/8" in labels
        assert "Weekly 3/3" in labels and "digests 7/8" in labels


async def test_undated_posts_have_a_view_and_drafts_are_hidden(
    make_library: Callable[[dict[str, str]], Library],
) -> None:
    library = make_library({**POSTS, "undated.md": UNDATED, "draft.md": DRAFT})
    async with opened(library.app("zh")) as pilot:
        screen = main_screen(pilot.app)  # type: ignore[arg-type]
        assert screen.news_list.total == 9  # 8 dated + 1 undated; the draft is hidden
        labels = [str(n.label) for n in screen.sidebar.root.children]
        assert "无日期 1/1" in labels and "草稿 1/1" in labels
        assert not any("草稿里的新闻" in line for line in list_lines(screen.app))  # type: ignore[arg-type]
        screen.go_to(
            next(
                n.data for n in screen.sidebar.root.children if n.data and n.data.kind == "undated"
            )
        )  # type: ignore[arg-type]
        await press(pilot)
        assert screen.news_list.total == 1
        assert screen.news_list.current.headline == "无日期新闻一"  # type: ignore[union-attr]
        screen.go_to(
            next(n.data for n in screen.sidebar.root.children if n.data and n.data.kind == "drafts")
        )  # type: ignore[arg-type]
        await press(pilot)
        assert screen.news_list.total == 1
        assert screen.news_list.current.headline == "草稿里的新闻"  # type: ignore[union-attr]


async def test_show_drafts_lists_them_everywhere(
    make_library: Callable[[dict[str, str]], Library],
) -> None:
    library = make_library({**POSTS, "draft.md": DRAFT})
    library.configure("show_drafts = true")
    async with opened(library.app()) as pilot:
        screen = main_screen(pilot.app)  # type: ignore[arg-type]
        assert screen.news_list.total == 9
        labels = [str(n.label) for n in screen.sidebar.root.children]
        assert "All 9/9" in labels and not any(label.startswith("Drafts") for label in labels)


def _walk(node):  # type: ignore[no-untyped-def]
    for child in node.children:
        yield child
        yield from _walk(child)


async def test_the_reader_shows_the_highlighted_row_in_every_view(library: Library) -> None:
    async with opened(library.app()) as pilot:
        screen = main_screen(pilot.app)  # type: ignore[arg-type]
        await press(pilot, "v")
        assert screen.shown is not None and screen.shown.kind == "post"
        assert screen.shown.key == screen.news_list.current.key  # type: ignore[union-attr]
        await press(pilot, "v", "j")
        assert screen.shown.key == screen.news_list.current.key  # type: ignore[union-attr]
        screen.go_to(View("starred"))
        await press(pilot)
        assert screen.shown is None and screen.news_list.total == 0
        screen.go_to(View("all"))
        await press(pilot)
        assert screen.shown is not None
        assert screen.shown.key == screen.news_list.current.key  # type: ignore[union-attr]


async def test_the_sidebar_says_what_its_numbers_count(library: Library) -> None:
    async with opened(library.app("zh")) as pilot:
        sidebar = main_screen(pilot.app).sidebar  # type: ignore[arg-type]
        assert sidebar.border_subtitle == "未读/总数"
