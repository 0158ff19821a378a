"""Findings in storage: added, changed, moved within their kind, deleted and put back with the actions that answered
them; suggestions dismissed and brought back."""

from __future__ import annotations

import pytest

from swhc_desktop.domain.errors import InvalidInput
from swhc_desktop.domain.records import FindingKind
from swhc_desktop.storage import HealthCheckFile


def texts(hc, cycle, kind=None):
    return [f.text for f in hc.findings.for_cycle(cycle.id) if kind is None or f.kind is kind]


def test_a_finding_is_added_at_the_end_of_its_kind_and_changed(demo):
    cycle = demo.cycles.by_name("2025")
    finding_id = demo.findings.add(
        cycle.id,
        FindingKind.STRENGTH,
        "  Team meetings are more regular. ",
        question_codes=["team_meetings"],
        indicator_keys=["valued"],
    )
    assert texts(demo, cycle, FindingKind.STRENGTH)[-1] == "Team meetings are more regular."
    strengths_first = [f.kind for f in demo.findings.for_cycle(cycle.id)]
    assert strengths_first == sorted(strengths_first, key=lambda k: k is not FindingKind.STRENGTH)
    demo.findings.update(
        finding_id,
        FindingKind.IMPROVEMENT,
        "Team meetings still miss some teams.",
        question_codes=["team_meetings", "team_meetings"],
        indicator_keys=(),
    )
    changed = demo.findings.get(finding_id)
    assert (changed.kind, changed.text, changed.question_codes, changed.indicator_keys) == (
        FindingKind.IMPROVEMENT,
        "Team meetings still miss some teams.",
        ("team_meetings",),
        (),
    )
    with pytest.raises(InvalidInput, match="needs a sentence"):
        demo.findings.update(finding_id, FindingKind.IMPROVEMENT, "   ")
    assert demo.findings.get(finding_id) == changed


def test_a_finding_moves_within_its_kind_and_moves_back(demo):
    cycle = demo.cycles.by_name("2025")
    before = texts(demo, cycle)
    strengths = [f for f in demo.findings.for_cycle(cycle.id) if f.kind is FindingKind.STRENGTH]
    assert demo.findings.move(strengths[1].id, -1)
    assert texts(demo, cycle, FindingKind.STRENGTH)[:2] == [strengths[1].text, strengths[0].text]
    assert not demo.findings.move(strengths[1].id, -1), "already first among the strengths"
    assert demo.findings.move(strengths[1].id, +1)
    assert texts(demo, cycle) == before


def test_a_deleted_finding_comes_back_with_its_evidence_and_the_actions_that_answered_it(demo):
    cycle = demo.cycles.by_name("2025")
    answered = next(a for a in demo.actions.for_cycle(cycle.id) if a.finding_ids)
    finding = demo.findings.get(answered.finding_ids[0])
    deleted = demo.findings.delete(finding.id)
    assert deleted.action_ids == (answered.id,)
    assert finding.id not in {f.id for f in demo.findings.for_cycle(cycle.id)}
    assert demo.actions.get(answered.id).finding_ids == ()
    demo.findings.restore(deleted)
    assert demo.findings.get(finding.id) == finding
    assert demo.actions.get(answered.id).finding_ids == answered.finding_ids


def test_a_dismissed_suggestion_stays_dismissed_until_brought_back(demo):
    cycle, other = demo.cycles.by_name("2025"), demo.cycles.by_name("2024")
    demo.findings.dismiss(cycle.id, "indicator:valued")
    demo.findings.dismiss(cycle.id, "indicator:valued")  # twice is harmless
    assert demo.findings.dismissed(cycle.id) == {"indicator:valued"}
    assert demo.findings.dismissed(other.id) == set()
    demo.findings.bring_back(cycle.id, "indicator:valued")
    assert demo.findings.dismissed(cycle.id) == set()


def test_a_read_only_file_keeps_its_findings(demo_path, folders):
    with HealthCheckFile.open(demo_path, read_only=True, folders=folders) as hc:
        cycle = hc.cycles.by_name("2025")
        finding = hc.findings.for_cycle(cycle.id)[0]
        with pytest.raises(Exception, match="read-only"):
            hc.findings.delete(finding.id)
        assert hc.findings.get(finding.id) == finding
