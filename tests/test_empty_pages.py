"""Every page of a file with no cycles, and of a cycle with no responses, says what to do, in lines short enough to
read at 1366x768: none is left blank, and no note is one long line across the window."""

from __future__ import annotations

import pytest

from swhc_desktop.gui.action_plan.page import ActionPlanPage
from swhc_desktop.gui.common.empty_note import readable_width
from swhc_desktop.gui.findings.page import FindingsPage
from swhc_desktop.gui.reports.page import ReportsPage
from swhc_desktop.gui.responses.page import ResponsesPage

from .support.import_support import new_file

PAGES = {
    ResponsesPage: lambda page: page.emptyLabel,
    FindingsPage: lambda page: page.note,
    ActionPlanPage: lambda page: page.empty_note,
    ReportsPage: lambda page: page.note,
}


def shown(make_page, page_class):
    page = make_page(page_class, parent=make_page.window)
    make_page.window.resize(1366, 728)
    make_page.window.show()
    page.resize(1366 - 180, 660)
    return page


@pytest.mark.parametrize("page_class", list(PAGES), ids=lambda c: c.__name__)
def test_a_page_of_a_file_with_no_cycles_says_how_to_start_one_in_readable_lines(
    page_class, tmp_path, open_files, make_page, qtbot
):
    hc = open_files.create(tmp_path / "new.swhc", "Anytown Borough Council")
    page = shown(make_page, page_class)
    page.show_cycle(hc, None)
    note = PAGES[page_class](page)
    qtbot.waitUntil(note.isVisible)
    assert note.text().startswith("This health check has no cycles yet.")
    assert "New cycle… at the top of the window (or File > New Cycle…)" in note.text()
    assert note.width() <= readable_width(note) < page.width() / 2
    assert note.height() >= 3 * note.fontMetrics().lineSpacing()  # every line shown, not the first alone


def test_the_reports_and_findings_pages_show_their_tabs_again_once_there_is_a_cycle(
    tmp_path, folders, open_files, make_page, qtbot
):
    hc = open_files.create(tmp_path / "new.swhc", "Anytown Borough Council")
    reports, findings = shown(make_page, ReportsPage), shown(make_page, FindingsPage)
    for page, tabs in ((reports, reports.reportsTabs), (findings, findings.findingsTabs)):
        page.show_cycle(hc, None)
        assert tabs.isHidden() and not page.note.isHidden()
    with_cycle = open_files.open(new_file(tmp_path, folders))
    cycle = with_cycle.cycles.by_name("2024")
    for page, tabs in ((reports, reports.reportsTabs), (findings, findings.findingsTabs)):
        page.show_cycle(with_cycle, cycle)
        make_page.wait_until_idle()
        assert not tabs.isHidden()
    assert reports.note.isHidden()
    assert not findings.note.isHidden() and findings.note.text().startswith("2024 has no responses yet. Import them on")
    assert "Import responses…" in findings.note.text() and "Key in paper returns…" in findings.note.text()
