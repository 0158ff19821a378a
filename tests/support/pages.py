"""Builds the app's pages, panels and dialogs for a test as the main window builds its pages (as napari's
make_napari_viewer builds a viewer): with one window's undo stack, task runner and output files."""

from __future__ import annotations

import inspect
from typing import Any, TypeVar

from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QWidget

from swhc_desktop.gui.common.output_files import OutputFiles
from swhc_desktop.gui.common.tasks import TaskRunner

Widget = TypeVar("Widget", bound=QWidget)

# Longer than any job of the suite takes on a busy machine; only a job that never ends reaches it.
IDLE_TIMEOUT_MS = 120_000


def wait_until_idle(qtbot, tasks: TaskRunner) -> None:
    """Until every background job has finished and its answer has been delivered on the GUI thread."""
    qtbot.waitUntil(lambda: not tasks.busy, timeout=IDLE_TIMEOUT_MS)


def add_main_window(qtbot, window):
    """Give the main window to qtbot, which closes it after the test (closing its file) only once the window's own
    background jobs have finished: a window asked to close while busy would wait for the user."""
    qtbot.addWidget(window, before_close_func=lambda closing: wait_until_idle(qtbot, closing.tasks))
    return window


def demo_at_laptop_size(qtbot, window, demo_path):
    """The main window given to qtbot, shown at a laptop's 1366x728 with the demo open, as a PSW first sees it."""
    add_main_window(qtbot, window)
    window.resize(1366, 728)
    window.show()
    qtbot.waitExposed(window)
    window.open_path(demo_path)
    return window


class PageFactory:
    """`make_page(ActionPlanPage, today=...)`: builds the widget, filling in any of its parameters named undo_stack,
    tasks or output_files that the test does not give with the window's own, and gives its window to qtbot.

    `window` is the top-level widget that owns the task runner, as the main window does; a page built with
    `parent=make_page.window` sits in it. Every widget is closed, and every file the test opened is closed, only once
    the last background job has finished (see the `tasks` fixture)."""

    def __init__(self, qtbot, tasks: TaskRunner):
        self.qtbot = qtbot
        self.tasks = tasks
        self.window: QWidget = tasks.parent_widget
        self.undo_stack = QUndoStack(self.window)
        self.output_files = OutputFiles(tasks, self.window)
        self._given_to_qtbot: list[QWidget] = [self.window]

    def __call__(self, widget_class: type[Widget], *args: Any, **kwargs: Any) -> Widget:
        parameters = inspect.signature(widget_class).parameters
        for name in ("undo_stack", "tasks", "output_files"):
            if name in parameters and name not in kwargs:
                kwargs[name] = getattr(self, name)
        widget = widget_class(*args, **kwargs)
        window = widget.window()
        if not any(window is given for given in self._given_to_qtbot):
            self.qtbot.addWidget(window)
            self._given_to_qtbot.append(window)
        return widget

    def wait_until_idle(self) -> None:
        wait_until_idle(self.qtbot, self.tasks)
