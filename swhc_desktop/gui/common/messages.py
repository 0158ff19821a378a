"""Message boxes for problems the user can act on: the problem, then what to do, never a traceback; and the one answer
to work that failed in the background."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QMessageBox, QWidget

from ... import APP_NAME
from ...domain.errors import SwhcError


def show_problem(parent: QWidget | None, error: SwhcError) -> None:
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(f"{error.title} – {APP_NAME}")
    box.setText(error.message)
    if error.advice:
        box.setInformativeText(error.advice)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.setObjectName("problemMessage")
    box.exec()


def ask(
    parent: QWidget | None, title: str, question: str, detail: str = "", yes: str = "Yes", no: str = "Cancel"
) -> bool:
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(f"{title} – {APP_NAME}")
    box.setText(question)
    if detail:
        box.setInformativeText(detail)
    yes_button = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    no_button = box.addButton(no, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(no_button)
    box.setEscapeButton(no_button)
    box.setObjectName("questionMessage")
    box.exec()
    return box.clickedButton() is yes_button


def on_background_error(
    parent: QWidget | None,
    tell: Callable[[SwhcError], None] | None = None,
    after: Callable[[], object] | None = None,
    still_wanted: Callable[[], bool] = lambda: True,
) -> Callable[[BaseException, str], None]:
    """What to do when work run by the task runner fails, as its `on_error`: a problem the user can act on is told
    (by `tell`, else in a message over `parent`); any other error is raised again on the GUI thread, where the crash
    handler logs it and explains it in plain words. `after` puts the caller's state right, whatever the error; a
    problem with work nobody is waiting for any more (`still_wanted` false: the file or cycle has changed since) is
    not told, but a fault always reaches the crash handler."""

    def failed(error: BaseException, trace: str) -> None:
        wanted = still_wanted()
        if wanted and after is not None:
            after()
        if not isinstance(error, SwhcError):
            raise error
        if not wanted:
            return
        if tell is not None:
            tell(error)
        else:
            show_problem(parent, error)

    return failed
