"""Long text in a table or tree (an action, a progress update, a finding, a comment): each row kept to a few lines, the
last one shortened with '…', and the whole text in the row's tooltip, wrapped to a readable width, and in the detail
pane beside the table."""

from __future__ import annotations

import html
import re

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QTreeView,
)

SHOWN_LINES = 4  # enough to read what an action or comment is about; the rest is one hover or click away
TOOLTIP_WRAP_AFTER = 80  # characters: a longer tooltip is wrapped, not one line wider than the screen
ROW_PADDING = 8  # pixels above and below the text in a row
ZERO_WIDTH_SPACE = "\u200b"  # where a line may break, drawn as nothing


def row_height(view: QAbstractItemView, lines: int = SHOWN_LINES) -> int:
    """The height of a row that shows `lines` lines of the view's text."""
    return lines * view.fontMetrics().lineSpacing() + ROW_PADDING


def keep_rows_short(table: QTableView, lines: int = SHOWN_LINES) -> None:
    """Rows grow with their wrapped text only up to `lines` lines; the last line shown ends with '…'."""
    table.setWordWrap(True)
    table.setTextElideMode(Qt.TextElideMode.ElideRight)
    table.verticalHeader().setMaximumSectionSize(row_height(table, lines))


def whole_text_tooltip(text: str) -> str:
    """A cell's whole text as a tooltip: a long one as a paragraph, which Qt wraps (plain text it never wraps); a word
    longer than a line (a pasted link) may break anywhere, so that no tooltip is wider than the screen."""
    text = text.strip()
    if len(text) <= TOOLTIP_WRAP_AFTER and "\n" not in text:
        return text
    breakable = re.sub(rf"\S{{{TOOLTIP_WRAP_AFTER}}}", lambda part: part.group() + ZERO_WIDTH_SPACE, text)
    return "<p style='white-space:pre-wrap'>" + html.escape(breakable) + "</p>"


class ShortWrappingDelegate(QStyledItemDelegate):
    """Rows of a tree or list as tall as their text needs at the column's width (a tree view does not work that out by
    itself), but never more than `lines` lines: the last line shown ends with '…'."""

    def __init__(self, tree: QTreeView | QListView, lines: int = SHOWN_LINES):
        super().__init__(tree)
        self.tree, self.lines = tree, lines
        tree.setWordWrap(True)
        tree.setTextElideMode(Qt.TextElideMode.ElideRight)
        if isinstance(tree, QTreeView):
            tree.setUniformRowHeights(False)
            # Rows are laid out again when their column is resized.
            tree.header().sectionResized.connect(lambda *_: tree.doItemsLayout())
        else:
            tree.setUniformItemSizes(False)
            tree.setResizeMode(QListView.ResizeMode.Adjust)  # laid out again as the list is resized

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:  # noqa: N802 (Qt's name)
        hint = super().sizeHint(option, index)
        text = index.data(Qt.ItemDataRole.DisplayRole) or ""
        tree = self.tree
        if isinstance(tree, QTreeView):
            width = tree.columnWidth(index.column())
        else:
            width = tree.viewport().width() - 2 * tree.spacing()
        if index.column() == 0:
            depth, parent = 0, index.parent()
            while parent.isValid():
                depth, parent = depth + 1, parent.parent()
            if isinstance(tree, QTreeView):
                width -= tree.indentation() * (depth + int(tree.rootIsDecorated()))
            if index.data(Qt.ItemDataRole.CheckStateRole) is not None:
                width -= self.tree.style().pixelMetric(QStyle.PixelMetric.PM_IndicatorWidth) + 6
        font = index.data(Qt.ItemDataRole.FontRole) or option.font
        margin = 2 * self.tree.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 4
        metrics = QFontMetrics(font)
        bounds = metrics.boundingRect(QRect(0, 0, max(40, width - margin), 100000), int(Qt.TextFlag.TextWordWrap), text)
        tallest = self.lines * metrics.lineSpacing() + 6
        # Qt's own hint may wrap the text in a narrower width than the row has: it too is kept to `lines` lines.
        shown_width = hint.width() if isinstance(tree, QTreeView) else min(hint.width(), max(40, width))
        return QSize(shown_width, min(max(hint.height(), bounds.height() + 6), tallest))
