"""National figures shipped with the app (resources/benchmarks.toml), each with its source and year:
context, never a target."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from ..paths import resources_dir


@dataclass(frozen=True)
class Benchmark:
    indicator: str
    value: float
    unit: str
    year: int
    label: str
    source: str
    note: str = ""
    comparable: bool = True  # measures the same thing as the council's figure (not, say, a share of councils)

    @property
    def shown(self) -> str:
        """'17.4 cases' or '51%'."""
        number = f"{self.value:g}"
        return f"{number}%" if self.unit == "%" else f"{number} {self.unit}"


def load_benchmarks(path: Path | None = None) -> tuple[Benchmark, ...]:
    with open(path or resources_dir() / "benchmarks.toml", "rb") as handle:
        data = tomllib.load(handle)
    return tuple(Benchmark(**entry) for entry in data.get("benchmarks", []))


def cycle_year(cycle_name: str) -> int | None:
    """The year a cycle is about: the first four-digit year in its name ('2019', '2019/20', 'Spring 2021')."""
    found = re.search(r"(19|20)\d\d", cycle_name)
    return int(found.group()) if found else None


def benchmarks_for(indicator: str, cycle_name: str, benchmarks: tuple[Benchmark, ...]) -> list[Benchmark]:
    """The figures for an indicator from each source, each the one nearest the cycle's year (newest first on a tie);
    only those that measure what the council's figure measures, since they are shown beside it."""
    year = cycle_year(cycle_name)
    candidates = [b for b in benchmarks if b.indicator == indicator and b.comparable]
    by_source: dict[str, Benchmark] = {}
    for benchmark in sorted(candidates, key=lambda b: (abs(b.year - year) if year else -b.year, -b.year)):
        by_source.setdefault(benchmark.label.split(":")[0], benchmark)
    return list(by_source.values())
