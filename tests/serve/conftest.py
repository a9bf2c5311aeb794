"""`ainews serve` on a free port of 127.0.0.1, over the bundled sample library, and the
Chromium that drives it (Debian's package, installed once when missing)."""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from support.ainews import Ainews

START_GUARD = 30.0
"""Hang guard for the server to answer (it starts in about a second)."""
CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
"""Screenshots the browser tests keep (ignored by git)."""

HEADLINE = "Meta 收购 Manus"
"""The newest story of the bundled samples: the first row the reader draws."""
HEADLINE_URL = "https://x.com/dotey/status/2006074924868440120"

ESCAPES = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[@-Z\\-_])")


def screen_text(output: str) -> str:
    """Terminal output with its escape sequences removed: the text it draws."""
    return ESCAPES.sub("", output)


@dataclass
class Served:
    url: str
    port: int
    process: subprocess.Popen[bytes]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def sample_library(tmp_path_factory: pytest.TempPathFactory) -> Ainews:
    """No config file, so the bundled samples, synced into a data dir of its own."""
    ainews = Ainews(tmp_path_factory.mktemp("served"))
    ainews("sync")
    return ainews


@pytest.fixture
def served(sample_library: Ainews) -> Iterator[Served]:
    """`ainews --config … --data-dir … --lang en serve` with no AINEWS_* variables, so
    the reader it starts for a browser can only know the library from its flags."""
    ainews, port = sample_library, _free_port()
    env = {k: v for k, v in ainews.env.items() if not k.startswith("AINEWS_")}
    paths = ["--config", str(ainews.config), "--data-dir", str(ainews.data)]
    process = subprocess.Popen(
        ainews.command(*paths, "--lang", "en", "serve", "--port", str(port)),
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_for(url, process)
        yield Served(url, port, process)
    finally:
        _stop(process)


def _wait_for(url: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + START_GUARD
    while True:
        if process.poll() is not None:
            output = process.stdout.read().decode(errors="replace") if process.stdout else ""
            raise AssertionError(f"ainews serve exited with {process.returncode}: {output}")
        try:
            with urllib.request.urlopen(url + "/", timeout=2):
                return
        except (urllib.error.URLError, ConnectionError):
            assert time.monotonic() < deadline, f"ainews serve did not answer in {START_GUARD} s"
            time.sleep(0.02)


def _stop(process: subprocess.Popen[bytes]) -> None:
    """SIGTERM (the server stops its readers), then SIGKILL the group if it lingers."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(timeout=15)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=15)
    if process.stdout:
        process.stdout.close()


@pytest.fixture(scope="session")
def chromium() -> str:
    """Debian's Chromium; installed with apt-get when missing (once, under a lock, as
    .ci/run does), and the test skips only when it cannot be installed."""
    if os.access(CHROMIUM, os.X_OK):
        return CHROMIUM
    lock_path = Path(tempfile.gettempdir()) / "ainews-chromium-install.lock"
    with open(lock_path, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not os.access(CHROMIUM, os.X_OK):
            _apt_install("chromium")
    if not os.access(CHROMIUM, os.X_OK):
        pytest.skip("no Chromium: /usr/bin/chromium is missing and apt-get could not install it")
    return CHROMIUM


def _apt_install(package: str) -> None:
    if shutil.which("apt-get") is None or os.geteuid() != 0:
        return
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for command in (["apt-get", "update", "-q"], ["apt-get", "install", "-y", "-q", package]):
        result = subprocess.run(command, env=env, capture_output=True, timeout=900, check=False)
        if result.returncode != 0 and command[1] == "install":
            return
