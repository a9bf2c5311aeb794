"""Every command runs with the garbage collector tuned (`ainews_tui.collector`): young
collections 10,000 allocations apart."""

from __future__ import annotations

import subprocess
import sys

from ainews_tui.collector import YOUNG_OBJECTS
from support.ainews import Ainews

PROBE = """
import gc
from ainews_tui.cli import main
default = gc.get_threshold()[0]
assert main(["list"]) == 0
print(default, gc.get_threshold()[0])
"""


def test_a_command_runs_with_the_collector_tuned(ainews: Ainews) -> None:
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        env=ainews.env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    default, threshold = map(int, result.stdout.split()[-2:])
    assert default != YOUNG_OBJECTS  # the interpreter's own setting before the command
    assert threshold == YOUNG_OBJECTS
