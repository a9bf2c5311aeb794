"""Git-source tests: a real upstream repository served by `git http-backend` on
127.0.0.1, and `ainews` run as a user runs it, in a subprocess."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from .server import RunningServer
from .upstream import Upstream, post


@pytest.fixture
def upstream(tmp_path: Path) -> Upstream:
    """A Hugo blog with three posts under content/posts, pushed to a bare repository."""
    repo = Upstream(tmp_path / "upstream")
    for day in (1, 2, 3):
        repo.write(f"content/posts/2025-12-{day:02d}.md", post(day, f"日报 {day}"))
    repo.write("README.md", "# the blog\n")
    repo.commit("three posts")
    return repo


@pytest.fixture
def server(upstream: Upstream) -> Iterator[RunningServer]:
    running = RunningServer(upstream.bare.parent)
    yield running
    running.stop()
