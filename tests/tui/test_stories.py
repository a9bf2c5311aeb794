"""One story in several digests, in the reader: the `+N` mark, the "Also in" block and
its key, shared read state, and the Most covered view — through real key presses."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from ainews_tui.tui.screens.help import HelpScreen
from ainews_tui.tui.widgets.sidebar import Sidebar

from .conftest import Library
from .helpers import keys, list_lines, main_screen, reader_text, settle

pytestmark = pytest.mark.anyio
SIZE = (140, 40)

POSTS = {
    "2025-12-18-daily.md": """\
---
title: "AI日报 12-18"
date: 2025-12-18T09:00:00+08:00
---

1.  [**OpenAI正式开放ChatGPT健康功能**](https://openai.com/index/health-in-chatgpt)

    健康功能上线。

2.  [**只在日报里的新闻**](https://example.com/only-here-1)

    没有别的日报报道。
""",
    "2025-12-17-weekly.md": """\
---
title: "Weekly brief"
date: 2025-12-17T20:00:00+08:00
---

1.  [**ChatGPT 上线 Health 功能**](https://www.openai.com/index/health-in-chatgpt/?utm_source=weekly)

    The same news in another digest.
""",
}


@pytest.fixture
def two_digests(make_library: Callable[[dict[str, str]], Library]) -> Library:
    return make_library(POSTS)


def note_text(app: object) -> str:
    reader = main_screen(app).reader  # type: ignore[arg-type]
    return "\n".join(line.plain for line in reader.note)


async def test_plus_marker_and_also_in_block_with_its_key(two_digests: Library) -> None:
    app = two_digests.app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = main_screen(app)
        rows = list_lines(app)
        assert "+1" in next(line for line in rows if "OpenAI" in line)
        assert "+1" in next(line for line in rows if "ChatGPT 上" in line)
        assert "+1" not in next(line for line in rows if "只在" in line)

        # The newest story is shown first; the block names the other digest's copy.
        assert screen.shown is not None and "健康" in screen.shown.headline
        block = note_text(app)
        assert "Also in 1 other digest:" in block
        assert "ChatGPT 上线 Health 功能" in block and "2025-12-17" in block
        drawn = [screen.reader.render_line(y).text for y in range(screen.reader.size.height)]
        assert any("Also in 1 other digest:" in line for line in drawn)

        await keys(pilot, "c")
        await settle(pilot)
        assert screen.shown is not None and screen.shown.headline == "ChatGPT 上线 Health 功能"
        assert "Weekly brief" in reader_text(app)
        assert "▸ 1. digests · 2025-12-17" in note_text(app)  # earliest first
        await keys(pilot, "c")
        await settle(pilot)
        assert screen.shown is not None and "健康" in screen.shown.headline

        # A story of one has no block, and `c` says so.
        await keys(pilot, "j")
        await settle(pilot)
        assert note_text(app) == ""
        notes: list[str] = []
        app.notify = lambda message, **kw: notes.append(str(message))  # type: ignore[method-assign]
        await keys(pilot, "c")
        await settle(pilot)
        assert notes == ["No other digest carries this story."]


async def test_reading_one_copy_shows_the_other_read(two_digests: Library) -> None:
    app = two_digests.app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = main_screen(app)

        def other() -> bool:
            return next(e.read for _, e in screen.news_list.loaded() if "Health" in e.headline)

        assert screen.news_list.current is not None and not screen.news_list.current.read
        assert other() is False
        await keys(pilot, "r")  # read: its copy in the list follows
        await settle(pilot)
        assert other() is True
        await keys(pilot, "r")  # unread again: both copies
        await settle(pilot)
        assert other() is False


async def test_most_covered_view_ranks_stories_by_digests(two_digests: Library) -> None:
    app = two_digests.app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = main_screen(app)
        labels = [node.label.plain for node in screen.sidebar.root.children]
        assert "Most covered 1/1" in labels  # unread/total
        await keys(pilot, "shift+tab")
        assert isinstance(app.focused, Sidebar)
        await keys(pilot, "j", "j", "j", "j")
        await settle(pilot)
        assert screen.view.kind == "covered"
        assert screen.news_list.total == 1
        entry = screen.news_list.entry_at(0)
        assert entry is not None and entry.also_in == 1
        # The earliest copy in the window stands for the story.
        assert entry.headline == "ChatGPT 上线 Health 功能"


async def test_help_lists_the_copy_key_in_both_languages(two_digests: Library) -> None:
    for language, description in (("en", "Other digest's copy"), ("zh", "其他日报的同一新闻")):
        app = two_digests.app(language)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await keys(pilot, "question_mark")
            await settle(pilot)
            assert isinstance(app.screen, HelpScreen)
            table = app.screen.query_one("DataTable")
            rows = [str(table.get_row_at(n)[1]) for n in range(table.row_count)]  # type: ignore[attr-defined]
            assert description in rows
