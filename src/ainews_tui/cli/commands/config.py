"""`ainews config`: the effective config, its path, or a commented starter."""

from __future__ import annotations

import argparse

from rich.text import Text

from ...config import INIT_TEMPLATE, sample_source
from ...safe import clean_line
from ...session import Session
from ..console import stdout
from ..exit_codes import EXIT_OK, UserError
from ..messages import t


def run_config(session: Session, args: argparse.Namespace) -> int:
    path = session.paths.config_file
    console = stdout()
    if args.path:
        console.print(Text(str(path)))
        return EXIT_OK
    if args.init:
        if path.exists():
            raise UserError(t("cli.config.exists", path=path))
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(INIT_TEMPLATE.format(sample=sample_source().path), encoding="utf-8")
        console.print(Text(t("cli.config.wrote", path=path)))
        return EXIT_OK
    origin = t("cli.config.file" if session.settings.from_file else "cli.config.absent", path=path)
    console.print(Text(f"{origin}\n{t('cli.config.data', path=session.paths.data_dir)}"))
    for s in session.settings.sources:
        console.print(
            Text(f"source {s.id}: {clean_line(s.name)} [{s.kind}] {clean_line(s.location)}")
        )
    return EXIT_OK
