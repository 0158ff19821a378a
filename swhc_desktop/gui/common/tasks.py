"""Runs long core work off the GUI thread, one job at a time, with a progress dialog that appears only if the work
takes a while; and keeps Python's garbage collection on the GUI thread, where Qt's objects may be deleted."""

from __future__ import annotations

import gc
import threading
import traceback
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from ...domain.progress import Cancelled, Progress

# Work that finishes sooner than this never flashes a dialog at the user (Anki uses the same delay).
SHOW_PROGRESS_AFTER_MS = 600


class _Signals(QObject):
    progressed = Signal(int, int, str)
    finished = Signal(object)
    failed = Signal(object, str)
    cancelled = Signal()


class _Job(QRunnable):
    def __init__(self, work: Callable[[Progress], Any], signals: _Signals, cancel_requested: threading.Event):
        super().__init__()
        self.work = work
        self.signals = signals
        self.cancel_requested = cancel_requested

    def run(self) -> None:
        progress = Progress(report=self.signals.progressed.emit, is_cancelled=self.cancel_requested.is_set)
        try:
            result = self.work(progress)
        except Cancelled:
            self.signals.cancelled.emit()
        except BaseException as error:  # the GUI thread decides how to show it
            self.signals.failed.emit(error, traceback.format_exc())
        else:
            self.signals.finished.emit(result)


class TaskRunner(QObject):
    """One background thread for all work that touches a health-check file, so only one job uses it at a time. The
    main window owns the one runner; every page and dialog is given it (see `shown_over`)."""

    def __init__(self, parent: QWidget):
        super().__init__(parent)
        self.parent_widget = parent
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self._running = 0
        self._running_quietly = 0

    @property
    def busy(self) -> bool:
        return self._running > 0

    @property
    def shows_work(self) -> bool:
        """Whether work the user is shown the progress of is running or waiting (not only quiet work)."""
        return self._running > self._running_quietly

    def run(
        self,
        label: str,
        work: Callable[[Progress], Any],
        on_done: Callable[[Any], object],
        on_error: Callable[[BaseException, str], None],
        on_cancelled: Callable[[], None] | None = None,
        cancellable: bool = True,
        shown_over: QWidget | None = None,
        quiet: bool = False,
    ) -> None:
        """Run `work(progress)` in the background; call one of the callbacks on the GUI thread when it ends. The
        progress dialog shows over `shown_over` (a dialog that asked for the work), else over the window; `quiet`
        work, which follows other work on its own and whose widget says it is coming, shows none."""
        cancel_requested = threading.Event()
        signals = _Signals(self)
        dialog = QProgressDialog(label, "Cancel" if cancellable else "", 0, 0, shown_over or self.parent_widget)
        dialog.setObjectName("taskProgress")
        dialog.setWindowTitle("Please wait")
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setMinimumDuration(0)
        if not cancellable:
            dialog.setCancelButton(None)
        dialog.canceled.connect(cancel_requested.set)
        dialog.canceled.connect(lambda: dialog.setLabelText("Cancelling…"))
        dialog.hide()
        show_timer = QTimer(self)
        show_timer.setSingleShot(True)
        show_timer.timeout.connect(dialog.show)
        if not quiet:
            show_timer.start(SHOW_PROGRESS_AFTER_MS)

        def on_progress(done: int, total: int, message: str) -> None:
            dialog.setMaximum(max(total, 0))
            dialog.setValue(min(done, total) if total else 0)
            if message and not cancel_requested.is_set():
                dialog.setLabelText(message)

        def finish(callback: Callable[..., object], *args: Any) -> None:
            show_timer.stop()
            if shiboken6.isValid(dialog):
                dialog.close()
                dialog.deleteLater()
            signals.deleteLater()
            self._running -= 1
            self._running_quietly -= quiet
            if shown_over is not None and not shiboken6.isValid(shown_over):
                return  # the page or dialog that asked for the work has gone: nobody is waiting for the answer
            callback(*args)

        signals.progressed.connect(on_progress)
        signals.finished.connect(lambda result: finish(on_done, result))
        signals.failed.connect(lambda error, trace: finish(on_error, error, trace))
        signals.cancelled.connect(lambda: finish(on_cancelled or (lambda: None)))
        self._running += 1
        self._running_quietly += quiet
        self.pool.start(_Job(work, signals, cancel_requested))

    def wait(self, milliseconds: int = 30000) -> bool:
        return self.pool.waitForDone(milliseconds)

    def shown_over(self, widget: QWidget) -> "DialogTasks":
        """This runner, for a page or dialog: its work still waits its turn with every other job on the file, its
        progress shows over the widget, and its results are delivered only while the widget exists."""
        return DialogTasks(self, widget)


class DialogTasks:
    """The window's task runner as a dialog uses it (see `TaskRunner.shown_over`)."""

    def __init__(self, runner: TaskRunner, widget: QWidget):
        self.runner, self.widget = runner, widget

    @property
    def busy(self) -> bool:
        return self.runner.busy

    @property
    def shows_work(self) -> bool:
        return self.runner.shows_work

    def wait(self, milliseconds: int = 30000) -> bool:
        return self.runner.wait(milliseconds)

    def shown_over(self, widget: QWidget) -> "DialogTasks":
        return self.runner.shown_over(widget)

    def run(
        self,
        label: str,
        work: Callable[[Progress], Any],
        on_done: Callable[[Any], object],
        on_error: Callable[[BaseException, str], None],
        on_cancelled: Callable[[], None] | None = None,
        cancellable: bool = True,
        quiet: bool = False,
    ) -> None:
        self.runner.run(label, work, on_done, on_error, on_cancelled, cancellable, shown_over=self.widget, quiet=quiet)


class GarbageCollectedOnGuiThread(QObject):
    """While it runs, Python's cyclic garbage collector runs only on the GUI thread, from a timer, instead of on
    whichever thread happens to allocate. A collection on the worker thread that frees a widget left in a reference
    cycle deletes it off the GUI thread, and the app crashes without a word (pyqtgraph's GarbageCollector does the
    same for the same reason). Made on the GUI thread; `stop` gives collection back to Python."""

    def __init__(self, parent: QObject | None = None, every_ms: int = 500):
        super().__init__(parent)
        self.thresholds = gc.get_threshold()
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.collect)
        gc.disable()
        self.timer.start(every_ms)

    def collect(self) -> None:
        collect_due_garbage(self.thresholds)

    def stop(self) -> None:
        self.timer.stop()
        gc.collect()
        gc.enable()


def collect_due_garbage(thresholds: tuple[int, ...]) -> None:
    """Collect the generations Python would have collected by now (see `gc.set_threshold`), youngest first."""
    for generation, (count, threshold) in enumerate(zip(gc.get_count(), thresholds)):
        if count <= threshold:
            break
        gc.collect(generation)
