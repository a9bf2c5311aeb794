"""Bad input to the commands themselves (issue 17): empty arguments, unknown config
keys, keys holding control characters."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import Ainews


@pytest.mark.parametrize("location", ["", "   ", "\t\n"])
def test_add_with_an_empty_location_is_a_usage_error(
    ainews: Ainews, tmp_path: Path, location: str
) -> None:
    ainews.use_folders({})
    before = ainews.config.read_bytes()
    result = ainews.run("add", location, code=2)
    assert result.stderr.startswith(b"ainews: ") and b"was empty" in result.stderr
    assert result.stderr.count(b"\n") == 1
    assert ainews.config.read_bytes() == before
