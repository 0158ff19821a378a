"""Every question's result for a cycle, or for each group of respondents: its table, scale summary or numbers."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..domain.questionnaire import Question, Questionnaire, QuestionType
from ..domain.records import Within
from ..storage import HealthCheckFile
from .frequencies import FrequencyTable, follow_up_applicability, grouped_frequency_tables
from .numbers import (
    DEFAULT_BAND_STARTS,
    SETTINGS_KEY,
    Band,
    NumberSummary,
    automatic_band_starts,
    bands_from_starts,
    summarise_numbers,
)
from .scales import ScaleSummary, summarise_scale
from .suppression import DisclosurePlan, disclosure_plan

ANALYSED_TYPES = frozenset(
    {QuestionType.SINGLE, QuestionType.MULTI, QuestionType.SCALE, QuestionType.RATING, QuestionType.NUMBER}
)


@dataclass(frozen=True)
class QuestionResult:
    """What one question says, for everyone who answered it (or for one group of them)."""

    question: Question
    number: str
    base: int
    base_description: str
    table: FrequencyTable | None = None
    scale: ScaleSummary | None = None
    numbers: NumberSummary | None = None
    values: tuple[float, ...] = ()


def band_starts(hc: HealthCheckFile, question: Question, values: Sequence[float] = ()) -> tuple[float, ...]:
    """The bands set for this question in the file, else the council defaults, else round bands that fit."""
    stored = hc.settings.get(SETTINGS_KEY, {})
    if isinstance(stored, dict) and isinstance(stored.get(question.code), list):
        try:
            return tuple(float(v) for v in stored[question.code])
        except (TypeError, ValueError):
            pass
    if question.code in DEFAULT_BAND_STARTS:
        return DEFAULT_BAND_STARTS[question.code]
    return automatic_band_starts(values)


def save_band_starts(hc: HealthCheckFile, question_code: str, starts: Sequence[float] | None) -> None:
    """Store the bands for a question (None: go back to the default)."""
    stored = dict(hc.settings.get(SETTINGS_KEY, {}) or {})
    if starts is None:
        stored.pop(question_code, None)
    else:
        stored[question_code] = [float(s) for s in starts]
    hc.settings.set(SETTINGS_KEY, stored, f"Bands for {question_code}")


def describe_number_base(question: Question, n: int) -> str:
    """'Base: all who gave a number of cases (199)': one pair of brackets, holding the base."""
    unit = f" of {question.unit}" if question.unit else ""
    return f"Base: all who gave a number{unit} ({n})"


def analysed_questions(questionnaire: Questionnaire, codes: Iterable[str] | None = None) -> list[Question]:
    wanted = set(codes) if codes is not None else None
    return [q for q in questionnaire.questions() if q.qtype in ANALYSED_TYPES and (wanted is None or q.code in wanted)]


def grouped_results(
    hc: HealthCheckFile,
    cycle_id: int,
    group_by: tuple[int, ...] = (),
    codes: Iterable[str] | None = None,
    within: Within | None = None,
    questionnaire: Questionnaire | None = None,
) -> dict[str, dict[tuple, QuestionResult]]:
    """For each analysed question (by code, in questionnaire order) a result per group of respondents (keyed by
    their option ids for the `group_by` dimensions; () when not grouped). No group is hidden here."""
    questionnaire = questionnaire or hc.questionnaires.load(cycle_id)
    questions = analysed_questions(questionnaire, codes)
    choice_codes = [q.code for q in questions if q.qtype.has_options]
    tables = (
        grouped_frequency_tables(hc, cycle_id, group_by, choice_codes, within, questionnaire) if choice_codes else {}
    )
    number_questions = [q for q in questions if q.qtype is QuestionType.NUMBER]
    numbers = {}
    if number_questions:
        applicable = follow_up_applicability(questionnaire, number_questions)
        numbers = hc.answers.grouped_numbers([q.id for q in number_questions], applicable, group_by, within)
    numbering = questionnaire.numbering()
    results: dict[str, dict[tuple, QuestionResult]] = {}
    for question in questions:
        if question.qtype.has_options:
            by_group = tables.get(question.code, {})
            results[question.code] = {
                key: QuestionResult(
                    question,
                    table.number,
                    table.base,
                    table.base_description,
                    table=table,
                    scale=summarise_scale(table),
                )
                for key, table in by_group.items()
            }
        else:
            by_group_values = numbers.get(question.id, {})
            if not group_by:
                by_group_values.setdefault((), [])
            # Bands made to fit depend on the lowest and highest numbers alone: the ends of each group's numbers, which
            # come smallest first (copying every number given, to find them, took a tenth of all tables' time).
            ends = [v for values in by_group_values.values() if values for v in (values[0], values[-1])]
            bands = bands_from_starts(band_starts(hc, question, ends))
            results[question.code] = {
                key: number_result(question, numbering[question.code], values, bands)
                for key, values in by_group_values.items()
            }
    return results


def number_result(question: Question, number: str, values: Sequence[float], bands: Sequence[Band]) -> QuestionResult:
    summary = summarise_numbers(values, bands)
    return QuestionResult(
        question, number, summary.n, describe_number_base(question, summary.n), numbers=summary, values=tuple(values)
    )


def question_results(
    hc: HealthCheckFile,
    cycle_id: int,
    codes: Iterable[str] | None = None,
    within: Within | None = None,
    questionnaire: Questionnaire | None = None,
    plan: DisclosurePlan | None = None,
) -> dict[str, QuestionResult]:
    """All tables of a cycle: every choice and number question's result, for everyone, as the cycle's disclosure plan
    lets them be shown (a breakdown question's small groups hidden; 'other' texts only where they may be shown).
    With `within` (respondents chosen at the storage level) the results are raw: a group's results are shown through
    `breakdowns.filtered_result`, which applies the plan."""
    questionnaire = questionnaire or hc.questionnaires.load(cycle_id)
    grouped = grouped_results(hc, cycle_id, (), codes, within, questionnaire)
    results = {code: by_group[()] for code, by_group in grouped.items() if () in by_group}
    if within is not None or not any(
        r.table is not None and (r.question.is_dimension or r.table.other_texts) for r in results.values()
    ):
        return results
    plan = plan or disclosure_plan(hc, cycle_id, questionnaire)
    return {code: plan.result_as_shown(result) for code, result in results.items()}
