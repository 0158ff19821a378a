"""The Findings page: the dashboard, the question explorer, the comments and the key findings, each computed off the
GUI thread."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QShowEvent, QUndoStack
from PySide6.QtWidgets import QWidget

from ...domain.errors import SwhcError
from ...domain.labels import NEW_CYCLE
from ...domain.progress import Progress
from ...domain.records import Cycle
from ...screens.explorer_memory import ExplorerMemory
from ...screens.findings import (
    DashboardRest,
    DashboardResult,
    ExplorerResult,
    comments_with_help_work,
    dashboard_rest_work,
    dashboard_tiles_work,
    explorer_work,
)
from ...screens.key_findings import key_findings_work
from ...storage import HealthCheckFile
from ..common.empty_note import no_cycle_yet, no_responses_yet, page_note, say
from ..common.forms import load_form
from ..common.messages import on_background_error, show_problem
from ..common.tasks import TaskRunner
from ..common.undo import make_undoable
from .comments import CommentsView
from .dashboard import Dashboard, IndicatorSettingsDialog
from .explorer import QuestionExplorer
from .key_findings import KeyFindingsView


class FindingsPage(QWidget):
    """What the survey found. Work is only done for the tab on show, and only while the page is visible."""

    def __init__(self, tasks: TaskRunner, undo_stack: QUndoStack, parent: QWidget | None = None):
        super().__init__(parent)
        load_form("findings_page", self)
        self.tasks = tasks.shown_over(self)
        self.undo_stack = undo_stack
        self.hc: HealthCheckFile | None = None
        self.cycle: Cycle | None = None
        self.generation = 0
        self.shown: dict[str, int] = {}  # tab name -> the generation it shows
        self.explorer_memory: ExplorerMemory | None = None  # what the explorer worked out for the cycle shown
        self._explorer_asked = 0  # the explorer's latest request: the work of one overtaken by another is skipped
        self._dashboard_asked = 0  # the dashboard's latest load: the rest of one overtaken by another is dropped
        self.dashboard = Dashboard(self.dashboardTab)
        self.dashboardTabLayout.addWidget(self.dashboard)
        self.explorer = QuestionExplorer(self.explorerTab)
        self.explorerTabLayout.addWidget(self.explorer)
        self.comments = CommentsView(undo_stack, self.commentsTab)
        self.commentsTabLayout.addWidget(self.comments)
        self.key_findings = KeyFindingsView(undo_stack, self.keyFindingsTab)
        self.keyFindingsTabLayout.addWidget(self.key_findings)
        self.findingsTabs.currentChanged.connect(lambda *_: self.refresh_visible())
        self.dashboard.question_requested.connect(self.open_question)
        self.dashboard.settings_requested.connect(self.edit_indicators)
        self.explorer.refresh_requested.connect(self._explorer_changed)
        self.comments.changed.connect(self._comments_changed)
        self.note = page_note(self.findingsLayout, self)

    # ------------------------------------------------------------------ the page protocol

    def show_cycle(self, hc: HealthCheckFile | None, cycle: Cycle | None) -> None:
        self.hc, self.cycle = hc, cycle
        self.generation += 1
        self.shown.clear()
        self.explorer_memory = ExplorerMemory(hc) if hc is not None else None
        self.explorer.forget_charts()
        if hc is not None and cycle is None:
            say(
                self.note,
                no_cycle_yet(
                    "this page shows what its survey found: the headline indicators, each "
                    "question's results, the comments and your key findings."
                ),
            )
        elif cycle is not None and not cycle.response_count:
            say(self.note, no_responses_yet(cycle.name, "this page shows what they say."))
        else:
            say(self.note, "")
        self.findingsTabs.setVisible(hc is None or cycle is not None)
        self.explorer.set_questionnaire(hc.questionnaires.load(cycle.id) if hc and cycle else None)
        self.refresh_visible()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh_visible()

    def refresh_visible(self) -> None:
        if not self.isVisible():
            return
        tab = self.findingsTabs.currentWidget()
        if tab is self.dashboardTab:
            self._load("dashboard")
        elif tab is self.explorerTab:
            self._load("explorer")
        elif tab is self.keyFindingsTab:
            self._load("key_findings")
        else:
            self._load("comments")

    # ------------------------------------------------------------------ background work

    def _load(self, name: str) -> None:
        if self.shown.get(name) == self.generation:
            return
        self.shown[name] = self.generation
        hc, cycle, generation = self.hc, self.cycle, self.generation
        if hc is None or cycle is None:
            first = (
                "Open a health check to see its findings."
                if hc is None
                else f"This health check has no cycles yet. Start one with {NEW_CYCLE}, then import its responses."
            )
            self.dashboard.clear(first)
            self.key_findings.clear(first)
            return
        work: Callable[[Progress], Any]
        done: Callable[[Any], None]
        if name == "dashboard":
            self._dashboard_asked += 1
            asked = self._dashboard_asked
            work, done = (lambda progress: dashboard_tiles_work(hc, cycle)), (lambda t: self._dashboard_done(t, asked))
        elif name == "explorer":
            code = self.explorer.current_code()
            if code is None:
                return
            work, done = self._explorer_work(hc, cycle, code), self._explorer_done
        elif name == "key_findings":
            work, done = (
                (lambda progress: key_findings_work(hc, cycle)),
                (lambda data: self.key_findings.show_findings(hc, cycle, data)),
            )
        else:
            work, done = (
                (lambda progress: comments_with_help_work(hc, cycle)),
                (lambda found: self.comments.show_comments(hc, *found)),
            )

        def show(result: Any) -> None:
            if generation == self.generation:  # a result for a cycle or file no longer shown is dropped
                done(result)

        self.tasks.run(
            "Working out the findings…",
            work,
            on_done=show,
            on_error=on_background_error(
                self, after=lambda: self.shown.pop(name, None), still_wanted=lambda: generation == self.generation
            ),
        )

    def _explorer_work(self, hc: HealthCheckFile, cycle: Cycle, code: str) -> Callable[[Progress], Any]:
        """The explorer's current choice, with only the chart on show drawn, from what the page has kept for the
        cycle. Skipped when the PSW has moved on before it starts (holding a key down the list of questions)."""
        within, by = self.explorer.current_filter(), self.explorer.current_breakdown()
        charts = self.explorer.charts_wanted()
        memory = self.explorer_memory
        self._explorer_asked += 1
        asked = self._explorer_asked

        def work(progress: Progress) -> ExplorerResult | None:
            if asked != self._explorer_asked:
                return None
            return explorer_work(hc, cycle, code, within, by, memory, charts)

        return work

    def _explorer_done(self, shown: ExplorerResult | None) -> None:
        if shown is not None:
            self.explorer.show_result(shown)

    def _dashboard_done(self, tiles: DashboardResult, asked: int) -> None:
        if asked != self._dashboard_asked:
            return  # loaded again since (new indicators, an undo): the later load shows its own
        assert self.cycle is not None
        self.dashboard.show_dashboard(self.cycle.name, tiles.indicators, tiles.charts, tiles.standards)
        if tiles.charts is None:
            self._load_dashboard_rest(tiles, asked)

    def _load_dashboard_rest(self, tiles: DashboardResult, asked: int) -> None:
        """The dashboard's charts and each group's Standards scores, worked out once its tiles are on show, with no
        dialog: the page says they are coming. Dropped, or never started, once the dashboard is loaded again or
        another cycle or file is shown."""
        hc, cycle, generation = self.hc, self.cycle, self.generation
        assert hc is not None and cycle is not None

        def wanted() -> bool:
            return generation == self.generation and asked == self._dashboard_asked

        def work(progress: Progress) -> DashboardRest | None:
            return dashboard_rest_work(hc, cycle, tiles) if wanted() else None

        def show(rest: DashboardRest | None) -> None:
            if rest is not None and wanted():
                self.dashboard.show_charts(rest.charts)
                self.dashboard.standards.show_groups(rest.by_group)

        self.tasks.run(
            "Drawing the dashboard's charts and working out each group's Standards scores…",
            work,
            on_done=show,
            on_error=on_background_error(self, after=self._dashboard_rest_failed, still_wanted=wanted),
            quiet=True,
        )

    def _dashboard_rest_failed(self) -> None:
        self.shown.pop("dashboard", None)  # worked out afresh when the dashboard is next shown
        self.dashboard.charts_failed()
        self.dashboard.standards.groups_failed()

    def _explorer_changed(self) -> None:
        self.shown.pop("explorer", None)
        self.refresh_visible()

    def _comments_changed(self) -> None:
        self.shown.pop("comments", None)
        self.shown.pop("key_findings", None)  # themes are behind some suggested findings
        self.refresh_visible()

    # ------------------------------------------------------------------ actions

    def open_question(self, code: str) -> None:
        """From a dashboard tile to its question in the explorer."""
        self.findingsTabs.setCurrentWidget(self.explorerTab)
        self.explorer.select_question(code)

    def edit_indicators(self) -> None:
        from ...analysis.indicators import ChangeIndicators, load_indicators

        hc = self.hc
        if hc is None:
            return
        questionnaire = hc.questionnaires.load(self.cycle.id) if self.cycle is not None else None
        dialog = IndicatorSettingsDialog(load_indicators(hc), self, questionnaire)
        if hc.read_only:
            dialog.setWindowTitle(dialog.windowTitle() + " (read-only file)")
        if dialog.exec() != IndicatorSettingsDialog.DialogCode.Accepted or hc.read_only:
            return
        try:
            make_undoable(
                self.undo_stack,
                hc,
                ChangeIndicators(tuple(dialog.chosen())),
                self,
                lambda _: self._indicators_changed(),
            )
        except SwhcError as problem:
            show_problem(self, problem)
            return
        self._indicators_changed()

    def _indicators_changed(self) -> None:
        self.shown.pop("dashboard", None)
        self.shown.pop("key_findings", None)  # thresholds decide which indicators are suggested
        self.refresh_visible()
