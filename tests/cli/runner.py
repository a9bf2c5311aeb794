"""Running `python -m ainews_tui` as a user would: piped, or on a pseudo-terminal."""

from __future__ import annotations

import fcntl
import json
import os
import pty
import re
import struct
import subprocess
import sys
import termios
from pathlib import Path
from typing import Any

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07")


class Ainews:
    """Runs `python -m ainews_tui` with its own config and data dir."""

    def __init__(self, tmp_path: Path) -> None:
        self.config = tmp_path / "config.toml"
        self.data = tmp_path / "data"
        self.env = {
            **os.environ,
            "AINEWS_CONFIG": str(self.config),
            "AINEWS_DATA_DIR": str(self.data),
            "TZ": "Asia/Shanghai",
            "BROWSER": "true",
            "LANG": "C.UTF-8",
        }
        for name in ("COLUMNS", "LINES", "FORCE_COLOR", "NO_COLOR", "LC_ALL", "LC_MESSAGES"):
            self.env.pop(name, None)

    def __call__(
        self, *args: str, code: int = 0, env: dict[str, str] | None = None
    ) -> subprocess.CompletedProcess[str]:
        """Run with stdout and stderr piped."""
        result = subprocess.run(
            [sys.executable, "-m", "ainews_tui", *args],
            env={**self.env, **(env or {})},
            capture_output=True,
            text=True,
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
        """Run with stdout on a pseudo-terminal `columns` wide (and `COLUMNS` set, as
        a shell does); returns what the terminal showed, colours removed."""
        leader, follower = pty.openpty()
        fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 40, columns, 0, 0))
        env = {**self.env, "COLUMNS": str(columns), "TERM": "xterm-256color"}
        process = subprocess.Popen(
            [sys.executable, "-m", "ainews_tui", *args],
            env=env,
            stdin=follower,
            stdout=follower,
            stderr=subprocess.PIPE,
        )
        os.close(follower)
        chunks: list[bytes] = []
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # EIO: the child closed the terminal
                break
            if not chunk:
                break
            chunks.append(chunk)
        os.close(leader)
        stderr = process.stderr.read().decode() if process.stderr else ""
        assert process.wait(timeout=120) == code, stderr
        assert "Traceback" not in stderr, stderr
        text = b"".join(chunks).decode("utf-8").replace("\r\n", "\n")
        return ANSI.sub("", text)
