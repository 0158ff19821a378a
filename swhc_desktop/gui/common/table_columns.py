"""A table column that takes the width the others leave, but never less than enough to read it."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QAbstractItemView, QHeaderView


class _FillColumn(QObject):
    def __init__(self, table: QAbstractItemView, column: int, minimum: int):
        super().__init__(table)
        self.table, self.column, self.minimum = table, column, minimum

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.fit()
        return False

    def fit(self) -> None:
        header = self.table.horizontalHeader()
        others = sum(
            header.sectionSize(c) for c in range(header.count()) if c != self.column and not header.isSectionHidden(c)
        )
        header.resizeSection(self.column, max(self.minimum, self.table.viewport().width() - others))


def fill_with_column(table: QAbstractItemView, column: int, minimum: int) -> None:
    """Like a stretched column, except that when the table is too narrow the column keeps `minimum` pixels and the
    table scrolls sideways, rather than squeezing the column to an ellipsis."""
    header = table.horizontalHeader()
    header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
    existing = table.findChild(_FillColumn)
    if existing is not None:  # a table filled again (a wizard page shown again) keeps its one filler
        existing.column, existing.minimum = column, minimum
        existing.fit()
        return
    filler = _FillColumn(table, column, minimum)
    table.viewport().installEventFilter(filler)

    def refit(index: int, *_: object) -> None:
        if index != column:  # the filled column is resized by the filler itself
            filler.fit()

    header.sectionResized.connect(refit)
    filler.fit()
