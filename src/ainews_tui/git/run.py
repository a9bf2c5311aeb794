"""Run the system `git` under the limits an untrusted server calls for.

A deadline for the whole command, git's own low-speed abort for a server that stops
sending, a cap on the size of the folder being written (checked while git runs), no
password prompts, and only the transports a blog is published over.
"""

from __future__ import annotations

import contextlib
import math
import os
import re
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path

from ..config import GitSettings
from ..sizes import human_size

_POLL = 0.2
"""Seconds between looks at the deadline and the folder size while git runs."""
_GRACE = 3.0
"""Seconds git gets after SIGTERM to remove its lock files before it is killed."""

# Symlinks are checked out as small text files: a post linking to ~/.ssh/id_rsa must not
# be read into the library. ext:: (runs a command) and the rest are refused.
_SAFE_CONFIG = (
    "core.symlinks=false",
    "protocol.allow=never",
    "protocol.https.allow=always",
    "protocol.http.allow=always",
    "protocol.ssh.allow=always",
    "protocol.git.allow=always",
    "protocol.file.allow=always",
)


class GitError(Exception):
    """A clone or pull that failed; the message is one line with the reason."""


def git_command() -> str:
    """The path of `git`, or a GitError saying it is needed."""
    found = shutil.which("git")
    if found is None:
        raise GitError("git is not installed: git sources need the `git` command on the PATH")
    return found


def run_git(
    args: list[str], settings: GitSettings, *, cwd: Path | None = None, watch: Path | None = None
) -> str:
    """Run `git args` and return what it printed; raise GitError with a one-line reason
    when it fails or a limit is hit.

    `watch` is the folder git writes into: it may not grow past `settings.max_bytes`.
    """
    stall = max(1, math.ceil(settings.stall_timeout))
    command = [git_command(), "-c", "http.lowSpeedLimit=1", "-c", f"http.lowSpeedTime={stall}"]
    for option in _SAFE_CONFIG:
        command += ["-c", option]
    env = {
        **os.environ,
        "LC_ALL": "C",  # error messages in English, for `reason`
        "GIT_TERMINAL_PROMPT": "0",
        "GIT_SSH_COMMAND": os.environ.get("GIT_SSH_COMMAND", "ssh -o BatchMode=yes"),
    }
    # Files, not pipes: nobody reads a pipe while we wait, and a full one would stall git.
    with tempfile.TemporaryFile() as output, tempfile.TemporaryFile() as errors:
        # A session of its own, so a limit stops git and every helper it started.
        process = subprocess.Popen(
            command + args,
            cwd=cwd,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=output,
            stderr=errors,
            start_new_session=True,
        )
        try:
            _watch(process, settings, watch)
        finally:
            if process.returncode is None:
                _stop(process)
        if watch is not None:
            check_size(tree_size(watch), settings)
        if process.returncode != 0:
            errors.seek(0)
            raise GitError(reason(errors.read().decode("utf-8", "replace"), settings))
        output.seek(0)
        return output.read().decode("utf-8", "replace")


def _watch(process: subprocess.Popen[bytes], settings: GitSettings, watch: Path | None) -> None:
    deadline = time.monotonic() + settings.total_timeout
    while True:
        try:
            process.wait(timeout=_POLL)
            return
        except subprocess.TimeoutExpired:
            pass
        if time.monotonic() > deadline:
            raise GitError(f"gave up after {settings.total_timeout:g} s ([git] total_timeout)")
        if watch is not None:
            check_size(tree_size(watch), settings)


def check_size(size: int, settings: GitSettings) -> None:
    """GitError when a checkout of `size` bytes is over the limit."""
    if size > settings.max_bytes:
        raise GitError(
            f"the repository is larger than the {human_size(settings.max_bytes)} limit "
            "([git] max_bytes)"
        )


def _stop(process: subprocess.Popen[bytes]) -> None:
    for sig, wait in ((signal.SIGTERM, _GRACE), (signal.SIGKILL, None)):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, sig)
        try:
            process.wait(timeout=wait)
            return
        except subprocess.TimeoutExpired:
            continue


def tree_size(folder: Path) -> int:
    """Bytes of every file under `folder` (links not followed); files git removes
    while we look are skipped."""
    total = 0
    stack = [str(folder)]
    while stack:
        try:
            entries = list(os.scandir(stack.pop()))
        except OSError:
            continue
        for entry in entries:
            try:
                if entry.is_dir(follow_symlinks=False):
                    stack.append(entry.path)
                else:
                    total += entry.stat(follow_symlinks=False).st_size
            except OSError:
                continue
    return total


_REASONS = (
    (r"couldn't find remote ref (?:refs/heads/)?(\S+)", "branch {0} is not on the server"),
    (r"Remote branch (\S+) not found", "branch {0} is not on the server"),
    (r"Operation too slow", "the server sent nothing for {stall} s ([git] stall_timeout)"),
    (r"Could not resolve host: (\S+)", "cannot find the host {0}"),
    (r"Failed to connect to (\S+) port (\d+)", "cannot connect to {0} port {1}"),
    (r"repository '(.*)' not found", "no repository at {0}"),
    (r"does not appear to be a git repository", "not a git repository"),
    (r"could not read Username|Authentication failed", "the server asks for a login"),
    (r"Permission denied \(publickey|Host key verification failed", "ssh refused the login"),
    (r"transport '(\w+)' not allowed", "the {0} transport is not supported"),
)


def reason(stderr: str, settings: GitSettings) -> str:
    """One line for what git wrote to stderr."""
    stall = f"{max(1, math.ceil(settings.stall_timeout))}"
    for pattern, message in _REASONS:
        match = re.search(pattern, stderr)
        if match:
            return message.format(*(g.rstrip("'.") for g in match.groups()), stall=stall)
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    fatal = [line for line in lines if line.startswith(("fatal:", "error:"))]
    last = (fatal or lines or ["git failed without saying why"])[-1]
    return "git: " + re.sub(r"^(fatal|error):\s*", "", last)
