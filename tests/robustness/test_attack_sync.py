"""Two syncs at once count what each changed, and the reader bounds a huge line (issue 17)."""

from __future__ import annotations

from pathlib import Path

from ainews_tui.model import PostRow, SyncReport
from ainews_tui.session import Session
from ainews_tui.tui.markdown_lines import MAX_LINE_CHARS, render_post

from .conftest import write_good_posts


def test_a_second_sync_at_the_same_time_reports_nothing_changed(tmp_path: Path) -> None:
    """`b` reads the file list, then `a` syncs everything before `b` writes: what `b`
    parsed is already stored, so for `b` nothing is new or updated."""
    folder = tmp_path / "posts"
    for n in range(60):
        write_good_posts(folder / f"{n:02d}", 3)
    config = tmp_path / "config.toml"
    config.write_text(f'[[sources]]\nid = "p"\nkind = "dir"\npath = "{folder}"\n', "utf-8")
    a = Session.load(str(config), str(tmp_path / "data"))
    b = Session.load(str(config), str(tmp_path / "data"))
    first: list[SyncReport] = []

    def progress(name: str, done: int, total: int) -> None:
        if not first:  # b has its jobs and has parsed nothing yet
            first.append(a.sync())

    try:
        second = b.sync(progress)
    finally:
        a.close()
        b.close()
    assert (first[0].new, first[0].updated) == (180, 0)
    assert (second.new, second.updated, second.unchanged) == (0, 0, 180)


def test_a_5_mb_single_line_post_renders_in_bounded_lines() -> None:
    post = PostRow("k", "s", "s", "a.md", "t", None, (), (), (), None, False, 1, False, False)
    body = ("很长的一行 **bold** [link](https://example.com/x) words " * 120_000)[:5_000_000]
    *_, rendered = render_post(post, body + "\n\nThe end.\n", [(0, 3)], 80, [])
    assert rendered.complete
    text = "\n".join(line.text for line in rendered.lines)
    # Wrapped whole it was 39,218 lines (659 MB); cut, about 160.
    assert len(rendered.lines) < 1000
    assert f"… (+{5_000_000 - MAX_LINE_CHARS:,})" in text and "The end." in text
