"""The employer return and the workforce figures of a cycle, as a form: suggestions from the staff survey shown with
where they came from, every change saved as it is made and undone with Ctrl+Z."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QGridLayout, QGroupBox, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from ...domain.changes import Change
from ...domain.errors import SwhcError
from ...domain.plurals import counted
from ...domain.questionnaire import Question, Questionnaire
from ...domain.records import Cycle
from ...figures.employer_return import (
    ChangeReturnAnswer,
    EmployerReturn,
    ReturnEntry,
    describe_answer,
    read_employer_return,
    return_questionnaire,
)
from ...figures.workforce import (
    WORKFORCE_MEASURES,
    ChangeWorkforceFigure,
    WorkforceMeasure,
    parse_workforce_figure,
    workforce_figures,
)
from ...storage import HealthCheckFile
from ..common.answer_fields import AnswerField, answer_field, muted_label
from ..common.forms import load_form
from ..common.messages import show_problem
from ..common.output_files import OutputFiles
from ..common.tasks import TaskRunner
from ..common.undo import make_undoable


@dataclass
class _QuestionRow:
    question: Question
    field: AnswerField
    note: QLabel
    use_suggestion: QPushButton


class EmployerReturnForm(QWidget):
    """The LGA's form, built once from its template; showing a cycle fills in that cycle's answers."""

    def __init__(
        self, tasks: TaskRunner, undo_stack: QUndoStack, output_files: OutputFiles, parent: QWidget | None = None
    ):
        super().__init__(parent)
        load_form("employer_return_form", self)
        self.tasks = tasks
        self.undo_stack = undo_stack
        self.output_files = output_files
        self.hc: HealthCheckFile | None = None
        self.cycle: Cycle | None = None
        self.content: EmployerReturn | None = None
        self.questionnaire: Questionnaire = return_questionnaire()
        self.rows: dict[str, _QuestionRow] = {}
        self.workforce_edits: dict[str, QLineEdit] = {}
        self.workforce_shown: dict[str, str] = {}
        font = self.returnHeading.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        font.setBold(True)
        self.returnHeading.setFont(font)
        self._build()
        self.returnPdfButton.clicked.connect(self.make_pdf)

    # ------------------------------------------------------------------ building the form

    def _build(self) -> None:
        layout = self.returnContentsLayout
        self.returnContents.setStyleSheet("QGroupBox { font-weight: bold; } QGroupBox * { font-weight: normal; }")
        layout.addWidget(self._workforce_box())
        numbers = self.questionnaire.numbering()
        for section in self.questionnaire.sections:
            box = QGroupBox(section.title, self.returnContents)
            grid = QGridLayout(box)
            grid.setColumnStretch(1, 3)
            grid.setColumnStretch(2, 2)
            row = 0
            if section.intro:
                grid.addWidget(muted_label(section.intro, box), row, 0, 1, 3)
                row += 1
            for question in section.questions:
                self._add_question(grid, row, question, numbers[question.code], box)
                row += 1
            layout.addWidget(box)
        layout.addStretch(1)

    def _add_question(self, grid: QGridLayout, row: int, question: Question, number: str, box: QWidget) -> None:
        indent = "    " if question.follow_up is not None else ""
        grid.addWidget(QLabel(f"{indent}{number}.", box), row, 0, Qt.AlignmentFlag.AlignTop)
        wording = QLabel(question.text + (f"\n{question.help_text}" if question.help_text else ""), box)
        wording.setWordWrap(True)
        wording.setTextFormat(Qt.TextFormat.PlainText)
        grid.addWidget(wording, row, 1, Qt.AlignmentFlag.AlignTop)
        cell = QWidget(box)
        cell_layout = QVBoxLayout(cell)
        cell_layout.setContentsMargins(0, 0, 0, 6)
        field = answer_field(question, cell)
        field.setObjectName(f"answer_{question.code}")
        field.edited.connect(lambda code=question.code: self._answer_edited(code))
        note = muted_label("", cell)
        note.setObjectName(f"note_{question.code}")
        use = QPushButton("Use the suggestion", cell)
        use.setObjectName(f"suggest_{question.code}")
        use.clicked.connect(lambda _=False, code=question.code: self._use_suggestion(code))
        cell_layout.addWidget(field)
        cell_layout.addWidget(note)
        cell_layout.addWidget(use, 0, Qt.AlignmentFlag.AlignLeft)
        wording.setBuddy(field.focusProxy() or field)
        grid.addWidget(cell, row, 2)
        self.rows[question.code] = _QuestionRow(question, field, note, use)

    def _workforce_box(self) -> QGroupBox:
        box = QGroupBox("Workforce figures for the year", self.returnContents)
        box.setObjectName("workforceBox")
        grid = QGridLayout(box)
        grid.addWidget(
            muted_label(
                "The figures the council reports each year, shown as trends on the Findings "
                "dashboard and in the report for members. The return's Standard 2 questions are "
                "suggested from them.",
                box,
            ),
            0,
            0,
            1,
            3,
        )
        for row, measure in enumerate(WORKFORCE_MEASURES, start=1):
            label = QLabel(f"{measure.title}{f' ({measure.unit})' if measure.unit else ''}:", box)
            edit = QLineEdit(box)
            edit.setObjectName(f"workforce_{measure.key}")
            edit.setMaximumWidth(120)
            edit.setAccessibleName(measure.title)
            edit.editingFinished.connect(lambda key=measure.key: self._workforce_edited(key))
            label.setBuddy(edit)
            grid.addWidget(label, row, 0)
            grid.addWidget(edit, row, 1)
            grid.addWidget(muted_label(measure.explanation, box), row, 2)
            self.workforce_edits[measure.key] = edit
        grid.setColumnStretch(2, 1)
        return box

    # ------------------------------------------------------------------ showing a cycle

    def show_cycle(self, hc: HealthCheckFile | None, cycle: Cycle | None) -> None:
        self.hc, self.cycle = hc, cycle
        self.refresh()

    def refresh(self) -> None:
        hc, cycle = self.hc, self.cycle
        editable = hc is not None and cycle is not None and not hc.read_only
        self.returnContents.setEnabled(editable)
        self.returnPdfButton.setEnabled(hc is not None and cycle is not None)
        if hc is None or cycle is None:
            self.content = None
            self.returnHeading.setText("Employer return and workforce figures")
            self.returnCountLabel.setText("Open a health check and choose a cycle.")
            return
        try:
            self.content = read_employer_return(hc, cycle)
        except SwhcError as problem:
            show_problem(self, problem)
            return
        self.returnHeading.setText(f"Employer return and workforce figures, {cycle.name}")
        figures = workforce_figures(hc, cycle.id)
        for measure in WORKFORCE_MEASURES:
            self._show_workforce(measure, figures.get(measure.key))
        for code, row in self.rows.items():
            self._show_entry(row, self.content.entries[code])
        prefilled = sum(1 for e in self.content.entries.values() if e.applies and e.is_prefilled)
        suggested = f" ({prefilled} suggested)" if prefilled else ""
        self.returnCountLabel.setText(
            f"{self.content.answered_count} of {counted(self.content.question_count, 'question')} "
            f"answered{suggested}" + (" · read-only file" if hc.read_only else "")
        )

    def _show_workforce(self, measure: WorkforceMeasure, value: float | None) -> None:
        text = "" if value is None else f"{value:g}"
        self.workforce_shown[measure.key] = text
        self.workforce_edits[measure.key].setText(text)

    def _show_entry(self, row: _QuestionRow, entry: ReturnEntry) -> None:
        row.field.blockSignals(True)
        try:
            row.field.set_answer(entry.answer if entry.applies else None)
        finally:
            row.field.blockSignals(False)
        row.field.setEnabled(entry.applies)
        prefill = entry.prefill
        row.use_suggestion.setVisible(
            entry.applies and entry.stored is not None and prefill is not None and entry.stored != prefill.answer
        )
        if not entry.applies:
            parent = self.content.entries[entry.question.follow_up.parent_code]
            labels = " or ".join(
                f"‘{o.label}’" for o in parent.question.options if o.code in entry.question.follow_up.option_codes
            )
            row.note.setText(f"Only if the answer to {parent.number} is {labels}.")
        elif entry.is_prefilled:
            row.note.setText(f"Suggested. {prefill.source} Type over it to give your own answer.")
        elif prefill is not None and entry.stored != prefill.answer:
            row.note.setText(
                f"Your answer. Suggested: {describe_answer(entry.question, prefill.answer)}. {prefill.source}"
            )
        elif prefill is not None:
            row.note.setText(f"The same as the suggestion. {prefill.source}")
        else:
            row.note.setText("")
        row.note.setVisible(bool(row.note.text()))

    # ------------------------------------------------------------------ editing

    def _answer_edited(self, code: str) -> None:
        hc, cycle, content = self.hc, self.cycle, self.content
        if hc is None or cycle is None or content is None:
            return
        row, entry = self.rows[code], content.entries[code]
        try:
            after = row.field.answer()
        except SwhcError as problem:
            show_problem(self, problem)
            self._show_entry(row, entry)
            return
        if after == entry.answer:
            return  # nothing changed (typing a suggestion back in keeps it a suggestion)
        text = f"change the employer return's question {entry.number}"
        self._change(hc, ChangeReturnAnswer(cycle.id, code, after, text))

    def _use_suggestion(self, code: str) -> None:
        hc, cycle, content = self.hc, self.cycle, self.content
        if hc is None or cycle is None or content is None:
            return
        entry = content.entries[code]
        self._change(hc, ChangeReturnAnswer(cycle.id, code, None, f"use the suggestion for question {entry.number}"))

    def _workforce_edited(self, key: str) -> None:
        hc, cycle = self.hc, self.cycle
        edit = self.workforce_edits[key]
        if hc is None or cycle is None or edit.text() == self.workforce_shown.get(key, ""):
            return
        measure = next(m for m in WORKFORCE_MEASURES if m.key == key)
        before = workforce_figures(hc, cycle.id).get(key)
        try:
            after = parse_workforce_figure(measure, edit.text())
        except SwhcError as problem:
            show_problem(self, problem)
            self._show_workforce(measure, before)
            return
        if after == before:
            self._show_workforce(measure, before)
            return
        self._change(hc, ChangeWorkforceFigure(cycle.id, key, after, f"change the {measure.title.lower()} figure"))

    def _change(self, hc: HealthCheckFile, change: Change) -> None:
        """Save a change and put it on the undo stack (a refused change is shown), then show the file as it now is."""
        cycle_id = self.cycle.id if self.cycle is not None else None
        try:
            make_undoable(self.undo_stack, hc, change, self, lambda _: self._show_file(hc, cycle_id))
        except SwhcError as problem:
            show_problem(self, problem)
        self.refresh()

    def _show_file(self, hc: HealthCheckFile, cycle_id: int | None) -> None:
        """After an undo or redo: show the form as the file now holds it, if it is this cycle's."""
        if hc is self.hc and self.cycle is not None and self.cycle.id == cycle_id:
            self.refresh()

    def commit_pending(self) -> None:
        for row in self.rows.values():
            row.field.commit_pending()
        for key in self.workforce_edits:
            self._workforce_edited(key)

    # ------------------------------------------------------------------ the PDF

    def make_pdf(self) -> None:
        if self.hc is None or self.cycle is None:
            return
        self.commit_pending()
        self.output_files.make_report(self.hc, self.cycle, "lga-return")
