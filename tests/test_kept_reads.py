"""What the file keeps of its reads of each option's respondents (for the dashboard's tiles and the groups' scores that
follow): the same answers as a fresh read, never those from before a change, nothing read inside a change that was
undone, and no more than its limit."""

from __future__ import annotations

import numpy
import pytest

from swhc_desktop.analysis.standard_scores import score_statements
from swhc_desktop.storage import answer_queries


def statement_ids(hc) -> list[int]:
    questionnaire = hc.questionnaires.load(hc.cycles.by_name("2025").id)
    return [q.id for questions in score_statements(questionnaire).values() for q in questions]


def statements_run(hc, work) -> list[str]:
    """The SQL statements `work` runs on the file."""
    run: list[str] = []
    hc.conn.set_trace_callback(run.append)
    try:
        work()
    finally:
        hc.conn.set_trace_callback(None)
    return run


def read_afresh(hc, ids):
    hc.answers.forget_kept_reads()
    return hc.answers.respondents_by_option(ids)


def as_lists(read) -> dict:
    return {key: ids.tolist() for key, ids in read.items()}


def test_a_second_read_gives_what_the_first_did_without_reading_the_file(demo):
    ids = statement_ids(demo)
    first = demo.answers.respondents_by_option(ids)
    again = {}
    assert statements_run(demo, lambda: again.update(demo.answers.respondents_by_option(ids))) == []
    assert as_lists(again) == as_lists(first) == as_lists(read_afresh(demo, ids))
    some = next(iter(first.values()))
    with pytest.raises(ValueError):  # shared by every caller, so nobody may change it
        some[0] = 0


def test_a_change_made_through_the_file_is_read_at_once(demo):
    ids = statement_ids(demo)
    before = as_lists(demo.answers.respondents_by_option(ids))
    response_id = next(iter(before.values()))[0]
    demo.responses.remove_response(response_id)
    after = as_lists(demo.answers.respondents_by_option(ids))
    assert after != before and all(response_id not in chosen for chosen in after.values())
    assert after == as_lists(read_afresh(demo, ids))


def test_nothing_read_inside_a_change_that_was_undone_is_kept(demo):
    ids = statement_ids(demo)
    before = as_lists(demo.answers.respondents_by_option(ids))
    inside = {}
    with pytest.raises(RuntimeError), demo.transaction():
        demo.execute(f"DELETE FROM answers WHERE question_id IN ({','.join('?' * len(ids))})", ids)
        inside.update(demo.answers.respondents_by_option(ids))
        raise RuntimeError("undone")
    assert inside == {}
    assert as_lists(demo.answers.respondents_by_option(ids)) == before


def test_a_change_beginning_lets_go_of_what_was_kept(demo):
    """Out of date as soon as the change lands, what was kept is not held in memory through it (an import of
    100,000 responses needs the room)."""
    ids = statement_ids(demo)
    demo.answers.respondents_by_option(ids)
    with demo.transaction():
        pass
    assert statements_run(demo, lambda: demo.answers.respondents_by_option(ids))


def test_no_more_than_the_limit_is_kept_and_what_is_kept_stays(demo, monkeypatch):
    """Once full, a further read is not kept, rather than put out what the next read may need."""
    first_id, second_id = statement_ids(demo)[:2]
    sizes = {q: sum(len(a) for a in read_afresh(demo, [q]).values()) for q in (first_id, second_id)}
    monkeypatch.setattr(answer_queries, "KEPT_IDS_AT_MOST", sizes[first_id] + sizes[second_id] - 1)
    demo.answers.forget_kept_reads()
    demo.answers.respondents_by_option([first_id])
    demo.answers.respondents_by_option([second_id])
    assert statements_run(demo, lambda: demo.answers.respondents_by_option([first_id])) == []
    second_again = {}
    assert statements_run(demo, lambda: second_again.update(demo.answers.respondents_by_option([second_id])))
    assert as_lists(second_again) == as_lists(read_afresh(demo, [second_id]))
    assert all(isinstance(ids, numpy.ndarray) for ids in second_again.values())
