"""A terminal program as a user sees it: run in a detached tmux session, keys sent with
`send-keys`, the screen read with `capture-pane` every POLL_S until what the user waits
for is on it. Each Tmux has its own server, killed when the block ends, so no session
outlives the bench."""

from __future__ import annotations

import itertools
import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path

SCREEN = (160, 48)
POLL_S = 0.005


class Tmux:
    def __init__(self) -> None:
        # A socket in a folder of our own: tmux leaves the file behind after kill-server.
        self._folder = Path(tempfile.mkdtemp(prefix="ainews-bench-tmux-"))
        self.base = ["tmux", "-S", str(self._folder / "socket"), "-f", "/dev/null"]
        self._names = itertools.count()

    def __enter__(self) -> Tmux:
        return self

    def __exit__(self, *_exc: object) -> None:
        subprocess.run([*self.base, "kill-server"], check=False, stderr=subprocess.DEVNULL)
        shutil.rmtree(self._folder, ignore_errors=True)

    def start(self, command: list[str]) -> tuple[str, float]:
        """A new session running `command`; its name and the time just before it began."""
        name = f"s{next(self._names)}"
        started = time.perf_counter()
        subprocess.run(
            [
                *self.base,
                "new-session",
                "-d",
                "-s",
                name,
                "-x",
                str(SCREEN[0]),
                "-y",
                str(SCREEN[1]),
                *command,
            ],
            check=True,
        )
        return name, started

    def screen(self, name: str) -> str:
        return subprocess.run(
            [*self.base, "capture-pane", "-p", "-t", name],
            capture_output=True,
            text=True,
            check=False,
        ).stdout

    def wait(self, name: str, seen: Callable[[str], bool], timeout: float) -> float | None:
        """The time at which `seen(screen)` first held, or None after `timeout` s."""
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            if seen(self.screen(name)):
                return time.perf_counter()
            time.sleep(POLL_S)
        return None

    def keys(self, name: str, *keys: str) -> float:
        """Send tmux key names (`Enter`, `j`); the time just before they went."""
        started = time.perf_counter()
        subprocess.run([*self.base, "send-keys", "-t", name, *keys], check=True)
        return started

    def type(self, name: str, text: str) -> float:
        """Send `text` literally, as fast typing; the time just before it went."""
        started = time.perf_counter()
        subprocess.run([*self.base, "send-keys", "-t", name, "-l", text], check=True)
        return started

    def open_prompt(self, name: str, settle: float, key: str = "/") -> bool:
        """Press `key` on a settled screen and wait until the screen changes (the prompt
        or search bar is open), then `settle` s more; False when nothing changed."""
        time.sleep(settle)
        before = self.screen(name)
        self.type(name, key)
        changed = self.wait(name, lambda s: s != before, 10)
        time.sleep(settle)
        return changed is not None

    def pane_pid(self, name: str) -> int | None:
        out = subprocess.run(
            [*self.base, "display-message", "-p", "-t", name, "#{pane_pid}"],
            capture_output=True,
            text=True,
            check=False,
        ).stdout.strip()
        return int(out) if out.isdigit() else None

    def stop(self, name: str, timeout: float = 10) -> None:
        """Kill the session and wait until its program has exited (newsboat holds a lock
        on its cache, so the next run must not start before it is gone)."""
        pid = self.pane_pid(name)
        subprocess.run([*self.base, "kill-session", "-t", name], check=False)
        deadline = time.perf_counter() + timeout
        while pid is not None and Path(f"/proc/{pid}").exists():
            if time.perf_counter() > deadline:
                with suppress(ProcessLookupError):
                    os.kill(pid, 9)
                break
            time.sleep(0.02)


def peak_rss_mb(pid: int | None) -> float | None:
    """VmHWM of a running process: its peak resident set so far."""
    if pid is None:
        return None
    with suppress(OSError, ValueError):
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return None


def flat(text: str) -> str:
    """Screen text without whitespace, so a needle matches across a wrapped line."""
    return "".join(text.split())


def flat_has(needle: str) -> Callable[[str], bool]:
    """A check that the screen holds `needle`, wrapped or not."""
    return lambda screen: needle in flat(screen)
