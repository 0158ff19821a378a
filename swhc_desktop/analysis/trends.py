"""A question followed across the cycles that ask it (the same code), with a warning where its wording changed, and
where it moved Standard (between editions of the Standards, or by the PSW's choice)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from ..domain.questionnaire import Questionnaire
from ..domain.standards import edition
from ..storage import HealthCheckFile
from .breakdowns import FilteredResult, GroupFilter, filtered_result
from .measures import Measure, MeasureValue, default_measure, evaluate
from .results import QuestionResult, question_results


@dataclass(frozen=True)
class TrendPoint:
    cycle_name: str
    value: MeasureValue | None  # None when hidden (the group is too small that year) or not answered
    hidden: bool = False
    wording: str = ""
    standard: int | None = None  # the Standard it is filed under that year
    standards_edition: str | None = None  # the edition of the Standards of that year's cycle

    @property
    def standard_label(self) -> str:
        """'Standard 4: Wellbeing', as that year's edition names it."""
        return edition(self.standards_edition).label(self.standard)


@dataclass(frozen=True)
class StandardMove:
    """Where a question moved Standard between one cycle and the next."""

    cycle_name: str  # the first cycle under the new Standard
    previous_cycle: str
    before: str  # 'Standard 5: Effective and appropriate supervision'
    after: str  # 'Standard 4: Wellbeing'

    @property
    def sentence(self) -> str:
        return f"Filed under {self.before} until {self.previous_cycle}, and under {self.after} from {self.cycle_name}."


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

    @property
    def standard_moves(self) -> list[StandardMove]:
        """Where the question sits under another Standard than the year before (stress: under Supervision before
        2020, under Wellbeing since); a Standard that only changed its title is not a move."""
        moves = []
        for before, after in zip(self.points, self.points[1:]):
            if before.standard is not None and after.standard is not None and before.standard != after.standard:
                moves.append(
                    StandardMove(after.cycle_name, before.cycle_name, before.standard_label, after.standard_label)
                )
        return moves


def measure_label(measure: Measure, unit: str = "") -> str:
    if measure.kind.value == "favourable":
        return "% favourable"
    if measure.kind.value == "mean":
        return f"Average{f' ({unit})' if unit else ''}"
    if measure.kind.value == "at_least":
        return f"% at {measure.threshold:g} or more"
    return "%"


class CycleResults(Protocol):
    """Where a trend takes a question's result in each cycle from: worked out afresh (`FreshResults`), or kept by a
    caller that has worked some out already (the Question explorer's memory)."""

    def questionnaire(self, cycle_id: int) -> Questionnaire: ...

    def result(self, cycle_id: int, question_code: str) -> QuestionResult | None: ...

    def filtered(self, cycle_id: int, question_code: str, within: GroupFilter) -> FilteredResult: ...


class FreshResults:
    """Each cycle's results worked out when asked, as every table shows them."""

    def __init__(self, hc: HealthCheckFile):
        self.hc = hc
        self._questionnaires: dict[int, Questionnaire] = {}  # each read once for the trend being worked out

    def questionnaire(self, cycle_id: int) -> Questionnaire:
        if cycle_id not in self._questionnaires:
            self._questionnaires[cycle_id] = self.hc.questionnaires.load(cycle_id)
        return self._questionnaires[cycle_id]

    def result(self, cycle_id: int, question_code: str) -> QuestionResult | None:
        questionnaire = self.questionnaire(cycle_id)
        return question_results(self.hc, cycle_id, [question_code], questionnaire=questionnaire).get(question_code)

    def filtered(self, cycle_id: int, question_code: str, within: GroupFilter) -> FilteredResult:
        return filtered_result(self.hc, cycle_id, question_code, within, self.questionnaire(cycle_id))


def question_trend(
    hc: HealthCheckFile,
    question_code: str,
    measure: Measure | None = None,
    within: GroupFilter | None = None,
    results: CycleResults | None = None,
) -> Trend | None:
    """The question's measure in every cycle that asks it, oldest first; None when it has no trend to show."""
    results = results or FreshResults(hc)
    points = []
    title = question_code
    chosen = measure
    unit = ""
    for cycle in hc.cycles.all():
        questionnaire = results.questionnaire(cycle.id)
        question = questionnaire.find(question_code)
        if question is None:
            continue
        title, unit = question.title, question.unit
        if within is not None:
            if questionnaire.find(within.dimension_code) is None:
                points.append(
                    TrendPoint(
                        cycle.name, None, True, question.text, question.standard, questionnaire.standards_edition
                    )
                )
                continue
            filtered = results.filtered(cycle.id, question_code, within)
            result = filtered.result
            if filtered.hidden or result is None:
                points.append(
                    TrendPoint(
                        cycle.name, None, True, question.text, question.standard, questionnaire.standards_edition
                    )
                )
                continue
        else:
            result = results.result(cycle.id, question_code)
            if result is None:
                return None
        chosen = chosen or default_measure(result)
        if chosen is None:
            return None
        points.append(
            TrendPoint(
                cycle.name,
                evaluate(chosen, result),
                False,
                question.text,
                question.standard,
                questionnaire.standards_edition,
            )
        )
    if chosen is None or not points:
        return None
    return Trend(question_code, title, chosen, tuple(points), measure_label(chosen, unit))
