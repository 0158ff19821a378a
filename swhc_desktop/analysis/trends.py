"""A question followed across the cycles that ask it (the same code), with a warning where its wording changed."""

from __future__ import annotations

from dataclasses import dataclass

from ..storage import HealthCheckFile
from .breakdowns import GroupFilter, filtered_result
from .measures import Measure, MeasureValue, default_measure, evaluate
from .results import question_results


@dataclass(frozen=True)
class TrendPoint:
    cycle_name: str
    value: MeasureValue | None  # None when hidden (the group is too small that year) or not answered
    hidden: bool = False
    wording: str = ""


@dataclass(frozen=True)
class Trend:
    question_code: str
    title: str
    measure: Measure
    points: tuple[TrendPoint, ...]
    label: str  # what the line shows, e.g. "% favourable"

    @property
    def wording_changed(self) -> list[str]:
        """Cycles whose wording differs from the cycle before: the comparison there is of different words."""
        changed = []
        for before, after in zip(self.points, self.points[1:]):
            if before.wording and after.wording and before.wording != after.wording:
                changed.append(after.cycle_name)
        return changed


def measure_label(measure: Measure, unit: str = "") -> str:
    if measure.kind.value == "favourable":
        return "% favourable"
    if measure.kind.value == "mean":
        return f"Average{f' ({unit})' if unit else ''}"
    if measure.kind.value == "at_least":
        return f"% at {measure.threshold:g} or more"
    return "%"


def question_trend(
    hc: HealthCheckFile, question_code: str, measure: Measure | None = None, within: GroupFilter | None = None
) -> Trend | None:
    """The question's measure in every cycle that asks it, oldest first; None when it has no trend to show."""
    points = []
    title = question_code
    chosen = measure
    unit = ""
    for cycle in hc.cycles.all():
        questionnaire = hc.questionnaires.load(cycle.id)
        question = questionnaire.find(question_code)
        if question is None:
            continue
        title, unit = question.title, question.unit
        if within is not None:
            if questionnaire.find(within.dimension_code) is None:
                points.append(TrendPoint(cycle.name, None, True, question.text))
                continue
            filtered = filtered_result(hc, cycle.id, question_code, within, questionnaire)
            result = filtered.result
            if filtered.hidden or result is None:
                points.append(TrendPoint(cycle.name, None, True, question.text))
                continue
        else:
            result = question_results(hc, cycle.id, [question_code], questionnaire=questionnaire).get(question_code)
            if result is None:
                return None
        chosen = chosen or default_measure(result)
        if chosen is None:
            return None
        points.append(TrendPoint(cycle.name, evaluate(chosen, result), False, question.text))
    if chosen is None or not points:
        return None
    return Trend(question_code, title, chosen, tuple(points), measure_label(chosen, unit))
