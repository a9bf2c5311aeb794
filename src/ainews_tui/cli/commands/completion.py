"""`ainews completion bash|zsh|fish`: print a completion script made from the parser."""

from __future__ import annotations

import argparse
import sys

from ...session import Session
from ..completion import SCRIPTS
from ..exit_codes import EXIT_OK
from ..parser import build_parser


def run_completion(session: Session, args: argparse.Namespace) -> int:
    sys.stdout.write(SCRIPTS[args.shell](build_parser()))
    return EXIT_OK
