"""The app behaves as a desktop app should: dialogs open centred over the window, the mouse wheel scrolls a page of
charts, and an empty page says what to do in lines that can be read."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from swhc_desktop.gui.findings.page import FindingsPage


def wheel_down(widget: QWidget, notches: int = 3) -> None:
    """Turn the mouse wheel towards the user with the pointer over the middle of `widget`."""
    centre = QPointF(widget.width() / 2, widget.height() / 2)
    for _ in range(notches):
        event = QWheelEvent(
            centre,
            QPointF(widget.mapToGlobal(centre.toPoint())),
            QPoint(0, 0),
            QPoint(0, -120),
            Qt.MouseButton.NoButton,
            Qt.KeyboardModifier.NoModifier,
            Qt.ScrollPhase.NoScrollPhase,
            False,
        )
        QApplication.sendEvent(widget, event)


def test_the_mouse_wheel_over_a_chart_scrolls_the_dashboard(hc, make_page, qtbot):
    page = make_page(FindingsPage, parent=make_page.window)
    make_page.window.resize(1366, 728)
    make_page.window.show()
    page.show_cycle(hc, hc.cycles.by_name("2025"))
    qtbot.waitUntil(lambda: len(page.dashboard.charts) == 5, timeout=20000)
    scroll = page.dashboard.dashboardScroll.verticalScrollBar()
    qtbot.waitUntil(lambda: scroll.maximum() > 0)  # laid out: the charts run below the window
    assert scroll.value() == 0
    wheel_down(page.dashboard.charts[0].canvas)
    assert scroll.value() > 0  # the page moved under the pointer, over the chart
    moved = scroll.value()
    wheel_down(page.dashboard.charts[1].canvas)
    assert scroll.value() > moved


def dialog_forms() -> list[tuple[str, str]]:
    """Every form in ui/ that is a dialog or wizard, with its class."""
    from xml.etree import ElementTree

    from swhc_desktop.paths import ui_dir

    forms = []
    for path in sorted(ui_dir().glob("*.ui")):
        root_class = ElementTree.parse(path).getroot().find("widget").get("class")
        if root_class in ("QDialog", "QWizard"):
            forms.append((path.stem, root_class))
    return forms


@pytest.mark.parametrize(("form", "kind"), dialog_forms())
def test_every_dialog_opens_centred_over_the_window(form, kind, qtbot):
    from PySide6.QtWidgets import QWizard

    from swhc_desktop.gui.common.forms import load_form

    window = QWidget()
    qtbot.addWidget(window)
    screen = QApplication.primaryScreen().availableGeometry()
    window.setGeometry(screen.adjusted(40, 60, -40, -60))  # the main window, away from the screen's corner
    window.show()
    dialog = (QWizard if kind == "QWizard" else QDialog)(window)
    load_form(form, dialog)
    dialog.resize(min(dialog.width(), window.width() - 20), min(dialog.height(), window.height() - 20))
    dialog.show()
    qtbot.waitExposed(dialog)
    centre, over = dialog.frameGeometry().center(), window.frameGeometry().center()
    assert abs(centre.x() - over.x()) <= 2 and abs(centre.y() - over.y()) <= 2, (dialog.geometry(), window.geometry())
    dialog.close()
