"""The Action plan's dialogs: adding or editing an action, and writing a progress update."""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QListWidgetItem, QWidget

from ...domain.errors import InvalidInput
from ...domain.records import Action, ActionDraft, ActionStatus, ActionUpdate, Finding, Rag
from ...domain.rules import check_action
from ...domain.standards import edition
from ..common.date_field import DateField
from ..common.forms import load_form
from ..common.long_text import ShortWrappingDelegate, whole_text_tooltip
from ..common.unsaved import AsksBeforeDiscarding
from .model import ACTION_ROLE

NO_STANDARD = "Choose the Standard this action answers…"


class ActionDialog(AsksBeforeDiscarding, QDialog):
    """New action or Edit: every field of an action, checked before it is saved."""

    def __init__(
        self,
        draft: ActionDraft | None,
        findings: list[Finding],
        questions: list[tuple[str, str]],
        owners: list[str],
        parent: QWidget | None = None,
        today: dt.date | None = None,
        describe_finding: Callable[[Finding], str] | None = None,
        standards_edition: str | None = None,
        question_standards: dict[str, int] | None = None,
    ):
        """`standards_edition`: the edition of the cycle whose plan it is, whose titles name the Standards.
        `question_standards`: the Standard of each question (by code), so that a new action takes the Standard of the
        finding or question it is first linked to; until then it has none, and saving asks for one."""
        super().__init__(parent)
        load_form("action_dialog", self)
        today = today or dt.date.today()
        self.completed_on: dt.date | None = None  # kept through an edit; the store sets it when first completed
        self.setWindowTitle("Edit action" if draft else "New action")
        self.buttonBox.accepted.connect(self.accept)
        self.buttonBox.rejected.connect(self.reject)
        self.question_standards = question_standards or {}
        self.findings_by_id = {f.id: f for f in findings}
        self.standardCombo.addItem(NO_STANDARD, None)
        for number, standard in edition(standards_edition).standards.items():
            self.standardCombo.addItem(f"{number}. {standard.title}", number)
        self.ownerCombo.addItems(owners)
        for status in ActionStatus:
            self.statusCombo.addItem(status.label, status)
        self.ragCombo.addItem("Not set", None)
        for rag in Rag:
            self.ragCombo.addItem(rag.value.capitalize(), rag)
        describe_finding = describe_finding or (lambda f: f"{f.kind.label}: {f.text}")
        # A long finding takes a few lines of the list; the whole of it is in its tooltip.
        self.findingList.setItemDelegate(ShortWrappingDelegate(self.findingList))
        self.findingList.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for finding in findings:
            item = QListWidgetItem(describe_finding(finding), self.findingList)
            item.setToolTip(whole_text_tooltip(item.text()))
            item.setData(ACTION_ROLE, finding.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
        # A long question wraps within the list, never scrolling it sideways; the whole of it is in its tooltip, and
        # the item's text (which a screen reader reads) is always the whole question.
        self.questionList.setItemDelegate(ShortWrappingDelegate(self.questionList))
        self.questionList.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for code, label in questions:
            item = QListWidgetItem(label, self.questionList)
            item.setToolTip(whole_text_tooltip(label))
            item.setData(ACTION_ROLE, code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
        self.findingList.itemChanged.connect(self._link_ticked)
        self.questionList.itemChanged.connect(self._link_ticked)
        self.dueCheck.toggled.connect(self.dueEdit.setEnabled)
        self.statusCombo.currentIndexChanged.connect(self._status_changed)
        self.dueEdit.what = "due date"
        self.dueEdit.setDate(today + dt.timedelta(days=90))
        self.dueEdit.setEnabled(False)
        self.ownerCombo.setCurrentText("")
        if draft is not None:
            self._fill(draft)
        self._status_changed()
        self.remember_as_untouched()

    def _fill(self, draft: ActionDraft) -> None:
        self.titleEdit.setText(draft.title)
        self.descriptionEdit.setPlainText(draft.description)
        self.standardCombo.setCurrentIndex(self.standardCombo.findData(draft.standard))
        self.ownerCombo.setCurrentText(draft.owner)
        if draft.due_on:
            self.dueCheck.setChecked(True)
            self.dueEdit.setDate(draft.due_on)
        self.statusCombo.setCurrentIndex(self.statusCombo.findData(draft.status))
        self.droppedEdit.setText(draft.dropped_reason)
        self.ragCombo.setCurrentIndex(max(0, self.ragCombo.findData(draft.rag)) if draft.rag else 0)
        self.completed_on = draft.completed_on
        for list_widget, chosen in ((self.findingList, draft.finding_ids), (self.questionList, draft.question_codes)):
            for row in range(list_widget.count()):
                item = list_widget.item(row)
                if item.data(ACTION_ROLE) in chosen:
                    item.setCheckState(Qt.CheckState.Checked)

    def _link_ticked(self, item: QListWidgetItem) -> None:
        """A new action with no Standard yet takes the Standard of the first finding or question ticked that has one."""
        if self.standardCombo.currentData() is not None or item.checkState() != Qt.CheckState.Checked:
            return
        code_or_id = item.data(ACTION_ROLE)
        finding = self.findings_by_id.get(code_or_id) if item.listWidget() is self.findingList else None
        codes = finding.question_codes if finding is not None else (code_or_id,)
        standards = {self.question_standards[c] for c in codes if self.question_standards.get(c)}
        if len(standards) == 1:
            self.standardCombo.setCurrentIndex(self.standardCombo.findData(standards.pop()))

    def _status(self) -> ActionStatus:
        return ActionStatus(self.statusCombo.currentData())  # Qt hands a StrEnum back as a plain string

    def _status_changed(self) -> None:
        self.droppedEdit.setVisible(self._status() is ActionStatus.DROPPED)
        # The plan shows a complete action green whatever is set here: the dialog says so rather than 'Not set'.
        complete = self._status() is ActionStatus.COMPLETE
        self.ragCombo.setItemText(0, "Not set (the plan shows it green: it is complete)" if complete else "Not set")

    @staticmethod
    def _checked(list_widget) -> tuple:
        return tuple(
            list_widget.item(row).data(ACTION_ROLE)
            for row in range(list_widget.count())
            if list_widget.item(row).checkState() == Qt.CheckState.Checked
        )

    def draft(self) -> ActionDraft:
        return ActionDraft(
            standard=self.standardCombo.currentData(),
            title=self.titleEdit.text().strip(),
            description=self.descriptionEdit.toPlainText().strip(),
            owner=self.ownerCombo.currentText().strip(),
            due_on=self.dueEdit.date() if self.dueCheck.isChecked() else None,
            status=self._status(),
            dropped_reason=self.droppedEdit.text().strip(),
            rag=Rag(self.ragCombo.currentData()) if self.ragCombo.currentData() else None,
            completed_on=self.completed_on,
            finding_ids=self._checked(self.findingList),
            question_codes=self._checked(self.questionList),
        )

    def accept(self) -> None:
        try:
            if self.dueCheck.isChecked():
                _require_date(self.dueEdit, "Type the date it is due by, or untick Due by.")
            if self.standardCombo.currentData() is None:
                self.standardCombo.setFocus()
                raise InvalidInput(
                    "Choose the Standard for Employers this action answers.",
                    "Choose it in the Standard box: the plan lists the action under it.",
                )
            check_action(self.draft())
        except InvalidInput as problem:
            self.problemLabel.setText(f'<span style="color:#a4262c">{html.escape(str(problem))}</span>')
            return
        super().accept()


class ProgressUpdateDialog(AsksBeforeDiscarding, QDialog):
    """A new progress update, or (given `update`) one already written, put right."""

    def __init__(
        self,
        action: Action,
        parent: QWidget | None = None,
        today: dt.date | None = None,
        update: ActionUpdate | None = None,
    ):
        super().__init__(parent)
        load_form("progress_update_dialog", self)
        self.buttonBox.accepted.connect(self.accept)
        self.buttonBox.rejected.connect(self.reject)
        self.actionLabel.setText(f"<b>{html.escape(action.title)}</b>")
        self.dateEdit.what = "date of the update"
        self.dateEdit.setDate(today or dt.date.today())
        if update is not None:
            self.setWindowTitle("Edit progress update")
            self.dateEdit.setDate(update.written_on)
            self.textEdit.setPlainText(update.text)
        self.remember_as_untouched()

    def written_on(self) -> dt.date:
        return self.dateEdit.date() or dt.date.today()

    def text(self) -> str:
        return self.textEdit.toPlainText().strip()

    def accept(self) -> None:
        try:
            _require_date(self.dateEdit, "Type the date of the update.")
        except InvalidInput as problem:
            self.problemLabel.setText(f'<span style="color:#a4262c">{html.escape(str(problem))}</span>')
            return
        if not self.text():
            self.problemLabel.setText('<span style="color:#a4262c">Say what has happened since the last update.</span>')
            return
        super().accept()


def _require_date(field: DateField, when_empty: str) -> None:
    """Refuse a date box that is empty or cannot be read, with the reason, and put the cursor in it."""
    problem = field.problem_when_required(when_empty)
    if problem:
        field.setFocus()
        field.selectAll()
        raise InvalidInput(problem)


# --------------------------------------------------------------------------- undoable changes
