"""Every speed figure of issue 6 in one command: a table on screen, the details in JSON.

    python bench/run.py [--posts 10000] [--runs 5] [--json OUT] [--quick]
    python bench/run.py --newsboat [--sizes 1000,10000,50000] [--runs 5|5,5,1] [--json OUT]

Generates the corpus with make_corpus.py (cached under the temp dir by its parameters,
plus one 30 KB and one 400 KB post to open), then measures, each in a fresh process so
peak RSS belongs to one thing: first sync, unchanged re-sync, re-sync after 1 % of the
files changed; the reader's first paint headless (`App.run_test`, from building the app
to the first frame showing a row) and in tmux (from starting `ainews` to a known headline
in `tmux capture-pane`); cursor moves (`j` until the moved highlight is in a frame), also
while another process syncs into the same library; opening the 30 KB and the 400 KB post
(until the reader's first lines are in a frame, the whole post settled, and the longest
stall of the event loop meanwhile: while it is short, keys are handled); search p50/p95
through the engine for 3+ and 1-2 character terms. Then the same on ../shared/corpus
when it is there. Every sample is stored with the 1-minute load average at its start:
this machine is shared, so read the figures with the load beside them.

--newsboat (or --sizes alone, without the newsboat column) runs bench/versus.py instead:
ainews beside newsboat on the same posts at several sizes, for issues 12 and 13.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import shutil
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
SHARED_CORPUS = REPO.parent / "shared" / "corpus"
sys.path.insert(0, str(BENCH))
from children import child_sync, run_child  # noqa: E402
from corpus_cache import OPEN_SIZES, cached_corpus, changed_files, markdown_files, write_config  # noqa: E402
from reader_tmux import AinewsInTmux  # noqa: E402
from results import Results, load1, percentile  # noqa: E402
from tmux_driver import SCREEN, Tmux  # noqa: E402

MOVE_GAP_S = 0.15
"""Pause between `j` presses: longer than the reader's burst gap (BURST_GAP, 0.05 s), so
each move also starts rendering a story in a worker, as when someone reads down the list."""

TARGETS: dict[str, tuple[str, float]] = {
    "sync.first": ("<=", 10.0),
    "sync.unchanged": ("<=", 0.3),
    "tui.paint.headless": ("<=", 0.35),
    "tui.paint.tmux": ("<=", 0.35),
    "tui.cursor": ("<=", 20.0),
    "tui.cursor.during_sync": ("<=", 20.0),
    "tui.open.30k.first_lines": ("<=", 50.0),
    "tui.open.400k.first_lines": ("<=", 300.0),
    "search.3plus.p95": ("<=", 30.0),
    "rss.reader": ("<=", 200.0),
    "rss.reader.tmux": ("<=", 200.0),
}


def open_targets(corpus: Path, generated: bool, data: Path) -> dict[str, Path]:
    """The files to open: the generated long posts, or the real posts nearest in size."""
    if generated:
        return {label: next((corpus / "long").glob(f"*-long-{label}.md")) for label in OPEN_SIZES}
    with sqlite3.connect(data / "library.db") as conn:
        posts = [corpus / str(r[0]) for r in conn.execute("SELECT relpath FROM posts")]
    files = [(p.stat().st_size, p) for p in posts if p.is_file()]
    return {
        label: min(files, key=lambda f: abs(f[0] - size))[1] for label, size in OPEN_SIZES.items()
    }


# --- children: one measured thing per process (bench/children.py runs them) ------------


def child_main(kind: str, spec_file: Path) -> None:
    spec = json.loads(spec_file.read_text("utf-8"))
    runner = {"sync": child_sync, "reader": child_reader, "search": child_search}[kind]
    result = runner(spec)
    Path(spec["out"]).write_text(json.dumps(result, ensure_ascii=False), encoding="utf-8")


def child_search(spec: dict[str, Any]) -> dict[str, Any]:
    """p50/p95 of `search()` from query string to keys, per class of term."""
    from ainews_tui.session import Session
    from search_bench import query_classes, term_class

    session = Session.load(spec["config"], spec["data"])
    timings: dict[str, list[float]] = {"3plus": [], "short": []}
    by_class: dict[str, list[float]] = {}
    hits: dict[str, int] = {}
    for name, queries in query_classes(spec["seed"]).items():
        group = "short" if term_class(name) == "1-2 chars" else "3plus"
        for query in queries:
            hits[query] = len(session.library.search(query).keys)  # warm-up
            for _ in range(spec["rounds"]):
                started = time.perf_counter()
                session.library.search(query)
                ms = (time.perf_counter() - started) * 1000
                timings[group].append(ms)
                by_class.setdefault(name, []).append(ms)
    session.close()
    return {"timings": timings, "by_class": by_class, "hits": hits}


def child_reader(spec: dict[str, Any]) -> dict[str, Any]:
    started = time.perf_counter()
    from ainews_tui.collector import tune_collector
    from ainews_tui.session import Session
    from ainews_tui.tui.app import make_app

    imported = time.perf_counter() - started
    session = Session.load(spec["config"], spec["data"])
    constructed = time.perf_counter()
    app = make_app(session.settings, session.paths)
    tune_collector()  # as every `ainews` command does
    result = asyncio.run(ReaderProbe(app, spec, constructed).run())
    return result | {"import_s": imported}


class ReaderProbe:
    """Drives the reader through Pilot and times frames with `post_display_hook`, which
    Textual calls after every screen update (headless too, after the compositor has
    rendered the changed lines)."""

    def __init__(self, app: Any, spec: dict[str, Any], constructed: float) -> None:
        self.app = app
        self.spec = spec
        self.constructed = constructed
        self.pending = set(spec["open"].values())
        """Posts still to open: none may be rendered before its own measure."""
        self.waiting: list[tuple[Callable[[], bool], asyncio.Future[float]]] = []
        app.post_display_hook = self._frame

    def _frame(self) -> None:
        now = time.perf_counter()
        for check, future in list(self.waiting):
            if not future.done() and check():
                future.set_result(now)
                self.waiting.remove((check, future))

    def expect(self, check: Callable[[], bool]) -> asyncio.Future[float]:
        """The time of the first frame drawn while `check()` holds, from now on."""
        future: asyncio.Future[float] = asyncio.get_running_loop().create_future()
        self.waiting.append((check, future))
        return future

    async def frame_where(self, check: Callable[[], bool], timeout: float) -> float | None:
        return await self.arrival(self.expect(check), timeout)

    @staticmethod
    async def arrival(future: asyncio.Future[float], timeout: float) -> float | None:
        try:
            return await asyncio.wait_for(future, timeout)
        except TimeoutError:
            return None

    async def run(self) -> dict[str, Any]:
        from ainews_tui.tui.screens.main import MainScreen

        result: dict[str, Any] = {}
        app = self.app
        async with app.run_test(size=SCREEN) as pilot:

            def listed() -> bool:
                screen = app.screen
                return isinstance(screen, MainScreen) and screen.news_list.entry_at(0) is not None

            painted = await self.frame_where(listed, 60)
            result["paint_s"] = None if painted is None else painted - self.constructed
            screen = app.screen
            assert isinstance(screen, MainScreen)
            await self.settle(pilot)
            result["moves_ms"] = await self.cursor_moves(pilot, screen)
            result["opens"] = {
                label: await self.open_post(pilot, screen, key)
                for label, key in self.spec["open"].items()
            }
            if self.spec.get("stalls"):
                import reader_stalls

                first = next(iter(self.spec["open"].values()))
                result["reopen_ms"] = await reader_stalls.reopen(self, pilot, screen, first)
                result["marks"] = await reader_stalls.marks(self, pilot, screen)
                folder = Path(self.spec["stalls"])
                result["sync_adds"] = await reader_stalls.sync_adds(self, pilot, screen, folder)
        return result

    @staticmethod
    def stall_watch() -> StallWatch:
        return StallWatch()

    def first_row_of(self, post_key: str) -> int:
        library_db = self.app.ctx.paths.library_db
        return _index_of_first_item(library_db, post_key)

    async def settle(self, pilot: Any) -> None:
        from textual.worker import WorkerCancelled

        await pilot.pause(0.3)
        # While a sync runs, live reload starts view loads that cancel each other.
        with suppress(WorkerCancelled):
            await self.app.workers.wait_for_complete()
        await pilot.pause()

    async def cursor_moves(self, pilot: Any, screen: Any) -> list[float]:
        news_list = screen.news_list
        news_list.focus()
        await pilot.pause()
        times = []
        for _ in range(self.spec["moves"]):
            target = news_list.cursor + 1
            started = time.perf_counter()
            waiting = self.expect(lambda t=target: news_list.cursor == t)
            await pilot.press("j")
            shown = await self.arrival(waiting, 10)
            if shown is not None:
                times.append((shown - started) * 1000)
            await asyncio.sleep(MOVE_GAP_S)
        await self.settle(pilot)
        return times

    async def open_post(self, pilot: Any, screen: Any, post_key: str) -> dict[str, Any]:
        """Put the cursor on the post's first story and choose it (`j` then `enter`), as
        one step so the post is not rendered for the `j` alone first."""
        index = self.first_row_of(post_key)
        news_list, reader = screen.news_list, screen.reader
        news_list.focus()
        news_list.move_to(max(0, index - 1))
        deadline = time.perf_counter() + 30
        while news_list.entry_at(index) is None and time.perf_counter() < deadline:
            await pilot.pause(0.02)
        await self.settle(pilot)
        above = news_list.entry_at(max(0, index - 1))
        if above is not None and above.post_key in self.pending:
            raise RuntimeError(f"{post_key} follows another post to open; reorder OPEN_SIZES")
        self.pending.discard(post_key)
        stall = StallWatch()
        stall.start()
        started = time.perf_counter()
        first_frame = self.expect(lambda: reader.post is not None and reader.post.key == post_key)
        settled_frame = self.expect(
            lambda: reader.post is not None and reader.post.key == post_key and reader.post.complete
        )
        news_list.move_to(index)
        news_list.choose()
        first = await self.arrival(first_frame, 60)
        settled = await self.arrival(settled_frame, 120)
        stall.stop()
        lines = len(reader.post.lines) if reader.post is not None else 0
        await self.settle(pilot)
        news_list.focus()
        return {
            "first_lines_ms": None if first is None else (first - started) * 1000,
            "settled_ms": None if settled is None else (settled - started) * 1000,
            "max_stall_ms": stall.worst * 1000,
            "lines": lines,
        }


class StallWatch:
    """The longest time the event loop could not run a 2 ms timer: while that stays
    short, a key press is handled promptly."""

    TICK = 0.002

    def __init__(self) -> None:
        self.worst = 0.0
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        self._task = asyncio.ensure_future(self._watch())

    def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()

    async def _watch(self) -> None:
        while True:
            started = time.perf_counter()
            await asyncio.sleep(self.TICK)
            self.worst = max(self.worst, time.perf_counter() - started - self.TICK)


def _index_of_first_item(library_db: Path, post_key: str) -> int:
    """The row of a post's first story in the All view (same order as list_items), read
    from the file directly: the bench needs a position the library has no call for."""
    conn = sqlite3.connect(library_db)
    sort_ts, position = conn.execute(
        "SELECT sort_ts, min(position) FROM items WHERE post_key = ?", (post_key,)
    ).fetchone()
    return int(
        conn.execute(
            "SELECT count(*) FROM items WHERE sort_ts > ? OR (sort_ts = ? AND (post_key > ? "
            "OR (post_key = ? AND position < ?)))",
            (sort_ts, sort_ts, post_key, post_key, position),
        ).fetchone()[0]
    )


# --- the parent: what to run, in which order ---------------------------------------------


@dataclass
class Plan:
    runs: int
    moves: int
    rounds: int
    seed: int
    work: Path
    say: Callable[[str], None]


def bench_corpus(corpus: Path, generated: bool, plan: Plan) -> dict[str, Any]:
    """Every measure on one corpus."""
    results = Results(TARGETS)
    files = markdown_files(corpus)
    data = measure_sync(corpus, files, plan, results)
    config = plan.work / f"{corpus.name}-reader.toml"
    write_config(config, [("corpus", corpus)])
    targets = open_targets(corpus, generated, data)
    keys = {
        label: f"corpus:{path.relative_to(corpus).as_posix()}" for label, path in targets.items()
    }
    reader_spec = {"config": str(config), "data": str(data), "moves": plan.moves, "open": keys}
    measure_reader(reader_spec, results, "", plan)
    measure_reader_during_sync(corpus, data, reader_spec, results, plan)
    if shutil.which("tmux") is None:
        results["tui.paint.tmux"].note = "skipped: tmux is not installed"
    else:
        with Tmux() as tmux:
            AinewsInTmux(tmux, config, data, results).paint(plan.runs)
    measure_search(config, data, results, plan)
    with sqlite3.connect(data / "library.db") as conn:
        posts, items = conn.execute(
            "SELECT (SELECT count(*) FROM posts), (SELECT count(*) FROM items)"
        ).fetchone()
    return {
        "path": str(corpus),
        "files": len(files),
        "posts": posts,
        "items": items,
        "bytes": sum(p.stat().st_size for p in corpus.rglob("*.md") if p.is_file()),
        "open": {
            label: {"path": str(path), "bytes": path.stat().st_size}
            for label, path in targets.items()
        },
        "measures": results.to_json(),
    }


def measure_sync(corpus: Path, files: list[Path], plan: Plan, results: Results) -> Path:
    """First sync + unchanged re-sync in one child, then the 1 % re-sync in another;
    returns the data dir of the last run, for the reader and search measures."""
    config = write_config(plan.work / f"{corpus.name}-sync.toml", [("corpus", corpus)])
    data = plan.work
    for run in range(plan.runs):
        data = plan.work / f"{corpus.name}-data-{run}"
        load = load1()
        first = run_child("sync", {"config": str(config), "data": str(data), "steps": 2}, plan.work)
        results["sync.first"].add(first.data["seconds"][0], load)
        results["sync.unchanged"].add(first.data["seconds"][1], load1())
        results["rss.sync"].add(first.peak_rss_mb, load)
        with changed_files(files) as changed:
            load = load1()
            again = run_child(
                "sync", {"config": str(config), "data": str(data), "steps": 1}, plan.work
            )
        results["sync.touched_1pct"].add(again.data["seconds"][0], load)
        report = again.data["reports"][0]
        results[
            "sync.touched_1pct"
        ].note = f"{changed} files changed; sync reported {report['updated']} updated"
        plan.say(
            f"  sync run {run + 1}: first {first.data['seconds'][0]:.2f} s, unchanged "
            f"{first.data['seconds'][1]:.3f} s, 1 % {again.data['seconds'][0]:.2f} s "
            f"(load {load:.1f})"
        )
        if run < plan.runs - 1:
            shutil.rmtree(data)
    results["rss.sync"].note = (
        "largest single process of the first sync (the parse "
        "workers are separate processes of about the same size)"
    )
    return data


def measure_reader(
    spec: dict[str, Any], results: Results, suffix: str, plan: Plan, runs: int | None = None
) -> None:
    """`runs` fresh reader processes."""
    failed = 0
    for _ in range(runs or plan.runs):
        load = load1()
        try:
            child = run_child("reader", spec, plan.work)
        except RuntimeError as exc:  # one failed run must not lose every other figure
            plan.say(f"  {exc}; its traceback is above")
            failed += 1
            continue
        if not suffix:
            results["tui.paint.headless"].add(child.data["paint_s"], load)
            results["tui.import"].add(child.data["import_s"] * 1000, load)
            results["rss.reader"].add(child.peak_rss_mb, load)
        for ms in child.data["moves_ms"]:
            results["tui.cursor" + suffix].add(ms, load)
        for label, opened in child.data["opens"].items():
            for what in ("first_lines_ms", "settled_ms", "max_stall_ms"):
                name = f"tui.open.{label}.{what.removesuffix('_ms')}{suffix}"
                results[name].add(opened[what], load)
    results["tui.cursor" + suffix].note = (
        f"{plan.moves} presses a run, {MOVE_GAP_S} s apart; samples are single presses"
        + (f"; {failed} reader run(s) FAILED" if failed else "")
    )
    results["rss.reader"].note = "headless reader after first paint, moves and both opens"


def measure_reader_during_sync(
    corpus: Path, data: Path, spec: dict[str, Any], results: Results, plan: Plan
) -> None:
    """The reader on a copy of the library while another process keeps syncing into it:
    the parse workers load both cores, every batch commits to the library the reader
    reads, and the reader's live reload follows each commit."""
    copy = plan.work / f"{corpus.name}-data-during-sync"
    shutil.copytree(data, copy)
    with BackgroundSync(corpus, copy, plan.work) as syncs:
        # Cursor moves only: live reload re-reads the view after every commit, and an
        # open waiting for its frame through those resets could take minutes.
        measure_reader(
            spec | {"data": str(copy), "open": {}},
            results,
            ".during_sync",
            plan,
            runs=max(1, min(plan.runs, 3)),
        )
    results["tui.cursor.during_sync"].note += (
        f"; another process synced into the same library throughout ({syncs.started} "
        "syncs, each adding the corpus again as a new source and dropping the previous one)"
    )
    shutil.rmtree(copy)


class BackgroundSync:
    """`ainews sync` in a loop until the block ends. Each round's config names the
    corpus under a new source id, so every round parses and writes the whole corpus
    (and drops the previous copy): a small corpus would otherwise be done in seconds."""

    def __init__(self, corpus: Path, data: Path, work: Path) -> None:
        self.corpus, self.data, self.work = corpus, data, work
        self.started = 0
        self._stop = threading.Event()
        self._proc: subprocess.Popen[bytes] | None = None
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def __enter__(self) -> BackgroundSync:
        self._thread.start()
        time.sleep(1.0)  # past start-up, into parsing and writing
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stop.set()
        with self._lock:
            if self._proc is not None and self._proc.poll() is None:
                # The sync and its parse workers share the session it was started in.
                os.killpg(self._proc.pid, signal.SIGTERM)
        self._thread.join()

    def _loop(self) -> None:
        while not self._stop.is_set():
            config = write_config(
                self.work / f"background-{self.started}.toml",
                [("corpus", self.corpus), (f"corpus-again-{self.started}", self.corpus)],
            )
            with self._lock:
                if self._stop.is_set():
                    return
                self._proc = subprocess.Popen(
                    [
                        sys.executable,
                        "-m",
                        "ainews_tui",
                        "--config",
                        str(config),
                        "--data-dir",
                        str(self.data),
                        "sync",
                    ],
                    stdin=subprocess.DEVNULL,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                    start_new_session=True,
                )
                self.started += 1
            self._proc.wait()


def measure_search(config: Path, data: Path, results: Results, plan: Plan) -> None:
    for _ in range(plan.runs):
        load = load1()
        child = run_child(
            "search",
            {"config": str(config), "data": str(data), "seed": plan.seed, "rounds": plan.rounds},
            plan.work,
        )
        for group, timings in child.data["timings"].items():
            results[f"search.{group}.p50"].add(statistics.median(timings), load)
            results[f"search.{group}.p95"].add(percentile(timings, 0.95), load)
    for group, what in (("3plus", "3+ character terms"), ("short", "1-2 character terms")):
        for stat in ("p50", "p95"):
            results[f"search.{group}.{stat}"].note = (
                f"{what} (bench/search_bench.py's queries, {plan.rounds} rounds each); "
                f"samples are one {stat} per run"
            )


# --- output ------------------------------------------------------------------------------


def table(name: str, corpus: dict[str, Any]) -> list[str]:
    lines = [
        f"{name}: {corpus['posts']} posts, {corpus['items']} items, {corpus['bytes'] / 1e6:.1f} MB",
        f"  {'measure':<34} {'median':>9} {'min–max':>19} {'n':>4} {'load':>11}  target",
    ]
    for key, m in corpus["measures"].items():
        if not m["samples"]:
            lines.append(f"  {key:<34} {'-':>9}  {m['note']}")
            continue
        digits = 3 if m["unit"] == "s" else 1
        span = f"{m['min']:.{digits}f}–{m['max']:.{digits}f}"
        load = f"{min(m['load1']):.1f}–{max(m['load1']):.1f}"
        verdict = ""
        if "target" in m:
            verdict = f"<= {m['target']:g} {'ok' if m['met'] else 'MISSED'}"
        lines.append(
            f"  {key:<34} {m['median']:>7.{digits}f} {m['unit']:<2}"
            f"{span:>18} {len(m['samples']):>4} {load:>11}  {verdict}"
        )
    return lines


def machine() -> dict[str, Any]:
    import textual

    return {
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "textual": textual.__version__,
        "platform": platform.platform(),
        "load_at_start": os.getloadavg(),
    }


def cache_compiled_modules() -> None:
    """Time ainews as a user's Python runs it: with its modules compiled once and cached.
    A shell that sets PYTHONDONTWRITEBYTECODE (this machine's does) would otherwise make
    every start compile all of ainews first (about 30 ms of each CLI command)."""
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    import ainews_tui

    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(Path(ainews_tui.__file__).parent)],
        check=True,
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=10_000)
    parser.add_argument(
        "--runs",
        help="fresh runs per measure (default 5); with --sizes one number for every size "
        "or one per size (5,5,1); the side-by-side default is 5, and 1 from 50,000 posts",
    )
    parser.add_argument("--moves", type=int, default=20, help="cursor moves per reader run")
    parser.add_argument("--rounds", type=int, default=10, help="timings per search query")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--json",
        type=Path,
        help="where to write the figures (default: ainews-bench.json in the temp dir)",
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help="smoke run: 300 posts, 2 runs, 5 moves, no ../shared/corpus",
    )
    parser.add_argument("--no-shared", action="store_true", help="skip ../shared/corpus")
    parser.add_argument(
        "--newsboat",
        action="store_true",
        help="issues 12/13: ainews beside newsboat on the same posts (bench/versus.py)",
    )
    parser.add_argument(
        "--sizes",
        help="post counts for the side-by-side run and its growth table (default with "
        "--newsboat: 1000,10000,50000; --quick: 300,1000)",
    )
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child_main(args.child[0], Path(args.child[1]))
        return 0
    cache_compiled_modules()
    if args.quick:
        args.posts, args.runs, args.moves, args.rounds = 300, args.runs or "2", 5, 3
        args.no_shared = True
    out = args.json or Path(tempfile.gettempdir()) / "ainews-bench.json"

    def say(line: str) -> None:
        print(line, flush=True)

    if args.newsboat or args.sizes:
        return side_by_side(args, out, say)
    try:
        args.runs = int(args.runs or 5)
    except ValueError:
        sys.exit(f"--runs takes one number without --sizes; got {args.runs!r}")
    work = Path(tempfile.mkdtemp(prefix="ainews-bench-"))
    plan = Plan(args.runs, args.moves, args.rounds, args.seed, work, say)
    report: dict[str, Any] = {
        "started": datetime.now(UTC).isoformat(timespec="seconds"),
        "args": {
            "posts": args.posts,
            "runs": args.runs,
            "moves": args.moves,
            "rounds": args.rounds,
            "seed": args.seed,
            "quick": args.quick,
        },
        "machine": machine(),
        "corpora": {},
    }
    try:
        corpora = [("generated", cached_corpus(args.posts, args.seed, say), True)]
        if not args.no_shared and SHARED_CORPUS.is_dir():
            # A copy: the 1 % re-sync edits files, and other people read the original.
            copy = work / "shared-corpus"
            shutil.copytree(SHARED_CORPUS, copy, symlinks=True)
            corpora.append(("shared", copy, False))
        for name, corpus, generated in corpora:
            say(f"{name}: {corpus}")
            report["corpora"][name] = bench_corpus(corpus, generated, plan)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    report["finished"] = datetime.now(UTC).isoformat(timespec="seconds")
    say("")
    say(
        f"{report['machine']['cpus']} CPUs, load average at start "
        f"{report['machine']['load_at_start'][0]:.1f}; load = 1-minute load average "
        "when each sample started"
    )
    for name, corpus in report["corpora"].items():
        say("\n".join(table(name, corpus)))
    out.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    say(f"\nJSON: {out}")
    return 0


def side_by_side(args: argparse.Namespace, out: Path, say: Callable[[str], None]) -> int:
    """--newsboat / --sizes: bench/versus.py's tables instead of the figures above."""
    import versus

    if args.sizes:
        sizes = versus.parse_sizes(args.sizes)
    else:
        sizes = [300, 1000] if args.quick else list(versus.DEFAULT_SIZES)
    runs = versus.parse_runs(args.runs, sizes)
    started = datetime.now(UTC).isoformat(timespec="seconds")
    info = machine()
    work = Path(tempfile.mkdtemp(prefix="ainews-bench-"))
    try:
        report = versus.run_sizes(sizes, runs, args.seed, args.newsboat, work, say)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    report = {
        "started": started,
        "finished": datetime.now(UTC).isoformat(timespec="seconds"),
        "args": {"sizes": sizes, "runs": runs, "seed": args.seed, "newsboat": args.newsboat},
        "machine": info,
    } | report
    say("")
    say(
        f"{info['cpus']} CPUs, load average at start {info['load_at_start'][0]:.1f}; "
        "median (min–max) of the runs; load = 1-minute load average when samples started"
    )
    say("\n".join(versus.tables(report)))
    out.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    say(f"\nJSON: {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
