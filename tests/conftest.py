"""Fixtures every part of the suite shares."""

from __future__ import annotations

from pathlib import Path

import pytest

from support.ainews import Ainews


@pytest.fixture
def ainews(tmp_path: Path) -> Ainews:
    """The `ainews` command with a config and data dir of this test's own."""
    return Ainews(tmp_path)
