"""Piped, the command line never imports rich: it would only write the plain text a pipe
gets anyway, and importing it is 15-21 ms of a ~95 ms command that scripts (and this
suite, about 600 times) pay."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from support.ainews import Ainews

# Runs each command in turn in one interpreter, stdout and stderr both piped, and names
# the first that imported any part of rich.
PROBE = """
import json, sys
from ainews_tui.cli import main
for argv in json.loads(sys.argv[1]):
    code = main(argv)
    assert code == 0, f"ainews {' '.join(argv)} exited {code}"
    loaded = sorted(m for m in sys.modules if m == "rich" or m.startswith("rich."))
    assert not loaded, f"ainews {' '.join(argv)} imported {loaded[:5]}"
"""


def test_piped_commands_import_no_rich(ainews: Ainews, tmp_path: Path) -> None:
    folder = tmp_path / "posts"
    folder.mkdir()
    (folder / "2025-12-01.md").write_text(
        "---\ntitle: Day\nurl: https://example.com/day\n---\nNews of the day.\n",
        encoding="utf-8",
    )
    state = str(tmp_path / "state.json")
    commands = [
        ["list"],  # the bundled samples, synced on first use
        ["add", str(folder), "--id", "d"],
        ["sync"],
        ["list", "--items"],
        ["list", "--json"],
        ["list", "--category", "nope"],  # a notice on stderr
        ["search", "Day"],
        ["search", "nothing-matches-this"],
        ["mark", "d:2025-12-01.md", "--read"],
        ["open", "d:2025-12-01.md"],  # BROWSER is `true` in the tests' environment
        ["sources"],
        ["export-state", state],
        ["import-state", state],
        ["rename", "d", "Days"],
        ["config"],
        ["remove", "d"],
    ]
    result = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(commands)],
        env=ainews.env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert "d:2025-12-01.md" in result.stdout
    assert "ainews: nothing has the category" in result.stderr


def test_the_real_command_piped_imports_no_rich(ainews: Ainews) -> None:
    # `python -m ainews_tui` itself, as a script piping `ainews list` runs it.
    result = ainews("list", "--items", env={"PYTHONPROFILEIMPORTTIME": "1"})
    assert "sample:" in result.stdout
    imported = [line for line in result.stderr.splitlines() if line.startswith("import time:")]
    assert imported, "-X importtime reported nothing"
    assert not [line for line in imported if " rich" in line or "| rich" in line]
