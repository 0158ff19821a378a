"""The workforce figures a council enters each year (establishment, vacancies, agency staff, turnover, sickness, as
Worcestershire reports them to its scrutiny panel, and the rates of its national workforce return), checked as typed,
followed across the years, and each rate shown beside the national figure of the same measure and service."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..domain.cycle_order import earlier_than
from ..domain.errors import InvalidInput
from ..domain.records import Cycle, FigureValue
from .entered import PutFigures

if TYPE_CHECKING:
    from ..analysis.benchmarks import Benchmark
    from ..storage import HealthCheckFile

WORKFORCE_PREFIX = "workforce:"


@dataclass(frozen=True)
class WorkforceMeasure:
    key: str
    title: str
    unit: str  # as printed after the number
    explanation: str  # what to count, in words
    decimals: int
    maximum: float | None = None

    def number_text(self, value: float) -> str:
        """'284.3', '35', '1,204': whole numbers without a decimal point."""
        if float(value).is_integer() or self.decimals == 0:
            return f"{value:,.0f}"
        return f"{value:,.{self.decimals}f}"

    def shown(self, value: float | None) -> str:
        """'284.3 FTE', '16%', '35': as the council's own reports print them."""
        if value is None:
            return "–"
        number = self.number_text(value)
        return f"{number}%" if self.unit == "%" else f"{number} {self.unit}".strip()


WORKFORCE_MEASURES: tuple[WorkforceMeasure, ...] = (
    WorkforceMeasure(
        "establishment_fte",
        "Establishment",
        "FTE",
        "Qualified social work posts the service is funded for, managers included (full-time equivalent).",
        1,
    ),
    WorkforceMeasure(
        "vacancies_fte", "Vacancies", "FTE", "Funded posts with no permanent post-holder (full-time equivalent).", 1
    ),
    WorkforceMeasure(
        "agency_workers", "Agency social workers", "", "Agency social workers working for the service (headcount).", 0
    ),
    WorkforceMeasure(
        "turnover_percent",
        "Turnover",
        "%",
        "Qualified social workers who left in the last 12 months, as a per cent of the average headcount.",
        1,
        maximum=100,
    ),
    WorkforceMeasure(
        "sickness_days",
        "Sickness absence",
        "days",
        "Average working days lost to sickness per full-time equivalent in the last 12 months.",
        1,
    ),
    # The rates of the council's own national return (DfE's children's social work workforce census, or Skills for
    # Care's for adults' services), defined as the national figures are, so that they stand beside them.
    WorkforceMeasure(
        "vacancy_rate",
        "Vacancy rate (national return)",
        "%",
        "Vacant posts as a per cent of all posts (FTE), as in the council's national workforce return.",
        1,
        maximum=100,
    ),
    WorkforceMeasure(
        "agency_rate",
        "Agency rate (national return)",
        "%",
        "Agency social workers as a per cent of all social workers, in post or agency (FTE), as in the "
        "council's national workforce return.",
        1,
        maximum=100,
    ),
    WorkforceMeasure(
        "turnover_rate",
        "Turnover rate (national return)",
        "%",
        "Social workers who left in the year as a per cent of those in post (FTE), as in the council's "
        "national workforce return.",
        1,
        maximum=100,
    ),
    WorkforceMeasure(
        "sickness_rate",
        "Sickness absence rate (national return)",
        "%",
        "Working days lost to sickness as a per cent of working days, as in the council's national workforce return.",
        1,
        maximum=100,
    ),
)
NATIONAL_RETURN_RATES = ("vacancy_rate", "agency_rate", "turnover_rate", "sickness_rate")


def workforce_measure(key: str) -> WorkforceMeasure:
    return next(m for m in WORKFORCE_MEASURES if m.key == key)


def parse_workforce_figure(measure: WorkforceMeasure, text: str) -> float | None:
    """A figure as typed ('284.3', '16%', '1,204'); None when the box is empty. Anything else is refused in words."""
    cleaned = text.strip().replace(",", "").removesuffix("%").strip()
    if not cleaned:
        return None
    try:
        value = float(cleaned)
    except ValueError:
        raise InvalidInput(
            f"{measure.title}: '{text.strip()}' is not a number.",
            "Type a number, such as 284.3, or leave the box empty.",
        ) from None
    if not math.isfinite(value) or value < 0:
        raise InvalidInput(f"{measure.title} cannot be below 0.", "Type 0 or more, or leave the box empty.")
    if measure.maximum is not None and value > measure.maximum:
        raise InvalidInput(
            f"{measure.title} cannot be more than {measure.maximum:g}{measure.unit}.",
            "Type it as a per cent, such as 16 for 16%.",
        )
    return value


def workforce_figures(hc: "HealthCheckFile", cycle_id: int) -> dict[str, float]:
    stored = hc.figures.get(cycle_id, WORKFORCE_PREFIX)
    return {key: figure.number for key, figure in stored.items() if figure.number is not None}


def save_workforce_figures(hc: "HealthCheckFile", cycle_id: int, changes: Mapping[str, float | None]) -> None:
    """Store figures as one change; None clears a figure."""
    known = {m.key for m in WORKFORCE_MEASURES}
    unknown = set(changes) - known
    if unknown:
        raise ValueError(f"Not workforce figures: {sorted(unknown)}")
    hc.figures.set(
        cycle_id,
        WORKFORCE_PREFIX,
        {key: None if value is None else FigureValue(number=float(value)) for key, value in changes.items()},
        "Changed the workforce figures",
    )


@dataclass(frozen=True)
class ChangeWorkforceFigure:
    """One of the cycle's workforce figures (None clears it), as a change the PSW can undo."""

    cycle_id: int
    key: str
    value: float | None
    description: str = "change a workforce figure"

    def apply(self, hc: "HealthCheckFile") -> PutFigures:
        if self.key not in {m.key for m in WORKFORCE_MEASURES}:
            raise ValueError(f"Not a workforce figure: {self.key}")
        from ..domain.records import FigureValue

        figure = None if self.value is None else FigureValue(number=float(self.value))
        return PutFigures(
            self.cycle_id, WORKFORCE_PREFIX, ((self.key, figure),), "Changed the workforce figures", self.description
        ).apply(hc)


@dataclass(frozen=True)
class WorkforceTrend:
    measure: WorkforceMeasure
    values: tuple[float | None, ...]  # one a cycle, in the order of WorkforceTrends.cycle_names


@dataclass(frozen=True)
class WorkforceTrends:
    cycle_names: tuple[str, ...]
    trends: tuple[WorkforceTrend, ...]

    @property
    def has_figures(self) -> bool:
        return any(v is not None for trend in self.trends for v in trend.values)


def workforce_trends(hc: "HealthCheckFile", cycle: Cycle, years: int = 5) -> WorkforceTrends:
    """The figures for this cycle and up to `years` - 1 cycles before it, oldest first; measures nobody has entered
    in those years are left out."""
    shown = [*earlier_than(hc.cycles.all(), cycle)[-(years - 1) :], cycle] if years > 1 else [cycle]
    stored = hc.figures.across_cycles(WORKFORCE_PREFIX)
    trends = []
    for measure in WORKFORCE_MEASURES:
        values = []
        for each in shown:
            figure = stored.get(each.id, {}).get(measure.key)
            values.append(figure.number if figure is not None else None)
        if any(v is not None for v in values):
            trends.append(WorkforceTrend(measure, tuple(values)))
    return WorkforceTrends(tuple(c.name for c in shown), tuple(trends))


def workforce_benchmarks(cycle: Cycle, benchmarks: tuple[Benchmark, ...] | None = None) -> dict[str, list[Benchmark]]:
    """For each rate of the national return, the national figures to show beside the cycle's: the same measure, of the
    cycle's service, of its year or the nearest earlier year (see `analysis.benchmarks.benchmarks_for`)."""
    from ..analysis.benchmarks import benchmarks_for, load_benchmarks

    benchmarks = load_benchmarks() if benchmarks is None else benchmarks
    return {key: benchmarks_for(key, cycle.name, benchmarks, cycle.service) for key in NATIONAL_RETURN_RATES}
