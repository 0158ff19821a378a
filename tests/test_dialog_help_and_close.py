"""Every dialog can be left and explained: F1 in a dialog in front of the window opens the user guide at the dialog's
part, in front of the dialog and usable while it is open; every window and dialog has a button that closes it, and
Escape closes it too (the theme chart's window had neither a Close button nor a part of the guide)."""

from __future__ import annotations

import importlib
import pkgutil

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QAbstractButton, QApplication, QDialog, QDialogButtonBox, QPushButton

import swhc_desktop.gui
from swhc_desktop.gui.guide_window import GuideWindow
from swhc_desktop.gui.main_window import MainWindow
from swhc_desktop.screens.guide import DIALOG_TOPICS, read_sections

from .support.pages import demo_at_laptop_size, wait_until_idle

# Dialogs that are no part of the year of their own: the guide itself, and a box asking for one name or note, whose
# F1 opens the part for the dialog or page it was asked from.
NO_PART_OF_THEIR_OWN = {"GuideWindow", "_TextQuestion"}


def every_dialog_class() -> list[type]:
    for module in pkgutil.walk_packages(swhc_desktop.gui.__path__, "swhc_desktop.gui."):
        importlib.import_module(module.name)
    found, waiting = [], list(QDialog.__subclasses__())
    while waiting:
        cls = waiting.pop()
        waiting.extend(cls.__subclasses__())
        if cls.__module__.startswith("swhc_desktop.gui"):
            found.append(cls)
    return found


def test_every_dialog_of_the_app_has_a_part_of_the_guide_that_is_there():
    topics = {section.topic for section in read_sections()}
    classes = {cls.__name__ for cls in every_dialog_class()}
    assert {"ActionDialog", "NationalScoresDialog", "ImportWizard", "ThemeChartWindow"} <= classes
    assert classes - NO_PART_OF_THEIR_OWN <= set(DIALOG_TOPICS), "a dialog with no part of the guide for F1"
    assert set(DIALOG_TOPICS.values()) <= topics, "a dialog's part of the guide is not in the guide"


@pytest.fixture
def window(qtbot, folders, demo_path, tmp_path):
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = demo_at_laptop_size(qtbot, MainWindow(settings, folders), demo_path)
    yield window
    window._close_file()


def in_the_dialog(qtbot, open_dialog, look) -> dict:
    """Open a modal dialog as the user does and, while it is in front, run `look(dialog)`; then close it."""
    seen: dict = {}

    def when_open() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None or not dialog.isVisible():
            QTimer.singleShot(50, when_open)
            return
        try:
            seen.update(look(dialog))
        except BaseException as error:  # noqa: BLE001 (reported after the dialog is closed)
            seen["error"] = error
        finally:
            dialog.done(0)

    QTimer.singleShot(0, when_open)
    open_dialog()
    if "error" in seen:
        raise seen["error"]
    return seen


def press_f1_in(qtbot, dialog) -> GuideWindow:
    qtbot.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_F1)
    guides = [g for g in dialog.findChildren(GuideWindow) if g.isVisible()]
    assert len(guides) == 1, "F1 in the dialog opened no guide"
    return guides[0]


def test_f1_in_the_national_scores_dialog_opens_its_part_in_front_of_it(window, qtbot):
    def look(dialog):
        guide = press_f1_in(qtbot, dialog)
        # A window of the dialog's own: the dialog does not block it, and it stands in front of it.
        assert guide.parentWidget() is dialog and guide.isWindow() and not guide.isModal()
        qtbot.waitUntil(guide.isActiveWindow)
        topic = guide.shown_topic()
        qtbot.keyClicks(guide.searchEdit, "interval")
        return {"topic": topic, "found": guide.resultLabel.text(), "main": window.guide_window}

    seen = in_the_dialog(qtbot, window.actionNationalScores.trigger, look)
    assert seen["topic"] == "figures.html#standard-scores"
    assert (
        "mention" in seen["found"] and "interval" in seen["found"]
    )  # the guide answers typing while the dialog is open
    assert seen["main"] is None  # not the window's own guide, which the dialog would block


def test_f1_in_a_dialog_of_a_page_opens_that_dialogs_part(window, qtbot):
    window.pageList.setCurrentRow(3)
    plan = window.page("Action plan")

    def look(dialog):
        return {"topic": press_f1_in(qtbot, dialog).shown_topic(), "name": type(dialog).__name__}

    seen = in_the_dialog(qtbot, lambda: qtbot.mouseClick(plan.newButton, Qt.MouseButton.LeftButton), look)
    assert seen == {"topic": "action-plan.html#actions", "name": "ActionDialog"}


def test_f1_in_the_national_scores_dialog_opens_the_standard_scores_part(window, qtbot):
    seen = in_the_dialog(
        qtbot, window.actionNationalScores.trigger, lambda d: {"topic": press_f1_in(qtbot, d).shown_topic()}
    )
    assert seen["topic"] == "figures.html#standard-scores"


def test_f1_with_no_dialog_open_still_opens_the_window_guide_at_the_page(window, qtbot):
    window.pageList.setCurrentRow(3)
    window.pages.currentWidget().setFocus()
    qtbot.keyClick(window.focusWidget() or window, Qt.Key.Key_F1)
    assert window.guide_window is not None and window.guide_window.shown_topic() == "action-plan.html"


@pytest.fixture
def comments(window, qtbot):
    window.pageList.setCurrentRow(2)
    findings = window.findings_page
    findings.findingsTabs.setCurrentWidget(findings.commentsTab)
    qtbot.waitUntil(lambda: hasattr(findings.comments, "theme_counts"), timeout=60000)
    wait_until_idle(qtbot, window.tasks)
    return findings.comments


def closing_buttons(dialog) -> list[QAbstractButton]:
    boxes = dialog.findChildren(QDialogButtonBox)
    return [
        b
        for box in boxes
        for b in box.buttons()
        if box.buttonRole(b) == QDialogButtonBox.ButtonRole.RejectRole and b.isVisible()
    ]


def test_the_theme_chart_window_has_a_close_button_and_escape_closes_it(comments, qtbot):
    def look(dialog):
        buttons = closing_buttons(dialog)
        qtbot.mouseClick(buttons[0], Qt.MouseButton.LeftButton)
        return {
            "title": dialog.windowTitle(),
            "buttons": [b.text().replace("&", "") for b in buttons],
            "open": dialog.isVisible(),
        }

    seen = in_the_dialog(qtbot, lambda: qtbot.mouseClick(comments.themeChartButton, Qt.MouseButton.LeftButton), look)
    assert seen["title"] == "Themes in the comments" and seen["buttons"] == ["Close"] and not seen["open"]

    def escape(dialog):
        qtbot.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_Escape)
        return {"open": dialog.isVisible()}

    assert in_the_dialog(qtbot, comments.show_theme_chart, escape) == {"open": False}


def test_enter_in_the_theme_chart_window_closes_it_and_never_asks_where_to_save(comments, qtbot, monkeypatch):
    from swhc_desktop.gui.common import chart_view

    asked = []
    monkeypatch.setattr(chart_view, "ask_where_to_save", lambda *args, **kwargs: asked.append(args) or None)

    def enter(dialog):
        default = [b for b in dialog.findChildren(QPushButton) if b.isDefault()]
        qtbot.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_Return)
        return {"default": [b.text().replace("&", "") for b in default], "open": dialog.isVisible()}

    seen = in_the_dialog(qtbot, lambda: qtbot.mouseClick(comments.themeChartButton, Qt.MouseButton.LeftButton), enter)
    assert seen == {"default": ["Close"], "open": False}
    assert asked == [], "Enter asked where to save the chart"


def test_the_theme_chart_window_fits_the_laptop_screen_with_its_whole_chart(comments, qtbot):
    def look(dialog):
        screen = dialog.screen().availableGeometry()
        canvas = dialog.view.canvas
        return {
            "fits": dialog.frameGeometry().width() <= screen.width() and dialog.height() <= screen.height(),
            "scrolls": dialog.view.scroll_area.verticalScrollBar().maximum(),
            "clipped": canvas.width() < canvas.minimumSizeHint().width(),
        }

    seen = in_the_dialog(qtbot, comments.show_theme_chart, look)
    assert seen == {"fits": True, "scrolls": 0, "clipped": False}


def test_the_guide_has_a_close_button_and_escape_closes_it(window, qtbot):
    window.actionGuide.trigger()
    guide = window.guide_window
    assert [b.text().replace("&", "") for b in closing_buttons(guide)] == ["Close"]
    qtbot.keyClick(guide.searchEdit, Qt.Key.Key_Escape)
    assert not guide.isVisible()
