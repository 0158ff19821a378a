"""Edit > Cut, Copy, Paste and Select All for whatever has the keyboard: text boxes do their own; a table, tree or
list copies its selected cells as rows of tab-separated text, ready to paste into Word or Excel. Each item is enabled
only when it can act on what has the keyboard (no Cut with nothing selected, no Paste into a table)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QMetaObject, QModelIndex, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QTableView,
    QTextEdit,
    QWidget,
)
from shiboken6 import isValid

# What each Edit menu item asks the focused text box to do, by the name Qt's text boxes share.
EDITS = (
    ("Cu&t", QKeySequence.StandardKey.Cut, "cut"),
    ("&Copy", QKeySequence.StandardKey.Copy, "copy"),
    ("&Paste", QKeySequence.StandardKey.Paste, "paste"),
    ("Select &All", QKeySequence.StandardKey.SelectAll, "selectAll"),
)


def add_edit_actions(parent: QWidget, menu: QMenu) -> dict[str, QAction]:
    """Add Cut, Copy, Paste and Select All to the Edit menu, acting on the widget with the keyboard focus. Their
    shortcuts are the usual ones: a text box still handles its own first, so typing is never interrupted."""
    menu.addSeparator()
    actions = {}
    for text, key, edit in EDITS:
        action = QAction(text, parent)
        action.setShortcut(key)
        action.triggered.connect(lambda _=False, edit=edit: edit_focused(edit))
        menu.addAction(action)
        actions[edit] = action
    enabler = EditActionsEnabler(actions, parent)
    menu.aboutToShow.connect(enabler.clipboard_changed)  # looks afresh, as the menu opens
    return actions


class EditActionsEnabler(QObject):
    """Keeps each Edit item enabled only while it can act: follows the keyboard focus, and the selection, text and
    read-only state of what has it, and the clipboard. Whether the clipboard holds text is read only when it changes,
    not at every key typed: asking the system for it can be slow."""

    def __init__(self, actions: dict[str, QAction], parent: QWidget):
        super().__init__(parent)
        self.actions = actions
        self.watched: list[QMetaObject.Connection] = []
        self.clipboard_has_text = bool(QApplication.clipboard().text())
        application = QApplication.instance()
        assert isinstance(application, QApplication)
        application.focusChanged.connect(self._focus_moved)
        QApplication.clipboard().dataChanged.connect(self.clipboard_changed)
        self._focus_moved(None, QApplication.focusWidget())

    def refresh(self) -> None:
        can = edits_possible(QApplication.focusWidget(), self.clipboard_has_text)
        for edit, action in self.actions.items():
            action.setEnabled(edit in can)

    def clipboard_changed(self) -> None:
        self.clipboard_has_text = bool(QApplication.clipboard().text())
        self.refresh()

    def _focus_moved(self, old: QWidget | None, new: QWidget | None) -> None:
        for connection in self.watched:
            QObject.disconnect(connection)
        self.watched = [signal.connect(self.refresh) for signal in changes_of(new)]
        if old is not None and isValid(old):  # not when focus leaves a widget being deleted
            old.removeEventFilter(self)
        if new is not None:
            new.installEventFilter(self)  # made read-only or disabled while it has the keyboard
        self.refresh()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in {QEvent.Type.ReadOnlyChange, QEvent.Type.EnabledChange}:
            self.refresh()
        return False


def changes_of(widget: QWidget | None) -> list:
    """The signals of a focused widget after which its Edit items may be able to do something else."""
    box = text_box_of(widget)
    if isinstance(box, QLineEdit):
        return [box.selectionChanged, box.textChanged]
    if isinstance(box, QTextEdit | QPlainTextEdit):
        return [box.selectionChanged, box.textChanged, box.copyAvailable]
    if isinstance(widget, QAbstractItemView) and widget.selectionModel() is not None:
        return [widget.selectionModel().selectionChanged, widget.selectionModel().currentChanged]
    return []


def edits_possible(widget: QWidget | None, clipboard_has_text: bool) -> set[str]:
    """Which of cut, copy, paste and selectAll can act on the widget with the keyboard focus."""
    box = text_box_of(widget)
    if box is not None:
        if isinstance(box, QLineEdit):
            selected, has_text = box.hasSelectedText(), bool(box.text())
            # A password box never gives its text away (Qt refuses too).
            secret = box.echoMode() != QLineEdit.EchoMode.Normal
            selected = selected and not secret
        else:
            selected, has_text = box.textCursor().hasSelection(), not box.document().isEmpty()
        writable = not box.isReadOnly() and box.isEnabled()
        possible = set()
        if selected:
            possible.add("copy")
            if writable:
                possible.add("cut")
        if writable and clipboard_has_text:
            possible.add("paste")
        if has_text:
            possible.add("selectAll")
        return possible
    if isinstance(widget, QAbstractItemView) and widget.model() is not None:
        possible = set()
        if widget.selectionModel() is not None and (widget.selectionModel().hasSelection() or current_cells(widget)):
            possible.add("copy")
        if widget.model().rowCount() and widget.selectionMode() in {
            QAbstractItemView.SelectionMode.ExtendedSelection,
            QAbstractItemView.SelectionMode.MultiSelection,
            QAbstractItemView.SelectionMode.ContiguousSelection,
        }:
            possible.add("selectAll")
        return possible
    return set()


def edit_focused(edit: str) -> None:
    widget = text_box_of(QApplication.focusWidget())
    if widget is not None:
        getattr(widget, edit)()  # a read-only box pastes and cuts nothing, as Qt makes it
        return
    view = QApplication.focusWidget()
    if isinstance(view, QAbstractItemView):
        if edit == "copy":
            copy_selection(view)
        elif edit == "selectAll":
            view.selectAll()


def text_box_of(widget: QWidget | None) -> QLineEdit | QTextEdit | QPlainTextEdit | None:
    if isinstance(widget, QLineEdit | QTextEdit | QPlainTextEdit):
        return widget
    if isinstance(widget, QAbstractSpinBox | QComboBox):
        return widget.lineEdit()
    return None


def copy_selection(view: QAbstractItemView) -> None:
    """The selected cells as tab-separated rows (a table's column headings first); the current cell when none is
    selected."""
    indexes = view.selectionModel().selectedIndexes() or current_cells(view)
    if not indexes:
        return
    indexes = sorted(indexes, key=lambda index: (row_path(index), index.column()))
    rows: dict[tuple[int, ...], dict[int, str]] = {}
    for index in indexes:
        rows.setdefault(row_path(index), {})[index.column()] = one_line(index.data(Qt.ItemDataRole.DisplayRole))
    columns = sorted({column for row in rows.values() for column in row})
    lines = ["\t".join(row.get(column, "") for column in columns) for row in rows.values()]
    model = view.model()
    if isinstance(view, QTableView) and len(indexes) > 1:
        headings = (model.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole) for c in columns)
        lines.insert(0, "\t".join(one_line(heading) for heading in headings))
    QApplication.clipboard().setText("\n".join(lines) + "\n")


def current_cells(view: QAbstractItemView) -> list[QModelIndex]:
    """With nothing selected, the current cell; or its whole row, where the view selects whole rows."""
    current = view.currentIndex()
    if not current.isValid():
        return []
    if view.selectionBehavior() != QAbstractItemView.SelectionBehavior.SelectRows:
        return [current]
    model = view.model()
    return [
        model.index(current.row(), column, current.parent()) for column in range(model.columnCount(current.parent()))
    ]


def row_path(index: QModelIndex) -> tuple[int, ...]:
    """Where a row is in a tree, top level first, so children follow their parent when copied."""
    path: list[int] = []
    while index.isValid():
        path.insert(0, index.row())
        index = index.parent()
    return tuple(path)


def one_line(value: object) -> str:
    return "" if value is None else " ".join(str(value).split())
