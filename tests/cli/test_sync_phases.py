"""Two-phase sync (issue 13): every post is listed at the `browsable` line, the search
index follows, a kill while it is built loses nothing, and `ainews search` on an
incomplete index waits for the running sync or says how far the index is."""

from __future__ import annotations

import json
import os
import select
import signal
import sqlite3
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

import pytest

from ainews_tui.config import load_settings
from ainews_tui.paths import AppPaths
from ainews_tui.session import Session
from support.ainews import Ainews

POSTS = 600
"""More than one indexing batch (400 posts) and enough to start the index's workers."""
ITEMS = 3
GUARD = 60.0
"""Hang guard for a line a command should print within a few seconds."""
WORD = "zebrafinch"
"""In every story's headline, so a search for it should list every story."""


def _write_posts(folder: Path, posts: int = POSTS) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(posts):
        day = f"2025-{n % 12 + 1:02d}-{n % 28 + 1:02d}"
        stories = "\n\n".join(
            f"{k + 1}.  [**{WORD} story {n}-{k} 模型发布**](https://example.com/{n}/{k})\n\n"
            f"    Summary {n}-{k}: 谷歌 and OpenAI ship a model, number {n * 10 + k}."
            for k in range(ITEMS)
        )
        text = f"---\ntitle: Digest {n}\ndate: {day}T08:00:00+08:00\n---\n\n{stories}\n"
        (folder / f"{day}-digest-{n}.md").write_text(text, encoding="utf-8")


@pytest.fixture
def posts_dir(ainews: Ainews, tmp_path: Path) -> Path:
    folder = tmp_path / "posts"
    _write_posts(folder)
    ainews.use_folders({"daily": folder})
    return folder


@contextmanager
def _sync_until_browsable(ainews: Ainews) -> Iterator[tuple[subprocess.Popen[str], str]]:
    """`ainews sync` piped, stopped (SIGSTOP) the moment it prints its `browsable` line;
    yields it and that line. Killed on the way out unless the test let it finish."""
    sync = subprocess.Popen(
        ainews.command("sync"),
        env=ainews.env | {"PYTHONUNBUFFERED": "1"},
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        encoding="utf-8",
        start_new_session=True,
    )
    try:
        assert sync.stdout is not None
        line = _next_line(sync.stdout)
        os.killpg(sync.pid, signal.SIGSTOP)
        yield sync, line
    finally:
        if sync.poll() is None:
            Ainews.kill(sync)  # type: ignore[arg-type]
        if sync.stdout:
            sync.stdout.close()


def _next_line(stream: IO[str]) -> str:
    """The next line of a child's pipe, failing (not hanging) if none comes in GUARD s."""
    ready, _, _ = select.select([stream], [], [], GUARD)
    assert ready, f"no line within {GUARD:g} s"
    return stream.readline()


def _pending(data: Path) -> int:
    with sqlite3.connect(data / "library.db") as conn:
        return int(conn.execute("SELECT count(*) FROM search_pending").fetchone()[0])


def _found(ainews: Ainews, *extra: str) -> subprocess.CompletedProcess[str]:
    return ainews("search", WORD, "--limit", str(POSTS * ITEMS * 2), "--json", *extra)


def test_browsable_line_comes_first_and_every_post_is_listed_then(
    ainews: Ainews, posts_dir: Path
) -> None:
    with _sync_until_browsable(ainews) as (sync, line):
        assert "browsable" in line and f"{POSTS:,} posts" in line, line
        # The sync is stopped right after the line: whatever is listed now was listed
        # when it printed it.
        listed = ainews.json("list")
        stories = ainews.json("list", "--items", "--limit", str(POSTS * ITEMS * 2))
        assert len(listed) == POSTS
        assert len(stories) == POSTS * ITEMS
        os.killpg(sync.pid, signal.SIGCONT)
        assert sync.stdout is not None
        rest = sync.stdout.read()
        assert sync.wait(timeout=120) == 0
    assert "browsable" not in rest  # exactly one such line
    assert rest.startswith(f"new {POSTS} · updated 0"), rest
    assert _pending(ainews.data) == 0
    assert len(json.loads(_found(ainews).stdout)) == POSTS * ITEMS


def test_kill_9_while_indexing_loses_nothing_and_the_next_sync_completes(
    ainews: Ainews, posts_dir: Path
) -> None:
    with _sync_until_browsable(ainews) as (sync, line):
        assert "building the search index" in line
        Ainews.kill(sync)  # type: ignore[arg-type]
    with sqlite3.connect(ainews.data / "library.db") as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT count(*) FROM posts").fetchone()[0] == POSTS
    pending = _pending(ainews.data)
    assert 0 < pending <= POSTS  # killed in the second phase, which had work left

    partial = _found(ainews)
    assert "the search index is incomplete" in partial.stderr
    assert f"{(POSTS - pending) * 100 // POSTS} %" in partial.stderr
    assert len(json.loads(partial.stdout)) <= (POSTS - pending) * ITEMS

    again = ainews("sync")
    assert "browsable" in again.stdout and f"new 0 · updated 0 · unchanged {POSTS}" in again.stdout
    assert _pending(ainews.data) == 0
    complete = _found(ainews)
    assert complete.stderr == ""
    assert len(json.loads(complete.stdout)) == POSTS * ITEMS


def test_search_waits_for_the_running_sync_to_finish_the_index(
    ainews: Ainews, posts_dir: Path
) -> None:
    with _sync_until_browsable(ainews) as (sync, _line):
        search = subprocess.Popen(
            ainews.command("search", WORD, "--limit", str(POSTS * ITEMS * 2), "--json"),
            env=ainews.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
        )
        assert search.stderr is not None
        # It says it waits, and does: the sync it waits for is stopped.
        assert "waiting for the running sync" in _next_line(search.stderr)
        assert search.poll() is None
        os.killpg(sync.pid, signal.SIGCONT)
        out, err = search.communicate(timeout=120)
        assert sync.wait(timeout=120) == 0
    assert search.returncode == 0
    assert "incomplete" not in err and "Traceback" not in err
    assert len(json.loads(out)) == POSTS * ITEMS


class _StopAtBrowsable(Exception):
    """Ends a sync between its two phases, as a kill there would."""


def _first_phase_only(ainews: Ainews) -> None:
    """Sync as far as the browsable moment and no further: an empty search index."""

    def stop() -> None:
        raise _StopAtBrowsable

    paths = AppPaths(config_file=ainews.config, data_dir=ainews.data)
    session = Session(paths, load_settings(ainews.config))
    try:
        with pytest.raises(_StopAtBrowsable):
            session.sync(on_browsable=stop)
    finally:
        session.close()


def test_search_on_an_incomplete_index_says_so_in_both_languages(
    ainews: Ainews, tmp_path: Path
) -> None:
    _write_posts(tmp_path / "few", posts=10)
    ainews.use_folders({"daily": tmp_path / "few"})
    _first_phase_only(ainews)
    assert len(ainews.json("list")) == 10  # listed, not yet searchable

    result = ainews("search", WORD)
    assert result.stderr == (
        "ainews: the search index is incomplete (0 % of posts indexed), so results may be "
        "missing; `ainews sync` completes it\nainews: no items match\n"
    )
    chinese = ainews("--lang", "zh", "search", WORD)
    assert "搜索索引尚未建完（已索引 0% 的文章）" in chinese.stderr

    ainews("sync")
    assert len(ainews.json("search", WORD)) == 10 * ITEMS


def test_on_a_terminal_sync_shows_both_phases_and_its_summary(
    ainews: Ainews, tmp_path: Path
) -> None:
    _write_posts(tmp_path / "few", posts=60)
    ainews.use_folders({"daily": tmp_path / "few"})
    shown = ainews.tty("sync", columns=100)
    assert "browsable: 60 posts, 180 stories in" in shown
    assert shown.index("browsable") < shown.index("new 60 · updated 0")
    assert _pending(ainews.data) == 0


def test_piped_beside_a_terminal_the_browsable_line_goes_to_the_pipe(
    ainews: Ainews, tmp_path: Path
) -> None:
    """`ainews sync | script` run from a terminal: the bars are on stderr (the terminal),
    and the line a script waits for is still on stdout."""
    _write_posts(tmp_path / "few", posts=60)
    ainews.use_folders({"daily": tmp_path / "few"})
    leader, follower = os.openpty()
    terminal: list[bytes] = []

    def drain() -> None:  # as a terminal reads what it is sent, so the bars never block
        while chunk := _read_or_end(leader):
            terminal.append(chunk)

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    try:
        result = subprocess.run(
            ainews.command("sync"),
            env={**ainews.env, "TERM": "xterm-256color"},
            stdout=subprocess.PIPE,
            stderr=follower,
            timeout=GUARD,
            check=False,
        )
    finally:
        os.close(follower)
    reader.join(GUARD)
    os.close(leader)
    assert result.returncode == 0
    assert b"browsable: 60 posts, 180 stories in" in result.stdout
    assert b"browsable" not in b"".join(terminal)  # the pipe's line, not the terminal's
    assert b"search index" in b"".join(terminal)  # the bars were drawn there


def _read_or_end(fd: int) -> bytes:
    try:
        return os.read(fd, 65536)
    except OSError:  # EIO: the command exited and the terminal closed
        return b""
