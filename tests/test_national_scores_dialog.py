"""Entering the national Standards scores from the LGA's report, as a PSW does: typing the eight scores and their
source for a service and year, mistakes said beside their box with nothing kept, removing a year's scores, Ctrl+Z;
and Tools > National Standards Scores opening on the chosen cycle's service and year."""

from __future__ import annotations

import pytest
import shiboken6
from PySide6.QtCore import Qt

from swhc_desktop.analysis.benchmarks import NationalScore, national_scores, save_national_score
from swhc_desktop.domain.records import Service
from swhc_desktop.gui.findings import national_scores as dialog_module
from swhc_desktop.gui.findings.national_scores import NationalScoresDialog
from swhc_desktop.gui.main_window import MainWindow
from swhc_desktop.questionnaires.cycles import start_cycle

from .support.pages import add_main_window

SOURCE = "LGA employer standards health check 2025: national summary"
SCORES_2025 = {1: "71", 2: "64", 3: "58", 4: "66", 5: "77", 6: "73", 7: "82", 8: "69.5"}


@pytest.fixture
def problems(monkeypatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr(dialog_module, "show_problem", lambda parent, error: shown.append(str(error)))
    return shown


@pytest.fixture
def hc(tmp_path, open_files):
    return open_files.create(tmp_path / "national.swhc", "Anytown Borough Council")


@pytest.fixture
def dialog(qtbot, hc, make_page, problems) -> NationalScoresDialog:
    dialog = make_page(NationalScoresDialog, hc, service=Service.CHILDREN, year=2025, parent=make_page.window)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def type_into(qtbot, edit, text: str) -> None:
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Delete)
    qtbot.keyClicks(edit, text)
    qtbot.keyClick(edit, Qt.Key.Key_Tab)  # leaving the box checks it


def save(qtbot, dialog: NationalScoresDialog) -> None:
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)


def kept(hc) -> dict[tuple[str, int, int], tuple[float, str]]:
    return {(str(s.service), s.year, s.standard): (s.score, s.source) for s in national_scores(hc)}


def shown_scores(dialog: NationalScoresDialog) -> dict[int, str]:
    return {standard: edit.text() for standard, edit in dialog.score_edits.items()}


def problem(dialog: NationalScoresDialog, standard: int) -> str:
    return dialog.problems[standard].text()


def test_the_eight_scores_typed_with_their_source_are_kept_and_ctrl_z_undoes_them(qtbot, hc, dialog, problems):
    assert dialog.windowTitle() == "National Standards scores"
    assert dialog.titles[1].text() == "Standard 1: Strategic and professional leadership:"
    assert dialog.keptLabel.text() == "No national scores are kept yet."
    assert not dialog.removeButton.isEnabled()
    for standard, text in SCORES_2025.items():
        type_into(qtbot, dialog.score_edits[standard], text)
    type_into(qtbot, dialog.sourceEdit, SOURCE)
    save(qtbot, dialog)
    assert kept(hc) == {("children", 2025, n): (float(text), SOURCE) for n, text in SCORES_2025.items()}
    assert dialog.keptLabel.text() == "Kept: Children's services 2025 (8 Standards)."
    assert shown_scores(dialog) == SCORES_2025 and dialog.removeButton.isEnabled()
    assert hc.value("SELECT count(*) FROM audit_log WHERE detail LIKE 'National score of Standard %, 2025'") == 8
    assert dialog.undo_stack.undoText() == "enter the national scores of 8 Standards for children's services, 2025"
    # Ctrl+Z from the Save button just clicked (in a box, it undoes the typing there, as in any box).
    dialog.save_button.setFocus()
    qtbot.keyClick(dialog.save_button, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert kept(hc) == {} and shown_scores(dialog) == dict.fromkeys(SCORES_2025, "")
    assert hc.value("SELECT count(*) FROM settings WHERE key = 'national_standard_scores'") == 0  # as it was
    qtbot.keyClick(dialog.save_button, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert len(kept(hc)) == 8 and shown_scores(dialog) == SCORES_2025
    assert problems == []


@pytest.mark.parametrize(
    "typed, said",
    [
        ("101", "A Standard's score is out of 100; 101 is not. Type a score from 0 to 100."),
        ("-3", "A Standard's score is out of 100; -3 is not. Type a score from 0 to 100."),
        ("high", "'high' is not a number. Type the score out of 100, such as 72, or leave it empty."),
        ("nan", "'nan' is not a number. Type the score out of 100, such as 72, or leave it empty."),
        ("72%", "'72%' is not a number. Type the score out of 100, such as 72, or leave it empty."),
    ],
)
def test_a_score_that_cannot_be_one_is_refused_beside_its_box_and_nothing_is_kept(
    qtbot, hc, dialog, problems, typed, said
):
    type_into(qtbot, dialog.sourceEdit, SOURCE)
    type_into(qtbot, dialog.score_edits[1], "71")
    type_into(qtbot, dialog.score_edits[4], typed)
    assert said in problem(dialog, 4)  # said as soon as the box is left
    assert problem(dialog, 1) == ""
    save(qtbot, dialog)
    assert said in problem(dialog, 4)
    assert kept(hc) == {} and dialog.undo_stack.count() == 0
    type_into(qtbot, dialog.score_edits[4], "66")
    assert problem(dialog, 4) == ""
    save(qtbot, dialog)
    assert kept(hc) == {("children", 2025, 1): (71.0, SOURCE), ("children", 2025, 4): (66.0, SOURCE)}


def test_scores_without_their_source_are_refused_beside_the_source(qtbot, hc, dialog, problems):
    type_into(qtbot, dialog.score_edits[1], "71")
    type_into(qtbot, dialog.sourceEdit, "   ")
    save(qtbot, dialog)
    assert dialog.sourceProblemLabel.isVisible()
    assert "Say where the national score comes from." in dialog.sourceProblemLabel.text()
    assert kept(hc) == {}
    type_into(qtbot, dialog.sourceEdit, SOURCE)
    save(qtbot, dialog)
    assert not dialog.sourceProblemLabel.isVisible() and kept(hc) == {("children", 2025, 1): (71.0, SOURCE)}


def test_a_year_and_service_show_their_own_scores_named_as_that_years_standards(qtbot, hc, make_page, problems):
    save_national_score(hc, NationalScore(Service.CHILDREN, 2023, 1, 74, "LGA 2023/24 national summary"))
    save_national_score(hc, NationalScore(Service.ADULTS, 2025, 4, 61, "LGA adults' 2025 summary"))
    dialog = make_page(NationalScoresDialog, hc, service=Service.CHILDREN, year=2025, parent=make_page.window)
    assert shown_scores(dialog)[1] == "" and dialog.titles[1].text().startswith("Standard 1: Strategic")
    dialog.yearSpin.setValue(2023)
    assert shown_scores(dialog)[1] == "74" and dialog.sourceEdit.text() == "LGA 2023/24 national summary"
    assert dialog.titles[1].text() == "Standard 1: Strong and clear social work framework:"
    dialog.yearSpin.setValue(2025)
    dialog.serviceCombo.setCurrentIndex(dialog.serviceCombo.findData("adults"))
    assert shown_scores(dialog)[4] == "61" and shown_scores(dialog)[1] == ""
    assert dialog.keptLabel.text() == "Kept: Adults' services 2025 (1 Standard); Children's services 2023 (1 Standard)."


def test_a_years_scores_are_removed_and_undo_brings_them_back(qtbot, hc, make_page, problems):
    for standard in (1, 2):
        save_national_score(hc, NationalScore(Service.CHILDREN, 2025, standard, 70 + standard, SOURCE))
    save_national_score(hc, NationalScore(Service.CHILDREN, 2024, 1, 68, "LGA 2024"))
    dialog = make_page(NationalScoresDialog, hc, service=Service.CHILDREN, year=2025, parent=make_page.window)
    dialog.show()
    qtbot.mouseClick(dialog.removeButton, Qt.MouseButton.LeftButton)
    assert kept(hc) == {("children", 2024, 1): (68.0, "LGA 2024")}  # the other year is left as it was
    assert shown_scores(dialog) == dict.fromkeys(SCORES_2025, "") and not dialog.removeButton.isEnabled()
    assert dialog.undo_stack.undoText() == "remove the national scores for children's services, 2025"
    dialog.undo_stack.undo()
    assert kept(hc)[("children", 2025, 2)] == (72.0, SOURCE) and shown_scores(dialog)[2] == "72"
    # Emptying one box and saving takes that Standard's score away, and only it.
    type_into(qtbot, dialog.score_edits[2], "")
    save(qtbot, dialog)
    assert ("children", 2025, 2) not in kept(hc) and kept(hc)[("children", 2025, 1)] == (71.0, SOURCE)
    assert problems == []


def test_a_read_only_files_scores_are_shown_but_cannot_be_changed(qtbot, tmp_path, open_files, make_page):
    path = tmp_path / "read-only.swhc"
    with open_files.create(path, "Anytown Borough Council") as writable:
        save_national_score(writable, NationalScore(Service.CHILDREN, 2025, 1, 71, SOURCE))
    hc = open_files.open(path, read_only=True)
    dialog = make_page(NationalScoresDialog, hc, service=Service.CHILDREN, year=2025, parent=make_page.window)
    assert shown_scores(dialog)[1] == "71" and dialog.score_edits[1].isReadOnly()
    assert not dialog.save_button.isEnabled() and not dialog.removeButton.isEnabled()
    assert dialog.keptLabel.text().endswith("The file is read-only: the scores cannot be changed.")


def test_tools_menu_opens_the_dialog_on_the_chosen_cycles_service_and_year(
    qtbot, tmp_path, open_files, settings, folders, monkeypatch
):
    path = tmp_path / "adults.swhc"
    with open_files.create(path, "Anytown Borough Council") as hc:
        start_cycle(hc, "2024/25", template_id="adults-staff-survey")
    window = add_main_window(qtbot, MainWindow(settings, folders))
    assert not window.actionNationalScores.isEnabled()  # no file open
    assert window.open_path(path)
    seen = {}

    def look(dialog: NationalScoresDialog) -> int:
        seen.update(service=dialog.service, year=dialog.year, title=dialog.titles[1].text())
        return NationalScoresDialog.DialogCode.Rejected

    monkeypatch.setattr(NationalScoresDialog, "exec", look)
    assert window.actionNationalScores.isEnabled()
    assert window.actionNationalScores in window.menuTools.actions() and window.menuTools.title() == "&Tools"
    window.actionNationalScores.trigger()
    assert seen == {
        "service": Service.ADULTS,
        "year": 2024,
        "title": "Standard 1: Strong and clear social work framework:",
    }
    window._close_file()


def test_a_save_is_undone_from_the_edit_menu_after_the_dialog_has_gone(qtbot, hc, make_page, problems):
    told = []
    # Built as the window builds it (not given to qtbot to close: it is deleted here, as the window deletes it).
    dialog = NationalScoresDialog(hc, make_page.undo_stack, Service.CHILDREN, 2025, make_page.window, told.append)
    dialog.show()
    type_into(qtbot, dialog.score_edits[3], "58")
    type_into(qtbot, dialog.sourceEdit, SOURCE)
    save(qtbot, dialog)
    dialog.reject()
    shiboken6.delete(dialog)  # closed and gone, as the window's dialog is once it has been shown
    stack = make_page.undo_stack
    stack.undo()
    assert kept(hc) == {} and len(told) == 1
    stack.redo()
    assert kept(hc) == {("children", 2025, 3): (58.0, SOURCE)} and len(told) == 2
    assert problems == []


# ---------------------------------------------------------------- typed scores are not lost to the year or service


@pytest.fixture
def answers(qtbot):
    from .support.questions import QuestionAnswerer

    answerer = QuestionAnswerer(qtbot)
    yield answerer
    answerer.stop()


def choose_year(qtbot, dialog: NationalScoresDialog, year: int) -> None:
    """Type a year into the Year box and leave it, as a user does (back in the dialog once a question has closed)."""
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.yearSpin.setFocus()
    dialog.yearSpin.selectAll()
    qtbot.keyClicks(dialog.yearSpin, str(year))
    qtbot.keyClick(dialog.yearSpin, Qt.Key.Key_Tab)


def test_another_year_asks_before_typed_scores_are_dropped_and_keep_editing_keeps_them(qtbot, hc, dialog, answers):
    type_into(qtbot, dialog.score_edits[1], "71")
    type_into(qtbot, dialog.score_edits[2], "64")
    answers.then("Alt+K")
    choose_year(qtbot, dialog, 2024)
    assert len(answers.asked) == 1 and "Discard what you typed?" in answers.asked[0]  # the one wording
    assert dialog.yearSpin.value() == 2025  # back to the year the scores were typed for
    assert dialog.score_edits[1].text() == "71" and dialog.score_edits[2].text() == "64"
    answers.then("Escape")  # Escape on the question keeps the scores too
    dialog.serviceCombo.setCurrentIndex(dialog.serviceCombo.findData(Service.ADULTS.value))
    assert len(answers.asked) == 2 and dialog.service is Service.CHILDREN
    assert dialog.score_edits[1].text() == "71"
    assert kept(hc) == {}


def test_discarding_shows_the_other_years_scores_and_a_saved_year_changes_without_a_question(
    qtbot, hc, dialog, answers
):
    type_into(qtbot, dialog.score_edits[1], "71")
    answers.then("Alt+D")
    choose_year(qtbot, dialog, 2024)
    assert len(answers.asked) == 1 and dialog.year == 2024
    assert dialog.score_edits[1].text() == ""  # 2024 has no scores kept
    choose_year(qtbot, dialog, 2025)  # nothing typed since: no question
    assert len(answers.asked) == 1 and dialog.score_edits[1].text() == ""
    for standard, score in SCORES_2025.items():
        type_into(qtbot, dialog.score_edits[standard], score)
    type_into(qtbot, dialog.sourceEdit, SOURCE)
    save(qtbot, dialog)
    assert len(kept(hc)) == 8
    choose_year(qtbot, dialog, 2023)  # saved: nothing to lose
    assert len(answers.asked) == 1 and dialog.year == 2023
    choose_year(qtbot, dialog, 2025)
    assert dialog.score_edits[8].text() == "69.5"


def test_escape_and_close_ask_before_typed_scores_are_lost(qtbot, hc, dialog, answers):
    from PySide6.QtWidgets import QDialogButtonBox

    type_into(qtbot, dialog.score_edits[3], "58")
    answers.then("Alt+K")
    qtbot.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_Escape)
    assert len(answers.asked) == 1 and dialog.isVisible()
    answers.then("Alt+D")
    close = dialog.buttonBox.button(QDialogButtonBox.StandardButton.Close)
    qtbot.mouseClick(close, Qt.MouseButton.LeftButton)
    assert len(answers.asked) == 2 and not dialog.isVisible()
    assert kept(hc) == {}
