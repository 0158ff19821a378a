"""Saving a document the app makes (a report, an export, a hand-out), the one way for every page: ask where, make it in
the background on the window's one task runner with progress and Cancel (read under the file's lock, then written),
never over an input and never leaving half a file behind, then offer to open it."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QStandardPaths, Signal
from PySide6.QtWidgets import QFileDialog, QWidget

from ...domain.errors import SwhcError
from ...domain.progress import Progress
from ...domain.records import Cycle
from ...storage import HealthCheckFile
from . import printing
from .messages import ask, on_background_error, show_problem
from .tasks import DialogTasks, TaskRunner

if TYPE_CHECKING:
    from ...outputs.exports.kinds import ExportFormat, ExportKind

# What a document shows, read from the file (the file's lock is held while it runs), and how it is written.
Read = Callable[[Progress], Any]
Write = Callable[[Any, Path, Progress], Path]


def ask_where_to_save(
    parent: QWidget | None, title: str, suggested: Path, filters: Sequence[str]
) -> tuple[Path, str] | None:
    """The app's one Save dialog: the file chosen and the filter it was chosen under, or None when cancelled."""
    path, chosen_filter = QFileDialog.getSaveFileName(parent, title, str(suggested), ";;".join(filters))
    return (Path(path), chosen_filter) if path else None


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


def suggested_folder(hc: HealthCheckFile | None) -> Path:
    """Beside the health-check file, where the council keeps and backs up its files; but never in the app's own data
    folder, where the demo lives and nobody would find a document: Documents instead."""
    if hc is None or hc.path.parent.resolve() == hc.folders.data.resolve():
        return documents_folder()
    return hc.path.parent


def _with_suffix(path: Path, suffix: str) -> Path:
    return path if path.suffix.lower() == suffix else path.with_name(path.name + suffix)


class OutputFiles(QObject):
    """A page's way of saving the documents it makes. Every page (or panel) that makes one has an OutputFiles; all run
    their work on the window's one task runner, so only one job uses the file at a time.

    When a document is saved, `saved` says where; then, unless the page shows where it went itself (the Reports page,
    with a link), the user is asked whether to open it."""

    saved = Signal(Path, str)  # where, and what was saved in words
    said = Signal(str)  # after saving: what the export changed to keep people anonymous ('' for nothing)
    cancelled = Signal(str)

    def __init__(self, tasks: TaskRunner | DialogTasks, parent: QWidget, ask_to_open: bool = True):
        super().__init__(parent)
        self.tasks = tasks.shown_over(parent)
        self.parent_widget = parent
        self.ask_to_open = ask_to_open
        self.folder: Path | None = None  # where the last document was saved: the next is suggested there too

    # ------------------------------------------------------------------ where (tests replace these)

    def choose_file(
        self, title: str, default_name: str, file_filter: str, hc: HealthCheckFile | None = None
    ) -> Path | None:
        chosen = ask_where_to_save(
            self.parent_widget, title, (self.folder or suggested_folder(hc)) / default_name, [file_filter]
        )
        return chosen[0] if chosen else None

    def choose_file_and_filter(
        self, title: str, default_name: str, filters: Sequence[str], hc: HealthCheckFile | None = None
    ) -> tuple[Path, str] | None:
        """A file, and the filter it was chosen under, for an export whose format is chosen in the Save dialog."""
        suggested = (self.folder or suggested_folder(hc)) / default_name
        return ask_where_to_save(self.parent_widget, title, suggested, filters)

    def choose_folder(self, title: str, default_name: str, hc: HealthCheckFile | None = None) -> Path | None:
        """A new or existing folder to fill (charts are saved as a folder of pictures)."""
        chosen = QFileDialog.getExistingDirectory(self.parent_widget, title, str(self.folder or suggested_folder(hc)))
        return Path(chosen) / default_name if chosen else None

    # ------------------------------------------------------------------ the documents

    def make_report(
        self,
        hc: HealthCheckFile,
        cycle: Cycle,
        kind_name: str,
        read: Read | None = None,
        format_name: str = "pdf",
    ) -> None:
        """Save a report as a PDF, or as an accessible Word document or web page (`format_name` docx or html); `read`
        replaces the report's own way of reading what it shows (the Action plan page's plan is read as of the page's
        today)."""
        from ...outputs.reports.kinds import report_kind

        kind = report_kind(kind_name)
        report_format = kind.format(format_name)
        out = self.choose_file(
            f"Save {kind.in_a_sentence} as",
            kind.default_file_name(cycle.name, format_name),
            report_format.label,
            hc,
        )
        if out is None or refused_as_output(self.parent_widget, hc, out):
            return
        self.make(
            hc,
            _with_suffix(out, report_format.suffix),
            read or (lambda progress: kind.read(hc, cycle)),
            report_format.write,
            kind.in_a_sentence,
            cycle,
            f"Making {kind.in_a_sentence}…",
        )

    def export(
        self, hc: HealthCheckFile, cycle: Cycle, what: str, format_name: str | None = None, read: Read | None = None
    ) -> None:
        """Save an export in the format given, or (with none) in the format chosen in the Save dialog."""
        from ...outputs.exports.kinds import export_kind

        kind = export_kind(what)
        chosen = self._choose_export(hc, cycle, kind, format_name)
        if chosen is None:
            return
        export_format, out = chosen
        summary = kind.summary
        self.make(
            hc,
            out,
            read or (lambda progress: kind.read(hc, cycle)),
            export_format.write,
            f"the {kind.title.lower()}",
            cycle,
            f"Exporting the {kind.title.lower()}…",
            said_after=summary if summary is not None else lambda content: "",
        )

    def _choose_export(
        self, hc: HealthCheckFile, cycle: Cycle, kind: "ExportKind", format_name: str | None
    ) -> tuple["ExportFormat", Path] | None:
        """The format and where to save: a folder for a folder of files, else a file (refused when it is an input)."""
        title = f"Save the {kind.title.lower()} as"
        if format_name is None:
            default_name = kind.default_file_name(cycle.name, kind.formats[0].name)
            chosen = self.choose_file_and_filter(title, default_name, [f.label for f in kind.formats], hc)
            if chosen is None or refused_as_output(self.parent_widget, hc, chosen[0]):
                return None
            return kind.chosen_in_save_dialog(str(chosen[0]), chosen[1])
        export_format = kind.format(format_name)
        default_name = kind.default_file_name(cycle.name, format_name)
        if export_format.is_folder:
            folder = self.choose_folder(f"Choose where to put the folder of {kind.title.lower()}", default_name, hc)
            return (export_format, folder) if folder is not None else None
        out = self.choose_file(title, default_name, export_format.label, hc)
        if out is None or refused_as_output(self.parent_widget, hc, out):
            return None
        return export_format, _with_suffix(out, export_format.suffix)

    def print_report(self, hc: HealthCheckFile, cycle: Cycle, kind_name: str, read: Read | None = None) -> None:
        """Make the PDF in a fresh folder, then print it through the printer dialog, or open it in the PDF viewer to
        print from there."""
        from ...outputs.reports.kinds import report_kind

        kind = report_kind(kind_name)
        out = printing.print_folder() / kind.default_file_name(cycle.name)

        def print_it(path: Path, content: Any) -> None:
            if not printing.print_pdf(path, self.parent_widget):
                printing.print_from_viewer(path, self.parent_widget)

        self._run(
            f"Preparing {kind.in_a_sentence} for printing…",
            hc,
            out,
            read or (lambda progress: kind.read(hc, cycle)),
            kind.write,
            print_it,
            on_cancelled=lambda: None,
        )

    # ------------------------------------------------------------------ making

    def make(
        self,
        hc: HealthCheckFile,
        out: Path,
        read: Read,
        write: Write,
        what: str,
        cycle: Cycle,
        label: str,
        said_after: Callable[[Any], str] = lambda content: "",
    ) -> None:
        """Make a document in the background and say where it went. `what` names it in a sentence ('the paper
        form'); `said_after` says what it changed to keep people anonymous, from what was read."""
        of_cycle = f"{what} for {cycle.name}"

        def done(path: Path, content: Any) -> None:
            self.folder = path.parent
            self.saved.emit(path, of_cycle)
            self.said.emit(said_after(content))
            if self.ask_to_open:
                self.offer_to_open(path, what)

        self._run(
            label,
            hc,
            out,
            read,
            write,
            done,
            on_cancelled=lambda: self.cancelled.emit(f"Cancelled: {of_cycle} was not saved."),
        )

    def _run(
        self,
        label: str,
        hc: HealthCheckFile,
        out: Path,
        read: Read,
        write: Write,
        done: Callable[[Path, Any], None],
        on_cancelled: Callable[[], None],
    ) -> None:
        """The one rule for a document: read what it shows under the file's lock, then write it, both in the
        background; an output that would replace an input is refused before anything is read."""
        from ...outputs.guards import read_for_document

        def work(progress: Progress) -> tuple[Path, Any]:
            content = read_for_document(hc, out, lambda: read(progress))
            return Path(write(content, out, progress)), content

        self.tasks.run(
            label,
            work,
            on_done=lambda made: done(*made),
            on_error=on_background_error(self.parent_widget),
            on_cancelled=on_cancelled,
        )

    def offer_to_open(self, path: Path, what: str) -> None:
        if ask(
            self.parent_widget,
            "Saved",
            f"{what[0].upper()}{what[1:]} is saved as {path.name}.",
            f"In {path.parent}.",
            yes="Open it",
            no="Close",
        ):
            printing.open_in_viewer(path, self.parent_widget)
