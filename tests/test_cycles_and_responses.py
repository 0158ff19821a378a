"""Cycles from templates and copies; responses added as whole batches that can be removed whole."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from swhc_desktop.app.checks import check_file
from swhc_desktop.domain.errors import InvalidInput, SaveFailed
from swhc_desktop.domain.progress import Cancelled, Progress
from swhc_desktop.domain.records import AnswerValue, BatchKind, NewBatch, NewResponse
from swhc_desktop.domain.standards import LATEST_EDITION
from swhc_desktop.questionnaires.cycles import start_cycle
from swhc_desktop.questionnaires.templates import load_template
from swhc_desktop.storage import HealthCheckFile

from .support.editions import add_cycle_of_employer_return


@pytest.fixture
def hc(tmp_path, folders):
    with HealthCheckFile.create(tmp_path / "Anytown.swhc", "Anytown Borough Council", folders=folders) as opened:
        yield opened


def test_a_cycle_from_a_template_holds_the_template_and_its_details(hc):
    cycle = start_cycle(
        hc,
        "2024",
        template_id="staff-survey",
        staff_invited=180,
        opens_on=dt.date(2024, 4, 1),
        closes_on=dt.date(2024, 5, 15),
    )
    assert (cycle.name, cycle.staff_invited, cycle.window) == ("2024", 180, "01/04/2024 to 15/05/2024")
    assert hc.questionnaires.load(cycle.id) == load_template("staff-survey")


def test_a_copied_cycle_keeps_every_code_so_years_line_up(hc):
    first = add_cycle_of_employer_return(hc, "2023")
    second = start_cycle(hc, "2024", copy_from="2023")
    # The copy is the same questionnaire, filed under the latest edition of the Standards (the 2018 form moves nothing).
    assert first.standards_edition == "2014" and second.standards_edition == LATEST_EDITION
    assert hc.questionnaires.load(second.id) == replace(
        hc.questionnaires.load(first.id), standards_edition=LATEST_EDITION
    )
    assert second.source == "Copy of 2023"
    assert set(hc.questionnaires.codes_in_other_cycles(second.id)) == {
        q.code for q in load_template("lga-employer-return-2018").questions()
    }


@pytest.mark.parametrize(
    "kwargs, message",
    [
        (
            {"template_id": "staff-survey", "opens_on": dt.date(2024, 5, 1), "closes_on": dt.date(2024, 4, 1)},
            "closes before it opens",
        ),
        ({"template_id": "staff-survey", "staff_invited": 0}, "at least 1"),
        ({"copy_from": "2019"}, "There is no cycle called '2019'"),
        ({}, "either from a template or as a copy"),
    ],
)
def test_bad_cycle_details_are_refused_with_a_reason(hc, kwargs, message):
    with pytest.raises(InvalidInput, match=message):
        start_cycle(hc, "2024", **kwargs)
    assert hc.cycles.all() == []


def test_cycle_names_are_unique_whatever_their_case(hc):
    start_cycle(hc, "Spring 2024", template_id="staff-survey")
    with pytest.raises(InvalidInput, match="already a cycle called"):
        start_cycle(hc, "spring 2024", template_id="staff-survey")


def some_responses(hc, cycle_id: int, count: int, prefix: str = "R") -> list[NewResponse]:
    questionnaire = hc.questionnaires.load(cycle_id)
    team = questionnaire.question("team")
    return [
        NewResponse(answers=(AnswerValue(team.id, option_id=team.options[0].id),), external_id=f"{prefix}{n}")
        for n in range(count)
    ]


def test_a_batch_lands_whole_and_is_removed_whole(hc):
    cycle = start_cycle(hc, "2024", template_id="staff-survey")
    batch_id = hc.responses.add_batch(
        cycle.id, NewBatch(BatchKind.IMPORT, "forms.xlsx", "a" * 64), some_responses(hc, cycle.id, 5)
    )
    [batch] = hc.responses.batches(cycle.id)
    assert (batch.id, batch.source_name, batch.response_count, batch.kind) == (
        batch_id,
        "forms.xlsx",
        5,
        BatchKind.IMPORT,
    )
    assert hc.responses.remove_batch(batch_id) == 5
    assert hc.responses.count(cycle.id) == 0
    assert hc.value("SELECT count(*) FROM answers") == 0
    assert check_file(hc).ok


def test_the_same_file_is_not_imported_twice(hc):
    cycle = start_cycle(hc, "2024", template_id="staff-survey")
    hc.responses.add_batch(
        cycle.id, NewBatch(BatchKind.IMPORT, "forms.xlsx", "a" * 64), some_responses(hc, cycle.id, 2)
    )
    with pytest.raises(InvalidInput, match="already been imported"):
        hc.responses.add_batch(
            cycle.id, NewBatch(BatchKind.IMPORT, "copy.xlsx", "a" * 64), some_responses(hc, cycle.id, 2, "S")
        )
    assert hc.responses.count(cycle.id) == 2


def test_a_cancelled_or_failed_batch_leaves_nothing_behind(hc):
    from swhc_desktop.storage import response_store

    cycle = start_cycle(hc, "2024", template_id="staff-survey")
    many = some_responses(hc, cycle.id, response_store.CHUNK_RESPONSES + 10)
    with pytest.raises(Cancelled):
        hc.responses.add_batch(
            cycle.id, NewBatch(BatchKind.IMPORT, "big.csv"), many, progress=Progress(is_cancelled=lambda: True)
        )
    duplicate_ids = some_responses(hc, cycle.id, 3, "same") + some_responses(hc, cycle.id, 1, "same")
    with pytest.raises(SaveFailed):
        hc.responses.add_batch(cycle.id, NewBatch(BatchKind.IMPORT, "dup.csv"), duplicate_ids)
    assert hc.responses.count(cycle.id) == 0
    assert hc.responses.batches(cycle.id) == []
    assert hc.value("SELECT count(*) FROM answers") == 0


def test_identifying_details_are_kept_only_when_the_batch_says_why(hc):
    cycle = start_cycle(hc, "2024", template_id="staff-survey")
    response = some_responses(hc, cycle.id, 1)[0]
    with_identity = NewResponse(answers=response.answers, external_id="X1", identifiers=(("email", "a@b.gov.uk"),))
    hc.responses.add_batch(cycle.id, NewBatch(BatchKind.IMPORT, "a.csv"), [with_identity])
    assert hc.value("SELECT count(*) FROM response_identifiers") == 0
    kept = NewResponse(answers=response.answers, external_id="X2", identifiers=(("email", "a@b.gov.uk"),))
    hc.responses.add_batch(
        cycle.id, NewBatch(BatchKind.IMPORT, "b.csv", identifying_kept_reason="Follow-up interviews agreed"), [kept]
    )
    assert hc.value("SELECT count(*) FROM response_identifiers") == 1


def test_a_question_with_answers_cannot_be_deleted(hc):
    cycle = start_cycle(hc, "2024", template_id="staff-survey")
    hc.responses.add_batch(cycle.id, NewBatch(BatchKind.IMPORT, "a.csv"), some_responses(hc, cycle.id, 1))
    team = hc.questionnaires.load(cycle.id).question("team")
    with pytest.raises(SaveFailed):
        with hc.transaction():
            hc.execute("DELETE FROM questions WHERE id = ?", (team.id,))
    assert hc.questionnaires.load(cycle.id).find("team") is not None


def test_check_reports_rows_that_disagree(hc):
    first = start_cycle(hc, "2023", template_id="staff-survey")
    second = start_cycle(hc, "2024", copy_from="2023")
    hc.responses.add_batch(first.id, NewBatch(BatchKind.IMPORT, "a.csv"), some_responses(hc, first.id, 1))
    other_team = hc.questionnaires.load(second.id).question("team")
    with hc.transaction():
        hc.execute("UPDATE answers SET question_id = ?, option_id = ?", (other_team.id, other_team.options[0].id))
    report = check_file(hc)
    assert not report.ok
    assert "1 answers to a question of another cycle." in report.file_problems
