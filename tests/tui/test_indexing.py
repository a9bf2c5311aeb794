"""The reader while a sync builds the search index (issue 13): new stories are listed
before the index has them, and `/` answers from what is indexed and says how far."""

from __future__ import annotations

import threading

import pytest

from ainews_tui.config import load_settings
from ainews_tui.ingest import indexing
from ainews_tui.session import Session
from ainews_tui.store.library import Library as Store
from ainews_tui.tui.widgets.status import StatusLine

from .conftest import Library
from .helpers import main_screen, opened, press
from .test_watch import GUARD, NEW_POST, on_screen, wait_until

pytestmark = pytest.mark.anyio

NEW_HEADLINE = "Qwen 发布全新多模态模型"


class _StopAtBrowsable(Exception):
    """Ends a sync between its two phases, as a kill there would."""


def _add_post_unindexed(library: Library) -> None:
    """A fourth post, stored and listed but not in the search index."""
    (library.posts / "2025-12-18-evening.md").write_text(NEW_POST, encoding="utf-8")

    def stop() -> None:
        raise _StopAtBrowsable

    session = Session(library.paths, load_settings(library.paths.config_file))
    try:
        with pytest.raises(_StopAtBrowsable):
            session.sync(on_browsable=stop)
    finally:
        session.close()


def _status(app: object) -> str:
    status = main_screen(app).query_one(StatusLine)  # type: ignore[arg-type]
    return "".join(segment.text for segment in status.render_line(0))


@pytest.mark.parametrize(
    ("language", "said"),
    [("en", "1 result · indexing 75 %"), ("zh", "1 条结果 · 正在建立索引 75%")],
)
async def test_search_answers_from_the_index_and_says_how_far_it_is(
    library: Library, language: str, said: str
) -> None:
    _add_post_unindexed(library)
    app = library.app(language)
    async with opened(app) as pilot:
        assert on_screen(app, NEW_HEADLINE)  # listed already
        await press(pilot, "slash", *"Gemini")
        assert main_screen(app).news_list.total == 1
        assert said in _status(app)
        await press(pilot, "escape")
        await press(pilot, "slash", *"Qwen")  # only in the post still to index
        assert main_screen(app).news_list.total == 0
        assert said.split(" · ")[1] in _status(app)


async def test_sync_lists_new_stories_before_it_builds_the_index(
    library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    (library.posts / "2025-12-18-evening.md").write_text(NEW_POST, encoding="utf-8")
    entered, released = threading.Event(), threading.Event()
    build = indexing.build_index

    def held(store: Store, progress: indexing.IndexCallback | None = None) -> int:
        entered.set()
        assert released.wait(GUARD), "the test never let the index be built"
        return build(store, progress)

    monkeypatch.setattr("ainews_tui.ingest.sync.build_index", held)
    app = library.app()
    async with opened(app) as pilot:
        assert not on_screen(app, NEW_HEADLINE)
        await pilot.press("R")
        await wait_until(
            pilot, "the new story, listed at browsable time", lambda: on_screen(app, NEW_HEADLINE)
        )
        assert entered.is_set()  # the sync is in its second phase, held there
        released.set()
        await wait_until(pilot, "the sync's end", lambda: "Synced:" in _status(app))
        await press(pilot, "slash", *"Qwen")
        assert main_screen(app).news_list.total == 1
