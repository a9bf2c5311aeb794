"""The reader stays behind its door: other commands import only what they need."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

PROBE = """
import sys
from ainews_tui.cli import main
try:
    code = main(sys.argv[1:])
except SystemExit as exit:  # --version exits from argparse
    code = exit.code
heavy = [
    m
    for m in ("textual", "ainews_tui.ingest.sync", "ainews_tui.tui", "aiohttp", "watchfiles")
    if m in sys.modules
]
assert not heavy, f"{sys.argv[1]} imported {heavy}"
raise SystemExit(code)
"""


def test_commands_other_than_the_reader_import_neither_textual_nor_the_sync_pipeline(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "posts"
    folder.mkdir()
    (folder / "2025-12-01.md").write_text(
        "---\ntitle: Day\n---\n1. **Alpha** news\n2. **Beta** news\n", encoding="utf-8"
    )
    config = tmp_path / "config.toml"
    config.write_text(f'[[sources]]\nid = "d"\nkind = "dir"\npath = "{folder}"\n', encoding="utf-8")
    common = ["--config", str(config), "--data-dir", str(tmp_path / "data")]
    synced = subprocess.run(
        [sys.executable, "-m", "ainews_tui", "sync", *common], capture_output=True, text=True
    )
    assert synced.returncode == 0, synced.stderr
    for args in (
        ["--version"],
        ["list", "--json", *common],
        ["list", "--items", *common],
        ["search", "Alpha", *common],
        ["sources", *common],
        ["sources", "--names", *common],
        ["completion", "bash", *common],
    ):
        result = subprocess.run(
            [sys.executable, "-c", PROBE, *args], capture_output=True, text=True, timeout=60
        )
        assert result.returncode == 0, result.stderr


def test_the_browser_server_itself_does_not_load_the_reader() -> None:
    # `ainews serve` only relays: each browser tab's reader is a process of its own.
    probe = (
        "import sys; import ainews_tui.cli.commands.serve; "
        "assert 'textual' not in sys.modules and 'ainews_tui.tui' not in sys.modules"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
