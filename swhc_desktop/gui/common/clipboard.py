"""Edit > Cut, Copy, Paste and Select All for whatever has the keyboard: text boxes do their own; a table, tree or
list copies its selected cells as rows of tab-separated text, ready to paste into Word or Excel."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
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
    return actions


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
