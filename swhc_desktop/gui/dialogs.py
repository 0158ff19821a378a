"""The dialogs for a new health-check file and a new cycle."""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFileDialog, QLabel, QWidget

from ..domain.cycle_order import comparisons_changed
from ..domain.errors import InvalidInput
from ..domain.labels import BROWSE_BUTTON
from ..domain.plurals import counted
from ..domain.records import Cycle
from ..domain.rules import check_cycle_values
from ..questionnaires.templates import TemplateInfo
from ..storage import FILE_EXTENSION
from .common.forms import load_form
from .common.output_files import ask_where_to_save
from .common.unsaved import AsksBeforeDiscarding

FILE_FILTER = f"Health-check files (*{FILE_EXTENSION})"


def _show_problem(label, message: str) -> None:
    label.setText(f'<span style="color:#a4262c">{html.escape(message, quote=False)}</span>' if message else "")


@dataclass(frozen=True)
class NewFileChoice:
    organisation: str
    service: str
    path: Path


class NewFileDialog(AsksBeforeDiscarding, QDialog):
    def __init__(self, suggested_folder: Path, parent: QWidget | None = None):
        super().__init__(parent)
        load_form("new_file_dialog", self)
        self.suggested_folder = suggested_folder
        self.buttonBox.accepted.connect(self.accept)
        self.buttonBox.rejected.connect(self.reject)
        self.buttonBox.button(QDialogButtonBox.StandardButton.Ok).setText("Create")
        self.browseButton.clicked.connect(self._browse)
        self.organisationEdit.textChanged.connect(self._suggest_file_name)
        self._file_edited_by_hand = False
        self.fileEdit.textEdited.connect(lambda _: setattr(self, "_file_edited_by_hand", True))
        self._suggest_file_name("")
        self.remember_as_untouched()

    def _suggest_file_name(self, organisation: str) -> None:
        if self._file_edited_by_hand:
            return
        name = organisation.strip() or "Health check"
        self.fileEdit.setText(str(self.suggested_folder / f"{name}{FILE_EXTENSION}"))

    def _browse(self) -> None:
        chosen = ask_where_to_save(self, "Save the new health check as", Path(self.fileEdit.text()), [FILE_FILTER])
        if chosen is not None:
            path = str(chosen[0])
            if not path.lower().endswith(FILE_EXTENSION):
                path += FILE_EXTENSION
            self.fileEdit.setText(path)
            self._file_edited_by_hand = True

    def choice(self) -> NewFileChoice:
        path = Path(self.fileEdit.text().strip())
        if path.suffix.lower() != FILE_EXTENSION:
            path = path.with_name(path.name + FILE_EXTENSION)
        return NewFileChoice(self.organisationEdit.text().strip(), self.serviceEdit.text().strip(), path)

    def accept(self) -> None:
        choice = self.choice()
        if not choice.organisation:
            _show_problem(self.problemLabel, "Type the organisation's name.")
            self.organisationEdit.setFocus()
            return
        if not self.fileEdit.text().strip() or not choice.path.parent.is_dir():
            _show_problem(self.problemLabel, "Choose a folder that exists for the new file.")
            self.fileEdit.setFocus()
            return
        super().accept()


@dataclass(frozen=True)
class NewCycleChoice:
    name: str
    template_id: str | None
    copy_from: str | None
    opens_on: dt.date | None
    closes_on: dt.date | None
    staff_invited: int | None
    export: Path | None = None  # a survey run outside the app: its questionnaire built from this export


class NewCycleDialog(AsksBeforeDiscarding, QDialog):
    """Name the cycle and choose where its questionnaire comes from: an earlier cycle (the usual case), a template, or
    an export of a survey run outside the app."""

    def __init__(
        self,
        cycles: list[Cycle],
        templates: list[TemplateInfo],
        parent: QWidget | None = None,
        today: dt.date | None = None,
    ):
        super().__init__(parent)
        load_form("new_cycle_dialog", self)
        self.taken_names = {c.name.casefold() for c in cycles}
        today = today or dt.date.today()
        self.buttonBox.accepted.connect(self.accept)
        self.buttonBox.rejected.connect(self.reject)
        self.buttonBox.button(QDialogButtonBox.StandardButton.Ok).setText("Start cycle")
        for cycle in reversed(cycles):
            self.copyCombo.addItem(f"{cycle.name} ({counted(cycle.question_count, 'question')})", cycle.name)
        for template in templates:
            self.templateCombo.addItem(template.title, template.id)
            self.templateCombo.setItemData(
                self.templateCombo.count() - 1, template.description, Qt.ItemDataRole.ToolTipRole
            )
        self.copyRadio.toggled.connect(self.copyCombo.setEnabled)
        self.templateRadio.toggled.connect(self.templateCombo.setEnabled)
        # Left enabled, unlike the lists above: typing a path or browsing for one chooses building from an export.
        self.exportBrowseButton.clicked.connect(self._browse_export)
        self.exportEdit.textEdited.connect(lambda _: self.exportRadio.setChecked(True))
        if cycles:
            self.copyRadio.setChecked(True)
            self.templateCombo.setEnabled(False)
        else:
            self.copyRadio.setEnabled(False)
            self.copyCombo.setEnabled(False)
            self.templateRadio.setChecked(True)
        staff_survey = self.templateCombo.findData("staff-survey")
        if staff_survey >= 0:
            self.templateCombo.setCurrentIndex(staff_survey)
        self.nameEdit.setText(self._suggest_name(cycles, today))
        self.opensEdit.what, self.closesEdit.what = "opening date", "closing date"
        self.opensEdit.setDate(today)
        self.closesEdit.setDate(today + dt.timedelta(days=42))
        self.cycles, self.today = cycles, today
        self.orderLabel = QLabel("", self)
        self.orderLabel.setObjectName("orderLabel")
        self.orderLabel.setWordWrap(True)
        self.orderLabel.hide()
        self.layout().insertWidget(self.layout().indexOf(self.problemLabel), self.orderLabel)
        for changed in (self.nameEdit.textChanged, self.opensEdit.dateChanged, self.closesEdit.dateChanged):
            changed.connect(self._say_what_is_compared)
        self.windowGroup.toggled.connect(self._say_what_is_compared)
        self.remember_as_untouched()

    def _say_what_is_compared(self, *_: object) -> None:
        """A survey dated before an earlier cycle's changes what that cycle is compared with: say so before it is
        started (cycles run in the order of their surveys, domain/cycle_order.py)."""
        choice = self.choice()
        new = Cycle(
            max((c.id for c in self.cycles), default=0) + 1,
            choice.name or "the new cycle",
            "",
            choice.opens_on,
            choice.closes_on,
            None,
            "",
            created_on=self.today,
        )
        changes = comparisons_changed(self.cycles, [*self.cycles, new])
        self.orderLabel.setVisible(bool(changes))
        self.orderLabel.setText(
            f"These dates put this survey before a later one. Changes since last year: {'; '.join(changes)}."
            if changes
            else ""
        )

    @staticmethod
    def _suggest_name(cycles: list[Cycle], today: dt.date) -> str:
        taken = {c.name.casefold() for c in cycles}
        for year in range(today.year, today.year + 10):
            if str(year) not in taken:
                return str(year)
        return ""

    def _browse_export(self) -> None:
        from .responses.import_wizard import EXPORT_FILTER

        typed = Path(self.exportEdit.text().strip()) if self.exportEdit.text().strip() else None
        start = str(typed.parent if typed is not None else Path.home())
        path, _ = QFileDialog.getOpenFileName(self, "Choose the export of responses", start, EXPORT_FILTER)
        if path:
            self.exportEdit.setText(path)
            self.exportRadio.setChecked(True)

    def choice(self) -> NewCycleChoice:
        window = self.windowGroup.isChecked()
        invited = self.invitedSpin.value() or None
        export = self.exportEdit.text().strip()
        return NewCycleChoice(
            name=self.nameEdit.text().strip(),
            template_id=self.templateCombo.currentData() if self.templateRadio.isChecked() else None,
            copy_from=self.copyCombo.currentData() if self.copyRadio.isChecked() else None,
            opens_on=self.opensEdit.date() if window else None,
            closes_on=self.closesEdit.date() if window else None,
            staff_invited=invited,
            export=Path(export) if self.exportRadio.isChecked() and export else None,
        )

    def accept(self) -> None:
        choice = self.choice()
        if self.exportRadio.isChecked() and (choice.export is None or not choice.export.is_file()):
            _show_problem(
                self.problemLabel,
                f"Choose the export of responses to build the questionnaire from ({BROWSE_BUTTON})."
                if choice.export is None
                else f"There is no file at {choice.export}. Check the name and folder, or choose it with "
                f"{BROWSE_BUTTON}",
            )
            self.exportEdit.setFocus()
            return
        if self.windowGroup.isChecked():
            for field in (self.opensEdit, self.closesEdit):
                problem = field.problem_when_required(f"Type the {field.what}, or untick the window.")
                if problem:
                    _show_problem(self.problemLabel, problem)
                    field.setFocus()
                    return
        try:
            check_cycle_values(choice.name, choice.opens_on, choice.closes_on, choice.staff_invited)
        except InvalidInput as problem:
            _show_problem(self.problemLabel, str(problem))
            return
        if choice.name.casefold() in self.taken_names:
            _show_problem(self.problemLabel, f"There is already a cycle called '{choice.name}'. Choose another name.")
            self.nameEdit.setFocus()
            return
        super().accept()
