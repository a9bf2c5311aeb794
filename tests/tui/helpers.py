"""Small helpers shared by the reader's Pilot tests: open, settle, press, look."""

from __future__ import annotations

import asyncio
import time
import unicodedata
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager

from textual import events
from textual.app import App
from textual.keys import REPLACED_KEYS, _character_to_key, _get_unicode_name_from_key
from textual.message_pump import MessagePump
from textual.pilot import Pilot
from textual.timer import Timer
from textual.worker import WorkerState

from ainews_tui.tui.app import AinewsApp
from ainews_tui.tui.screens.main import MainScreen
from ainews_tui.tui.widgets.reader import PREFETCH_TIMER

SIZE = (140, 40)

# One-shot timers at most this long (the reader's load delay, the search debounce, a
# test's short dwell) are part of what a key press does, so settling waits for them.
# Longer ones (a one-minute dwell, the live-reload interval) are what a test waits for
# on purpose, with a loop of its own.
SHORT_TIMER_SECONDS = 0.5
# Quiet for this many turns of the event loop in a row: a worker thread's result is
# scheduled onto the loop one turn after the worker reports it finished.
QUIET_TURNS = 3
# Then quiet for this long by the process's CPU clock (all threads), which catches a
# handler still awaiting work done off the loop: it uses the CPU while the queues are empty.
IDLE_WINDOW_SECONDS = 0.002
IDLE_CPU_SECONDS = 0.0002
HANG_GUARD_SECONDS = 10.0


def _pumps(app: App[object]) -> Iterator[MessagePump]:
    yield app
    for screen in app.screen_stack:
        yield from screen.walk_children(with_self=True)


def _short_timer_pending(timer: Timer) -> bool:
    task = timer._task
    return (
        # Rendering the neighbouring posts is work the reader does on its own while the
        # cursor rests, not part of what a key does; a test of it waits for it itself.
        timer.name != PREFETCH_TIMER
        and timer._repeat == 0
        and timer._interval <= SHORT_TIMER_SECONDS
        and timer._active.is_set()
        and task is not None
        and not task.done()
    )


_UNFINISHED = (WorkerState.PENDING, WorkerState.RUNNING)


def _busy(app: App[object], *, timers: bool) -> bool:
    """Whether the app still has work queued: a message, a callback, a running worker
    or (with `timers`) a short timer about to fire. Textual 8.2.8 (pinned) keeps these in private
    attributes; reading them lets a test wait exactly as long as the work takes,
    where Pilot's own waits sample CPU time in 20 ms steps."""
    if any(worker.state in _UNFINISHED for worker in app.workers):
        return True
    for pump in _pumps(app):
        if not pump._message_queue.empty() or pump._next_callbacks:
            return True
        if timers and any(_short_timer_pending(timer) for timer in list(pump._timers)):
            return True
    return False


async def _cpu_idle_for_a_moment() -> bool:
    before = time.process_time()
    await asyncio.sleep(IDLE_WINDOW_SECONDS)
    return time.process_time() - before < IDLE_CPU_SECONDS


async def _until_quiet(app: App[object], *, timers: bool) -> None:
    deadline = time.monotonic() + HANG_GUARD_SECONDS
    quiet = 0
    while True:
        if time.monotonic() > deadline:
            raise AssertionError(f"the app was still busy after {HANG_GUARD_SECONDS} s")
        if _busy(app, timers=timers):
            quiet = 0
            # A timer or a worker thread is not sped up by spinning: give it the CPU.
            await asyncio.sleep(0.002)
            continue
        quiet += 1
        if quiet < QUIET_TURNS:
            await asyncio.sleep(0)
        elif await _cpu_idle_for_a_moment():
            return
        else:
            quiet = 0


async def settle(pilot: Pilot[None]) -> None:
    """Wait until the app has done everything the last input set off, and the screen
    shows it: messages handled, workers finished, short timers fired, layout updated."""
    app = pilot.app
    while True:
        await _until_quiet(app, timers=True)
        await app.animator.wait_until_complete()  # a scroll in flight, as Pilot does
        # Pilot does the same after its pauses: lay out and draw what changed.
        app.screen._on_timer_update()
        await asyncio.sleep(0)
        if not _busy(app, timers=True):
            return


def _key_event(key: str) -> events.Key:
    """The event Pilot builds for `key` (textual.app.App._press_keys)."""
    if len(key) == 1 and not key.isalnum():
        key = _character_to_key(key)
    try:
        char: str | None = unicodedata.lookup(
            _get_unicode_name_from_key(REPLACED_KEYS.get(key, key))
        )
    except KeyError:
        char = key if len(key) == 1 else None
    return events.Key(key, char)


async def keys(pilot: Pilot[None], *names: str) -> None:
    """Press keys as fast as the app takes them: each key's messages are handled before
    the next is sent, but timers are not waited for, as when a user holds a key."""
    app = pilot.app
    assert app._driver is not None
    for name in names:
        event = _key_event(name)
        event.set_sender(app)
        app._driver.send_message(event)
        await _until_quiet(app, timers=False)
        await app.animator.wait_until_complete()
    app.screen._on_timer_update()


@asynccontextmanager
async def opened(app: AinewsApp, size: tuple[int, int] = SIZE) -> AsyncIterator[Pilot[None]]:
    """The app running headless at `size`, with its first view loaded and shown."""
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        yield pilot


async def press(pilot: Pilot[None], *names: str) -> None:
    """Press keys as `keys` does, then settle."""
    await keys(pilot, *names)
    await settle(pilot)


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
