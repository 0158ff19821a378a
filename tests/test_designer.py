"""The questionnaire designer, driven as a PSW would: choosing, typing, dragging, undoing and redoing; what it
shows and what it saves to the file; the changes it refuses and why."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from swhc_desktop.gui.common import output_files as output_files_module
from swhc_desktop.gui.designer import handouts as handouts_module
from swhc_desktop.gui.designer import page as page_module
from swhc_desktop.gui.designer.page import DesignerPage
from swhc_desktop.gui.designer.tree import ItemKey
from swhc_desktop.questionnaires.cycles import start_cycle
from swhc_desktop.storage import HealthCheckFile

from .support.editions import add_cycle_of_employer_return
from .support.files import made_read_only
from .support.views import tree_rows


@pytest.fixture
def told(monkeypatch) -> dict[str, list]:
    """What the designer tells and asks the user, recorded instead of shown; questions are answered from `answers`
    (yes unless a test says otherwise)."""
    record: dict[str, list] = {"problems": [], "asked": [], "answers": []}
    for module in (page_module, handouts_module):
        monkeypatch.setattr(module, "show_problem", lambda parent, error: record["problems"].append(error))

    def ask(parent, title, question, detail="", yes="Yes", no="Cancel"):
        record["asked"].append(f"{title} | {question} | {detail}")
        return record["answers"].pop(0) if record["answers"] else True

    for module in (page_module, output_files_module):  # output_files: 'Open it?' after saving a hand-out
        monkeypatch.setattr(module, "ask", ask)
    return record


@pytest.fixture
def new_file(tmp_path, open_files):
    hc = open_files.create(tmp_path / "designer.swhc", "Anytown Borough Council")
    start_cycle(hc, "2025", template_id="staff-survey")
    return hc


def open_page(make_page, hc, cycle_name: str) -> DesignerPage:
    qtbot = make_page.qtbot
    page = make_page(DesignerPage)
    page.resize(1180, 640)
    page.show()
    qtbot.waitExposed(page)
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)  # so that moving the keyboard focus out of a field saves it, as on screen
    page.show_cycle(hc, hc.cycles.by_name(cycle_name))
    return page


def stored(hc, cycle_name: str = "2025"):
    return hc.questionnaires.load(hc.cycles.by_name(cycle_name).id)


def tree_index(page: DesignerPage, key: ItemKey):
    return page.proxy.mapFromSource(page.model.index_of(key))


def choose(qtbot, page: DesignerPage, key: ItemKey) -> None:
    """Click the item in the tree, as the user would."""
    index = tree_index(page, key)
    page.questionTree.scrollTo(index)
    rect = page.questionTree.visualRect(index)
    qtbot.mouseClick(page.questionTree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert page.current == key


def retype(qtbot, widget, text: str) -> None:
    widget.setFocus()
    widget.selectAll()
    qtbot.keyClick(widget, Qt.Key.Key_Delete)
    qtbot.keyClicks(widget, text)


def leave(qtbot, page: DesignerPage) -> None:
    """Move the keyboard focus out of the field being edited, which saves it."""
    page.questionTree.setFocus()
    qtbot.waitUntil(page.questionTree.hasFocus)


# --------------------------------------------------------------------------- showing


def test_the_designer_shows_sections_numbered_questions_and_the_chosen_question(qtbot, new_file, told, make_page):
    page = open_page(make_page, new_file, "2025")
    rows = tree_rows(page)
    assert rows[0] == (0, ["About you (4 questions)", ""])
    assert rows[1] == (1, ["1. Which team do you work in?", "team"])
    assert (1, ["19a. If yes, was the observation a positive experience?", "observation_positive"]) in rows
    assert page.problemsHeading.text() == "No problems found: ready to hand out."
    choose(qtbot, page, ItemKey(question_code="caseload_manageable"))
    editor = page.question_editor
    assert editor.questionHeading.text() == "Question 7"
    assert editor.textEdit.toPlainText() == "How manageable is your current caseload?"
    assert editor.codeEdit.text() == "caseload_manageable"
    assert editor.typeCombo.currentText() == "Single choice"
    assert editor.standardCombo.currentText() == "3 · Safe workloads"
    assert [editor.options.item(r, 0).text() for r in range(editor.options.rowCount())][:2] == [
        "Completely manageable",
        "Mostly manageable",
    ]
    assert page.preview.shown_texts[:3] == [
        "7. How manageable is your current caseload?",
        "Tick one box",
        "Completely manageable",
    ]
    choose(qtbot, page, ItemKey(section_index=1))
    assert page.section_editor.sectionTitleEdit.text() == "Your workload"
    assert page.preview.shown_texts[0] == "Section 2: Your workload"


def test_the_find_box_narrows_the_tree_to_matching_questions(qtbot, new_file, told, make_page):
    page = open_page(make_page, new_file, "2025")
    qtbot.keyClicks(page.filterEdit, "stressed by my job")
    assert [cells[1] for depth, cells in tree_rows(page) if depth == 1] == ["stressed"]
    page.filterEdit.clear()
    qtbot.keyClicks(page.filterEdit, "Fortnightly")  # an answer's words find its question
    assert {cells[1] for depth, cells in tree_rows(page) if depth == 1} >= {"supervision_frequency", "team_meetings"}
    assert not page.questionTree.dragEnabled()  # no dragging while only some questions are shown


# --------------------------------------------------------------------------- typing, undo and redo


def test_typing_a_new_wording_previews_it_live_saves_it_on_leaving_and_undoes(qtbot, new_file, told, make_page):
    page = open_page(make_page, new_file, "2025")
    undo = page.undo_stack
    choose(qtbot, page, ItemKey(question_code="caseload_manageable"))
    retype(qtbot, page.question_editor.textEdit, "How manageable is your caseload today?")
    assert page.preview.shown_texts[0] == "7. How manageable is your caseload today?"  # live, before saving
    assert stored(new_file).question("caseload_manageable").text == "How manageable is your current caseload?"
    leave(qtbot, page)
    assert stored(new_file).question("caseload_manageable").text == "How manageable is your caseload today?"
    assert [cells[0] for _, cells in tree_rows(page) if cells[1] == "caseload_manageable"] == [
        "7. How manageable is your caseload today?"
    ]
    assert undo.undoText() == "change the wording of question 7"
    undo.undo()
    assert stored(new_file).question("caseload_manageable").text == "How manageable is your current caseload?"
    assert page.question_editor.textEdit.toPlainText() == "How manageable is your current caseload?"
    undo.redo()
    assert stored(new_file).question("caseload_manageable").text == "How manageable is your caseload today?"
    assert page.current == ItemKey(question_code="caseload_manageable")
    audit = new_file.rows("SELECT action, detail FROM audit_log ORDER BY id DESC LIMIT 3")
    assert [a["action"] for a in audit] == [
        "Changed a questionnaire",
        "Undid a change to a questionnaire",
        "Changed a questionnaire",
    ]


def test_every_setting_of_a_question_is_saved_from_the_editor(qtbot, new_file, told, make_page):
    page = open_page(make_page, new_file, "2025")
    editor = page.question_editor
    choose(qtbot, page, ItemKey(question_code="hours_worked"))
    retype(qtbot, editor.codeEdit, "weekly_hours")
    qtbot.keyClick(editor.codeEdit, Qt.Key.Key_Return)
    retype(qtbot, editor.maxEdit, "80")
    qtbot.keyClick(editor.maxEdit, Qt.Key.Key_Return)
    retype(qtbot, editor.unitEdit, "hours a week")
    qtbot.keyClick(editor.unitEdit, Qt.Key.Key_Return)
    retype(qtbot, editor.helpEdit, "Include time worked at home.")
    leave(qtbot, page)
    editor.standardCombo.setCurrentIndex(editor.standardCombo.findData(4))
    editor.standardCombo.activated.emit(editor.standardCombo.currentIndex())
    question = stored(new_file).question("weekly_hours")
    assert (question.max_value, question.unit, question.help_text, question.standard) == (
        80.0,
        "hours a week",
        "Include time worked at home.",
        4,
    )
    assert page.preview.shown_texts[-1] == "hours a week (0 to 80)"
    for _ in range(5):
        page.undo_stack.undo()
    assert stored(new_file).question("hours_worked").max_value == 100.0


def test_a_number_that_is_not_a_number_is_explained_and_not_saved(qtbot, new_file, told, make_page):
    page = open_page(make_page, new_file, "2025")
    choose(qtbot, page, ItemKey(question_code="hours_worked"))
    retype(qtbot, page.question_editor.minEdit, "none")
    qtbot.keyClick(page.question_editor.minEdit, Qt.Key.Key_Return)
    assert "must be numbers" in told["problems"][0].message
    assert stored(new_file).question("hours_worked").min_value == 0.0


def test_adding_a_question_takes_its_code_from_its_wording_and_shows_what_is_missing(qtbot, new_file, told, make_page):
    page = open_page(make_page, new_file, "2025")
    choose(qtbot, page, ItemKey(question_code="caseload_manageable"))
    qtbot.mouseClick(page.addQuestionButton, Qt.MouseButton.LeftButton)
    assert page.current == ItemKey(question_code="new_question")
    assert page.question_editor.questionHeading.text() == "Question 8"
    assert "2 errors to fix" in page.problemsHeading.text()
    assert "has no question text" in page.question_editor.questionProblemsLabel.text()
    qtbot.keyClicks(page.question_editor.textEdit, "Do you have a dedicated desk?")
    leave(qtbot, page)
    question = stored(new_file).question("do_you_have_a_dedicated_desk")
    assert question.standard == 3  # like the question it was added after
    assert [q.code for q in stored(new_file).sections[1].questions][2:4] == [
        "caseload_manageable",
        "do_you_have_a_dedicated_desk",
    ]
    qtbot.mouseClick(page.question_editor.addOptionButton, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.question_editor.addOptionButton, Qt.MouseButton.LeftButton)
    assert [o.label for o in stored(new_file).question("do_you_have_a_dedicated_desk").options] == [
        "Answer 1",
        "Answer 2",
    ]
    assert page.problemsHeading.text() == "No problems found: ready to hand out."


def type_into_cell(qtbot, table, row: int, column: int, text: str) -> None:
    """As a user edits a cell: chosen, F2, the old text replaced by typing, Return."""
    table.setFocus()
    table.setCurrentIndex(table.model().index(row, column))
    qtbot.keyClick(table, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)


def test_answers_are_edited_in_their_table(qtbot, new_file, told, make_page):
    page = open_page(make_page, new_file, "2025")
    choose(qtbot, page, ItemKey(question_code="caseload_manageable"))
    table = page.question_editor.optionsTable
    type_into_cell(qtbot, table, 1, 0, "Manageable most of the time")
    qtbot.waitUntil(
        lambda: stored(new_file).question("caseload_manageable").option("mostly").label == "Manageable most of the time"
    )
    excluded = table.model().index(4, 4)  # 'Excluded' of 'Not at all manageable'
    table.setCurrentIndex(excluded)
    qtbot.keyClick(table, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: stored(new_file).question("caseload_manageable").option("not_at_all").excluded_from_base)
    assert page.undo_stack.undoText() == "change the answer 'Not at all manageable' of question 7"
    page.undo_stack.undo()
    page.undo_stack.undo()
    assert stored(new_file).question("caseload_manageable") == new_file_original(new_file)


def code_cell_as_drawn(table, row: int):
    """The style option the code column's delegate draws a row's cell with: its rectangle and its text as drawn."""
    from PySide6.QtWidgets import QStyleOptionViewItem

    index = table.model().index(row, 1)
    option = QStyleOptionViewItem()
    option.initFrom(table)
    option.rect = table.visualRect(index)
    table.itemDelegateForIndex(index).initStyleOption(option, index)
    return option


def codes_as_drawn(table) -> list[tuple[str, bool]]:
    """Each answer's code as its cell draws it, and whether it fits the cell whole: every line of it, wrapped as Qt
    wraps a cell's text at the column's width, is within the column, and the row is tall enough for them all."""
    from PySide6.QtCore import QRect
    from PySide6.QtGui import QFontMetrics

    from swhc_desktop.gui.common.long_text import ZERO_WIDTH_SPACE

    drawn = []
    for row in range(table.model().rowCount()):
        option = code_cell_as_drawn(table, row)
        room = option.rect.width() - 8
        wrap = Qt.TextFlag.TextWordWrap if table.wordWrap() else Qt.TextFlag.TextSingleLine
        needed = QFontMetrics(option.font).boundingRect(QRect(0, 0, room, 10_000), int(wrap), option.text)
        fits = needed.width() <= room and needed.height() <= table.rowHeight(row)
        drawn.append((option.text.replace(ZERO_WIDTH_SPACE, ""), fits))
    return drawn


def broken_inside_a_word(table) -> list[str]:
    """The codes whose drawing breaks them inside a word (between two letters), not only after an underscore."""
    from swhc_desktop.gui.common.long_text import ZERO_WIDTH_SPACE

    broken = []
    for row in range(table.model().rowCount()):
        option = code_cell_as_drawn(table, row)
        if ZERO_WIDTH_SPACE in option.text.replace("_" + ZERO_WIDTH_SPACE, "_"):
            broken.append(option.text.replace(ZERO_WIDTH_SPACE, ""))
    return broken


def test_answer_codes_are_shown_whole_in_the_designers_grid_at_1366x768(qtbot, new_file, told, make_page):
    page = open_page(make_page, new_file, "2025")
    choose(qtbot, page, ItemKey(question_code="stressed"))
    table = page.question_editor.optionsTable
    codes = [option.code for option in stored(new_file).question("stressed").options]
    assert "strongly_disagree" in codes
    assert codes_as_drawn(table) == [(code, True) for code in codes]
    assert broken_inside_a_word(table) == [], "the column is as wide as the longest word of a code"
    # A code of one long word, typed into the grid, still shows whole (and is saved as typed).
    type_into_cell(qtbot, table, 2, 1, "neitheragreenordisagreeatall")
    qtbot.waitUntil(lambda: stored(new_file).question("stressed").options[2].code == "neitheragreenordisagreeatall")
    codes[2] = "neitheragreenordisagreeatall"
    qtbot.waitUntil(lambda: codes_as_drawn(table) == [(code, True) for code in codes])


def test_a_long_code_wraps_at_its_underscores_not_inside_a_word(qtbot, demo, make_page):
    page = open_page(make_page, demo, "2025")
    choose(qtbot, page, ItemKey(question_code="team"))
    table = page.question_editor.optionsTable
    codes = [option.code for option in stored(demo).question("team").options]
    assert "safeguarding_and_child_protection" in codes
    assert broken_inside_a_word(table) == []
    assert codes_as_drawn(table) == [(code, True) for code in codes]


def new_file_original(hc):
    from swhc_desktop.questionnaires.templates import load_template

    return load_template("staff-survey").question("caseload_manageable")


# --------------------------------------------------------------------------- moving


def drop_on(qtbot, view, source, target, above: bool = True) -> None:
    """Drag `source` and drop it just above (or below) `target`, with the events a mouse drag sends the view."""
    from PySide6.QtCore import QEvent, QPointF
    from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent

    model = view.model()
    asking = model.sourceModel() if hasattr(model, "sourceModel") else model  # the model that asks for the move
    mime = model.mimeData([source])
    rect = view.visualRect(target)
    point = rect.center()
    point.setY(rect.top() + 1 if above else rect.bottom() - 1)
    buttons, modifiers, move = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, Qt.DropAction.MoveAction
    with qtbot.waitSignal(asking.move_requested):  # the move is saved once the drop has finished
        QApplication.sendEvent(view.viewport(), QDragEnterEvent(point, move, mime, buttons, modifiers))
        QApplication.sendEvent(
            view.viewport(), QDragMoveEvent(point, move, mime, buttons, modifiers, QEvent.Type.DragMove)
        )
        QApplication.sendEvent(view.viewport(), QDropEvent(QPointF(point), move, mime, buttons, modifiers))


def test_questions_and_sections_are_reordered_by_dragging_and_undone(qtbot, new_file, told, make_page):
    page = open_page(make_page, new_file, "2025")
    source = tree_index(page, ItemKey(question_code="team"))
    drop_on(qtbot, page.questionTree, source, tree_index(page, ItemKey(question_code="caseload")))
    codes = [q.code for q in stored(new_file).sections[1].questions]
    assert codes[:3] == ["hours_worked", "team", "caseload"]
    assert page.current == ItemKey(question_code="team")
    assert tree_rows(page)[0] == (0, ["About you (3 questions)", ""])
    page.undo_stack.undo()
    assert stored(new_file).sections[0].questions[0].code == "team"
    section = tree_index(page, ItemKey(section_index=0))
    drop_on(qtbot, page.questionTree, section, tree_index(page, ItemKey(section_index=3)))
    assert [s.title for s in stored(new_file).sections][:4] == [
        "Your workload",
        "Supervision and support",
        "About you",
        "Learning and development",
    ]
    page.undo_stack.undo()
    assert stored(new_file).sections[0].title == "About you"


def test_questions_and_sections_move_with_the_keyboard(qtbot, new_file, told, make_page):
    page = open_page(make_page, new_file, "2025")
    choose(qtbot, page, ItemKey(question_code="hours_worked"))
    qtbot.keyClick(page.questionTree, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert stored(new_file).sections[0].questions[-1].code == "hours_worked"  # up past the top: the section above
    assert page.current == ItemKey(question_code="hours_worked")
    qtbot.keyClick(page.questionTree, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert stored(new_file).sections[1].questions[0].code == "hours_worked"
    choose(qtbot, page, ItemKey(section_index=0))
    qtbot.keyClick(page.questionTree, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert stored(new_file).sections[1].title == "About you"
    assert page.current == ItemKey(section_index=1)


def test_answers_are_reordered_by_dragging_and_with_the_keyboard(qtbot, new_file, told, make_page):
    page = open_page(make_page, new_file, "2025")
    choose(qtbot, page, ItemKey(question_code="caseload_manageable"))
    table = page.question_editor.optionsTable
    model = table.model()
    drop_on(qtbot, table, model.index(4, 0), model.index(0, 0))
    assert [o.code for o in stored(new_file).question("caseload_manageable").options][:2] == [
        "not_at_all",
        "completely",
    ]
    table.setFocus()
    table.selectRow(0)
    qtbot.keyClick(table, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert [o.code for o in stored(new_file).question("caseload_manageable").options][:2] == [
        "completely",
        "not_at_all",
    ]
    page.undo_stack.undo()
    page.undo_stack.undo()
    assert [o.code for o in stored(new_file).question("caseload_manageable").options][-1] == "not_at_all"


# --------------------------------------------------------------------------- deleting and what is refused


def test_deleting_asks_first_takes_follow_ups_along_and_can_be_undone(qtbot, new_file, told, make_page):
    page = open_page(make_page, new_file, "2025")
    choose(qtbot, page, ItemKey(question_code="observed_practice"))
    told["answers"] = [False]
    qtbot.keyClick(page.questionTree, Qt.Key.Key_Delete)
    assert "Its follow-up 19a will go too." in told["asked"][0]
    assert stored(new_file).find("observed_practice") is not None
    qtbot.keyClick(page.questionTree, Qt.Key.Key_Delete)
    assert stored(new_file).find("observed_practice") is None and stored(new_file).find("observation_positive") is None
    page.undo_stack.undo()
    assert stored(new_file).question("observation_positive").follow_up.parent_code == "observed_practice"
    choose(qtbot, page, ItemKey(section_index=10))  # 'Your comments'
    qtbot.mouseClick(page.deleteButton, Qt.MouseButton.LeftButton)
    assert "Its 3 questions will go too." in told["asked"][-1]
    assert len(stored(new_file).sections) == 10


def test_the_designer_refuses_to_lose_answers_and_says_why(qtbot, demo, told, make_page):
    page = open_page(make_page, demo, "2025")
    choose(qtbot, page, ItemKey(question_code="caseload_manageable"))
    assert "Answered by " in page.question_editor.trendLabel.text()  # said before anything is tried
    qtbot.mouseClick(page.deleteButton, Qt.MouseButton.LeftButton)
    [refusal] = told["problems"]
    assert refusal.message.startswith("Question 7 cannot be deleted: ") and "answered it in 2025" in refusal.message
    assert told["asked"] == []
    table = page.question_editor.optionsTable
    table.selectRow(1)
    qtbot.mouseClick(page.question_editor.deleteOptionButton, Qt.MouseButton.LeftButton)
    assert "The answer 'Mostly manageable' of question 7 cannot be deleted" in told["problems"][1].message
    editor = page.question_editor
    editor.typeCombo.setCurrentIndex(editor.typeCombo.findText("Tick all that apply"))
    editor.typeCombo.activated.emit(editor.typeCombo.currentIndex())
    assert "The type of question 7 cannot be changed" in told["problems"][2].message
    assert editor.typeCombo.currentText() == "Single choice"  # the editor shows what the file holds
    assert stored(demo, "2025").question("caseload_manageable").qtype.value == "single"
    assert page.undo_stack.count() == 0


def test_changing_the_wording_of_a_question_asked_before_warns_and_is_recorded(qtbot, demo, told, make_page):
    page = open_page(make_page, demo, "2025")
    cycle_id = demo.cycles.by_name("2025").id
    choose(qtbot, page, ItemKey(question_code="valued"))
    assert "Also asked in 2023, 2024" in page.question_editor.trendLabel.text()
    told["answers"] = [False]
    retype(qtbot, page.question_editor.textEdit, "I feel valued by the council")
    leave(qtbot, page)
    assert "the trend will compare answers to differently worded questions" in told["asked"][0]
    assert stored(demo, "2025").question("valued").text == "I feel valued in my work"
    assert page.question_editor.textEdit.toPlainText() == "I feel valued in my work"
    retype(qtbot, page.question_editor.textEdit, "I feel valued by the council")
    leave(qtbot, page)
    [change] = demo.questionnaire_edits.wording_changes(cycle_id)
    assert (change.previous_text, change.new_text) == ("I feel valued in my work", "I feel valued by the council")
    assert "The wording differs from 2024's" in page.question_editor.trendLabel.text()
    page.undo_stack.undo()
    assert demo.questionnaire_edits.wording_changes(cycle_id) == []


# --------------------------------------------------------------------------- follow-ups


def test_a_question_is_made_a_follow_up_of_the_answers_chosen(qtbot, new_file, told, make_page):
    page = open_page(make_page, new_file, "2025")
    choose(qtbot, page, ItemKey(question_code="manager_support"))
    editor = page.question_editor
    editor.followUpGroup.setFocus()
    qtbot.keyClick(editor.followUpGroup, Qt.Key.Key_Space)  # ticks 'Ask only after certain answers'
    assert stored(new_file).question("manager_support").follow_up.parent_code == "supervision_quality"
    assert "choose which answers" in editor.questionProblemsLabel.text()
    editor.triggerList.item(3).setCheckState(Qt.CheckState.Checked)
    editor.triggerList.item(4).setCheckState(Qt.CheckState.Checked)
    follow_up = stored(new_file).question("manager_support").follow_up
    assert follow_up.option_codes == ("dissatisfied", "very_dissatisfied")
    assert [cells[0] for depth, cells in tree_rows(page) if cells[1] == "manager_support"] == [
        "15a. I am happy with the support I receive from my manager or supervisor"
    ]
    assert page.preview.shown_texts[0] == "If you answered ‘Dissatisfied’ or ‘Very dissatisfied’ to question 15:"


# --------------------------------------------------------------------------- sections, the bank and hand-outs


def test_a_section_is_added_after_the_chosen_one_and_named(qtbot, new_file, told, make_page):
    page = open_page(make_page, new_file, "2025")
    choose(qtbot, page, ItemKey(question_code="team"))
    qtbot.mouseClick(page.addSectionButton, Qt.MouseButton.LeftButton)
    assert page.current == ItemKey(section_index=1)
    retype(qtbot, page.section_editor.sectionTitleEdit, "Working from home")
    qtbot.keyClick(page.section_editor.sectionTitleEdit, Qt.Key.Key_Return)
    assert stored(new_file).sections[1].title == "Working from home"
    assert tree_rows(page)[5] == (0, ["Working from home (0 questions)", ""])
    assert "Section 'Working from home' has no questions." in page.problemsList.item(0).text()
    page.undo_stack.undo()
    page.undo_stack.undo()
    assert [s.title for s in stored(new_file).sections][1] == "Your workload"


def test_questions_come_from_the_bank_with_their_codes_and_follow_ups(
    qtbot, tmp_path, folders, told, monkeypatch, make_page
):
    from swhc_desktop.gui.designer.dialogs import QuestionBankDialog

    with HealthCheckFile.create(tmp_path / "lga.swhc", "Anytown Borough Council", folders=folders) as hc:
        add_cycle_of_employer_return(hc, "2025")
        page = open_page(make_page, hc, "2025")
        choose(qtbot, page, ItemKey(section_index=0))

        def choose_from_bank(dialog: QuestionBankDialog) -> int:
            qtbot.keyClicks(dialog.searchEdit, "observed")
            shown = [dialog.proxy.index(r, 1).data() for r in range(dialog.proxy.rowCount())]
            assert shown == ["observed_practice"]
            dialog.bankTable.selectRow(0)
            assert "Follow-up: If yes, was the observation a positive experience?" in dialog.detailsLabel.text()
            dialog.standardFilterCombo.setCurrentIndex(dialog.standardFilterCombo.findData(3))
            assert dialog.proxy.rowCount() == 0  # observed_practice is under Standard 5
            dialog.standardFilterCombo.setCurrentIndex(0)
            dialog.bankTable.selectRow(0)
            dialog.accept()
            return dialog.result()

        monkeypatch.setattr(QuestionBankDialog, "exec", choose_from_bank)
        qtbot.mouseClick(page.bankButton, Qt.MouseButton.LeftButton)
        added = stored(hc).sections[0].questions[-2:]
        assert [q.code for q in added] == ["observed_practice", "observation_positive"]
        assert added[1].follow_up.parent_code == "observed_practice"
        assert page.undo_stack.undoText() == "add 2 questions from the bank"


def test_a_questionnaire_with_errors_is_not_handed_out_from_the_app(qtbot, new_file, told, monkeypatch, make_page):
    page = open_page(make_page, new_file, "2025")
    qtbot.mouseClick(page.addQuestionButton, Qt.MouseButton.LeftButton)
    saved_to = []
    monkeypatch.setattr(
        output_files_module.QFileDialog, "getSaveFileName", lambda *a, **k: saved_to.append(a) or ("", "")
    )
    page.hand_outs.menu.actions()[0].trigger()
    assert told["problems"][0].message.startswith("The 2025 questionnaire has 2 errors")
    assert saved_to == []  # refused before asking where to save
    assert "Fix the errors" in page.handOutButton.toolTip()


def test_the_hand_outs_are_saved_from_the_app_in_the_background(
    qtbot, new_file, told, monkeypatch, tmp_path, make_page
):
    page = open_page(make_page, new_file, "2025")
    told["answers"] = [False, False, False]  # 'Open it now?': no
    titles = [a.text() for a in page.hand_outs.menu.actions() if a.text()]
    assert titles == [
        "Paper form (PDF)…",
        "Response template (Excel workbook, CSV file)…",
        "Question list (Word document, Text file)…",
        "Paper form &introduction…",
    ]
    for action, name in zip(page.hand_outs.menu.actions()[:3], ("form.pdf", "template.xlsx", "questions"), strict=True):
        monkeypatch.setattr(
            output_files_module.QFileDialog,
            "getSaveFileName",
            lambda *a, name=name, **k: (str(tmp_path / name), "Text file (*.txt)"),
        )
        action.trigger()
        qtbot.waitUntil(lambda: not page.tasks.busy, timeout=20000)
    assert (tmp_path / "form.pdf").read_bytes().startswith(b"%PDF")
    assert (tmp_path / "template.xlsx").stat().st_size > 0
    assert (tmp_path / "questions.txt").read_text(encoding="utf-8-sig").startswith("Social Work Health Check 2025")
    assert told["asked"][0].startswith("Saved | The paper form is saved as form.pdf.")
    assert told["problems"] == []


def test_the_paper_form_introduction_is_written_in_the_app_and_can_be_undone(
    qtbot, new_file, told, monkeypatch, make_page
):
    from swhc_desktop.gui.designer.dialogs import IntroductionDialog
    from swhc_desktop.questionnaires.handouts import INTRODUCTION_KEY

    page = open_page(make_page, new_file, "2025")
    cycle_id = new_file.cycles.by_name("2025").id

    def write(dialog: IntroductionDialog) -> int:
        assert dialog.introductionEdit.toPlainText().startswith("Thank you for taking part in Anytown Borough Council")
        dialog.introductionEdit.setPlainText("Please fill this in at the team day.")
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(IntroductionDialog, "exec", write)
    page.hand_outs.menu.actions()[-1].trigger()
    assert new_file.cycles.text(cycle_id, INTRODUCTION_KEY) == "Please fill this in at the team day."
    page.undo_stack.undo()
    assert new_file.cycles.text(cycle_id, INTRODUCTION_KEY) is None


def test_a_read_only_file_is_shown_but_cannot_be_changed(qtbot, demo_path, open_files, told, make_page):
    with made_read_only(demo_path):
        hc = open_files.open(demo_path, read_only=True)
        page = open_page(make_page, hc, "2025")
        choose(qtbot, page, ItemKey(question_code="team"))
        assert not page.addQuestionButton.isEnabled() and not page.deleteButton.isEnabled()
        assert page.question_editor.textEdit.isReadOnly() and not page.question_editor.typeCombo.isEnabled()
        qtbot.keyClick(page.questionTree, Qt.Key.Key_Delete)
        assert told["asked"] == [] and told["problems"] == []


def test_no_cycle_offers_to_start_one(qtbot, tmp_path, open_files, make_page):
    hc = open_files.create(tmp_path / "empty.swhc", "Anytown Borough Council")
    page = make_page(DesignerPage)
    page.show_cycle(hc, None)
    assert page.pageStack.currentWidget() is page.emptyPage
    with qtbot.waitSignal(page.start_cycle_requested):
        page.emptyNewCycleButton.click()


def test_the_questionnaire_title_and_numbering_are_set_from_a_section(qtbot, new_file, told, make_page):
    page = open_page(make_page, new_file, "2025")
    choose(qtbot, page, ItemKey(section_index=1))
    editor = page.section_editor
    retype(qtbot, editor.questionnaireTitleEdit, "Staff survey 2025")
    qtbot.keyClick(editor.questionnaireTitleEdit, Qt.Key.Key_Return)
    editor.numberingCombo.setCurrentIndex(1)
    editor.numberingCombo.activated.emit(1)
    assert stored(new_file).title == "Staff survey 2025"
    assert tree_rows(page)[6] == (
        1,
        [
            "1. How many hours do you work in a typical week, including any work done at home or outside office hours?",
            "hours_worked",
        ],
    )
    page.undo_stack.undo()
    assert tree_rows(page)[6][1][0].startswith("5. ")


def test_another_question_opens_at_the_top_of_its_editor_wording_first(qtbot, new_file, told, make_page):
    page = open_page(make_page, new_file, "2025")
    page.resize(1180, 420)  # short enough that the editor scrolls
    first, second = (ItemKey(question_code=code) for code in ("caseload_manageable", "caseload"))
    choose(qtbot, page, first)
    scroll = page.question_scroll.verticalScrollBar()
    qtbot.waitUntil(lambda: scroll.maximum() > 0)
    scroll.setValue(scroll.maximum())
    choose(qtbot, page, second)
    assert scroll.value() == 0
    assert page.question_editor.textEdit.visibleRegion().isEmpty() is False, "the wording is in view"


def test_the_preview_never_shows_the_old_question_beside_the_new_before_qt_deletes_it(qtbot, new_file, told, make_page):
    """A question box open over the page holds up Qt's deletion of the old preview: the old wording must be hidden at
    once, not drawn under the new until then."""
    from PySide6.QtWidgets import QLabel

    page = open_page(make_page, new_file, "2025")
    choose(qtbot, page, ItemKey(question_code="caseload_manageable"))
    questionnaire = page.design.questionnaire
    old_text = questionnaire.question("caseload_manageable").text
    other = questionnaire.question("caseload")
    page.preview.show_question(other, questionnaire, "6")  # no event loop turn: nothing deleted yet
    labels = page.preview.findChildren(QLabel)
    assert any(other.text in label.text() for label in labels)
    assert all(label.isHidden() for label in labels if old_text in label.text()), "the old wording is not drawn"


def test_the_preview_scrolls_sideways_rather_than_cutting_off_a_long_answer(qtbot, new_file, told, make_page):
    page = open_page(make_page, new_file, "2025")
    assert page.previewScroll.horizontalScrollBarPolicy() != Qt.ScrollBarPolicy.ScrollBarAlwaysOff
