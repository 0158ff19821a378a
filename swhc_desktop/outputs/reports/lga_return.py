"""The completed LGA employer return as an A4 PDF: every question of the LGA's form with the organisation's answer,
in the form's order and numbering. It is the LGA's 2018 form: the national health check since 2020 is a survey of
practitioners, not this return."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, Paragraph, Spacer, Table, TableStyle

from ...domain.plurals import counted
from ...domain.progress import SILENT, Progress
from ...domain.questionnaire import QuestionType, Section
from ...domain.ukdates import format_uk_date
from ...figures.employer_return import EmployerReturn, ReturnEntry, describe_answer
from ..long_text import typed_text
from .flowing_table import ContinuedCell, FlowingTable, KeepTogetherWhenItFits
from .paper_form import TickBox
from .pdf_furniture import CONTENT_WIDTH, RULE, SHADE, PageFurniture, ReportStyles, build_pdf, report_styles

NUMBER_COLUMN = 10 * mm
QUESTION_COLUMN = 88 * mm
ANSWER_COLUMN = CONTENT_WIDTH - NUMBER_COLUMN - QUESTION_COLUMN
PREFILL_MARK = "†"


def lga_return_furniture(content: EmployerReturn) -> PageFurniture:
    return PageFurniture(
        council=content.organisation.name,
        protective_marking=content.organisation.protective_marking,
        document_name=f"Social Work Health Check {content.cycle.name}: LGA return",
        subject=content.questionnaire.title,
        top_right=content.cycle.name,
    )


def write_lga_return(content: EmployerReturn, out: Path, progress: Progress = SILENT) -> Path:
    return build_pdf(out, lga_return_furniture(content), LgaReturnLayout(content).flowables(), progress)


class LgaReturnLayout:
    """The return as flowables: a title and a note on how to read it, then each section of the form as a table of
    question and answer."""

    def __init__(self, content: EmployerReturn, styles: ReportStyles | None = None):
        self.content = content
        self.styles = styles or report_styles()

    def flowables(self) -> list[Flowable]:
        story = self._opening()
        for section in self.content.questionnaire.sections:
            story.extend(self._section(section))
        return story

    def _opening(self) -> list[Flowable]:
        styles, content = self.styles, self.content
        organisation = content.organisation
        prefilled = sum(1 for e in content.entries.values() if e.applies and e.is_prefilled)
        about = (
            f"The answers of {organisation.name} ({organisation.service}) to the LGA's employer survey form, "
            f"‘{content.questionnaire.title}’, for the {content.cycle.name} health check: each question in the "
            "form's own order, numbering and wording. This is the LGA's 2018 form; since 2020 the national "
            "health check has been a survey of practitioners, not this return. "
            f"{content.answered_count} of the {counted(content.question_count, 'question')} that apply are answered."
        )
        marked = (
            f"Answers marked {PREFILL_MARK} ({prefilled}) were suggested from what the health-check file holds "
            "(the staff survey, the workforce figures) and have not been changed by hand; where each came from "
            "is said beneath it. Check them before you copy them."
            if prefilled
            else "Every answer was entered by hand."
        )
        box = FlowingTable(
            [[[*typed_text(about, styles.body), Paragraph(marked, styles.small)]]], colWidths=[CONTENT_WIDTH]
        )
        box.setStyle(
            TableStyle(
                [
                    ("BACKGROUND", (0, 0), (-1, -1), SHADE),
                    ("LEFTPADDING", (0, 0), (-1, -1), 4 * mm),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 4 * mm),
                    ("TOPPADDING", (0, 0), (-1, -1), 3 * mm),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5 * mm),
                ]
            )
        )
        return [
            *typed_text(f"Social Work Health Check {content.cycle.name}", styles.title),
            Paragraph(
                f"Employer return to the Local Government Association · prepared {format_uk_date(content.made_on)}",
                styles.subtitle,
            ),
            box,
            Spacer(1, 5 * mm),
        ]

    def _section(self, section: Section) -> list[Flowable]:
        styles = self.styles
        heading: list[Flowable] = typed_text(section.title, styles.heading)
        if section.intro:
            heading += typed_text(section.intro, styles.note)
            heading.append(Spacer(1, 1.5 * mm))
        rows = [self._row(entry) for entry in self.content.section_entries(section)]
        story: list[Flowable] = [CondPageBreak(45 * mm)]
        if not rows:
            return story + heading
        # The heading stays with the section's first question; the rest may run over pages, one question a row.
        story.append(KeepTogetherWhenItFits(heading + [self._table(rows[:1])]))
        if len(rows) > 1:
            story.append(self._table(rows[1:]))
        story.append(Spacer(1, 3 * mm))
        return story

    def _table(self, rows: list[list]) -> Table:
        table = FlowingTable(rows, colWidths=[NUMBER_COLUMN, QUESTION_COLUMN, ANSWER_COLUMN], continued_in=1)
        commands = [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (0, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 2 * mm),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2 * mm),
            ("LINEBELOW", (0, 0), (-1, -1), 0.3, RULE),
            ("BACKGROUND", (2, 0), (2, -1), SHADE),
        ]
        table.setStyle(TableStyle(commands))
        return table

    def _row(self, entry: ReturnEntry) -> list:
        styles = self.styles
        question = entry.question
        indent = "&nbsp;&nbsp;&nbsp;" if question.follow_up is not None else ""
        number = Paragraph(f"{indent}<b>{entry.number}.</b>", styles.table_text)
        wording = typed_text(question.text, styles.table_text)
        if question.help_text:
            wording += typed_text(question.help_text, styles.note)
        return [number, ContinuedCell(wording, f"Question {entry.number} (continued)"), self._answer(entry)]

    def _answer(self, entry: ReturnEntry) -> list[Flowable]:
        styles = self.styles
        question = entry.question
        if not entry.applies:
            parent = self.content.questionnaire.question(question.follow_up.parent_code)
            return [Paragraph(f"Does not apply (see question {self.content.entries[parent.code].number})", styles.note)]
        answer = entry.answer
        if answer is None:
            return [Paragraph("Not answered", styles.note)]
        mark = f" {PREFILL_MARK}" if entry.is_prefilled else ""
        parts: list[Flowable]
        if question.qtype is QuestionType.MULTI:
            ticked = [o for o in question.options if o.code in answer.option_codes]
            parts = [
                self._ticked(
                    option.label + (f": {answer.text.strip()}" if option.is_other and answer.text.strip() else "")
                )
                for option in ticked
            ]
            if mark:
                parts.append(Paragraph(PREFILL_MARK, styles.table_text))
        else:
            parts = typed_text(describe_answer(question, answer), styles.table_text, bold=True, end=mark)
        if entry.is_prefilled:
            parts += typed_text(entry.prefill.source, styles.note, lead=f"{PREFILL_MARK} ")
        return parts

    def _ticked(self, label: str) -> Table:
        row = FlowingTable(
            [[TickBox(size=3.2 * mm, ticked=True), typed_text(label, self.styles.table_text)]],
            colWidths=[5.5 * mm, ANSWER_COLUMN - 5.5 * mm - 4 * mm],
            hAlign="LEFT",
            continued_in=None,
        )
        row.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                    ("TOPPADDING", (0, 0), (-1, -1), 0.4 * mm),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 0.4 * mm),
                ]
            )
        )
        return row
