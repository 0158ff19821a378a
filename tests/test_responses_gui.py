"""The Responses page, the import wizard and paper-returns entry, driven as a PSW would with the keyboard and mouse."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from swhc_desktop.gui.responses import page as responses_module
from swhc_desktop.gui.responses.import_wizard import CHECK_PAGE, MAPPING_PAGE, SUMMARY_PAGE, VALUES_PAGE, ImportWizard
from swhc_desktop.gui.responses.page import ResponsesPage
from swhc_desktop.gui.responses.paper_entry import PaperEntryDialog
from swhc_desktop.importing.importer import preview_import, run_import
from swhc_desktop.importing.paper import read_entry
from swhc_desktop.importing.rows import ImportOptions

from .support.import_support import new_file

EXPORT = (
    "ID,Start time,Completion time,Email,Name,Which team do you work in?,"
    "How many cases (children) are allocated to you at the moment?,I feel stressed by my job\n"
    "1,03/05/2024 10:00,03/05/2024 10:04,jo@anytown.gov.uk,Jo,Assessment,15,Agree\n"
    "2,03/05/2024 11:00,03/05/2024 11:09,anonymous,,Children in care,twenty,Strongly Agree\n"
    "3,04/05/2024 09:00,04/05/2024 09:04,anonymous,,Family support hub,12,Neither agree or disagree\n"
)


@pytest.fixture
def opened(tmp_path, folders, open_files):
    hc = open_files.open(new_file(tmp_path, folders))
    return hc, hc.cycles.by_name("2024")


def make_wizard(make_page, hc, cycle):
    wizard = make_page(ImportWizard, hc, cycle, parent=make_page.window)
    wizard.show()
    return wizard


def wizard_with_file(make_page, hc, cycle, export, text=EXPORT):
    """A wizard with an export file chosen and read."""
    export.write_text(text, encoding="utf-8")
    wizard = make_wizard(make_page, hc, cycle)
    wizard.load(export)
    make_page.qtbot.waitUntil(lambda: wizard.preview is not None)
    return wizard


def test_the_wizard_goes_from_file_to_summary(qtbot, opened, make_page, tmp_path):
    hc, cycle = opened
    wizard = wizard_with_file(make_page, hc, cycle, tmp_path / "forms.csv")
    assert "Microsoft Forms" in wizard.detectedLabel.text() and "will not be stored" in wizard.detectedLabel.text()
    assert wizard.previewTable.item(1, 5).text() == "Assessment"

    wizard.next()
    assert wizard.currentId() == MAPPING_PAGE
    assert wizard.mappingTable.cellWidget(0, 1).currentData() == "team"
    assert wizard.mappingTable.item(0, 2).text() == "100% · same wording"

    wizard.next()
    assert wizard.currentId() == VALUES_PAGE
    qtbot.waitUntil(lambda: wizard._ready[VALUES_PAGE])
    values = {
        wizard.valuesTable.item(r, 1).text(): wizard.valuesTable.cellWidget(r, 3)
        for r in range(wizard.valuesTable.rowCount())
    }
    assert set(values) == {"Family support hub", "Neither agree or disagree"}
    assert values["Family support hub"].currentText() == "Keep as the text of 'Other'"
    assert values["Neither agree or disagree"].currentText() == "Neither agree nor disagree"

    wizard.next()
    assert wizard.currentId() == CHECK_PAGE
    qtbot.waitUntil(lambda: wizard._ready[CHECK_PAGE])
    assert wizard.problemTable.rowCount() == 1
    assert wizard.problemTable.item(0, 4).text().startswith("'twenty' is not a number")
    wizard.next()  # not allowed until the user chooses to skip
    assert wizard.currentId() == CHECK_PAGE and "Tick 'Skip these rows'" in wizard.checkSummaryLabel.text()
    assert hc.responses.count(cycle.id) == 0

    assert wizard.problemTable.isVisible() and "more responses" not in wizard.checkSummaryLabel.text()
    qtbot.mouseClick(wizard.skipRowsCheck, Qt.MouseButton.LeftButton)
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentId() == SUMMARY_PAGE)
    assert "2 responses added" in wizard.resultLabel.text()
    assert "1 row with problems skipped" in wizard.resultLabel.text()
    assert "response rate of 2%" in wizard.resultLabel.text()
    assert hc.responses.count(cycle.id) == 2
    assert hc.value("SELECT count(*) FROM response_identifiers") == 0
    stress = hc.questionnaires.load(cycle.id).question("stressed")
    assert hc.responses.option_counts(stress.id) == {stress.option("agree").id: 1, stress.option("neither").id: 1}


def test_the_check_warns_of_more_responses_than_staff_invited(qtbot, opened, make_page, tmp_path):
    hc, cycle = opened
    rows = "".join(f"{n},03/05/2024 10:00,03/05/2024 10:04,anonymous,,Assessment,15,Agree\n" for n in range(130))
    wizard = wizard_with_file(
        make_page, hc, cycle, tmp_path / "too-many.csv", EXPORT.splitlines(keepends=True)[0] + rows
    )
    wizard.next()
    wizard.next()
    qtbot.waitUntil(lambda: wizard._ready[VALUES_PAGE])
    wizard.next()
    qtbot.waitUntil(lambda: wizard._ready[CHECK_PAGE])
    text = wizard.checkSummaryLabel.text()
    assert "130 responses from 120 staff invited" in text and "130 responses will be added" in text
    assert "No problems found" not in text  # an all-clear never stands beside a warning
    assert not wizard.problemTable.isVisible()


def test_the_check_warns_of_a_matched_question_no_row_answers(qtbot, opened, make_page, tmp_path):
    """A column matched to the wrong question: none of its answers means anything there, all are left as no answer."""
    hc, cycle = opened
    text = (
        "ID,Start time,Completion time,Email,Name,Which team do you work in?,Do you eat steak?\n"
        "1,03/05/2024 10:00,03/05/2024 10:04,anonymous,,Assessment,Yes\n"
        "2,03/05/2024 11:00,03/05/2024 11:09,anonymous,,Assessment,No\n"
    )
    wizard = wizard_with_file(make_page, hc, cycle, tmp_path / "steak.csv", text)
    wizard.next()
    steak = wizard.mappingTable.cellWidget(1, 1)
    steak.setCurrentIndex(steak.findData("caseload_manageable"))
    wizard.next()
    qtbot.waitUntil(lambda: wizard._ready[VALUES_PAGE])
    for row in range(wizard.valuesTable.rowCount()):
        assert wizard.valuesTable.cellWidget(row, 3).currentText() == "Leave as no answer"
    wizard.next()
    qtbot.waitUntil(lambda: wizard._ready[CHECK_PAGE])
    summary = wizard.checkSummaryLabel.text()
    assert "No row gives an answer to 1 matched question" in summary and "[caseload_manageable]" in summary
    assert "No problems found" not in summary


def test_the_layout_detected_can_be_overridden(qtbot, opened, make_page, tmp_path):
    hc, cycle = opened
    wizard = wizard_with_file(make_page, hc, cycle, tmp_path / "forms.csv")
    assert wizard.preview.file_layout.layout.value == "microsoft-forms"
    wizard.layoutCombo.setCurrentIndex(wizard.layoutCombo.findText("Plain table (one heading row)"))
    qtbot.waitUntil(lambda: wizard.preview is not None and wizard.preview.file_layout.layout.value == "plain")
    assert wizard.detectedLabel.text().startswith("Plain table")


def test_the_wizard_says_why_a_file_cannot_be_read(qtbot, opened, make_page, tmp_path):
    hc, cycle = opened
    export = tmp_path / "old.xls"
    export.write_bytes(b"\xd0\xcf\x11\xe0")
    wizard = make_wizard(make_page, hc, cycle)
    wizard.load(export)
    qtbot.waitUntil(lambda: "cannot be imported" in wizard.detectedLabel.text())
    assert not wizard.validateCurrentPage()


def test_keeping_identifying_details_needs_a_reason(qtbot, opened, make_page, tmp_path):
    hc, cycle = opened
    wizard = wizard_with_file(make_page, hc, cycle, tmp_path / "forms.csv")
    assert not wizard.reasonEdit.isEnabled()
    wizard.keepIdentifyingCheck.setChecked(True)
    assert wizard.reasonEdit.isEnabled() and not wizard.validateCurrentPage()
    assert "Say why" in wizard.detectedLabel.text()
    qtbot.keyClicks(wizard.reasonEdit, "Staff agreed to follow-up interviews")
    assert wizard.validateCurrentPage()
    assert wizard.import_options().identifying_kept_reason == "Staff agreed to follow-up interviews"


@pytest.fixture
def page_with_a_batch(opened, make_page, tmp_path):
    """The Responses page over a cycle with one imported batch of three responses; its undo stack; the import."""
    hc, cycle = opened
    stack = make_page.undo_stack
    page = make_page(ResponsesPage, parent=make_page.window)
    export = tmp_path / "forms.csv"
    export.write_text(EXPORT.replace("twenty", "20"), encoding="utf-8")
    preview = preview_import(hc, cycle.id, export)
    result = run_import(hc, cycle.id, preview, preview.mapping, ImportOptions(unmatched_as_no_answer=True))
    page.show_cycle(hc, hc.cycles.get(cycle.id))
    return page, stack, preview, result


def test_the_page_lists_batches_and_removes_one_after_asking(qtbot, opened, page_with_a_batch, monkeypatch):
    hc, cycle = opened
    page, stack, preview, _ = page_with_a_batch
    assert page.batchTable.rowCount() == 1
    cells = [page.batchTable.item(0, c).text() for c in range(page.batchTable.columnCount())]
    assert cells[0] == "forms.csv" and cells[1] == "Microsoft Forms" and cells[4] == "3" and cells[6] == "Not stored"
    assert "3 responses from 120 staff invited (3% response rate)" in page.summaryLabel.text()
    assert not page.removeButton.isEnabled()
    page.batchTable.selectRow(0)
    assert page.removeButton.isEnabled()
    answers = iter([False, True])
    monkeypatch.setattr(responses_module, "ask", lambda *args, **kwargs: next(answers))
    with qtbot.waitSignal(page.contents_changed, timeout=1000, raising=False) as changed:
        qtbot.mouseClick(page.removeButton, Qt.MouseButton.LeftButton)
    assert not changed.signal_triggered and hc.responses.count(cycle.id) == 3
    with qtbot.waitSignal(page.contents_changed, timeout=1000):
        qtbot.mouseClick(page.removeButton, Qt.MouseButton.LeftButton)
    assert hc.responses.count(cycle.id) == 0 and hc.value("SELECT count(*) FROM answers") == 0
    assert stack.undoText() == "Remove forms.csv"
    stack.undo()  # Ctrl+Z puts the batch back exactly
    assert hc.responses.count(cycle.id) == 3 and [b.source_name for b in hc.responses.batches(cycle.id)] == [
        "forms.csv"
    ]
    assert hc.responses.batches(cycle.id)[0].mapping_json == preview.mapping.to_json(preview.file_layout)
    stack.redo()
    assert hc.responses.count(cycle.id) == 0


def test_an_import_can_be_undone_and_redone(opened, page_with_a_batch):
    hc, cycle = opened
    page, stack, _, result = page_with_a_batch
    page.imported(result.batch_id, "forms.csv")
    assert stack.undoText() == "Import forms.csv"
    assert hc.responses.count(cycle.id) == 3  # pushing does not import twice
    stack.undo()
    assert hc.responses.count(cycle.id) == 0
    stack.redo()
    assert hc.responses.count(cycle.id) == 3


def test_typed_answers_are_read_and_checked():
    from swhc_desktop.questionnaires.templates import load_template

    questionnaire = load_template("staff-survey")
    team = questionnaire.question("team")
    assert read_entry(team, "2").option_codes == (team.options[1].code,)
    assert read_entry(team, "2 3").problem == "this question takes one answer"
    assert read_entry(team, "12").problem.startswith("there is no answer 12")
    assert read_entry(questionnaire.question("leaving_reasons"), "1, 3").option_codes == ("new_job", "pay")
    assert read_entry(questionnaire.question("hours_worked"), "400").problem == "400 is above the highest allowed (100)"
    assert read_entry(questionnaire.question("caseload"), "twenty").problem.startswith("'twenty' is not a number")


def test_paper_returns_keyed_in_with_the_keyboard_are_each_saved_at_once(qtbot, opened):
    hc, cycle = opened
    dialog = PaperEntryDialog(hc, cycle)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.referenceEdit.setFocus()
    rows = {row.question.code: row for row in dialog.rows}
    assert "Return 1" in dialog.countLabel.text()
    qtbot.keyClicks(dialog.referenceEdit, "P-001")
    qtbot.keyClick(dialog.referenceEdit, Qt.Key.Key_Tab)
    assert rows["team"].edit.hasFocus()
    qtbot.keyClicks(rows["team"].edit, "8")
    assert rows["team"].other_edit.isVisible()  # 'Other team (please specify)'
    qtbot.keyClick(rows["team"].edit, Qt.Key.Key_Tab)
    qtbot.keyClicks(rows["team"].other_edit, "Youth justice")
    qtbot.keyClicks(rows["hours_worked"].edit, "400")
    assert "above the highest allowed" in rows["hours_worked"].feedback.text()
    assert not dialog.saveButton.isEnabled()
    rows["hours_worked"].edit.clear()
    qtbot.keyClicks(rows["hours_worked"].edit, "42")
    assert dialog.saveButton.isEnabled()
    assert not rows["observation_positive"].holder.isVisibleTo(dialog)  # a follow-up of 'observed in practice'
    qtbot.keyClicks(rows["observed_practice"].edit, "1")
    assert rows["observation_positive"].holder.isVisibleTo(dialog)
    qtbot.keyClicks(rows["observation_positive"].edit, "2")
    qtbot.keyClick(dialog, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert hc.responses.count(cycle.id) == 1  # committed at once: a crash now loses nothing
    assert "Return 2" in dialog.countLabel.text() and "1 paper return saved" in dialog.countLabel.text()
    assert rows["team"].typed() == "" and dialog.referenceEdit.hasFocus()

    questionnaire = hc.questionnaires.load(cycle.id)
    team = questionnaire.question("team")
    assert hc.tuples("SELECT option_id, text_value FROM answers WHERE question_id = ?", (team.id,)) == [
        (team.option("other_team").id, "Youth justice")
    ]
    qtbot.keyClicks(dialog.referenceEdit, "P-001")
    qtbot.keyClicks(rows["team"].edit, "1")
    dialog.save()
    assert "already been keyed in" in dialog.problemLabel.text() and hc.responses.count(cycle.id) == 1
    dialog.referenceEdit.clear()
    rows["team"].clear()
    [batch] = hc.responses.batches(cycle.id)
    assert (batch.kind.value, batch.source_name) == ("paper", "Paper returns")
    dialog.take_out_last()
    assert hc.responses.count(cycle.id) == 0


def test_closing_with_a_return_half_typed_asks_before_dropping_it(qtbot, opened):
    from .support.questions import QuestionAnswerer

    hc, cycle = opened
    from swhc_desktop.gui.common.unsaved import DISCARD_QUESTION

    answers = QuestionAnswerer(qtbot).then("Alt+K", "Alt+D")
    asked = answers.asked
    dialog = PaperEntryDialog(hc, cycle)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.close()  # nothing typed: closes without a question
    assert asked == [] and not dialog.isVisible()
    dialog.show()
    rows = {row.question.code: row for row in dialog.rows}
    qtbot.keyClicks(rows["team"].edit, "2")
    qtbot.mouseClick(dialog.closeButton, Qt.MouseButton.LeftButton)
    assert asked == [DISCARD_QUESTION] and dialog.isVisible()  # "Keep editing"
    assert answers.buttons == [["&Discard", "&Keep editing"]]  # as every other window asks it
    assert rows["team"].typed() == "2"
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert len(asked) == 2 and not dialog.isVisible()  # "Discard it"
    assert hc.responses.count(cycle.id) == 0
    answers.stop()


def answer_grid(label) -> list[list[str]]:
    """The numbered answers beside a box, as the rows and cells of the table the screen shows."""
    from PySide6.QtGui import QTextDocument, QTextTable

    document = QTextDocument()
    document.setHtml(label.text())
    table = next(f for f in document.rootFrame().childFrames() if isinstance(f, QTextTable))
    return [
        [table.cellAt(row, column).firstCursorPosition().block().text() for column in range(table.columns())]
        for row in range(table.rows())
    ]


def test_each_answers_number_stands_apart_from_its_answer_in_aligned_columns(qtbot, demo):
    hc = demo
    cycle = hc.cycles.by_name("2025")
    dialog = PaperEntryDialog(hc, cycle)
    qtbot.addWidget(dialog)
    dialog.resize(900, 640)
    dialog.show()
    qtbot.waitExposed(dialog)
    checked = 0
    for row in dialog.rows:
        options = row.question.keyed_options
        if not options:
            continue
        grid = answer_grid(row.hint)
        keyed = row.question.keyed
        if all(str(n) == o.label for n, o in keyed):  # a 0 to 10 scale: each answer is its own number, said once
            assert [cell for line in grid for cell in line if cell] == [str(n) for n, _ in keyed]
            continue
        cells = [cell for line in grid for cell in line if cell]
        numbers, answers = cells[0::2], cells[1::2]
        # Read across, then down, as the paper form prints them: each number in a cell of its own, then its answer.
        assert numbers == [str(n) for n in range(1, len(options) + 1)], row.question.code
        assert answers == [o.label for o in options], row.question.code
        assert all(len(line) == len(grid[0]) for line in grid)  # one set of columns: every answer starts in line
        checked += 1
    assert checked > 40
    team = next(r for r in dialog.rows if r.question.code == "team")
    assert answer_grid(team.hint)[3][2:] == ["8", "Other team"]  # answer 8 where it is read eighth
