"""The questionnaire outline shows sections, numbered questions, options, codes and Standards, and finds by text or code."""

from __future__ import annotations

from swhc_desktop.gui.outline import QuestionnaireOutline
from swhc_desktop.templates import load_template


def shown_rows(outline: QuestionnaireOutline, parent=None, depth: int = 0) -> list[tuple[int, list[str]]]:
    from PySide6.QtCore import QModelIndex

    model = outline.proxy
    parent = parent or QModelIndex()
    rows = []
    for row in range(model.rowCount(parent)):
        cells = [model.index(row, column, parent).data() or "" for column in range(model.columnCount(parent))]
        rows.append((depth, cells))
        rows.extend(shown_rows(outline, model.index(row, 0, parent), depth + 1))
    return rows


def test_the_outline_shows_the_whole_questionnaire(qtbot):
    outline = QuestionnaireOutline()
    qtbot.addWidget(outline)
    questionnaire = load_template("staff-survey")
    outline.show_questionnaire(questionnaire)
    rows = shown_rows(outline)
    sections = [cells[0] for depth, cells in rows if depth == 0]
    assert sections[0] == "About you (4 questions)"
    assert len(sections) == len(questionnaire.sections)
    questions = [cells for depth, cells in rows if depth == 1]
    assert len(questions) == questionnaire.question_count
    assert questions[0][:5] == ["1. Which team do you work in?", "team", "Single choice", "2 · Workforce planning", "Breakdown"]
    follow_up = next(cells for cells in questions if cells[1] == "observation_positive")
    assert follow_up[0].startswith("19a. ") and follow_up[4] == "If 19 is Yes"
    options = [cells for depth, cells in rows if depth == 2]
    assert ["Other team (please specify)", "other_team", "", "", ""] in options
    assert ["Strongly agree", "strongly_agree", "", "", "score 0, unfavourable"] in options


def test_the_outline_finds_questions_by_words_or_code(qtbot):
    outline = QuestionnaireOutline()
    qtbot.addWidget(outline)
    outline.show_questionnaire(load_template("staff-survey"))
    qtbot.keyClicks(outline.filterEdit, "caseload_manageable")
    questions = [cells[1] for depth, cells in shown_rows(outline) if depth == 1]
    assert questions == ["caseload_manageable"]
    outline.filterEdit.clear()
    qtbot.keyClicks(outline.filterEdit, "stressed by my job")
    assert [cells[1] for depth, cells in shown_rows(outline) if depth == 1] == ["stressed"]


def test_an_empty_health_check_offers_to_start_a_cycle(qtbot):
    outline = QuestionnaireOutline()
    qtbot.addWidget(outline)
    outline.show_questionnaire(None)
    assert outline.outlineStack.currentWidget() is outline.emptyPage
    with qtbot.waitSignal(outline.start_cycle_requested):
        outline.emptyNewCycleButton.click()
