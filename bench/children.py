"""Children: one measured thing per fresh interpreter, so a peak RSS belongs to it.

run.py's `--child KIND SPEC` runs them; the parent reads the result from a JSON file.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

RUN_PY = Path(__file__).resolve().with_name("run.py")


@dataclass
class ChildResult:
    data: dict[str, Any]
    peak_rss_mb: float
    seconds: float


def run_child(kind: str, spec: dict[str, Any], work: Path) -> ChildResult:
    """Run `kind` in a fresh interpreter; its peak RSS comes from wait4's rusage, which
    belongs to that one child (RUSAGE_CHILDREN would mix every child so far)."""
    spec_file = Path(tempfile.mkstemp(prefix=f"{kind}-", suffix=".json", dir=work)[1])
    out_file = spec_file.with_suffix(".out.json")
    spec_file.write_text(json.dumps(spec | {"out": str(out_file)}), encoding="utf-8")
    started = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, str(RUN_PY), "--child", kind, str(spec_file)],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
    )
    _pid, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    elapsed = time.perf_counter() - started
    if proc.returncode != 0 or not out_file.exists():
        raise RuntimeError(f"benchmark child {kind!r} failed (exit {proc.returncode})")
    # ru_maxrss is in KiB on Linux.
    return ChildResult(json.loads(out_file.read_text("utf-8")), usage.ru_maxrss / 1024, elapsed)


def child_sync(spec: dict[str, Any]) -> dict[str, Any]:
    """Time `steps` syncs of one data dir, in order, and what each reported."""
    from ainews_tui.session import Session

    session = Session.load(spec["config"], spec["data"])
    session.library  # noqa: B018 - open (and migrate) before the clock starts
    times, reports = [], []
    for _ in range(spec["steps"]):
        started = time.perf_counter()
        report = session.sync()
        times.append(time.perf_counter() - started)
        reports.append(
            {
                "new": report.new,
                "updated": report.updated,
                "unchanged": report.unchanged,
                "skipped": len(report.skipped),
            }
        )
    session.close()
    return {"seconds": times, "reports": reports}
