"""Keys in the config file that no setting reads: a typo (`totl_timeout`) or a newer
version's setting. They are ignored, but each is named with its file and line."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any


def unknown_keys(
    raw: dict[str, Any],
    text: str,
    config_file: Path,
    *,
    top: set[str],
    tables: dict[str, set[str]],
    sources: set[str],
) -> tuple[str, ...]:
    """`file:line: unknown key … ignored` for every key outside the known sets: `top`
    keys, the keys of each `[table]` in `tables`, and of every `[[sources]]` entry."""
    found: list[tuple[str, int]] = []
    for key in raw:
        if key not in top:
            table = re.compile(rf"^[ \t]*\[+[ \t]*{re.escape(key)}[ \t]*\]")
            found.append((key, _key_line(text, key, None) or _first_match(text, table)))
    for name, known in tables.items():
        values = raw.get(name)
        if isinstance(values, dict):
            found += [(f"[{name}] {k}", _key_line(text, k, name)) for k in values if k not in known]
    table_sources = raw.get("sources")
    if isinstance(table_sources, list):
        for index, entry in enumerate(table_sources):
            if isinstance(entry, dict):
                found += [
                    (f"[[sources]] {k}", _key_line(text, k, "sources", index))
                    for k in entry
                    if k not in sources
                ]
    return tuple(
        f"{config_file}:{line}: unknown key `{key}` ignored"
        if line
        else f"{config_file}: unknown key `{key}` ignored"
        for key, line in sorted(found, key=lambda found_key: found_key[1])
    )


def _key_line(text: str, key: str, table: str | None, occurrence: int = 0) -> int:
    """1-based line of `key = …` in the n-th `[table]` or `[[table]]` (None: above every
    table); 0 when it cannot be found (a dotted or inline-table key)."""
    lines = text.split("\n")
    start = 0
    if table is not None:
        header = re.compile(rf"^[ \t]*\[\[?[ \t]*{re.escape(table)}[ \t]*\]")
        starts = [n for n, line in enumerate(lines) if header.match(line)]
        if occurrence >= len(starts):
            return 0
        start = starts[occurrence] + 1
    assignment = re.compile(rf"""^[ \t]*["']?{re.escape(key)}["']?[ \t]*=""")
    for number in range(start, len(lines)):
        if lines[number].lstrip().startswith("["):
            break
        if assignment.match(lines[number]):
            return number + 1
    return 0


def _first_match(text: str, pattern: re.Pattern[str]) -> int:
    for number, line in enumerate(text.split("\n"), start=1):
        if pattern.match(line):
            return number
    return 0
