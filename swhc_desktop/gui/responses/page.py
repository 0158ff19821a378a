"""The Responses page: a cycle's batches of responses (source, date, count), importing, keying in paper returns,
removing a batch."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QSizePolicy,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...analysis.frequencies import whole_percent
from ...domain.errors import SaveFailed, SwhcError
from ...domain.labels import (
    IMPORT_BUTTON,
    NEW_CYCLE_BUTTON,
    PAPER_RETURNS_BUTTON,
    QUESTIONNAIRE_PAGE,
    RESTORE_FROM_BACKUP,
    UNDO,
)
from ...domain.plurals import agrees, counted
from ...domain.records import BatchKind, Cycle, ImportBatch
from ...domain.ukdates import format_uk_date
from ...importing.batch_changes import RemoveBatch
from ...importing.layouts import LAYOUT_LABELS, Layout
from ...storage import HealthCheckFile, delete_backups
from ..common.empty_note import keep_readable, no_cycle_yet
from ..common.forms import load_form
from ..common.messages import ask, show_problem
from ..common.tasks import TaskRunner
from ..common.undo import ChangeCommand, make_undoable
from .import_wizard import ImportWizard
from .paper_entry import PaperEntryDialog

COLUMNS = ("Source", "How", "Imported on", "By", "Responses", "Rows left out", "Identifying details")


def batch_cells(batch: ImportBatch) -> tuple[str, ...]:
    if batch.kind is BatchKind.PAPER:
        how = "Keyed in from paper"
    elif batch.kind is BatchKind.DEMO:
        how = "Demo"
    else:
        how = (
            LAYOUT_LABELS[Layout(batch.layout)] if batch.layout in {str(layout) for layout in Layout} else batch.layout
        )
    skipped = "" if batch.rows_skipped is None else f"{batch.rows_skipped:,}"
    identifying = f"Kept: {batch.identifying_kept_reason}" if batch.identifying_kept_reason else "Not stored"
    return (
        batch.source_name,
        how,
        format_uk_date(batch.imported_at),
        batch.imported_by,
        f"{batch.response_count:,}",
        skipped,
        identifying,
    )


class ResponsesPage(QWidget):
    contents_changed = Signal()

    def __init__(self, undo_stack: QUndoStack, tasks: TaskRunner, parent: QWidget | None = None):
        super().__init__(parent)
        load_form("responses_page", self)
        self.undo_stack = undo_stack
        self.tasks = tasks
        self.hc: HealthCheckFile | None = None
        self.cycle: Cycle | None = None
        self.batches: list[ImportBatch] = []
        self.last_folder: Path | None = None
        self.batchTable.setColumnCount(len(COLUMNS))
        self.batchTable.setHorizontalHeaderLabels(list(COLUMNS))
        self.batchTable.verticalHeader().setVisible(False)
        header = self.batchTable.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, len(COLUMNS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.importButton.clicked.connect(lambda: self.start_import())
        self.paperButton.clicked.connect(self.key_in_paper)
        self.removeButton.clicked.connect(self.remove_batch)
        self.batchTable.itemSelectionChanged.connect(self._selection_changed)
        self.summaryLabel.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self._set_up_empty_panel()

    def _set_up_empty_panel(self) -> None:
        """With no responses yet, the note says how to bring them in, with the two buttons that do it right under
        it, so the way forward is where the PSW is reading (the same as the buttons above the table)."""
        self.emptyPanel = QWidget(self)
        panel = QVBoxLayout(self.emptyPanel)
        panel.setContentsMargins(0, 0, 0, 0)
        index = self.pageLayout.indexOf(self.emptyLabel)
        self.pageLayout.removeWidget(self.emptyLabel)
        panel.addWidget(self.emptyLabel)
        self.emptyImportButton = QPushButton(IMPORT_BUTTON, self.emptyPanel)
        self.emptyImportButton.setToolTip(self.importButton.toolTip())
        self.emptyImportButton.clicked.connect(lambda: self.start_import())
        self.emptyPaperButton = QPushButton(PAPER_RETURNS_BUTTON, self.emptyPanel)
        self.emptyPaperButton.setToolTip(self.paperButton.toolTip())
        self.emptyPaperButton.clicked.connect(self.key_in_paper)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.emptyImportButton)
        buttons.addWidget(self.emptyPaperButton)
        buttons.addStretch(1)
        panel.addLayout(buttons)
        panel.addStretch(1)
        keep_readable(panel, self.emptyLabel)
        self.pageLayout.insertWidget(index, self.emptyPanel, 1)

    def show_cycle(self, hc: HealthCheckFile | None, cycle: Cycle | None) -> None:
        self.hc, self.cycle = hc, cycle
        writable = hc is not None and cycle is not None and not hc.read_only
        for button in (self.importButton, self.paperButton, self.emptyImportButton, self.emptyPaperButton):
            button.setEnabled(writable and cycle.question_count > 0)
        self.batches = hc.responses.batches(cycle.id) if hc and cycle else []
        self.summaryLabel.setText(self._summary())
        table = self.batchTable
        table.setRowCount(len(self.batches))
        for row, batch in enumerate(self.batches):
            for column, text in enumerate(batch_cells(batch)):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                table.setItem(row, column, item)
        table.setVisible(bool(self.batches))
        self.emptyLabel.setText(self._empty_note())
        self.emptyPanel.setVisible(not self.batches and hc is not None)
        can_bring_in = cycle is not None and cycle.question_count > 0
        self.emptyImportButton.setVisible(can_bring_in)
        self.emptyPaperButton.setVisible(can_bring_in)
        self._selection_changed()

    def _empty_note(self) -> str:
        """What to do when the cycle has no batches: start a cycle, design its questions, or bring responses in."""
        cycle = self.cycle
        if cycle is None:
            return no_cycle_yet("import its responses here, from your survey tool's export or from paper returns.")
        if not cycle.question_count:
            return (
                f"{cycle.name} has no questions yet, so there is nothing to import answers to. Design its "
                f"questionnaire on the {QUESTIONNAIRE_PAGE} page first, or start a cycle from your survey's export "
                f"with {NEW_CYCLE_BUTTON}"
            )
        return (
            f"No responses yet for {cycle.name}. Import the export of your survey tool ({IMPORT_BUTTON}), or key in "
            f"paper returns ({PAPER_RETURNS_BUTTON})."
        )

    def _summary(self) -> str:
        cycle = self.cycle
        if cycle is None:
            return ""
        text = f"<b>{cycle.name}</b>: {counted(cycle.response_count, 'response')}"
        if cycle.staff_invited:
            text += f" from {cycle.staff_invited:,} staff invited ({whole_percent(cycle.response_rate)} response rate)"
        return text + f", in {counted(len(self.batches), 'batch')}."

    def _selection_changed(self) -> None:
        writable = self.hc is not None and not self.hc.read_only
        self.removeButton.setEnabled(writable and self.selected_batch() is not None)

    def selected_batch(self) -> ImportBatch | None:
        rows = self.batchTable.selectionModel().selectedRows()
        return self.batches[rows[0].row()] if rows else None

    def start_import(self, export: Path | None = None) -> None:
        """The import wizard, on `export` when one is given (a cycle just built from it)."""
        if self.hc is None or self.cycle is None:
            return
        wizard = ImportWizard(self.hc, self.cycle, self.tasks, self, self.last_folder)
        if export is not None:
            wizard.load(export)
        wizard.exec()
        if wizard.pathEdit.text():
            self.last_folder = Path(wizard.pathEdit.text()).parent
        if wizard.import_result is not None and wizard.import_result.batch_id is not None:
            self.imported(wizard.import_result.batch_id, Path(wizard.pathEdit.text()).name)
        if wizard.staff_invited_undo is not None:
            self.undo_stack.push(
                ChangeCommand(self.hc, wizard.staff_invited_undo, self, lambda _: self.contents_changed.emit())
            )
            self.contents_changed.emit()

    def imported(self, batch_id: int, file_name: str) -> None:
        """An import just made becomes a step of Undo, which takes its batch out again."""
        assert self.hc is not None
        self.undo_stack.push(
            ChangeCommand(
                self.hc, RemoveBatch(batch_id, f"Import {file_name}"), self, lambda _: self.contents_changed.emit()
            )
        )
        self.contents_changed.emit()

    def key_in_paper(self) -> None:
        if self.hc is None or self.cycle is None:
            return
        dialog = PaperEntryDialog(self.hc, self.cycle, self)
        dialog.exec()
        if dialog.keyed_this_time or dialog.saved_any:
            self.contents_changed.emit()

    def remove_batch(self) -> None:
        batch = self.selected_batch()
        if batch is None or self.hc is None:
            return
        if not ask(
            self,
            "Remove the batch?",
            f"Remove {batch.source_name} and its {counted(batch.response_count, 'response')}?",
            f"Every response this batch added is taken out of the cycle. {UNDO} puts it back, and a backup "
            f"of the file is taken first ({RESTORE_FROM_BACKUP}).",
            yes="Remove batch",
        ):
            return
        try:
            self.hc.backup(f"before removing batch {batch.id}")
        except SwhcError as problem:
            show_problem(self, problem)
            return
        try:
            make_undoable(
                self.undo_stack,
                self.hc,
                RemoveBatch(batch.id, f"Remove {batch.source_name}"),
                self,
                lambda _: self.contents_changed.emit(),
            )
        except SwhcError as problem:
            show_problem(self, problem)
            self.contents_changed.emit()
            return
        self.contents_changed.emit()
        self._offer_to_delete_backups_holding_identifiers(batch)

    def _offer_to_delete_backups_holding_identifiers(self, batch: ImportBatch) -> None:
        """A batch kept with names or e-mails (for a reason the PSW gave) is gone from the file, but its backups still
        hold them: say so, and offer to delete those backups."""
        assert self.hc is not None
        holding = self.hc.responses.backups_holding_identifiers(batch)
        if not holding:
            return
        listed = "\n".join(f"• {backup.path.name}" for backup in holding[:10])
        if not ask(
            self,
            "Delete the backups that still hold identifying details?",
            f"{counted(len(holding), 'backup')} of {self.hc.path.name} still {agrees(len(holding), 'holds', 'hold')} "
            "the names, e-mails or other identifying "
            f"details kept with {batch.source_name}:\n{listed}",
            f"Delete them to remove those details everywhere. {UNDO} can still put the batch back while the "
            "file is open.",
            yes="Delete those backups",
            no="Keep them",
        ):
            return
        failed = delete_backups(holding)
        if failed:
            show_problem(
                self,
                SaveFailed(
                    f"{counted(len(failed), 'backup')} could not be deleted: {failed[0]}.",
                    "Delete them yourself in the backups folder.",
                ),
            )
