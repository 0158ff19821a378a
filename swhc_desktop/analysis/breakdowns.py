"""Results by team, role or any other dimension, and for one group alone, never showing a group too small to show.

Every breakdown and every filter asks the cycle's disclosure plan (`suppression`), which decides on the groups
(who took part), never on a question's base: a one-way breakdown hides the groups the breakdown question's plan
hides, for every question alike; a breakdown within a filter (one role's results by team) shows the cells the two
questions' plan shows. A breakdown question's own table inside a group (the teams within a role) is shown as the
plan shows that pair, and not at all inside a group of two others.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..domain.errors import InvalidInput
from ..domain.plurals import counted
from ..domain.questionnaire import Option, Question, Questionnaire, QuestionType
from ..storage import HealthCheckFile
from .results import QuestionResult, analysed_questions, grouped_results
from .suppression import DisclosurePlan, disclosure_plan


@dataclass(frozen=True)
class GroupFilter:
    """Respondents who gave one answer to a dimension question ("Team: Assessment")."""

    dimension_code: str
    option_code: str


@dataclass(frozen=True)
class GroupResult:
    option: Option
    size: int  # respondents in the group who answered the question (its base)
    hidden: bool
    result: QuestionResult | None  # None when hidden

    @property
    def label(self) -> str:
        return self.option.label


@dataclass(frozen=True)
class Breakdown:
    question: Question
    dimension: Question
    groups: tuple[GroupResult, ...]
    minimum: int
    within: GroupFilter | None = None
    within_label: str = ""
    within_hidden: bool = False  # the filter's own group is too small to show at all

    @property
    def hidden_count(self) -> int:
        return sum(g.hidden for g in self.groups)

    @property
    def note(self) -> str:
        """What a reader needs to know about the hidden groups, in words."""
        if self.within_hidden:
            return (
                f"{self.within_label} is not shown: too few people are in it, or showing it would let a small "
                f"group be worked out (groups of fewer than {self.minimum} are never shown)."
            )
        if not self.hidden_count:
            return ""
        return (
            f"{self.hidden_count} group{'s are' if self.hidden_count != 1 else ' is'} not shown: groups of fewer "
            f"than {counted(self.minimum, 'person')} are never shown, nor any group that would let one be worked out."
        )


def dimension(questionnaire: Questionnaire, code: str) -> Question:
    question = questionnaire.find(code)
    if question is None or question.qtype is not QuestionType.SINGLE:
        names = ", ".join(q.code for q in questionnaire.dimensions()) or "none"
        raise InvalidInput(
            f"'{code}' is not a question results can be broken down by.",
            f"Use a single-choice question such as a team or role (breakdown questions: {names}).",
        )
    return question


def find_question(questionnaire: Questionnaire, code: str) -> Question:
    question = questionnaire.find(code)
    if question is None:
        raise InvalidInput(
            f"There is no question with the code '{code}' in this cycle.",
            "List the questions and their codes with 'swhc questions FILE CYCLE'.",
        )
    return question


def minimum_group_size(hc: HealthCheckFile) -> int:
    return hc.organisation.get().minimum_group_size


def breakdown(
    hc: HealthCheckFile,
    cycle_id: int,
    question_code: str,
    dimension_code: str,
    within: GroupFilter | None = None,
    questionnaire: Questionnaire | None = None,
    minimum: int | None = None,
    plan: DisclosurePlan | None = None,
) -> Breakdown:
    """The question's result for each group of the dimension (within one group of another dimension, if asked)."""
    questionnaire = questionnaire or hc.questionnaires.load(cycle_id)
    question = find_question(questionnaire, question_code)
    by = dimension(questionnaire, dimension_code)
    plan = plan or disclosure_plan(hc, cycle_id, questionnaire, minimum)
    if within is None or within.dimension_code == dimension_code:
        results = grouped_results(hc, cycle_id, (by.id,), [question.code], questionnaire=questionnaire)
        return one_way_breakdown(question, by, results.get(question.code, {}), plan)
    return _within(hc, cycle_id, questionnaire, question, by, within, plan)


def breakdowns(
    hc: HealthCheckFile,
    cycle_id: int,
    dimension_code: str,
    codes: Iterable[str] | None = None,
    questionnaire: Questionnaire | None = None,
    plan: DisclosurePlan | None = None,
) -> list[Breakdown]:
    """Every analysed question's breakdown by one dimension (or those codes'), in questionnaire order: the same
    breakdowns as `breakdown` gives one by one, counted together in one pass over the cycle's answers."""
    questionnaire = questionnaire or hc.questionnaires.load(cycle_id)
    by = dimension(questionnaire, dimension_code)
    plan = plan or disclosure_plan(hc, cycle_id, questionnaire)
    results = grouped_results(hc, cycle_id, (by.id,), codes, questionnaire=questionnaire)
    return [
        one_way_breakdown(question, by, results.get(question.code, {}), plan)
        for question in analysed_questions(questionnaire, codes)
    ]


def one_way_breakdown(question: Question, by: Question, results: dict, plan: DisclosurePlan) -> Breakdown:
    """The breakdown from the question's results by each group of `by` already worked out (`grouped_results` keyed
    by `(option_id,)`), each group shown or hidden as the plan decides for `by`, whatever the question."""
    groups = []
    for option in by.options:
        result = results.get((option.id,))
        if not plan.group_shown(by.code, option.id):
            groups.append(GroupResult(option, 0, True, None))
            continue
        if result is not None:
            result = plan.result_as_shown(result, [(by.code, option.id)])
        groups.append(GroupResult(option, result.base if result is not None else 0, False, result))
    return Breakdown(question, by, tuple(groups), plan.minimum)


def _within(
    hc: HealthCheckFile,
    cycle_id: int,
    questionnaire: Questionnaire,
    question: Question,
    by: Question,
    within: GroupFilter,
    plan: DisclosurePlan,
) -> Breakdown:
    """One group's results by another breakdown question: a row of the two questions' table, as the plan shows it."""
    filter_dimension = dimension(questionnaire, within.dimension_code)
    chosen = _option(filter_dimension, within.option_code)
    label = f"{filter_dimension.title}: {chosen.label}"
    if not plan.group_shown(filter_dimension.code, chosen.id):
        hidden = tuple(GroupResult(o, 0, True, None) for o in by.options)
        return Breakdown(question, by, hidden, plan.minimum, within, label, True)
    results = grouped_results(
        hc, cycle_id, (filter_dimension.id, by.id), [question.code], questionnaire=questionnaire
    ).get(question.code, {})
    groups: list[GroupResult] = []
    for option in by.options:
        if not plan.cell_shown(filter_dimension.code, chosen.id, by.code, option.id):
            groups.append(GroupResult(option, 0, True, None))
            continue
        result = results.get((chosen.id, option.id))
        if result is not None:
            result = plan.result_as_shown(result, [(filter_dimension.code, chosen.id), (by.code, option.id)])
        groups.append(GroupResult(option, result.base if result is not None else 0, False, result))
    return Breakdown(question, by, tuple(groups), plan.minimum, within, label, False)


def _option(question: Question, code: str) -> Option:
    for option in question.options:
        if option.code == code:
            return option
    labels = ", ".join(o.code for o in question.options)
    raise InvalidInput(f"'{code}' is not an answer to '{question.code}'.", f"The answers are: {labels}.")


@dataclass(frozen=True)
class FilteredResult:
    """A question's result for one group alone, or why it cannot be shown."""

    result: QuestionResult | None
    label: str
    hidden: bool
    minimum: int

    @property
    def note(self) -> str:
        if not self.hidden:
            return ""
        return (
            f"Results for {self.label} are not shown: fewer than {counted(self.minimum, 'person')} are in this group, "
            "or showing them would let a small group be worked out."
        )


def filtered_result(
    hc: HealthCheckFile,
    cycle_id: int,
    question_code: str,
    within: GroupFilter,
    questionnaire: Questionnaire | None = None,
    minimum: int | None = None,
    plan: DisclosurePlan | None = None,
) -> FilteredResult:
    """The question's result for one group: shown exactly when that group is shown in the breakdown by its dimension."""
    questionnaire = questionnaire or hc.questionnaires.load(cycle_id)
    _option(dimension(questionnaire, within.dimension_code), within.option_code)  # a wrong filter is told first
    one_way = breakdown(
        hc, cycle_id, question_code, within.dimension_code, questionnaire=questionnaire, minimum=minimum, plan=plan
    )
    return group_alone(one_way, within)


def group_alone(one_way: Breakdown, within: GroupFilter) -> FilteredResult:
    """One group's result, taken from the question's breakdown by the filter's own question (`within`'s dimension):
    shown exactly when that group is shown there."""
    chosen = _option(one_way.dimension, within.option_code)
    group = next(g for g in one_way.groups if g.option.id == chosen.id)
    label = f"{one_way.dimension.title}: {chosen.label}"
    return FilteredResult(group.result, label, group.hidden, one_way.minimum)
