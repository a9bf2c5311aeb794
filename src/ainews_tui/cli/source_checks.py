"""What `ainews add` refuses before it writes (or clones) anything."""

from __future__ import annotations

from collections.abc import Sequence

from ..model import SourceConfig
from ..safe import clean_line
from .exit_codes import UserError
from .messages import t


def refuse_taken(existing: Sequence[SourceConfig], location: str, source_id: str | None) -> None:
    """A user error when one of the user's sources (not the bundled samples) already has
    this location, or the id asked for with `--id`."""
    for source in existing:
        if source_id is not None and source.id == source_id:
            raise UserError(t("cli.id_taken", id=source_id, name=clean_line(source.name)))
        if source.location == location:
            raise UserError(
                t("cli.add.feed_known", url=location, name=clean_line(source.name), id=source.id)
            )
