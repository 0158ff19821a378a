"""The one background runner as the user sees it: work that takes a while shows a progress dialog over the window;
quiet work, whose page says itself that something is coming, never does."""

from __future__ import annotations

import threading

from PySide6.QtWidgets import QApplication, QProgressDialog

from swhc_desktop.gui.common.tasks import SHOW_PROGRESS_AFTER_MS


def progress_shown() -> bool:
    return any(
        isinstance(w, QProgressDialog) and w.objectName() == "taskProgress" and w.isVisible()
        for w in QApplication.topLevelWidgets()
    )


def held_work(tasks, done: list, quiet: bool) -> threading.Event:
    """Work that runs until released, its answer added to `done`."""
    release = threading.Event()

    def failed(error, trace):
        raise error

    tasks.run("Working…", lambda progress: release.wait(30), on_done=done.append, on_error=failed, quiet=quiet)
    return release


def test_quiet_work_shows_no_progress_dialog_however_long_it_takes(tasks, qtbot):
    done: list = []
    release = held_work(tasks, done, quiet=True)
    qtbot.wait(SHOW_PROGRESS_AFTER_MS * 2)
    assert tasks.busy and not progress_shown()
    release.set()
    qtbot.waitUntil(lambda: done == [True], timeout=10000)
    assert not tasks.busy and not progress_shown()


def test_other_work_that_takes_a_while_shows_one(tasks, qtbot):
    done: list = []
    release = held_work(tasks, done, quiet=False)
    qtbot.waitUntil(progress_shown, timeout=10000)
    release.set()
    qtbot.waitUntil(lambda: done == [True], timeout=10000)
    qtbot.waitUntil(lambda: not progress_shown(), timeout=10000)
