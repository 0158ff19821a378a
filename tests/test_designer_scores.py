"""Which statements feed each Standard's score, seen and changed in the designer as a PSW would: the box in the
question editor, the Standards scores dialog, each tick one undoable edit; a question that cannot count is refused
with the reason shown; a cycle with answers can be changed (no answer changes) and says its scores will."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QStyle, QStyleOptionButton

from swhc_desktop.analysis.standard_scores import standard_scores
from swhc_desktop.gui.designer import page as page_module
from swhc_desktop.gui.designer.page import DesignerPage
from swhc_desktop.gui.designer.standard_statements import StandardStatementsDialog
from swhc_desktop.gui.designer.tree import ItemKey
from swhc_desktop.questionnaires.cycles import start_cycle
from swhc_desktop.questionnaires.standard_statements import candidate_statements, statements_of

from .support.editions import add_cycle_of_edition
from .support.scores import plant


@pytest.fixture
def problems(monkeypatch) -> list:
    shown: list = []
    monkeypatch.setattr(page_module, "show_problem", lambda parent, error: shown.append(error))
    return shown


@pytest.fixture
def new_file(tmp_path, open_files):
    hc = open_files.create(tmp_path / "scores.swhc", "Anytown Borough Council")
    start_cycle(hc, "2025", template_id="staff-survey")
    return hc


def open_page(make_page, hc, cycle_name: str = "2025") -> DesignerPage:
    page = make_page(DesignerPage)
    page.resize(1180, 700)
    page.show()
    make_page.qtbot.waitExposed(page)
    page.show_cycle(hc, hc.cycles.by_name(cycle_name))
    return page


def choose(qtbot, page: DesignerPage, code: str) -> None:
    """Click the question in the tree, as the user would."""
    index = page.proxy.mapFromSource(page.model.index_of(ItemKey(question_code=code)))
    page.questionTree.scrollTo(index)
    qtbot.mouseClick(
        page.questionTree.viewport(), Qt.MouseButton.LeftButton, pos=page.questionTree.visualRect(index).center()
    )
    assert page.current == ItemKey(question_code=code)


def click_box(qtbot, box) -> None:
    """Click the tick box itself, where it is drawn, as a user does."""
    option = QStyleOptionButton()
    option.initFrom(box)
    indicator = box.style().subElementRect(QStyle.SubElement.SE_CheckBoxIndicator, option, box)
    box.window().raise_()
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=indicator.center() if indicator.isValid() else QPoint(6, 6))


def feeding(hc, standard: int, cycle_name: str = "2025") -> tuple[str, ...]:
    return statements_of(hc.questionnaires.load(hc.cycles.by_name(cycle_name).id), standard)


# --------------------------------------------------------------------------- the question editor


def test_a_statement_is_left_out_of_its_standards_score_from_the_editor_and_undone(
    qtbot, new_file, problems, make_page
):
    page = open_page(make_page, new_file)
    choose(qtbot, page, "proud")
    box = page.question_editor.scoreCheck
    assert box.isVisible() and box.isEnabled() and box.isChecked()
    assert box.text().replace("&", "") == "Counts towards Standard 1's score"
    assert "Standard 1: Strategic and professional leadership" in box.toolTip()
    click_box(qtbot, box)
    assert "proud" not in feeding(new_file, 1) and "valued" in feeding(new_file, 1)
    assert page.current == ItemKey(question_code="proud")  # the editor stays on the question
    assert not page.question_editor.scoreCheck.isChecked()
    assert page.undo_stack.undoText() == "leave question 29 out of Standard 1's score"
    assert new_file.value("SELECT detail FROM audit_log ORDER BY id DESC LIMIT 1") == (
        "2025: leave question 29 out of Standard 1's score"
    )
    page.undo_stack.undo()
    assert "proud" in feeding(new_file, 1)
    assert page.current == ItemKey(question_code="proud") and page.question_editor.scoreCheck.isChecked()
    page.undo_stack.redo()
    assert "proud" not in feeding(new_file, 1) and not page.question_editor.scoreCheck.isChecked()
    click_box(qtbot, page.question_editor.scoreCheck)
    assert feeding(new_file, 1) == candidate_statements(new_file.questionnaires.load(1), 1)
    assert page.undo_stack.undoText() == "count question 29 towards Standard 1's score"
    assert problems == []


@pytest.mark.parametrize(
    "code, reason",
    [
        (
            "caseload_manageable",
            "Only agreement statements count towards a Standard's score, and this is a single choice question.",
        ),
        ("hours_worked", "Only agreement statements count towards a Standard's score, and this is a number question."),
    ],
)
def test_a_question_not_on_the_agreement_scale_cannot_be_switched_in_and_says_why(
    qtbot, new_file, problems, make_page, code, reason
):
    page = open_page(make_page, new_file)
    choose(qtbot, page, code)
    editor = page.question_editor
    assert not editor.scoreCheck.isEnabled() and not editor.scoreCheck.isChecked()
    assert editor.scoreNoteLabel.isVisible() and editor.scoreNoteLabel.text() == reason
    click_box(qtbot, editor.scoreCheck)
    assert not editor.scoreCheck.isChecked() and page.undo_stack.count() == 0


def test_a_statement_filed_under_no_standard_cannot_count_until_filed_and_then_counts_under_its_new_one(
    qtbot, new_file, problems, make_page
):
    page = open_page(make_page, new_file)
    choose(qtbot, page, "tools_for_job")
    editor = page.question_editor
    combo = editor.standardCombo
    combo.setCurrentIndex(combo.findData(None))
    combo.activated.emit(combo.currentIndex())
    assert not editor.scoreCheck.isEnabled() and not editor.scoreCheck.isChecked()
    assert editor.scoreNoteLabel.text() == "It is not about a Standard: choose its Standard first."
    assert editor.scoreCheck.text().replace("&", "") == "Counts towards its Standard's score"
    assert "tools_for_job" not in feeding(new_file, 4)
    combo.setCurrentIndex(combo.findData(5))
    combo.activated.emit(combo.currentIndex())
    assert editor.scoreCheck.isEnabled() and editor.scoreCheck.isChecked()
    assert editor.scoreCheck.text().replace("&", "") == "Counts towards Standard 5's score"
    assert "tools_for_job" in feeding(new_file, 5)


def test_a_question_made_an_agreement_statement_counts_and_stops_counting_when_made_another_type(
    qtbot, new_file, problems, make_page
):
    page = open_page(make_page, new_file)
    choose(qtbot, page, "caseload_manageable")
    editor = page.question_editor
    editor.typeCombo.setCurrentIndex(editor.typeCombo.findData("scale"))
    editor.typeCombo.activated.emit(editor.typeCombo.currentIndex())
    assert editor.scoreCheck.isEnabled() and editor.scoreCheck.isChecked()
    assert "caseload_manageable" in feeding(new_file, 3)
    editor.typeCombo.setCurrentIndex(editor.typeCombo.findData("single"))
    editor.typeCombo.activated.emit(editor.typeCombo.currentIndex())
    assert not editor.scoreCheck.isChecked() and "caseload_manageable" not in feeding(new_file, 3)
    assert page.problemsHeading.text() == "No problems found: ready to hand out."


def test_a_cycle_with_answers_can_change_its_statements_and_says_its_scores_change(
    qtbot, tmp_path, open_files, problems, make_page
):
    hc = open_files.create(tmp_path / "answered.swhc", "Anytown Borough Council")
    cycle = start_cycle(hc, "2025", template_id="staff-survey")
    plant(hc, cycle, [{"valued": "strongly_agree", "proud": "neither"} for _ in range(6)])
    assert standard_scores(hc, hc.cycles.by_name("2025"))[0].printed == 75
    page = open_page(make_page, hc)
    choose(qtbot, page, "proud")
    editor = page.question_editor
    assert editor.scoreNoteLabel.text() == (
        "2025 has 6 responses: changing this changes Standard 1's score for 2025 at once (no answer changes)."
    )
    assert editor.scoreCheck.isEnabled()
    click_box(qtbot, editor.scoreCheck)
    assert standard_scores(hc, hc.cycles.by_name("2025"))[0].printed == 100
    assert problems == []
    page.undo_stack.undo()
    assert standard_scores(hc, hc.cycles.by_name("2025"))[0].printed == 75


def test_a_read_only_file_shows_the_box_but_it_cannot_be_changed(qtbot, tmp_path, open_files, make_page):
    path = tmp_path / "read-only.swhc"
    with open_files.create(path, "Anytown Borough Council") as hc:
        start_cycle(hc, "2025", template_id="staff-survey")
    hc = open_files.open(path, read_only=True)
    page = open_page(make_page, hc)
    page.select(ItemKey(question_code="proud"))
    assert page.question_editor.scoreCheck.isChecked() and not page.question_editor.scoreCheck.isEnabled()


# --------------------------------------------------------------------------- the Standards scores dialog


@pytest.fixture
def in_dialog(monkeypatch, qtbot):
    """Run `page.show_standard_statements()` with `look(dialog)` doing what the user does while it is open."""

    def run(page: DesignerPage, look) -> None:
        def exec_(dialog: StandardStatementsDialog) -> int:
            dialog.show()
            qtbot.waitExposed(dialog)
            look(dialog)
            dialog.reject()
            return StandardStatementsDialog.DialogCode.Rejected

        monkeypatch.setattr(StandardStatementsDialog, "exec", exec_)
        qtbot.mouseClick(page.scoresButton, Qt.MouseButton.LeftButton)

    return run


def tops(dialog: StandardStatementsDialog) -> list[str]:
    tree = dialog.statementsTree
    return [tree.topLevelItem(row).text(0) for row in range(tree.topLevelItemCount())]


def statements(dialog: StandardStatementsDialog, row: int) -> list[tuple[str, bool]]:
    top = dialog.statementsTree.topLevelItem(row)
    return [
        (top.child(i).text(1), top.child(i).checkState(0) == Qt.CheckState.Checked) for i in range(top.childCount())
    ]


def toggle(qtbot, dialog: StandardStatementsDialog, code: str) -> None:
    """Choose the statement and press the space bar, which ticks or unticks it, as a keyboard user does."""
    item = dialog.statement_item(code)
    tree = dialog.statementsTree
    tree.setCurrentItem(item, 0)
    tree.setFocus()
    qtbot.keyClick(tree, Qt.Key.Key_Space)


def test_the_dialog_lists_each_standard_with_the_statements_that_feed_it_and_each_tick_is_undoable(
    qtbot, new_file, problems, make_page, in_dialog
):
    page = open_page(make_page, new_file)
    seen = {}

    def look(dialog: StandardStatementsDialog) -> None:
        seen["title"] = dialog.windowTitle()
        seen["before"] = tops(dialog)
        assert statements(dialog, 0) == [
            ("communication", True),
            ("consulted", True),
            ("valued", True),
            ("proud", True),
            ("enthusiastic", True),
            ("tackling_inequality", True),
            ("remote_working_support", True),
        ]
        assert dialog.statement_item("valued").text(0) == "28. I feel valued in my work"
        toggle(qtbot, dialog, "valued")
        assert "valued" not in feeding(new_file, 1)
        seen["after"] = tops(dialog)[0]
        assert ("valued", False) in statements(dialog, 0)
        toggle(qtbot, dialog, "stressed")
        assert "stressed" not in feeding(new_file, 4)
        assert page.undo_stack.undoText() == "leave question 18 out of Standard 4's score"
        # Ctrl+Z in the dialog undoes the last tick, and the dialog shows it back.
        dialog.activateWindow()
        qtbot.waitUntil(dialog.isActiveWindow)
        qtbot.keyClick(dialog.statementsTree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        assert "stressed" in feeding(new_file, 4) and ("stressed", True) in statements(dialog, 3)
        seen["note"] = dialog.statementsNoteLabel.text()

    in_dialog(page, look)
    assert seen["title"] == "Standards scores, 2025"
    assert seen["before"] == [
        "Standard 1: Strategic and professional leadership (7 of 7 statements count)",
        "Standard 2: Effective workforce planning systems (1 of 1 statement counts)",
        "Standard 3: Safe workloads and case allocation (1 of 1 statement counts)",
        "Standard 4: Wellbeing (3 of 3 statements count)",
        "Standard 5: Supervision (2 of 2 statements count)",
        "Standard 6: Continuing professional development (5 of 5 statements count)",
        "Standard 7: Professional registration (2 of 2 statements count)",
        "Standard 8: Strategic partnerships (2 of 2 statements count)",
    ]
    assert seen["after"] == "Standard 1: Strategic and professional leadership (6 of 7 statements count)"
    assert seen["note"] == "Each tick is saved at once; Ctrl+Z undoes it."
    # Behind the dialog, the page shows the statement last changed, as after every edit and undo.
    assert page.current == ItemKey(question_code="stressed")
    assert "valued" not in feeding(new_file, 1) and "stressed" in feeding(new_file, 4)
    page.undo_stack.undo()  # once the dialog is closed, the page's Undo carries on
    assert "valued" in feeding(new_file, 1)
    assert problems == []


def test_the_dialog_names_a_2020_cycles_standards_in_2020s_titles_and_a_standard_with_no_statements(
    qtbot, tmp_path, open_files, problems, make_page, in_dialog, monkeypatch
):
    monkeypatch.setattr(page_module, "ask", lambda *args, **kwargs: True)  # yes, delete it
    hc = open_files.create(tmp_path / "2020.swhc", "Anytown Borough Council")
    add_cycle_of_edition(hc, "2021", "2020")
    page = open_page(make_page, hc, "2021")
    page.select(ItemKey(question_code="recommend_employer"))
    page.delete()  # Standard 2's only agreement statement
    seen = {}
    in_dialog(page, lambda dialog: seen.update(tops=tops(dialog)))
    assert seen["tops"][0] == "Standard 1: Strong and clear social work framework (7 of 7 statements count)"
    assert seen["tops"][1] == "Standard 2: Effective workforce planning systems (no agreement statements, so no score)"


def test_the_dialog_of_a_cycle_with_answers_says_its_scores_change_and_of_a_read_only_file_cannot_change(
    qtbot, tmp_path, open_files, problems, make_page, in_dialog
):
    path = tmp_path / "answered.swhc"
    hc = open_files.create(path, "Anytown Borough Council")
    plant(hc, start_cycle(hc, "2025", template_id="staff-survey"), [{"valued": "agree"} for _ in range(3)])
    page = open_page(make_page, hc)
    seen = {}

    def look(dialog: StandardStatementsDialog) -> None:
        seen["note"] = dialog.statementsNoteLabel.text()
        toggle(qtbot, dialog, "valued")
        seen["valued"] = "valued" in feeding(hc, 1)

    in_dialog(page, look)
    assert seen["note"] == (
        "2025 has 3 responses: a change here changes its scores at once (no answer changes). "
        "Each tick is saved at once; Ctrl+Z undoes it."
    )
    assert seen["valued"] is False
    hc.close()
    read_only = open_files.open(path, read_only=True)
    page.show_cycle(read_only, read_only.cycles.by_name("2025"))
    assert page.scoresButton.isEnabled()

    def look_read_only(dialog: StandardStatementsDialog) -> None:
        seen["note"] = dialog.statementsNoteLabel.text()
        toggle(qtbot, dialog, "proud")
        seen["proud"] = "proud" in feeding(read_only, 1)
        seen["checkable"] = bool(dialog.statement_item("proud").flags() & Qt.ItemFlag.ItemIsUserCheckable)

    in_dialog(page, look_read_only)
    assert seen["note"] == "The file is read-only: the statements are shown, but cannot be changed."
    assert seen["proud"] is True and seen["checkable"] is False


def test_an_undo_in_the_dialog_past_its_own_ticks_shows_the_questionnaire_as_it_then_is(
    qtbot, new_file, problems, make_page, in_dialog, monkeypatch
):
    monkeypatch.setattr(page_module, "ask", lambda *args, **kwargs: True)  # yes, delete it
    page = open_page(make_page, new_file)
    page.select(ItemKey(question_code="valued"))
    page.delete()
    seen = {}

    def look(dialog: StandardStatementsDialog) -> None:
        seen["before"] = [code for code, _ in statements(dialog, 0)]
        dialog.activateWindow()
        qtbot.waitUntil(dialog.isActiveWindow)
        qtbot.keyClick(dialog.statementsTree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        seen["after"] = statements(dialog, 0)

    in_dialog(page, look)
    assert "valued" not in seen["before"]
    assert ("valued", True) in seen["after"] and len(seen["after"]) == 7
