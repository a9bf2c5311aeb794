"""The reader stays behind its door: other commands never import Textual."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

PROBE = """
import sys
from ainews_tui.cli import main
code = main(sys.argv[1:])
assert "textual" not in sys.modules, "a non-reader command imported textual"
raise SystemExit(code)
"""


def test_list_and_version_do_not_import_textual(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text("sources = []\n", encoding="utf-8")
    common = ["--config", str(config), "--data-dir", str(tmp_path / "data")]
    for args in (["list", "--json", *common], ["sources", *common]):
        result = subprocess.run(
            [sys.executable, "-c", PROBE, *args], capture_output=True, text=True, timeout=60
        )
        assert result.returncode == 0, result.stderr
