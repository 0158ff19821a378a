"""Keying in paper returns: a form built from the questionnaire, one response a screen, typed with the keyboard only."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget

from ...domain.errors import SwhcError
from ...domain.plurals import counted
from ...domain.questionnaire import Question, QuestionType
from ...domain.records import Cycle
from ...importing.paper import Entry, applies, build_response, keyed_range, options_hint, read_entry
from ...storage import HealthCheckFile
from ..common.forms import load_form
from ..common.messages import show_problem
from ..common.unsaved import AsksBeforeDiscarding

PROBLEM_COLOUR = "#a4262c"
# How many answers to a line beside the box, by the length of the longest answer: short ones four across, long ones
# one to a line, so that each number stands at the start of its own answer and the columns line up.
ACROSS_BY_LENGTH = ((18, 4), (30, 3), (48, 2))


def numbered_answers(question: Question) -> str:
    """The answers with the numbers to type for them, as a table read across then down as the paper form prints them:
    each number bold and set apart from its answer, each answer in a column of its own."""
    keyed = list(question.keyed)
    longest = max((len(o.label) for _, o in keyed), default=0)
    across = next((count for length, count in ACROSS_BY_LENGTH if longest <= length), 1)
    rows = []
    for start in range(0, len(keyed), across):
        cells = "".join(
            f"<td align='right' style='padding-right:4px'><b>{number}</b></td>"
            f"<td style='padding-right:18px'>{_label_beside(number, option.label)}</td>"
            for number, option in keyed[start : start + across]
        )
        rows.append(f"<tr>{cells}</tr>")
    return f"<table cellspacing='0' cellpadding='1'>{''.join(rows)}</table>"


def _label_beside(number: int, label: str) -> str:
    """An answer that is its own number (on a 0 to 10 scale) is not said twice."""
    return "" if str(number) == label.strip() else html.escape(label)


class _QuestionRow:
    """The widgets for one question: its number and text, the box to type in, what was understood, and for an
    answer with 'please specify', a box for the text."""

    def __init__(self, question: Question, number: str, parent: QWidget):
        self.question = question
        self.holder = QWidget(parent)
        layout = QVBoxLayout(self.holder)
        layout.setContentsMargins(0, 0, 0, 10)
        layout.setSpacing(3)
        self.label = QLabel(f"<b>{number}.</b> {question.text}", self.holder)
        self.label.setWordWrap(True)
        layout.addWidget(self.label)
        if question.qtype is QuestionType.TEXT:
            self.edit: QLineEdit | QPlainTextEdit = QPlainTextEdit(self.holder)
            self.edit.setTabChangesFocus(True)
            self.edit.setFixedHeight(54)
        else:
            self.edit = QLineEdit(self.holder)
            self.edit.setMaximumWidth(260)
            if question.qtype is QuestionType.MULTI:
                self.edit.setPlaceholderText("Numbers of the answers ticked, e.g. 1 3")
            elif question.qtype is QuestionType.NUMBER:
                self.edit.setPlaceholderText(f"In figures{f' ({question.unit})' if question.unit else ''}")
            else:
                self.edit.setPlaceholderText(keyed_range(question))
        self.edit.setAccessibleName(f"Question {number}")
        self.label.setBuddy(self.edit)
        layout.addWidget(self.edit)
        self.hint = QLabel(numbered_answers(question) if question.options else "", self.holder)
        self.hint.setTextFormat(Qt.TextFormat.RichText)
        self.hint.setAccessibleDescription(options_hint(question) if question.options else "")
        self.hint.setVisible(bool(question.options))
        layout.addWidget(self.hint)
        self.feedback = QLabel("", self.holder)
        layout.addWidget(self.feedback)
        self.other_edit = QLineEdit(self.holder)
        self.other_edit.setPlaceholderText("Please specify: what the respondent wrote")
        self.other_edit.setAccessibleName(f"Question {number}: please specify")
        self.other_edit.setVisible(False)
        layout.addWidget(self.other_edit)

    def typed(self) -> str:
        return self.edit.toPlainText() if isinstance(self.edit, QPlainTextEdit) else self.edit.text()

    def clear(self) -> None:
        self.edit.clear()
        self.other_edit.clear()
        self.feedback.clear()

    def show_entry(self, entry: Entry) -> None:
        """Validation as you type: what the number means, or what is wrong with it."""
        if entry.problem:
            self.feedback.setText(f'<span style="color:{PROBLEM_COLOUR}">{entry.problem}</span>')
        elif entry.option_codes:
            self.feedback.setText("✓ " + "; ".join(self.question.option(c).label for c in entry.option_codes))
        else:
            self.feedback.clear()
        other = self.question.other_option
        self.other_edit.setVisible(other is not None and other.code in entry.option_codes)

    def set_visible(self, visible: bool) -> None:
        self.holder.setVisible(visible)


class PaperEntryDialog(AsksBeforeDiscarding, QDialog):
    """One paper return a screen. Each is saved (committed to the file) as soon as it is complete, into the cycle's
    'Paper returns' batch, so nothing keyed in is lost if the app is closed part way."""

    saved = Signal(int)

    def __init__(self, hc: HealthCheckFile, cycle: Cycle, parent: QWidget | None = None):
        super().__init__(parent)
        load_form("paper_entry_dialog", self)
        self.hc = hc
        self.cycle = cycle
        self.questionnaire = hc.questionnaires.load(cycle.id)
        self.keyed_this_time: list[int] = []
        self.saved_any = False
        self.setWindowTitle(f"Key in paper returns – {cycle.name}")
        numbers = self.questionnaire.numbering()
        self.rows: list[_QuestionRow] = []
        previous: QWidget = self.referenceEdit
        for question in self.questionnaire.questions():
            row = _QuestionRow(question, numbers[question.code], self.formHolder)
            self.questionLayout.addRow(row.holder)
            row.edit.textChanged.connect(self.refresh)
            QWidget.setTabOrder(previous, row.edit)
            QWidget.setTabOrder(row.edit, row.other_edit)
            previous = row.other_edit
            self.rows.append(row)
        QWidget.setTabOrder(previous, self.saveButton)
        self.saveButton.clicked.connect(self.save)
        self.closeButton.clicked.connect(self.reject)  # each return is saved by Save: Close only leaves
        self.undoLastButton.clicked.connect(self.take_out_last)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.save)
        self.refresh()
        self._update_count()
        self.referenceEdit.setFocus()

    def entries(self) -> dict[str, Entry]:
        return {row.question.code: read_entry(row.question, row.typed()) for row in self.rows}

    def refresh(self) -> None:
        """Show what each typed answer means, and show follow-ups only when the answer before makes them apply."""
        entries = self.entries()
        chosen = {code: entry.option_codes for code, entry in entries.items()}
        for row in self.rows:
            row.show_entry(entries[row.question.code])
            row.set_visible(applies(row.question, chosen))
        # Word-wrapped labels change height as boxes appear and go: lay the form out again.
        self.questionLayout.invalidate()
        self.questionLayout.activate()
        problems = sum(1 for row in self.rows if row.holder.isVisibleTo(self) and entries[row.question.code].problem)
        self.problemLabel.setText(
            f'<span style="color:{PROBLEM_COLOUR}">{counted(problems, "answer")} to correct before saving.</span>'
            if problems
            else ""
        )
        self.saveButton.setEnabled(not problems)

    def save(self) -> None:
        entries = self.entries()
        chosen = {code: entry.option_codes for code, entry in entries.items()}
        wrong = [row for row in self.rows if applies(row.question, chosen) and entries[row.question.code].problem]
        if wrong:
            wrong[0].edit.setFocus()
            return
        other_texts = {row.question.code: row.other_edit.text() for row in self.rows}
        reference = self.referenceEdit.text().strip() or None
        if reference is not None and reference in self.hc.responses.external_ids(self.cycle.id):
            self.problemLabel.setText(
                f'<span style="color:{PROBLEM_COLOUR}">Form {reference} has already been keyed in '
                f"(or imported) in {self.cycle.name}.</span>"
            )
            self.referenceEdit.setFocus()
            return
        response = build_response(self.questionnaire, entries, other_texts, reference)
        if not response.answers:
            self.problemLabel.setText(
                f'<span style="color:{PROBLEM_COLOUR}">Nothing has been typed in for this return.</span>'
            )
            return
        try:
            response_id = self.hc.responses.add_paper_response(self.cycle.id, response)
        except SwhcError as problem:
            show_problem(self, problem)
            return
        self.keyed_this_time.append(response_id)
        self.saved_any = True
        self.saved.emit(response_id)
        self.referenceEdit.clear()
        for row in self.rows:
            row.clear()
        self.refresh()
        self._update_count()
        self.formScroll.verticalScrollBar().setValue(0)
        self.referenceEdit.setFocus()

    def has_unsaved_changes(self) -> bool:
        """A return half typed (the form is emptied as each is saved)."""
        return bool(self.referenceEdit.text().strip()) or any(
            row.typed().strip() or row.other_edit.text().strip() for row in self.rows
        )

    def take_out_last(self) -> None:
        if not self.keyed_this_time:
            return
        try:
            self.hc.responses.remove_response(self.keyed_this_time.pop())
        except SwhcError as problem:
            show_problem(self, problem)
            return
        self.saved_any = True
        self.saved.emit(0)
        self._update_count()

    def _update_count(self) -> None:
        batch_id = self.hc.responses.paper_batch(self.cycle.id)
        total = self.hc.responses.batch_count(batch_id) if batch_id is not None else 0
        this_time = len(self.keyed_this_time)
        self.countLabel.setText(
            f"<b>Return {total + 1}</b> · {counted(total, 'paper return')} saved in {self.cycle.name} "
            f"({this_time} this time). Each is saved as soon as you press Save."
        )
        self.undoLastButton.setEnabled(bool(this_time))
        self.countLabel.setTextFormat(Qt.TextFormat.RichText)
