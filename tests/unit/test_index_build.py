"""The search index built after the posts (ainews_tui.search.build): newest first, and a
post rewritten while its text was being read is indexed with its new text only."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from ainews_tui.ingest.indexing import build_index
from ainews_tui.model import ExtractedItem, ParsedPost
from ainews_tui.store.library import Library
from ainews_tui.store.state import StateStore


@pytest.fixture
def library(tmp_path: Path) -> Iterator[Library]:
    state = StateStore.open(tmp_path / "state.db")
    library = Library.open(tmp_path / "library.db", state)
    try:
        yield library
    finally:
        library.close()
        state.close()


def _put(library: Library, n: int, summary: str, when: str = "2025-12-01T08:00:00+08:00") -> None:
    item = ExtractedItem(f"headline {n}", None, summary, 0, 1)
    post = ParsedPost(
        title=f"post {n}",
        date=datetime.fromisoformat(when),
        date_from="front matter",
        body=summary,
        items=(item,),
    )
    with library.transaction():
        library.put_post(f"s:{n}", "s", f"{n}.md", post, [f"s:{n}#i"], [f"s:{n}#i"])


def test_pending_posts_come_newest_first(library: Library) -> None:
    for n, day in enumerate(("2025-12-03", "2025-12-09", "2025-11-30")):
        _put(library, n, "text", f"{day}T08:00:00+08:00")
    assert [p.post_key for p in library.pending_index()] == ["s:1", "s:0", "s:2"]
    assert library.index_progress().percent == 0
    assert build_index(library) == 3
    assert library.index_progress().complete
    assert library.pending_index() == []


def test_a_post_rewritten_while_its_text_was_read_keeps_only_its_new_text(
    library: Library,
) -> None:
    _put(library, 1, "the old wording about quasars")
    read = library.read_index_texts(library.pending_index())
    _put(library, 1, "the new wording about pulsars")  # another sync, meanwhile
    with library.transaction():
        assert library.write_index(read) == 0  # the old text is not written
    assert library.search("quasars").keys == []
    assert build_index(library) == 1
    assert library.search("pulsars").keys == ["s:1#i"]
    assert library.search("quasars").keys == []
    # A contentless FTS table deletes by the text it indexed: had the old text been
    # written for the new rows, this deletion would leave the old tokens behind.
    with library.transaction():
        library.delete_post("s:1")
    assert library.search("pulsars").keys == []
    assert library.search("wording").keys == []
