"""Which statements feed each Standard's score: kept with each cycle's questions, changed as one undoable edit."""

from __future__ import annotations

from dataclasses import replace

import pytest

from swhc_desktop.analysis.standard_scores import standard_scores
from swhc_desktop.domain.errors import InvalidInput
from swhc_desktop.domain.questionnaire import Question, QuestionType
from swhc_desktop.questionnaires.cycles import start_cycle
from swhc_desktop.questionnaires.edits import Focus, QuestionnaireDesign, apply_edit
from swhc_desktop.questionnaires.standard_statements import (
    candidate_statements,
    set_score_statements,
    statements_of,
    switch_statement,
    why_not_scored,
)
from swhc_desktop.storage import HealthCheckFile

from .support.scores import plant


@pytest.fixture
def hc(tmp_path, folders):
    with HealthCheckFile.create(tmp_path / "Statements.swhc", "Statements Council", folders=folders) as opened:
        cycle = start_cycle(opened, "2025", template_id="staff-survey")
        plant(opened, cycle, [{"valued": "strongly_agree", "proud": "neither"} for _ in range(6)])
        yield opened


def test_leaving_a_statement_out_changes_the_score_and_undoing_puts_it_back(hc):
    cycle = hc.cycles.by_name("2025")
    assert statements_of(hc.questionnaires.load(cycle.id), 1) == candidate_statements(
        hc.questionnaires.load(cycle.id), 1
    )
    assert standard_scores(hc, cycle)[0].printed == 75  # (100 + 50) / 2 for each person
    edit = set_score_statements(hc, cycle.id, 1, ["valued", "communication"])
    assert statements_of(hc.questionnaires.load(cycle.id), 1) == ("communication", "valued")
    assert standard_scores(hc, cycle)[0].printed == 100
    assert standard_scores(hc, cycle)[0].statements == ("communication", "valued")
    assert (
        hc.value("SELECT detail FROM audit_log ORDER BY id DESC LIMIT 1")
        == "2025: change the statements that feed the score of Standard 1"
    )
    apply_edit(hc, cycle.id, edit.inverse(), undoing=True)
    assert standard_scores(hc, cycle)[0].printed == 75


@pytest.mark.parametrize(
    "codes, wrong",
    [
        (["valued", "caseload_manageable"], "'caseload_manageable' is not"),
        (["manager_support"], "'manager_support' is not"),
        (["no_such_question"], "'no_such_question' is not"),
    ],
)
def test_only_a_standards_own_agreement_statements_can_feed_its_score(hc, codes, wrong):
    cycle = hc.cycles.by_name("2025")
    before = statements_of(hc.questionnaires.load(cycle.id), 1)
    with pytest.raises(InvalidInput, match=wrong) as refusal:
        set_score_statements(hc, cycle.id, 1, codes)
    assert "communication" in refusal.value.advice
    assert statements_of(hc.questionnaires.load(cycle.id), 1) == before


def test_a_copied_cycle_keeps_the_statements_chosen(hc):
    cycle = hc.cycles.by_name("2025")
    set_score_statements(hc, cycle.id, 1, ["valued"])
    copy = start_cycle(hc, "2026", copy_from="2025")
    assert statements_of(hc.questionnaires.load(copy.id), 1) == ("valued",)


def test_one_statement_is_switched_in_or_out_as_one_edit_named_for_the_undo_menu(hc):
    cycle = hc.cycles.by_name("2025")
    questionnaire = hc.questionnaires.load(cycle.id)
    edit = switch_statement(questionnaire, "proud", False, "question 29")
    assert edit is not None and edit.description == "leave question 29 out of Standard 1's score"
    assert edit.focus == Focus(question_code="proud")
    apply_edit(hc, cycle.id, edit)
    assert "proud" not in statements_of(hc.questionnaires.load(cycle.id), 1)
    assert standard_scores(hc, cycle)[0].printed == 100  # only 'valued' (strongly agree) was answered
    assert switch_statement(hc.questionnaires.load(cycle.id), "proud", False) is None  # already out: nothing to do
    back = switch_statement(hc.questionnaires.load(cycle.id), "proud", True, "question 29")
    assert back is not None and back.description == "count question 29 towards Standard 1's score"
    apply_edit(hc, cycle.id, back)
    assert statements_of(hc.questionnaires.load(cycle.id), 1) == candidate_statements(
        hc.questionnaires.load(cycle.id), 1
    )
    assert standard_scores(hc, cycle)[0].printed == 75


@pytest.mark.parametrize(
    "code, counts, reason",
    [
        (
            "caseload_manageable",
            True,
            "Only agreement statements count towards a Standard's score, and this is a single choice question.",
        ),
        ("hours_worked", True, "this is a number question"),
        ("team", False, "this is a single choice question"),
        ("no_such_question", True, "no question with the code 'no_such_question'"),
    ],
)
def test_a_question_that_cannot_feed_a_score_is_refused_with_the_reason(hc, code, counts, reason):
    questionnaire = hc.questionnaires.load(hc.cycles.by_name("2025").id)
    with pytest.raises(InvalidInput) as refusal:
        switch_statement(questionnaire, code, counts)
    assert reason in f"{refusal.value.message} {refusal.value.advice}"


def test_a_statement_filed_under_no_standard_cannot_feed_a_score_until_it_is_filed():
    statement = Question("valued", "I feel valued", QuestionType.SCALE, standard=None, in_standard_score=True)
    assert why_not_scored(statement) == "It is not about a Standard: choose its Standard first."
    assert why_not_scored(replace(statement, standard=1)) == ""
    assert why_not_scored(replace(statement, qtype=QuestionType.MULTI, standard=1)).endswith(
        "this is a tick all that apply question."
    )


def test_a_question_made_an_agreement_statement_feeds_its_standards_score_and_stops_when_made_another_type(hc):
    cycle = hc.cycles.by_name("2025")

    def design():
        return QuestionnaireDesign(hc.questionnaires.load(cycle.id))

    before = design().questionnaire.question("caseload_manageable")
    made_scale = design().change_question(before, replace(before, qtype=QuestionType.SCALE))
    apply_edit(hc, cycle.id, made_scale)
    assert "caseload_manageable" in statements_of(hc.questionnaires.load(cycle.id), 3)
    statement = design().questionnaire.question("caseload_manageable")
    apply_edit(hc, cycle.id, design().change_question(statement, replace(statement, qtype=QuestionType.SINGLE)))
    after = hc.questionnaires.load(cycle.id)
    assert not after.question("caseload_manageable").in_standard_score
    assert not [p for p in after.validate() if p.question_code == "caseload_manageable"]  # no warning left behind
