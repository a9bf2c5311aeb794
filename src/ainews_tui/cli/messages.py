"""The language of the CLI's messages, chosen once per run.

`--lang` wins, then the config's `language`, then the locale (as for the reader). The
choice is made before the config is read (so a config error already follows `--lang`)
and made again once it is read.
"""

from __future__ import annotations

from ..i18n import Catalogue, resolve_language

_chosen: list[Catalogue] = [Catalogue("en")]


def use_language(cli: str | None, configured: str | None = None) -> None:
    _chosen[0] = Catalogue(resolve_language(cli, configured))


def t(message_id: str, **values: object) -> str:
    """A `cli.*` message of the catalogue in the chosen language."""
    return _chosen[0](message_id, **values)
