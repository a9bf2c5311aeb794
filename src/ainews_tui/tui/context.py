"""What every part of the reader needs to know about this run, passed down explicitly."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..config import Settings
from ..i18n import Catalogue
from ..paths import AppPaths
from .gateway import Gateway


@dataclass
class ReaderContext:
    """Settings, paths, the database gateway, the language and today's date."""

    settings: Settings
    paths: AppPaths
    gateway: Gateway
    t: Catalogue
    today: date
