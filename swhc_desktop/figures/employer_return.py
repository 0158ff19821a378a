"""The LGA employer return for a cycle: the organisation's answers to the LGA's survey form, kept in the file under the
form's question codes, with the figures the staff survey (and the workforce figures) can suggest, each saying where
it came from. The form itself is the built-in template `lga-employer-return-2018`: it defines every question and answer.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from ..domain.errors import InvalidInput
from ..domain.questionnaire import Option, Question, Questionnaire, QuestionType, Section
from ..domain.records import Cycle, FigureValue, Organisation
from ..domain.rounding import round_half_up
from ..questionnaires.templates import load_template
from .entered import PutFigures
from .workforce import workforce_figures, workforce_measure

if TYPE_CHECKING:
    from ..analysis.frequencies import FrequencyTable
    from ..storage import HealthCheckFile

RETURN_TEMPLATE_ID = "lga-employer-return-2018"
RETURN_PREFIX = "return:"
OTHER_TEXT_SUFFIX = "/other"  # the 'please specify' text of a chosen answer is kept beside it under this key
CONTRACTED_HOURS = 37  # the full-time week that 'hours over contracted hours' is counted from


@dataclass(frozen=True)
class ReturnAnswer:
    """One answer on the form: a number, a text, or the chosen answers' codes (with any 'please specify' text)."""

    number: float | None = None
    text: str = ""
    option_codes: tuple[str, ...] = ()

    @property
    def is_empty(self) -> bool:
        return self.number is None and not self.text.strip() and not self.option_codes


@dataclass(frozen=True)
class Prefill:
    """An answer worked out from what the file already holds, and where it came from, in words."""

    answer: ReturnAnswer
    source: str


@dataclass(frozen=True)
class ReturnEntry:
    """A question of the return as the form and the PDF show it: what the PSW entered, else what is suggested."""

    question: Question
    number: str
    stored: ReturnAnswer | None
    prefill: Prefill | None
    applies: bool = True  # False for a follow-up whose parent's answer does not lead to it

    @property
    def answer(self) -> ReturnAnswer | None:
        if self.stored is not None:
            return self.stored
        return self.prefill.answer if self.prefill is not None else None

    @property
    def is_prefilled(self) -> bool:
        return self.stored is None and self.prefill is not None


@dataclass(frozen=True)
class EmployerReturn:
    """Everything the return's PDF prints, read in one go."""

    organisation: Organisation
    cycle: Cycle
    questionnaire: Questionnaire
    entries: dict[str, ReturnEntry]
    made_on: dt.date

    def section_entries(self, section: Section) -> list[ReturnEntry]:
        return [self.entries[q.code] for q in section.questions]

    @property
    def answered_count(self) -> int:
        return sum(1 for e in self.entries.values() if e.applies and e.answer is not None)

    @property
    def question_count(self) -> int:
        return sum(1 for e in self.entries.values() if e.applies)


def return_questionnaire() -> Questionnaire:
    """The LGA's form, from the built-in template (read afresh: it is small, and nothing is cached between files)."""
    return load_template(RETURN_TEMPLATE_ID)


# ------------------------------------------------------------------------------------------------ the answers


def stored_answers(
    hc: "HealthCheckFile", cycle_id: int, questionnaire: Questionnaire | None = None
) -> dict[str, ReturnAnswer]:
    """The answers the PSW has entered for the cycle, by question code."""
    questionnaire = questionnaire or return_questionnaire()
    figures = hc.figures.get(cycle_id, RETURN_PREFIX)
    answers = {}
    for question in questionnaire.questions():
        figure = figures.get(question.code)
        if figure is None:
            continue
        other = figures.get(question.code + OTHER_TEXT_SUFFIX)
        answer = _answer_from_figure(question, figure, other.text if other else None)
        if not answer.is_empty:
            answers[question.code] = answer
    return answers


def _answer_from_figure(question: Question, figure: "FigureValue", other_text: str | None) -> ReturnAnswer:
    if question.qtype is QuestionType.NUMBER:
        return ReturnAnswer(number=figure.number)
    if question.qtype is QuestionType.TEXT:
        return ReturnAnswer(text=figure.text or "")
    known = {o.code for o in question.options}
    codes = tuple(code for code in (figure.text or "").split() if code in known)
    return ReturnAnswer(option_codes=codes, text=other_text or "")


def _figures_for(question: Question, answer: ReturnAnswer | None) -> dict[str, FigureValue | None]:
    """What one answer is stored as: the question's code holds the number, text or chosen codes (space-separated:
    codes never hold spaces); the 'please specify' text sits under the code + '/other'."""
    other_key = question.code + OTHER_TEXT_SUFFIX
    if answer is None or answer.is_empty:
        return {question.code: None, other_key: None} if question.qtype.has_options else {question.code: None}
    if question.qtype is QuestionType.NUMBER:
        return {question.code: FigureValue(number=answer.number)}
    if question.qtype is QuestionType.TEXT:
        return {question.code: FigureValue(text=answer.text.strip())}
    other = question.other_option
    keeps_text = other is not None and other.code in answer.option_codes and answer.text.strip()
    return {
        question.code: FigureValue(text=" ".join(answer.option_codes)),
        other_key: FigureValue(text=answer.text.strip()) if keeps_text else None,
    }


def check_answer(question: Question, answer: ReturnAnswer) -> None:
    """Refuse, in words, an answer the form would not accept."""
    if question.qtype is QuestionType.NUMBER and answer.number is not None:
        value = answer.number
        if not math.isfinite(value):
            raise InvalidInput(f"{question.title}: that is not a number.", "Type a number, or leave the box empty.")
        if question.min_value is not None and value < question.min_value:
            raise InvalidInput(
                f"{question.title} cannot be below {question.min_value:g}.",
                f"Type {question.min_value:g} or more, or leave the box empty.",
            )
        if question.max_value is not None and value > question.max_value:
            raise InvalidInput(
                f"{question.title} cannot be more than {question.max_value:g}.",
                f"Type {question.max_value:g} or less, or leave the box empty.",
            )
    if question.qtype.has_options:
        known = {o.code for o in question.options}
        unknown = [c for c in answer.option_codes if c not in known]
        if unknown:
            raise ValueError(f"{question.code} has no answers {unknown}")
        if question.qtype is QuestionType.SINGLE and len(answer.option_codes) > 1:
            raise InvalidInput(f"{question.title}: choose one answer only.")


def save_answers(
    hc: "HealthCheckFile",
    cycle_id: int,
    answers: Mapping[str, ReturnAnswer | None],
    questionnaire: Questionnaire | None = None,
) -> None:
    """Store answers as one change (None, or an empty answer, clears one so that any suggestion shows again)."""
    questionnaire = questionnaire or return_questionnaire()
    figures: dict[str, FigureValue | None] = {}
    for code, answer in answers.items():
        question = questionnaire.question(code)
        if answer is not None:
            check_answer(question, answer)
        figures.update(_figures_for(question, answer))
    hc.figures.set(cycle_id, RETURN_PREFIX, figures, "Changed the employer return")


@dataclass(frozen=True)
class ChangeReturnAnswer:
    """One answer of the cycle's employer return (None clears it, so that any suggestion shows again), as a change
    the PSW can undo."""

    cycle_id: int
    code: str
    answer: ReturnAnswer | None
    description: str = "change the employer return"

    def apply(self, hc: "HealthCheckFile") -> PutFigures:
        question = return_questionnaire().question(self.code)
        if self.answer is not None:
            check_answer(question, self.answer)
        figures = tuple(_figures_for(question, self.answer).items())
        change = PutFigures(self.cycle_id, RETURN_PREFIX, figures, "Changed the employer return", self.description)
        return change.apply(hc)


def parse_number(question: Question, text: str) -> float | None:
    """A number as typed into the form ('12', '3.5', '1,204'); None when the box is empty."""
    cleaned = text.strip().replace(",", "")
    if not cleaned:
        return None
    try:
        value = float(cleaned)
    except ValueError:
        raise InvalidInput(
            f"{question.title}: '{text.strip()}' is not a number.",
            "Type a number, such as 12 or 3.5, or leave the box empty.",
        ) from None
    check_answer(question, ReturnAnswer(number=value))
    return value


def applies(question: Question, answers: Mapping[str, ReturnAnswer | None]) -> bool:
    """A follow-up applies when its parent's answer is one of those that lead to it."""
    if question.follow_up is None:
        return True
    parent = answers.get(question.follow_up.parent_code)
    return parent is not None and bool(set(parent.option_codes) & set(question.follow_up.option_codes))


# ------------------------------------------------------------------------------------------------ in words


def shown_number(value: float) -> str:
    return f"{value:,.1f}".rstrip("0").rstrip(".") if not float(value).is_integer() else f"{value:,.0f}"


def describe_answer(question: Question, answer: ReturnAnswer | None) -> str:
    """The answer as printed on the return: '18.2 cases', 'Once a month', 'Mobile Phones; Buddy System'."""
    if answer is None or answer.is_empty:
        return ""
    if question.qtype is QuestionType.NUMBER:
        unit = f" {question.unit}" if question.unit and answer.number is not None else ""
        return f"{shown_number(answer.number)}{unit}" if answer.number is not None else ""
    if question.qtype is QuestionType.TEXT:
        return answer.text.strip()
    labels = []
    for option in question.options:
        if option.code in answer.option_codes:
            written = answer.text.strip() if option.is_other else ""
            labels.append(f"{option.label}: {written}" if written else option.label)
    return "; ".join(labels)


# ------------------------------------------------------------------------------------------------ suggestions


# Staff-survey answers (by code) to the LGA form's answers: both ask how often something happens, in different bands.
# A staff answer with no LGA band of its own becomes the form's 'Other (please specify)' with the staff label;
# None means no answer on the form fits, so nothing is suggested.
SUPERVISION_BANDS: dict[str, str | None] = {
    "weekly": "once_a_week",
    "fortnightly": "once_a_fortnight",
    "monthly": "once_a_month",
    "every_6_to_8_weeks": "once_every_6_to_8_weeks",
    "less_often": "other",
    "never": "other",
}
CANCELLED_MEETING_BANDS: dict[str, str | None] = {
    "never": "less_than_once_a_week",
    "less_than_once_a_week": "less_than_once_a_week",
    "once_a_week": "once_a_week",
    "two_or_three_a_week": "q_2_3_times_a_week",
    "more_than_three_a_week": None,
}
CPD_BANDS: dict[str, str | None] = {
    "all": "yes_all_almost",
    "most": "yes_most",
    "some": "yes_some",
    "a_few": "yes_a_few",
    "none": "no_none",
}
# (LGA question, staff-survey question, bands)
MIDDLE_ANSWER_RULES = (
    ("supervision_frequency", "supervision_frequency", SUPERVISION_BANDS),
    ("cancel_meetings", "cancelled_visits", CANCELLED_MEETING_BANDS),
    ("cpd_attended", "cpd_attended", CPD_BANDS),
)
# LGA question -> workforce figure it can be copied from: only where both measure the same thing. The return asks for
# the posts covered by agency staff in FTE; the workforce figures count agency social workers by head, so they are
# never copied across (a part-time locum is one head but not one FTE).
WORKFORCE_RULES = (
    ("posts_fte", "establishment_fte"),
    ("unfilled_posts", "vacancies_fte"),
)
FULL_TIME_OPTION = "permanent_full_time"


def prefills(hc: "HealthCheckFile", cycle: Cycle, questionnaire: Questionnaire | None = None) -> dict[str, Prefill]:
    """What the file can suggest for the return: from the cycle's staff survey (average caseload, hours over contract,
    how often supervision happens, cancelled meetings, planned CPD attended), from the workforce figures, and the
    council's name. Every suggestion says where it came from; the PSW can type over any of them."""
    form = questionnaire or return_questionnaire()
    found: dict[str, Prefill] = {}
    organisation = hc.organisation.get()
    if form.find("contact_council") is not None:
        found["contact_council"] = Prefill(ReturnAnswer(text=organisation.name), "From the file: the council's name.")
    found.update(_workforce_prefills(hc, cycle, form))
    if cycle.response_count:
        found.update(_survey_prefills(hc, cycle, form))
    return found


def _workforce_prefills(hc: "HealthCheckFile", cycle: Cycle, form: Questionnaire) -> dict[str, Prefill]:
    figures = workforce_figures(hc, cycle.id)
    found = {}
    for code, key in WORKFORCE_RULES:
        if key in figures and form.find(code) is not None:
            measure = workforce_measure(key)
            found[code] = Prefill(
                ReturnAnswer(number=figures[key]),
                f"From the workforce figures for {cycle.name}: {measure.title.lower()}, {measure.shown(figures[key])}.",
            )
    return found


def _survey_prefills(hc: "HealthCheckFile", cycle: Cycle, form: Questionnaire) -> dict[str, Prefill]:
    from ..analysis.results import question_results

    survey = hc.questionnaires.load(cycle.id)
    staff_codes = ["caseload", "hours_worked"] + [staff for _, staff, _ in MIDDLE_ANSWER_RULES]
    results = question_results(
        hc, cycle.id, [c for c in staff_codes if survey.find(c) is not None], questionnaire=survey
    )
    where = f"the {cycle.name} staff survey"
    found: dict[str, Prefill] = {}
    caseload = results.get("caseload")
    if form.find("average_caseload") and caseload is not None and caseload.numbers and caseload.numbers.n:
        mean = float(round_half_up(caseload.numbers.mean, 1))
        found["average_caseload"] = Prefill(
            ReturnAnswer(number=mean),
            f"From {where}: the average of the {caseload.numbers.n} who answered question {caseload.number}, "
            f"‘{caseload.question.title}’.",
        )
    hours = _hours_over_contract(hc, cycle, survey, where)
    if form.find("hours_over_contract") and hours is not None:
        found["hours_over_contract"] = hours
    for lga_code, staff_code, bands in MIDDLE_ANSWER_RULES:
        result = results.get(staff_code)
        lga_question = form.find(lga_code)
        if lga_question is None or result is None or result.table is None:
            continue
        suggestion = _middle_answer_prefill(lga_question, result.table, bands, where)
        if suggestion is not None:
            found[lga_code] = suggestion
    return found


def _hours_over_contract(hc: "HealthCheckFile", cycle: Cycle, survey: Questionnaire, where: str) -> Prefill | None:
    """Hours worked a week beyond a 37-hour contract, on average: full-time staff's hours when the survey asks who is
    full-time, that group may be shown (the cycle's disclosure plan) and enough of them answered, else everyone's."""
    from ..analysis.results import grouped_results, question_results
    from ..analysis.suppression import disclosure_plan

    question = survey.find("hours_worked")
    if question is None:
        return None
    employment = survey.find("employment_type")
    full_time = next((o for o in employment.options if o.code == FULL_TIME_OPTION), None) if employment else None
    minimum = hc.organisation.get().minimum_group_size
    result, who = None, "all"
    if full_time is not None:
        grouped = grouped_results(hc, cycle.id, (employment.id,), [question.code], questionnaire=survey)
        candidate = grouped.get(question.code, {}).get((full_time.id,))
        shown = employment.is_dimension and disclosure_plan(hc, cycle.id, survey).group_shown(
            employment.code, full_time.id
        )
        if candidate is not None and candidate.numbers and candidate.numbers.n >= minimum and shown:
            result, who = candidate, "full-time staff"
    if result is None:
        result = question_results(hc, cycle.id, [question.code], questionnaire=survey).get(question.code)
    if result is None or not result.numbers or not result.numbers.n:
        return None
    mean = result.numbers.mean
    over = float(max(round_half_up(mean, 1) - CONTRACTED_HOURS, Decimal(0)))  # the difference of the figures as printed
    people = f"the {result.numbers.n} full-time staff" if who == "full-time staff" else f"the {result.numbers.n}"
    return Prefill(
        ReturnAnswer(number=over),
        f"From {where}: {people} who answered question {result.number}, ‘{question.title}’, work "
        f"{shown_number(float(round_half_up(mean, 1)))} hours a week on average, {shown_number(over)} more than a "
        f"{CONTRACTED_HOURS}-hour week.",
    )


def _middle_answer_prefill(
    lga_question: Question, table: "FrequencyTable", bands: Mapping[str, str | None], where: str
) -> Prefill | None:
    """The middle answer of those who gave an ordered answer (half answered this often or more), as the form's band."""
    middle = middle_option(table)
    if middle is None or middle.code not in bands or bands[middle.code] is None:
        return None
    lga_code = bands[middle.code]
    option = lga_question.option(lga_code)
    row = table.row(middle.code)
    from ..analysis.frequencies import whole_percent

    counted = sum(r.count for r in table.rows if r.in_base and r.option.score is not None)
    answer = ReturnAnswer(option_codes=(lga_code,), text=middle.label if option.is_other else "")
    source = (
        f"From {where}: the middle answer of the {counted} who answered question {table.number}, "
        f"‘{table.question.title}’, was ‘{middle.label}’ (chosen by {whole_percent(row.percent)})."
    )
    tied = tied_option(table)
    if tied is not None:
        source = (
            f"From {where}: of the {counted} who answered question {table.number}, ‘{table.question.title}’, "
            f"exactly half answered ‘{middle.label}’ or an earlier answer and half ‘{tied.label}’ or a later "
            f"one: the middle falls between the two, so check which suits the return."
        )
    return Prefill(answer, source)


def tied_option(table: "FrequencyTable") -> Option | None:
    """The answer after the middle one when exactly half answered the middle one or an earlier answer (an even number
    of answers whose middle falls between two answers); None when the middle is one answer."""
    rows = [r for r in table.rows if r.in_base and r.option.score is not None]
    counted = sum(r.count for r in rows)
    running = 0
    for index, row in enumerate(rows):
        running += row.count
        if running * 2 == counted:
            return next((r.option for r in rows[index + 1 :] if r.count), None)
        if running * 2 > counted:
            return None
    return None


def middle_option(table: "FrequencyTable") -> Option | None:
    """The median answer of an ordered question: options in questionnaire order, answers with no score (such as
    "Don't know") and answers outside the base left out."""
    rows = [r for r in table.rows if r.in_base and r.option.score is not None]
    counted = sum(r.count for r in rows)
    if not counted:
        return None
    running = 0
    for row in rows:
        running += row.count
        if running * 2 >= counted:
            return row.option
    return None


# ------------------------------------------------------------------------------------------------ reading it all


def read_employer_return(hc: "HealthCheckFile", cycle: Cycle) -> EmployerReturn:
    """The return as the form and the PDF show it: each question with its entered answer or its suggestion."""
    form = return_questionnaire()
    stored = stored_answers(hc, cycle.id, form)
    suggested = prefills(hc, cycle, form)
    numbers = form.numbering()
    effective = {code: stored.get(code) or (suggested[code].answer if code in suggested else None) for code in numbers}
    entries = {
        q.code: ReturnEntry(q, numbers[q.code], stored.get(q.code), suggested.get(q.code), applies(q, effective))
        for q in form.questions()
    }
    return EmployerReturn(hc.organisation.get(), cycle, form, entries, dt.date.today())
