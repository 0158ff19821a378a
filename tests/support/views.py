"""What a view shows, read back as the user sees it."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex


def tree_rows(page, parent=None, depth: int = 0) -> list[tuple[int, list[str]]]:
    model = page.proxy
    parent = parent or QModelIndex()
    rows = []
    for row in range(model.rowCount(parent)):
        cells = [model.index(row, column, parent).data() or "" for column in range(model.columnCount(parent))]
        rows.append((depth, cells))
        rows.extend(tree_rows(page, model.index(row, 0, parent), depth + 1))
    return rows
