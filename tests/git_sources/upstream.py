"""An upstream blog repository the tests commit to and push from, like its author would."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

_ENV = {
    **os.environ,
    "GIT_AUTHOR_NAME": "Digest Author",
    "GIT_AUTHOR_EMAIL": "author@example.com",
    "GIT_COMMITTER_NAME": "Digest Author",
    "GIT_COMMITTER_EMAIL": "author@example.com",
    "GIT_CONFIG_NOSYSTEM": "1",
    "HOME": os.environ.get("HOME", "/tmp"),
}


def git(*args: str, cwd: Path) -> str:
    return subprocess.run(
        ["git", *args], cwd=cwd, env=_ENV, capture_output=True, text=True, check=True
    ).stdout


def post(day: int, title: str, story: str = "一条新闻") -> str:
    return (
        f"---\ntitle: {title}\ndate: 2025-12-{day:02d}\ncategories: [日报]\n---\n\n"
        f"1. [**{story} {day}**](https://news.example.com/{title}/{day})\n"
        f"   {story}的摘要。\n"
    )


class Upstream:
    """A bare repository `<root>/<name>.git` (what the server serves) and a work tree."""

    def __init__(self, root: Path, name: str = "blog", branch: str = "main") -> None:
        root = root.resolve()
        self.bare = root / "served" / f"{name}.git"
        self.work = root / f"{name}-work"
        self.branch = branch
        self.bare.mkdir(parents=True)
        git("init", "-q", "--bare", f"--initial-branch={branch}", ".", cwd=self.bare)
        self.work.mkdir()
        git("init", "-q", f"--initial-branch={branch}", ".", cwd=self.work)
        git("remote", "add", "origin", str(self.bare), cwd=self.work)

    def write(self, relpath: str, text: str) -> None:
        path = self.work / relpath
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")

    def commit(self, message: str, *, force: bool = False) -> None:
        git("add", "-A", cwd=self.work)
        git("commit", "-q", "-m", message, cwd=self.work)
        git("push", "-q", *(["--force"] if force else []), "origin", self.branch, cwd=self.work)

    def rewrite_history(self, message: str) -> None:
        """Squash everything into one new root commit and force-push it."""
        git("checkout", "-q", "--orphan", "rewritten", cwd=self.work)
        git("add", "-A", cwd=self.work)
        git("commit", "-q", "-m", message, cwd=self.work)
        git("branch", "-q", "-M", self.branch, cwd=self.work)
        git("push", "-q", "--force", "origin", self.branch, cwd=self.work)
