"""What makes the reader instant must not make it wrong: type-ahead with no debounce
never shows an older query's results, a long post's first view is its target story,
and a cached render never outlives an edit of its post."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from ainews_tui.model import PostRow
from ainews_tui.tui import search_flow
from ainews_tui.tui.entries import Entry
from ainews_tui.tui.markdown_lines import CHUNK_CHARS, render_post
from ainews_tui.tui.searching import Found
from ainews_tui.tui.widgets import reader as reader_module
from ainews_tui.tui.widgets.search_bar import SearchBar

from .conftest import Library
from .helpers import main_screen, opened, press, reader_words, settle

pytestmark = pytest.mark.anyio
GUARD = 20.0
"""Seconds before a wait is a failure (a hang guard, far beyond the expected)."""


async def test_a_slow_older_query_never_replaces_the_newer_results(
    library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = search_flow.run_search
    older_started = threading.Event()
    newer_shown = threading.Event()
    older_found = threading.Event()

    def slow_for_g(library_: object, query: str, mode: str) -> Found:
        if query != "G":
            return real(library_, query, mode)  # type: ignore[arg-type]
        # The first letter's search finishes only after the whole word's is on screen.
        older_started.set()
        newer_shown.wait(GUARD)
        found = real(library_, query, mode)  # type: ignore[arg-type]
        older_found.set()  # what follows is the worker's, which settle() waits for
        return found

    async def until(done: Callable[[], bool], what: str) -> None:
        deadline = time.monotonic() + GUARD
        while not done():
            assert time.monotonic() < deadline, f"never happened: {what}"
            await pilot.pause(0.01)

    monkeypatch.setattr(search_flow, "run_search", slow_for_g)
    app = library.app()
    async with opened(app) as pilot:
        screen = main_screen(app)
        await pilot.press("slash", "G")
        await until(older_started.is_set, "the search for G started")
        await pilot.press(*"emini")
        await until(
            lambda: screen.search.view is not None and screen.search.view.value == "Gemini",
            "the results for Gemini shown",
        )
        newer_shown.set()
        await until(older_found.is_set, "the search for G finished")
        await settle(pilot)  # whatever the late result set off, handled
        assert screen.query_one(SearchBar).value == "Gemini"
        assert screen.search.view is not None and screen.search.view.value == "Gemini"
        assert screen.news_list.total == 1
        # A result for text no longer in the bar is dropped even when it arrives last.
        screen.search.finished(Found("G", "item", keys=("x",)))
        await settle(pilot)
        assert screen.search.view.value == "Gemini" and screen.news_list.total == 1


def _long_post(stories: int) -> tuple[str, list[tuple[int, int]]]:
    lines: list[str] = []
    spans = []
    for n in range(stories):
        start = len(lines)
        lines += [f"{n + 1}. **第{n}条新闻 headline {n}**", "", f"   {'摘要文字 ' * 40}{n}", ""]
        spans.append((start, len(lines)))
    return "\n".join(lines), spans


def test_a_long_post_shows_its_target_story_first_then_the_whole() -> None:
    body, stories = _long_post(90)
    assert len(body) > 2 * CHUNK_CHARS
    post = PostRow(
        key="p", source_id="s", source_name="s", relpath="p.md", title="t", date=None,
        categories=(), tags=(), authors=(), url=None, draft=False, item_count=90,
        read=False, starred=False,
    )  # fmt: skip
    target = stories[37][0]
    first, whole = list(render_post(post, body, stories, 80, [], target=target))
    assert not first.complete and whole.complete
    text = "\n".join(line.text for line in first.lines)
    assert "第37条新闻" in text and "第36条新闻" not in text and "第38条新闻" not in text
    row, end = first.items[target]
    assert "第37条新闻" in first.lines[row].text and end == len(first.lines)
    row, _ = whole.items[target]
    assert "第37条新闻" in whole.lines[row].text
    assert len(whole.items) == 90


async def test_a_cached_post_edited_elsewhere_is_rendered_anew(library: Library) -> None:
    app = library.app()
    daily: Path = library.posts / "2025-12-18-daily.md"
    async with opened(app, size=(160, 45)) as pilot:
        screen = main_screen(app)
        assert "150 tokens/s" in reader_words(app)  # rendered, and so cached
        await pilot.press("j", "j", "j")  # a story of another post
        await settle(pilot)
        assert screen.shown is not None and screen.shown.post_key != str(daily)
        daily.write_text(
            daily.read_text(encoding="utf-8").replace("150 tokens/s", "300 tokens/s"),
            encoding="utf-8",
        )
        start = time.monotonic()
        while True:  # back to the edited post until the watcher's sync has been read
            await pilot.press("g")
            await settle(pilot)
            if "300 tokens/s" in reader_words(app):
                break
            assert "150 tokens/s" in reader_words(app)
            assert time.monotonic() - start < GUARD, "the edit never reached the reader"
            await pilot.press("j", "j", "j")
            await pilot.pause(0.3)


async def test_the_next_post_is_rendered_while_the_cursor_rests(
    library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    renders: list[tuple[str, bool]] = []
    real = reader_module.rendered_post

    def recorded(gateway: object, t: object, entry: Entry, width: int, **kw: object) -> object:
        renders.append((entry.post_key, bool(kw.get("first_view", True))))
        return real(gateway, t, entry, width, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(reader_module, "rendered_post", recorded)
    app = library.app()
    async with opened(app, size=(160, 45)) as pilot:
        screen = main_screen(app)
        first = screen.shown
        assert first is not None
        following = screen.list_pane.neighbour_posts()[0]
        assert following.post_key != first.post_key
        deadline = time.monotonic() + GUARD
        while (following.post_key, False) not in renders:  # rendered ahead, in the background
            assert time.monotonic() < deadline, "the next post was never rendered ahead"
            await pilot.pause(0.05)
        while (
            screen.news_list.current is not None and screen.news_list.current.key != following.key
        ):
            await press(pilot, "j")
        assert screen.reader.post is not None and screen.reader.post.key == following.post_key
        assert (following.post_key, True) not in renders  # shown from the cache


async def test_keys_typed_before_the_first_post_renders_scroll_to_their_story(
    make_library: Callable[[dict[str, str]], Library], monkeypatch: pytest.MonkeyPatch
) -> None:
    real = reader_module.rendered_post

    def slow(*args: object, **kw: object) -> object:
        time.sleep(0.3)  # a slow machine: the keys are handled before the post is ready
        return real(*args, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(reader_module, "rendered_post", slow)
    stories = "\n".join(
        f"{n}.  [**第{n}条新闻**](https://example.com/{n})\n\n    {'摘要。' * 30}\n"
        for n in range(1, 9)
    )
    post = f'---\ntitle: "AI日报"\ndate: 2025-12-18T09:00:00+08:00\n---\n\n{stories}'
    app = make_library({"2025-12-18-daily.md": post}).app()
    async with app.run_test(size=(160, 45)) as pilot:
        screen = main_screen(app)
        while screen.news_list.current is None:  # the list is shown; the post not yet
            await pilot.pause(0.001)
        await pilot.press(*"jjjjjjj")
        await settle(pilot)
        reader = screen.reader
        assert reader.shown is not None and reader.shown.headline == "第8条新闻"
        assert reader.selected is not None and reader.scroll_y > 0
        assert reader.scroll_y <= reader.selected[0] < reader.scroll_y + reader.size.height
