"""The generated benchmark corpus, cached in the temp dir by its parameters, and the
helpers that change it and point ainews at it."""

from __future__ import annotations

import random
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from make_corpus import Vocabulary, make_corpus, make_post

CORPUS_VERSION = 1
"""Bump when the cached corpus layout changes, so an old cache is not reused."""
OPEN_SIZES = {"400k": 400_000, "30k": 30_000}
"""The posts to open, by label and size in bytes (the generated corpus adds one of each).
Opened in this order, each after resting on the row above its first story; in the
generated corpus the row above the 30 KB post belongs to the 400 KB one, so the 400 KB
post must come first or it would be rendered (and cached) before its own measure."""
TOUCH_SHARE = 100
"""Every 100th file is changed for the 1 % re-sync."""


def cached_corpus(posts: int, seed: int, say: Callable[[str], None]) -> Path:
    """The generated corpus for these parameters, made once and then reused."""
    cache = Path(tempfile.gettempdir()) / "ainews-bench-cache"
    final = cache / f"corpus-v{CORPUS_VERSION}-{posts}-posts-seed-{seed}"
    if final.is_dir():
        return final
    cache.mkdir(parents=True, exist_ok=True)
    partial = Path(tempfile.mkdtemp(prefix="partial-", dir=cache))
    stats = make_corpus(partial, posts, seed)
    write_open_posts(partial, seed)
    # Renamed only when complete, so an interrupted run never leaves a half corpus cached.
    partial.rename(final)
    say(
        f"corpus: {stats.posts} posts, {stats.items} items, {stats.bytes / 1e6:.1f} MB "
        f"generated in {stats.seconds:.1f} s -> {final}"
    )
    return final


def write_open_posts(out: Path, seed: int) -> None:
    """One long digest per OPEN_SIZES entry, dated before the rest so they sit at the
    end of the list and never shift the rows the cursor test walks."""
    rng = random.Random(seed + 1)
    words = Vocabulary(rng)
    for day, (label, size) in enumerate(sorted(OPEN_SIZES.items(), key=lambda i: i[1]), start=1):
        parts = [
            f'---\ntitle: "Long digest {label}"\ndate: 2022-12-0{day}\n'
            f"tags: ['Benchmarks']\n---\n\n"
        ]
        index = 3  # make_post's style 3 has no front matter, only a `# title` line
        while sum(len(p.encode("utf-8")) for p in parts) < size:
            _relpath, text, _count = make_post(rng, words, index)
            parts.append(text.split("\n", 1)[1])
            index += 4
        path = out / "long" / f"2022-12-0{day}-long-{label}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("".join(parts), encoding="utf-8")


def markdown_files(corpus: Path) -> list[Path]:
    return sorted(p for p in corpus.rglob("*.md") if p.is_file() and "long" not in p.parts)


@contextmanager
def changed_files(files: list[Path]) -> Iterator[int]:
    """Change the content of every TOUCH_SHARE-th file; put the bytes back afterwards."""
    chosen = files[::TOUCH_SHARE]
    saved = {p: p.read_bytes() for p in chosen}
    try:
        for path, data in saved.items():
            path.write_bytes(data + b"\n\nEdited for the benchmark.\n")
        yield len(saved)
    finally:
        for path, data in saved.items():
            path.write_bytes(data)


def write_config(path: Path, sources: list[tuple[str, Path]]) -> Path:
    path.write_text(
        "".join(
            f'[[sources]]\nid = "{sid}"\nname = "{sid}"\nkind = "dir"\npath = "{folder}"\n'
            'glob = "**/*.md"\n\n'
            for sid, folder in sources
        ),
        encoding="utf-8",
    )
    return path
