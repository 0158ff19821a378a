"""Which statements feed each Standard's score: kept with each cycle's questions, changed as one undoable edit."""

from __future__ import annotations

import pytest

from swhc_desktop.analysis.standard_scores import standard_scores
from swhc_desktop.domain.errors import InvalidInput
from swhc_desktop.questionnaires.cycles import start_cycle
from swhc_desktop.questionnaires.edits import apply_edit
from swhc_desktop.questionnaires.standard_statements import (
    candidate_statements,
    set_score_statements,
    statements_of,
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
