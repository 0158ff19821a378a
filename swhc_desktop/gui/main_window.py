"""The main window: the open health check, its cycles, and the pages of the PSW's year."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, TypeVar, cast

from PySide6.QtCore import QEvent, QObject, QSettings, QStandardPaths, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeyEvent, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QLabel,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QTabWidget,
    QWidget,
)

from .. import APP_NAME, __version__
from ..domain.changes import Change
from ..domain.errors import CorruptFile, FileAlreadyExists, FileReadOnly, SwhcError
from ..domain.labels import QUESTIONNAIRE_PAGE, RESPONSES_PAGE, RESTORE_FROM_BACKUP, UNDO
from ..domain.plurals import counted
from ..domain.records import Cycle, CycleDetails, Service
from ..domain.rounding import percent_text
from ..paths import UserFolders
from ..questionnaires.cycle_changes import (
    ChangeCycleDetails,
    DeleteCycle,
    back_up_before_deleting,
    what_deleting_removes,
)
from ..questionnaires.templates import staff_survey_templates
from ..screens.guide import dialog_topic, topic_for
from ..storage import HealthCheckFile, is_health_check_file, restore_backup
from .common.clipboard import add_edit_actions
from .common.file_changes import FileChange, change_made_on_stack, is_on
from .common.forms import load_form
from .common.messages import ask, on_background_error, show_problem
from .common.output_files import suggested_folder
from .common.tasks import TaskRunner
from .common.undo import make_undoable
from .cycle_dialogs import EditCycleDialog, confirm_deleting
from .dialogs import FILE_FILTER, NewCycleChoice, NewCycleDialog, NewFileDialog
from .guide_window import GuideWindow
from .recent_files import RecentFiles
from .restore_dialog import RestoreBackupDialog
from .welcome import DemoBanner, WelcomePage

if TYPE_CHECKING:  # the pages are imported when first shown: each brings its own share of the app
    from ..importing.infer import CycleFromExport
    from .action_plan.page import ActionPlanPage
    from .designer.page import DesignerPage
    from .findings.page import FindingsPage
    from .responses.page import ResponsesPage


class Page(Protocol):
    """A page of the main window. It is told which file and cycle to show and reads through the file's stores.

    A page that changes the file puts its edits on the window's undo stack (`MainWindow.undo_stack`); a change made
    outside the stack (responses imported, returns keyed in) is announced by the page's `contents_changed` signal.
    Either way the window emits one `file_changed` signal, after every change, import, undo and redo, and every
    other page shows the file afresh: the page in view at once, the others when they are next shown. A page with a
    `commit_pending()` method is asked to save what is typed but not yet saved before the file closes.
    """

    def show_cycle(self, hc: HealthCheckFile | None, cycle: Cycle | None) -> None: ...


SomePage = TypeVar("SomePage")

# How long closing a file waits for work still using it (a page reading it, a document being made) to end.
WAIT_FOR_WORK_MS = 30000
# How long closing the window waits for quiet work to end before asking the user to wait.
QUIET_WORK_WAIT_MS = 5000


def as_widget(page: Page) -> QWidget:
    """A page as the window's stack of pages holds it: every page is a widget too."""
    assert isinstance(page, QWidget), f"{type(page).__name__} is a page but not a widget"
    return page


class MainWindow(QMainWindow):
    # After every change to the open file (made, imported, undone or redone): a FileChange saying what it was.
    file_changed = Signal(object)

    def __init__(self, settings: QSettings, folders: UserFolders, parent: QWidget | None = None):
        super().__init__(parent)
        load_form("main_window", self)
        self.settings = settings
        self.folders = folders
        self.hc: HealthCheckFile | None = None
        self.cycles: list[Cycle] = []
        self.tasks = TaskRunner(self)
        self.recent = RecentFiles(settings)
        self.undo_stack = QUndoStack(self)
        self._stack_index = 0
        self._stale_pages: set[str] = set()  # pages not in view since the file last changed: re-read when shown
        self.read_only_label = QLabel("")
        self.statusBar.addPermanentWidget(self.read_only_label)
        self._style_header()
        self._connect_actions()
        self.pages_by_name: dict[str, Page] = {}  # the pages built so far
        self._page_slots: list[tuple[str, Callable[[], Page], QWidget]] = []
        self._add_page("Questionnaire", self._build_designer)
        self._add_page("Responses", self._build_responses)
        self._add_page("Findings", self._build_findings)
        self._add_page("Action plan", self._build_action_plan)
        self._add_page("Reports", self._build_reports)
        self.pageList.blockSignals(True)  # the first page is built when there is a file to show in it
        self.pageList.setCurrentRow(0)
        self.pageList.blockSignals(False)
        self._build_welcome()
        self._restore_window_state()
        self._show_file()

    # ------------------------------------------------------------------ set-up

    def _style_header(self) -> None:
        font = self.organisationLabel.font()
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        self.organisationLabel.setFont(font)
        self.pageList.setStyleSheet(
            "QListWidget { background: palette(window); border-right: 1px solid palette(mid); padding-top: 8px; }"
            "QListWidget::item { padding: 8px 12px; }"
            "QListWidget::item:selected { background: palette(highlight); color: palette(highlighted-text); }"
        )

    def _connect_actions(self) -> None:
        self.actionNew.setShortcut(QKeySequence.StandardKey.New)
        self.actionOpen.setShortcut(QKeySequence.StandardKey.Open)
        self.actionQuit.setShortcut(QKeySequence.StandardKey.Quit)
        self.actionQuit.setMenuRole(QAction.MenuRole.QuitRole)
        self.actionAbout.setMenuRole(QAction.MenuRole.AboutRole)
        self.actionNew.triggered.connect(self.new_file)
        self.actionOpen.triggered.connect(self.choose_file_to_open)
        self.actionOpenDemo.triggered.connect(self.open_demo)
        self.actionNewCycle.triggered.connect(self.new_cycle)
        self.actionClose.setShortcut(QKeySequence.StandardKey.Close)
        self.actionClose.triggered.connect(self.close_file)
        self.actionRestoreBackup.triggered.connect(self.restore_from_backup)
        self.actionSaveCopy.triggered.connect(self.save_copy)
        self.actionNationalScores.triggered.connect(self.enter_national_scores)
        self.newCycleButton.clicked.connect(self.new_cycle)
        self.actionEditCycle.triggered.connect(self.edit_cycle)
        self.editCycleButton.clicked.connect(self.edit_cycle)
        self.actionDeleteCycle.triggered.connect(self.delete_cycle)
        self.deleteCycleButton.clicked.connect(self.delete_cycle)
        self.actionQuit.triggered.connect(self.close)
        self.actionAbout.triggered.connect(self.show_about)
        self.guide_window: GuideWindow | None = None
        self.actionGuide = QAction("&User guide", self)
        self.actionGuide.setShortcut(QKeySequence.StandardKey.HelpContents)  # F1
        self.actionGuide.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.actionGuide.setStatusTip("How to run the health check, what the figures mean, and what to do when stuck")
        self.actionGuide.triggered.connect(self.show_guide)
        # F1 in a dialog in front of the window (which the window's own shortcut cannot reach) opens its part.
        self.dialog_help = DialogHelp(self)
        QApplication.instance().installEventFilter(self.dialog_help)
        self.menuHelp.insertAction(self.actionAbout, self.actionGuide)
        self.menuHelp.insertSeparator(self.actionAbout)
        self.addAction(self.actionGuide)
        self.menuRecent.aboutToShow.connect(self._fill_recent_menu)
        undo = self.undo_stack.createUndoAction(self, "&Undo")
        undo.setShortcuts(QKeySequence.StandardKey.Undo)
        redo = self.undo_stack.createRedoAction(self, "&Redo")
        redo.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
        self.actionUndo, self.actionRedo = undo, redo
        self.menuEdit.addAction(undo)
        self.menuEdit.addAction(redo)
        self.edit_actions = add_edit_actions(self, self.menuEdit)
        self.undo_stack.indexChanged.connect(self._undo_stack_moved)
        self.cycleCombo.currentIndexChanged.connect(self._cycle_chosen)
        self.pageList.currentRowChanged.connect(self._show_page)

    def _build_designer(self) -> Page:
        from .designer.page import DesignerPage

        page = DesignerPage(self.undo_stack, self.tasks, self)
        page.start_cycle_requested.connect(self.new_cycle)
        page.cycle_requested.connect(lambda cycle_id: self._show_file(select_cycle_id=cycle_id))
        page.status_message.connect(lambda message: self.statusBar.showMessage(message, 8000))
        return page

    def _build_responses(self) -> Page:
        from .responses.page import ResponsesPage  # imported with the page: it brings the importers

        return ResponsesPage(self.undo_stack, self.tasks, self)

    def _build_findings(self) -> Page:
        from .findings.page import FindingsPage  # imported with the page: it brings the analysis and charts

        return FindingsPage(self.tasks, self.undo_stack, self)

    def _build_action_plan(self) -> Page:
        from .action_plan.page import ActionPlanPage

        return ActionPlanPage(self.undo_stack, self.tasks, self)

    def _build_reports(self) -> Page:
        from .reports.page import ReportsPage  # imported with the page: the return's template and the writers

        return ReportsPage(self.tasks, self.undo_stack, self)

    def _add_page(self, name: str, build: Callable[[], Page]) -> None:
        """Add a page of the PSW's year, built the first time it is shown (so start-up pays only for the page on
        screen); Ctrl+1, Ctrl+2 … jump to the pages in order."""
        placeholder = QWidget(self.pages)
        self.pages.addWidget(placeholder)
        self._page_slots.append((name, build, placeholder))
        QListWidgetItem(name, self.pageList)
        index = self.pages.count()
        action = QAction(f"&{name}", self)
        action.setShortcut(QKeySequence(f"Ctrl+{index}"))
        action.triggered.connect(lambda: self.pageList.setCurrentRow(index - 1))
        self.menuView.addAction(action)

    def page(self, name: str) -> Page:
        """The page called `name`, built now if it has not been shown yet."""
        if name in self.pages_by_name:
            return self.pages_by_name[name]
        index, (_, build, placeholder) = next((i, slot) for i, slot in enumerate(self._page_slots) if slot[0] == name)
        page = build()
        self.pages.insertWidget(index, as_widget(page))
        self.pages.removeWidget(placeholder)
        placeholder.deleteLater()
        self.pages_by_name[name] = page
        if hasattr(page, "contents_changed"):
            page.contents_changed.connect(self.refresh)
        self.file_changed.connect(lambda change: self._page_sees_change(name, change))
        page.show_cycle(self.hc, self.current_cycle)
        return page

    def _show_page(self, row: int) -> None:
        if 0 <= row < len(self._page_slots):
            name = self._page_slots[row][0]
            stale = name in self._stale_pages and name in self.pages_by_name
            page = self.page(name)
            self._stale_pages.discard(name)
            if stale:
                page.show_cycle(self.hc, self.current_cycle)
            self.pages.setCurrentWidget(as_widget(page))

    def _page_sees_change(self, name: str, change: FileChange) -> None:
        """A page shows a change to the file: at once if it is in view, else when it is next shown. The page the
        change was made on has shown it already."""
        page = as_widget(self.pages_by_name[name])
        if is_on(change.made_on, page):
            return
        if self.pages.currentWidget() is page:
            self.pages_by_name[name].show_cycle(self.hc, self.current_cycle)
        else:
            self._stale_pages.add(name)

    def _page_as(self, name: str, kind: type[SomePage]) -> SomePage:
        page = self.page(name)
        assert isinstance(page, kind), f"the {name} page is a {type(page).__name__}"
        return page

    @property
    def questionnaire_page(self) -> "DesignerPage":
        from .designer.page import DesignerPage

        return self._page_as("Questionnaire", DesignerPage)

    @property
    def responses_page(self) -> "ResponsesPage":
        from .responses.page import ResponsesPage

        return self._page_as("Responses", ResponsesPage)

    @property
    def findings_page(self) -> "FindingsPage":
        from .findings.page import FindingsPage

        return self._page_as("Findings", FindingsPage)

    @property
    def action_plan_page(self) -> "ActionPlanPage":
        from .action_plan.page import ActionPlanPage

        return self._page_as("Action plan", ActionPlanPage)

    def _build_welcome(self) -> None:
        self.welcome_page = WelcomePage(self)
        self.welcome_page.demo_requested.connect(self.open_demo)
        self.welcome_page.new_requested.connect(self.new_file)
        self.welcome_page.open_requested.connect(self.choose_file_to_open)
        self.welcome_page.recent_requested.connect(lambda path: self._opener(path)())
        self.centralLayout.addWidget(self.welcome_page, 1)
        self.demo_banner = DemoBanner(self)
        self.demo_banner.new_requested.connect(self.new_file)
        self.demo_banner.open_requested.connect(self.choose_file_to_open)
        self.demo_banner.dismissed.connect(self._dismiss_demo_banner)
        self.contentLayout.insertWidget(0, self.demo_banner)

    def _dismiss_demo_banner(self) -> None:
        self.settings.setValue("welcome/demoBannerDismissed", True)
        self.demo_banner.hide()

    def _show_welcome(self, show: bool) -> None:
        """With no file open the window is the welcome screen; with one it is the PSW's year."""
        self.welcome_page.setVisible(show)
        self.pageList.setVisible(not show)
        for index in range(self.contentLayout.count()):
            item = self.contentLayout.itemAt(index)
            if item.widget() is not None:
                item.widget().setVisible(not show)
            elif item.layout() is not None:
                for child in range(item.layout().count()):
                    widget = item.layout().itemAt(child).widget()
                    if widget is not None:
                        widget.setVisible(not show)
        if show:
            self.welcome_page.show_recent([p for p in self.recent.paths() if p.exists()])
        else:
            is_demo = self.hc is not None and self.hc.path.resolve() == self.folders.demo_file.resolve()
            dismissed = str(self.settings.value("welcome/demoBannerDismissed", False)).lower() == "true"
            self.demo_banner.setVisible(is_demo and not dismissed)

    def open_on_start(self, path: Path | None) -> None:
        """At start-up: the file asked for; else the file last worked on; else, on a first run, the demo."""
        if path is not None:
            self.open_path(path)
            return
        last = next((p for p in self.recent.paths() if p.exists()), None)
        if last is not None and self.open_path(last):
            return
        self.open_demo()

    def _restore_window_state(self) -> None:
        geometry = self.settings.value("mainWindow/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)

    def show_first_time(self) -> None:
        """Show the window as it was last time or, on a first run on a small laptop screen, maximised."""
        screen = self.screen().availableGeometry() if self.screen() else None
        if self.settings.value("mainWindow/geometry") is None and screen is not None and screen.width() < 1500:
            self.showMaximized()
        else:
            self.show()

    # ------------------------------------------------------------------ opening files

    def open_path(self, path: Path, read_only: bool = False) -> bool:
        """Open a health-check file in this window, closing the one that was open. Returns whether it opened."""
        path = Path(path)
        if self.hc is not None and path.resolve() == self.hc.path.resolve():
            return True  # already open here; opening it again would be refused as 'in use'
        try:
            hc = HealthCheckFile.open(path, read_only=read_only, folders=self.folders)
        except FileReadOnly as problem:
            if read_only:
                show_problem(self, problem)
                return False
            if ask(
                self,
                "The file is read-only",
                problem.message,
                "You can look at it, but not change it. Open it read-only?",
                yes="Open read-only",
            ):
                return self.open_path(path, read_only=True)
            return False
        except SwhcError as problem:
            if isinstance(problem, CorruptFile):
                self.recent.remove(path.resolve())  # damaged or changed elsewhere: not offered again at every start
            show_problem(self, problem)
            return False
        if not self._close_file():
            hc.close()  # the file open now stays open, as the message says
            return False
        self.hc = hc
        self._show_file()
        self.recent.add(path)  # only once it has opened and shown: a file that fails is never reopened at start-up
        return True

    def choose_file_to_open(self) -> None:
        start = str(self.recent.paths()[0].parent) if self.recent.paths() else str(Path.home())
        path, _ = QFileDialog.getOpenFileName(self, "Open a health check", start, f"{FILE_FILTER};;All files (*)")
        if path:
            self.open_path(Path(path))

    def open_demo(self) -> None:
        """Open the demo health check, building it in the user's data folder the first time."""
        from ..app.demo import ensure_demo  # the demo's builder is only needed the first time it is opened

        self.tasks.run(
            "Building the demo health check…",
            lambda progress: ensure_demo(self.folders, progress),
            on_done=lambda path: self.open_path(path),
            on_error=on_background_error(self),
            cancellable=False,
        )

    def new_file(self) -> None:
        documents = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation))
        # Beside the last health check the PSW opened of their own; never the app's hidden data folder, where the
        # demo lives, since council data belongs where the council keeps and backs up its files.
        own = [p for p in self.recent.paths() if p.parent != self.folders.demo_file.parent]
        folder = own[0].parent if own else documents if documents.is_dir() else Path.home()
        dialog = NewFileDialog(folder, self)
        if dialog.exec() != NewFileDialog.DialogCode.Accepted:
            return
        choice = dialog.choice()
        if not self._work_finished():
            return
        overwrite = False
        if self._is_a_health_check(choice.path):
            show_problem(
                self,
                FileAlreadyExists(
                    f"{choice.path.name} is a health-check file: a new health check never replaces one.",
                    "Choose another name for the new file. The existing one has not been changed.",
                ),
            )
            return
        if choice.path.exists():
            if not ask(
                self,
                "Replace the file?",
                f"{choice.path.name} already exists.",
                "Replacing it deletes everything in it.",
                yes="Replace",
            ):
                return
            overwrite = True
        try:
            hc = HealthCheckFile.create(
                choice.path, choice.organisation, service=choice.service, folders=self.folders, overwrite=overwrite
            )
        except SwhcError as problem:
            show_problem(self, problem)
            return
        if not self._close_file():
            hc.close()
            return
        self.hc = hc
        self.recent.add(choice.path)
        self._show_file()

    def _is_a_health_check(self, path: Path) -> bool:
        """Whether `path` is an existing health-check file (the open one included)."""
        if not path.exists():
            return False
        if self.hc is not None and path.resolve() == self.hc.path.resolve():
            return True
        return is_health_check_file(path)

    def _work_finished(self) -> bool:
        """Whether no work in the background is using the file, after waiting a while for it to end. If some still
        is, the user is told, and the caller leaves the file open: closing it under the work would lose what it does."""
        if self.tasks.wait(WAIT_FOR_WORK_MS):
            return True
        if self.hc is not None:
            still = f"SWHC Desktop is still working on {self.hc.path.name}, so it has been left open."
        else:
            still = "SWHC Desktop is still working on what you asked for last."
        QMessageBox.information(
            self,
            APP_NAME,
            f"{still}\n\nWait until the work has finished (or press Cancel on its progress window), then try again.",
        )
        return False

    def _close_file(self) -> bool:
        """Close the open file once what is typed is saved and no work is using it. Returns whether it closed."""
        for page in self.pages_by_name.values():
            if hasattr(page, "commit_pending"):
                page.commit_pending()  # a field still being typed in is saved before the file closes
        if not self._work_finished():  # a page may be reading the file in the background
            return False
        self.undo_stack.clear()  # edits to one file cannot be undone in another
        if self.hc is not None:
            self.hc.close()
            self.hc = None
        return True

    def close_file(self) -> None:
        """File > Close: back to the welcome screen (every change is already saved)."""
        if self._close_file():
            self._show_file()

    def restore_from_backup(self) -> None:
        hc = self.hc
        if hc is None or hc.read_only:
            return
        dialog = RestoreBackupDialog(hc.list_backups(), self.folders.backups, self)
        if dialog.exec() != RestoreBackupDialog.DialogCode.Accepted or dialog.chosen() is None:
            return
        backup = dialog.chosen()
        when = backup.taken_at.strftime("%d/%m/%Y at %H:%M")
        if not ask(
            self,
            "Restore from backup",
            f"Replace what {hc.path.name} holds now with the backup taken on {when}?",
            "What the file holds now is backed up first, so you can restore it again if you change your mind.",
            yes="Restore",
        ):
            return
        path = hc.path
        if not self._close_file():
            return
        try:
            restore_backup(backup.path, path, self.folders.backups)
        except SwhcError as problem:
            show_problem(self, problem)
            self.open_path(path)
            return
        self.open_path(path)
        self.statusBar.showMessage(f"Restored the backup taken on {when}.", 8000)

    def save_copy(self) -> None:
        """File > Save a Copy As: the file as it is now under a new name, suggested with today's date beside it. A name
        refused (a file of that name is there) is said, and the PSW chooses again."""
        hc = self.hc
        if hc is None:
            return
        today = datetime.date.today().strftime("%Y-%m-%d")
        suggested = suggested_folder(hc) / f"{hc.path.stem} (copy {today}).swhc"
        while True:
            chosen = QFileDialog.getSaveFileName(
                self,
                "Save a Copy As",
                str(suggested),
                FILE_FILTER,
                options=QFileDialog.Option.DontConfirmOverwrite,  # a copy is never saved over a file: refused in words
            )[0]
            if not chosen:
                return
            try:
                target = hc.copy_target(Path(chosen))
            except SwhcError as problem:
                show_problem(self, problem)
                suggested = Path(chosen)
                continue
            break
        self.tasks.run(
            f"Saving a copy of {hc.path.name}…",
            lambda progress: hc.save_copy(target, progress),
            on_done=lambda copy: self.statusBar.showMessage(f"Saved a copy as {copy}.", 8000),
            on_error=on_background_error(self),
        )

    def enter_national_scores(self) -> None:
        """Tools > National Standards Scores: typed in for the chosen cycle's service and year to start with."""
        from ..analysis.benchmarks import cycle_year
        from .findings.national_scores import NationalScoresDialog

        if self.hc is None:
            return
        cycle = self.current_cycle
        year = (cycle_year(cycle.name) if cycle else None) or datetime.date.today().year
        service = cycle.service if cycle else Service.CHILDREN
        dialog = NationalScoresDialog(self.hc, self.undo_stack, service, year, self, lambda _: self.refresh())
        try:
            dialog.exec()
        finally:
            dialog.deleteLater()
        self.refresh()  # the pages show the national scores beside the council's own

    def refresh(self) -> None:
        """Re-read the open file after a change made outside the undo stack (an import), keeping the chosen cycle."""
        self.file_has_changed(FileChange("a change to the file"))

    def _undo_stack_moved(self, index: int) -> None:
        before, self._stack_index = self._stack_index, index
        change = change_made_on_stack(self.undo_stack, before, index)
        if change is not None:
            self.file_has_changed(change)

    def file_has_changed(self, change: FileChange) -> None:
        """After any change to the open file: the cycles' figures re-read, then every page told (`file_changed`)."""
        if self.hc is None:
            return
        current = self.current_cycle
        cycles = self.hc.cycles.all()
        if [c.id for c in cycles] != [c.id for c in self.cycles]:  # a cycle added or taken away
            self._show_file(select_cycle_id=current.id if current else None)
        else:
            self.cycles = cycles
            for index, cycle in enumerate(cycles):
                self.cycleCombo.setItemText(index, cycle_combo_text(cycle))
            cycle = self.current_cycle
            self.cycleSummaryLabel.setText(cycle_summary(cycle) if cycle else "")
        self.file_changed.emit(change)

    def _fill_recent_menu(self) -> None:
        self.menuRecent.clear()
        paths = self.recent.paths()
        if not paths:
            empty = self.menuRecent.addAction("No recent files")
            empty.setEnabled(False)
            return
        for number, path in enumerate(paths, start=1):
            action = self.menuRecent.addAction(f"&{number} {path.name}")
            action.setStatusTip(str(path))
            action.setToolTip(str(path))
            action.triggered.connect(self._opener(path))
        self.menuRecent.addSeparator()
        self.menuRecent.addAction("&Clear the list", self.recent.clear)

    def _opener(self, path: Path) -> Callable[[], None]:
        def open_recent() -> None:
            if not path.exists():
                self.recent.remove(path)
                QMessageBox.information(
                    self,
                    APP_NAME,
                    f"{path.name} is no longer at {path.parent}, so it has been taken off the list of recent files.",
                )
                return
            self.open_path(path)

        return open_recent

    # ------------------------------------------------------------------ cycles

    def new_cycle(self) -> None:
        if self.hc is None:
            return
        dialog = NewCycleDialog(self.cycles, staff_survey_templates(), self)
        if dialog.exec() != NewCycleDialog.DialogCode.Accepted:
            return
        choice = dialog.choice()
        if choice.export is not None:
            self._start_cycle_from_export(choice.name, choice.export, choice)
            return
        from ..questionnaires.cycles import start_cycle

        try:
            cycle = start_cycle(
                self.hc,
                choice.name,
                template_id=choice.template_id,
                copy_from=choice.copy_from,
                opens_on=choice.opens_on,
                closes_on=choice.closes_on,
                staff_invited=choice.staff_invited,
            )
        except SwhcError as problem:
            show_problem(self, problem)
            return
        self._show_file(select_cycle_id=cycle.id)
        self.statusBar.showMessage(f"Started cycle {cycle.name} ({cycle.source}).", 8000)

    def _start_cycle_from_export(self, name: str, export: Path, choice: NewCycleChoice) -> None:
        """Build the cycle's questionnaire from an export in the background (a large export takes a while to read),
        then offer to import the responses from the same file."""
        from ..importing.infer import start_cycle_from_export

        hc = self.hc
        assert hc is not None
        self.tasks.run(
            f"Building the questionnaire from {export.name}…",
            lambda progress: start_cycle_from_export(
                hc,
                name,
                export,
                opens_on=choice.opens_on,
                closes_on=choice.closes_on,
                staff_invited=choice.staff_invited,
                progress=progress,
            ),
            on_done=lambda built: self._built_from_export(built, export),
            on_error=on_background_error(self),
        )

    def _built_from_export(self, built: CycleFromExport, export: Path) -> None:
        if self.hc is None:
            return
        cycle = built.cycle
        self._show_file(select_cycle_id=cycle.id)
        self.pageList.setCurrentRow(0)  # the questionnaire, to be checked
        from ..importing.layouts import describe_identifying

        left_out = (
            f" Left out, as they identify people: {describe_identifying(built.left_out)}." if built.left_out else ""
        )
        self.statusBar.showMessage(
            f"Started cycle {cycle.name} with {counted(cycle.question_count, 'question')}.", 8000
        )
        if ask(
            self,
            "Import the responses?",
            f"Cycle {cycle.name} has {counted(cycle.question_count, 'question')} built from {export.name}: "
            f"{built.standards}{left_out}",
            f"Check each question's type, answers and Standard on the {QUESTIONNAIRE_PAGE} page. Import the responses "
            f"from {export.name} now? (You can also do it later, on the {RESPONSES_PAGE} page.)",
            yes="Import now",
            no="Later",
        ):
            self.pageList.setCurrentRow(1)
            self.responses_page.start_import(export)

    def edit_cycle(self) -> None:
        """Change the chosen cycle's name, staff invited or survey window, as a step of Undo."""
        hc, cycle = self.hc, self.current_cycle
        if hc is None or cycle is None or hc.read_only:
            return
        dialog = EditCycleDialog(cycle, self.cycles, self)
        if dialog.exec() != EditCycleDialog.DialogCode.Accepted:
            return
        details = dialog.details()
        if details == CycleDetails.of(cycle):
            return
        try:
            make_undoable(self.undo_stack, hc, ChangeCycleDetails(cycle.id, details), self, self._cycles_changed)
        except SwhcError as problem:
            show_problem(self, problem)
            return
        self._show_file(select_cycle_id=cycle.id)
        self.statusBar.showMessage(f"Saved the details of cycle {details.name}.", 8000)

    def delete_cycle(self) -> None:
        """Delete the chosen cycle once the PSW has said yes, after a backup, as a step of Undo."""
        hc, cycle = self.hc, self.current_cycle
        if hc is None or cycle is None or hc.read_only:
            return
        if not confirm_deleting(self, cycle, what_deleting_removes(hc, cycle)):
            return
        for page in self.pages_by_name.values():
            if hasattr(page, "commit_pending"):
                page.commit_pending()  # wording still being typed is saved first, so that Undo brings it back too
        if not self._work_finished():  # a page may still be reading the cycle in the background
            return
        try:
            back_up_before_deleting(hc, cycle)
            make_undoable(
                self.undo_stack, hc, DeleteCycle(cycle.id), self, self._cycles_changed, ready=self._work_finished
            )
        except SwhcError as problem:
            show_problem(self, problem)
            self._show_file(select_cycle_id=cycle.id)
            return
        self._show_file()
        self.statusBar.showMessage(
            f"Deleted cycle {cycle.name}. {UNDO} puts it back, as does {RESTORE_FROM_BACKUP} (a backup was taken).",
            15000,
        )

    def _cycles_changed(self, undo: Change | None) -> None:
        """After Undo or Redo of a change to a cycle: every page shows the file as it is now, on the cycle changed (or,
        when it was deleted, on the latest)."""
        changed = undo.cycle_id if isinstance(undo, (ChangeCycleDetails, DeleteCycle)) else None
        current = self.current_cycle
        if changed is None and current is not None and hc_has_cycle(self.hc, current.id):
            changed = current.id
        self._show_file(select_cycle_id=changed)

    def _show_file(self, select_cycle_id: int | None = None) -> None:
        hc = self.hc
        has_file = hc is not None
        for widget in (self.cycleCombo, self.newCycleButton, self.actionNewCycle, self.actionRestoreBackup):
            widget.setEnabled(has_file and not hc.read_only)
        self.cycleCombo.setEnabled(has_file)
        self.actionClose.setEnabled(has_file)
        self.actionSaveCopy.setEnabled(has_file)
        self.actionNationalScores.setEnabled(has_file)  # a read-only file's are shown, not changed
        self._show_welcome(not has_file)
        if hc is None:
            self.organisationLabel.setText("No health check open")
            self.setWindowTitle(APP_NAME)
            self.cycles = []
            self.cycleCombo.clear()
            self.read_only_label.setText("")
            self._cycle_chosen(-1)
            return
        organisation = hc.organisation.get()
        self.organisationLabel.setText(f"{organisation.name} · {organisation.service}")
        self.setWindowTitle(f"{organisation.name} – {hc.path.name} – {APP_NAME}")
        self.read_only_label.setText("Read-only" if hc.read_only else "")
        self.statusBar.showMessage(str(hc.path), 5000)
        self.cycles = hc.cycles.all()
        self.cycleCombo.blockSignals(True)
        self.cycleCombo.clear()
        for cycle in self.cycles:
            self.cycleCombo.addItem(cycle_combo_text(cycle), cycle.id)
        self.cycleCombo.blockSignals(False)
        if self.cycles:
            known = any(c.id == select_cycle_id for c in self.cycles)
            target = select_cycle_id if known else self.cycles[-1].id
            self.cycleCombo.setCurrentIndex(self.cycleCombo.findData(target))
        self._cycle_chosen(self.cycleCombo.currentIndex())

    @property
    def current_cycle(self) -> Cycle | None:
        cycle_id = self.cycleCombo.currentData()
        return next((c for c in self.cycles if c.id == cycle_id), None)

    def _cycle_chosen(self, index: int) -> None:
        cycle = self.current_cycle
        can_change = self.hc is not None and not self.hc.read_only and cycle is not None
        for widget in (self.editCycleButton, self.actionEditCycle, self.deleteCycleButton, self.actionDeleteCycle):
            widget.setEnabled(can_change)
        self.cycleSummaryLabel.setText(cycle_summary(cycle) if cycle else "")
        if self.hc is not None:
            self._show_page(self.pageList.currentRow())  # the page on screen exists before it is told the cycle
        self._stale_pages.clear()
        for page in list(self.pages_by_name.values()):
            page.show_cycle(self.hc, cycle)

    # ------------------------------------------------------------------ the rest

    def help_topic(self) -> str:
        """The part of the user guide for what is in view: the page, and the tab of a page with tabs."""
        if self.hc is None or not 0 <= self.pageList.currentRow() < len(self._page_slots):
            return topic_for(None)
        name = self._page_slots[self.pageList.currentRow()][0]
        page = self.pages_by_name.get(name)
        tabs = as_widget(page).findChild(QTabWidget, TAB_WIDGETS.get(name, "")) if page is not None else None
        if tabs is None or tabs.currentWidget() is None:
            return topic_for(name)
        by_name = topic_for(name, tabs.currentWidget().objectName())
        return by_name if "#" in by_name else topic_for(name, tabs.tabText(tabs.currentIndex()))

    def show_guide(self) -> None:
        """Help > User guide (F1): the guide, open at the part for the page in view."""
        if self.guide_window is None:
            self.guide_window = GuideWindow(self)
        self.guide_window.show_topic(self.help_topic())

    def show_guide_over(self, dialog: QWidget) -> GuideWindow:
        """F1 in a dialog in front of the window: the guide opens at the dialog's part (the page's part for a question
        box), as a window of the dialog's own, in front of it and usable while it stays open."""
        guide = next((g for g in dialog.findChildren(GuideWindow) if g.parentWidget() is dialog), None)
        if guide is None:
            guide = GuideWindow(dialog)
        guide.show_topic(topic_of_dialog(dialog) or self.help_topic())
        return guide

    def show_about(self) -> None:
        QMessageBox.about(
            self,
            f"About {APP_NAME}",
            f"<h3>{APP_NAME} {__version__}</h3>"
            "<p>The Social Work Health Check, from questionnaire to action plan, in one file on your computer. "
            "It works offline and never sends data anywhere.</p>"
            f"<p>Your data folder: {self.folders.data}<br>Backups: {self.folders.backups}<br>"
            f"Logs: {self.folders.logs}</p>"
            "<p>Released under the MIT licence.</p>",
        )

    def closeEvent(self, event: QCloseEvent) -> None:
        # Quiet work (the dashboard's charts, after its tiles) is waited for: nothing on screen says it is running.
        if self.tasks.busy and (self.tasks.shows_work or not self.tasks.wait(QUIET_WORK_WAIT_MS)):
            QMessageBox.information(self, APP_NAME, "Please wait until the current task has finished.")
            event.ignore()
            return
        self.settings.setValue("mainWindow/geometry", self.saveGeometry())
        if not self._close_file():
            event.ignore()
            return
        super().closeEvent(event)


def topic_of_dialog(dialog: QWidget) -> str | None:
    """The guide's part for a dialog, or for the dialog a question box is over; None when neither has a part."""
    widget: QWidget | None = dialog
    while widget is not None:
        topic = dialog_topic([cls.__name__ for cls in type(widget).__mro__])
        if topic is not None:
            return topic
        widget = widget.parentWidget()
    return None


class DialogHelp(QObject):
    """F1 pressed in a modal dialog (or question box) of this window: the window's F1 is blocked by the dialog, so the
    key is caught here and the guide opened over the dialog."""

    def __init__(self, window: MainWindow):
        super().__init__(window)
        self.window = window

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or cast(QKeyEvent, event).key() != Qt.Key.Key_F1:
            return False
        modal = QApplication.activeModalWidget()
        if modal is None or isinstance(modal, GuideWindow) or not self._belongs_to_window(modal):
            return False
        if not isinstance(watched, QWidget) or watched.window() is not modal:
            return False  # the key press is seen once, by the dialog's window, not once for each of its parents
        self.window.show_guide_over(modal)
        return True

    def _belongs_to_window(self, widget: QWidget) -> bool:
        parent = widget.parentWidget()
        while parent is not None:
            if parent is self.window:
                return True
            parent = parent.parentWidget()
        return False


# The tabs of a page whose tabs each have their own part of the user guide.
TAB_WIDGETS = {"Findings": "findingsTabs", "Reports": "reportsTabs"}


def cycle_combo_text(cycle: Cycle) -> str:
    return f"{cycle.name}: {counted(cycle.response_count, 'response')}"


def hc_has_cycle(hc: HealthCheckFile | None, cycle_id: int) -> bool:
    return hc is not None and any(c.id == cycle_id for c in hc.cycles.all())


def cycle_summary(cycle: Cycle) -> str:
    parts = [f"Survey window: {cycle.window}"]
    if cycle.staff_invited:
        parts.append(f"{cycle.staff_invited} staff invited")
    responses = f"{counted(cycle.response_count, 'response')}"
    if cycle.response_rate is not None and cycle.response_count:
        responses += f" ({percent_text(cycle.response_rate)} response rate)"
    parts.append(responses)
    parts.append(f"{counted(cycle.question_count, 'question')}")
    if cycle.source:
        parts.append(cycle.source)
    return " · ".join(parts)
