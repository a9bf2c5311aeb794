"""Watched folders: a post written, edited or deleted in a `dir` source's folder shows in
the open reader with no key pressed, and the cursor stays on the story it was on."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot

from ainews_tui.tui.app import AinewsApp

from .conftest import Library
from .helpers import keys, list_lines, main_screen, reader_text, reader_words, settle

pytestmark = pytest.mark.anyio

GUARD = 20.0
"""Hang guard: 10x the 2 s the issue allows from writing a file to seeing it."""

NEW_POST = """\
---
title: "AI日报：新的一天"
date: 2025-12-18T18:00:00+08:00
---

1.  [**Qwen 发布全新多模态模型**](https://qwenlm.github.io/blog/new)

    通义千问发布新模型。
"""


async def wait_until(pilot: Pilot[None], what: str, ready: Callable[[], bool]) -> float:
    """Poll the screen until `ready()`; returns the seconds it took (printed by tests)."""
    start = time.monotonic()
    while not ready():
        assert time.monotonic() - start < GUARD, f"not seen within {GUARD:g} s: {what}"
        await pilot.pause(0.05)
    return time.monotonic() - start


def on_screen(app: AinewsApp, text: str) -> bool:
    return any(text in line for line in list_lines(app))


def watch_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "ainews-watch"]


async def test_new_post_appears_and_cursor_stays(library: Library) -> None:
    app = library.app()
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        await keys(pilot, "j", "j")
        await settle(pilot)
        screen = main_screen(app)
        before = screen.news_list.current
        assert before is not None
        shown = screen.shown
        assert shown is not None and shown.key == before.key

        (library.posts / "2025-12-18-evening.md").write_text(NEW_POST, encoding="utf-8")
        took = await wait_until(pilot, "the new headline", lambda: on_screen(app, "Qwen 发布"))
        print(f"new post on screen after {took:.2f} s")

        current = screen.news_list.current
        assert current is not None and current.key == before.key
        assert screen.shown is not None and screen.shown.key == before.key
    assert not watch_threads(), "the watcher thread outlived the app"


async def test_edit_redraws_the_shown_post_and_delete_removes_it(library: Library) -> None:
    app = library.app()
    daily = library.posts / "2025-12-18-daily.md"
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        screen = main_screen(app)
        await wait_until(pilot, "the first post in the reader", lambda: "小米" in reader_text(app))
        shown = screen.shown
        assert shown is not None and shown.post_key.endswith("2025-12-18-daily.md")

        daily.write_text(
            daily.read_text(encoding="utf-8").replace(
                "推理速度 150 tokens/s", "推理速度提升到 300 tokens/s"
            ),
            encoding="utf-8",
        )
        took = await wait_until(
            pilot, "the edited summary in the reader", lambda: "300 tokens/s" in reader_words(app)
        )
        print(f"edit in the reader after {took:.2f} s")
        current = screen.news_list.current
        assert current is not None and current.key == shown.key
        assert screen.shown is not None and screen.shown.key == shown.key

        # Move down to a story of another post, then delete the first post's file.
        await keys(pilot, "j", "j", "j")
        await settle(pilot)
        kept = screen.news_list.current
        assert kept is not None and kept.post_key != shown.post_key
        daily.unlink()
        took = await wait_until(
            pilot, "the deleted post's headlines gone", lambda: not on_screen(app, "谷歌翻译")
        )
        print(f"deleted post gone after {took:.2f} s")
        current = screen.news_list.current
        assert current is not None and current.key == kept.key
        assert on_screen(app, kept.headline[:10])
    assert not watch_threads()


async def test_a_new_subfolder_of_posts_is_read(library: Library) -> None:
    app = library.app()
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        folder = library.posts / "2025-12"
        folder.mkdir()
        (folder / "2025-12-18.md").write_text(NEW_POST, encoding="utf-8")
        await wait_until(pilot, "a post in a new folder", lambda: on_screen(app, "Qwen 发布"))


async def test_quit_stops_the_watcher(library: Library, tmp_path: Path) -> None:
    app = library.app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert watch_threads(), "the reader is not watching its folder"
        await keys(pilot, "q")
    assert not watch_threads()


def long_post(intro: str) -> str:
    stories = "\n".join(
        f"{n}.  [**Story {n} of a long digest**](https://example.com/long/{n})\n\n"
        + "".join(f"    Line {k} of story {n}, a full sentence of summary.\n\n" for k in range(12))
        for n in range(1, 4)
    )
    return f"---\ntitle: Long digest\ndate: 2025-12-18T09:00:00+08:00\n---\n\n{intro}\n\n{stories}"


async def test_a_redrawn_post_keeps_the_reading_place(
    make_library: Callable[[dict[str, str]], Library],
) -> None:
    library = make_library({"2025-12-18-long.md": long_post("Intro.")})
    app = library.app()
    async with app.run_test(size=(120, 20)) as pilot:
        await settle(pilot)
        screen = main_screen(app)
        await keys(pilot, "j")  # story 2
        await settle(pilot)
        reader = screen.reader
        shown, post = screen.shown, reader.post
        assert shown is not None and post is not None and shown.start_line in post.items
        reader.scroll_to(y=post.items[shown.start_line][0] + 5, animate=False, immediate=True)
        await settle(pilot)

        # Lines added above the story move it down; the reader follows it.
        intro = "A longer intro.\n\nWith a second paragraph.\n\nAnd a third one, edited in."
        (library.posts / "2025-12-18-long.md").write_text(long_post(intro), encoding="utf-8")
        await wait_until(pilot, "the edit", lambda: "edited in" in reader_text(app))
        await settle(pilot)
        now, post = screen.shown, reader.post
        assert now is not None and now.key == shown.key and post is not None
        assert now.start_line > shown.start_line
        assert int(reader.scroll_y) == post.items[now.start_line][0] + 5


async def test_a_folder_that_cannot_be_watched_is_said_once(library: Library) -> None:
    app = library.app()  # the folder exists when the app is built …
    for post in library.posts.iterdir():
        post.unlink()
    library.posts.rmdir()  # … and is gone when it starts watching
    notes: list[str] = []
    app.notify = lambda message, **kw: notes.append(str(message))  # type: ignore[method-assign]
    async with app.run_test(size=(120, 30)) as pilot:
        told = await wait_until(
            pilot, "the watch failure notice", lambda: any("Cannot watch" in n for n in notes)
        )
        print(f"told after {told:.2f} s")
        await settle(pilot)
        assert main_screen(app).news_list.total == 8  # the library is still read
    assert not watch_threads()


async def test_a_new_post_above_the_cursor_is_in_view_in_a_long_list(
    make_library: Callable[[dict[str, str]], Library],
) -> None:
    # More stories than the list has rows, so the list can scroll: the reload must not
    # scroll the new top row out of sight to keep the cursor's row at the top.
    posts = {
        f"2025-11-{day:02d}.md": POST_OF_DAY.format(
            day=day, headline=f"Old story {day}", slug=f"old-{day}"
        )
        for day in range(1, 29)
    }
    library = make_library(posts)
    app = library.app()
    async with app.run_test(size=(120, 20)) as pilot:
        await settle(pilot)
        screen = main_screen(app)
        first = screen.news_list.current
        assert first is not None and first.headline == "Old story 28"
        for day in (1, 2):
            name = f"2025-12-{day:02d}.md"
            text = POST_OF_DAY.format(day=day, headline=f"Fresh {day}", slug=f"fresh-{day}")
            (library.posts / name).write_text(text.replace("-11-", "-12-"), encoding="utf-8")
            await wait_until(pilot, f"Fresh {day}", lambda d=day: on_screen(app, f"Fresh {d}"))
        assert on_screen(app, "Fresh 1") and on_screen(app, "Old story 28")
        current = screen.news_list.current
        assert current is not None and current.key == first.key


POST_OF_DAY = """\
---
title: "Digest {day}"
date: 2025-11-{day:02d}T09:00:00+08:00
---

1.  [**{headline}**](https://example.com/{slug})

    One line of summary.
"""
