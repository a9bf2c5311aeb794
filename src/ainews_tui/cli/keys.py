"""Resolving the keys the user passes to `show`, `open` and `mark`."""

from __future__ import annotations

from ..model import SourceConfig
from ..session import Session
from .exit_codes import UserError
from .messages import t


def kind_of_key(session: Session, key: str) -> str:
    """'post' or 'item'; an unknown key is a user error naming where keys are listed."""
    kind = session.library.kind_of(key)
    if kind is None:
        raise UserError(t("cli.no_key", key=repr(key)))
    return kind


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
