"""Git-source tests: a real upstream repository served by `git http-backend` on
127.0.0.1, and `ainews` run as a user runs it, in a subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .server import RunningServer
from .upstream import Upstream, post


class Ainews:
    """Runs `python -m ainews_tui` with its own config and data dir."""

    def __init__(self, tmp_path: Path) -> None:
        self.config = tmp_path / "config.toml"
        self.data = tmp_path / "data"
        self.env = {
            **os.environ,
            "AINEWS_CONFIG": str(self.config),
            "AINEWS_DATA_DIR": str(self.data),
            "TZ": "Asia/Shanghai",
            "COLUMNS": "200",
        }

    def __call__(
        self, *args: str, code: int = 0, env: dict[str, str] | None = None
    ) -> subprocess.CompletedProcess[str]:
        result = subprocess.run(
            [sys.executable, "-m", "ainews_tui", *args],
            env=env or self.env,
            capture_output=True,
            text=True,
            timeout=60,  # hang guard: every git limit in these tests is a few seconds
            check=False,
        )
        assert "Traceback" not in result.stderr, result.stderr
        assert result.returncode == code, (result.stdout, result.stderr)
        return result

    def titles(self, source: str = "blog") -> set[str]:
        rows = json.loads(self("list", "--source", source, "--json").stdout)
        return {r["title"] for r in rows}

    def keys(self, source: str = "blog") -> set[str]:
        rows: list[dict[str, Any]] = json.loads(self("list", "--source", source, "--json").stdout)
        return {r["key"] for r in rows}


@pytest.fixture
def ainews(tmp_path: Path) -> Ainews:
    return Ainews(tmp_path)


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
