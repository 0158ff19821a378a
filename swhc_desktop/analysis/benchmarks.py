"""National figures shown beside a council's own: those shipped with the app (resources/benchmarks.toml) and the
national Standards scores the PSW types in from the LGA's report, each with its service, year and source. Context,
never a target; shown only beside the same measure for the same service, and only of the cycle's year or before."""

from __future__ import annotations

import dataclasses
import math
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..domain.errors import InvalidInput
from ..domain.records import Service
from ..domain.standards import STANDARD_NUMBERS
from ..paths import resources_dir

if TYPE_CHECKING:
    from ..storage import HealthCheckFile


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
    service: Service = Service.CHILDREN
    cycle_years: tuple[int, ...] = ()  # where given, the only cycles' years it is shown beside
    series: str = ""  # the figures of one source over the years (the label up to its colon, unless given)
    shown_beside_year: int | None = None  # the year of the cycle it is shown beside, once chosen for one

    @property
    def shown(self) -> str:
        """'17.4 cases' or '51%'."""
        number = f"{self.value:g}"
        return f"{number}%" if self.unit == "%" else f"{number} {self.unit}"

    @property
    def year_note(self) -> str:
        """'2023 figure' when the figure is of an earlier year than the cycle it is shown beside; '' otherwise."""
        if self.shown_beside_year is not None and self.year < self.shown_beside_year:
            return f"{self.year} figure"
        return ""

    @property
    def described(self) -> str:
        """'DfE workforce statistics: average caseload, 30/09/2023: 16 cases (2023 figure)'."""
        return f"{self.label}: {self.shown}" + (f" ({self.year_note})" if self.year_note else "")


def load_benchmarks(path: Path | None = None) -> tuple[Benchmark, ...]:
    with open(path or resources_dir() / "benchmarks.toml", "rb") as handle:
        data = tomllib.load(handle)
    return tuple(_benchmark(entry) for entry in data.get("benchmarks", []))


def _benchmark(entry: dict[str, Any]) -> Benchmark:
    return Benchmark(
        **{
            **entry,
            "service": Service(entry.get("service", Service.CHILDREN)),
            "cycle_years": tuple(entry.get("cycle_years", ())),
        }
    )


def cycle_year(cycle_name: str) -> int | None:
    """The year a cycle is about: the first four-digit year in its name ('2019', '2019/20', 'Spring 2021')."""
    found = re.search(r"(19|20)\d\d", cycle_name)
    return int(found.group()) if found else None


def benchmarks_for(
    indicator: str, cycle_name: str, benchmarks: tuple[Benchmark, ...], service: Service = Service.CHILDREN
) -> list[Benchmark]:
    """The figures to show beside a cycle's figure: for the same measure and service, from each source the one of the
    cycle's year or, failing that, the nearest earlier year (named so: see `Benchmark.year_note`); never a later
    year's, nor one outside the years it is for (the 2018 employer return beside a 2025 cycle); only those that
    measure what the council's figure measures. A cycle whose name holds no year is shown each source's newest."""
    year = cycle_year(cycle_name)
    candidates = [
        b
        for b in benchmarks
        if b.indicator == indicator
        and b.comparable
        and b.service == service
        and (not b.cycle_years or year in b.cycle_years)
        and (year is None or b.year <= year)
    ]
    by_series: dict[str, Benchmark] = {}
    for benchmark in sorted(candidates, key=lambda b: -b.year):
        by_series.setdefault(
            benchmark.series or benchmark.label.split(":")[0], dataclasses.replace(benchmark, shown_beside_year=year)
        )
    return list(by_series.values())


# ------------------------------------------------------------------------------------------ national Standards scores

NATIONAL_SCORES_KEY = "national_standard_scores"


@dataclass(frozen=True)
class NationalScore:
    """A national score for one Standard, as the LGA's report to the council gives it (the PSW types it in)."""

    service: Service
    year: int
    standard: int
    score: float
    source: str
    shown_beside_year: int | None = None  # the year of the cycle it is shown beside, once chosen for one

    @property
    def year_note(self) -> str:
        """'2023 figure' when it is of an earlier year than the cycle it is shown beside; '' otherwise."""
        if self.shown_beside_year is not None and self.year < self.shown_beside_year:
            return f"{self.year} figure"
        return ""


def check_national_score(score: NationalScore) -> None:
    if score.standard not in STANDARD_NUMBERS:
        raise InvalidInput(f"There is no Standard {score.standard}.", "The Standards are numbered 1 to 8.")
    if not (isinstance(score.score, (int, float)) and math.isfinite(score.score) and 0 <= score.score <= 100):
        raise InvalidInput(f"A Standard's score is out of 100; {score.score:g} is not.", "Type a score from 0 to 100.")
    if not 2000 <= score.year <= 2100:
        raise InvalidInput(f"{score.year} is not a year a national score can be of.", "Type the year, such as 2025.")
    if not score.source.strip():
        raise InvalidInput(
            "Say where the national score comes from.",
            "Name the report, such as 'LGA employer standards health check 2025: national summary'.",
        )


def national_scores(hc: HealthCheckFile) -> list[NationalScore]:
    """Every national Standard score the PSW has typed in, by service, year and Standard."""
    stored = hc.settings.get(NATIONAL_SCORES_KEY, [])
    scores = []
    for entry in stored if isinstance(stored, list) else []:
        try:
            score = NationalScore(
                Service(entry["service"]),
                int(entry["year"]),
                int(entry["standard"]),
                float(entry["score"]),
                str(entry["source"]),
            )
            check_national_score(score)
        except (KeyError, TypeError, ValueError, InvalidInput):
            continue  # a hand-edited entry that cannot be read is left out, never guessed at
        scores.append(score)
    return sorted(scores, key=lambda s: (s.service, s.year, s.standard))


def save_national_score(hc: HealthCheckFile, score: NationalScore) -> None:
    """Keep a national score (replacing the one of the same service, year and Standard), noted in the audit log."""
    check_national_score(score)
    kept = [
        s for s in national_scores(hc) if (s.service, s.year, s.standard) != (score.service, score.year, score.standard)
    ]
    _store(hc, kept + [score], f"National score of Standard {score.standard}, {score.year}")


def remove_national_score(hc: HealthCheckFile, service: Service, year: int, standard: int) -> None:
    kept = [s for s in national_scores(hc) if (s.service, s.year, s.standard) != (service, year, standard)]
    _store(hc, kept, f"Removed the national score of Standard {standard}, {year}")


def _store(hc: HealthCheckFile, scores: list[NationalScore], description: str) -> None:
    hc.settings.set(
        NATIONAL_SCORES_KEY,
        [
            {"service": str(s.service), "year": s.year, "standard": s.standard, "score": s.score, "source": s.source}
            for s in sorted(scores, key=lambda s: (s.service, s.year, s.standard))
        ],
        description,
    )


def national_score_for(
    standard: int, cycle_name: str, service: Service, scores: list[NationalScore]
) -> NationalScore | None:
    """The national score to show beside a cycle's score of a Standard: the same service's, of the cycle's year or the
    nearest earlier year; None when there is none."""
    year = cycle_year(cycle_name)
    found = [s for s in scores if s.standard == standard and s.service == service and (year is None or s.year <= year)]
    return dataclasses.replace(max(found, key=lambda s: s.year), shown_beside_year=year) if found else None
