"""A survey run outside the app is first-class: a question that is not about a Standard is a choice, never an error.
The designer, `swhc check`, the hand-outs, the questionnaire built from an export and `swhc cycle-add --infer-from`
all say so alike, as a note that blocks nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QStyle

from swhc_desktop.cli import main
from swhc_desktop.domain.questionnaire import NOT_ABOUT_A_STANDARD, errors_only
from swhc_desktop.gui.common import output_files as output_files_module
from swhc_desktop.gui.designer import page as page_module
from swhc_desktop.gui.designer.page import DesignerPage
from swhc_desktop.gui.designer.tree import ItemKey
from swhc_desktop.importing.infer import infer_questionnaire, start_cycle_from_export
from swhc_desktop.questionnaires.handouts import questionnaire_handout

REAL = Path(__file__).parent / "fixtures" / "real-exports"
STEAK = REAL / "surveymonkey" / "steak-risk-survey.csv"
NOT_SOCIAL_WORK = [
    REAL / "surveymonkey" / "steak-risk-survey.csv",
    REAL / "surveymonkey" / "StarWars.csv",
    REAL / "qualtrics" / "Sample_Survey (Insights).csv",
    REAL / "qualtrics" / "Single_Answer_Matrix_Questions.csv",
    REAL / "google-forms" / "2019 English R Community Survey Responses (first 40 records).csv",
    REAL / "limesurvey" / "results.csv",
]


@pytest.mark.parametrize("export", NOT_SOCIAL_WORK, ids=lambda p: p.name)
def test_a_survey_that_is_not_about_social_work_starts_with_no_error(export):
    """Whatever the wording suggests, an inferred question with no Standard is noted, never an error."""
    problems = infer_questionnaire(export).validate()
    assert errors_only(problems) == []
    notes = [p for p in problems if p.is_note]
    assert notes and all("is not about a Standard" in p.message for p in notes)


@pytest.fixture
def steak(tmp_path, open_files):
    hc = open_files.create(tmp_path / "steak.swhc", "Anytown Borough Council")
    start_cycle_from_export(hc, "2026", STEAK)
    return hc


def test_a_cycle_built_from_an_export_is_handed_out_with_its_questions_not_about_a_standard(steak):
    handout = questionnaire_handout(steak, steak.cycles.by_name("2026"))  # refuses a questionnaire with errors
    not_about = [q for q in handout.questionnaire.questions() if q.standard is None]
    assert len(not_about) == 12


def test_the_command_line_says_what_the_app_says(tmp_path, capsys):
    path = tmp_path / "steak.swhc"
    assert main(["new", str(path), "--org", "Anytown Borough Council"]) == 0
    capsys.readouterr()
    assert main(["cycle-add", str(path), "2026", "--infer-from", str(STEAK)]) == 0
    out = capsys.readouterr().out
    assert "Questionnaire page" not in out, "the command line names no page of the app"
    assert (
        "2 questions filed under a Standard by their wording; 12 questions not about a Standard (reported under "
        "'Other questions': nothing to fix)." in out
    )
    assert main(["check", str(path)]) == 0  # notes are not problems
    out = capsys.readouterr().out
    assert "Cycle 2026 questionnaire (note): Question 'do_you_ever_smoke_cigarettes' is not about a Standard" in out
    assert "(error)" not in out
    assert main(["questions", str(path), "2026", "--format", "json"]) == 0
    assert f'"standard_name": "{NOT_ABOUT_A_STANDARD}"' in capsys.readouterr().out


def open_designer(make_page, hc) -> DesignerPage:
    page = make_page(DesignerPage)
    page.resize(1180, 640)
    page.show()
    make_page.qtbot.waitExposed(page)
    page.show_cycle(hc, hc.cycles.by_name("2026"))
    return page


def click(qtbot, page: DesignerPage, code: str) -> None:
    index = page.proxy.mapFromSource(page.model.index_of(ItemKey(question_code=code)))
    page.questionTree.scrollTo(index)
    rect = page.questionTree.visualRect(index)
    qtbot.mouseClick(page.questionTree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_the_designer_notes_a_question_not_about_a_standard_and_hands_the_questionnaire_out(
    qtbot, steak, make_page, monkeypatch, tmp_path
):
    page = open_designer(make_page, steak)
    assert page.problemsHeading.text() == "Ready to hand out. 12 notes on how questions are reported:"
    items = [page.problemsList.item(i).text() for i in range(page.problemsList.count())]
    assert len(items) == 12 and all(text.startswith("Note: Question '") for text in items)
    assert page.handOutButton.isEnabled()
    # The tree marks such a question as a note (information), not as a warning or an error.
    smoke = page.model.index_of(ItemKey(question_code="do_you_ever_smoke_cigarettes"))

    def image(icon):
        return icon.pixmap(16, 16).toImage()

    style = page.style()
    shown = image(smoke.data(Qt.ItemDataRole.DecorationRole))
    assert shown == image(style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxInformation))
    assert shown != image(style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning))
    assert "Note: Question 'do_you_ever_smoke_cigarettes' is not about a Standard" in smoke.data(
        Qt.ItemDataRole.ToolTipRole
    )

    click(qtbot, page, "do_you_ever_smoke_cigarettes")
    editor = page.question_editor
    assert editor.standardCombo.currentText() == NOT_ABOUT_A_STANDARD
    assert editor.questionProblemsLabel.text().startswith("Note: Question ")
    assert "color" not in editor.questionProblemsLabel.text()  # a note is not shown in red

    # The PSW says which questions are not about a Standard: Gender was filed by its wording; Home takes it out.
    click(qtbot, page, "gender")
    assert editor.standardCombo.currentData() == 2
    editor.standardCombo.setFocus()
    qtbot.keyClick(editor.standardCombo, Qt.Key.Key_Home)
    assert steak.questionnaires.load(steak.cycles.by_name("2026").id).question("gender").standard is None
    assert page.problemsHeading.text() == "Ready to hand out. 13 notes on how questions are reported:"
    page.undo_stack.undo()
    assert steak.questionnaires.load(steak.cycles.by_name("2026").id).question("gender").standard == 2

    # And the paper form is made with no complaint.
    told = []
    monkeypatch.setattr(page_module, "show_problem", lambda parent, error: told.append(error))
    monkeypatch.setattr(output_files_module, "ask", lambda *a, **k: False)
    monkeypatch.setattr(
        output_files_module.QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "form.pdf"), "")
    )
    page.hand_outs.menu.actions()[0].trigger()
    qtbot.waitUntil(lambda: not page.tasks.busy, timeout=20000)
    assert told == []
    assert (tmp_path / "form.pdf").read_bytes().startswith(b"%PDF")


def test_a_template_statement_taken_out_of_its_standard_is_noted_and_counts_again_when_put_back(
    qtbot, tmp_path, open_files, make_page
):
    from swhc_desktop.questionnaires.cycles import start_cycle

    hc = open_files.create(tmp_path / "template.swhc", "Anytown Borough Council")
    start_cycle(hc, "2026", template_id="staff-survey")
    page = open_designer(make_page, hc)
    assert page.problemsHeading.text() == "No problems found: ready to hand out."
    click(qtbot, page, "stressed")
    editor = page.question_editor
    assert editor.scoreCheck.isChecked()
    editor.standardCombo.setFocus()
    qtbot.keyClick(editor.standardCombo, Qt.Key.Key_Home)  # Not about a Standard
    assert page.problemsHeading.text() == "Ready to hand out. 1 note on how questions are reported:"
    assert page.problemsList.item(0).text() == (
        "Note: Question 'stressed' is not about a Standard: it is reported under 'Other questions' and feeds no "
        "Standard's score."
    )
    assert not editor.scoreCheck.isEnabled() and not editor.scoreCheck.isChecked()  # nothing asks to untick it
    assert editor.scoreNoteLabel.text() == "It is not about a Standard: choose its Standard first."
    editor.standardCombo.setCurrentIndex(editor.standardCombo.findData(4))
    editor.standardCombo.activated.emit(editor.standardCombo.currentIndex())
    assert page.problemsHeading.text() == "No problems found: ready to hand out."
    assert editor.scoreCheck.isChecked()  # it feeds Standard 4's score again


def test_the_designer_s_heading_counts_things_to_check_and_notes_apart(qtbot, tmp_path, open_files, make_page):
    hc = open_files.create(tmp_path / "sample.swhc", "Anytown Borough Council")
    start_cycle_from_export(hc, "2026", REAL / "qualtrics" / "sample.csv")
    page = open_designer(make_page, hc)
    assert page.problemsHeading.text() == (
        "Ready to hand out. 1 thing to check and 1 note on how questions are reported:"
    )
    kinds = [page.problemsList.item(i).text().split(":", 1)[0] for i in range(page.problemsList.count())]
    assert kinds == ["Check", "Note"]  # what to look at first
    assert page.handOutButton.isEnabled()
