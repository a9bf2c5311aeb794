"""The reader's event loop while the user marks, stars and reopens, and while a sync
adds stories: issue 12's "no UI stall over 16 ms" and "a post opened before ≤ 20 ms".

Run inside run.py's headless reader child (`ReaderProbe`), after the long posts were
opened: each step is timed with the probe's frame hook and its `StallWatch`, the
longest time a 2 ms timer could not run on the UI thread.
"""

from __future__ import annotations

import asyncio
import time
from pathlib import Path
from typing import Any

MARKS = 6
"""`r` and `s` presses per run, each measured on its own."""
SYNC_TIMEOUT_S = 30
NEW_POST = """---
title: "Bench: a post a sync adds"
date: 2030-01-01
---

1. [**A story the watcher brings in**](https://example.com/bench-new-story)

   Added while the reader runs.
"""


async def marks(probe: Any, pilot: Any, screen: Any) -> list[dict[str, float | None]]:
    """`r` and `s` alternately on the list's current story: the longest stall from the
    key to the frame that shows the sidebar's new count, and that time."""
    from ainews_tui.tui.widgets.sidebar import Sidebar

    sidebar = screen.query_one(Sidebar)
    screen.news_list.focus()
    out = []
    for n in range(MARKS):
        before = sidebar.counts
        watch = probe.stall_watch()
        watch.start()
        started = time.perf_counter()
        counted = probe.expect(lambda b=before: sidebar.counts is not b)
        await pilot.press("r" if n % 2 == 0 else "s")
        shown = await probe.arrival(counted, 10)
        watch.stop()
        out.append(
            {
                "key": "r" if n % 2 == 0 else "s",
                "shown_ms": None if shown is None else (shown - started) * 1000,
                "max_stall_ms": watch.worst * 1000,
            }
        )
        await probe.settle(pilot)
    return out


async def reopen(probe: Any, pilot: Any, screen: Any, post_key: str) -> float | None:
    """A post opened before (its render is cached), from `enter` on its first story to
    the frame showing it: move away first, then back."""
    news_list, reader = screen.news_list, screen.reader
    index = probe.first_row_of(post_key)
    news_list.move_to(max(0, index - 1))
    await probe.settle(pilot)
    started = time.perf_counter()
    shown = probe.expect(lambda: reader.post is not None and reader.post.key == post_key)
    news_list.move_to(index)
    news_list.choose()
    at = await probe.arrival(shown, 10)
    await probe.settle(pilot)
    return None if at is None else (at - started) * 1000


async def sync_adds(probe: Any, pilot: Any, screen: Any, folder: Path) -> dict[str, float | None]:
    """Write a new post into the watched folder; the reader's watcher syncs it in. The
    longest stall until the list shows it, and that time (from writing the file)."""
    news_list = screen.news_list
    total = news_list.total
    path = folder / "bench-sync-adds.md"
    watch = probe.stall_watch()
    watch.start()
    started = time.perf_counter()
    listed = probe.expect(lambda: news_list.total > total)
    try:
        path.write_text(NEW_POST, encoding="utf-8")
        at = await probe.arrival(listed, SYNC_TIMEOUT_S)
        await asyncio.sleep(0.5)  # the counts and the list re-read after it
    finally:
        watch.stop()
        path.unlink(missing_ok=True)
    await probe.settle(pilot)
    return {
        "listed_ms": None if at is None else (at - started) * 1000,
        "max_stall_ms": watch.worst * 1000,
    }
