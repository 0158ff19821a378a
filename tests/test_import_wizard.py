"""The import wizard, driven as a PSW would: it asks what every answer that matches no option means (and stores what
is chosen), lets the PSW choose a workbook's sheet, lists the columns that identify people, says on its first page
when a file was imported already, and how many responses of a later export were in the cycle already."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from swhc_desktop.gui.responses.import_wizard import (
    CHECK_PAGE,
    FILE_PAGE,
    MAPPING_PAGE,
    SUMMARY_PAGE,
    VALUES_PAGE,
    ImportWizard,
)
from swhc_desktop.importing.importer import preview_import, run_import

from .make_bad_input import GOOD_SHEET, SUMMARY, sheet_xml, workbook_of
from .support.import_support import new_file

TEAM = "Which team do you work in?"
STAY = "Do you intend to stay working for the council for the next 12 months?"
MONDAY = (
    "Timestamp,Which team do you work in?,Do you intend to stay working for the council for the next 12 months?\n"
    "13/05/2024 09:01:07,Assessment,Yes\n13/05/2024 09:05:41,Marketing,Maybe\n13/05/2024 11:30:00,Care leavers,Maybe\n"
)


@pytest.fixture
def opened(tmp_path, folders, open_files):
    hc = open_files.open(new_file(tmp_path, folders))
    return hc, hc.cycles.by_name("2024")


def wizard_on(make_page, hc, cycle, export) -> ImportWizard:
    qtbot = make_page.qtbot
    wizard = make_page(ImportWizard, hc, cycle, parent=make_page.window)
    wizard.show()
    wizard.load(export)
    qtbot.waitUntil(lambda: wizard.preview is not None or not wizard.detectedLabel.text().startswith("Reading"))
    return wizard


def to_values_page(qtbot, wizard) -> dict:
    wizard.next()
    assert wizard.currentId() == MAPPING_PAGE
    wizard.next()
    assert wizard.currentId() == VALUES_PAGE
    qtbot.waitUntil(lambda: wizard._ready[VALUES_PAGE])
    table = wizard.valuesTable
    return {
        (table.item(r, 0).text().rsplit("[", 1)[1].rstrip("]"), table.item(r, 1).text()): table.cellWidget(r, 3)
        for r in range(table.rowCount())
    }


def import_from_check_page(qtbot, wizard) -> None:
    wizard.next()
    assert wizard.currentId() == CHECK_PAGE
    qtbot.waitUntil(lambda: wizard._ready[CHECK_PAGE])
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentId() == SUMMARY_PAGE)


def test_the_wizard_asks_what_every_unmatched_answer_means_and_stores_the_choice(qtbot, opened, make_page, tmp_path):
    hc, cycle = opened
    export = tmp_path / "monday.csv"
    export.write_text(MONDAY, encoding="utf-8")
    wizard = wizard_on(make_page, hc, cycle, export)
    asked = to_values_page(qtbot, wizard)
    assert set(asked) == {("team", "Marketing"), ("intend_to_stay", "Maybe")}
    assert asked[("team", "Marketing")].currentText() == "Keep as the text of 'Other'"
    assert asked[("intend_to_stay", "Maybe")].currentText() == "Leave as no answer"
    choice = asked[("intend_to_stay", "Maybe")]
    choice.setCurrentIndex(choice.findData("not_sure"))
    import_from_check_page(qtbot, wizard)
    assert "3 responses added" in wizard.resultLabel.text() and "left as no answer" not in wizard.resultLabel.text()
    stay = hc.questionnaires.load(cycle.id).question("intend_to_stay")
    assert hc.responses.option_counts(stay.id) == {stay.option("yes").id: 1, stay.option("not_sure").id: 2}


def test_answers_left_as_no_answer_in_the_wizard_are_said_on_the_summary(qtbot, opened, make_page, tmp_path):
    hc, cycle = opened
    export = tmp_path / "monday.csv"
    export.write_text(MONDAY, encoding="utf-8")
    wizard = wizard_on(make_page, hc, cycle, export)
    to_values_page(qtbot, wizard)
    import_from_check_page(qtbot, wizard)
    assert "3 responses added" in wizard.resultLabel.text()
    stay = hc.questionnaires.load(cycle.id).question("intend_to_stay")
    assert hc.responses.option_counts(stay.id) == {stay.option("yes").id: 1}


def test_a_workbook_s_sheet_can_be_chosen_and_the_likeliest_is_chosen_first(qtbot, opened, make_page, tmp_path):
    hc, cycle = opened
    export = tmp_path / "export.xlsx"
    export.write_bytes(workbook_of([("Sheet2", sheet_xml(SUMMARY * 3)), ("Export 3", GOOD_SHEET)]))
    wizard = wizard_on(make_page, hc, cycle, export)
    assert wizard.sheetCombo.isVisible()
    assert [wizard.sheetCombo.itemText(i) for i in range(wizard.sheetCombo.count())] == ["Sheet2", "Export 3"]
    assert wizard.sheetCombo.currentText() == "Export 3" and "sheet 'Export 3'" in wizard.detectedLabel.text()
    wizard.sheetCombo.setCurrentIndex(0)
    qtbot.waitUntil(lambda: wizard.preview is not None and wizard.preview.source.sheet == "Sheet2")
    assert "sheet 'Sheet2'" in wizard.detectedLabel.text() and wizard.sheetCombo.currentText() == "Sheet2"


def test_a_text_file_has_no_sheet_to_choose(qtbot, opened, make_page, tmp_path):
    hc, cycle = opened
    export = tmp_path / "monday.csv"
    export.write_text(MONDAY, encoding="utf-8")
    wizard = wizard_on(make_page, hc, cycle, export)
    assert not wizard.sheetCombo.isVisible() and not wizard.sheetLabel.isVisible()


def test_a_file_imported_already_is_said_on_the_first_page(qtbot, opened, make_page, tmp_path):
    hc, cycle = opened
    export = tmp_path / "monday.csv"
    export.write_text(MONDAY.replace("Marketing", "Assessment").replace("Maybe", "Yes"), encoding="utf-8")
    preview = preview_import(hc, cycle.id, export)
    run_import(hc, cycle.id, preview, preview.mapping)
    wizard = wizard_on(make_page, hc, cycle, export)
    assert "has already been imported into 2024 (batch 1)" in wizard.detectedLabel.text()
    wizard.next()
    assert wizard.currentId() == FILE_PAGE


def test_columns_that_identify_people_are_listed_and_may_be_kept_with_a_reason(qtbot, opened, make_page, tmp_path):
    hc, cycle = opened
    export = tmp_path / "named.csv"
    emails = ["jo@anytown.gov.uk", "sam@anytown.gov.uk", "ali@anytown.gov.uk"]
    lines = [f"Timestamp,Your name,{TEAM},Comments 2"] + [
        f"1{n}/05/2024 10:00:00,Person {n},Assessment,{email}" for n, email in enumerate(emails)
    ]
    export.write_text("\n".join(lines) + "\n", encoding="utf-8")
    wizard = wizard_on(make_page, hc, cycle, export)
    said = wizard.detectedLabel.text()
    assert (
        "2 columns that identify people will not be stored: Your name, Comments 2 (its answers are e-mail addresses)"
        in said
    )
    assert wizard.keepIdentifyingCheck.isEnabled()
    wizard.keepIdentifyingCheck.setChecked(True)
    wizard.next()
    assert wizard.currentId() == FILE_PAGE, "a reason is needed to keep them"
    wizard.reasonEdit.setText("Follow-up interviews agreed")
    to_values_page(qtbot, wizard)
    import_from_check_page(qtbot, wizard)
    assert sorted(v for (v,) in hc.tuples("SELECT value FROM response_identifiers WHERE field = 'email'")) == sorted(
        emails
    )


def test_the_check_says_how_many_responses_of_a_later_export_were_in_the_cycle_already(
    qtbot, opened, make_page, tmp_path
):
    hc, cycle = opened
    monday = tmp_path / "monday.csv"
    monday.write_text(MONDAY.replace("Marketing", "Assessment").replace("Maybe", "Yes"), encoding="utf-8")
    preview = preview_import(hc, cycle.id, monday)
    run_import(hc, cycle.id, preview, preview.mapping)
    friday = tmp_path / "friday.csv"
    friday.write_text(monday.read_text(encoding="utf-8") + "17/05/2024 15:12:59,Care leavers,No\n", encoding="utf-8")
    wizard = wizard_on(make_page, hc, cycle, friday)
    to_values_page(qtbot, wizard)
    wizard.next()
    qtbot.waitUntil(lambda: wizard._ready[CHECK_PAGE])
    assert (
        "3 responses were already in this cycle (same submission time and answers) and will not be added again"
        in wizard.checkSummaryLabel.text()
    )
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentId() == SUMMARY_PAGE)
    result = wizard.resultLabel.text()
    assert "1 response added" in result
    assert (
        "3 responses were already in this cycle (same submission time and answers) and were not added again" in result
    )


def test_a_workbook_too_large_to_read_is_explained_on_the_first_page_without_reading_it(qtbot, opened, make_page):
    from .make_bad_input import FOLDER

    hc, cycle = opened
    wizard = wizard_on(make_page, hc, cycle, FOLDER / "far-cell-XFD1048576.xlsx")
    qtbot.waitUntil(lambda: "cannot be read safely" in wizard.detectedLabel.text())
    assert "has a cell as far out as XFD1048576" in wizard.detectedLabel.text()
    wizard.next()
    assert wizard.currentId() == FILE_PAGE and hc.responses.count(cycle.id) == 0


def test_a_later_export_with_every_response_in_already_says_there_is_nothing_to_import(
    qtbot, opened, make_page, tmp_path
):
    """Not the same file (so not known on the first page), but nothing new in it: no red warning that no row answers
    the questions, no all-clear, and neither Import nor Enter does anything."""
    hc, cycle = opened
    monday = tmp_path / "monday.csv"
    monday.write_text(MONDAY.replace("Marketing", "Assessment").replace("Maybe", "Yes"), encoding="utf-8")
    preview = preview_import(hc, cycle.id, monday)
    run_import(hc, cycle.id, preview, preview.mapping)
    resaved = tmp_path / "monday again.csv"
    resaved.write_text(monday.read_text(encoding="utf-8").replace("\n", "\r\n"), encoding="utf-8")
    wizard = wizard_on(make_page, hc, cycle, resaved)
    to_values_page(qtbot, wizard)
    wizard.next()
    qtbot.waitUntil(lambda: wizard._ready[CHECK_PAGE])
    said = wizard.checkSummaryLabel.text()
    assert "Every response in this file is in 2024 already: there is nothing to import." in said
    assert "#a4262c" not in said and "can be imported" not in said
    assert not wizard.button(wizard.WizardButton.NextButton).isEnabled()
    qtbot.keyClick(wizard.focusWidget() or wizard, Qt.Key.Key_Return)
    assert wizard.currentId() == CHECK_PAGE and len(hc.responses.batches(cycle.id)) == 1


def test_enter_on_the_check_page_imports_and_never_goes_back(qtbot, opened, make_page, tmp_path):
    hc, cycle = opened
    export = tmp_path / "monday.csv"
    export.write_text(MONDAY.replace("Marketing", "Assessment").replace("Maybe", "Yes"), encoding="utf-8")
    wizard = wizard_on(make_page, hc, cycle, export)
    to_values_page(qtbot, wizard)
    qtbot.keyClick(wizard.focusWidget() or wizard, Qt.Key.Key_Return)
    assert wizard.currentId() == CHECK_PAGE
    qtbot.waitUntil(lambda: wizard._ready[CHECK_PAGE])
    assert "No problems found: every row can be imported." in wizard.checkSummaryLabel.text()
    assert wizard.focusWidget() is wizard.button(wizard.WizardButton.NextButton)  # not Back, as it was
    qtbot.keyClick(wizard.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: wizard.currentId() == SUMMARY_PAGE)
    assert hc.responses.count(cycle.id) == 3


def test_a_red_warning_never_stands_beside_the_all_clear(qtbot, opened, make_page, tmp_path):
    hc, cycle = opened
    export = tmp_path / "monday.csv"
    export.write_text(MONDAY, encoding="utf-8")
    wizard = wizard_on(make_page, hc, cycle, export)
    wizard.next()
    stay = wizard.mappingTable.cellWidget(1, 1)
    stay.setCurrentIndex(stay.findData("caseload_manageable"))  # matched to the wrong question: nothing it says fits
    wizard.next()
    qtbot.waitUntil(lambda: wizard._ready[VALUES_PAGE])
    wizard.next()
    qtbot.waitUntil(lambda: wizard._ready[CHECK_PAGE])
    said = wizard.checkSummaryLabel.text()
    assert "No row gives an answer to 1 matched question" in said and "#a4262c" in said
    assert "can be imported" not in said and "No problems found" not in said


def test_matrix_rows_of_a_qualtrics_export_are_told_apart_in_the_column_list(qtbot, opened, make_page):
    from .support.import_support import REAL_EXPORTS

    hc, cycle = opened
    export = REAL_EXPORTS / "qualtrics" / "Single_Answer_Matrix_Questions (Insights).csv"
    wizard = wizard_on(make_page, hc, cycle, export)
    wizard.next()
    assert wizard.currentId() == MAPPING_PAGE
    table = wizard.mappingTable
    shown = [table.item(row, 0).text() for row in range(table.rowCount())]
    full = [table.item(row, 0).toolTip() for row in range(table.rowCount())]
    assert len(set(shown)) == len(set(full)) == len(shown) == 15
    for label, heading in zip(shown, full, strict=True):
        assert label.endswith(heading.rsplit(" - ", 1)[1]), label  # the statement, whole
        seen = table.fontMetrics().elidedText(label, table.textElideMode(), table.columnWidth(0) - 12)
        assert seen.endswith(heading.rsplit(" - ", 1)[1]), seen  # what fits in the column keeps the statement


def test_escape_asks_once_a_match_is_chosen_and_never_while_a_step_runs(qtbot, opened, make_page, tmp_path):
    from swhc_desktop.gui.common.unsaved import DISCARD_QUESTION

    from .support.questions import QuestionAnswerer

    hc, cycle = opened
    export = tmp_path / "monday.csv"
    export.write_text(MONDAY, encoding="utf-8")
    answers = QuestionAnswerer(qtbot)
    wizard = wizard_on(make_page, hc, cycle, export)
    wizard.next()
    qtbot.keyClick(wizard, Qt.Key.Key_Escape)  # a file only opened and looked at: nothing to lose
    assert not wizard.isVisible() and answers.asked == []
    wizard = wizard_on(make_page, hc, cycle, export)
    wizard.next()
    team = wizard.mappingTable.cellWidget(0, 1)
    team.setCurrentIndex(0)  # "(leave out)": the user's own choice
    answers.then("Alt+K")
    qtbot.keyClick(wizard, Qt.Key.Key_Escape)
    assert answers.asked == [DISCARD_QUESTION] and wizard.isVisible()
    wizard.next()  # the answers are read in the background
    assert wizard.tasks.busy
    qtbot.keyClick(wizard, Qt.Key.Key_Escape)
    assert wizard.isVisible() and answers.asked == [DISCARD_QUESTION]
    qtbot.waitUntil(lambda: wizard._ready[VALUES_PAGE])
    answers.then("Alt+D")
    qtbot.keyClick(wizard, Qt.Key.Key_Escape)
    assert len(answers.asked) == 2 and not wizard.isVisible()
    assert hc.responses.count(cycle.id) == 0
    answers.stop()


def test_a_file_of_empty_rows_says_there_is_nothing_to_import_without_a_false_warning(
    qtbot, opened, make_page, tmp_path
):
    hc, cycle = opened
    export = tmp_path / "empty.csv"
    export.write_text(f"Timestamp,{TEAM},{STAY}\n13/05/2024 09:01:07,,\n13/05/2024 09:05:41,,\n", encoding="utf-8")
    wizard = wizard_on(make_page, hc, cycle, export)
    to_values_page(qtbot, wizard)
    wizard.next()
    qtbot.waitUntil(lambda: wizard._ready[CHECK_PAGE])
    said = wizard.checkSummaryLabel.text()
    assert "No row of this file is a response to add: there is nothing to import." in said
    assert "#a4262c" not in said and "can be imported" not in said
    wizard.next()
    assert wizard.currentId() == CHECK_PAGE and hc.responses.batches(cycle.id) == []


# --------------------------------------------------------------------------- the way forward looks as it behaves


def test_next_is_greyed_out_on_a_file_imported_already_and_open_again_for_a_new_one(qtbot, opened, make_page, tmp_path):
    hc, cycle = opened
    wizard = make_page(ImportWizard, hc, cycle, parent=make_page.window)
    wizard.show()
    next_button = wizard.button(wizard.WizardButton.NextButton)
    assert not next_button.isEnabled()  # no file chosen yet
    first = tmp_path / "monday.csv"
    first.write_text(MONDAY.replace("Marketing", "Assessment").replace("Maybe", "Yes"), encoding="utf-8")
    preview = preview_import(hc, cycle.id, first)
    run_import(hc, cycle.id, preview, preview.mapping)
    wizard.load(first)
    qtbot.waitUntil(lambda: wizard.preview is not None)
    assert "has already been imported into 2024 (batch 1)" in wizard.detectedLabel.text()
    assert not next_button.isEnabled()
    qtbot.mouseClick(next_button, Qt.MouseButton.LeftButton)
    assert wizard.currentId() == FILE_PAGE
    second = tmp_path / "tuesday.csv"
    second.write_text(MONDAY.replace("13/05/2024", "14/05/2024"), encoding="utf-8")
    wizard.load(second)
    qtbot.waitUntil(lambda: wizard.preview is not None)
    assert next_button.isEnabled()
    qtbot.mouseClick(next_button, Qt.MouseButton.LeftButton)
    assert wizard.currentId() == MAPPING_PAGE


def _menu_wording(action_name: str) -> str:
    """'File > Restore from Backup…' as ui/main_window.ui names the action and its menu."""
    import xml.etree.ElementTree as ElementTree

    from swhc_desktop.paths import ui_dir

    root = ElementTree.parse(ui_dir() / "main_window.ui").getroot()
    text = root.find(f".//action[@name='{action_name}']/property[@name='text']/string").text
    menu = next(m for m in root.iter("widget") if m.find(f"addaction[@name='{action_name}']") is not None)
    title = menu.find("property[@name='title']/string").text
    return f"{title.replace('&', '')} > {text.replace('&', '')}"


def test_the_done_page_tells_the_psw_how_to_go_back_in_the_menu_s_own_words(qtbot, opened, make_page, tmp_path):
    hc, cycle = opened
    export = tmp_path / "monday.csv"
    export.write_text(MONDAY.replace("Marketing", "Assessment").replace("Maybe", "Yes"), encoding="utf-8")
    wizard = wizard_on(make_page, hc, cycle, export)
    to_values_page(qtbot, wizard)
    import_from_check_page(qtbot, wizard)
    done = wizard.resultLabel
    assert _menu_wording("actionRestoreBackup") == "File > Restore from Backup…"
    assert f"{_menu_wording('actionRestoreBackup')} puts the file back as it was." in done.text().replace("&gt;", ">")
    assert "Edit &gt; Undo" in done.text()
    backups = wizard.import_result.backup.parent
    assert str(backups) not in done.text() and backups.name not in done.text()  # no hashed folder to hunt for


def test_long_column_headings_wrap_whole_at_1366_by_768(qtbot, opened, make_page):
    """Each heading the column list shows fits its cell, wrapped, at the size the wizard has on a 1366x768 laptop."""
    from PySide6.QtCore import QRect

    from .support.import_support import REAL_EXPORTS

    hc, cycle = opened
    wizard = wizard_on(make_page, hc, cycle, REAL_EXPORTS / "qualtrics" / "Sample_Survey (Insights).csv")
    room = wizard.screen().availableGeometry()
    assert wizard.width() <= room.width() and wizard.height() <= room.height()
    wizard.resize(1326, 668)  # what it opens at on 1366x768 less a 40-pixel taskbar
    wizard.next()
    table = wizard.mappingTable
    assert table.wordWrap()
    for row in range(table.rowCount()):
        item = table.item(row, 0)
        needed = table.fontMetrics().boundingRect(
            QRect(0, 0, table.columnWidth(0) - 8, 10_000), Qt.TextFlag.TextWordWrap, item.text()
        )
        assert needed.height() <= table.rowHeight(row), item.text()
        assert item.toolTip() and " ".join(item.toolTip().split()).startswith(item.text().split(" … ")[0])


def test_the_answers_page_wraps_a_long_question_whole_and_shows_each_meaning_in_full(
    qtbot, opened, make_page, tmp_path
):
    from PySide6.QtCore import QRect

    hc, cycle = opened
    export = tmp_path / "monday.csv"
    export.write_text(MONDAY, encoding="utf-8")
    wizard = wizard_on(make_page, hc, cycle, export)
    wizard.resize(1326, 668)
    choices = to_values_page(qtbot, wizard)
    table = wizard.valuesTable
    assert table.wordWrap()
    stay = next(r for r in range(table.rowCount()) if table.item(r, 0).text().endswith("[intend_to_stay]"))
    needed = table.fontMetrics().boundingRect(
        QRect(0, 0, table.columnWidth(0) - 8, 10_000), Qt.TextFlag.TextWordWrap, table.item(stay, 0).text()
    )
    assert needed.height() <= table.rowHeight(stay)
    for combo in choices.values():
        assert table.columnWidth(3) >= combo.fontMetrics().horizontalAdvance(combo.currentText())  # no "Leave as…"


def test_next_and_import_are_greyed_out_while_the_file_is_read_and_while_importing(qtbot, opened, make_page, tmp_path):
    """A button that looks pressable does something: while a step reads the file in the background, it waits."""
    hc, cycle = opened
    export = tmp_path / "monday.csv"
    export.write_text(MONDAY.replace("Marketing", "Assessment").replace("Maybe", "Yes"), encoding="utf-8")
    wizard = wizard_on(make_page, hc, cycle, export)
    next_button = wizard.button(wizard.WizardButton.NextButton)
    wizard.next()
    assert wizard.currentId() == MAPPING_PAGE and next_button.isEnabled()
    wizard.next()  # the answers are read in the background: the result arrives through the event loop
    assert wizard.currentId() == VALUES_PAGE and not next_button.isEnabled()
    qtbot.waitUntil(lambda: wizard._ready[VALUES_PAGE])
    assert next_button.isEnabled()
    wizard.next()
    assert wizard.currentId() == CHECK_PAGE and not next_button.isEnabled()  # every row being checked
    qtbot.waitUntil(lambda: wizard._ready[CHECK_PAGE])
    assert next_button.isEnabled() and next_button.text().replace("&", "") == "Import"
    qtbot.mouseClick(next_button, Qt.MouseButton.LeftButton)
    assert not next_button.isEnabled()  # importing: a second press cannot start it again
    qtbot.waitUntil(lambda: wizard.currentId() == SUMMARY_PAGE)
    assert hc.responses.count(cycle.id) == 3


def test_an_export_of_another_survey_says_both_ways_on_when_no_column_matches(qtbot, opened, make_page):
    """No column of a survey run outside the app matches the cycle's questions: the page says so, and names the way to
    start a cycle built from the file, in the menu's and the New cycle dialog's own words; Next stays refused."""
    from swhc_desktop.domain.labels import NEW_CYCLE

    from .support.import_support import REAL_EXPORTS

    hc, cycle = opened
    wizard = wizard_on(make_page, hc, cycle, REAL_EXPORTS / "surveymonkey" / "steak-risk-survey.csv")
    wizard.next()
    assert wizard.currentId() == MAPPING_PAGE
    assert not wizard.mapping.mapped()
    said = wizard.mappingSummaryLabel.text()
    assert f"None of the file's columns matches a question of {cycle.name}" in said
    assert NEW_CYCLE in said
    dialog_words = "Build it from an export of a survey run outside the app"
    assert dialog_words in said and dialog_words in _ui_text("new_cycle_dialog.ui")
    wizard.next()
    assert wizard.currentId() == MAPPING_PAGE
    assert "None of the file's columns matches" in wizard.mappingSummaryLabel.text()


def _ui_text(name: str) -> str:
    from pathlib import Path

    return (Path(__file__).resolve().parents[1] / "ui" / name).read_text(encoding="utf-8").replace("&amp;", "")
