"""A box for a date that takes what people type (31/3/2027, 31 March 2027) and has a calendar to pick from.

QDateEdit edits a date section by section and silently rewrites what is typed (31 into a November day gives 3),
so a due date typed in full could be saved wrong; this box reads the whole text and says when it cannot."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QPoint, QRect, Qt, Signal
from PySide6.QtGui import QAction, QColor, QIcon, QKeyEvent, QPainter, QPixmap
from PySide6.QtWidgets import QCalendarWidget, QLineEdit, QMenu, QWidget, QWidgetAction

from ...domain.errors import InvalidInput
from ...domain.ukdates import format_uk_date, read_typed_date


class DateField(QLineEdit):
    """`date()` is the date typed (None when empty or unreadable); `problem()` says what is wrong with the text.
    Alt+Down or F4 opens the calendar, as in a drop-down list."""

    dateChanged = Signal(object)  # the new dt.date, or None

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.what = "date"
        self.setPlaceholderText("dd/mm/yyyy")
        self.setMaxLength(30)
        self.setToolTip(
            "Type a date as day/month/year (31/03/2027 or 31 March 2027), or press Alt+Down for a calendar."
        )
        self._calendar_action = QAction(_calendar_icon(), "Choose from a calendar", self)
        self._calendar_action.triggered.connect(self.show_calendar)
        self.addAction(self._calendar_action, QLineEdit.ActionPosition.TrailingPosition)
        self._last_date: dt.date | None = None
        self.textChanged.connect(self._text_changed)
        self.editingFinished.connect(self._tidy)

    # ------------------------------------------------------------------ reading and setting

    def date(self) -> dt.date | None:
        try:
            return self._read()
        except InvalidInput:
            return None

    def problem(self) -> str | None:
        """What is wrong with the text, in words; None when it is a date or empty."""
        try:
            self._read()
        except InvalidInput as problem:
            return str(problem)
        return None

    def problem_when_required(self, when_empty: str) -> str | None:
        """For a date that must be given: what is wrong with the text, or `when_empty` if there is none."""
        return self.problem() or (None if self.date() else when_empty)

    def setDate(self, value: dt.date | None) -> None:  # noqa: N802 (Qt's naming, as QDateEdit)
        self.setText(format_uk_date(value) if value else "")

    def _read(self) -> dt.date | None:
        if not self.text().strip():
            return None
        return read_typed_date(self.text(), self.what)

    def _text_changed(self) -> None:
        problem = self.problem()
        self.setProperty("invalid", problem is not None)
        self.setStyleSheet("QLineEdit { border: 1px solid #a4262c; }" if problem else "")
        self.setAccessibleDescription(problem or "")
        current = self.date()
        if current != self._last_date:
            self._last_date = current
            self.dateChanged.emit(current)

    def _tidy(self) -> None:
        """A date typed another way is shown as dd/mm/yyyy once the box is left, so the reader sees how it was read."""
        current = self.date()
        if current is not None and self.text() != format_uk_date(current):
            self.setDate(current)

    # ------------------------------------------------------------------ the calendar

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        opens = event.key() == Qt.Key.Key_F4 or (
            event.key() == Qt.Key.Key_Down and event.modifiers() & Qt.KeyboardModifier.AltModifier
        )
        if opens:
            self.show_calendar()
            return
        super().keyPressEvent(event)

    def show_calendar(self) -> None:
        if not self.isEnabled() or self.isReadOnly():
            return
        menu = QMenu(self)
        calendar = QCalendarWidget(menu)
        calendar.setGridVisible(True)
        calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        shown = self.date() or dt.date.today()
        calendar.setSelectedDate(QDate(shown.year, shown.month, shown.day))
        holder = QWidgetAction(menu)
        holder.setDefaultWidget(calendar)
        menu.addAction(holder)

        def chosen(picked: QDate) -> None:
            self.setDate(dt.date(picked.year(), picked.month(), picked.day()))
            menu.close()

        calendar.activated.connect(chosen)  # Enter or a double click
        calendar.clicked.connect(chosen)
        self.calendar = calendar  # for tests and assistive tools while it is open
        calendar.setFocus()
        menu.exec(self.mapToGlobal(QPoint(0, self.height())))
        self.calendar = None
        self.setFocus()


def _calendar_icon() -> QIcon:
    """A small calendar page, drawn rather than shipped, so it follows the platform's scale."""
    pixmap = QPixmap(32, 32)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    ink = QColor("#3c4650")
    painter.setPen(ink)
    painter.setBrush(QColor("white"))
    painter.drawRoundedRect(QRect(3, 6, 26, 23), 3, 3)
    painter.fillRect(QRect(4, 7, 25, 6), ink)
    painter.fillRect(QRect(9, 2, 3, 7), ink)
    painter.fillRect(QRect(21, 2, 3, 7), ink)
    for row in range(3):
        for column in range(4):
            painter.fillRect(QRect(7 + column * 5, 16 + row * 4, 3, 2), ink)
    painter.end()
    return QIcon(pixmap)
