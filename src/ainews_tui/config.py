"""The typed settings object, loaded once from TOML (config_edit writes the file)."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from datetime import tzinfo
from functools import partial
from pathlib import Path
from typing import Any, cast

from .config_keys import unknown_keys
from .model import SourceConfig, SourceKind
from .paths import bundled_dir

SAMPLE_SOURCE_ID = "sample"


class ConfigError(Exception):
    """A config file that cannot be used; the message names the file and line."""


@dataclass(frozen=True)
class FeedSettings:
    connect_timeout: float = 10.0
    """Seconds to wait for a feed server to accept the connection."""
    total_timeout: float = 30.0
    """Seconds a whole feed download may take."""
    max_bytes: int = 10 * 1024 * 1024
    """Largest feed body read; a bigger one is refused with a reason."""
    concurrency: int = 4
    """How many feeds are fetched at once."""
    max_entries: int = 2000
    """Entries kept per download, the newest first; a feed of 100,000 entries would
    otherwise cost minutes and hundreds of MB of files."""


@dataclass(frozen=True)
class GitSettings:
    max_bytes: int = 500 * 1024 * 1024
    """Largest checkout (history and files); a clone or pull that grows past it is
    stopped with a reason and the previous checkout kept."""
    stall_timeout: float = 30.0
    """Seconds a git server may send nothing before the clone or pull is given up."""
    total_timeout: float = 600.0
    """Seconds a whole clone or pull may take."""


@dataclass(frozen=True)
class Settings:
    sources: tuple[SourceConfig, ...]
    """Where posts come from; with no config file, only the bundled samples."""
    timezone: str | None = None
    """IANA zone for naive dates in front matter; None means the machine's zone."""
    language: str | None = None
    """`en` or `zh` for the UI; None follows the locale."""
    theme: str | None = None
    """A Textual theme name."""
    mark_read_after: float | None = 2.0
    """Seconds a story must stay in the reader before it counts as read; 0 marks it at
    once, None (`"never"` in the file) leaves marking to `enter`, `o`, `r` and `A`."""
    show_drafts: bool = False
    """List posts marked `draft: true`; otherwise they stay out of every view."""
    max_file_bytes: int = 20 * 1024 * 1024
    """Files larger than this are skipped with a reason."""
    max_items_per_post: int = 2000
    """Stories kept per post; the rest of a longer post stays readable in the reader."""
    keys: dict[str, str] = field(default_factory=dict)
    """User keymap: binding id -> keys, applied with `App.set_keymap`."""
    feeds: FeedSettings = field(default_factory=FeedSettings)
    git: GitSettings = field(default_factory=GitSettings)
    refresh_minutes: float = 30.0
    """While the reader runs, feed and git sources are refreshed this often; 0 = never."""
    from_file: bool = False
    """True when a config file was read (so the samples are not implied)."""
    warnings: tuple[str, ...] = ()
    """`file:line: unknown key …` for keys ainews does not know (a typo, or a newer
    version's setting): they are ignored, but never silently."""

    def tz(self) -> tzinfo | None:
        """The configured zone, or None for the machine's local zone."""
        if not self.timezone:
            return None
        import zoneinfo  # here, not at the top: 3 ms at every start, needed only when set

        return zoneinfo.ZoneInfo(self.timezone)

    def source(self, source_id: str) -> SourceConfig | None:
        return next((s for s in self.sources if s.id == source_id), None)


def sample_source() -> SourceConfig:
    return SourceConfig(
        id=SAMPLE_SOURCE_ID,
        name="samples",
        kind="dir",
        path=str(bundled_dir("sample_content")),
    )


def default_settings() -> Settings:
    return Settings(sources=(sample_source(),))


def load_settings(config_file: Path) -> Settings:
    """Read the config file; a missing file gives the zero-set-up defaults."""
    try:
        text = config_file.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        return default_settings()
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{config_file}: cannot read the config file ({exc})") from None
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{config_file}: {exc}") from None
    return _settings_from_toml(raw, text, config_file)


def _line_of(text: str, pattern: str, occurrence: int = 0) -> int:
    """1-based line of the n-th match of `pattern`, for error messages; 0 if unknown."""
    matches = list(re.finditer(pattern, text, re.MULTILINE))
    if occurrence < len(matches):
        return text.count("\n", 0, matches[occurrence].start()) + 1
    return 0


def _where(config_file: Path, line: int) -> str:
    return f"{config_file}:{line}" if line else str(config_file)


def _settings_from_toml(raw: dict[str, Any], text: str, config_file: Path) -> Settings:
    def fail(message: str, pattern: str, occurrence: int = 0) -> ConfigError:
        return ConfigError(f"{_where(config_file, _line_of(text, pattern, occurrence))}: {message}")

    def source_fail(index: int, message: str, key: str | None = None) -> ConfigError:
        # Point at the offending key inside the n-th [[sources]] block when we can.
        line = _line_of(text, header, index)
        if key and line:
            block = text.split("\n")[line:]
            for offset, content in enumerate(block):
                if content.lstrip().startswith("["):
                    break
                if re.match(rf"[ \t]*{key}[ \t]*=", content):
                    line += offset + 1
                    break
        return ConfigError(f"{_where(config_file, line)}: {message}")

    raw_sources = raw.get("sources", [])
    if not isinstance(raw_sources, list):
        raise fail("`sources` must be a list of [[sources]] tables", r"^[ \t]*sources\b")
    sources: list[SourceConfig] = []
    seen: set[str] = set()
    header = r"^[ \t]*\[\[\s*sources\s*\]\]"
    for index, entry in enumerate(raw_sources):
        if not isinstance(entry, dict):
            raise fail("each source must be a table", header, index)
        source = _source_from_table(entry, partial(source_fail, index))
        if source.id in seen:
            raise fail(f"two sources share the id {source.id!r}", header, index)
        seen.add(source.id)
        sources.append(source)
    # The bundled samples stand in only while the config lists no source (`sources = []`
    # says "none, not even the samples"); configs that older versions filled with the
    # samples' entry on the first `add` lose it once another source is listed.
    sources = [s for s in sources if s != sample_source()] or sources
    if "sources" not in raw:
        sources.append(sample_source())

    def typed(key: str, kind: type, default: Any) -> Any:
        value = raw.get(key, default)
        if value is not default and not isinstance(value, kind):
            raise fail(f"`{key}` must be a {kind.__name__}", rf"^[ \t]*{key}\s*=")
        return value

    timezone = typed("timezone", str, None)
    if timezone:
        import zoneinfo  # see Settings.tz

        try:
            zoneinfo.ZoneInfo(timezone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            raise fail(f"unknown time zone {timezone!r}", r"^[ \t]*timezone\s*=") from None
    language = typed("language", str, None)
    if language not in (None, "en", "zh", "auto"):
        raise fail('`language` must be "en", "zh" or "auto"', r"^[ \t]*language\s*=")
    keys = typed("keys", dict, {})
    if not all(isinstance(v, str) for v in keys.values()):
        raise fail('every entry of [keys] must be a string like "j,down"', r"^[ \t]*\[keys\]")
    feeds = typed("feeds", dict, {})
    git = typed("git", dict, {})
    refresh = raw.get("refresh_minutes", Settings.refresh_minutes)
    if isinstance(refresh, bool) or not isinstance(refresh, int | float) or refresh < 0:
        raise fail("`refresh_minutes` must be 0 (off) or more", r"^[ \t]*refresh_minutes\s*=")
    return Settings(
        sources=tuple(sources),
        timezone=timezone,
        language=None if language == "auto" else language,
        theme=typed("theme", str, None),
        mark_read_after=_mark_read_after(raw, fail),
        show_drafts=typed("show_drafts", bool, False),
        max_file_bytes=typed("max_file_bytes", int, Settings.max_file_bytes),
        max_items_per_post=typed("max_items_per_post", int, Settings.max_items_per_post),
        keys=cast(dict[str, str], keys),
        feeds=_feed_settings(feeds, fail),
        git=_git_settings(git, fail),
        refresh_minutes=float(refresh),
        from_file=True,
        warnings=unknown_keys(
            raw,
            text,
            config_file,
            top={f.name for f in fields(Settings)} - {"from_file", "warnings"},
            tables={
                "feeds": {f.name for f in fields(FeedSettings)},
                "git": {f.name for f in fields(GitSettings)},
            },
            sources={f.name for f in fields(SourceConfig)},
        ),
    )


def _mark_read_after(raw: dict[str, Any], fail: Callable[..., ConfigError]) -> float | None:
    """`mark_read_after`: seconds (0 or more), or the string `never`."""
    value = raw.get("mark_read_after", Settings.mark_read_after)
    if value == "never":
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
        raise fail(
            '`mark_read_after` must be a number of seconds (0 or more) or "never"',
            r"^[ \t]*mark_read_after\s*=",
        )
    return float(value)


def _feed_settings(table: dict[str, Any], fail: Callable[..., ConfigError]) -> FeedSettings:
    """The [feeds] table; a wrong type names its line instead of failing later."""
    values: dict[str, float | int] = {}
    for name, kind in (
        ("connect_timeout", float),
        ("total_timeout", float),
        ("max_bytes", int),
        ("concurrency", int),
        ("max_entries", int),
    ):
        if name not in table:
            continue
        value = table[name]
        if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
            raise fail(f"[feeds] {name} must be a positive number", rf"^[ \t]*{name}[ \t]*=")
        values[name] = kind(value)
    return FeedSettings(**values)  # type: ignore[arg-type]


def _git_settings(table: dict[str, Any], fail: Callable[..., ConfigError]) -> GitSettings:
    """The [git] table, checked like [feeds]."""
    values: dict[str, float | int] = {}
    for name, kind in (("max_bytes", int), ("stall_timeout", float), ("total_timeout", float)):
        if name not in table:
            continue
        value = table[name]
        if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
            raise fail(f"[git] {name} must be a positive number", rf"^[ \t]*{name}[ \t]*=")
        values[name] = kind(value)
    return GitSettings(**values)  # type: ignore[arg-type]


def _source_from_table(entry: dict[str, Any], fail: Callable[..., ConfigError]) -> SourceConfig:
    kind = entry.get("kind", "feed" if "url" in entry else "dir")
    if kind not in ("dir", "feed", "git"):
        raise fail(f'source kind must be "dir", "feed" or "git", not {kind!r}', "kind")
    for key in ("id", "name", "path", "url", "glob", "branch", "root"):
        if key in entry and not isinstance(entry[key], str):
            raise fail(f"source `{key}` must be a string", key)
    if kind == "dir" and not entry.get("path"):
        raise fail("a dir source needs a `path`")
    if kind in ("feed", "git") and not entry.get("url"):
        raise fail(f"a {kind} source needs a `url`")
    name = entry.get("name") or entry.get("path") or entry.get("url")
    source_id = entry.get("id") or slugify(str(name))
    return SourceConfig(
        id=source_id,
        name=str(name),
        kind=cast(SourceKind, kind),
        path=str(Path(entry["path"]).expanduser()) if entry.get("path") else None,
        url=entry.get("url"),
        glob=entry.get("glob", "**/*.md"),
        branch=entry.get("branch") or None,
        root=entry.get("root", "").strip("/"),
    )


def slugify(text: str) -> str:
    """A short, key-safe id from a display name (CJK letters are kept)."""
    slug = re.sub(r"[^\w.-]+", "-", text.strip().lower()).strip("-.")
    return slug[:40] or "source"


INIT_TEMPLATE = """\
# ainews configuration. Every key is optional.
# language = "zh"            # en | zh | auto (follow the locale)
# theme = "textual-dark"
# timezone = "Asia/Shanghai" # zone for dates written without an offset
# mark_read_after = 2.0       # seconds in the reader before a story is read; 0 | "never"
# show_drafts = false
# max_file_bytes = 20971520
# refresh_minutes = 30       # refresh feed and git sources while the reader runs; 0 = off

# While no [[sources]] is listed, the bundled samples are shown:
# {sample}

# [[sources]]
# name = "my digests"
# kind = "dir"
# path = "~/blogs/ai-daily/content"
# glob = "**/*.md"

# [[sources]]
# name = "a digest feed"
# kind = "feed"
# url = "https://example.com/feed.xml"

# [[sources]]
# name = "a digest blog's repository"
# kind = "git"
# url = "https://github.com/owner/blog.git"
# branch = "main"            # default: the repository's default branch
# root = "content"           # found when added (content/, _posts/, source/_posts, docs/)

# [feeds]
# connect_timeout = 10
# total_timeout = 30
# max_bytes = 10485760
# concurrency = 4
# max_entries = 2000

# [git]
# max_bytes = 524288000      # a bigger checkout is refused and the previous one kept
# stall_timeout = 30         # seconds without data from the server
# total_timeout = 600        # seconds for a whole clone or pull

# [keys]
# "star" = "s,f5"
"""
