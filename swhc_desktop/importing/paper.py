"""Keying in paper returns: reading what is typed for each question
(option numbers, figures, text) into one response."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..domain.questionnaire import Question, Questionnaire, QuestionType
from ..domain.records import AnswerValue, NewResponse
from .values import parse_number

_NUMBERS = re.compile(r"[\s,;]+")


@dataclass(frozen=True)
class Entry:
    """What was typed for one question, read: the options chosen (codes), a number or a text, or why it is wrong."""

    option_codes: tuple[str, ...] = ()
    number: float | None = None
    text: str = ""
    problem: str = ""

    @property
    def is_empty(self) -> bool:
        return not (self.option_codes or self.number is not None or self.text)


def read_entry(question: Question, typed: str) -> Entry:
    """Read what was typed for a question: option numbers as printed on the form (several, separated by spaces or
    commas, for 'tick all that apply'), a figure for a number question, words for a text question."""
    typed = typed.strip()
    if not typed:
        return Entry()
    if question.qtype is QuestionType.TEXT:
        return Entry(text=typed)
    if question.qtype is QuestionType.NUMBER:
        number = parse_number(typed, question.unit)
        if number is None:
            return Entry(problem=f"'{typed}' is not a number: type it in figures")
        if question.min_value is not None and number < question.min_value:
            return Entry(problem=f"{number:g} is below the lowest allowed ({question.min_value:g})")
        if question.max_value is not None and number > question.max_value:
            return Entry(problem=f"{number:g} is above the highest allowed ({question.max_value:g})")
        return Entry(number=number)
    parts = [p for p in _NUMBERS.split(typed) if p]
    keyed = dict(question.keyed)
    numbers = keyed_range(question)
    if not all(p.isdecimal() for p in parts):
        return Entry(problem=f"type the number of the answer, {numbers}")
    typed_numbers = [int(p) for p in parts]
    wrong = [n for n in typed_numbers if n not in keyed]
    if wrong:
        return Entry(problem=f"there is no answer {wrong[0]}: type {numbers}")
    if question.qtype is not QuestionType.MULTI and len(typed_numbers) > 1:
        return Entry(problem="this question takes one answer")
    codes = tuple(dict.fromkeys(keyed[n].code for n in typed_numbers))
    return Entry(option_codes=codes)


def applies(question: Question, chosen: dict[str, tuple[str, ...]]) -> bool:
    """Whether a follow-up applies, given the options chosen so far (by question code); other questions always do."""
    follow_up = question.follow_up
    if follow_up is None:
        return True
    return bool(set(chosen.get(follow_up.parent_code, ())) & set(follow_up.option_codes))


def build_response(
    questionnaire: Questionnaire, entries: dict[str, Entry], other_texts: dict[str, str], reference: str | None = None
) -> NewResponse:
    """One response from the entries of a paper form; follow-ups that do not apply are left out."""
    chosen = {code: entry.option_codes for code, entry in entries.items()}
    answers: list[AnswerValue] = []
    for question in questionnaire.questions():
        entry = entries.get(question.code)
        if entry is None or entry.is_empty or entry.problem or not applies(question, chosen):
            continue
        if entry.number is not None:
            answers.append(AnswerValue(question.id, number=entry.number))
        elif entry.text:
            answers.append(AnswerValue(question.id, text=entry.text))
        for code in entry.option_codes:
            option = question.option(code)
            text = other_texts.get(question.code, "").strip() or None if option.is_other else None
            answers.append(AnswerValue(question.id, option_id=option.id, text=text))
    return NewResponse(answers=tuple(answers), external_id=reference or None)


def keyed_range(question: Question) -> str:
    """The numbers the answers are keyed by, as the form prints them: '1 to 5', or '0 to 10' for such a scale."""
    keyed = [n for n, _ in question.keyed]
    return f"{min(keyed)} to {max(keyed)}" if keyed else "a number"


def options_hint(question: Question) -> str:
    """The numbered answers, as the person keying in sees them beside the box: '1 Strongly agree · 2 Agree …'."""
    return "   ".join(o.label if str(n) == o.label.strip() else f"{n} {o.label}" for n, o in question.keyed)
