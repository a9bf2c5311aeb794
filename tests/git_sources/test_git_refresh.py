"""The reader's scheduled refresh pulls git sources (and feeds) but leaves folders to
the watcher: the sync it runs, with the real git server."""

from __future__ import annotations

from pathlib import Path

from ainews_tui.config import load_settings
from ainews_tui.paths import AppPaths
from ainews_tui.session import Session
from ainews_tui.tui.refresh import refreshed_ids
from support.ainews import Ainews

from .helpers import titles
from .server import RunningServer
from .upstream import Upstream, post


def test_the_refresh_sync_pulls_git_and_skips_folders(
    tmp_path: Path, ainews: Ainews, upstream: Upstream, server: RunningServer
) -> None:
    folder = tmp_path / "local"
    folder.mkdir()
    (folder / "2025-12-01-a.md").write_text(post(1, "local 1"), encoding="utf-8")
    ainews("add", str(folder), "--name", "local")
    ainews("add", server.state.url("blog.git"))
    ainews("sync")
    (folder / "2025-12-02-b.md").write_text(post(2, "local 2"), encoding="utf-8")
    upstream.write("content/posts/2025-12-04.md", post(4, "日报 4"))
    upstream.commit("day 4")
    session = Session(AppPaths(ainews.config, ainews.data), load_settings(ainews.config))
    try:
        report = session.sync(only=refreshed_ids(session.settings.sources))
    finally:
        session.close()
    assert report.ok and report.new == 1
    assert "日报 4" in titles(ainews)
    assert titles(ainews, "local") == {"local 1"}
