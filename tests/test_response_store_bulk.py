"""Large batches: written many rows at a time with the answers' indexes rebuilt once and references checked once,
yet exactly as safe as row-by-row writing; paper returns saved one by one into a batch that grows."""

from __future__ import annotations

import pytest

from swhc_desktop.domain.errors import SaveFailed
from swhc_desktop.domain.progress import Cancelled, Progress
from swhc_desktop.domain.records import AnswerValue, BatchKind, NewBatch, NewResponse
from swhc_desktop.questionnaires.cycles import start_cycle
from swhc_desktop.storage import HealthCheckFile
from swhc_desktop.storage.response_store import CHUNK_RESPONSES

ANSWER_INDEXES = ["answers_question", "answers_ticks"]  # the answers themselves are ordered by respondent


@pytest.fixture
def hc(tmp_path, folders):
    with HealthCheckFile.create(tmp_path / "a.swhc", "Anytown", folders=folders) as opened:
        yield opened


def answer_indexes(hc) -> list[str]:
    return [
        r[0]
        for r in hc.tuples("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'answers' ORDER BY name")
    ]


def many(hc, cycle_id, count, question_id=None):
    team = hc.questionnaires.load(cycle_id).question("team")
    return [
        NewResponse((AnswerValue(question_id or team.id, option_id=team.options[n % 3].id),), external_id=f"R{n}")
        for n in range(count)
    ]


def test_a_large_batch_keeps_the_answers_indexes_and_every_answer(hc):
    cycle = start_cycle(hc, "2024", template_id="staff-survey")
    hc.responses.add_batch(cycle.id, NewBatch(BatchKind.IMPORT, "big.csv"), many(hc, cycle.id, CHUNK_RESPONSES * 2 + 7))
    assert answer_indexes(hc) == ANSWER_INDEXES
    assert hc.value("SELECT count(*) FROM answers") == CHUNK_RESPONSES * 2 + 7
    assert hc.integrity_problems() == []


def test_a_cancelled_large_batch_leaves_the_indexes_and_nothing_else(hc):
    cycle = start_cycle(hc, "2024", template_id="staff-survey")
    calls = []
    progress = Progress(is_cancelled=lambda: calls.append(1) or len(calls) > 1)
    with pytest.raises(Cancelled):
        hc.responses.add_batch(
            cycle.id, NewBatch(BatchKind.IMPORT, "big.csv"), many(hc, cycle.id, CHUNK_RESPONSES * 3), progress=progress
        )
    assert answer_indexes(hc) == ANSWER_INDEXES
    assert hc.value("SELECT count(*) FROM responses") == 0
    assert hc.value("PRAGMA foreign_keys") == 1


def test_answers_to_a_question_that_is_not_there_are_refused_whole(hc):
    cycle = start_cycle(hc, "2024", template_id="staff-survey")
    with pytest.raises(SaveFailed, match="refer to questions"):
        hc.responses.add_batch(
            cycle.id, NewBatch(BatchKind.IMPORT, "bad.csv"), many(hc, cycle.id, 10, question_id=99999)
        )
    assert hc.value("SELECT count(*) FROM responses") == 0
    assert hc.value("PRAGMA foreign_keys") == 1


def test_paper_returns_grow_one_batch_and_each_is_committed(hc):
    cycle = start_cycle(hc, "2024", template_id="staff-survey")
    first = hc.responses.add_paper_response(cycle.id, many(hc, cycle.id, 1)[0])
    hc.responses.add_paper_response(cycle.id, NewResponse(many(hc, cycle.id, 1)[0].answers))
    assert not hc.conn.in_transaction
    [batch] = hc.responses.batches(cycle.id)
    assert (batch.kind, batch.source_name, batch.response_count) == (BatchKind.PAPER, "Paper returns", 2)
    hc.responses.remove_response(first)
    assert hc.responses.count(cycle.id) == 1


def test_a_batch_taken_out_is_put_back_exactly(hc):
    cycle = start_cycle(hc, "2024", template_id="staff-survey")
    responses = [
        NewResponse(r.answers, r.external_id, identifiers=(("email", f"{r.external_id}@x.gov.uk"),))
        for r in many(hc, cycle.id, 30)
    ]
    batch_id = hc.responses.add_batch(
        cycle.id, NewBatch(BatchKind.IMPORT, "a.csv", "f" * 64, identifying_kept_reason="Agreed"), responses
    )

    def everything():
        return [
            hc.tuples(f"SELECT * FROM {table} ORDER BY 1, 2")
            for table in ("import_batches", "responses", "answers", "response_identifiers")
        ]

    before = everything()
    removed = hc.responses.take_out_batch(batch_id)
    assert hc.responses.count(cycle.id) == 0 and hc.value("SELECT count(*) FROM response_identifiers") == 0
    hc.responses.put_back_batch(removed)
    assert everything() == before
    assert hc.integrity_problems() == []
