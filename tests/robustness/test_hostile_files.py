"""Every hostile file: sync finishes, the file is ingested or skipped with a named reason,
and nothing already in the library or in state.db is lost."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from ainews_tui.model import ListFilter
from ainews_tui.session import Session
from support.ainews import Ainews

from .conftest import Case, write_good_posts


def _session(tmp_path: Path, folders: dict[str, Path]) -> Session:
    blocks = "".join(
        f'\n[[sources]]\nid = "{name}"\nname = "{name}"\nkind = "dir"\npath = "{path}"\n'
        for name, path in folders.items()
    )
    config = tmp_path / "config.toml"
    config.write_text(blocks, encoding="utf-8")
    return Session.load(str(config), str(tmp_path / "data"))


def _check_outcomes(
    session: Session, cases: dict[str, Case], skipped: dict[str, str], warnings: list[str]
) -> None:
    for relpath, case in cases.items():
        key = f"hostile:{relpath}"
        post = session.library.get_post(key)
        if case.skip:
            assert post is None, relpath
            assert case.skip in skipped.get(relpath, ""), (relpath, skipped.get(relpath))
            continue
        assert post is not None, (relpath, skipped.get(relpath))
        assert relpath not in skipped
        if case.title is not None:
            assert post.title == case.title, relpath
        if case.items is not None:
            assert post.item_count == case.items, relpath
        if case.warning:
            named = [w for w in warnings if f": {relpath}: " in w]
            assert any(case.warning in w for w in named), (relpath, named)


def test_hostile_folder_syncs_and_loses_nothing(
    tmp_path: Path, hostile: tuple[Path, dict[str, Case]]
) -> None:
    folder, cases = hostile
    good = tmp_path / "good"
    write_good_posts(good)
    write_good_posts(folder, 2)  # good posts beside the hostile ones
    session = _session(tmp_path, {"good": good})
    session.sync()
    starred = session.library.list_items(ListFilter(day_prefix="2025-12-02"))[0].key
    session.state.set_starred([starred], True)
    session.state.set_read([starred], True)
    session.close()

    session = _session(tmp_path, {"good": good, "hostile": folder})
    started = time.monotonic()
    report = session.sync()
    assert time.monotonic() - started < 60
    assert report.ok, report.failed_sources
    skipped = {s.path: s.reason for s in report.skipped if s.source_name == "hostile"}
    _check_outcomes(session, cases, skipped, report.warnings)
    assert session.library.get_post("hostile:2025-12-01-good.md") is not None
    assert session.library.get_post("hostile:alias/inside.md") is None  # no duplicate
    assert len(session.library.list_posts(ListFilter(source_id="good"))) == 3
    row = session.library.get_item(starred)
    assert row is not None and row.starred and row.read

    # The next sync re-reads nothing and still names every skipped file.
    again = session.sync()
    assert again.new == again.updated == 0
    assert {s.path for s in again.skipped if s.source_name == "hostile"} == set(skipped)
    session.close()


def test_many_hostile_files_in_parallel_batches(tmp_path: Path) -> None:
    """Enough files for the parallel parser and several write batches, hostile ones mixed
    in: a worker that meets a bad file must not take its batch down with it."""
    folder = tmp_path / "many"
    folder.mkdir()
    bad = {
        "deep": "---\nt: " + "[" * 40_000 + "\n---\n\n# deep\n",
        "bin": "\x00\x01binary",
        "empty": "",
        "bomb": "---\na: &a [x,x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
        "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"
        "e: [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]\n---\nbody\n",
    }
    total = 500  # more than one write batch (400) and well past the parallel threshold
    not_posts = 0
    for n in range(total):
        kind = list(bad)[n % len(bad)] if n % 50 == 7 else None
        not_posts += kind in ("bin", "empty")
        text = bad[kind] if kind else f"---\ntitle: post {n}\n---\n\n正文 {n}\n"
        (folder / f"post-{n:04d}.md").write_text(text, "utf-8")
    session = _session(tmp_path, {"hostile": folder})
    report = session.sync()
    assert len(report.skipped) == not_posts
    assert report.new == total - not_posts == len(session.library.list_posts())
    session.close()


def _post_keys(ainews: Ainews) -> dict[str, dict[str, Any]]:
    rows = json.loads(ainews.run("list", "--json").stdout)
    return {row["key"]: row for row in rows}


def test_cli_sync_names_each_skipped_file_and_shows_the_hostile_posts(
    ainews: Ainews, hostile: tuple[Path, dict[str, Case]]
) -> None:
    folder, cases = hostile
    ainews.use_folders({"hostile": folder})
    result = ainews.run("sync", timeout=90)
    summary = result.stdout.decode()
    for relpath, case in cases.items():
        if case.skip:
            line = next((ln for ln in summary.splitlines() if f": {relpath}: " in ln), "")
            assert case.skip in line, (relpath, summary)
    posts = _post_keys(ainews)
    for relpath in (
        "items-2000.md",
        "html-only.md",
        "billion-laughs.md",
        "deep-yaml.md",
        "gb18030.md",
        "utf16be.md",
    ):
        key = f"hostile:{relpath}"
        assert key in posts
        shown = ainews.run("show", key, timeout=60)
        assert posts[key]["title"].encode() in shown.stdout
    # What Markdown formatting would drop or take a minute over is shown whole, as text.
    for relpath, last_words in (
        ("deep-quote.md", "引用"),
        ("deep-list.md", "level 499 headline"),
        ("one-line-3mb.md", "很长的一行"),
    ):
        started = time.monotonic()
        shown = ainews.run("show", f"hostile:{relpath}", timeout=60)
        assert last_words.encode() in shown.stdout, relpath
        assert time.monotonic() - started < 20, relpath
    # The alias bomb stays small everywhere it travels.
    bomb = posts["hostile:billion-laughs.md"]
    assert len(json.dumps(bomb)) < 2000
    assert len(ainews.run("export-state", "-").stdout) < 2000
