"""Where ainews keeps its config, its databases and its bundled files.

Resolving paths never creates anything: directories are made by the code that writes.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

APP_NAME = "ainews"
CONFIG_ENV = "AINEWS_CONFIG"
DATA_DIR_ENV = "AINEWS_DATA_DIR"


@dataclass(frozen=True)
class AppPaths:
    config_file: Path
    data_dir: Path

    @property
    def library_db(self) -> Path:
        return self.data_dir / "library.db"

    @property
    def state_db(self) -> Path:
        return self.data_dir / "state.db"

    @property
    def feeds_dir(self) -> Path:
        return self.data_dir / "feeds"

    @property
    def git_dir(self) -> Path:
        return self.data_dir / "git"

    @classmethod
    def resolve(cls, config: str | None = None, data_dir: str | None = None) -> AppPaths:
        """Command-line flags win over environment variables, which win over platformdirs."""
        config_path = config or os.environ.get(CONFIG_ENV)
        data_path = data_dir or os.environ.get(DATA_DIR_ENV)
        return cls(
            config_file=Path(config_path).expanduser()
            if config_path
            else _platform_dir("config") / "config.toml",
            data_dir=Path(data_path).expanduser() if data_path else _platform_dir("data"),
        )


def _platform_dir(kind: Literal["config", "data"]) -> Path:
    # Imported only when a location is not given by a flag or the environment (as cron
    # jobs and scripts often give it): platformdirs costs 4 ms at start.
    import platformdirs

    folder = platformdirs.user_config_dir if kind == "config" else platformdirs.user_data_dir
    return Path(folder(APP_NAME))


def source_folder(parent: Path, source_id: str) -> Path:
    """A folder of its own for a source under `parent`, named by its stable id.

    An id that is not a plain folder name (`..`, `a/b`, set by hand in the config)
    gets a hashed name instead, so no id can point outside `parent`.
    """
    name = source_id
    if name in ("", ".", "..") or any(c in name for c in "/\\\0"):
        name = "id-" + hashlib.sha1(name.encode("utf-8")).hexdigest()[:16]
    return parent / name


def bundled_dir(name: str) -> Path:
    """A directory shipped with the package (`styles`, `sample_content`).

    In a wheel they sit inside the package; in an editable install they stay at the
    repository root, two levels above `src/ainews_tui`.
    """
    package_dir = Path(__file__).resolve().parent
    inside = package_dir / name
    if inside.is_dir():
        return inside
    return package_dir.parent.parent / name
