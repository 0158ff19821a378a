"""Numbers people gave (hours worked, cases held): how many, the average, the median, the quartiles and the bands."""

from __future__ import annotations

import bisect
import math
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from ..domain.errors import InvalidInput
from ..domain.rounding import Exact, exact_value, number_text
from .intervals import MeanSample, Proportion, mean_interval

# The bands councils report (Wolverhampton's health check reports hours as up to 37, 38-42, 43-47 and 48 or more).
DEFAULT_BAND_STARTS: dict[str, tuple[float, ...]] = {
    "hours_worked": (38, 43, 48),
    "caseload": (15, 21, 26),
    "direct_work_hours": (6, 11, 16),
}
SETTINGS_KEY = "number_bands"


@dataclass(frozen=True)
class Band:
    """Values from `low` (inclusive) up to `high` (exclusive); None for an open end."""

    low: float | None
    high: float | None

    @property
    def label(self) -> str:
        """The band in words that say exactly what it holds, decimals included: 'Under 38' holds 37.5, which
        'Up to 37' would not say."""
        if self.low is None and self.high is None:
            return "Any"
        if self.low is None:
            return f"Under {_number(self.high)}"
        if self.high is None:
            return f"{_number(self.low)} or more"
        return f"{_number(self.low)} to under {_number(self.high)}"

    def holds(self, value: float) -> bool:
        """The one rule for which band a value is in, as its label says: from `low` up to, not including, `high`."""
        return (self.low is None or value >= self.low) and (self.high is None or value < self.high)


def _number(value: float) -> str:
    return f"{value:g}"


def bands_from_starts(starts: Sequence[float]) -> tuple[Band, ...]:
    """Bands from the numbers where each band after the first starts: (38, 43, 48) gives under 38, 38 to under 43,
    43 to under 48 and 48 or more."""
    cuts = sorted(set(float(s) for s in starts))
    if not cuts:
        return (Band(None, None),)
    bounds = [None, *cuts, None]
    return tuple(Band(bounds[i], bounds[i + 1]) for i in range(len(bounds) - 1))


def parse_band_starts(text: str) -> tuple[float, ...]:
    """'38, 43, 48' as typed by the PSW; a clear message when it cannot be used."""
    parts = [p.strip() for p in text.replace(";", ",").split(",") if p.strip()]
    values = []
    for part in parts:
        try:
            value = float(part)
        except ValueError:
            raise InvalidInput(
                f"'{part}' is not a number.",
                "Type the numbers where each band starts, separated by commas, for example 38, 43, 48.",
            ) from None
        if not math.isfinite(value):
            raise InvalidInput(f"'{part}' is not a number.", "Type ordinary numbers, for example 38, 43, 48.")
        values.append(value)
    if len(values) != len(set(values)):
        raise InvalidInput("The same number is given twice.", "Each band must start at a different number.")
    if values != sorted(values):
        raise InvalidInput(
            "The numbers are not in order.", "Type them from smallest to largest, for example 38, 43, 48."
        )
    if len(values) > 12:
        raise InvalidInput("That makes too many bands to read.", "Use at most 13 bands (12 starting numbers).")
    return tuple(values)


def automatic_band_starts(values: Sequence[float]) -> tuple[float, ...]:
    """Four bands of round width covering the values, for a number question the council has no bands for."""
    if not values:
        return ()
    low, high = min(values), max(values)
    if high <= low:
        return ()
    raw = (high - low) / 4
    magnitude = 10 ** math.floor(math.log10(raw))
    width = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    first = math.floor(low / width) * width + width
    return tuple(first + i * width for i in range(3))


@dataclass(frozen=True)
class BandCount:
    band: Band
    count: int
    base: int

    @property
    def proportion(self) -> Proportion:
        return Proportion(self.count, self.base)


@dataclass(frozen=True)
class NumberSummary:
    n: int
    mean: float | None
    median: float | None
    lower_quartile: float | None
    upper_quartile: float | None
    minimum: float | None
    maximum: float | None
    variance: float | None
    bands: tuple[BandCount, ...]

    @property
    def sample(self) -> MeanSample | None:
        if self.mean is None or self.variance is None:
            return None
        return MeanSample(self.n, self.mean, self.variance)

    @property
    def mean_interval(self) -> tuple[float, float] | None:
        sample = self.sample
        return mean_interval(sample) if sample else None

    def spread_text(self, unit: str = "", separator: str = "; ") -> str:
        """'Average 13.6 cases; median 14.0; middle half 7.6 to 13.0': each figure rounded once, by the one rule for
        numbers, however the quartiles fall between answers."""
        return (
            f"Average {number_text(self.mean)}{unit}{separator}median {number_text(self.median)}{separator}"
            f"middle half {number_text(self.lower_quartile)} to {number_text(self.upper_quartile)}"
        )


def summarise_numbers(values: Sequence[float], bands: Sequence[Band]) -> NumberSummary:
    """n, mean, median and quartiles (as Excel's QUARTILE.INC works them out, as councils' spreadsheets do), each
    exact, so that it is printed from its exact value."""
    ordered = sorted(values)
    n = len(ordered)
    runs = _runs(ordered)
    band_counts = tuple(BandCount(b, sum(count for v, count in runs if b.holds(v)), n) for b in bands)
    if not n:
        return NumberSummary(0, None, None, None, None, None, None, None, band_counts)
    return NumberSummary(
        n=n,
        mean=Exact(sum((exact_value(v) * count for v, count in runs), Fraction(0)) / n),
        median=_quartile(ordered, 2),
        lower_quartile=_quartile(ordered, 1),
        upper_quartile=_quartile(ordered, 3),
        minimum=ordered[0],
        maximum=ordered[-1],
        variance=_variance(runs, n) if n > 1 else None,
        bands=band_counts,
    )


def _runs(ordered: Sequence[float]) -> list[tuple[float, int]]:
    """Each distinct value of the sorted values and how many times it is given: people give few distinct numbers
    (hours, cases), so the sums below take a step a distinct value rather than one a person."""
    runs = []
    start = 0
    while start < len(ordered):
        end = bisect.bisect_right(ordered, ordered[start], start)
        runs.append((ordered[start], end - start))
        start = end
    return runs


def _variance(runs: Sequence[tuple[float, int]], n: int) -> float:
    """The sample variance as statistics.variance gives it (n - 1 denominator; exact, then rounded once to a float),
    worked out from the distinct values and their counts."""
    total = sum((Fraction(v) * count for v, count in runs), Fraction(0))
    squares = sum((Fraction(v) ** 2 * count for v, count in runs), Fraction(0))
    return float((n * squares - total * total) / n / (n - 1))


def _quartile(ordered: Sequence[float], which: int) -> Exact:
    """QUARTILE.INC: the value a quarter (half, three quarters) of the way along the sorted values, between the two
    nearest values where it falls between them; worked out exactly from the two."""
    position = Fraction((len(ordered) - 1) * which, 4)
    below = math.floor(position)
    low = exact_value(ordered[below])
    if below + 1 >= len(ordered):
        return Exact(low)
    return Exact(low + (exact_value(ordered[below + 1]) - low) * (position - below))
