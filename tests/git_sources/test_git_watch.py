"""A git source's checkout is watched like a dir source's folder while the reader runs."""

from __future__ import annotations

from pathlib import Path

from ainews_tui.git.checkout import checkout_folder
from ainews_tui.ingest.watch import watched_folders
from ainews_tui.session import Session

from .upstream import Upstream, post


def test_a_cloned_checkout_is_watched_and_its_changes_read(
    upstream: Upstream, tmp_path: Path
) -> None:
    config = tmp_path / "config.toml"
    config.write_text(
        f'[[sources]]\nid = "blog"\nname = "blog"\nkind = "git"\nurl = "{upstream.bare}"\n'
        'root = "content"\n',
        encoding="utf-8",
    )
    session = Session.load(str(config), str(tmp_path / "data"))
    assert watched_folders(session.settings, session.paths.git_dir) == []  # not cloned yet
    assert session.sync().ok
    source = session.settings.source("blog")
    assert source is not None
    (folder,) = watched_folders(session.settings, session.paths.git_dir)
    assert folder.source_id == "blog"
    assert folder.root == checkout_folder(session.paths.git_dir, source) / "content"

    # What a pull leaves in the checkout: the watched sync reads it, nothing fetched.
    (folder.root / "posts" / "2025-12-04.md").write_text(post(4, "日报 4"), encoding="utf-8")
    report = session.sync_watched(folder)
    assert report is not None and report.new == 1 and report.failed_sources == {}
    assert "日报 4" in {p.title for p in session.library.list_posts()}
    session.close()
