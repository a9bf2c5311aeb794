"""Clone and pull times of a git source: a generated blog repository served over git's
smart HTTP protocol on 127.0.0.1 (the test server), cloned and pulled the way `ainews
sync` does it, with the system git; and with dulwich too when it is importable, for
the comparison behind that choice.

    python bench/git_sync.py [--posts 500] [--runs 5]

Prints median (min-max) seconds of: a shallow clone, a pull with nothing new, and a pull
of one new commit.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from tests.git_sources.server import RunningServer  # noqa: E402
from tests.git_sources.upstream import Upstream  # noqa: E402

from ainews_tui.config import GitSettings  # noqa: E402
from ainews_tui.git.checkout import clone, pull  # noqa: E402
from ainews_tui.model import SourceConfig  # noqa: E402
from make_corpus import make_corpus  # noqa: E402


def timed(action: Callable[..., object], *args: object, **kwargs: object) -> float:
    start = time.perf_counter()
    action(*args, **kwargs)
    return time.perf_counter() - start


def summary(samples: list[float]) -> str:
    return f"{statistics.median(samples):.3f} s ({min(samples):.3f}-{max(samples):.3f})"


def bench_git(url: str, work: Path, upstream: Upstream, runs: int) -> dict[str, list[float]]:
    source = SourceConfig(id="blog", name="blog", kind="git", url=url)
    settings = GitSettings()
    out: dict[str, list[float]] = {"clone": [], "pull, nothing new": [], "pull, one commit": []}
    for run in range(runs):
        checkout = work / f"git-{run}"
        out["clone"].append(timed(clone, source, checkout, settings))
        out["pull, nothing new"].append(timed(pull, source, checkout, settings))
        upstream.write(f"content/new-git-{run}.md", f"---\ntitle: new {run}\n---\n\nbody\n")
        upstream.commit(f"git run {run}")
        out["pull, one commit"].append(timed(pull, source, checkout, settings))
    return out


def bench_dulwich(url: str, work: Path, upstream: Upstream, runs: int) -> dict[str, list[float]]:
    from dulwich import porcelain

    out: dict[str, list[float]] = {"clone": [], "pull, nothing new": [], "pull, one commit": []}
    with open(os.devnull, "wb") as quiet:
        for run in range(runs):
            checkout = str(work / f"dulwich-{run}")
            out["clone"].append(timed(porcelain.clone, url, checkout, depth=1, errstream=quiet))
            out["pull, nothing new"].append(timed(porcelain.pull, checkout, url, errstream=quiet))
            upstream.write(f"content/new-dulwich-{run}.md", f"---\ntitle: d {run}\n---\n\nx\n")
            upstream.commit(f"dulwich run {run}")
            out["pull, one commit"].append(timed(porcelain.pull, checkout, url, errstream=quiet))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=500)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="ainews-git-bench-"))
    try:
        upstream = Upstream(work / "upstream")
        stats = make_corpus(upstream.work / "content", posts=args.posts)
        upstream.commit(f"{args.posts} posts")
        server = RunningServer(upstream.bare.parent)
        url = server.state.url("blog.git")
        print(f"{args.posts} posts, {stats.bytes / 1e6:.1f} MB, load {os.getloadavg()[0]:.1f}")
        results = {"system git": bench_git(url, work, upstream, args.runs)}
        try:
            results["dulwich"] = bench_dulwich(url, work, upstream, args.runs)
        except ImportError:
            print("dulwich is not installed: system git only")
        server.stop()
        for library, figures in results.items():
            for what, samples in figures.items():
                print(f"{library:10}  {what:18}  {summary(samples)}")
        print(f"load {os.getloadavg()[0]:.1f} at the end")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
