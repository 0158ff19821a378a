"""Every page shows what the file holds now: after a change, an import, an undo or a redo, made on any page, the
other pages follow without the file being reopened (one signal from the main window, `file_changed`)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from swhc_desktop.gui.action_plan.dialogs import ActionDialog
from swhc_desktop.gui.findings.key_findings import FindingDialog
from swhc_desktop.gui.main_window import MainWindow
from swhc_desktop.importing.importer import preview_import, run_import
from swhc_desktop.importing.rows import ImportOptions

from .support.import_support import new_file
from .support.pages import add_main_window, wait_until_idle

PAGES = ["Questionnaire", "Responses", "Findings", "Action plan", "Reports"]
EXPORT = (
    "ID,Start time,Completion time,Which team do you work in?,I feel stressed by my job\n"
    "1,03/05/2024 10:00,03/05/2024 10:04,Assessment,Agree\n"
    "2,03/05/2024 11:00,03/05/2024 11:09,Children in care,Strongly Agree\n"
)


@pytest.fixture
def window(qtbot, settings, folders):
    window = add_main_window(qtbot, MainWindow(settings, folders))
    window.resize(1366, 728)
    window.show()  # the Findings page works out only what is in view
    yield window
    window._close_file()


def go_to(window, page: str):
    window.pageList.setCurrentRow(PAGES.index(page))
    return window.page(page)


def report_summary(window) -> list[str]:
    sections = window.page("Reports").report_panel.sectionsList
    return [sections.item(row).text() for row in range(sections.count())]


def summary_line(window, starting: str) -> str:
    return next(line for line in report_summary(window) if line.startswith(starting))


def add_an_action(window, qtbot, monkeypatch, title: str) -> None:
    def fill_in(dialog: ActionDialog) -> int:
        qtbot.keyClicks(dialog.titleEdit, title)
        dialog.standardCombo.setCurrentIndex(dialog.standardCombo.findData(6))
        qtbot.mouseClick(dialog.buttonBox.buttons()[0], Qt.MouseButton.LeftButton)
        return dialog.result()

    monkeypatch.setattr(ActionDialog, "exec", fill_in)
    qtbot.mouseClick(window.action_plan_page.newButton, Qt.MouseButton.LeftButton)


def test_the_reports_summary_counts_an_action_added_on_the_action_plan_page(window, demo_path, qtbot, monkeypatch):
    window.open_path(demo_path)
    go_to(window, "Reports")
    assert summary_line(window, "Appendix B") == "Appendix B: action plan: 5 actions, by Standard"
    go_to(window, "Action plan")
    add_an_action(window, qtbot, monkeypatch, "Protected time for ASYE social workers")
    go_to(window, "Reports")
    assert summary_line(window, "Appendix B") == "Appendix B: action plan: 6 actions, by Standard"
    window.actionUndo.trigger()  # undone from the Edit menu with the Reports page in view
    assert summary_line(window, "Appendix B") == "Appendix B: action plan: 5 actions, by Standard"
    window.actionRedo.trigger()
    assert summary_line(window, "Appendix B") == "Appendix B: action plan: 6 actions, by Standard"


def test_the_reports_summary_counts_a_finding_written_on_the_findings_page(window, demo_path, qtbot, monkeypatch):
    window.open_path(demo_path)
    go_to(window, "Reports")
    assert summary_line(window, "Key findings").startswith("Key findings: 2 strengths, 2 areas for improvement")
    findings = go_to(window, "Findings")
    findings.findingsTabs.setCurrentWidget(findings.keyFindingsTab)
    wait_until_idle(qtbot, window.tasks)

    def write(dialog: FindingDialog) -> int:
        dialog.improvementRadio.setChecked(True)
        qtbot.keyClicks(dialog.textEdit, "One in ten social workers works more than 48 hours a week.")
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(FindingDialog, "exec", write)
    qtbot.mouseClick(findings.key_findings.addButton, Qt.MouseButton.LeftButton)
    go_to(window, "Reports")
    assert summary_line(window, "Key findings").startswith("Key findings: 2 strengths, 3 areas for improvement")


def test_responses_imported_show_on_every_page_without_reopening(window, qtbot, tmp_path, folders):
    window.open_path(new_file(tmp_path, folders))
    reports = go_to(window, "Reports")
    assert not reports.report_panel.makeReportButton.isEnabled()  # nothing to report yet, and the page says why
    assert reports.report_panel.reportHeading.text().endswith("import the responses first, on the Responses page")
    responses = go_to(window, "Responses")
    export = tmp_path / "forms.csv"
    export.write_text(EXPORT, encoding="utf-8")
    hc, cycle = window.hc, window.current_cycle
    preview = preview_import(hc, cycle.id, export)
    result = run_import(hc, cycle.id, preview, preview.mapping, ImportOptions(unmatched_as_no_answer=True))
    responses.imported(result.batch_id, export.name)  # as the wizard's Finish hands the new batch to the page
    assert window.cycleCombo.currentText() == "2024: 2 responses"
    assert "2 responses" in responses.summaryLabel.text()
    go_to(window, "Reports")
    assert reports.report_panel.makeReportButton.isEnabled()
    assert reports.report_panel.reportHeading.text() == "Findings report for members, 2024"
    window.actionUndo.trigger()  # takes the batch out again, seen at once on the page in view
    assert not reports.report_panel.makeReportButton.isEnabled()
    assert window.cycleCombo.currentText() == "2024: 0 responses"
