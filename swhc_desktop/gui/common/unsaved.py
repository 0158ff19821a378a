"""Dialogs that never lose what was typed without asking: Escape, Cancel or the close box on a dialog the user has
changed asks "Discard what you typed?" first; a dialog left as it opened (or put back as it was) closes at once."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QDialog,
    QGroupBox,
    QInputDialog,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QTextEdit,
    QTreeWidget,
    QTreeWidgetItemIterator,
    QWidget,
)

from .messages import ask

# The one wording of the question, for every window that asks it (paper returns, actions, findings, cycles…).
DISCARD_QUESTION = "Discard what you typed?"
DISCARD_DETAIL = "What you typed in this window has not been saved. Choose Keep editing to go back to it."
DISCARD_BUTTON = "&Discard"
KEEP_BUTTON = "&Keep editing"


def _state(widget: QWidget) -> Hashable | None:
    """What the user can change in one widget, as a value to compare; None for a widget that takes no input."""
    if isinstance(widget, QLineEdit):
        return None if widget.isReadOnly() else widget.text()
    if isinstance(widget, QPlainTextEdit | QTextEdit):
        return None if widget.isReadOnly() else widget.toPlainText()
    if isinstance(widget, QComboBox):
        return (widget.currentIndex(), widget.currentText() if widget.isEditable() else None)
    if isinstance(widget, QAbstractSpinBox):
        return widget.text()
    if isinstance(widget, QAbstractButton):
        return widget.isChecked() if widget.isCheckable() else None
    if isinstance(widget, QGroupBox):
        return widget.isChecked() if widget.isCheckable() else None
    if isinstance(widget, QListWidget):
        return tuple(widget.item(row).checkState().value for row in range(widget.count()))
    if isinstance(widget, QTreeWidget):
        states = []
        iterator = QTreeWidgetItemIterator(widget)
        while iterator.value() is not None:
            states.append(iterator.value().checkState(0).value)
            iterator += 1
        return tuple(states)
    return None


class AsksBeforeDiscarding:
    """Mixed into a QDialog (put it first among the bases). The dialog calls `remember_as_untouched()` once it is
    filled in; from then on every way the user closes it without saving (Escape, Cancel, the close box: all reach
    `reject`) asks first if anything the user can change differs from then. Text typed and deleted again is not a
    change. Boxes that only search or filter are named in `not_counted_as_typing`. A dialog whose widgets come and go
    says what counts as unsaved in its own `has_unsaved_changes`."""

    def remember_as_untouched(self) -> None:
        self._untouched = self._snapshot()

    def not_counted_as_typing(self, *widgets: QWidget) -> None:
        # With the boxes a widget is made of (a number box's text), which follow what it shows.
        parts = {id(part) for widget in widgets for part in widget.findChildren(QWidget)}
        self._not_counted = {id(w) for w in widgets} | parts | getattr(self, "_not_counted", set())
        if hasattr(self, "_untouched"):
            self.remember_as_untouched()

    def _inputs(self) -> Iterable[QWidget]:
        assert isinstance(self, QWidget)
        skipped: set[int] = getattr(self, "_not_counted", set())
        return (w for w in self.findChildren(QWidget) if id(w) not in skipped)

    def _snapshot(self) -> dict[int, Hashable]:
        return {id(widget): state for widget in self._inputs() if (state := _state(widget)) is not None}

    def has_unsaved_changes(self) -> bool:
        untouched = getattr(self, "_untouched", None)
        if untouched is None:
            return False
        now = self._snapshot()
        return any(now.get(key) != value for key, value in untouched.items())

    def may_discard(self) -> bool:
        """True when closing loses nothing, or the user says to discard what they typed."""
        assert isinstance(self, QWidget)
        return not self.has_unsaved_changes() or ask(
            self,
            self.windowTitle() or "Discard",
            DISCARD_QUESTION,
            DISCARD_DETAIL,
            yes=DISCARD_BUTTON,
            no=KEEP_BUTTON,
        )

    def reject(self) -> None:
        if getattr(self, "_closed_by_the_app", False) or self.may_discard():
            super().reject()  # type: ignore[misc]

    def closeEvent(self, event: QCloseEvent) -> None:
        """The close box (a close the window system sends) asks as Escape does; a close by the app itself, as when
        its window goes, asks nothing: no one is there to answer."""
        self._closed_by_the_app = not event.spontaneous()
        try:
            super().closeEvent(event)  # type: ignore[misc]
        finally:
            self._closed_by_the_app = False


def asks_before_reloading(
    dialog: AsksBeforeDiscarding,
    selector: QComboBox | QAbstractSpinBox,
    reload: Callable[[], None],
    question: str = DISCARD_QUESTION,
) -> None:
    """A drop-down or number box that fills the dialog's form afresh (a year, a service): changed while the form holds
    something typed and not saved, it asks first; kept editing, the selector goes back to what it showed. The form as
    filled afresh counts as untouched. The selector itself is not counted as typing."""
    dialog.not_counted_as_typing(selector)
    if isinstance(selector, QAbstractSpinBox):
        selector.setKeyboardTracking(False)  # the year 2024 typed is one change, not 2, 20, 202 and 2024
    shown = [_selector_value(selector)]

    def changed(*_: object) -> None:
        if _selector_value(selector) == shown[0]:
            return
        # A dialog not on screen (being built, or closing) has no one to ask, and nothing typed by them.
        if (
            selector.isVisible()
            and dialog.has_unsaved_changes()
            and not ask(
                selector,
                selector.window().windowTitle() or "Discard",
                question,
                DISCARD_DETAIL,
                yes=DISCARD_BUTTON,
                no=KEEP_BUTTON,
            )
        ):
            _set_selector_value(selector, shown[0])
            return
        shown[0] = _selector_value(selector)
        reload()
        dialog.remember_as_untouched()

    if isinstance(selector, QComboBox):
        selector.currentIndexChanged.connect(changed)
    else:
        selector.valueChanged.connect(changed)


def _selector_value(selector: QComboBox | QAbstractSpinBox) -> object:
    return selector.currentIndex() if isinstance(selector, QComboBox) else selector.value()


def _set_selector_value(selector: QComboBox | QAbstractSpinBox, value: object) -> None:
    selector.blockSignals(True)
    if isinstance(selector, QComboBox):
        selector.setCurrentIndex(value)  # type: ignore[arg-type]
    else:
        selector.setValue(value)
    selector.blockSignals(False)


class _TextQuestion(AsksBeforeDiscarding, QInputDialog):
    pass


def ask_for_text(
    parent: QWidget | None, title: str, label: str, text: str = "", several_lines: bool = False
) -> str | None:
    """A box for a name (a theme's, say), or with `several_lines` for a note: the text typed, or None if the user
    closed it without it."""
    dialog = _TextQuestion(parent)
    if several_lines:
        dialog.setOption(QInputDialog.InputDialogOption.UsePlainTextEditForTextInput)
    dialog.setWindowTitle(title)
    dialog.setLabelText(label)
    dialog.setTextValue(text)
    dialog.setWindowFlag(Qt.WindowType.WindowContextHelpButtonHint, False)
    dialog.remember_as_untouched()
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.textValue()
