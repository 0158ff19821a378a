"""A survey run outside the app is first-class: its questions are offered a Standard from their wording, the designer
offers the Standards of the cycle's own edition, and each headline indicator can be pointed at the council's own
question, so that its own survey fills the dashboard, the reports and `swhc indicators`."""

from __future__ import annotations

import pytest

from swhc_desktop.domain.questionnaire import QuestionType, errors_only
from swhc_desktop.domain.standard_hints import suggested_standard
from swhc_desktop.importing.infer import infer_questionnaire
from swhc_desktop.questionnaires.templates import load_template

from .support.own_survey import write_own_survey


@pytest.mark.parametrize("template", ["staff-survey", "adults-staff-survey"])
def test_the_suggested_standard_is_where_the_templates_file_nearly_every_question(template):
    questions = list(load_template(template).questions())
    agreeing = [q.code for q in questions if suggested_standard(q.text, q.qtype) == q.standard]
    assert len(agreeing) >= 0.85 * len(questions)


@pytest.mark.parametrize(
    "text, qtype, standard",
    [
        ("I feel stressed by my job", QuestionType.SCALE, 4),
        ("How often do you have supervision?", QuestionType.SINGLE, 5),
        ("Are students on placement well supported by their supervisor?", QuestionType.SCALE, 8),
        ("How many cases are allocated to you?", QuestionType.NUMBER, 3),
        ("What is your age?", QuestionType.SINGLE, 2),
        ("Which manager do you report to?", QuestionType.SINGLE, 1),
        ("Anything else?", QuestionType.TEXT, 1),
        ("Favourite colour", QuestionType.SINGLE, None),
    ],
)
def test_a_question_s_wording_suggests_its_standard_on_whole_words(text, qtype, standard):
    assert suggested_standard(text, qtype) == standard


def test_every_question_built_from_the_council_s_own_export_is_offered_a_standard(tmp_path):
    questionnaire = infer_questionnaire(write_own_survey(tmp_path))
    assert {q.text[:30]: q.standard for q in questionnaire.questions()} == {
        "Which team do you work in?": 2,
        "I often feel stressed by the d": 4,
        "How often do you receive forma": 5,
        "How many children are you allo": 3,
        "I feel my work is valued by th": 1,
        "Anything else you would like t": 1,
    }
    assert not [p for p in errors_only(questionnaire.validate()) if "Standard" in p.message]


@pytest.mark.parametrize("edition_id, first", [("2014", "1 · Accountability"), ("2025", "1 · Leadership")])
def test_the_designer_offers_the_standards_of_the_cycle_s_own_edition(qtbot, edition_id, first):
    from dataclasses import replace

    from swhc_desktop.gui.designer.editors import QuestionEditor

    questionnaire = replace(load_template("staff-survey"), standards_edition=edition_id)
    question = questionnaire.question("stressed")
    editor = QuestionEditor()
    qtbot.addWidget(editor)
    editor.show_question(question, questionnaire, "18", [], "", False)
    combo = editor.standardCombo
    assert [combo.itemText(i) for i in range(combo.count())][:2] == ["No Standard", first]
    assert combo.count() == 9 and combo.currentData() == 4
