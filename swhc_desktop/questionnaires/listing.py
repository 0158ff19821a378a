"""A questionnaire as flat rows, one a question: for `swhc questions` and the question list hand-out."""

from __future__ import annotations

from typing import Any

from ..domain.questionnaire import NOT_ABOUT_A_STANDARD, Option, Question, Questionnaire
from ..domain.standards import edition

QUESTION_COLUMNS = (
    "number",
    "code",
    "section",
    "type",
    "standard",
    "standard_name",
    "dimension",
    "follow_up_of",
    "follow_up_when",
    "text",
    "options",
    "unit",
    "min",
    "max",
    "help",
)


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def option_summary(option: Option) -> str:
    """`code=label` with the option's settings: 'dont_know=Don't know [excluded]'."""
    flags = []
    if option.score is not None:
        flags.append(f"score {option.score:g}")
    if option.polarity.value != "neutral":
        flags.append(option.polarity.value)
    if option.excluded_from_base:
        flags.append("excluded from base")
    if option.is_other:
        flags.append("please specify")
    suffix = f" [{', '.join(flags)}]" if flags else ""
    return f"{option.code}={option.label}{suffix}"


def question_row(question: Question, section: str, number: str, edition_id: str | None = None) -> dict[str, Any]:
    return {
        "number": number,
        "code": question.code,
        "section": section,
        "type": question.qtype.value,
        "standard": "" if question.standard is None else question.standard,
        "standard_name": edition(edition_id).title(question.standard) if question.standard else NOT_ABOUT_A_STANDARD,
        "dimension": "yes" if question.is_dimension else "no",
        "follow_up_of": question.follow_up.parent_code if question.follow_up else "",
        "follow_up_when": " ".join(question.follow_up.option_codes) if question.follow_up else "",
        "text": question.text,
        "options": "; ".join(option_summary(o) for o in question.options),
        "unit": question.unit,
        "min": _number(question.min_value),
        "max": _number(question.max_value),
        "help": question.help_text,
    }


def question_rows(questionnaire: Questionnaire) -> list[dict[str, Any]]:
    numbers = questionnaire.numbering()
    return [
        question_row(question, section.title, numbers[question.code], questionnaire.standards_edition)
        for section in questionnaire.sections
        for question in section.questions
    ]


def question_records(questionnaire: Questionnaire) -> list[dict[str, Any]]:
    """The same as `question_rows` but with options as a list of objects, for JSON."""
    numbers = questionnaire.numbering()
    records = []
    for section in questionnaire.sections:
        for question in section.questions:
            record = question_row(question, section.title, numbers[question.code], questionnaire.standards_edition)
            record["dimension"] = question.is_dimension
            record["min"] = question.min_value
            record["max"] = question.max_value
            record["follow_up_when"] = list(question.follow_up.option_codes) if question.follow_up else []
            record["options"] = [
                {
                    "code": o.code,
                    "label": o.label,
                    "score": o.score,
                    "polarity": o.polarity.value,
                    "excluded_from_base": o.excluded_from_base,
                    "other_please_specify": o.is_other,
                }
                for o in question.options
            ]
            records.append(record)
    return records
