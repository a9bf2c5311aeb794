"""Keys as the CLI prints them, resolving the keys (and source names) the user passes
back to `show`, `open`, `mark` and the source commands.

A key comes from a file name or a feed's entry id, so it can hold a control character
(`a\x1bb.md`). Printed raw it would act on the terminal; printed cleaned it no longer
names anything. So such a key is printed with each of those characters, and every
backslash, as an escape (`\\x1b`, `\\u202e`, `\\\\`), and the commands read that form back.
"""

from __future__ import annotations

import re

from ..model import SourceConfig
from ..safe import UNSAFE_BEYOND_C0
from ..session import Session
from .exit_codes import UserError
from .messages import t

# What clean_text removes, tab and newline too; escaping also covers the backslash.
_UNSAFE = re.compile(f"[\x00-\x1f{UNSAFE_BEYOND_C0}]")
_ESCAPED = re.compile(f"[\\\\\x00-\x1f{UNSAFE_BEYOND_C0}]")
_ESCAPE = re.compile(r"\\(\\|x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4})")


def shown_key(key: str) -> str:
    """The key as printed: itself when it is safe to print, else its escaped form."""
    if not _UNSAFE.search(key):
        return key
    return _ESCAPED.sub(_escape, key)


def _escape(match: re.Match[str]) -> str:
    char = match[0]
    if char == "\\":
        return "\\\\"
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def _unescaped(text: str) -> str:
    return _ESCAPE.sub(lambda m: "\\" if m[1] == "\\" else chr(int(m[1][1:], 16)), text)


def resolve_key(session: Session, key: str) -> tuple[str, str]:
    """(stored key, 'post' or 'item') for a key as typed: the key itself, or the
    escaped form `list` printed. An unknown key is a user error naming where keys are."""
    library = session.library
    kind = library.kind_of(key)
    if kind is None and "\\" in key:
        stored = _unescaped(key)
        kind = library.kind_of(stored)
        if kind is not None:
            return stored, kind
    if kind is None:
        raise UserError(t("cli.no_key", key=repr(key)))
    return key, kind


def source_named(session: Session, text: str) -> SourceConfig:
    """The configured source whose id (first) or display name is `text`; anything
    else is a user error naming where sources are listed."""
    sources = session.settings.sources
    by_id = next((s for s in sources if s.id == text), None)
    if by_id is not None:
        return by_id
    named = [s for s in sources if s.name == text]
    if len(named) > 1:
        ids = ", ".join(s.id for s in named)
        raise UserError(t("cli.ambiguous_source", name=repr(text), ids=ids))
    if not named:
        raise UserError(t("cli.no_source", name=repr(text)))
    return named[0]
