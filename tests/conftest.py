"""Fixtures every part of the suite shares."""

from __future__ import annotations

import gc
import os
from pathlib import Path

import pytest

from ainews_tui.collector import tune_collector
from support.ainews import Ainews

# Every command a test starts runs as on a user's machine, whose Python caches compiled
# modules: with PYTHONDONTWRITEBYTECODE (this machine sets it) each of the suite's ~600
# `ainews` processes compiled all of ainews first, a quarter of its CPU time.
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)


def pytest_collection_finish(session: pytest.Session) -> None:
    """Pilot tests run the reader in this process, so it gets the collector settings
    every `ainews` command has. What collection left alive (pytest, every test module,
    the items) lives as long as the worker, so it is also frozen out of collections:
    each full collection the reader tests set off walked it all (113 s for the suite
    without this, 92 s with it, run back to back)."""
    gc.collect()
    gc.freeze()
    tune_collector()


@pytest.fixture
def ainews(tmp_path: Path) -> Ainews:
    """The `ainews` command with a config and data dir of this test's own."""
    return Ainews(tmp_path)
