"""The National Standards scores dialog: the PSW types, for a service and a year, the eight national scores out of 100
from the LGA's report, with the report they come from; each mistake is said beside its box, nothing is kept while
any is wrong, and saving or removing a year's scores is one step Ctrl+Z undoes."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QUndoStack
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QWidget

from ...analysis.benchmarks import NationalScore, national_scores
from ...analysis.national_score_changes import (
    SOURCE,
    PutNationalScores,
    put_national_scores,
    standards_of_year,
    typed_national_scores,
)
from ...domain.errors import SwhcError
from ...domain.plurals import counted
from ...domain.records import Service
from ...domain.standards import STANDARD_NUMBERS
from ...storage import HealthCheckFile
from ..common.forms import load_form
from ..common.messages import show_problem
from ..common.undo import Refresh, make_undoable
from ..common.unsaved import AsksBeforeDiscarding, asks_before_reloading

ERROR_COLOUR = "#a4262c"


def _score_text(score: NationalScore | None) -> str:
    return "" if score is None else f"{score.score:g}"


class NationalScoresDialog(AsksBeforeDiscarding, QDialog):
    """Scores typed and not saved are not lost without a question: on Escape or Close, nor when another service or
    year is chosen (the form shows that year's scores instead).

    `after_change` is told of every undo and redo of a change made here, long after the dialog has closed (the
    window shows the file afresh); the dialog itself follows the undo stack only while it is open."""

    def __init__(
        self,
        hc: HealthCheckFile,
        undo_stack: QUndoStack,
        service: Service = Service.CHILDREN,
        year: int = 2025,
        parent: QWidget | None = None,
        after_change: Refresh = lambda _: None,
    ):
        super().__init__(parent)
        load_form("national_scores_dialog", self)
        self.hc, self.undo_stack, self.after_change = hc, undo_stack, after_change
        self.titles: dict[int, QLabel] = {}
        self.score_edits: dict[int, QLineEdit] = {}
        self.problems: dict[int, QLabel] = {}
        for member in Service:
            self.serviceCombo.addItem(member.label, member.value)
        self.serviceCombo.setCurrentIndex(self.serviceCombo.findData(Service(service).value))
        self.yearSpin.setValue(year)
        self._build_rows()
        self.save_button = self.buttonBox.button(QDialogButtonBox.StandardButton.Save)
        self.buttonBox.accepted.connect(self.save)
        self.buttonBox.rejected.connect(self.reject)
        self.removeButton.clicked.connect(self.remove)
        asks_before_reloading(self, self.serviceCombo, self.show_kept)  # in the one wording of the question
        asks_before_reloading(self, self.yearSpin, self.show_kept)
        self.sourceEdit.editingFinished.connect(self._check_typed)
        self.sourceProblemLabel.setTextFormat(Qt.TextFormat.PlainText)
        self.sourceProblemLabel.setStyleSheet(f"color: {ERROR_COLOUR};")
        # The window's Undo and Redo, so that Ctrl+Z undoes a save while the dialog is open.
        undo, redo = undo_stack.createUndoAction(self, "&Undo"), undo_stack.createRedoAction(self, "&Redo")
        undo.setShortcuts(QKeySequence.StandardKey.Undo)
        redo.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
        self.addActions([undo, redo])
        undo_stack.indexChanged.connect(self._stack_changed)
        self.show_kept()
        self.remember_as_untouched()

    def _build_rows(self) -> None:
        grid = self.scoresGrid
        for row, standard in enumerate(STANDARD_NUMBERS):
            title = QLabel(self.scoresGroup)
            edit = QLineEdit(self.scoresGroup)
            edit.setObjectName(f"score_{standard}")
            edit.setMaximumWidth(80)
            edit.setPlaceholderText("0 to 100")
            edit.editingFinished.connect(self._check_typed)
            problem = QLabel(self.scoresGroup)
            problem.setWordWrap(True)
            problem.setTextFormat(Qt.TextFormat.PlainText)
            problem.setStyleSheet(f"color: {ERROR_COLOUR};")
            title.setBuddy(edit)
            grid.addWidget(title, row, 0)
            grid.addWidget(edit, row, 1)
            grid.addWidget(problem, row, 2)
            self.titles[standard], self.score_edits[standard], self.problems[standard] = title, edit, problem
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(2, 2)

    # ------------------------------------------------------------------ what is shown

    @property
    def service(self) -> Service:
        return Service(self.serviceCombo.currentData())

    @property
    def year(self) -> int:
        return self.yearSpin.value()

    def kept(self) -> dict[int, NationalScore]:
        """The scores the file keeps for the service and year shown."""
        return {s.standard: s for s in national_scores(self.hc) if (s.service, s.year) == (self.service, self.year)}

    def show_kept(self) -> None:
        """Show the service and year's scores as the file keeps them, the Standards named as in that year."""
        kept = self.kept()
        standards = standards_of_year(self.year)
        for standard in STANDARD_NUMBERS:
            self.titles[standard].setText(f"{standards.label(standard)}:")
            self.score_edits[standard].setAccessibleName(f"National score of Standard {standard}")
            self.score_edits[standard].setText(_score_text(kept.get(standard)))
        sources = [s.source for s in kept.values()]
        if sources:
            self.sourceEdit.setText(sources[0])
        self._show_problems({})
        writable = not self.hc.read_only
        for edit in (*self.score_edits.values(), self.sourceEdit):
            edit.setReadOnly(not writable)
        self.save_button.setEnabled(writable)
        self.removeButton.setEnabled(writable and bool(kept))
        self.keptLabel.setText(self._kept_summary())

    def _kept_summary(self) -> str:
        by_year: dict[tuple[Service, int], int] = {}
        for score in national_scores(self.hc):
            by_year[(score.service, score.year)] = by_year.get((score.service, score.year), 0) + 1
        if not by_year:
            summary = "No national scores are kept yet."
        else:
            parts = [
                f"{service.label} {year} ({counted(count, 'Standard')})"
                for (service, year), count in sorted(by_year.items())
            ]
            summary = "Kept: " + "; ".join(parts) + "."
        return summary + (" The file is read-only: the scores cannot be changed." if self.hc.read_only else "")

    def _show_problems(self, problems: dict[int | None, str]) -> None:
        for standard, label in self.problems.items():
            label.setText(problems.get(standard, ""))
        self.sourceProblemLabel.setText(problems.get(SOURCE, ""))
        self.sourceProblemLabel.setVisible(SOURCE in problems)

    def _typed(self) -> tuple[dict[int, float | None], dict[int | None, str]]:
        texts = {standard: edit.text() for standard, edit in self.score_edits.items()}
        return typed_national_scores(self.service, self.year, texts, self.sourceEdit.text())

    def _check_typed(self) -> None:
        """Say what is wrong beside each box as soon as it is left (nothing is kept until Save)."""
        self._show_problems(self._typed()[1])

    # ------------------------------------------------------------------ saving

    def save(self) -> None:
        values, problems = self._typed()
        self._show_problems(problems)
        if problems or self.hc.read_only:
            return
        self._make(put_national_scores(self.service, self.year, values, self.sourceEdit.text()))

    def remove(self) -> None:
        if self.kept():
            self._make(put_national_scores(self.service, self.year, {}, ""))

    def _make(self, change: PutNationalScores) -> None:
        try:
            # Told to the window, not to this dialog, which is gone by the time the PSW undoes it from the Edit menu.
            make_undoable(self.undo_stack, self.hc, change, self.parentWidget() or self, self.after_change)
        except SwhcError as problem:
            show_problem(self, problem)
        self.show_kept()
        self.remember_as_untouched()  # saved, or removed: the form is as the file keeps it

    def _stack_changed(self, _index: int) -> None:
        if self.isVisible():  # a dialog never shown or already hidden does not read the file (it may be closed)
            self.show_kept()
            self.remember_as_untouched()

    def done(self, result: int) -> None:
        self.undo_stack.indexChanged.disconnect(self._stack_changed)  # closed: later undos are the window's alone
        super().done(result)
