"""Resolving the keys the user passes to `show`, `open` and `mark`."""

from __future__ import annotations

from ..session import Session
from .exit_codes import UserError


def kind_of_key(session: Session, key: str) -> str:
    """'post' or 'item'; an unknown key is a user error naming where keys are listed."""
    kind = session.library.kind_of(key)
    if kind is None:
        raise UserError(f"no post or item has the key {key!r} (see `ainews list --items`)")
    return kind
