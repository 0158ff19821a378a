"""The last line of defence: an unexpected error is logged and explained in plain words, and the app carries on."""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QObject, QThread, Signal
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from .. import APP_NAME
from ..logs import LOGGER_NAME

log = logging.getLogger(LOGGER_NAME)


def crash_message(log_file: Path) -> tuple[str, str]:
    return (
        "Something went wrong inside SWHC Desktop, so the last thing you asked for may not have finished.",
        "Your health-check file is safe: every change is saved as you make it, and a change that was interrupted "
        f"is undone as a whole.\n\nThe details have been written to:\n{log_file}\n\n"
        "Please send that file to your IT support or to the SWHC Desktop team.",
    )


class _ToGuiThread(QObject):
    """Carries an error raised on another thread to the GUI thread, the only one that may show a window: a signal
    emitted on a worker thread is delivered through the GUI thread's event loop."""

    raised = Signal()
    interrupted = Signal()


class CrashHandler:
    """Replaces sys.excepthook (and threading.excepthook) while the app runs. An error on any thread is logged where
    it happened; the message about it is shown by the GUI thread."""

    def __init__(self, log_file: Path, parent: Callable[[], QWidget | None]):
        self.log_file = log_file
        self.parent = parent
        self.showing = False
        self._to_gui_thread: _ToGuiThread | None = None

    def install(self) -> None:
        """Called on the GUI thread, once the application exists."""
        app = QCoreApplication.instance()
        if app is not None:
            self._to_gui_thread = _ToGuiThread(app)  # lives in the GUI thread, so its slots run there
            self._to_gui_thread.raised.connect(self.explain)
            self._to_gui_thread.interrupted.connect(QCoreApplication.quit)
        sys.excepthook = self.handle
        threading.excepthook = lambda args: self.handle(args.exc_type, args.exc_value, args.exc_traceback)

    def handle(self, kind: type[BaseException], error: BaseException | None, trace: TracebackType | None) -> None:
        log.error("Unexpected error:\n%s", "".join(traceback.format_exception(kind, error, trace)))
        if QCoreApplication.instance() is None:
            return
        if not QThread.isMainThread():
            # Never build a window here: widgets belong to the GUI thread (the thread that made the application), so
            # the message is posted to it.
            if self._to_gui_thread is not None:
                posted = self._to_gui_thread
                (posted.interrupted if issubclass(kind, KeyboardInterrupt) else posted.raised).emit()
            return
        if issubclass(kind, KeyboardInterrupt):
            QApplication.quit()
            return
        self.explain()

    def explain(self) -> None:
        """The message about an unexpected error, on the GUI thread."""
        if self.showing:
            return  # one message at a time: a second error while the first is on screen is only logged
        self.showing = True
        try:
            text, detail = crash_message(self.log_file)
            box = QMessageBox(self.parent())
            box.setObjectName("crashMessage")
            box.setIcon(QMessageBox.Icon.Critical)
            box.setWindowTitle(f"Something went wrong – {APP_NAME}")
            box.setText(text)
            box.setInformativeText(detail)
            box.exec()
        finally:
            self.showing = False
