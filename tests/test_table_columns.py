"""A column that fills a table's spare width, but keeps enough to be read when the table is narrow."""

from __future__ import annotations

from PySide6.QtWidgets import QTableWidget

from swhc_desktop.gui.common.table_columns import fill_with_column


def test_the_wording_column_fills_a_wide_table_and_keeps_its_minimum_in_a_narrow_one(qtbot):
    table = QTableWidget(3, 4)
    qtbot.addWidget(table)
    for column in (1, 2, 3):
        table.setColumnWidth(column, 90)
    fill_with_column(table, 0, 180)
    table.resize(800, 200)
    table.show()
    qtbot.waitExposed(table)
    others = 3 * 90
    qtbot.waitUntil(lambda: table.columnWidth(0) == table.viewport().width() - others)
    assert table.columnWidth(0) > 180
    table.resize(300, 200)  # narrower than the other columns need: the table scrolls sideways instead
    qtbot.waitUntil(lambda: table.columnWidth(0) == 180)
    table.setColumnWidth(2, 60)  # the PSW narrows another column: the spare width goes to the wording
    table.resize(800, 200)
    qtbot.waitUntil(lambda: table.columnWidth(0) == table.viewport().width() - 240)
