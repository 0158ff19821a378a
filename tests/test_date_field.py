"""The date box: what is typed is read whole (never rewritten section by section), and a calendar is a key away."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtWidgets import QApplication

from swhc_desktop.domain.errors import InvalidInput
from swhc_desktop.domain.ukdates import read_typed_date
from swhc_desktop.gui.common.date_field import DateField


@pytest.mark.parametrize(
    "typed",
    [
        "31/3/2027",
        "31/03/2027",
        "31-03-27",
        "31.03.2027",
        "31 March 2027",
        "31 Mar 27",
        "31st March 2027",
        "2027-03-31",
        " 31 / 03 / 2027 ",
    ],
)
def test_a_date_is_read_as_people_type_it(typed):
    assert read_typed_date(typed) == dt.date(2027, 3, 31)


@pytest.mark.parametrize(
    "typed, says",
    [
        ("31/04/2027", "April 2027 has 30 days"),
        ("29/02/2027", "February 2027 has 28"),
        ("13/13/2027", "month from 1 to 12"),
        ("next Tuesday", "is not a date"),
        ("03/31/2027", "month from 1 to 12"),
        ("1/1/0027", "Type the year in full"),
    ],
)
def test_a_date_that_cannot_be_read_is_refused_in_words(typed, says):
    with pytest.raises(InvalidInput, match=says):
        read_typed_date(typed, "due date")


@pytest.fixture
def field(qtbot):
    box = DateField()
    qtbot.addWidget(box)
    box.show()
    return box


def test_typing_a_date_in_full_gives_that_date_whatever_the_box_held(field, qtbot):
    """QDateEdit turned a typed 31/03/2027 into 03/01/2027 when the box held a November date."""
    field.setDate(dt.date(2026, 11, 22))
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, "31/03/2027")
    assert field.date() == dt.date(2027, 3, 31) and field.problem() is None


def test_a_date_typed_another_way_is_shown_as_dd_mm_yyyy_when_the_box_is_left(field, qtbot):
    changes = []
    field.dateChanged.connect(changes.append)
    qtbot.keyClicks(field, "1 april 27")
    field.editingFinished.emit()
    assert field.text() == "01/04/2027" and changes[-1] == dt.date(2027, 4, 1)


def test_an_unreadable_date_is_marked_in_the_box_and_has_no_date(field, qtbot):
    qtbot.keyClicks(field, "31/04/2027")
    assert field.date() is None and "April 2027 has 30 days" in field.problem()
    assert field.property("invalid") is True and "30 days" in field.accessibleDescription()
    field.clear()
    assert field.problem() is None and field.date() is None and field.property("invalid") is False


def test_alt_down_opens_a_calendar_and_enter_takes_its_day(field, qtbot):
    field.setDate(dt.date(2027, 3, 31))
    seen = []

    def pick_the_next_day():
        calendar = field.calendar
        seen.append(calendar.selectedDate())
        calendar.setSelectedDate(QDate(2027, 4, 1))
        qtbot.keyClick(calendar.focusWidget(), Qt.Key.Key_Return)

    def close_anything_left_open():  # so that a calendar Enter failed to close cannot hang the suite
        if QApplication.activePopupWidget() is not None:
            QApplication.activePopupWidget().close()

    QTimer.singleShot(100, pick_the_next_day)
    QTimer.singleShot(3000, close_anything_left_open)
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert seen == [QDate(2027, 3, 31)]
    assert field.date() == dt.date(2027, 4, 1) and field.text() == "01/04/2027"
