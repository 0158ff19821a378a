"""The Reports page: what the year's health check hands on to others: the findings report for members, the employer
return to the LGA (with the year's workforce figures), and exports of the responses, tables and charts."""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QLabel, QWidget

from ...domain.records import Cycle
from ...storage import HealthCheckFile
from ..common.empty_note import no_cycle_yet, page_note, say
from ..common.forms import load_form
from ..common.output_files import OutputFiles
from ..common.printing import open_in_viewer
from ..common.tasks import TaskRunner
from .employer_return_form import EmployerReturnForm
from .exports_panel import ExportsPanel
from .findings_report_panel import FindingsReportPanel


class ReportsPage(QWidget):
    def __init__(self, tasks: TaskRunner, undo_stack: QUndoStack, parent: QWidget | None = None):
        super().__init__(parent)
        load_form("reports_page", self)
        self.tasks = tasks
        self.undo_stack = undo_stack
        self.hc: HealthCheckFile | None = None
        self.cycle: Cycle | None = None
        self.output_files = OutputFiles(tasks, self, ask_to_open=False)  # the page offers to open it in savedLabel
        self.return_form = EmployerReturnForm(tasks, undo_stack, self.output_files, self)
        self.exports_panel = ExportsPanel(self.output_files, self)
        self.report_panel = FindingsReportPanel(undo_stack, self.output_files, self)
        self.reportsTabs.addTab(self.report_panel, "Report for &members")
        self.reportsTabs.addTab(self.return_form, "&Employer return")
        self.reportsTabs.addTab(self.exports_panel, "E&xports")
        self.savedLabel = QLabel("", self)
        self.savedLabel.setObjectName("savedLabel")
        self.savedLabel.setWordWrap(True)
        self.savedLabel.linkActivated.connect(lambda link: open_in_viewer(Path(QUrl(link).toLocalFile()), self))
        self.reportsPageLayout.addWidget(self.savedLabel)
        self.output_files.saved.connect(self._saved)
        self.output_files.said.connect(self._said)
        self.output_files.cancelled.connect(self.savedLabel.setText)
        self.note = page_note(self.reportsPageLayout, self)

    def show_cycle(self, hc: HealthCheckFile | None, cycle: Cycle | None) -> None:
        self.hc, self.cycle = hc, cycle
        if hc is None or cycle is None or hc is not getattr(self, "_shown_file", None):
            self.savedLabel.setText("")
        self._shown_file = hc
        say(
            self.note,
            no_cycle_yet(
                "this page makes its report for members, the employer return to the LGA and exports of its "
                "responses and tables."
            )
            if hc is not None and cycle is None
            else "",
        )
        self.reportsTabs.setVisible(hc is None or cycle is not None)
        self.report_panel.show_cycle(hc, cycle)
        self.return_form.show_cycle(hc, cycle)
        self.exports_panel.show_cycle(hc, cycle)

    def commit_pending(self) -> None:
        self.report_panel.commit_pending()
        self.return_form.commit_pending()

    def _said(self, words: str) -> None:
        """What an export changed to keep people anonymous, under where it was saved."""
        if words:
            self.savedLabel.setText(f"{self.savedLabel.text()}<br>{html.escape(words)}")

    def _saved(self, path: Path, what: str) -> None:
        link = QUrl.fromLocalFile(str(path)).toString()
        folder = QUrl.fromLocalFile(str(path.parent)).toString()
        self.savedLabel.setText(
            f"Saved {html.escape(what)} as <b>{html.escape(path.name)}</b> in "
            f"{html.escape(str(path.parent))}. "
            f"<a href='{link}'>Open it</a> · <a href='{folder}'>Open the folder</a>"
        )
