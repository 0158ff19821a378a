"""What each screen shows, worked out without a widget: the Findings page's tabs, the key findings' figures and the
Action plan's effects and detail pane, on the demo health check and on actions made here."""

from __future__ import annotations

import datetime as dt

import pytest

from swhc_desktop.analysis.breakdowns import GroupFilter
from swhc_desktop.analysis.evidence import Effect
from swhc_desktop.analysis.intervals import Change
from swhc_desktop.domain.records import Action, ActionStatus, ActionUpdate, Finding, FindingKind, Rag
from swhc_desktop.screens.action_plan import PlanFigures, action_html, effect_summary, plan_figures, status_text
from swhc_desktop.screens.findings import comments_work, dashboard_work, explorer_work
from swhc_desktop.screens.key_findings import FindingDraft, evidence_keys_for, figures_text, key_findings_work
from swhc_desktop.storage import HealthCheckFile


@pytest.fixture
def demo(demo_path):
    with HealthCheckFile.open(demo_path, read_only=True) as hc:
        yield hc


def effect(
    difference: float | None,
    more_than_chance: bool = True,
    higher_is_better: bool | None = True,
    after_cycle: str | None = "2025",
) -> Effect:
    from swhc_desktop.analysis.measures import MeasureValue

    measured = difference is not None
    change = Change(difference, difference - 5, difference + 5, 0.01, "test", more_than_chance) if measured else None
    return Effect(
        "stress",
        "Stress",
        "% agree",
        True,
        "%",
        higher_is_better,
        "2024",
        MeasureValue(40.0, None, 100),
        after_cycle,
        MeasureValue(40.0 + (difference or 0), None, 100) if measured else None,
        change,
    )


def action(**changes) -> Action:
    values = dict(
        id=7,
        raised_in_cycle_id=1,
        standard=2,
        title="Cut caseloads <b>now</b>",
        description="",
        owner="Head of service",
        due_on=dt.date(2026, 3, 31),
        status=ActionStatus.IN_PROGRESS,
    )
    values.update(changes)
    return Action(**values)


# ---------------------------------------------------------------------------------------------- the action plan


def test_an_actions_effect_is_said_in_a_few_words_by_its_questions_own_polarity():
    assert effect_summary(()) == ""
    assert effect_summary((effect(10),)) == "Better"
    assert effect_summary((effect(10, higher_is_better=False),)) == "Worse"
    assert effect_summary((effect(-4, higher_is_better=None),)) == "Down"
    assert effect_summary((effect(10, more_than_chance=False),)) == "No clear change"
    assert (
        effect_summary((effect(10), effect(-10), effect(3, more_than_chance=False)))
        == "Better 1, worse 1, no clear change 1"
    )
    assert effect_summary((effect(None, after_cycle=None),)) == "Re-test next time"
    assert effect_summary((effect(None, after_cycle="2025"),)) == "No figure to compare"


def test_the_detail_pane_says_everything_about_an_action_and_escapes_what_was_typed():
    overdue = action(updates=(ActionUpdate(1, dt.date(2026, 1, 10), "Met the <team>", "psw"),), rag=Rag.AMBER)
    finding = Finding(3, 1, FindingKind.IMPROVEMENT, "Caseloads & stress", 0)
    text = action_html(overdue, dt.date(2026, 6, 1), {1: "2025"}, PlanFigures(), [finding])
    assert "Cut caseloads &lt;b&gt;now&lt;/b&gt;" in text and "<b>now</b>" not in text
    assert (
        "31/03/2026: overdue" in text and "Raised in 2025" in text and "RAG: Red" in text
    )  # overdue outranks the Amber set
    assert "10/01/2026: Met the &lt;team&gt;" in text
    assert "Caseloads" not in text  # not linked to the finding
    linked = action_html(action(finding_ids=(3,)), dt.date(2026, 1, 1), {1: "2025"}, PlanFigures(), [finding])
    assert "<b>Answers:</b> Caseloads &amp; stress" in linked and "No progress updates yet." in linked
    assert "overdue" not in linked


def test_a_completed_actions_status_says_when():
    assert status_text(action(status=ActionStatus.COMPLETE, completed_on=dt.date(2026, 2, 3))) == "Complete 03/02/2026"
    assert status_text(action()) == ActionStatus.IN_PROGRESS.label


def test_the_plans_figures_are_worked_out_for_every_action_of_the_demo(demo):
    cycle = demo.cycles.by_name("2025")
    actions = demo.actions.all()
    figures = plan_figures(demo, cycle, actions)
    assert set(figures.evidence) == {a.id for a in actions}
    finding_ids = {
        f.id for c in {cycle.id} | {a.raised_in_cycle_id for a in actions} for f in demo.findings.for_cycle(c)
    }
    assert set(figures.finding_figures) == finding_ids


# ---------------------------------------------------------------------------------------------- findings


def test_the_dashboard_has_the_indicators_and_charts_of_the_year(demo):
    cycle = demo.cycles.by_name("2025")
    result = dashboard_work(demo, cycle)
    indicators, charts = result.indicators, result.charts
    assert indicators and all(i.indicator.enabled for i in indicators if hasattr(i, "indicator"))
    assert len(charts) >= 2


def test_the_explorer_shows_a_question_for_a_group_with_a_breakdown(demo):
    cycle = demo.cycles.by_name("2025")
    everyone = explorer_work(demo, cycle, "caseload_manageable", None, "role")
    assert everyone.result is not None and everyone.chart is not None and everyone.breakdown is not None
    team = demo.questionnaires.load(cycle.id).question("team").options[0]
    within = explorer_work(demo, cycle, "caseload_manageable", GroupFilter("team", team.code), None)
    assert within.result is not None and within.result.base < everyone.result.base
    assert within.breakdown is None


def test_the_comments_tab_says_how_many_and_when_a_group_is_named(demo):
    cycle = demo.cycles.by_name("2025")
    comments, themes, note = comments_work(demo, cycle)
    assert note.startswith(f"{len(comments)} comments.") and "at least" in note
    minimum = demo.organisation.get().minimum_comment_group_size
    assert f"at least {minimum} people" in note
    assert isinstance(themes, list)


def test_every_figure_a_finding_could_rest_on_is_offered_with_the_suggestions(demo):
    cycle = demo.cycles.by_name("2025")
    data = key_findings_work(demo, cycle)
    keys = [key for key, _ in data.choices]
    assert keys[0].startswith("indicator:") and any(k.startswith("question:") for k in keys)
    assert set(keys) <= set(data.figures)
    for suggestion in data.suggestions:
        assert set(evidence_keys_for(suggestion.question_codes, suggestion.indicator_keys)) <= set(data.figures)
    one = data.figures[keys[0]]
    assert figures_text([one]) == one.short()


def test_a_draft_finding_splits_its_evidence_back_into_questions_and_indicators():
    draft = FindingDraft(
        FindingKind.STRENGTH, "Good supervision", ("indicator:supervision", "question:valued", "theme:workload")
    )
    assert draft.question_codes == ("valued",)
    assert draft.indicator_keys == ("supervision", "theme:workload")
    finding = Finding(1, 1, FindingKind.STRENGTH, "x", 0, ("valued",), ("supervision",))
    assert set(FindingDraft.of(finding).evidence) == {"question:valued", "indicator:supervision"}
