"""The paper form: the cycle's questionnaire as an A4 PDF that a social worker fills in with a pen."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, Flowable, Paragraph, Spacer, Table, TableStyle

from ...domain.progress import SILENT, Progress
from ...domain.questionnaire import Option, Question, QuestionType, Section
from ...domain.ukdates import format_uk_date
from ...domain.wording import answer_instruction, follow_up_lead, number_range, routing_note
from ...questionnaires.handouts import QuestionnaireHandout
from ..long_text import column_heading, fit_as_column_headings, markup, typed_text
from .flowing_table import ContinuedCell, FlowingTable, KeepTogetherWhenItFits
from .pdf_furniture import (
    ACCENT,
    BOLD,
    CONTENT_WIDTH,
    FONT,
    INK,
    RULE,
    SHADE,
    PageFurniture,
    ReportStyles,
    build_pdf,
    report_styles,
)

NUMBER_COLUMN = 11 * mm
BOX_COLUMN = 7 * mm
FOLLOW_UP_INDENT = 8 * mm
BOX = 4.2 * mm
WRITING_LINE_GAP = 8 * mm
TEXT_LINES = 5
SHORT_FIELD_LENGTH = 30  # characters: 'Name', 'Job title', 'Email'
GRID_BOX_COLUMN = 16 * mm
TWO_COLUMN_LABEL_LENGTH = 34  # labels longer than this get the whole width
TWO_COLUMNS_FROM = 6  # options
GRID_ROWS = 8  # statements in one grid at most
RATING_COLUMNS_MOST = 15  # a rating's answers in a row of boxes (0 to 10 is 11); with more, a list of them


def paper_form_furniture(content: QuestionnaireHandout) -> PageFurniture:
    return PageFurniture(
        council=content.organisation.name,
        protective_marking=content.organisation.protective_marking,
        document_name=f"Social Work Health Check {content.cycle.name}: paper form",
        subject=content.questionnaire.title,
    )


def write_paper_form(content: QuestionnaireHandout, out: Path, progress: Progress = SILENT) -> Path:
    return build_pdf(out, paper_form_furniture(content), PaperFormLayout(content).flowables(), progress)


# --------------------------------------------------------------------------- drawn marks


class TickBox(Flowable):
    """An empty square to tick; the instructions show a ticked one and one filled in to cancel it."""

    def __init__(self, size: float = BOX, ticked: bool = False, filled: bool = False):
        super().__init__()
        self.size = size
        self.ticked = ticked
        self.filled = filled
        self.width = self.height = size

    def draw(self) -> None:
        canvas = self.canv
        canvas.setStrokeColor(INK)
        canvas.setFillColor(INK)
        canvas.setLineWidth(0.9)
        canvas.rect(0, 0, self.size, self.size, stroke=1, fill=int(self.filled))
        if self.ticked:
            canvas.setLineWidth(1.4)
            path = canvas.beginPath()
            path.moveTo(self.size * 0.18, self.size * 0.5)
            path.lineTo(self.size * 0.42, self.size * 0.2)
            path.lineTo(self.size * 0.85, self.size * 0.85)
            canvas.drawPath(path, stroke=1, fill=0)


class AnswerBox(Flowable):
    """A box to write a number in."""

    def __init__(self, width: float, height: float = 8 * mm):
        super().__init__()
        self.width = width
        self.height = height

    def draw(self) -> None:
        self.canv.setStrokeColor(INK)
        self.canv.setLineWidth(0.9)
        self.canv.rect(0, 0, self.width, self.height, stroke=1, fill=0)


class WritingLines(Flowable):
    """Ruled lines to write on, as wide as the space they are given."""

    def __init__(self, count: int, gap: float = WRITING_LINE_GAP):
        super().__init__()
        self.count = count
        self.gap = gap
        self.width = 0.0
        self.height = count * gap

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        return available_width, self.height

    def draw(self) -> None:
        self.canv.setStrokeColor(RULE)
        self.canv.setLineWidth(0.6)
        for line in range(self.count):
            y = line * self.gap
            self.canv.line(0, y, self.width, y)


def _numbered(question: Question) -> list[tuple[int, Option]]:
    return list(question.keyed)


def _is_its_own_number(number: int, label: str) -> bool:
    """An answer that is a number ('7' on a 0 to 10 scale) is keyed as itself: printing a second number beside it
    would only invite keying the wrong one."""
    return str(number) == label.strip()


def _keyed_heading(number: int, option: Option) -> str:
    """An answer heading a column of tick boxes, under the number typed for it when the return is keyed in."""
    if _is_its_own_number(number, option.label):
        return column_heading(option.label)
    return f"<font color='#5f6368' size='8'>{number}.</font><br/>{column_heading(option.label)}"


def _short_answer(question: Question) -> bool:
    """A field such as 'Name' or 'Job title' needs one line, where a question needs room for comments."""
    text = question.text.strip()
    return len(text) <= SHORT_FIELD_LENGTH and not text.endswith("?")


def _text(text: str) -> str:
    """Plain text for a reportlab paragraph (see long_text.markup)."""
    return markup(text)


# --------------------------------------------------------------------------- the form


class PaperFormLayout:
    """Turns the questionnaire into flowables: title and introduction, how to fill in, then each section."""

    def __init__(self, content: QuestionnaireHandout, styles: ReportStyles | None = None):
        self.content = content
        self.questionnaire = content.questionnaire
        self.numbers = content.questionnaire.numbering()
        self.styles = styles or report_styles()

    def flowables(self) -> list[Flowable]:
        story: list[Flowable] = self._opening()
        for index, section in enumerate(self.questionnaire.sections):
            story.extend(self._section(index, section))
        story.extend(self._closing())
        return story

    # ------------------------------------------------------------------ first and last

    def _opening(self) -> list[Flowable]:
        styles, content = self.styles, self.content
        title = f"Social Work Health Check {content.cycle.name}"
        organisation = content.organisation
        # The council's name is at the top of every page too, but cut short there when it is long.
        subtitle = " · ".join(
            part for part in (self.questionnaire.title, organisation.name, organisation.service) if part
        )
        introduction = [
            flowable
            for part in content.introduction.split("\n\n")
            if part.strip()
            for flowable in typed_text(part.strip(), styles.body)
        ]
        introduction_box = FlowingTable([[introduction]], colWidths=[CONTENT_WIDTH])
        introduction_box.setStyle(
            TableStyle(
                [
                    ("BACKGROUND", (0, 0), (-1, -1), SHADE),
                    ("LEFTPADDING", (0, 0), (-1, -1), 4 * mm),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 4 * mm),
                    ("TOPPADDING", (0, 0), (-1, -1), 3.5 * mm),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 2 * mm),
                ]
            )
        )
        how_to = Table(
            [
                [
                    TickBox(ticked=True),
                    Paragraph(
                        "Use a black or blue pen, and tick the box that matches your answer. "
                        "Tick one box unless a question says <b>tick all that apply</b>.",
                        styles.small,
                    ),
                ],
                [
                    TickBox(filled=True),
                    Paragraph(
                        "If you tick the wrong box, fill it in completely and tick the right one. "
                        "Write numbers and comments in the boxes and on the lines.",
                        styles.small,
                    ),
                ],
                [
                    "",
                    Paragraph(
                        "Some questions are only for people who gave a particular answer to the question "
                        "before. They are set in from the margin and say when to answer them.",
                        styles.small,
                    ),
                ],
            ],
            colWidths=[9 * mm, CONTENT_WIDTH - 9 * mm],
        )
        how_to.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("TOPPADDING", (0, 0), (-1, -1), 1.2 * mm),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 1.2 * mm),
                ]
            )
        )
        return [
            *typed_text(title, styles.title),
            *typed_text(subtitle, styles.subtitle),
            introduction_box,
            Spacer(1, 5 * mm),
            Paragraph("How to fill in this form", styles.subheading),
            how_to,
            Spacer(1, 3 * mm),
        ]

    def _closing(self) -> list[Flowable]:
        styles = self.styles
        cycle = self.content.cycle
        when = f" by {format_uk_date(cycle.closes_on)}" if cycle.closes_on else ""
        return [
            Spacer(1, 6 * mm),
            KeepTogetherWhenItFits(
                [
                    Paragraph("Thank you for completing the health check.", styles.heading),
                    Paragraph(
                        f"Please return this form{_text(when)}, as the introduction on the first page describes. "
                        "Your answers will be typed in without your name and the form then destroyed.",
                        styles.body,
                    ),
                ]
            ),
        ]

    # ------------------------------------------------------------------ sections

    def _section(self, index: int, section: Section) -> list[Flowable]:
        styles = self.styles
        white = ParagraphStyle("section_bar", parent=styles.body, textColor=colors.white, fontName=BOLD)
        bar = FlowingTable(
            [[typed_text(section.title, white, lead=f"Section {index + 1}: ")]],
            colWidths=[CONTENT_WIDTH],
            continued_in=None,
        )
        bar.setStyle(
            TableStyle(
                [
                    ("BACKGROUND", (0, 0), (-1, -1), ACCENT),
                    ("LEFTPADDING", (0, 0), (-1, -1), 3 * mm),
                    ("TOPPADDING", (0, 0), (-1, -1), 2 * mm),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 0.5 * mm),
                ]
            )
        )
        heading: list[Flowable] = [bar, Spacer(1, 2.5 * mm)]
        if section.intro:
            heading += typed_text(section.intro, styles.note)
            heading.append(Spacer(1, 1.5 * mm))
        blocks = self._question_blocks(section)
        story: list[Flowable] = [CondPageBreak(60 * mm)]
        if blocks:
            # The heading never sits alone at the foot of a page: it keeps company with the first question.
            # (KeepTogether cannot be nested: an inner one makes the outer think its content never fits.)
            story.append(KeepTogetherWhenItFits(heading + blocks[0]))
            story.extend(KeepTogetherWhenItFits(block) for block in blocks[1:])
        else:
            story.extend(heading)
        story.append(Spacer(1, 3 * mm))
        return story

    def _question_blocks(self, section: Section) -> list[list[Flowable]]:
        """Each question as a block kept on one page; runs of agreement statements with the same answers share
        a grid, as printed surveys set them."""
        blocks: list[list[Flowable]] = []
        run: list[Question] = []
        for question in section.questions:
            if run and not self._same_grid(run[0], question):
                blocks.extend(self._grids(run))
                run = []
            if self._gridded(question):
                run.append(question)
            else:
                blocks.append(self._question(question))
        if run:
            blocks.extend(self._grids(run))
        return blocks

    def _grids(self, questions: list[Question]) -> list[list[Flowable]]:
        """A long run of statements in grids of a few rows each, so that each grid fits on a page with its headings."""
        count = -(-len(questions) // GRID_ROWS)
        size = -(-len(questions) // count)
        return [self._grid(questions[start : start + size]) for start in range(0, len(questions), size)]

    @staticmethod
    def _gridded(question: Question) -> bool:
        """Statements share a grid, its answers heading narrow columns, only when every answer is short enough."""
        return (
            question.qtype is QuestionType.SCALE
            and question.follow_up is None
            and question.other_option is None
            and fit_as_column_headings([o.label for o in question.options])
        )

    def _same_grid(self, first: Question, question: Question) -> bool:
        return self._gridded(question) and [o.label for o in first.options] == [o.label for o in question.options]

    # ------------------------------------------------------------------ one question

    def _question(self, question: Question) -> list[Flowable]:
        styles = self.styles
        parts: list[Flowable] = []
        lead = follow_up_lead(question, self.questionnaire, self.numbers)
        if lead:
            parts += typed_text(lead, styles.small, italic=True)
        parts += typed_text(question.text, styles.body, bold=True)
        instruction = answer_instruction(question)
        if question.help_text:
            parts += typed_text(question.help_text, styles.note)
        if instruction.lower() not in question.help_text.lower():
            parts += typed_text(instruction, styles.note)  # it names the question's unit, as typed
        parts.append(Spacer(1, 1.2 * mm))
        parts.append(self._answer_space(question))
        routing = routing_note(question, self.questionnaire, self.numbers)
        if routing:
            parts.append(Spacer(1, 1 * mm))
            parts += typed_text(routing, styles.small, lead="<b>&#8594;</b> ")
        return [self._numbered(question, parts), Spacer(1, 4 * mm)]

    def _numbered(self, question: Question, parts: list[Flowable]) -> Table:
        indent = FOLLOW_UP_INDENT if question.follow_up is not None else 0
        number = Paragraph(f"<b>{self.numbers[question.code]}.</b>", self.styles.body)
        continued = f"Question {self.numbers[question.code]} (continued)"
        table = FlowingTable(
            [["", number, ContinuedCell(parts, continued)]],
            colWidths=[indent, NUMBER_COLUMN, CONTENT_WIDTH - indent - NUMBER_COLUMN],
            continued_in=None,
        )
        commands: list[tuple] = [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 0),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
        ]
        if indent:
            commands.append(("LINEBEFORE", (1, 0), (1, 0), 1.5, RULE))
            commands.append(("LEFTPADDING", (1, 0), (1, 0), 2 * mm))
        table.setStyle(TableStyle(commands))
        return table

    def _answer_space(self, question: Question) -> Flowable:
        if question.qtype is QuestionType.NUMBER:
            return self._number_box(question)
        if question.qtype is QuestionType.TEXT:
            return WritingLines(1 if _short_answer(question) else TEXT_LINES)
        if question.qtype is QuestionType.RATING and fit_as_column_headings(
            [o.label for o in question.options], RATING_COLUMNS_MOST
        ):
            return self._rating_row(question)
        return self._option_list(question)

    def _number_box(self, question: Question) -> Table:
        words = question.unit
        limits = number_range(question)
        if limits:
            words = f"{words} ({limits})" if words else f"({limits})"
        table = FlowingTable(
            [[AnswerBox(28 * mm), typed_text(words, self.styles.table_text)]],
            colWidths=[31 * mm, None],
            hAlign="LEFT",
            continued_in=None,
        )
        table.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ]
            )
        )
        return table

    def _option_list(self, question: Question) -> Table:
        """Tick boxes in one column, or two for a long list of short answers (read across, then down, so that the
        numbers run as a person reads); an 'Other (please specify)' answer comes last, across the whole width, with a
        line to write on. Each answer carries the number the paper-returns screen asks for."""
        numbered = [(n, o) for n, o in question.keyed if not o.is_other]
        options = [o for _, o in numbered]
        other = question.other_option
        short = all(len(o.display_label) <= TWO_COLUMN_LABEL_LENGTH for o in options)
        columns = 2 if short and len(question.options) >= TWO_COLUMNS_FROM else 1
        per_column = -(-len(options) // columns)
        available = CONTENT_WIDTH - NUMBER_COLUMN - (FOLLOW_UP_INDENT if question.follow_up else 0)
        label_width = available / columns - BOX_COLUMN
        rows = []
        for row in range(per_column):
            cells: list = []
            for column in range(columns):
                index = row * columns + column
                if index < len(options):
                    cells.extend([TickBox(), self._keyed(numbered[index][0], options[index].label)])
                else:
                    cells.extend(["", ""])
            rows.append(cells)
        commands: list[tuple] = [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 1.1 * mm),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1.1 * mm),
        ]
        if other is not None:
            other_row = [TickBox(), self._please_specify(other, available - BOX_COLUMN, len(options) + 1)]
            rows.append(other_row + ["", ""] * (columns - 1))
            commands.append(("SPAN", (1, len(rows) - 1), (-1, len(rows) - 1)))
        table = FlowingTable(rows, colWidths=[BOX_COLUMN, label_width] * columns, hAlign="LEFT", continued_in=None)
        table.setStyle(TableStyle(commands))
        return table

    def _keyed(self, number: int, label: str) -> list[Flowable]:
        """An answer's label after the number typed for it when the return is keyed in."""
        if _is_its_own_number(number, label):
            return typed_text(label, self.styles.table_text)
        return typed_text(label, self.styles.table_text, lead=f"<font color='#5f6368' size='8'>{number}.</font> ")

    def _please_specify(self, option: Option, width: float, number: int) -> Table:
        """The label, then a line to write on beside it; a label too long for one line takes what the line leaves."""
        label = f"{option.display_label}:"
        line = 40 * mm
        label_width = min(
            stringWidth(f"{number}. {label}", FONT, self.styles.table_text.fontSize) + 2 * mm, width - line - 2 * mm
        )
        row = FlowingTable(
            [[self._keyed(number, label), WritingLines(1, gap=4 * mm)]],
            colWidths=[label_width, width - label_width - 2 * mm],
            hAlign="LEFT",
            continued_in=None,
        )
        row.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                    ("TOPPADDING", (0, 0), (-1, -1), 0),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                ]
            )
        )
        return row

    def _rating_row(self, question: Question) -> Table:
        labels = [Paragraph(_keyed_heading(n, o), self.styles.table_heading) for n, o in _numbered(question)]
        boxes = [TickBox() for _ in question.options]
        table = Table([labels, boxes], colWidths=[10 * mm] * len(labels), hAlign="LEFT")
        table.setStyle(
            TableStyle(
                [
                    ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ]
            )
        )
        return table

    # ------------------------------------------------------------------ agreement statements

    def _grid(self, questions: list[Question]) -> list[Flowable]:
        styles = self.styles
        options = questions[0].keyed_options
        statement_width = CONTENT_WIDTH - NUMBER_COLUMN - GRID_BOX_COLUMN * len(options)
        header = ["", Paragraph("<i>Tick one box on each line</i>", styles.note)]
        header += [Paragraph(_keyed_heading(n, o), styles.table_heading) for n, o in _numbered(questions[0])]
        rows = [header]
        for question in questions:
            statement = typed_text(question.text, styles.table_text)
            if question.help_text:
                statement += typed_text(question.help_text, styles.note)
            continued = f"Question {self.numbers[question.code]} (continued)"
            rows.append(
                [
                    Paragraph(f"<b>{self.numbers[question.code]}.</b>", styles.table_text),
                    ContinuedCell(statement, continued),
                ]
                + [TickBox() for _ in options]
            )
        table = FlowingTable(
            rows,
            colWidths=[NUMBER_COLUMN, statement_width] + [GRID_BOX_COLUMN] * len(options),
            repeatRows=1,
            continued_in=None,
        )
        commands = [
            ("VALIGN", (0, 0), (-1, 0), "BOTTOM"),
            ("VALIGN", (0, 1), (-1, -1), "MIDDLE"),
            ("VALIGN", (0, 1), (0, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (0, -1), 0),
            ("ALIGN", (2, 0), (-1, -1), "CENTER"),
            ("LEFTPADDING", (2, 0), (-1, -1), 0.8 * mm),
            ("RIGHTPADDING", (2, 0), (-1, -1), 0.8 * mm),
            ("TOPPADDING", (0, 1), (-1, -1), 2 * mm),
            ("BOTTOMPADDING", (0, 1), (-1, -1), 2 * mm),
            ("LINEBELOW", (0, 0), (-1, 0), 0.8, INK),
            ("LINEBELOW", (0, 1), (-1, -1), 0.3, RULE),
        ]
        for row in range(2, len(rows), 2):
            commands.append(("BACKGROUND", (0, row), (-1, row), SHADE))
        table.setStyle(TableStyle(commands))
        return [table, Spacer(1, 4 * mm)]
