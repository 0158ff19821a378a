"""The Question explorer's memory: the figures it keeps are the ones every table gives, it builds only the charts
asked for, and nothing it kept is shown once the file has changed."""

from __future__ import annotations

import pytest
from matplotlib.figure import Figure

from swhc_desktop.analysis.breakdowns import GroupFilter, breakdown, filtered_result
from swhc_desktop.analysis.results import question_results
from swhc_desktop.analysis.trends import question_trend
from swhc_desktop.domain.errors import SwhcError
from swhc_desktop.domain.records import AnswerValue, BatchKind, NewBatch, NewResponse
from swhc_desktop.screens.explorer_memory import KEPT, ExplorerMemory
from swhc_desktop.screens.findings import EXPLORER_CHARTS, explorer_work
from swhc_desktop.storage import HealthCheckFile

CYCLE = "2025"


CODES = ("valued", "caseload_manageable", "team", "caseload")  # a scale, a choice, a breakdown question, a number
FILTERS = (
    None,
    GroupFilter("team", "other_team"),  # too small to show
    GroupFilter("team", "assessment"),
    GroupFilter("role", "social_worker"),
)
BREAKDOWNS = (None, "team", "role")


def test_what_the_memory_keeps_is_what_every_table_and_breakdown_gives(demo):
    cycle = demo.cycles.by_name(CYCLE)
    memory = ExplorerMemory(demo)
    for _ in range(2):  # worked out, then recalled
        for code in CODES:
            assert memory.result(cycle.id, code) == question_results(demo, cycle.id, [code])[code]
            for within in FILTERS:
                if within is not None:
                    assert memory.filtered(cycle.id, code, within) == filtered_result(demo, cycle.id, code, within)
                for by in BREAKDOWNS:
                    if by is not None:
                        assert memory.breakdown(cycle.id, code, by, within) == breakdown(
                            demo, cycle.id, code, by, within
                        )


def test_a_trend_from_the_memory_is_the_trend_worked_out_afresh(demo):
    memory = ExplorerMemory(demo)
    for code in ("valued", "caseload", "stressed"):
        for within in FILTERS:
            assert question_trend(demo, code, within=within, results=memory) == question_trend(
                demo, code, within=within
            )


def test_only_the_charts_asked_for_are_built_and_the_figures_are_the_same(demo):
    cycle = demo.cycles.by_name(CYCLE)
    memory = ExplorerMemory(demo)
    within = GroupFilter("role", "social_worker")
    whole = explorer_work(demo, cycle, "valued", within, "team")
    assert whole.drawn == EXPLORER_CHARTS
    assert all(isinstance(f, Figure) for f in (whole.chart, whole.trend, whole.breakdown_chart))
    chart_only = explorer_work(demo, cycle, "valued", within, "team", memory, {"chart"})
    assert chart_only.drawn == {"chart"}
    assert isinstance(chart_only.chart, Figure) and chart_only.trend is None and chart_only.breakdown_chart is None
    assert (chart_only.result, chart_only.note, chart_only.breakdown) == (whole.result, whole.note, whole.breakdown)
    assert chart_only.note and "not shown" in chart_only.note  # the breakdown's hidden groups, said without its chart
    trend_only = explorer_work(demo, cycle, "valued", within, "team", memory, {"trend"})
    assert isinstance(trend_only.trend, Figure) and trend_only.chart is None
    assert figure_words(trend_only.trend) == figure_words(whole.trend)
    assert figure_words(chart_only.chart) == figure_words(whole.chart)


def test_nothing_to_build_counts_as_drawn(demo):
    """With no breakdown chosen, or a group too small to show, there is no chart to wait for: the view says so."""
    cycle = demo.cycles.by_name(CYCLE)
    plain = explorer_work(demo, cycle, "valued", None, None, ExplorerMemory(demo), ())
    assert plain.drawn == {"breakdown"} and plain.breakdown is None
    hidden = explorer_work(demo, cycle, "valued", GroupFilter("team", "other_team"), None, ExplorerMemory(demo), ())
    assert hidden.result is None and hidden.drawn == {"chart", "breakdown"}
    assert "not shown" in hidden.note


def test_a_change_to_the_file_is_never_answered_from_memory(demo):
    """Responses added, then taken out again: the memory forgets what it kept the moment the file changes, even
    before the page is told (a change made on the Findings page itself re-shows nothing)."""
    cycle = demo.cycles.by_name(CYCLE)
    memory = ExplorerMemory(demo)
    questionnaire = demo.questionnaires.load(cycle.id)
    valued, team = questionnaire.question("valued"), questionnaire.question("team")
    before = memory.result(cycle.id, "valued")
    by_team = memory.breakdown(cycle.id, "valued", "team")
    added = [
        NewResponse((AnswerValue(valued.id, valued.options[0].id), AnswerValue(team.id, team.options[0].id)))
        for _ in range(30)
    ]
    batch = demo.responses.add_batch(cycle.id, NewBatch(BatchKind.IMPORT, "more.csv"), added)
    after = memory.result(cycle.id, "valued")
    assert after.base == before.base + 30
    assert after == question_results(demo, cycle.id, ["valued"])["valued"]
    assert memory.breakdown(cycle.id, "valued", "team") == breakdown(demo, cycle.id, "valued", "team")
    assert memory.breakdown(cycle.id, "valued", "team") != by_team
    demo.responses.remove_batch(batch)
    assert memory.result(cycle.id, "valued") == before
    assert memory.breakdown(cycle.id, "valued", "team") == by_team


def test_the_memory_keeps_a_bounded_number_of_figures_and_the_latest_used(demo, monkeypatch):
    cycle = demo.cycles.by_name(CYCLE)
    memory = ExplorerMemory(demo)
    codes = [q.code for q in demo.questionnaires.load(cycle.id).questions() if q.qtype.value != "text"]
    assert len(codes) > KEPT
    for code in codes:
        memory.result(cycle.id, code)
    assert len(memory._kept) == KEPT
    worked_out = []
    monkeypatch.setattr(
        "swhc_desktop.screens.explorer_memory.question_results",
        lambda *args, **kwargs: worked_out.append(args[2]) or question_results(*args, **kwargs),
    )
    memory.result(cycle.id, codes[-1])  # kept: the latest used
    assert worked_out == []
    memory.result(cycle.id, codes[0])  # long since let go
    assert worked_out == [[codes[0]]]


def figure_words(figure: Figure) -> list[str]:
    return [t.get_text() for t in figure.findobj(lambda a: hasattr(a, "get_text")) if t.get_text()]


def test_a_file_closed_under_the_memory_is_told_as_any_read_of_it_is(demo_path):
    hc = HealthCheckFile.open(demo_path, read_only=True)
    cycle = hc.cycles.by_name(CYCLE)
    memory = ExplorerMemory(hc)
    memory.result(cycle.id, "valued")
    hc.close()
    with pytest.raises(SwhcError):
        memory.result(cycle.id, "valued")  # kept, but the file it came from is gone
