"""Frequency tables for choice questions: count, base and per cent of each answer, with the base stated in words.

The conventions are those of the LGA's national report: the base is the respondents who answered the question;
for a follow-up, only those it applied to; "Don't know" stays in the base unless the option is excluded from it;
for "tick all that apply" the per cents are of respondents and may add to more than 100.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..domain.questionnaire import Option, Question, Questionnaire, QuestionType
from ..domain.records import Within
from ..domain.rounding import Exact, exact_percent, percent_text
from ..storage import HealthCheckFile
from .intervals import wilson_interval


@dataclass(frozen=True)
class OptionCount:
    option: Option
    count: int
    percent: Exact | None  # exact; None for an option outside the base, or when nobody answered
    base: int = 0
    hidden: bool = False  # a breakdown question's group too small to show here: no figure of it is shown

    @property
    def in_base(self) -> bool:
        return not self.option.excluded_from_base

    @property
    def interval(self) -> tuple[float, float] | None:
        """The per cent's 95% Wilson interval; None for an option outside the base or a hidden group."""
        return wilson_interval(self.count, self.base) if self.in_base and not self.hidden else None


@dataclass(frozen=True)
class FrequencyTable:
    question: Question
    number: str
    rows: tuple[OptionCount, ...]
    base: int
    base_description: str
    other_texts: tuple[str, ...] = ()
    not_shown: int = 0  # people in the groups not shown (a breakdown question's table), together

    @property
    def any_hidden(self) -> bool:
        return any(r.hidden for r in self.rows)

    def row(self, option_code: str) -> OptionCount:
        return next(r for r in self.rows if r.option.code == option_code)

    def share(self, option_codes: Iterable[str]) -> Exact | None:
        """Per cent of the base choosing any of these options (single choice: the options' per cents added)."""
        wanted = set(option_codes)
        return exact_percent(sum(r.count for r in self.rows if r.option.code in wanted and r.in_base), self.base)


def whole_percent(value: float | None) -> str:
    """A per cent as printed: rounded once, half up, from its exact value, to a whole number ('41%'); a dash when there
    is none (see rounding.py)."""
    return percent_text(value)


def describe_base(question: Question, base: int, questionnaire: Questionnaire, numbers: dict[str, str]) -> str:
    """'Base: all who answered (198)', in the words the LGA report uses under every table."""
    if question.follow_up is not None:
        parent = questionnaire.find(question.follow_up.parent_code)
        if parent is not None:
            labels = " or ".join(f"'{o.label}'" for o in parent.options if o.code in question.follow_up.option_codes)
            who = f"those who answered {labels} to question {numbers.get(parent.code, parent.code)}"
        else:
            who = "those the question applied to"
        description = f"Base: {who} and answered ({base})"
    elif question.qtype is QuestionType.MULTI:
        description = f"Base: all who ticked at least one answer ({base})"
    else:
        description = f"Base: all who answered ({base})"
    if question.qtype is QuestionType.MULTI:
        description += ". Respondents could choose more than one answer, so per cents may add to more than 100"
    return description


def follow_up_applicability(
    questionnaire: Questionnaire, questions: list[Question]
) -> dict[int, tuple[int, tuple[int, ...]]]:
    """For each follow-up: its parent's id and the ids of the answers that make it apply."""
    applicable = {}
    for question in questions:
        follow_up = question.follow_up
        parent = questionnaire.find(follow_up.parent_code) if follow_up else None
        if follow_up is None or parent is None:
            continue
        triggers = tuple(o.id for o in parent.options if o.code in follow_up.option_codes)
        applicable[question.id] = (parent.id, triggers)
    return applicable


def _choice_questions(questionnaire: Questionnaire, codes: Iterable[str] | None) -> list[Question]:
    wanted = set(codes) if codes is not None else None
    return [q for q in questionnaire.questions() if q.qtype.has_options and (wanted is None or q.code in wanted)]


def frequency_tables(
    hc: HealthCheckFile,
    cycle_id: int,
    codes: Iterable[str] | None = None,
    within: Within | None = None,
    questionnaire: Questionnaire | None = None,
) -> list[FrequencyTable]:
    """A table for every choice question of the cycle (or for those codes), in questionnaire order; `within`
    limits the respondents to one group (a filter such as one team)."""
    questionnaire = questionnaire or hc.questionnaires.load(cycle_id)
    grouped = grouped_frequency_tables(hc, cycle_id, (), codes, within, questionnaire)
    return [by_group[()] for by_group in grouped.values()]


def grouped_frequency_tables(
    hc: HealthCheckFile,
    cycle_id: int,
    group_by: tuple[int, ...],
    codes: Iterable[str] | None = None,
    within: Within | None = None,
    questionnaire: Questionnaire | None = None,
) -> dict[str, dict[tuple, FrequencyTable]]:
    """For each choice question (by code, in questionnaire order), a table for each group of respondents: the key is
    their answers (option ids, None for no answer) to the `group_by` dimension questions; () when not grouped.
    Groups are not hidden here: callers pass the bases through `suppression` before showing any group."""
    questionnaire = questionnaire or hc.questionnaires.load(cycle_id)
    questions = _choice_questions(questionnaire, codes)
    if not questions:
        return {}
    numbers = questionnaire.numbering()
    applicable = follow_up_applicability(questionnaire, questions)
    ids = [q.id for q in questions]
    counted = {q.id: tuple(o.id for o in q.options if not o.excluded_from_base) for q in questions}
    counts, bases = hc.answers.grouped_choice_counts(ids, counted, applicable, group_by, within)
    result: dict[str, dict[tuple, FrequencyTable]] = {}
    for question in questions:
        question_counts = counts.get(question.id, {})
        question_bases = bases.get(question.id, {})
        groups = set(question_counts) | set(question_bases) | ({()} if not group_by else set())
        other = question.other_option
        other_texts = (
            tuple(hc.answers.other_texts(question.id, other.id))
            if other is not None and not group_by and within is None
            else ()
        )
        result[question.code] = {
            group: _table(
                question,
                numbers,
                questionnaire,
                question_counts.get(group, {}),
                question_bases.get(group, 0),
                other_texts,
            )
            for group in groups
        }
    return result


def _table(
    question: Question,
    numbers: dict[str, str],
    questionnaire: Questionnaire,
    counts: dict[int, int],
    base: int,
    other_texts: tuple[str, ...],
) -> FrequencyTable:
    rows = []
    for option in question.options:
        count = counts.get(option.id, 0)
        percent = exact_percent(count, base) if not option.excluded_from_base else None
        rows.append(OptionCount(option, count, percent, base))
    return FrequencyTable(
        question=question,
        number=numbers[question.code],
        rows=tuple(rows),
        base=base,
        base_description=describe_base(question, base, questionnaire, numbers),
        other_texts=other_texts,
    )


TABLE_COLUMNS = ("question_code", "question", "option", "count", "base", "percent")


def table_rows(tables: Iterable[FrequencyTable]) -> list[dict[str, object]]:
    """Rows for `swhc tables`: per cents unrounded (at least one decimal), empty for options outside the base; a group
    too small to show has an empty count and per cent."""
    rows: list[dict[str, object]] = []
    for table in tables:
        for row in table.rows:
            rows.append(
                {
                    "question_code": table.question.code,
                    "question": table.question.text,
                    "option": row.option.label,
                    "count": "" if row.hidden else row.count,
                    "base": table.base,
                    "percent": "" if row.percent is None else repr(float(row.percent)),
                }
            )
    return rows
