"""The Questionnaire page's Hand out menu: the paper form, the response template and the question list, each saved the
app's one way (where, in the background, then 'Open it?'), and the paper form's introduction, written as an undoable
edit."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMenu

from ...domain.errors import SwhcError
from ...outputs.exports.kinds import EXPORT_KINDS, ExportKind
from ...outputs.reports.kinds import REPORT_KINDS
from ...questionnaires.edits import ChangeCycleText
from ...questionnaires.handouts import INTRODUCTION_KEY, default_introduction, require_ready, stored_introduction
from ..common.messages import show_problem
from ..common.output_files import OutputFiles
from ..common.tasks import DialogTasks, TaskRunner
from .dialogs import IntroductionDialog

if TYPE_CHECKING:
    from .page import DesignerPage


class HandOuts(QObject):
    """The hand-outs of the cycle a Questionnaire page shows, made from its Hand out button's menu."""

    def __init__(self, page: "DesignerPage", tasks: TaskRunner | DialogTasks):
        super().__init__(page)
        self.page = page
        self.output_files = OutputFiles(tasks, page)
        self.output_files.saved.connect(lambda path, what: page.status_message.emit(f"Saved {what} as {path}."))
        self.menu = QMenu(page.handOutButton)
        for kind in (k for k in REPORT_KINDS if k.hand_out):
            self.menu.addAction(f"{kind.title} (PDF)…", partial(self.make_report, kind.name))
        for export_kind in (k for k in EXPORT_KINDS if k.hand_out):
            formats = ", ".join(f.label.split(" (")[0] for f in export_kind.formats)
            self.menu.addAction(f"{export_kind.title} ({formats})…", partial(self.make_export, export_kind))
        self.menu.addSeparator()
        self.menu.addAction("Paper form &introduction…", self.edit_introduction)
        page.handOutButton.setMenu(self.menu)

    def _ready(self) -> bool:
        """Whether the questionnaire shown can be handed out. One with errors is refused, in words, before the user is
        asked where to save (the hand-out, read in the background, is refused again if it changed since)."""
        page = self.page
        if page.hc is None or page.cycle is None or page.design is None:
            return False
        try:
            require_ready(page.design.questionnaire, page.cycle.name)
        except SwhcError as problem:
            show_problem(page, problem)
            return False
        return True

    def make_report(self, kind_name: str) -> None:
        if self._ready():
            self.output_files.make_report(self.page.hc, self.page.cycle, kind_name)

    def make_export(self, kind: ExportKind) -> None:
        if self._ready():
            self.output_files.export(self.page.hc, self.page.cycle, kind.what)

    def edit_introduction(self) -> None:
        """The words at the top of the paper form, kept with the cycle; saving them is an edit Ctrl+Z undoes."""
        hc, cycle = self.page.hc, self.page.cycle
        if hc is None or cycle is None:
            return
        stored = stored_introduction(hc, cycle)
        standard = default_introduction(hc.organisation.get(), cycle)
        dialog = IntroductionDialog(stored or standard, standard, self.page)
        if dialog.exec() != IntroductionDialog.DialogCode.Accepted:
            return
        new = dialog.text()
        if new != stored and self.page.push(ChangeCycleText(INTRODUCTION_KEY, stored, new)):
            self.page.status_message.emit("The paper form's introduction is saved.")
