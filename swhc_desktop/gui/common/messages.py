"""Message boxes for problems the user can act on: the problem, then what to do, never a traceback."""

from __future__ import annotations

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
