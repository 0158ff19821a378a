"""The questionnaire designer, driven as a PSW would: choosing, typing, dragging, undoing and redoing; what it
shows and what it saves to the file; the changes it refuses and why."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QUndoStack

from swhc_desktop.cycles import start_cycle
from swhc_desktop.gui.designer import page as page_module
from swhc_desktop.gui.designer.page import DesignerPage
from swhc_desktop.gui.designer.tree import ItemKey
from swhc_desktop.storage import HealthCheckFile


def tree_rows(page: DesignerPage, parent=None, depth: int = 0) -> list[tuple[int, list[str]]]:
    model = page.proxy
    parent = parent or QModelIndex()
    rows = []
    for row in range(model.rowCount(parent)):
        cells = [model.index(row, column, parent).data() or "" for column in range(model.columnCount(parent))]
        rows.append((depth, cells))
        rows.extend(tree_rows(page, model.index(row, 0, parent), depth + 1))
    return rows
