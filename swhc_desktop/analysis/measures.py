"""One figure taken from a question's result (% choosing some answers, % favourable, an average, % at or over a
number), with its interval, and the change in it between two years."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from .intervals import Change, MeanSample, Proportion, compare_means, compare_proportions, mean_interval
from .results import QuestionResult


class MeasureKind(StrEnum):
    SHARE = "share"  # per cent choosing any of some options
    FAVOURABLE = "favourable"  # per cent giving a favourable answer
    MEAN = "mean"  # the average of a number
    AT_LEAST = "at_least"  # per cent giving a number at or over a threshold


@dataclass(frozen=True)
class Measure:
    kind: MeasureKind
    option_codes: tuple[str, ...] = ()
    threshold: float | None = None

    @property
    def is_percent(self) -> bool:
        return self.kind is not MeasureKind.MEAN


@dataclass(frozen=True)
class MeasureValue:
    value: float | None
    interval: tuple[float, float] | None
    base: int
    proportion: Proportion | None = None
    sample: MeanSample | None = None


def evaluate(measure: Measure, result: QuestionResult) -> MeasureValue:
    """The measure for one question's result; a value of None when nobody answered or the question cannot give it."""
    if measure.kind is MeasureKind.MEAN:
        sample = result.numbers.sample if result.numbers else None
        if sample is None:
            return MeasureValue(None, None, result.base)
        return MeasureValue(sample.mean, mean_interval(sample), sample.n, sample=sample)
    proportion = _proportion(measure, result)
    if proportion is None:
        return MeasureValue(None, None, result.base)
    return MeasureValue(proportion.percent, proportion.interval, proportion.base, proportion=proportion)


def _proportion(measure: Measure, result: QuestionResult) -> Proportion | None:
    if measure.kind is MeasureKind.FAVOURABLE:
        return result.scale.favourable if result.scale else None
    if measure.kind is MeasureKind.AT_LEAST:
        if result.numbers is None or measure.threshold is None:
            return None
        return Proportion(sum(v >= measure.threshold for v in result.values), result.numbers.n)
    if result.table is None:
        return None
    wanted = set(measure.option_codes)
    return Proportion(
        sum(r.count for r in result.table.rows if r.option.code in wanted and r.in_base), result.table.base
    )


def compare(now: MeasureValue, before: MeasureValue) -> Change | None:
    """The change since `before`, with its interval and test; None when either year has nothing to compare."""
    if now.proportion is not None and before.proportion is not None:
        return compare_proportions(now.proportion, before.proportion)
    if now.sample is not None and before.sample is not None:
        return compare_means(now.sample, before.sample)
    return None


def default_measure(result: QuestionResult) -> Measure | None:
    """What a trend of this question follows: % favourable, or the average of a number."""
    if result.scale is not None:
        return Measure(MeasureKind.FAVOURABLE)
    if result.numbers is not None:
        return Measure(MeasureKind.MEAN)
    return None
