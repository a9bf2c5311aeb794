"""Fixtures for the core: temporary data dirs, config files and the real seed posts."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from ainews_tui.session import Session

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"
CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"


@pytest.fixture
def seeds() -> Path:
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not present")
    return SEEDS


def write_config(path: Path, folders: dict[str, Path], extra: str = "") -> Path:
    """A config file with one dir source per entry (id = name)."""
    blocks = "".join(
        f'\n[[sources]]\nid = "{name}"\nname = "{name}"\nkind = "dir"\npath = "{folder}"\n'
        for name, folder in folders.items()
    )
    path.write_text(extra + blocks, encoding="utf-8")
    return path


@pytest.fixture
def make_session(tmp_path: Path) -> Iterator[object]:
    """Factory: a Session over the given folders, with its own data dir on disk."""
    sessions: list[Session] = []

    def factory(folders: dict[str, Path], extra: str = "") -> Session:
        config = write_config(tmp_path / "config.toml", folders, extra)
        session = Session.load(str(config), str(tmp_path / "data"))
        sessions.append(session)
        return session

    yield factory
    for session in sessions:
        session.close()
