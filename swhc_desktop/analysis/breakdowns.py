"""Results by team, role or any other dimension, and for one group alone, never showing a group too small to show.

Every breakdown and every filter goes through `suppression`: a one-way breakdown hides groups as
`hidden_groups` decides; a breakdown within a filter (one role's results by team) is a row of the two-way table
protected by `protect_cross_table`, so that its hidden cells cannot be worked out from the other roles or from
the team totals shown elsewhere.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import InvalidInput
from ..questionnaire import Option, Question, Questionnaire, QuestionType
from ..storage import HealthCheckFile
from .results import QuestionResult, grouped_results
from .suppression import UNSTATED, hidden_groups, protect_cross_table


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
            return (f"{self.within_label} is not shown: too few people answered, or showing it would let a small "
                    f"group be worked out (groups of fewer than {self.minimum} are never shown).")
        if not self.hidden_count:
            return ""
        return (f"{self.hidden_count} group{'s are' if self.hidden_count != 1 else ' is'} not shown: groups of fewer "
                f"than {self.minimum} people are never shown, nor any group that would let one be worked out.")


def dimension(questionnaire: Questionnaire, code: str) -> Question:
    question = questionnaire.find(code)
    if question is None or question.qtype is not QuestionType.SINGLE:
        names = ", ".join(q.code for q in questionnaire.dimensions()) or "none"
        raise InvalidInput(f"'{code}' is not a question results can be broken down by.",
                           f"Use a single-choice question such as a team or role (breakdown questions: {names}).")
    return question


def find_question(questionnaire: Questionnaire, code: str) -> Question:
    question = questionnaire.find(code)
    if question is None:
        raise InvalidInput(f"There is no question with the code '{code}' in this cycle.",
                           "List the questions and their codes with 'swhc questions FILE CYCLE'.")
    return question


def minimum_group_size(hc: HealthCheckFile) -> int:
    return hc.organisation.get().minimum_group_size


def breakdown(hc: HealthCheckFile, cycle_id: int, question_code: str, dimension_code: str,
              within: GroupFilter | None = None, questionnaire: Questionnaire | None = None,
              minimum: int | None = None) -> Breakdown:
    """The question's result for each group of the dimension (within one group of another dimension, if asked)."""
    questionnaire = questionnaire or hc.questionnaires.load(cycle_id)
    question = find_question(questionnaire, question_code)
    by = dimension(questionnaire, dimension_code)
    minimum = minimum if minimum is not None else minimum_group_size(hc)
    if within is None or within.dimension_code == dimension_code:
        return _one_way(hc, cycle_id, questionnaire, question, by, minimum)
    return _within(hc, cycle_id, questionnaire, question, by, within, minimum)


def _one_way(hc: HealthCheckFile, cycle_id: int, questionnaire: Questionnaire, question: Question, by: Question,
             minimum: int) -> Breakdown:
    results = grouped_results(hc, cycle_id, (by.id,), [question.code], questionnaire=questionnaire).get(question.code, {})
    return one_way_breakdown(question, by, results, minimum)


def one_way_breakdown(question: Question, by: Question, results: dict, minimum: int) -> Breakdown:
    """The breakdown from the question's results by each group of `by` already worked out (`grouped_results` keyed
    by `(option_id,)`, `(None,)` for those who did not say), with the small groups hidden by the one rule."""
    sizes = {o.id: results[(o.id,)].base if (o.id,) in results else 0 for o in by.options}
    unstated = results[(None,)].base if (None,) in results else 0
    hidden = hidden_groups(sizes, minimum, unstated)
    groups = tuple(
        GroupResult(o, sizes[o.id], o.id in hidden, None if o.id in hidden else results.get((o.id,)))
        for o in by.options
    )
    return Breakdown(question, by, groups, minimum)


def _cross_table(hc: HealthCheckFile, cycle_id: int, questionnaire: Questionnaire, question: Question,
                 rows: Question, columns: Question, minimum: int):
    """The question's results by two dimensions at once, and which cells may be shown."""
    results = grouped_results(hc, cycle_id, (rows.id, columns.id), [question.code],
                              questionnaire=questionnaire).get(question.code, {})
    cells = {}
    for (row, column), result in results.items():
        key = (UNSTATED if row is None else row, UNSTATED if column is None else column)
        cells[key] = cells.get(key, 0) + result.base
    protection = protect_cross_table(cells, [o.id for o in rows.options], [o.id for o in columns.options], minimum)
    return results, cells, protection


def _within(hc: HealthCheckFile, cycle_id: int, questionnaire: Questionnaire, question: Question, by: Question,
            within: GroupFilter, minimum: int) -> Breakdown:
    filter_dimension = dimension(questionnaire, within.dimension_code)
    chosen = _option(filter_dimension, within.option_code)
    results, cells, protection = _cross_table(hc, cycle_id, questionnaire, question, filter_dimension, by, minimum)
    label = f"{filter_dimension.title}: {chosen.label}"
    row_hidden = chosen.id in protection.hidden_rows
    groups = []
    for option in by.options:
        size = cells.get((chosen.id, option.id), 0)
        hidden = row_hidden or protection.cell_hidden(chosen.id, option.id)
        groups.append(GroupResult(option, size, hidden, None if hidden else results.get((chosen.id, option.id))))
    return Breakdown(question, by, tuple(groups), minimum, within, label, row_hidden)


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
        return (f"Results for {self.label} are not shown: fewer than {self.minimum} people in this group answered, "
                "or showing them would let a small group be worked out.")


def filtered_result(hc: HealthCheckFile, cycle_id: int, question_code: str, within: GroupFilter,
                    questionnaire: Questionnaire | None = None, minimum: int | None = None) -> FilteredResult:
    """The question's result for one group: shown exactly when that group is shown in the breakdown by its dimension."""
    questionnaire = questionnaire or hc.questionnaires.load(cycle_id)
    filter_dimension = dimension(questionnaire, within.dimension_code)
    chosen = _option(filter_dimension, within.option_code)
    one_way = breakdown(hc, cycle_id, question_code, within.dimension_code, questionnaire=questionnaire, minimum=minimum)
    group = next(g for g in one_way.groups if g.option.id == chosen.id)
    label = f"{filter_dimension.title}: {chosen.label}"
    return FilteredResult(group.result, label, group.hidden, one_way.minimum)


def group_options(questionnaire: Questionnaire) -> list[tuple[Question, list[Option]]]:
    """The dimensions of a questionnaire with their groups, for choosing a filter or a breakdown."""
    return [(q, list(q.options)) for q in questionnaire.dimensions()]
