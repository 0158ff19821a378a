"""The Action plan page: the actions under the Standards, sortable and filterable, edited with undo."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent, QUndoStack
from PySide6.QtWidgets import QDialog, QHeaderView, QMenu, QWidget

from ...domain.changes import Change
from ...domain.errors import SwhcError
from ...domain.labels import FINDINGS_PAGE, KEY_FINDINGS_TAB, NEW_ACTION_BUTTON
from ...domain.plurals import counted
from ...domain.progress import Progress
from ...domain.records import Action, ActionDraft, ActionStatus, ActionUpdate, Cycle, Finding
from ...domain.standards import edition
from ...domain.ukdates import format_uk_date
from ...screens.action_changes import (
    AddAction,
    AddProgressUpdate,
    ChangeAction,
    ChangeProgressUpdate,
    DeleteAction,
    RemoveProgressUpdate,
)
from ...screens.action_plan import PlanFigures, action_html, plan_figures
from ...storage import HealthCheckFile
from ..common.empty_note import EmptyListNote, no_cycle_yet
from ..common.forms import load_form
from ..common.long_text import keep_rows_short
from ..common.messages import ask, on_background_error, show_problem
from ..common.output_files import OutputFiles
from ..common.tasks import TaskRunner
from ..common.undo import make_undoable
from .dialogs import ActionDialog, ProgressUpdateDialog
from .model import ACTION_ROLE, ANY, OPEN, ActionFilter, ActionTableModel

# --------------------------------------------------------------------------- the page


class ActionPlanPage(QWidget):
    contents_changed = Signal()

    def __init__(
        self,
        undo_stack: QUndoStack,
        tasks: TaskRunner,
        parent: QWidget | None = None,
        today: Callable[[], dt.date] = dt.date.today,
    ):
        super().__init__(parent)
        load_form("action_plan_page", self)
        self.undo_stack = undo_stack
        self.today = today
        self.tasks = tasks.shown_over(self)  # the window's runner: only one job uses the file at a time
        self.output_files = OutputFiles(tasks, self)
        self.hc: HealthCheckFile | None = None
        self.cycle: Cycle | None = None
        self.findings: list[Finding] = []
        self.figures = PlanFigures()
        self.generation = 0  # figures worked out for an earlier state of the plan are not shown
        self.model = ActionTableModel(self)
        self.proxy = ActionFilter(self)
        self.proxy.setSourceModel(self.model)
        self.actionTable.setModel(self.proxy)
        self.actionTable.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.actionTable.verticalHeader().hide()
        header = self.actionTable.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        # The action and its latest update share whatever width the window has; the rest keep enough for their
        # words, so that on a laptop's screen an action is still read in a few lines.
        for column in (1, 6):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        for column, width in ((0, 120), (2, 120), (3, 100), (4, 100), (5, 56), (7, 100), (8, 64)):
            header.resizeSection(column, width)
        self.splitter.setSizes([440, 160])
        # Titles, owners and updates wrap within their column, a few lines at most: the whole of each is in its
        # tooltip and in the pane below.
        keep_rows_short(self.actionTable)
        self.proxy.layoutChanged.connect(self.actionTable.resizeRowsToContents)
        self.proxy.modelReset.connect(self.actionTable.resizeRowsToContents)
        header.sectionResized.connect(lambda *_: self.actionTable.resizeRowsToContents())
        self._build_filters()
        self.newButton.clicked.connect(self.new_action)
        self.editButton.clicked.connect(self.edit_action)
        self.deleteButton.clicked.connect(self.delete_action)
        self.updateButton.clicked.connect(self.add_progress_update)
        self.actionTable.doubleClicked.connect(lambda _: self.edit_action())
        # Each progress update in the detail pane has Edit and Delete links (Tab reaches them, Enter follows one).
        self.detailView.setOpenLinks(False)
        self.detailView.anchorClicked.connect(self._update_link_followed)
        self.actionTable.selectionModel().selectionChanged.connect(lambda *_: self._selection_changed())
        self._build_print_menu()
        self.exportButton.clicked.connect(self.export_plan)
        self.empty_note = EmptyListNote(self.actionTable)
        for signal in (
            self.proxy.modelReset,
            self.proxy.layoutChanged,
            self.proxy.rowsInserted,
            self.proxy.rowsRemoved,
        ):
            signal.connect(self._say_if_empty)

    def _build_filters(self) -> None:
        self._name_standards(None)
        self.statusFilter.addItem("Any status", ANY)
        self.statusFilter.addItem("Open (not complete or dropped)", OPEN)
        for status in ActionStatus:
            self.statusFilter.addItem(status.label, status.value)
        self.standardFilter.currentIndexChanged.connect(
            lambda: self._filter(standard=self.standardFilter.currentData())
        )
        self.ownerFilter.currentIndexChanged.connect(lambda: self._filter(owner=self.ownerFilter.currentData()))
        self.statusFilter.currentIndexChanged.connect(lambda: self._filter(status=self.statusFilter.currentData()))
        self.overdueFilter.toggled.connect(lambda on: self._filter(overdue_only=on))
        self.findEdit.textChanged.connect(lambda text: self._filter(words=text))

    def _name_standards(self, standards_edition: str | None) -> None:
        """The Standard filter names the Standards as the shown cycle's edition does; the Standard chosen stays."""
        chosen = self.standardFilter.currentData()
        self.standardFilter.blockSignals(True)
        self.standardFilter.clear()
        self.standardFilter.addItem("All Standards", None)
        for number, standard in edition(standards_edition).standards.items():
            self.standardFilter.addItem(standard.short_label, number)
        self.standardFilter.setCurrentIndex(max(0, self.standardFilter.findData(chosen)))
        self.standardFilter.blockSignals(False)

    @property
    def standards_edition(self) -> str | None:
        return self.cycle.standards_edition if self.cycle is not None else None

    def _filter(self, **changes: Any) -> None:
        self.proxy.set_filter(**changes)
        self._show_count()

    # ------------------------------------------------------------------ showing

    def show_cycle(self, hc: HealthCheckFile | None, cycle: Cycle | None) -> None:
        if (hc, cycle and cycle.id) != (self.hc, self.cycle and self.cycle.id):
            self.figures = PlanFigures()
            self.model.set_effects({})
        self.hc, self.cycle = hc, cycle
        self.reload()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if (
            self.hc is not None
            and self.cycle is not None
            and self.hc.findings.for_cycle(self.cycle.id) != self.findings
        ):
            self.reload()  # findings were written on the Findings page since

    def reload(self, select_id: int | None = None) -> None:
        hc, cycle = self.hc, self.cycle
        selected = select_id if select_id is not None else self.selected_id()
        writable = hc is not None and cycle is not None and not hc.read_only
        self.newButton.setEnabled(writable)
        for button in (self.printButton, self.exportButton):
            button.setEnabled(hc is not None and cycle is not None)
        if hc is None or cycle is None:
            self.model.set_actions([], {}, self.today())
            self.findings = []
        else:
            cycles = hc.cycles.all()
            self.model.set_actions(
                hc.actions.plan_for(cycle, cycles), {c.id: c.name for c in cycles}, self.today(), self.standards_edition
            )
            self.findings = hc.findings.for_cycle(cycle.id)
        self._name_standards(self.standards_edition)
        self._refill_owners()
        self._show_count()
        self._say_if_empty()
        if selected is not None:
            self.select(selected)
        self._selection_changed()
        self._work_out_figures()

    def _say_if_empty(self, *_: object) -> None:
        """An empty plan says how to start one; a plan whose filters hide every action says so."""
        if self.hc is not None and self.cycle is None:
            self.empty_note.say(no_cycle_yet("plan here what will be done about the year's findings."))
        elif self.cycle is None or self.proxy.rowCount():
            self.empty_note.say("")
        elif self.model.actions:
            self.empty_note.say(
                "No action matches what is chosen above. Choose 'All Standards', 'Everyone' and "
                "'Any status', or clear 'Find an action', to see the whole plan."
            )
        else:
            self.empty_note.say(
                f"No actions yet for {self.cycle.name}. An action answers an area for improvement in your key "
                f"findings ({FINDINGS_PAGE}, {KEY_FINDINGS_TAB}): press {NEW_ACTION_BUTTON} to say what will be "
                "done, who owns it and by when, then add progress updates as the year goes on."
            )

    def _work_out_figures(self) -> None:
        """The figures of the actions' findings and their effects, worked out in the background."""
        self.generation += 1
        hc, cycle, generation = self.hc, self.cycle, self.generation
        if hc is None or cycle is None:
            return
        actions = list(self.model.actions)

        def show(figures: PlanFigures) -> None:
            if generation == self.generation:  # figures of a plan since changed are dropped
                self._show_figures(figures)

        self.tasks.run(
            "Working out the effect of each action…",
            lambda progress: plan_figures(hc, cycle, actions),
            on_done=show,
            on_error=on_background_error(self, still_wanted=lambda: generation == self.generation),
        )

    def _show_figures(self, figures: "PlanFigures") -> None:
        self.figures = figures
        self.model.set_effects({i: e.effects for i, e in figures.evidence.items()})
        self._selection_changed()

    def _refill_owners(self) -> None:
        current = self.ownerFilter.currentData()
        self.ownerFilter.blockSignals(True)
        self.ownerFilter.clear()
        self.ownerFilter.addItem("Everyone", None)
        for owner in sorted({a.owner for a in self.model.actions if a.owner}):
            self.ownerFilter.addItem(owner, owner)
        self.ownerFilter.setCurrentIndex(max(0, self.ownerFilter.findData(current)))
        self.ownerFilter.blockSignals(False)
        self.proxy.set_filter(owner=self.ownerFilter.currentData())

    def _show_count(self) -> None:
        total = len(self.model.actions)
        shown = self.proxy.rowCount()
        overdue = sum(a.is_overdue(self.model.today) for a in self.model.actions)
        text = f"{shown} of {counted(total, 'action')}" if shown != total else f"{counted(total, 'action')}"
        if overdue:
            text += f" · <span style='color:#a4262c'><b>{overdue} overdue</b></span>"
        self.countLabel.setText(text)

    def selected_id(self) -> int | None:
        indexes = self.actionTable.selectionModel().selectedRows()
        return indexes[0].data(ACTION_ROLE).id if indexes else None

    def selected_action(self) -> Action | None:
        indexes = self.actionTable.selectionModel().selectedRows()
        return indexes[0].data(ACTION_ROLE) if indexes else None

    def select(self, action_id: int) -> None:
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if index.data(ACTION_ROLE).id == action_id:
                self.actionTable.selectRow(row)
                self.actionTable.scrollTo(index)
                return

    def _selection_changed(self) -> None:
        action = self.selected_action()
        writable = self.hc is not None and not self.hc.read_only and action is not None
        for button in (self.editButton, self.deleteButton, self.updateButton):
            button.setEnabled(writable)
        self.detailView.setHtml(
            action_html(
                action,
                self.model.today,
                self.model.cycle_names,
                self.figures,
                self.findings,
                self.standards_edition,
                update_links=writable,
            )
            if action
            else "<p style='color:gray'>Choose an action to see what will be done, what it answers "
            "and its progress.</p>"
        )

    # ------------------------------------------------------------------ editing

    def _questions(self) -> tuple[list[tuple[str, str]], dict[str, int]]:
        """The questions an action can be linked to, as listed, and the Standard of each question that has one."""
        if self.hc is None or self.cycle is None:
            return [], {}
        questionnaire = self.hc.questionnaires.load(self.cycle.id)
        numbers = questionnaire.numbering()
        listed = [
            (q.code, f"{numbers[q.code]}. {q.title}")
            for q in questionnaire.questions()
            if q.qtype.has_options or q.qtype.value == "number"
        ]
        return listed, {q.code: q.standard for q in questionnaire.questions() if q.standard}

    def _dialog(self, draft: ActionDraft | None, raised_in_cycle_id: int | None = None) -> ActionDialog:
        """The editor offers this cycle's findings and, for an action carried over, those of the cycle that raised
        it, so that its links to them are kept."""
        assert self.hc is not None and self.cycle is not None
        findings = self.hc.findings.for_cycle(self.cycle.id)
        if raised_in_cycle_id is not None and raised_in_cycle_id != self.cycle.id:
            findings = self.hc.findings.for_cycle(raised_in_cycle_id) + findings
        names = self.model.cycle_names

        def describe(finding: Finding) -> str:
            cycle = "" if finding.cycle_id == self.cycle.id else f" ({names.get(finding.cycle_id, '')})"
            figures = self.figures.finding_figures.get(finding.id, ())
            shown = f"  —  {'; '.join(f.short() for f in figures)}" if figures else ""
            return f"{finding.kind.label}{cycle}: {finding.text}{shown}"

        questions, question_standards = self._questions()
        return ActionDialog(
            draft,
            findings,
            questions,
            self.hc.actions.owners(),
            self,
            today=self.today(),
            describe_finding=describe,
            standards_edition=self.standards_edition,
            question_standards=question_standards,
        )

    def new_action(self) -> None:
        if self.hc is None or self.cycle is None or self.hc.read_only:
            return
        dialog = self._dialog(None)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        draft = dialog.draft()
        undo = self._change(AddAction(self.cycle.id, draft, f"add action '{draft.title.strip()}'"))
        if isinstance(undo, DeleteAction):
            self.reload(select_id=undo.action_id)

    def edit_action(self) -> None:
        action = self.selected_action()
        if action is None or self.hc is None or self.hc.read_only:
            return
        dialog = self._dialog(action.draft, action.raised_in_cycle_id)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        after = dialog.draft()
        if after == action.draft:
            return
        if self._change(ChangeAction(action.id, after, f"change action '{after.title}'")) is not None:
            self.reload(select_id=action.id)

    def delete_action(self) -> None:
        action = self.selected_action()
        if action is None or self.hc is None or self.hc.read_only:
            return
        if not ask(
            self,
            "Delete action",
            f"Delete '{action.title}' and its progress updates?",
            "You can undo this with Ctrl+Z.",
            yes="Delete",
        ):
            return
        if self._change(DeleteAction(action.id, f"delete action '{action.title}'")) is not None:
            self.reload()

    def add_progress_update(self) -> None:
        action = self.selected_action()
        if action is None or self.hc is None or self.hc.read_only:
            return
        dialog = ProgressUpdateDialog(action, self, today=self.today())
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        if self._change(AddProgressUpdate(action.id, dialog.written_on(), dialog.text())) is not None:
            self.reload(select_id=action.id)

    def _update_link_followed(self, url) -> None:
        what, _, number = url.toString().partition(":")
        action = self.selected_action()
        update = next((u for u in action.updates if str(u.id) == number), None) if action else None
        if action is None or update is None or self.hc is None or self.hc.read_only:
            return
        if what == "edit-update":
            self.edit_progress_update(action, update)
        elif what == "delete-update":
            self.delete_progress_update(action, update)

    def edit_progress_update(self, action: Action, update: ActionUpdate) -> None:
        dialog = ProgressUpdateDialog(action, self, today=self.today(), update=update)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        if (dialog.written_on(), dialog.text()) == (update.written_on, update.text):
            return
        change = ChangeProgressUpdate(
            action.id, update.id, dialog.written_on(), dialog.text(), f"change progress update of '{action.title}'"
        )
        if self._change(change) is not None:
            self.reload(select_id=action.id)

    def delete_progress_update(self, action: Action, update: ActionUpdate) -> None:
        if not ask(
            self,
            "Delete progress update",
            f"Delete the progress update of {format_uk_date(update.written_on)} on '{action.title}'?",
            "You can undo this with Ctrl+Z.",
            yes="Delete",
        ):
            return
        change = RemoveProgressUpdate(action.id, update.id, f"delete progress update of '{action.title}'")
        if self._change(change) is not None:
            self.reload(select_id=action.id)

    def _change(self, change: Change) -> Change | None:
        """Make a change to the plan and put it on the undo stack; a refused change is shown, and None returned."""
        assert self.hc is not None
        try:
            return make_undoable(self.undo_stack, self.hc, change, self, lambda _: self.reload())
        except SwhcError as problem:
            show_problem(self, problem)
            return None

    # ------------------------------------------------------------------ printing and exporting

    def _build_print_menu(self) -> None:
        menu = QMenu(self.printButton)
        menu.addAction("Print the &action plan…", lambda: self.print_report("action-plan"))
        menu.addAction("Print '&You said, we did' for staff…", lambda: self.print_report("you-said-we-did"))
        menu.addSeparator()
        menu.addAction("Save the action plan as &PDF…", lambda: self.save_report("action-plan"))
        menu.addAction("Save the action plan as &Word document…", lambda: self.save_report("action-plan", "docx"))
        menu.addAction("Save the action plan as a &web page…", lambda: self.save_report("action-plan", "html"))
        menu.addSeparator()
        menu.addAction("Save 'You said, we did' as P&DF…", lambda: self.save_report("you-said-we-did"))
        menu.addAction(
            "Save 'You said, we did' as W&ord document…", lambda: self.save_report("you-said-we-did", "docx")
        )
        menu.addAction("Save 'You said, we did' as a web pa&ge…", lambda: self.save_report("you-said-we-did", "html"))
        self.printButton.setMenu(menu)
        self.print_menu = menu
        shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Print), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(lambda: self.print_report("action-plan"))

    def _plan_as_printed(self) -> Callable[[Progress], Any]:
        """How the plan's documents read it: this cycle's, as of the page's today (taken now, not when it is read)."""
        from ...outputs.content.action_plan import read_action_plan

        hc, cycle, today = self.hc, self.cycle, self.today()
        return lambda progress: read_action_plan(hc, cycle, today, progress)

    def print_report(self, kind_name: str) -> None:
        if self.hc is not None and self.cycle is not None:
            self.output_files.print_report(self.hc, self.cycle, kind_name, read=self._plan_as_printed())

    def save_report(self, kind_name: str, format_name: str = "pdf") -> None:
        """Save the plan or 'You said, we did' as a PDF, or as an accessible Word document or web page."""
        if self.hc is not None and self.cycle is not None:
            self.output_files.make_report(
                self.hc, self.cycle, kind_name, read=self._plan_as_printed(), format_name=format_name
            )

    def export_plan(self) -> None:
        if self.hc is not None and self.cycle is not None:
            self.output_files.export(self.hc, self.cycle, "actions", read=self._plan_as_printed())
