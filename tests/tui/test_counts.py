"""The sidebar's counts after marks are changed in place from what each mark touched;
they must always equal a count of the whole library read afresh."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from ainews_tui.model import Count, SidebarCounts
from ainews_tui.tui.sidebar_counts import CountChange, Counted, CountIndex, LiveCounts

from . import test_stories
from .conftest import POSTS, TODAY, Library
from .helpers import main_screen, opened, press

pytestmark = pytest.mark.anyio


@pytest.fixture
def with_copies(make_library: Callable[[dict[str, str]], Library]) -> Library:
    """Categories, drafts hidden, and one story carried by two digests."""
    return make_library({**POSTS, **test_stories.POSTS})


def recounted(library: Library) -> SidebarCounts:
    app = library.app()
    return app.ctx.gateway.counts(TODAY, app.ctx.settings.show_drafts)[1]


def sidebar_counts(pilot: object) -> SidebarCounts | None:
    return main_screen(pilot.app).sidebar.counts  # type: ignore[attr-defined]


async def test_counts_after_marks_and_stars_equal_a_full_recount(with_copies: Library) -> None:
    async with opened(with_copies.app()) as pilot:
        full = sidebar_counts(pilot)
        await press(pilot, "r")  # the newest story: a copy of a story in two digests
        assert sidebar_counts(pilot) != full  # it changed at all
        assert sidebar_counts(pilot) == recounted(with_copies)
        await press(pilot, "j", "s", "j", "r", "s")
        assert sidebar_counts(pilot) == recounted(with_copies)
        await press(pilot, "k", "k", "r", "j", "s")  # unread again, unstarred
        assert sidebar_counts(pilot) == recounted(with_copies)
        await press(pilot, "v", "r", "s", "v")  # a whole post read, and starred
        assert sidebar_counts(pilot) == recounted(with_copies)


async def test_counts_after_mark_all_and_its_undo_equal_a_full_recount(
    with_copies: Library,
) -> None:
    async with opened(with_copies.app()) as pilot:
        await press(pilot, "r", "j", "j", "s")
        await press(pilot, "A")
        await press(pilot, "enter")  # yes
        assert sidebar_counts(pilot) == recounted(with_copies)
        assert sidebar_counts(pilot).unread.total == 0  # type: ignore[union-attr]
        await press(pilot, "U")
        await press(pilot, "r")
        assert sidebar_counts(pilot) == recounted(with_copies)


def _counts(unread: int, day: tuple[int, int]) -> SidebarCounts:
    zero = Count("x", 0, 0)
    return SidebarCounts(
        all=Count("all", 10, unread),
        unread=Count("unread", unread, unread),
        starred=zero,
        today=zero,
        days=(Count("2025-12-18", *day),),
        categories=(),
        sources=(),
    )


def _full(marks: int, unread: int, day: tuple[int, int]) -> Counted:
    return Counted(marks, CountIndex.of(_counts(unread, day), show_drafts=False))


def test_a_full_count_taken_before_a_mark_keeps_that_marks_change() -> None:
    live = LiveCounts()
    live.counted(_full(0, 10, (4, 4)))
    one_read = CountChange(1, _counts(1, (1, 1)), _counts(0, (1, 0)))
    moved = live.changed(one_read)
    assert moved == {"all:", "unread:", "day:2025-12-18", "day:2025-12", "day:2025"}
    assert live.index is not None and live.index.counts == _counts(9, (4, 3))
    assert live.index.by_id["day:2025"] == Count("2025", 4, 3)
    # A full count started before mark 1 arrives after it: mark 1 still shows.
    live.counted(_full(0, 10, (4, 4)))
    assert live.index.counts == _counts(9, (4, 3))
    # One taken after mark 1 includes it: it is not counted twice.
    live.counted(_full(1, 9, (4, 3)))
    assert live.index.counts == _counts(9, (4, 3))
    # An older full count arriving late never replaces a newer one.
    assert live.counted(_full(0, 10, (4, 4))) is None
    assert live.index.counts == _counts(9, (4, 3))
