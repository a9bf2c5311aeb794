"""Fixtures for the command line: an isolated `ainews`, and one with the seed posts."""

from __future__ import annotations

from pathlib import Path

import pytest

from .runner import Ainews

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"


@pytest.fixture
def ainews(tmp_path: Path) -> Ainews:
    return Ainews(tmp_path)


@pytest.fixture
def with_seeds(ainews: Ainews) -> Ainews:
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not present")
    ainews("add", str(SEEDS), "--name", "seeds")
    ainews("sync")
    return ainews
