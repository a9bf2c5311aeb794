"""Hostile files the attack of issue 17 found or could not try: escape sequences inside
link text and front matter, unreadable files and folders."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from support.ainews import Ainews

from .conftest import write_good_posts

ESC = "\x1b"
LINKS = (
    "---\ntitle: escapes\ndate: 2025-12-03\n---\n\n"
    f"1. [**{ESC}]0;T{ESC}\\2 [red]x[/red]**](http://good.example/1)\n\n   first.\n\n"
    f"2. [**{ESC}]0;T\x07Big {ESC}[31mnews{ESC}[0m today**](http://good.example/2)\n\n"
    "   second.\n\n"
    f"3. [**An unterminated {ESC}]8;;title**](http://good.example/3)\n\n   third.\n"
)


def _items(ainews: Ainews) -> dict[str, str]:
    rows = json.loads(ainews.run("list", "--items", "--json").stdout)
    return {row["url"]: row["title"] for row in rows}


def test_escape_sequences_in_link_text_leave_no_fragments(ainews: Ainews, tmp_path: Path) -> None:
    folder = tmp_path / "posts"
    folder.mkdir()
    (folder / "escapes.md").write_text(LINKS, "utf-8")
    ainews.use_folders({"posts": folder})
    ainews.run("sync")
    assert _items(ainews) == {
        "http://good.example/1": "2 [red]x[/red]",
        "http://good.example/2": "Big news today",
        "http://good.example/3": "An unterminated title",
    }


def test_control_characters_in_front_matter_keep_the_rest(ainews: Ainews, tmp_path: Path) -> None:
    folder = tmp_path / "posts"
    folder.mkdir()
    (folder / "post.md").write_text(
        f'---\ntitle: "Big {ESC}[2J news\x07 here\x7f\x0b"\ndate: 2025-12-03T08:00:00+08:00\n'
        "categories: [AI, 芯片]\n---\n\nbody\n",
        "utf-8",
    )
    ainews.use_folders({"posts": folder})
    result = ainews.run("sync")
    assert b"malformed" not in result.stdout + result.stderr
    (post,) = json.loads(ainews.run("list", "--json").stdout)
    assert post["title"] == "Big news here"
    assert post["date"] == "2025-12-03T08:00:00+08:00"
    assert post["categories"] == ["AI", "芯片"]


NOBODY = 65534


@pytest.fixture
def shared_root() -> Iterator[Path]:
    """A folder an unprivileged user can work in (pytest's tmp_path is root's only)."""
    root = Path(tempfile.mkdtemp(prefix="ainews-unreadable-"))
    root.chmod(0o777)
    yield root
    for path in (root / "posts" / "secret.md", root / "posts" / "locked", root / "posts"):
        if path.exists():
            path.chmod(0o755)
    shutil.rmtree(root)


class Unprivileged(Ainews):
    """Runs ainews as `nobody` when the suite runs as root: root reads any file, so
    "unreadable" can only be tried as someone else."""

    def command(self, *args: str) -> list[str]:
        command = super().command(*args)
        if os.geteuid() != 0:
            return command
        ids = [f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups"]
        return ["setpriv", *ids, *command]


def test_unreadable_files_and_folders_are_skipped_and_lose_nothing(shared_root: Path) -> None:
    if os.geteuid() == 0 and shutil.which("setpriv") is None:
        pytest.skip("running as root and setpriv (util-linux) is absent: root reads anything")
    if os.geteuid() == 0:
        ids = [f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups"]
        probe = subprocess.run(
            ["setpriv", *ids, sys.executable, "-c", "import ainews_tui"],
            capture_output=True,
            check=False,
        )
        if probe.returncode != 0:
            pytest.skip(f"user {NOBODY} cannot run this checkout's Python: {probe.stderr[-200:]!r}")
    posts = shared_root / "posts"
    write_good_posts(posts, 3)
    (posts / "locked").mkdir()
    (posts / "locked" / "2025-12-05-inside.md").write_text("---\ntitle: inside\n---\nb\n")
    ainews = Unprivileged(shared_root)
    ainews.use_folders({"posts": posts})
    ainews.run("sync")
    assert len(json.loads(ainews.run("list", "--json").stdout)) == 4

    (posts / "secret.md").write_text("---\ntitle: secret\n---\nbody\n", "utf-8")
    (posts / "secret.md").chmod(0)
    (posts / "locked").chmod(0)
    result = ainews.run("sync")
    summary = result.stdout.decode()
    assert "secret.md" in summary and "Permission denied" in summary, summary
    assert "locked" in summary and "cannot list folder" in summary, summary
    titles = {p["title"] for p in json.loads(ainews.run("list", "--json").stdout)}
    assert "inside" in titles and len(titles) == 4  # unseen is not gone

    posts.chmod(0)
    result = ainews.run("sync", code=1)
    assert b"failed posts: cannot read" in result.stdout and b"Permission denied" in result.stdout
    assert len(json.loads(ainews.run("list", "--json").stdout)) == 4
