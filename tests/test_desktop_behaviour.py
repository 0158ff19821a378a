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
    viewport = page.dashboard.dashboardScroll.viewport()
    last = page.dashboard.charts[-1]
    # laid out with the charts, which come after the tiles: each at its full height (300 at least), and the page
    # scrolls far enough to show the last whole
    qtbot.waitUntil(
        lambda: all(c.height() >= 300 for c in page.dashboard.charts)
        and scroll.maximum() + viewport.height() >= last.geometry().bottom()
    )
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


@pytest.fixture
def empty_cycle(tmp_path, folders, open_files):
    """A health check whose only cycle has its questionnaire and nothing else yet."""
    from .support.import_support import new_file

    hc = open_files.open(new_file(tmp_path, folders))
    return hc, hc.cycles.by_name("2024")


def shown_in_a_window(make_page, page_class, width: int = 1366):
    page = make_page(page_class, parent=make_page.window)
    make_page.window.resize(width, 728)
    make_page.window.show()
    page.resize(width - 180, 660)
    return page


def test_an_empty_responses_page_says_what_to_do_in_readable_lines_under_its_buttons(empty_cycle, make_page, qtbot):
    from swhc_desktop.gui.common.empty_note import readable_width
    from swhc_desktop.gui.responses.page import ResponsesPage

    hc, cycle = empty_cycle
    page = shown_in_a_window(make_page, ResponsesPage)
    page.show_cycle(hc, cycle)
    qtbot.waitUntil(lambda: page.emptyLabel.isVisible())
    assert "Import the export of your survey tool" in page.emptyLabel.text()
    assert page.emptyLabel.width() <= readable_width(page.emptyLabel) < page.width() / 2
    # the summary, the buttons and the note read downwards together, not spread over the page
    summary_bottom = page.summaryLabel.geometry().bottom()
    assert page.importButton.geometry().top() - summary_bottom < 30
    assert (
        page.emptyLabel.mapTo(page, page.emptyLabel.rect().topLeft()).y() - page.importButton.geometry().bottom() < 30
    )


def test_an_empty_responses_page_offers_import_and_paper_returns_right_under_its_note(
    empty_cycle, make_page, qtbot, monkeypatch
):
    from swhc_desktop.domain.labels import IMPORT_BUTTON, PAPER_RETURNS_BUTTON
    from swhc_desktop.gui.responses import page as responses_module
    from swhc_desktop.gui.responses.page import ResponsesPage

    opened: list[str] = []
    monkeypatch.setattr(responses_module.ImportWizard, "exec", lambda wizard: opened.append(type(wizard).__name__))
    monkeypatch.setattr(responses_module.PaperEntryDialog, "exec", lambda dialog: opened.append(type(dialog).__name__))
    hc, cycle = empty_cycle
    page = shown_in_a_window(make_page, ResponsesPage)
    page.show_cycle(hc, cycle)
    qtbot.waitUntil(lambda: page.emptyLabel.isVisible())
    note_bottom = page.emptyLabel.mapTo(page, page.emptyLabel.rect().bottomLeft()).y()
    offered = {}
    for button in (page.emptyImportButton, page.emptyPaperButton):
        assert button.isVisible() and button.isEnabled()
        top_left = button.mapTo(page, button.rect().topLeft())
        assert 0 <= top_left.y() - note_bottom < 30, "right under the note, not at the far end of the page"
        assert button.width() < page.width() / 4, "a button of its own size"
        offered[button.text()] = button
    assert set(offered) == {IMPORT_BUTTON, PAPER_RETURNS_BUTTON}, "named as the note and the guide name them"
    qtbot.mouseClick(offered[IMPORT_BUTTON], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(offered[PAPER_RETURNS_BUTTON], Qt.MouseButton.LeftButton)
    assert opened == ["ImportWizard", "PaperEntryDialog"]


def test_the_empty_responses_page_offers_no_import_where_there_is_nothing_to_import_to(
    tmp_path, folders, open_files, make_page, qtbot
):
    from swhc_desktop.gui.responses.page import ResponsesPage

    from .support.import_support import new_file

    page = shown_in_a_window(make_page, ResponsesPage)
    no_cycles = open_files.create(tmp_path / "none.swhc", "Anytown Borough Council")
    page.show_cycle(no_cycles, None)
    qtbot.waitUntil(lambda: page.emptyLabel.isVisible())
    assert not page.emptyImportButton.isVisible() and not page.emptyPaperButton.isVisible()
    read_only = open_files.open(new_file(tmp_path, folders), read_only=True)
    page.show_cycle(read_only, read_only.cycles.by_name("2024"))
    assert page.emptyImportButton.isVisible() and not page.emptyImportButton.isEnabled()
    assert not page.emptyPaperButton.isEnabled()


def test_a_file_with_no_cycles_offers_the_first_one_in_a_readable_note_and_a_button_of_its_own_size(
    tmp_path, folders, open_files, make_page, qtbot
):
    from swhc_desktop.gui.common.empty_note import readable_width
    from swhc_desktop.gui.designer.page import DesignerPage

    hc = open_files.create(tmp_path / "new.swhc", "Anytown Borough Council")
    page = shown_in_a_window(make_page, DesignerPage)
    page.show_cycle(hc, None)
    qtbot.waitUntil(lambda: page.emptyNewCycleButton.isVisible())
    label = page.emptyLabel
    assert "no cycles yet" in label.text() and "Start the first cycle" in label.text()
    assert label.width() <= readable_width(label)
    assert label.height() >= 3 * label.fontMetrics().lineSpacing()  # every line of it shown, not the first alone
    assert page.emptyNewCycleButton.width() < 2 * page.emptyNewCycleButton.sizeHint().width()


def test_an_empty_action_plan_says_how_to_start_one_and_a_filter_that_hides_every_action_says_so(
    empty_cycle, demo, make_page, qtbot
):
    from swhc_desktop.gui.action_plan.page import ActionPlanPage
    from swhc_desktop.gui.common.empty_note import readable_width

    hc, cycle = empty_cycle
    page = shown_in_a_window(make_page, ActionPlanPage)
    page.show_cycle(hc, cycle)
    note = page.empty_note
    assert note.isVisible() and note.text().startswith("No actions yet for 2024")
    assert "New action" in note.text() and note.width() <= readable_width(note)
    page.show_cycle(demo, demo.cycles.by_name("2025"))
    make_page.wait_until_idle()
    assert not note.isVisible()
    qtbot.keyClicks(page.findEdit, "no action is called this")
    assert note.isVisible() and note.text().startswith("No action matches")
