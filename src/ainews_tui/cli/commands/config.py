"""`ainews config`: the effective config, its path, or a commented starter."""

from __future__ import annotations

import argparse

from ...config import INIT_TEMPLATE, sample_source
from ...safe import clean_line
from ...session import Session
from ..exit_codes import EXIT_OK, UserError
from ..messages import t
from ..output import say


def run_config(session: Session, args: argparse.Namespace) -> int:
    path = session.paths.config_file
    if args.path:
        say(str(path))
        return EXIT_OK
    if args.init:
        if path.exists():
            raise UserError(t("cli.config.exists", path=path))
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(INIT_TEMPLATE.format(sample=sample_source().path), encoding="utf-8")
        say(t("cli.config.wrote", path=path))
        return EXIT_OK
    origin = t("cli.config.file" if session.settings.from_file else "cli.config.absent", path=path)
    say(f"{origin}\n{t('cli.config.data', path=session.paths.data_dir)}")
    for s in session.settings.sources:
        say(f"source {s.id}: {clean_line(s.name)} [{s.kind}] {clean_line(s.location)}")
    return EXIT_OK
