"""An unexpected error is logged and explained in plain words, and a change it interrupted is undone whole."""

from __future__ import annotations

import logging

import pytest

from swhc_desktop.gui import crash
from swhc_desktop.gui import main_window as main_window_module
from swhc_desktop.gui.crash import CrashHandler
from swhc_desktop.gui.dialogs import NewCycleDialog
from swhc_desktop.gui.main_window import MainWindow
from swhc_desktop.logs import configure_logging
from swhc_desktop.storage import HealthCheckFile

from .support.pages import add_main_window


@pytest.fixture
def shown(monkeypatch) -> list[str]:
    messages: list[str] = []

    def record(box):
        messages.append(f"{box.windowTitle()}\n{box.text()}\n{box.informativeText()}")
        return 0

    monkeypatch.setattr(crash.QMessageBox, "exec", record)
    return messages


def test_an_unexpected_error_is_logged_and_explained(qtbot, folders, shown):
    log_file = configure_logging(folders)
    handler = CrashHandler(log_file, parent=lambda: None)
    try:
        raise ZeroDivisionError("the analysis divided by nothing")
    except ZeroDivisionError as error:
        handler.handle(type(error), error, error.__traceback__)
    for h in logging.getLogger("swhc_desktop").handlers:
        h.flush()
    assert "ZeroDivisionError: the analysis divided by nothing" in log_file.read_text(encoding="utf-8")
    assert len(shown) == 1
    assert "Something went wrong" in shown[0]
    assert "Your health-check file is safe" in shown[0]
    assert str(log_file) in shown[0]
    assert "Traceback" not in shown[0]


def test_a_change_interrupted_by_an_error_leaves_the_file_as_it_was(qtbot, settings, folders, demo_path, monkeypatch):
    window = add_main_window(qtbot, MainWindow(settings, folders))
    window.open_path(demo_path)

    def choose(dialog: NewCycleDialog) -> int:
        dialog.nameEdit.setText("2026")
        dialog.accept()
        return dialog.result()

    def fail_half_way(self, cycle_id, questionnaire):
        raise RuntimeError("the disk controller hiccuped")

    monkeypatch.setattr(NewCycleDialog, "exec", choose)
    monkeypatch.setattr(type(window.hc.questionnaires), "add_questionnaire", fail_half_way)
    monkeypatch.setattr(main_window_module, "show_problem", lambda *a: pytest.fail("not a user error"))
    with qtbot.captureExceptions() as exceptions:
        window.actionNewCycle.trigger()
    assert [type(e[1]) for e in exceptions] == [RuntimeError]
    window._close_file()
    with HealthCheckFile.open(demo_path, read_only=True, folders=folders) as hc:
        assert [c.name for c in hc.cycles.all()] == ["2023", "2024", "2025"]


def test_an_error_on_a_worker_thread_is_logged_there_and_explained_on_the_gui_thread(qtbot, folders, monkeypatch):
    import sys
    import threading

    log_file = configure_logging(folders)
    shown_on: list[bool] = []

    def record(box):
        shown_on.append(threading.current_thread() is threading.main_thread())
        assert box.objectName() == "crashMessage" and "Something went wrong" in box.text()
        return 0

    monkeypatch.setattr(crash.QMessageBox, "exec", record)
    handler = CrashHandler(log_file, parent=lambda: None)
    hooks = sys.excepthook, threading.excepthook
    handler.install()
    try:

        def fail() -> None:
            raise ZeroDivisionError("a worker divided by nothing")

        worker = threading.Thread(target=fail)
        worker.start()
        worker.join()
        assert shown_on == [], "nothing is built on the worker thread"
        qtbot.waitUntil(lambda: bool(shown_on))
    finally:
        sys.excepthook, threading.excepthook = hooks
    for h in logging.getLogger("swhc_desktop").handlers:
        h.flush()
    assert "ZeroDivisionError: a worker divided by nothing" in log_file.read_text(encoding="utf-8")
    assert shown_on == [True]
