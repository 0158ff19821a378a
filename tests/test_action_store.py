"""The action plan's storage: actions under Standards, edits, deletion that can be undone, carry-over and RAG."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from swhc_desktop.domain.errors import InvalidInput
from swhc_desktop.domain.records import ActionDraft, ActionStatus, Rag


def test_an_action_is_added_edited_and_its_links_kept(demo):
    cycle = demo.cycles.by_name("2025")
    finding = demo.findings.for_cycle(cycle.id)[0]
    draft = ActionDraft(
        standard=3,
        title="  Caseload weighting review ",
        owner="Head of Service",
        due_on=dt.date(2027, 4, 30),
        finding_ids=(finding.id,),
        question_codes=("caseload",),
    )
    action_id = demo.actions.add(cycle.id, draft)
    stored = demo.actions.get(action_id)
    assert (stored.title, stored.status, stored.finding_ids, stored.question_codes) == (
        "Caseload weighting review",
        ActionStatus.NOT_STARTED,
        (finding.id,),
        ("caseload",),
    )
    demo.actions.update(action_id, replace(stored.draft, status=ActionStatus.COMPLETE, question_codes=()))
    completed = demo.actions.get(action_id)
    assert completed.status is ActionStatus.COMPLETE and completed.completed_on == dt.date.today()
    assert completed.question_codes == ()
    demo.actions.update(action_id, replace(completed.draft, status=ActionStatus.IN_PROGRESS))
    assert demo.actions.get(action_id).completed_on is None


@pytest.mark.parametrize(
    "draft, message",
    [
        (ActionDraft(standard=9, title="x"), "one of the eight Standards"),
        (ActionDraft(standard=3, title="  "), "needs a title"),
        (ActionDraft(standard=3, title="x", status=ActionStatus.DROPPED), "Say why the action was dropped"),
    ],
)
def test_an_action_the_plan_could_not_show_is_refused(demo, draft, message):
    before = len(demo.actions.all())
    with pytest.raises(InvalidInput, match=message):
        demo.actions.add(demo.cycles.by_name("2025").id, draft)
    assert len(demo.actions.all()) == before


def test_a_deleted_action_is_restored_exactly_with_its_progress_log(demo):
    action = next(a for a in demo.actions.all() if a.updates)
    removed = demo.actions.delete(action.id)
    assert action.id not in {a.id for a in demo.actions.all()}
    demo.actions.restore(removed)
    assert demo.actions.get(action.id) == action


def test_open_actions_carry_over_to_the_next_cycle_until_complete(demo):
    cycles = demo.cycles.all()
    c2024, c2025 = demo.cycles.by_name("2024"), demo.cycles.by_name("2025")
    plan_2025 = demo.actions.plan_for(c2025, cycles)
    assert {a.raised_in_cycle_id for a in plan_2025} == {c2025.id}  # 2024's actions were complete before 2025 began
    still_open = demo.actions.for_cycle(c2024.id)[0]
    demo.actions.update(still_open.id, replace(still_open.draft, status=ActionStatus.IN_PROGRESS))
    carried = demo.actions.plan_for(c2025, cycles)
    assert still_open.id in {a.id for a in carried}
    assert [a.standard for a in carried] == sorted(a.standard for a in carried)


def test_overdue_actions_are_red_whatever_was_set_and_complete_ones_green(demo):
    today = dt.date(2026, 12, 1)
    action = next(a for a in demo.actions.all() if a.title == "Book all outstanding appraisals")
    assert action.is_overdue(today) and action.effective_rag(today) is Rag.RED
    demo.actions.update(action.id, replace(action.draft, rag=Rag.GREEN))
    assert demo.actions.get(action.id).effective_rag(today) is Rag.RED
    assert demo.actions.get(action.id).effective_rag(dt.date(2026, 11, 1)) is Rag.GREEN
    done = next(a for a in demo.actions.all() if a.status is ActionStatus.COMPLETE)
    assert done.effective_rag(today) is Rag.GREEN and not done.is_overdue(dt.date(2030, 1, 1))


def test_progress_updates_are_dated_and_can_be_removed_and_put_back(demo):
    action = demo.actions.all()[0]
    update_id = demo.actions.add_update(action.id, dt.date(2027, 1, 1), "Agreed with the union", author="PSW")
    latest = demo.actions.get(action.id).latest_update
    assert (latest.written_on, latest.text, latest.author) == (dt.date(2027, 1, 1), "Agreed with the union", "PSW")
    demo.actions.remove_update(update_id)
    assert update_id not in {u.id for u in demo.actions.get(action.id).updates}
    demo.actions.add_update(action.id, latest.written_on, latest.text, latest.author, update_id=update_id)
    assert demo.actions.get(action.id).latest_update == latest
    with pytest.raises(InvalidInput, match="needs some text"):
        demo.actions.add_update(action.id, dt.date(2027, 1, 2), "   ")


def test_owners_are_offered_from_earlier_actions(demo):
    assert "Principal Social Worker" in demo.actions.owners()
