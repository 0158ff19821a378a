"""The columns of our own response template: readable headings that end in a key the importer maps back exactly.

A heading reads '7. How manageable is your current caseload? [caseload_manageable]'. 'Tick all that apply'
questions have a column per option, '…: Pay [leaving_reasons/pay]', ticked with 1 (or Yes); the text of an
'Other (please specify)' answer has its own column, '…: Other (please specify) [leaving_reasons/other:text]'.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from .questionnaire import Questionnaire, QuestionType

RESPONSE_ID = "response_id"
SUBMITTED_ON = "submitted_on"
META_COLUMNS = (RESPONSE_ID, SUBMITTED_ON)
TICKED_VALUES = frozenset({"1", "yes", "y", "x", "true", "ticked", "✓"})

_KEY = re.compile(r"\[(?P<code>[a-z][a-z0-9_]*)(?:/(?P<option>[a-z0-9_]+))?(?P<text>:text)?\]\s*$")


class ColumnKind(StrEnum):
    ANSWER = "answer"  # the answer itself: an option's label (or code), a number or a text
    TICK = "tick"  # one option of a 'tick all that apply' question
    OTHER_TEXT = "other_text"  # what the respondent wrote for 'Other (please specify)'


@dataclass(frozen=True)
class ColumnKey:
    question_code: str
    kind: ColumnKind
    option_code: str | None = None

    @property
    def key(self) -> str:
        if self.kind is ColumnKind.ANSWER:
            return f"[{self.question_code}]"
        suffix = ":text" if self.kind is ColumnKind.OTHER_TEXT else ""
        return f"[{self.question_code}/{self.option_code}{suffix}]"


@dataclass(frozen=True)
class TemplateColumn:
    heading: str
    key: ColumnKey


def template_columns(questionnaire: Questionnaire) -> list[TemplateColumn]:
    """Every column of the response template after the response id and date, in questionnaire order."""
    numbers = questionnaire.numbering()
    columns = []
    for question in questionnaire.questions():
        stem = f"{numbers[question.code]}. {question.text}"
        if question.qtype is QuestionType.MULTI:
            for option in question.options:
                key = ColumnKey(question.code, ColumnKind.TICK, option.code)
                columns.append(TemplateColumn(f"{stem}: {option.label} {key.key}", key))
        else:
            key = ColumnKey(question.code, ColumnKind.ANSWER)
            columns.append(TemplateColumn(f"{stem} {key.key}", key))
        other = question.other_option
        if other is not None:
            key = ColumnKey(question.code, ColumnKind.OTHER_TEXT, other.code)
            columns.append(TemplateColumn(f"{stem}: {other.display_label} {key.key}", key))
    return columns


def parse_heading(heading: str) -> ColumnKey | None:
    """The key at the end of a template heading, or None for a heading that is not one of ours."""
    match = _KEY.search(heading.strip())
    if match is None:
        return None
    if match["text"]:
        return ColumnKey(match["code"], ColumnKind.OTHER_TEXT, match["option"])
    if match["option"]:
        return ColumnKey(match["code"], ColumnKind.TICK, match["option"])
    return ColumnKey(match["code"], ColumnKind.ANSWER)
