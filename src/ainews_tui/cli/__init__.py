"""The `ainews` command. Parsing is cheap; the dispatcher then imports only the chosen
subcommand's module, so only the reader imports Textual."""

from __future__ import annotations

import sqlite3
import sys
from collections.abc import Sequence

from .exit_codes import EXIT_INTERRUPTED, EXIT_OK, EXIT_SOURCE_FAILED, EXIT_USAGE, UserError
from .parser import parse_arguments


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_arguments(argv)
    # Imported after parsing so `--version` and `--help` stay instant.
    from ..config import ConfigError
    from ..store.db import StoreError, is_busy
    from .dispatch import run_command
    from .messages import t, use_language

    use_language(args.lang)

    try:
        return run_command(args)
    except (UserError, ConfigError, StoreError) as exc:
        print(f"ainews: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except sqlite3.OperationalError as exc:
        if not is_busy(exc):
            raise
        print(f"ainews: {t('cli.busy')}", file=sys.stderr)
        return EXIT_SOURCE_FAILED
    except KeyboardInterrupt:
        print(f"ainews: {t('cli.interrupted')}", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        return EXIT_OK
