"""The one way tests run the `ainews` command: a real subprocess with its own config and
data dir, a fixed zone and width, and no way to reach a real browser."""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import pty
import re
import signal
import struct
import subprocess
import sys
import termios
from pathlib import Path
from typing import Any

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07")


class Ainews:
    """Runs `python -m ainews_tui` with the config and data dir under `root`."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.config = root / "config.toml"
        self.data = root / "data"
        self.env = {
            **os.environ,
            "AINEWS_CONFIG": str(self.config),
            "AINEWS_DATA_DIR": str(self.data),
            "TZ": "Asia/Shanghai",
            "BROWSER": "true",
            "COLUMNS": "200",
        }
        for name in ("FORCE_COLOR", "NO_COLOR", "TERM"):
            self.env.pop(name, None)

    def use_folders(self, folders: dict[str, Path], extra: str = "") -> None:
        """Write a config whose sources are these folders, named by their keys."""
        blocks = "".join(
            f'\n[[sources]]\nid = "{name}"\nname = "{name}"\nkind = "dir"\npath = "{path}"\n'
            for name, path in folders.items()
        )
        self.config.write_text(extra + blocks, encoding="utf-8")

    def command(self, *args: str) -> list[str]:
        return [sys.executable, "-m", "ainews_tui", *args]

    def __call__(
        self, *args: str, code: int = 0, env: dict[str, str] | None = None
    ) -> subprocess.CompletedProcess[str]:
        """Run to completion as text, piped; no traceback, and exit `code`. `env` adds
        to (or overrides) the environment."""
        result = subprocess.run(
            self.command(*args),
            env={**self.env, **(env or {})},
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=120,
            check=False,
        )
        assert "Traceback" not in result.stderr, result.stderr
        assert result.returncode == code, (result.stdout, result.stderr)
        return result

    def json(self, *args: str) -> list[dict[str, Any]]:
        data = json.loads(self(*args, "--json").stdout)
        assert isinstance(data, list)
        return data

    def tty(self, *args: str, columns: int, code: int = 0) -> str:
        """Run with stdout on a pseudo-terminal `columns` wide (and `COLUMNS` set, as a
        shell does); returns what the terminal showed, colours removed."""
        raw = self.tty_bytes(*args, columns=columns, code=code)
        return ANSI.sub("", raw.decode("utf-8").replace("\r\n", "\n"))

    def tty_bytes(self, *args: str, columns: int, code: int = 0) -> bytes:
        """As `tty`, but every byte the terminal got, escape sequences and all."""
        leader, follower = pty.openpty()
        fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 40, columns, 0, 0))
        env = {**self.env, "COLUMNS": str(columns), "TERM": "xterm-256color"}
        process = subprocess.Popen(
            self.command(*args), env=env, stdin=follower, stdout=follower, stderr=subprocess.PIPE
        )
        os.close(follower)
        chunks: list[bytes] = []
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # EIO: the command exited and the terminal closed
                break
            if not chunk:
                break
            chunks.append(chunk)
        os.close(leader)
        stderr = process.stderr.read().decode() if process.stderr else ""
        assert process.wait(timeout=120) == code, stderr
        assert "Traceback" not in stderr, stderr
        return b"".join(chunks)

    def run(
        self,
        *args: str,
        code: int | None = 0,
        timeout: float = 120,
        env: dict[str, str] | None = None,
    ) -> subprocess.CompletedProcess[bytes]:
        """Run to completion; stdout and stderr stay bytes so tests see every byte."""
        result = subprocess.run(
            self.command(*args),
            env=env or self.env,
            capture_output=True,
            timeout=timeout,
            check=False,
        )
        assert b"Traceback" not in result.stderr, result.stderr.decode(errors="replace")
        if code is not None:
            assert result.returncode == code, (result.stdout[-2000:], result.stderr[-2000:])
        return result

    def start(self, *args: str) -> subprocess.Popen[bytes]:
        """Start in its own process group, so a kill also reaches its parse workers."""
        return subprocess.Popen(
            self.command(*args),
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            start_new_session=True,
        )

    def crash_writing_state(self, script: str) -> Path:
        """Run `script` on this data dir's state.db until it prints `ready`, then kill -9
        it (its last transactions stay in the WAL); returns the state.db path."""
        self.use_folders({})
        state_db = self.data / "state.db"
        self.data.mkdir(exist_ok=True)
        writer = subprocess.Popen(
            [sys.executable, "-c", script, str(state_db)],
            stdout=subprocess.PIPE,
            start_new_session=True,
        )
        assert writer.stdout is not None and writer.stdout.readline() == b"ready\n"
        self.kill(writer)
        writer.stdout.close()
        return state_db

    @staticmethod
    def kill(process: subprocess.Popen[bytes]) -> None:
        """SIGKILL the process group (the command and any parse workers it forked)."""
        with contextlib.suppress(ProcessLookupError):  # the whole group already exited
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
