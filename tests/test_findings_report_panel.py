"""The findings report on the Reports page, driven as a PSW would: tick the sections, arrange the results, write the
purpose, choose comments, make the PDF with progress (and Cancel), undo any choice."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QProgressDialog, QPushButton

from swhc_desktop.domain.records import BY_SECTION, BY_STANDARD
from swhc_desktop.gui.findings.comment_chooser import CommentChooserDialog
from swhc_desktop.gui.reports import findings_report_panel as panel_module
from swhc_desktop.gui.reports.page import ReportsPage
from swhc_desktop.outputs.content.findings_report import reportable_comments

from .support.pages import add_main_window
from .support.pdf_text import normalised, page_texts


@pytest.fixture
def page(hc, make_page):
    page = make_page(ReportsPage, parent=make_page.window)
    make_page.window.resize(1300, 740)
    make_page.window.show()
    page.show_cycle(hc, hc.cycles.by_name("2025"))
    page.stack, page.cycle_id = make_page.undo_stack, hc.cycles.by_name("2025").id
    return page


def rows(panel):
    return [panel.sectionsList.item(i) for i in range(panel.sectionsList.count())]


def row_for(panel, key):
    return next(r for r in rows(panel) if r.data(panel_module.KEY_ROLE) == key)


def test_the_report_tab_comes_first_and_previews_every_section(page):
    panel = page.report_panel
    assert page.reportsTabs.currentWidget() is panel
    texts = [r.text() for r in rows(panel)]
    assert texts[0] == "Cover and contents: always included"
    assert any(t.startswith("Standard 3: Safe workloads and case allocation: 10 questions") for t in texts)
    assert texts[-2:] == [
        "Appendix A: dashboard: the headline indicators on one page",
        "Appendix B: action plan: 5 actions, by Standard",
    ]
    assert not rows(panel)[0].flags() & Qt.ItemFlag.ItemIsUserCheckable
    assert all(r.checkState() == Qt.CheckState.Checked for r in rows(panel)[1:])
    assert panel.byStandardRadio.isChecked()
    assert panel.purposeEdit.toPlainText().startswith("Demo Borough Council carries out a health check each year")
    assert "No comments are quoted unless you choose them." == panel.commentsLabel.text()


def test_unticking_a_section_leaves_it_out_and_undo_puts_it_back(page, hc):
    panel = page.report_panel
    row_for(panel, "standard:4").setCheckState(Qt.CheckState.Unchecked)
    assert hc.report_choices.get(page.cycle_id).left_out == {"standard:4"}
    assert row_for(panel, "standard:4").checkState() == Qt.CheckState.Unchecked
    page.stack.undo()
    assert hc.report_choices.get(page.cycle_id).left_out == frozenset()
    assert row_for(panel, "standard:4").checkState() == Qt.CheckState.Checked


def test_arranging_by_questionnaire_section_changes_the_preview(page, hc, qtbot):
    panel = page.report_panel
    qtbot.mouseClick(panel.bySectionRadio, Qt.MouseButton.LeftButton)
    assert hc.report_choices.get(page.cycle_id).arrangement == BY_SECTION
    assert any(r.text().startswith("Your workload: 8 questions") for r in rows(panel))
    page.stack.undo()
    assert hc.report_choices.get(page.cycle_id).arrangement == BY_STANDARD and panel.byStandardRadio.isChecked()


def test_the_purpose_in_the_psws_words_is_saved_when_they_leave_the_box(page, hc, qtbot):
    panel = page.report_panel
    panel.purposeEdit.setFocus()
    panel.purposeEdit.selectAll()
    qtbot.keyClicks(panel.purposeEdit, "To tell members how our social workers are.")
    panel.backgroundEdit.setFocus()
    assert hc.report_choices.get(page.cycle_id).purpose == "To tell members how our social workers are."
    assert panel.purposeDefaultButton.isEnabled()
    qtbot.mouseClick(panel.purposeDefaultButton, Qt.MouseButton.LeftButton)
    assert hc.report_choices.get(page.cycle_id).purpose is None
    assert panel.purposeEdit.toPlainText().startswith("Demo Borough Council carries out")
    page.stack.undo()
    assert panel.purposeEdit.toPlainText() == "To tell members how our social workers are."


def test_comments_are_chosen_from_those_that_may_be_quoted(page, hc, monkeypatch):
    panel = page.report_panel
    seen = {}

    def choose_two(dialog: CommentChooserDialog) -> int:
        seen["listed"] = len(dialog.items)
        seen["intro"] = dialog.chooserIntroLabel.text()
        for item in dialog.items[:2]:
            item.setCheckState(0, Qt.CheckState.Checked)
        assert dialog.chosenCountLabel.text() == "2 comments chosen"
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(CommentChooserDialog, "exec", choose_two)
    panel.chooseCommentsButton.click()
    cycle = hc.cycles.by_name("2025")
    eligible = reportable_comments(hc, cycle)
    assert seen["listed"] == len(eligible) and "Only comments from groups of 10 or more people" in seen["intro"]
    assert hc.report_choices.get(page.cycle_id).comments == tuple(c.key for c in eligible[:2])
    assert panel.commentsLabel.text() == "2 comments chosen."
    assert row_for(panel, "comments").text() == "What staff said: 2 comments chosen"


def test_the_comment_search_hides_what_does_not_match(qtbot, hc):
    cycle = hc.cycles.by_name("2025")
    eligible = reportable_comments(hc, cycle)
    dialog = CommentChooserDialog(eligible, set(), len(eligible), 10)
    qtbot.addWidget(dialog)
    dialog.searchEdit.setText("recording")
    shown = [item for item in dialog.items if not item.isHidden()]
    assert shown and all("recording" in item.text(0).lower() for item in shown)


def test_the_report_is_made_in_the_background_with_the_choices(page, qtbot, tmp_path, monkeypatch):
    panel = page.report_panel
    panel.purposeEdit.setFocus()
    panel.purposeEdit.selectAll()
    qtbot.keyClicks(panel.purposeEdit, "Our own purpose for members.")
    monkeypatch.setattr(page.output_files, "choose_file", lambda *args: tmp_path / "report.pdf")
    qtbot.mouseClick(panel.makeReportButton, Qt.MouseButton.LeftButton)  # leaving the box saves it first
    qtbot.waitUntil(lambda: "Saved" in page.savedLabel.text(), timeout=60000)
    text = normalised(" ".join(page_texts(tmp_path / "report.pdf")))
    assert "1.1 Our own purpose for members." in text and "Appendix B: Action plan" in text


def test_the_report_can_be_cancelled_and_leaves_no_file(page, qtbot, tmp_path, monkeypatch):
    (tmp_path / "out").mkdir()
    monkeypatch.setattr(page.output_files, "choose_file", lambda *args: tmp_path / "out" / "report.pdf")
    qtbot.mouseClick(page.report_panel.makeReportButton, Qt.MouseButton.LeftButton)

    def progress_dialog():
        return next(
            (
                w
                for w in QApplication.topLevelWidgets()
                if isinstance(w, QProgressDialog) and w.objectName() == "taskProgress" and w.isVisible()
            ),
            None,
        )

    qtbot.waitUntil(lambda: progress_dialog() is not None, timeout=20000)
    qtbot.waitUntil(lambda: "chart" in progress_dialog().labelText(), timeout=20000)
    cancel = next(b for b in progress_dialog().findChildren(QPushButton) if b.text() == "Cancel")
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Cancelled" in page.savedLabel.text(), timeout=20000)
    assert list((tmp_path / "out").iterdir()) == []


def test_a_read_only_file_can_make_the_report_but_not_change_the_choices(demo_path, open_files, make_page):
    hc = open_files.open(demo_path, read_only=True)
    page = make_page(ReportsPage, parent=make_page.window)
    page.show_cycle(hc, hc.cycles.by_name("2025"))
    panel = page.report_panel
    assert panel.makeReportButton.isEnabled()
    assert not panel.sectionsList.isEnabled() and not panel.purposeEdit.isEnabled()
    assert panel.reportHeading.text().endswith("(read-only file)")


def test_the_main_window_has_a_reports_page_built_when_first_shown(qtbot, settings, folders, demo_path):
    from swhc_desktop.gui.main_window import MainWindow

    window = add_main_window(qtbot, MainWindow(settings, folders))
    window.open_path(demo_path)
    assert "Reports" not in window.pages_by_name
    window.pageList.setCurrentRow(4)
    reports = window.page("Reports")
    assert window.pages.currentWidget() is reports
    assert reports.report_panel.reportHeading.text() == "Findings report for members, 2025"
    assert reports.return_form.returnHeading.text() == "Employer return and workforce figures, 2025"
    window.cycleCombo.setCurrentIndex(0)
    assert reports.report_panel.reportHeading.text() == "Findings report for members, 2023"


@pytest.mark.parametrize(
    ("form", "name"),
    [("Word document (accessible, to edit)", "report.docx"), ("Web page (accessible, to publish)", "report.html")],
)
def test_the_report_is_made_as_a_word_document_or_web_page_with_the_choices(
    page, hc, qtbot, tmp_path, monkeypatch, form, name
):
    from .support.document_text import document_text

    panel = page.report_panel
    panel.purposeEdit.setFocus()
    panel.purposeEdit.selectAll()
    qtbot.keyClicks(panel.purposeEdit, "Our own purpose for members.")
    asked = []
    monkeypatch.setattr(
        page.output_files,
        "choose_file",
        lambda title, default, chosen_filter, hc: asked.append((default, chosen_filter)) or tmp_path / "report",
    )
    panel.reportFormatCombo.setCurrentIndex(panel.reportFormatCombo.findText(form))
    qtbot.mouseClick(panel.makeReportButton, Qt.MouseButton.LeftButton)  # leaving the box saves it first
    qtbot.waitUntil(lambda: "Saved" in page.savedLabel.text(), timeout=60000)
    assert asked[0][0] == "Findings report 2025" + name.removeprefix("report") and name[-4:] in asked[0][1]
    assert name in page.savedLabel.text()
    text = normalised(document_text(tmp_path / name))
    assert "1.1 Our own purpose for members." in text and "Appendix B: Action plan" in text
