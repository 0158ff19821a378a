"""The Question explorer timed as the PSW waits for it: from a change made on the Findings page's controls (another
question picked in the list, a breakdown or a filter chosen in its box) to the page's figures shown and the chart on
show drawn on the screen.

The Findings page is built as the main window builds it (its task runner, Python's garbage collected on the GUI
thread as the app does), in a window of 1300 x 760 on Qt's offscreen screen, the explorer's tab in view. A change is
answered when no background work is left running or waiting, the page has shown what the work found, and the chart
on show has been painted since it was given its figure (matplotlib draws a chart on its canvas's first paint). Each
change is timed from a page that has just been shown the file again, so that nothing of the changed choice was kept
by an earlier run: the explorer has worked out only the choice before it, as it has when the PSW makes the change.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("MPLBACKEND", "Agg")

WINDOW = (1300, 760)
LONGEST_WAIT_SECONDS = 600.0  # only a change that never ends reaches it


@dataclass(frozen=True)
class Choice:
    question: str
    filter: str | None = None  # "dimension:option", as the filter box holds it
    breakdown: str | None = None


@dataclass(frozen=True)
class Change:
    name: str
    tab: str  # the tab in view: "chart", "trend", "breakdown" or "table"
    before: Choice
    after: Choice


# The three changes of the scaling benchmark, each with the tab that shows what it changes in view.
CHANGES = (
    Change("question", "chart", Choice("scale_3"), Choice("scale_7")),
    Change("breakdown", "breakdown", Choice("scale_7"), Choice("scale_7", breakdown="team")),
    Change("filter", "chart", Choice("multi_3"), Choice("multi_3", filter="team:team_2")),
)


class ExplorerOnScreen:
    """A Findings page showing one cycle of an open file, on which changes are made and timed."""

    def __init__(self, hc, cycle):
        from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
        from PySide6.QtGui import QUndoStack
        from PySide6.QtWidgets import QApplication, QWidget

        from swhc_desktop.gui.common.tasks import GarbageCollectedOnGuiThread, TaskRunner
        from swhc_desktop.gui.findings.page import FindingsPage

        self.app = QApplication.instance() or QApplication([])
        watch_paints(FigureCanvasQTAgg)
        self.collector = GarbageCollectedOnGuiThread(self.app)
        self.window = QWidget()
        self.window.resize(*WINDOW)
        self.tasks = TaskRunner(self.window)
        self.page = FindingsPage(self.tasks, QUndoStack(self.window), self.window)
        self.page.resize(*WINDOW)
        self.page.findingsTabs.setCurrentWidget(self.page.explorerTab)
        self.window.show()
        self.hc, self.cycle = hc, cycle
        self.explorer = self.page.explorer
        self.views = {"chart": self.explorer.chart_view, "trend": self.explorer.trend_view}
        self.views["breakdown"] = self.explorer.breakdown_view
        self.tabs = {"chart": self.explorer.chartTab, "trend": self.explorer.trendTab}
        self.tabs |= {"breakdown": self.explorer.breakdownTab, "table": self.explorer.tableTab}

    def close(self) -> None:
        self.wait_until_answered(time.perf_counter())
        self.tasks.wait()
        self.window.close()
        self.window.deleteLater()
        self.app.processEvents()
        self.collector.stop()

    def seconds(self, change: Change) -> tuple[float, float]:
        """One change timed, from the page shown afresh at the choice before it: the seconds the PSW waits, and the
        processor's seconds spent on it by the app's threads (which a loaded machine stretches far less). Nothing is
        kept from an earlier run's reads, only what the choice before it read, as on first making the change."""
        self.hc.answers.forget_kept_reads()
        self.page.show_cycle(self.hc, self.cycle)
        self.explorer.resultTabs.setCurrentWidget(self.tabs[change.tab])
        self.choose(change.before)
        self.wait_until_answered(time.perf_counter())
        start, processor = time.perf_counter(), time.process_time()
        self.choose(change.after)
        waited = self.wait_until_answered(start)
        return waited, time.process_time() - processor

    def choose(self, choice: Choice) -> None:
        """As the PSW does: each box that differs set, then the question picked in the list."""
        explorer = self.explorer
        for combo, data in ((explorer.filterCombo, choice.filter), (explorer.breakdownCombo, choice.breakdown)):
            if combo.currentData() != data:
                combo.setCurrentIndex(combo.findData(data))
        if explorer.current_code() != choice.question:
            explorer.select_question(choice.question)

    def answered(self) -> bool:
        if self.tasks.busy:
            return False
        shown = next((n for n, tab in self.tabs.items() if self.explorer.resultTabs.currentWidget() is tab), "table")
        view = self.views.get(shown)
        return view is None or view.canvas is None or getattr(view.canvas, "painted_at", None) is not None

    def wait_until_answered(self, start: float) -> float:
        """Waits for the page's events (blocking, so the waiting costs no processor time of its own)."""
        from PySide6.QtCore import QEventLoop

        while not self.answered():
            self.app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
            if time.perf_counter() - start > LONGEST_WAIT_SECONDS:
                raise TimeoutError("the explorer did not answer")
        return time.perf_counter() - start


def watch_paints(canvas_class) -> None:
    """Note on each chart's canvas when it was first painted with its chart drawn."""
    if getattr(canvas_class, "paints_watched", False):
        return
    paint = canvas_class.paintEvent

    def paint_noted(canvas, event) -> None:
        paint(canvas, event)
        if hasattr(canvas, "renderer") and not hasattr(canvas, "painted_at"):
            canvas.painted_at = time.perf_counter()

    canvas_class.paintEvent = paint_noted
    canvas_class.paints_watched = True


def explorer_on_screen(hc, cycle, runs: int) -> dict[str, tuple[float, float]]:
    """For each change of CHANGES, the best of `runs`: (seconds waited, processor seconds)."""
    screen = ExplorerOnScreen(hc, cycle)
    try:
        for change in CHANGES:  # once first: matplotlib's fonts and Qt's widgets loaded, as in a session
            screen.seconds(change)
        timed = {change.name: [screen.seconds(change) for _ in range(runs)] for change in CHANGES}
        return {name: (min(w for w, _ in runs_), min(p for _, p in runs_)) for name, runs_ in timed.items()}
    finally:
        screen.close()
