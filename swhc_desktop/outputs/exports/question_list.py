"""The question list: every question's exact wording, type and answers, for building the same survey in an online
tool (Microsoft Forms, SmartSurvey, SurveyMonkey, Google Forms, Qualtrics, LimeSurvey), so that the tool's export
maps back to the questionnaire without help. As plain text or as a Word document."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from pathlib import Path

from ...domain.printable import printable
from ...domain.progress import SILENT, Progress
from ...domain.questionnaire import Question, Questionnaire, QuestionType
from ...domain.wording import number_range, or_list, trigger_labels
from ...questionnaires.handouts import QuestionnaireHandout
from ..documents.blocks import ANSWER, NOTE, Document, Heading, Paragraph
from ..documents.docx import write_docx
from ..files import write_file

HOW_TO_USE = (
    "Build the survey in your online tool with these questions, in this order. Copy each question's wording and "
    "each answer exactly, word for word: when you import the tool's export file, SWHC Desktop recognises each "
    "column by the question's wording and each answer by its words. Where your tool lets you give a question a "
    "name or ID (a 'data export tag', 'question code' or 'variable name'), use the question code shown, and "
    "the match is certain."
)

ONLINE_TYPES = {
    QuestionType.SINGLE: "Choice, one answer (radio buttons or a drop-down list)",
    QuestionType.MULTI: "Choice, several answers allowed (tick boxes)",
    QuestionType.SCALE: "Choice, one answer (radio buttons or a Likert scale row)",
    QuestionType.RATING: "Choice, one answer from 0 to 10 (a rating or 0-10 scale)",
    QuestionType.NUMBER: "Number",
    QuestionType.TEXT: "Text (a long-answer comment box)",
}


@dataclass(frozen=True)
class ListedQuestion:
    number: str
    code: str
    text: str
    kind: str
    answers: tuple[str, ...]
    notes: tuple[str, ...]


@dataclass(frozen=True)
class ListedSection:
    title: str
    intro: str
    questions: tuple[ListedQuestion, ...]


@dataclass(frozen=True)
class QuestionList:
    title: str
    subtitle: str
    sections: tuple[ListedSection, ...]


def question_list(content: QuestionnaireHandout) -> QuestionList:
    questionnaire = content.questionnaire
    numbers = questionnaire.numbering()
    cycle = content.cycle
    window = f" · survey open {cycle.window}" if cycle.opens_on or cycle.closes_on else ""
    sections = tuple(
        ListedSection(
            section.title,
            section.intro,
            tuple(_listed(q, questionnaire, numbers) for q in section.questions),
        )
        for section in questionnaire.sections
    )
    return QuestionList(
        title=f"Social Work Health Check {cycle.name}: question list",
        subtitle=f"{content.organisation.name} · {questionnaire.title}{window}",
        sections=sections,
    )


def _listed(question: Question, questionnaire: Questionnaire, numbers: dict[str, str]) -> ListedQuestion:
    kind = ONLINE_TYPES[question.qtype]
    if question.qtype is QuestionType.NUMBER:
        details = ", ".join(part for part in (question.unit, number_range(question)) if part)
        kind = f"{kind} ({details})" if details else kind
    notes = []
    if question.follow_up is not None:
        parent = numbers.get(question.follow_up.parent_code, question.follow_up.parent_code)
        notes.append(
            f"Show only to people who answered {or_list(trigger_labels(question, questionnaire))} to question "
            f"{parent} (use your tool's branching, skip or display logic)."
        )
    other = question.other_option
    if other is not None:
        notes.append(
            f"Add a text box to the answer ‘{other.label}’ for people to say what they mean "
            "(most tools call this an 'Other' option)."
        )
    if question.help_text:
        notes.append(f"Help text to show with it: {question.help_text}")
    return ListedQuestion(
        number=numbers[question.code],
        code=question.code,
        text=question.text,
        kind=kind,
        answers=tuple(o.label for o in question.options),
        notes=tuple(notes),
    )


# --------------------------------------------------------------------------- plain text


def question_list_text(listing: QuestionList) -> str:
    lines = [listing.title, listing.subtitle, "", "How to use this list", _wrap(HOW_TO_USE), ""]
    for index, section in enumerate(listing.sections, start=1):
        heading = f"Section {index}: {section.title}"
        lines += ["", heading, "=" * len(heading)]
        if section.intro:
            lines += [_wrap(f"Introduction to show: {section.intro}"), ""]
        for question in section.questions:
            lines += [
                "",
                f"{question.number}. {question.text}",
                f"    Question code: {question.code}",
                f"    Type: {question.kind}",
            ]
            if question.answers:
                lines.append("    Answers:")
                lines += [f"      - {answer}" for answer in question.answers]
            lines += [_wrap(note, indent="    ") for note in question.notes]
    return "\n".join(lines).rstrip() + "\n"


def _wrap(text: str, indent: str = "", width: int = 100) -> str:
    return textwrap.fill(
        printable(text), width=width, initial_indent=indent, subsequent_indent=indent + "  " if indent else ""
    )


def write_question_list_text(content: QuestionnaireHandout, out: Path, progress: Progress = SILENT) -> Path:
    text = printable(question_list_text(question_list(content)))
    # With a byte-order mark, Notepad and Word on an older Windows read the curly quotes right.
    return write_file(out, lambda path: path.write_text(text, encoding="utf-8-sig", newline="\r\n"))


# --------------------------------------------------------------------------- Word


def question_list_document(listing: QuestionList, content: QuestionnaireHandout) -> Document:
    organisation = content.organisation
    document = Document(
        title=listing.title,
        subtitle=listing.subtitle,
        council=organisation.name,
        protective_marking=organisation.protective_marking,
        author=organisation.name,
        subject="The questions to build in an online survey tool, word for word",
    )
    blocks = document.blocks
    blocks += [Heading(1, "How to use this list"), Paragraph(HOW_TO_USE)]
    for index, section in enumerate(listing.sections, start=1):
        blocks.append(Heading(1, f"Section {index}: {section.title}"))
        if section.intro:
            blocks.append(Paragraph(f"Introduction to show: {section.intro}", style=NOTE))
        for question in section.questions:
            blocks.append(Heading(2, f"{question.number}. {question.text}"))
            blocks.append(Paragraph(f"Question code: {question.code}   ·   Type: {question.kind}", style=NOTE))
            blocks += [Paragraph(f"○  {answer}", style=ANSWER) for answer in question.answers]
            blocks += [Paragraph(note, style=NOTE) for note in question.notes]
    return document


def write_question_list_docx(content: QuestionnaireHandout, out: Path, progress: Progress = SILENT) -> Path:
    return write_docx(question_list_document(question_list(content), content), out)
