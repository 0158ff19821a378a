"""The questionnaire engine: sections, questions, answer options and follow-ups, their numbering and validation."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from enum import StrEnum
from types import MappingProxyType
from typing import TYPE_CHECKING

from .standards import LATEST_EDITION, STANDARD_NUMBERS, edition, refiled_standard

if TYPE_CHECKING:
    from .standards import Edition


class QuestionType(StrEnum):
    SINGLE = "single"
    MULTI = "multi"
    SCALE = "scale"
    RATING = "rating"
    NUMBER = "number"
    TEXT = "text"

    @property
    def label(self) -> str:
        return QUESTION_TYPE_LABELS[self]

    @property
    def has_options(self) -> bool:
        return self in CHOICE_TYPES


QUESTION_TYPE_LABELS = MappingProxyType(
    {
        QuestionType.SINGLE: "Single choice",
        QuestionType.MULTI: "Tick all that apply",
        QuestionType.SCALE: "Agreement scale",
        QuestionType.RATING: "Rating 0 to 10",
        QuestionType.NUMBER: "Number",
        QuestionType.TEXT: "Free text",
    }
)

CHOICE_TYPES = frozenset({QuestionType.SINGLE, QuestionType.MULTI, QuestionType.SCALE, QuestionType.RATING})


class Polarity(StrEnum):
    FAVOURABLE = "favourable"
    NEUTRAL = "neutral"
    UNFAVOURABLE = "unfavourable"


# The Standards of the latest edition, for callers that do not yet say which edition they mean. A cycle's own edition is
# its questionnaire's `standards_edition`: pass it to `standard_label` and `standard_short_label`, or use `edition()`.
STANDARDS = edition().titles()
STANDARD_SHORT_NAMES = MappingProxyType({number: s.short_name for number, s in edition().standards.items()})


def standard_short_label(standard: int | None, edition_id: str | None = None) -> str:
    """'4 · Wellbeing' in the edition given (the latest when none is)."""
    return edition(edition_id).short_label(standard)


def standard_label(standard: int | None, edition_id: str | None = None) -> str:
    """'Standard 4: Wellbeing' in the edition given (the latest when none is); 'No Standard' for none."""
    return edition(edition_id).label(standard)


# A question need not be about a Standard: a council's own survey asks about more than the Standards (and an equality
# question, such as gender, is about the person). Such a question is reported under "Other questions".
NOT_ABOUT_A_STANDARD = "Not about a Standard"


def question_standard_label(standard: int | None, edition_id: str | None = None) -> str:
    """What a question is about, as the designer, the question bank and the checks say it: 'Standard 4: Wellbeing', or
    'Not about a Standard'."""
    return NOT_ABOUT_A_STANDARD if standard is None else edition(edition_id).label(standard)


@dataclass(frozen=True)
class Option:
    code: str
    label: str
    score: float | None = None
    polarity: Polarity = Polarity.NEUTRAL
    excluded_from_base: bool = False
    is_other: bool = False
    id: int | None = field(default=None, compare=False)

    @property
    def display_label(self) -> str:
        """The label as printed on a form: an option that carries text says so."""
        return f"{self.label} (please specify)" if self.is_other else self.label


@dataclass(frozen=True)
class FollowUp:
    """A question shown only to respondents whose answer to the parent was one of these options."""

    parent_code: str
    option_codes: tuple[str, ...]

    def __post_init__(self) -> None:
        # The conditions are a set of options; a canonical order makes equal conditions compare equal.
        object.__setattr__(self, "option_codes", tuple(sorted(set(self.option_codes))))


@dataclass(frozen=True)
class Question:
    code: str
    text: str
    qtype: QuestionType
    standard: int | None = None
    options: tuple[Option, ...] = ()
    help_text: str = ""
    short_title: str = ""
    is_dimension: bool = False
    follow_up: FollowUp | None = None
    unit: str = ""
    min_value: float | None = None
    max_value: float | None = None
    # An agreement statement that feeds its Standard's score (see analysis/standard_scores.py).
    in_standard_score: bool = False
    id: int | None = field(default=None, compare=False)

    @property
    def title(self) -> str:
        """A short name for charts and tables; the question text when none is set."""
        return self.short_title or self.text

    def option(self, code: str) -> Option:
        for option in self.options:
            if option.code == code:
                return option
        raise KeyError(f"Question {self.code} has no option {code!r}")

    @property
    def other_option(self) -> Option | None:
        return next((o for o in self.options if o.is_other), None)

    @property
    def keyed_options(self) -> tuple[Option, ...]:
        """The answers numbered from 1 as the paper form prints them and the paper-returns screen asks for them: an
        'Other (please specify)' last, on the form's last line, wherever it stands among the answers."""
        return tuple(o for o in self.options if not o.is_other) + tuple(o for o in self.options if o.is_other)

    @property
    def keyed(self) -> tuple[tuple[int, Option], ...]:
        """Each answer with the number the paper form prints for it and the paper-returns screen asks for: the
        answer's own number where every answer is a different whole number (on a 0 to 10 scale, the box marked 7 is
        keyed as 7), else 1, 2, 3… in the order of `keyed_options`."""
        options = self.keyed_options
        labels = [o.label.strip() for o in options]
        if options and all(label.isdecimal() for label in labels) and len({int(x) for x in labels}) == len(labels):
            return tuple((int(label), option) for label, option in zip(labels, options))
        return tuple(enumerate(options, start=1))


@dataclass(frozen=True)
class Section:
    title: str
    questions: tuple[Question, ...] = ()
    intro: str = ""
    id: int | None = field(default=None, compare=False)


class Numbering(StrEnum):
    CONTINUOUS = "continuous"  # 1, 2, 3 … through the whole questionnaire
    BY_SECTION = "by_section"  # restarts at 1 in each section, as the LGA form does


@dataclass(frozen=True)
class Questionnaire:
    sections: tuple[Section, ...] = ()
    title: str = ""
    numbering_style: Numbering = Numbering.CONTINUOUS
    standards_edition: str = LATEST_EDITION  # the edition of the Standards its questions are filed under

    @property
    def standards(self) -> Edition:
        return edition(self.standards_edition)

    def questions(self) -> Iterator[Question]:
        for section in self.sections:
            yield from section.questions

    def question(self, code: str) -> Question:
        for question in self.questions():
            if question.code == code:
                return question
        raise KeyError(f"No question with code {code!r}")

    def find(self, code: str) -> Question | None:
        return next((q for q in self.questions() if q.code == code), None)

    @property
    def question_count(self) -> int:
        return sum(len(s.questions) for s in self.sections)

    def dimensions(self) -> list[Question]:
        return [q for q in self.questions() if q.is_dimension]

    def numbering(self) -> dict[str, str]:
        """Question numbers as printed: 1, 2, 3 … with follow-ups lettered after their parent (2a, 2b)."""
        numbers: dict[str, str] = {}
        follow_up_count: dict[str, int] = {}
        next_number = 1
        for section in self.sections:
            if self.numbering_style is Numbering.BY_SECTION:
                next_number = 1
            for question in section.questions:
                parent = question.follow_up.parent_code if question.follow_up else None
                if parent and parent in numbers:
                    follow_up_count[parent] = follow_up_count.get(parent, 0) + 1
                    letter = "abcdefghijklmnopqrstuvwxyz"[(follow_up_count[parent] - 1) % 26]
                    numbers[question.code] = numbers[parent] + letter
                else:
                    numbers[question.code] = str(next_number)
                    next_number += 1
        return numbers

    def validate(self) -> list["Problem"]:
        return validate_questionnaire(self)


# --------------------------------------------------------------------------- built-in answer scales

AGREEMENT_LABELS = ("Strongly agree", "Agree", "Neither agree nor disagree", "Disagree", "Strongly disagree")


def agreement_options(
    negative: bool = False, dont_know: bool = False, not_applicable: bool = False
) -> tuple[Option, ...]:
    """The five-point agreement scale. Scores run 0-100 with 100 always the most favourable answer,
    so a negatively worded statement ("I feel stressed by my job") scores agreement low."""
    codes = ("strongly_agree", "agree", "neither", "disagree", "strongly_disagree")
    scores: tuple[float, ...] = (100.0, 75.0, 50.0, 25.0, 0.0)
    polarities: tuple[Polarity, ...] = (
        Polarity.FAVOURABLE,
        Polarity.FAVOURABLE,
        Polarity.NEUTRAL,
        Polarity.UNFAVOURABLE,
        Polarity.UNFAVOURABLE,
    )
    if negative:
        scores = tuple(reversed(scores))
        polarities = tuple(reversed(polarities))
    options = [Option(c, label, s, p) for c, label, s, p in zip(codes, AGREEMENT_LABELS, scores, polarities)]
    if dont_know:
        options.append(Option("dont_know", "Don't know"))
    if not_applicable:
        options.append(Option("not_applicable", "Not applicable", excluded_from_base=True))
    return tuple(options)


def rating_options() -> tuple[Option, ...]:
    """0 to 10, where 7-10 counts as favourable and 0-4 as unfavourable; scores are out of 100."""

    def polarity(value: int) -> Polarity:
        if value >= 7:
            return Polarity.FAVOURABLE
        if value <= 4:
            return Polarity.UNFAVOURABLE
        return Polarity.NEUTRAL

    return tuple(Option(str(v), str(v), float(v * 10), polarity(v)) for v in range(11))


# --------------------------------------------------------------------------- codes

CODE_PATTERN = re.compile(r"^[a-z][a-z0-9_]{0,59}$")


def make_code(text: str, taken: set[str] | frozenset[str] = frozenset(), max_length: int = 40) -> str:
    """A stable, readable code from a label or question text: 'Don't know' -> 'dont_know'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    ascii_text = ascii_text.replace("'", "").replace("’", "")
    slug = re.sub(r"[^a-z0-9]+", "_", ascii_text).strip("_")[:max_length].strip("_")
    if not slug:
        slug = "item"
    if not slug[0].isalpha():
        slug = "q_" + slug
    candidate, counter = slug, 2
    while candidate in taken:
        candidate = f"{slug}_{counter}"
        counter += 1
    return candidate


def with_fresh_ids(questionnaire: Questionnaire) -> Questionnaire:
    """A copy without file ids, ready to be stored as a new cycle's questionnaire."""
    return replace(
        questionnaire,
        sections=tuple(
            replace(
                s,
                id=None,
                questions=tuple(
                    replace(q, id=None, options=tuple(replace(o, id=None) for o in q.options)) for q in s.questions
                ),
            )
            for s in questionnaire.sections
        ),
    )


def refiled(questionnaire: Questionnaire, edition_id: str) -> Questionnaire:
    """The questionnaire filed under another edition of the Standards: each question under the same Standard, but for
    those an edition in between moved (stress, from Supervision to Wellbeing in 2020)."""
    older = questionnaire.standards_edition
    if older == edition_id:
        return questionnaire
    sections = tuple(
        replace(
            section,
            questions=tuple(
                replace(q, standard=refiled_standard(q.code, q.standard, older, edition_id)) for q in section.questions
            ),
        )
        for section in questionnaire.sections
    )
    return replace(questionnaire, sections=sections, standards_edition=edition_id)


# --------------------------------------------------------------------------- validation


@dataclass(frozen=True)
class Problem:
    """Something about a questionnaire, said in words and placed where it is: an error (it cannot be handed out), a
    thing to check, or a note (how a deliberate choice is reported, for the PSW to know, with nothing to fix)."""

    message: str
    question_code: str | None = None
    option_code: str | None = None
    section_index: int | None = None
    is_error: bool = True
    is_note: bool = False

    def __str__(self) -> str:
        return self.message

    @property
    def kind(self) -> str:
        """'Error', 'Check' or 'Note', as the designer, `swhc check` and every other face name it."""
        return "Error" if self.is_error else "Note" if self.is_note else "Check"


def validate_questionnaire(questionnaire: Questionnaire) -> list[Problem]:
    problems: list[Problem] = []
    if not questionnaire.sections:
        problems.append(Problem("The questionnaire has no sections."))
    seen_codes: dict[str, int] = {}
    question_number = 0
    position = {q.code: i for i, q in reversed(list(enumerate(questionnaire.questions())))}
    by_code: dict[str, Question] = {}
    for question in questionnaire.questions():
        by_code.setdefault(question.code, question)

    for section_index, section in enumerate(questionnaire.sections):
        if not section.title.strip():
            problems.append(Problem(f"Section {section_index + 1} has no title.", section_index=section_index))
        if not section.questions:
            problems.append(
                Problem(f"Section '{section.title}' has no questions.", section_index=section_index, is_error=False)
            )
        for question in section.questions:
            question_number += 1
            number = question_number
            if question.code in seen_codes:
                problems.append(
                    Problem(
                        f"Question code '{question.code}' is used twice (questions {seen_codes[question.code]} and "
                        f"{number}). Each question needs its own code so that years can be compared.",
                        question.code,
                    )
                )
            else:
                seen_codes[question.code] = number
            problems.extend(_question_problems(question, by_code, position))
    return problems


def _question_problems(question: Question, by_code: dict[str, Question], position: dict[str, int]) -> list[Problem]:
    code = question.code
    problems: list[Problem] = []
    name = f"Question '{code}'"
    if not CODE_PATTERN.match(code):
        problems.append(
            Problem(
                f"{name}: a code must start with a letter and use only lower-case letters, digits and underscores "
                "(at most 60 characters).",
                code,
            )
        )
    if not question.text.strip():
        problems.append(Problem(f"{name} has no question text.", code))
    if question.standard is None:
        problems.extend(_not_about_a_standard(question, name))
    elif question.standard not in STANDARD_NUMBERS:
        problems.append(
            Problem(f"{name}: Standard {question.standard} does not exist (the Standards are 1 to 8).", code)
        )
    if question.in_standard_score and question.qtype is not QuestionType.SCALE:
        problems.append(
            Problem(
                f"{name} is set to feed its Standard's score, but only agreement statements do; it is "
                "left out of the score.",
                code,
                is_error=False,
            )
        )

    if question.qtype.has_options:
        problems.extend(_option_problems(question))
    elif question.options:
        problems.append(Problem(f"{name} is a {question.qtype.label.lower()} question but has answer options.", code))

    if question.qtype is QuestionType.NUMBER:
        low, high = question.min_value, question.max_value
        if low is not None and high is not None and low > high:
            problems.append(
                Problem(
                    f"{name}: the lowest allowed number ({low:g}) is above the highest ({high:g}), "
                    "so no answer is valid.",
                    code,
                )
            )
    if question.is_dimension and question.qtype is not QuestionType.SINGLE:
        problems.append(
            Problem(
                f"{name}: a breakdown dimension must be a single-choice question, so that each person is in one group.",
                code,
            )
        )
    if question.follow_up is not None:
        problems.extend(_follow_up_problems(question, by_code, position))
    return problems


def not_about_a_standard_note(name: str) -> str:
    """The one sentence every face says of a question that is not about a Standard."""
    return f"{name} is not about a Standard: it is reported under 'Other questions' and feeds no Standard's score."


def _not_about_a_standard(question: Question, name: str) -> list[Problem]:
    """A question that is not about a Standard is a choice, never an error. A breakdown question (team, role, gender…)
    is about who answered and is reported under no Standard whatever it is filed under, so it needs no note. A
    statement that fed its Standard's score feeds none while it has no Standard (and again once one is chosen): the
    note says so, and there is nothing to untick."""
    if question.is_dimension:
        return []
    return [Problem(not_about_a_standard_note(name), question.code, is_error=False, is_note=True)]


def _option_problems(question: Question) -> list[Problem]:
    code = question.code
    name = f"Question '{code}'"
    if not question.options:
        return [Problem(f"{name} has no answer options. Add at least two, or change its type.", code)]
    problems = []
    if len(question.options) == 1 and question.qtype is not QuestionType.MULTI:
        problems.append(Problem(f"{name} has only one answer option.", code, is_error=False))
    seen_codes: set[str] = set()
    seen_labels: set[str] = set()
    for option in question.options:
        if option.code in seen_codes:
            problems.append(Problem(f"{name}: the option code '{option.code}' is used twice.", code, option.code))
        seen_codes.add(option.code)
        if not option.label.strip():
            problems.append(Problem(f"{name}: an answer option has no label.", code, option.code))
        key = option.label.strip().casefold()
        if key and key in seen_labels:
            problems.append(Problem(f"{name}: the answer '{option.label}' appears twice.", code, option.code))
        seen_labels.add(key)
        if not CODE_PATTERN.match(option.code) and not option.code.isdigit():
            problems.append(
                Problem(
                    f"{name}: the option code '{option.code}' must use only lower-case letters, "
                    "digits and underscores.",
                    code,
                    option.code,
                )
            )
    if sum(o.is_other for o in question.options) > 1:
        problems.append(Problem(f"{name} has more than one option that asks the respondent to specify.", code))
    return problems


def _follow_up_problems(question: Question, by_code: dict[str, Question], position: dict[str, int]) -> list[Problem]:
    code = question.code
    follow_up = question.follow_up
    assert follow_up is not None
    parent = by_code.get(follow_up.parent_code)
    name = f"Question '{code}'"
    if parent is None:
        return [
            Problem(f"{name} follows up question '{follow_up.parent_code}', which is not in the questionnaire.", code)
        ]
    if parent.code == code:
        return [Problem(f"{name} cannot be a follow-up of itself.", code)]
    if position[parent.code] > position[code]:
        return [
            Problem(
                f"{name} follows up question '{parent.code}', which comes later. Move the follow-up after it.",
                code,
            )
        ]
    if not parent.qtype.has_options:
        return [Problem(f"{name} follows up '{parent.code}', which has no answer options to depend on.", code)]
    if not follow_up.option_codes:
        return [Problem(f"{name}: choose which answers to '{parent.code}' make this follow-up apply.", code)]
    parent_codes = {o.code for o in parent.options}
    missing = [c for c in follow_up.option_codes if c not in parent_codes]
    if missing:
        return [
            Problem(
                f"{name} depends on answer(s) {', '.join(missing)} that question '{parent.code}' does not have.", code
            )
        ]
    return []


def errors_only(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.is_error]
