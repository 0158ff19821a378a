"""Managing a cycle once it is made: the Edit cycle dialog (name, staff invited, survey window) and the question asked
before a cycle is deleted."""

from __future__ import annotations

import html
from dataclasses import replace

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QWidget

from ..domain.cycle_order import comparisons_changed
from ..domain.errors import InvalidInput
from ..domain.labels import RESTORE_FROM_BACKUP, UNDO
from ..domain.plurals import counted
from ..domain.records import Cycle, CycleDetails
from ..domain.rules import check_cycle_values, check_staff_invited_covers_responses
from ..questionnaires.cycle_changes import WhatDeletingRemoves
from .common.forms import load_form
from .common.messages import ask
from .common.unsaved import AsksBeforeDiscarding


class EditCycleDialog(AsksBeforeDiscarding, QDialog):
    """Change a cycle's name, staff invited and survey window. What the file would refuse is said here, in the words
    the file uses, before anything is saved."""

    def __init__(self, cycle: Cycle, other_cycles: list[Cycle], parent: QWidget | None = None):
        super().__init__(parent)
        load_form("edit_cycle_dialog", self)
        self.cycle = cycle
        self.cycles = other_cycles
        self.taken = {c.name.casefold(): c.name for c in other_cycles if c.id != cycle.id}
        self.setWindowTitle(f"Edit cycle {cycle.name}")
        self.buttonBox.accepted.connect(self.accept)
        self.buttonBox.rejected.connect(self.reject)
        self.buttonBox.button(QDialogButtonBox.StandardButton.Ok).setText("Save")
        self.nameEdit.setText(cycle.name)
        self.invitedSpin.setValue(cycle.staff_invited or 0)
        self.opensEdit.what, self.closesEdit.what = "opening date", "closing date"
        self.windowGroup.setChecked(cycle.opens_on is not None or cycle.closes_on is not None)
        self.opensEdit.setDate(cycle.opens_on)
        self.closesEdit.setDate(cycle.closes_on)
        responses = cycle.response_count
        self.responsesLabel.setText(
            f"{counted(responses, 'response')} imported so far, so at least {responses:,} staff were invited."
            if responses
            else "No responses imported yet."
        )
        self.orderLabel.hide()
        for changed in (self.nameEdit.textChanged, self.opensEdit.dateChanged, self.closesEdit.dateChanged):
            changed.connect(self._say_what_is_compared)
        for typed in (self.nameEdit, self.opensEdit, self.closesEdit):
            typed.textChanged.connect(self.problemLabel.clear)  # a refusal of what is no longer there misleads
        self.windowGroup.toggled.connect(self._say_what_is_compared)
        self.nameEdit.selectAll()
        self.remember_as_untouched()

    def comparisons_changed(self) -> list[str]:
        """What the dates typed would change about which cycle each is compared with (changes since last year)."""
        if not any(c.id == self.cycle.id for c in self.cycles):
            return []
        details = self.details()
        edited = replace(
            self.cycle, name=details.name or self.cycle.name, opens_on=details.opens_on, closes_on=details.closes_on
        )
        after = [edited if c.id == self.cycle.id else c for c in self.cycles]
        return comparisons_changed(self.cycles, after)

    def _say_what_is_compared(self, *_: object) -> None:
        """Cycles are compared in the order their surveys ran, so new dates can change what a cycle's 'change since
        last year' is measured against: say so while the dates are typed, before anything is saved."""
        changes = self.comparisons_changed()
        self.orderLabel.setVisible(bool(changes))
        self.orderLabel.setText(
            "<b>These dates change the order of the surveys.</b> Changes since last year: "
            + html.escape("; ".join(changes), quote=False)
            + "."
            if changes
            else ""
        )

    def details(self) -> CycleDetails:
        window = self.windowGroup.isChecked()
        return CycleDetails(
            name=self.nameEdit.text().strip(),
            opens_on=self.opensEdit.date() if window else None,
            closes_on=self.closesEdit.date() if window else None,
            staff_invited=self.invitedSpin.value() or None,
        )

    def accept(self) -> None:
        if self.windowGroup.isChecked():
            for field in (self.opensEdit, self.closesEdit):
                if field.problem():
                    self._refuse(str(field.problem()), field)
                    return
        details = self.details()
        try:
            check_cycle_values(details.name, details.opens_on, details.closes_on, details.staff_invited)
            check_staff_invited_covers_responses(details.staff_invited, self.cycle.response_count)
        except InvalidInput as problem:
            self._refuse(str(problem), self._field_for(problem))
            return
        if details.name.casefold() in self.taken:
            self._refuse(
                f"There is already a cycle called '{self.taken[details.name.casefold()]}'. Choose another name.",
                self.nameEdit,
            )
            return
        super().accept()

    def _field_for(self, problem: InvalidInput) -> QWidget:
        if "staff invited" in problem.message:
            return self.invitedSpin
        if "closes before it opens" in problem.message:
            return self.closesEdit
        return self.nameEdit

    def _refuse(self, message: str, field: QWidget) -> None:
        self.problemLabel.setText(f'<span style="color:#a4262c">{html.escape(message, quote=False)}</span>')
        field.setFocus()


def confirm_deleting(parent: QWidget, cycle: Cycle, removes: WhatDeletingRemoves) -> bool:
    """Ask before a cycle is deleted, saying what goes with it and how to get it back."""
    with_it = removes.lines()
    listed = ("It takes with it " + ", ".join(with_it) + ". ") if with_it else ""
    return ask(
        parent,
        "Delete the cycle?",
        f"Delete the cycle {cycle.name}?",
        f"{listed}A backup of the file is taken first. {UNDO} (Ctrl+Z) puts the cycle back; after the file is "
        f"closed, {RESTORE_FROM_BACKUP} does.",
        yes="Delete cycle",
    )
