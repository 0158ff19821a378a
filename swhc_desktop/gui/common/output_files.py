"""Saving a report or an export from the app: where to save it, making it in the background with progress and Cancel,
and saying where it went (with a link to open it), never leaving half a file behind."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QStandardPaths, Signal
from PySide6.QtWidgets import QFileDialog, QWidget

from ...domain.errors import SwhcError
from ...domain.progress import Progress
from ...domain.records import Cycle
from ...storage import HealthCheckFile
from .messages import show_problem
from .tasks import TaskRunner


def refused_as_output(parent: QWidget, hc: HealthCheckFile | None, chosen: Path) -> bool:
    """Whether the file chosen in a Save dialog must be refused (the health-check file itself, any other, or a survey
    export imported into it): said in a message, before anything is made."""
    from ...outputs.files import Inputs, refuse_replacing_an_input
    from ...outputs.guards import refuse_replacing_inputs_of

    try:
        if hc is not None:
            refuse_replacing_inputs_of(hc, chosen)
        else:
            refuse_replacing_an_input(chosen, Inputs())
    except SwhcError as problem:
        show_problem(parent, problem)
        return True
    return False


def documents_folder() -> Path:
    documents = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation))
    return documents if documents.is_dir() else Path.home()


class OutputFiles(QObject):
    """Shared by the Reports page's parts: one background runner, one remembered folder."""

    saved = Signal(Path, str)  # where, and what was saved in words
    said = Signal(str)  # after saving: what the export changed to keep people anonymous ('' for nothing)
    cancelled = Signal(str)

    def __init__(self, tasks: TaskRunner, parent: QWidget):
        super().__init__(parent)
        self.tasks = tasks.shown_over(parent)
        self.parent_widget = parent
        self.folder: Path | None = None

    # ------------------------------------------------------------------ where (tests replace these)

    def choose_file(self, title: str, default_name: str, file_filter: str) -> Path | None:
        start = str((self.folder or documents_folder()) / default_name)
        path, _ = QFileDialog.getSaveFileName(self.parent_widget, title, start, file_filter)
        return Path(path) if path else None

    def choose_folder(self, title: str, default_name: str) -> Path | None:
        """A new or existing folder to fill (charts are saved as a folder of pictures)."""
        chosen = QFileDialog.getExistingDirectory(self.parent_widget, title, str(self.folder or documents_folder()))
        return Path(chosen) / default_name if chosen else None

    # ------------------------------------------------------------------ making

    def make_report(
        self, hc: HealthCheckFile, cycle: Cycle, kind_name: str, on_done: Callable[[Path], None] | None = None
    ) -> None:
        from ...outputs.reports.kinds import make_report, report_kind

        kind = report_kind(kind_name)
        out = self.choose_file(
            f"Save the {kind.title.lower()}", kind.default_file_name(cycle.name), "PDF document (*.pdf)"
        )
        if out is None or refused_as_output(self.parent_widget, hc, out):
            return
        if out.suffix.lower() != ".pdf":
            out = out.with_name(out.name + ".pdf")
        self.run(
            f"Making the {kind.title.lower()}…",
            lambda progress: make_report(hc, cycle, kind.name, out, progress),
            f"the {kind.title.lower()} for {cycle.name}",
            on_done,
        )

    def export(self, hc: HealthCheckFile, cycle: Cycle, what: str, format_name: str) -> None:
        from ...outputs.exports.kinds import export_and_summarise, export_kind

        kind = export_kind(what)
        export_format = kind.format(format_name)
        default_name = kind.default_file_name(cycle.name, format_name)
        if export_format.is_folder:
            out = self.choose_folder(f"Choose where to put the folder of {kind.title.lower()}", default_name)
        else:
            out = self.choose_file(f"Save the {kind.title.lower()}", default_name, export_format.label)
            if out is not None and refused_as_output(self.parent_widget, hc, out):
                return
            if out is not None and out.suffix.lower() != export_format.suffix:
                out = out.with_name(out.name + export_format.suffix)
        if out is None:
            return
        summaries: list[str] = []

        def work(progress: Progress) -> Path:
            written, summary = export_and_summarise(hc, cycle, kind.what, format_name, out, progress)
            summaries.append(summary)
            return written

        self.run(
            f"Exporting the {kind.title.lower()}…",
            work,
            f"the {kind.title.lower()} for {cycle.name}",
            said_after=lambda: " ".join(summaries),
        )

    def run(
        self,
        label: str,
        work: Callable[[Progress], Any],
        what: str,
        on_done: Callable[[Path], None] | None = None,
        said_after: Callable[[], str] = lambda: "",
    ) -> None:
        def done(path: Path) -> None:
            self.folder = Path(path).parent
            self.saved.emit(Path(path), what)
            self.said.emit(said_after())
            if on_done is not None:
                on_done(Path(path))

        self.tasks.run(
            label,
            work,
            on_done=done,
            on_error=self._failed,
            on_cancelled=lambda: self.cancelled.emit(f"Cancelled: {what} was not saved."),
        )

    def _failed(self, error: BaseException, trace: str) -> None:
        if isinstance(error, SwhcError):
            show_problem(self.parent_widget, error)
        else:
            raise error
