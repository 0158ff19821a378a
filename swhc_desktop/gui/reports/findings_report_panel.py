"""The findings report for members, on the Reports page: a preview of its sections to tick, how the results are
arranged, the purpose and background in the PSW's words, the comments to quote, and making the report (a PDF, or an
accessible Word document or web page) in the background with progress and Cancel. Every choice is saved in the file
as it is made and undone with Ctrl+Z."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QListWidgetItem, QWidget

from ...domain.errors import SwhcError
from ...domain.labels import RESPONSES_PAGE
from ...domain.records import BY_SECTION, BY_STANDARD, Cycle, ReportChoices
from ...outputs.content.findings_report import (
    COMMENTS,
    default_background,
    default_purpose,
    report_outline,
    reportable_comments,
)
from ...screens.report_changes import ChangeReportChoices
from ...storage import HealthCheckFile
from ..common.answer_fields import CommittingTextEdit
from ..common.forms import load_form
from ..common.messages import show_problem
from ..common.output_files import OutputFiles
from ..common.undo import make_undoable
from ..findings.comment_chooser import CommentChooserDialog

KEY_ROLE = Qt.ItemDataRole.UserRole + 1
REPORT_FORMATS = (
    ("PDF, to print", "pdf"),
    ("Word document (accessible, to edit)", "docx"),
    ("Web page (accessible, to publish)", "html"),
)


class FindingsReportPanel(QWidget):
    def __init__(self, undo_stack: QUndoStack, output_files: OutputFiles, parent: QWidget | None = None):
        super().__init__(parent)
        load_form("findings_report_panel", self)
        self.undo_stack = undo_stack
        self.output_files = output_files
        self.hc: HealthCheckFile | None = None
        self.cycle: Cycle | None = None
        self.choices = ReportChoices()
        font = self.reportHeading.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        font.setBold(True)
        self.reportHeading.setFont(font)
        self.purposeEdit: CommittingTextEdit = self._committing(self.purposeEdit, "purpose")
        self.backgroundEdit: CommittingTextEdit = self._committing(self.backgroundEdit, "background")
        self.purposeLabel.setBuddy(self.purposeEdit)
        self.backgroundLabel.setBuddy(self.backgroundEdit)
        self.byStandardRadio.toggled.connect(lambda on: self._arrange(BY_STANDARD, on))
        self.bySectionRadio.toggled.connect(lambda on: self._arrange(BY_SECTION, on))
        self.sectionsList.itemChanged.connect(self._section_ticked)
        self.purposeDefaultButton.clicked.connect(
            lambda: self._change(replace(self.choices, purpose=None), "use the standard wording of the purpose")
        )
        self.backgroundDefaultButton.clicked.connect(
            lambda: self._change(replace(self.choices, background=None), "use the standard wording of the background")
        )
        self.chooseCommentsButton.clicked.connect(self.choose_comments)
        for label, format_name in REPORT_FORMATS:
            self.reportFormatCombo.addItem(label, format_name)
        self.makeReportButton.clicked.connect(self.make_report)

    def _committing(self, designed, which: str) -> CommittingTextEdit:
        """The form's text box, replaced by one that saves when the user leaves it."""
        edit = CommittingTextEdit(designed.parentWidget())
        edit.setObjectName(designed.objectName())
        edit.setAccessibleName(designed.accessibleName())
        designed.parentWidget().layout().replaceWidget(designed, edit)
        designed.deleteLater()
        edit.committed.connect(lambda: self._text_changed(which))
        return edit

    # ------------------------------------------------------------------ showing a cycle

    def show_cycle(self, hc: HealthCheckFile | None, cycle: Cycle | None) -> None:
        self.hc, self.cycle = hc, cycle
        self.refresh()

    def refresh(self) -> None:
        hc, cycle = self.hc, self.cycle
        ready = hc is not None and cycle is not None
        editable = ready and not hc.read_only
        for widget in (
            self.arrangementBox,
            self.sectionsList,
            self.purposeEdit,
            self.backgroundEdit,
            self.purposeDefaultButton,
            self.backgroundDefaultButton,
            self.chooseCommentsButton,
        ):
            widget.setEnabled(editable)
        self.makeReportButton.setEnabled(ready and cycle.response_count > 0)
        self.makeReportButton.setToolTip(
            f"Import the responses first ({RESPONSES_PAGE} page): the report is made from them."
            if ready and not cycle.response_count
            else "Save the report, in the form chosen beside it, with the sections ticked below"
        )
        self.reportFormatCombo.setEnabled(self.makeReportButton.isEnabled())
        if not ready:
            self.reportHeading.setText("Findings report for members")
            self.sectionsList.clear()
            self.commentsLabel.setText("")
            self.purposeEdit.show_text("")
            self.backgroundEdit.show_text("")
            return
        try:
            self.choices = hc.report_choices.get(cycle.id)
            outline = report_outline(hc, cycle, self.choices)
        except SwhcError as problem:
            show_problem(self, problem)
            return
        self.reportHeading.setText(
            f"Findings report for members, {cycle.name}"
            + (" (read-only file)" if hc.read_only else "")
            + ("" if cycle.response_count else f": import the responses first, on the {RESPONSES_PAGE} page")
        )
        for radio, arrangement in ((self.byStandardRadio, BY_STANDARD), (self.bySectionRadio, BY_SECTION)):
            radio.blockSignals(True)
            radio.setChecked(self.choices.arrangement == arrangement)
            radio.blockSignals(False)
        self.sectionsList.blockSignals(True)
        self.sectionsList.clear()
        for item in outline:
            row = QListWidgetItem(f"{item.title}: {item.detail}", self.sectionsList)
            row.setData(KEY_ROLE, item.key)
            if item.optional:
                row.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsSelectable)
                row.setCheckState(
                    Qt.CheckState.Unchecked if item.key in self.choices.left_out else Qt.CheckState.Checked
                )
            else:
                row.setFlags(Qt.ItemFlag.ItemIsEnabled)
        self.sectionsList.blockSignals(False)
        organisation = hc.organisation.get()
        self.purposeEdit.show_text(self.choices.purpose or default_purpose(organisation, cycle))
        self.backgroundEdit.show_text(self.choices.background or default_background(organisation, cycle))
        self.purposeDefaultButton.setEnabled(editable and self.choices.purpose is not None)
        self.backgroundDefaultButton.setEnabled(editable and self.choices.background is not None)
        self.commentsLabel.setText(
            next(i.detail for i in outline if i.key == COMMENTS).capitalize() + "."
            if self.choices.comments
            else "No comments are quoted unless you choose them."
        )

    # ------------------------------------------------------------------ changing

    def _change(self, after: ReportChoices, text: str) -> None:
        hc, cycle = self.hc, self.cycle
        if hc is None or cycle is None or hc.read_only or after == self.choices:
            return
        try:
            make_undoable(
                self.undo_stack,
                hc,
                ChangeReportChoices(cycle.id, after, text),
                self,
                lambda _: self._show_file(hc, cycle.id),
            )
        except SwhcError as problem:
            show_problem(self, problem)
        self.refresh()

    def _show_file(self, hc: HealthCheckFile, cycle_id: int) -> None:
        """After an undo or redo: show the choices as the file now holds them, if it is this cycle's."""
        if hc is self.hc and self.cycle is not None and self.cycle.id == cycle_id:
            self.refresh()

    def _arrange(self, arrangement: str, chosen: bool) -> None:
        if chosen:  # the other button's toggling off is the same choice
            self._change(replace(self.choices, arrangement=arrangement), "arrange the report's results")

    def _section_ticked(self, row: QListWidgetItem) -> None:
        key = row.data(KEY_ROLE)
        left_out = set(self.choices.left_out)
        if row.checkState() == Qt.CheckState.Checked:
            left_out.discard(key)
        else:
            left_out.add(key)
        self._change(replace(self.choices, left_out=frozenset(left_out)), "choose the report's sections")

    def _text_changed(self, which: str) -> None:
        hc, cycle = self.hc, self.cycle
        if hc is None or cycle is None:
            return
        organisation = hc.organisation.get()
        edit, standard = (
            (self.purposeEdit, default_purpose(organisation, cycle))
            if which == "purpose"
            else (self.backgroundEdit, default_background(organisation, cycle))
        )
        typed = edit.toPlainText().strip()
        value = None if not typed or typed == standard.strip() else typed
        changed = (
            replace(self.choices, purpose=value) if which == "purpose" else replace(self.choices, background=value)
        )
        self._change(changed, f"change the report's {which}")

    def commit_pending(self) -> None:
        self.purposeEdit.commit_pending()
        self.backgroundEdit.commit_pending()

    def choose_comments(self) -> None:
        hc, cycle = self.hc, self.cycle
        if hc is None or cycle is None:
            return
        from ...analysis.comments import cycle_comments

        eligible = reportable_comments(hc, cycle)
        total = len(cycle_comments(hc, cycle.id))
        dialog = CommentChooserDialog(
            eligible, set(self.choices.comments), total, hc.organisation.get().minimum_comment_group_size, self
        )
        if dialog.exec() != CommentChooserDialog.DialogCode.Accepted:
            return
        self._change(replace(self.choices, comments=dialog.chosen()), "choose the comments to quote")

    # ------------------------------------------------------------------ the document

    def make_report(self) -> None:
        """Save the report in the form chosen beside the button: PDF, Word or web page, all from the same content."""
        if self.hc is None or self.cycle is None:
            return
        self.commit_pending()
        self.output_files.make_report(
            self.hc, self.cycle, "findings", format_name=self.reportFormatCombo.currentData() or "pdf"
        )
