"""`ainews remove`, `ainews rename` and moved feeds: editing one `[[sources]]` block of
the config text.

The text is edited in place so the user's comments and layout survive; the result is
parsed again before it is written, and refused unless it holds exactly the change asked.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

import tomli_w

from .config import ConfigError, _source_from_table
from .config_edit import read_config_text, write_checked
from .model import SourceConfig

_HEADER = re.compile(r"^[ \t]*\[\[\s*sources\s*\]\][ \t]*(#.*)?$")
_TABLE = re.compile(r"^[ \t]*\[")
_NAME = re.compile(r"^[ \t]*name[ \t]*=")
_URL = re.compile(r"^[ \t]*url[ \t]*=")


def remove_source(config_file: Path, source: SourceConfig) -> None:
    """Delete the source's `[[sources]]` block (comments after it stay)."""
    text, lines, index, (start, end) = _block_of(config_file, source)
    while end > start + 1 and _is_trailer(lines[end - 1]):
        end -= 1
    tables = _tables(text)
    del tables[index]
    _check_and_write(config_file, "".join(lines[:start] + lines[end:]), tables)


def rename_source(config_file: Path, source: SourceConfig, name: str) -> None:
    """Set the source's display name; its id, and so every key, stays. A source that
    had no `id` line gets one, since its id was made from the old name."""
    text, lines, index, (start, end) = _block_of(config_file, source)
    body = [content for content in lines[start + 1 : end] if not _NAME.match(content)]
    tables = _tables(text)
    head = {"id": source.id, "name": name} if "id" not in tables[index] else {"name": name}
    body[:0] = tomli_w.dumps(head).splitlines(keepends=True)
    tables[index] = {**tables[index], **head}
    _check_and_write(config_file, "".join([*lines[: start + 1], *body, *lines[end:]]), tables)


def set_source_url(config_file: Path, source: SourceConfig, url: str) -> None:
    """Point a feed that moved for good at its new URL. A source that had no `id` line
    gets one, since its id may have been made from the old URL."""
    text, lines, index, (start, end) = _block_of(config_file, source)
    tables = _tables(text)
    if tables[index].get("url") == url and "id" in tables[index]:
        return  # already moved (a reader still running with the old settings)
    body = [content for content in lines[start + 1 : end] if not _URL.match(content)]
    head = {"url": url} if "id" in tables[index] else {"id": source.id, "url": url}
    body[:0] = tomli_w.dumps(head).splitlines(keepends=True)
    tables[index] = {**tables[index], **head}
    _check_and_write(config_file, "".join([*lines[: start + 1], *body, *lines[end:]]), tables)


def _tables(text: str) -> list[dict[str, Any]]:
    sources = tomllib.loads(text).get("sources", [])
    return [dict(t) for t in sources] if isinstance(sources, list) else []


def _block_of(
    config_file: Path, source: SourceConfig
) -> tuple[str, list[str], int, tuple[int, int]]:
    """The config text, its lines, the source's index among the `[[sources]]` and the
    line range of its block."""
    text = read_config_text(config_file)

    def fail(message: str, key: str | None = None) -> ConfigError:
        return ConfigError(f"{config_file}: {message}")

    ids = [_source_from_table(table, fail).id for table in _tables(text)]
    if source.id not in ids:
        raise ConfigError(f"{config_file}: no [[sources]] entry has the id {source.id!r}")
    index = ids.index(source.id)
    lines = text.splitlines(keepends=True)
    headers = [n for n, content in enumerate(lines) if _HEADER.match(content)]
    if len(headers) != len(ids):
        raise ConfigError(
            f"{config_file}: the sources are not written as [[sources]] blocks; "
            "edit the file by hand"
        )
    start = headers[index]
    end = next((n for n in range(start + 1, len(lines)) if _TABLE.match(lines[n])), len(lines))
    return text, lines, index, (start, end)


def _is_trailer(line: str) -> bool:
    stripped = line.strip()
    return not stripped or stripped.startswith("#")


def _check_and_write(config_file: Path, edited: str, expected: list[dict[str, Any]]) -> None:
    """Write the edited text only when it parses to exactly the sources expected."""
    try:
        parsed = _tables(edited)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{config_file}: refusing to write an invalid config ({exc})") from None
    if parsed != expected:
        raise ConfigError(f"{config_file}: the edit would change more than asked; edit by hand")
    write_checked(config_file, edited)
