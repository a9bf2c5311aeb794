"""Small helpers shared by the reader's Pilot tests: open, settle, press, look."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, suppress

from textual.pilot import Pilot
from textual.worker import WorkerCancelled

from ainews_tui.tui.app import AinewsApp
from ainews_tui.tui.screens.main import MainScreen

SIZE = (140, 40)


async def settle(pilot: Pilot[None], rounds: int = 3) -> None:
    """Let timers fire and workers finish, a few times over (one result starts another)."""
    for _ in range(rounds):
        await pilot.pause(0.15)
        # A newer exclusive worker may replace one: the next round waits for that.
        with suppress(WorkerCancelled):
            await pilot.app.workers.wait_for_complete()
        await pilot.pause()


@asynccontextmanager
async def opened(app: AinewsApp, size: tuple[int, int] = SIZE) -> AsyncIterator[Pilot[None]]:
    """The app running headless at `size`, with its first view loaded and shown."""
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        yield pilot


async def press(pilot: Pilot[None], *keys: str, rounds: int = 3) -> None:
    """Press `keys`, then settle."""
    await pilot.press(*keys)
    await settle(pilot, rounds)


def main_screen(app: AinewsApp) -> MainScreen:
    screen = app.screen
    assert isinstance(screen, MainScreen)
    return screen


def list_lines(app: AinewsApp) -> list[str]:
    """The text of the list pane's visible rows, as drawn."""
    news_list = main_screen(app).news_list
    return [news_list.render_line(y).text for y in range(news_list.size.height)]


def reader_text(app: AinewsApp) -> str:
    reader = main_screen(app).reader
    post = reader.post
    return "\n".join(line.text for line in post.lines) if post else ""


def reader_words(app: AinewsApp) -> str:
    """The reader's text with line wrapping undone (runs of spaces and breaks as one)."""
    return " ".join(reader_text(app).split())


def footer_text(app: AinewsApp) -> str:
    """The key hints line, as drawn."""
    hints = app.screen.query_one("#keys")
    return "".join(hints.render_line(0).text)
