"""Measures: samples of one figure with the load average beside each, and their summary."""

from __future__ import annotations

import os
import statistics
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

UNITS = {
    "sync": "s",
    "tui.paint": "s",
    "rss": "MB",
    "newsboat.reload": "s",
    "newsboat.paint": "s",
    "newsboat.rss": "MB",
}
"""The unit of a measure, by the start of its name; every other measure is in ms."""


@dataclass
class Measure:
    """Samples of one figure, each with the load average when it was taken."""

    unit: str
    samples: list[float] = field(default_factory=list)
    load: list[float] = field(default_factory=list)
    note: str = ""

    def add(self, value: float | None, load: float) -> None:
        if value is not None:
            self.samples.append(value)
            self.load.append(load)

    def summary(self, target: tuple[str, float] | None = None) -> dict[str, Any]:
        data: dict[str, Any] = {
            "unit": self.unit,
            "samples": self.samples,
            "load1": self.load,
            "note": self.note,
        }
        if self.samples:
            data |= {
                "median": statistics.median(self.samples),
                "min": min(self.samples),
                "max": max(self.samples),
                "p95": percentile(self.samples, 0.95),
            }
        if target and self.samples:
            data["target"] = target[1]
            data["met"] = data["median"] <= target[1]
        return data


class Results:
    """The measures of one corpus, by name, with the `<=` targets some of them have."""

    def __init__(self, targets: Mapping[str, tuple[str, float]] | None = None) -> None:
        self.measures: dict[str, Measure] = {}
        self.targets = targets or {}

    def __getitem__(self, name: str) -> Measure:
        if name not in self.measures:
            unit = next((u for prefix, u in UNITS.items() if name.startswith(prefix)), "ms")
            self.measures[name] = Measure(unit)
        return self.measures[name]

    def to_json(self) -> dict[str, Any]:
        return {name: m.summary(self.targets.get(name)) for name, m in self.measures.items()}


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def load1() -> float:
    return round(os.getloadavg()[0], 2)
