"""Split a post into its front matter (YAML `---`, TOML `+++`, JSON `{`, or none) and
its body.

python-frontmatter picks the handler (detect_format); the handlers use this module's
loaders. YAML is read with libyaml's safe loader when present (ten times faster than
pure Python on a big library), within a node budget, and with timestamps left as
strings, so that one date parser decides what every date means. Measured on the 8-blog
corpus ×10: 30.1–31.1 µs a file through python-frontmatter, 30.2–30.8 µs with the
regexes it replaced (the loaders dominate).
"""

from __future__ import annotations

import json
import re
import tomllib
from dataclasses import dataclass
from typing import Any

import yaml
from frontmatter import detect_format
from frontmatter.default_handlers import BaseHandler, JSONHandler, YAMLHandler

_BaseLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BaseLoader):  # type: ignore[misc]
    """Safe loader that keeps timestamps as text."""


class _PyLoader(yaml.SafeLoader):
    """Pure-Python twin of _Loader, for blocks that might nest deeply."""


_Loader.yaml_implicit_resolvers = _PyLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
}

# A "billion laughs" document stays small in memory as shared references but explodes
# when walked, printed or stored; a node budget stops it before anything walks it.
MAX_FRONT_MATTER_NODES = 20_000
MAX_FRONT_MATTER_LINES = 400
MAX_FRONT_MATTER_CHARS = 256 * 1024
# libyaml composes nested collections by C recursion with no depth limit: some 30,000
# nested `[` or `- ` overflow the C stack and kill the whole process. A block that could
# nest deeper than this goes to the pure-Python loader instead, which stops at Python's
# recursion limit. Indentation alone cannot get that deep within MAX_FRONT_MATTER_CHARS.
_C_LOADER_MAX_DEPTH = 2000

_YAML_OPEN = re.compile(r"---[ \t]*\n")
_YAML_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)
_TOML_OPEN = re.compile(r"\+\+\+[ \t]*\n")
_BARE_KEY_LINE = re.compile(r"[A-Za-z_][\w-]*:[ \t]")


def _split_lines(handler: BaseHandler, text: str) -> tuple[str, str]:
    """Block and body around the opening line and the next boundary line, cut once:
    the stock split copies the body twice and its `\\s*$` eats the blank lines after
    the boundary, moving every story's line number."""
    assert handler.FM_BOUNDARY is not None
    start = text.index("\n") + 1
    closing = handler.FM_BOUNDARY.search(text, start)
    if closing is None:
        raise ValueError("front matter is never closed")
    return text[start : closing.start()], _after(text, closing.end())


class _Yaml(YAMLHandler):
    # Exactly `---` opens (not `----`); `---` or `...` closes.
    FM_BOUNDARY = _YAML_CLOSE

    def detect(self, text: str) -> bool:
        return _YAML_OPEN.match(text) is not None

    def split(self, text: str) -> tuple[str, str]:
        return _split_lines(self, text)

    def load(self, fm: str, **kwargs: object) -> Any:
        return _load_yaml(fm)


class _Toml(BaseHandler):
    FM_BOUNDARY = re.compile(r"^\+\+\+[ \t]*$", re.MULTILINE)
    START_DELIMITER = END_DELIMITER = "+++"

    def detect(self, text: str) -> bool:
        return _TOML_OPEN.match(text) is not None

    def split(self, text: str) -> tuple[str, str]:
        return _split_lines(self, text)

    def load(self, fm: str, **kwargs: object) -> Any:
        return _load_toml(fm)


class _Json(JSONHandler):
    def load(self, fm: str, **kwargs: object) -> Any:
        return _load_json(fm)  # the handler's split keeps the braces


_HANDLERS = ((_Yaml(), "YAML"), (_Toml(), "TOML"), (_Json(), "JSON"))  # commonest first
_DETECT = [h for h, _ in _HANDLERS]
_KIND = {id(h): kind for h, kind in _HANDLERS}


@dataclass(frozen=True)
class Split:
    meta: dict[str, Any]
    body: str
    warnings: tuple[str, ...] = ()


def split_front_matter(text: str) -> Split:
    """Separate front matter from body. Malformed front matter is a warning, not a loss:
    the body is kept and the metadata is left empty."""
    handler = detect_format(text, _DETECT)
    if handler is not None:
        return _split(text, handler, _KIND[id(handler)])
    if _BARE_KEY_LINE.match(text):
        # Some blogs lose the opening `---`; accept it when a closing one follows soon
        # and what is above it reads as a YAML mapping.
        closing = _YAML_CLOSE.search(text, 0, _nth_line_end(text, MAX_FRONT_MATTER_LINES))
        if closing:
            try:
                meta = _load_yaml(text[: closing.start()])
            except ValueError:
                return Split({}, text)
            return Split(meta, _after(text, closing.end()))
    return Split({}, text)


def _split(text: str, handler: BaseHandler, kind: str) -> Split:
    try:
        block, body = handler.split(text)
    except ValueError:  # no closing line
        return Split({}, text, (f"{kind} front matter is never closed; read as plain text",))
    if kind == "JSON" and body[:1] == "\n":  # the stock split keeps the newline
        body = body[1:]
    try:
        meta = handler.load(block)
    except ValueError as exc:
        # A body may well open with a lone "{" line: unreadable JSON was no front matter.
        kept = text if kind == "JSON" else body
        return Split({}, kept, (f"malformed {kind} front matter: {exc}",))
    return Split(meta, body)


def _after(text: str, position: int) -> str:
    return text[position + 1 :] if text[position : position + 1] == "\n" else text[position:]


def _nth_line_end(text: str, lines: int) -> int:
    position = -1
    for _ in range(lines):
        position = text.find("\n", position + 1)
        if position < 0:
            return len(text)
    return position


def _load_yaml(block: str) -> dict[str, Any]:
    if not block.strip():
        return {}
    if len(block) > MAX_FRONT_MATTER_CHARS:
        raise ValueError(f"longer than {MAX_FRONT_MATTER_CHARS // 1024} KB")
    loader = _Loader if _depth_bound(block) <= _C_LOADER_MAX_DEPTH else _PyLoader
    try:
        data = yaml.load(block, Loader=loader)
    except yaml.YAMLError as exc:
        raise ValueError(_first_line(str(exc))) from None
    except RecursionError:
        raise ValueError("nested too deeply") from None
    return _as_mapping(data)


def _depth_bound(block: str) -> int:
    """At least the nesting depth YAML can reach without indenting: flow brackets
    anywhere, plus compact `- - -` or `? ? ?` entries on one line."""
    flow = block.count("[") + block.count("{")
    compact = max(line.count("-") + line.count("?") for line in block.split("\n"))
    return flow + compact


def _load_toml(block: str) -> dict[str, Any]:
    if len(block) > MAX_FRONT_MATTER_CHARS:
        raise ValueError(f"longer than {MAX_FRONT_MATTER_CHARS // 1024} KB")
    try:
        return _as_mapping(tomllib.loads(block))
    except tomllib.TOMLDecodeError as exc:
        raise ValueError(str(exc)) from None
    except RecursionError:
        raise ValueError("nested too deeply") from None


def _load_json(block: str) -> dict[str, Any]:
    if len(block) > MAX_FRONT_MATTER_CHARS:
        raise ValueError(f"longer than {MAX_FRONT_MATTER_CHARS // 1024} KB")
    try:
        return _as_mapping(json.loads(block))
    except json.JSONDecodeError as exc:
        raise ValueError(str(exc)) from None
    except RecursionError:
        raise ValueError("nested too deeply") from None


def _as_mapping(data: object) -> dict[str, Any]:
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ValueError(f"front matter is a {type(data).__name__}, not a mapping")
    _check_size(data)
    return {str(k): v for k, v in data.items()}


def _check_size(data: object) -> None:
    budget = MAX_FRONT_MATTER_NODES
    stack = [data]
    while stack:
        node = stack.pop()
        budget -= 1
        if budget < 0:
            raise ValueError(f"more than {MAX_FRONT_MATTER_NODES} values (a YAML alias bomb?)")
        if isinstance(node, dict):
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)


def _first_line(message: str) -> str:
    return " ".join(message.split())[:160]
