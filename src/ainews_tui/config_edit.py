"""Writing the config file: a new source, one top-level setting. The user's text and
comments are kept, and only text that still parses is written, atomically."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import tomli_w

from .config import ConfigError, default_settings, load_settings, sample_source, slugify
from .model import SourceConfig, SourceKind


def add_source(
    config_file: Path,
    *,
    kind: SourceKind,
    location: str,
    name: str | None,
    glob: str = "**/*.md",
    source_id: str | None = None,
    branch: str | None = None,
    root: str = "",
) -> SourceConfig:
    """Append a `[[sources]]` entry to the config, keeping its text and comments.

    The bundled samples are never written: they stand in only while the config lists
    no source, so the first source added replaces them. The id is `source_id`, or one
    made from the name; a removed source added again under its old name gets its old
    id back, and with it its read/star state.
    """
    existing = read_config_text(config_file)
    current = load_settings(config_file) if existing else default_settings()
    for s in current.sources:
        if s.location == location and s != sample_source():
            raise ConfigError(f"{location} is already a source (named {s.name!r})")
    taken = {s.id for s in current.sources}
    display = name or (Path(location).name if kind == "dir" else location)
    if kind == "git" and not name:
        # owner/blog.git -> blog: a URL is a poor name and its host says nothing.
        display = location.rstrip("/").removesuffix(".git").rsplit("/", 1)[-1] or location
    if source_id is not None and source_id in taken:
        raise ConfigError(f"the id {source_id!r} is already a source")
    base = source_id or slugify(display)
    new_id, n = base, 2
    while new_id in taken:
        new_id, n = f"{base}-{n}", n + 1
    source = SourceConfig(
        id=new_id,
        name=display,
        kind=kind,
        path=location if kind == "dir" else None,
        url=location if kind != "dir" else None,
        glob=glob,
        branch=branch,
        root=root,
    )
    block = f"\n[[sources]]\n{tomli_w.dumps(_source_table(source))}"
    write_checked(config_file, existing.rstrip("\n") + "\n" + block if existing else block[1:])
    return source


def _source_table(source: SourceConfig) -> dict[str, str]:
    table = {"id": source.id, "name": source.name, "kind": source.kind}
    if source.kind == "dir":
        table["path"] = source.path or ""
        if source.glob != "**/*.md":
            table["glob"] = source.glob
    else:
        table["url"] = source.url or ""
    if source.kind == "git":
        for key, value in (("branch", source.branch), ("root", source.root)):
            if value:
                table[key] = value
        if source.glob != "**/*.md":
            table["glob"] = source.glob
    return table


def set_config_value(config_file: Path, key: str, value: str | bool | int) -> None:
    """Change one top-level setting (theme, language), keeping the rest of the text."""
    existing = read_config_text(config_file)
    line = tomli_w.dumps({key: value})
    pattern = re.compile(rf"^{re.escape(key)}[ \t]*=.*\n?", re.MULTILINE)
    first_table = re.search(r"^[ \t]*\[", existing, re.MULTILINE)
    match = pattern.search(existing)
    if match and (first_table is None or match.start() < first_table.start()):
        text = existing[: match.start()] + line + existing[match.end() :]
    else:
        text = line + existing
    write_checked(config_file, text)


def read_config_text(config_file: Path) -> str:
    try:
        return config_file.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        return ""
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{config_file}: cannot read the config file ({exc})") from None


def write_checked(config_file: Path, text: str) -> None:
    """Write atomically, and only text that still parses, so a crash or a bug never
    leaves the user with half a config."""
    try:
        tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{config_file}: refusing to write an invalid config ({exc})") from None
    config_file.parent.mkdir(parents=True, exist_ok=True)
    tmp = config_file.with_name(config_file.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(config_file)
