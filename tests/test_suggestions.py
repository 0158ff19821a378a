"""The figures beside findings and actions, and the findings the app suggests: each suggestion rests on a threshold,
a test of significance, an interval or a theme count, never on a bare difference."""

from __future__ import annotations

import pytest

from swhc_desktop.analysis.evidence import FigureReader, indicator_key, question_key
from swhc_desktop.analysis.indicators import indicator_values
from swhc_desktop.analysis.measures import Measure, MeasureKind, compare, evaluate
from swhc_desktop.analysis.results import question_results
from swhc_desktop.analysis.suggestions import SuggestionSource, asks_what_is_good, open_suggestions, suggest_findings
from swhc_desktop.domain.records import FindingKind, Rag


@pytest.fixture
def suggestions(demo):
    cycle = demo.cycles.by_name("2025")
    return {s.key: s for s in suggest_findings(demo, cycle)}


def test_a_question_figure_has_its_base_interval_and_change(demo):
    reader = FigureReader(demo)
    figure = reader.figure(demo.cycles.by_name("2025"), question_key("caseload_manageable"))
    assert figure.title == "Caseload manageable"  # the headline indicator resting on the question
    assert figure.shown == "73%" and figure.base == 196
    assert "Base: all who answered (196)" in figure.full() and "95% interval 66% to 79%" in figure.full()
    assert figure.previous_cycle == "2024" and figure.change.more_than_chance
    assert figure.short() == "73% (2024: 41%; up 32 pts, better)"


def test_a_change_that_could_be_chance_says_so(demo):
    figure = FigureReader(demo).figure(demo.cycles.by_name("2025"), indicator_key("monthly_supervision"))
    assert not figure.change.more_than_chance
    # said one way in every output, and never as a rise ('up 6 points') that could be chance
    assert figure.change_text() == "44% in 2024; no clear change (95% range -5 to +16 points)"
    assert figure.short() == "50% (2024: 44%)"
    # the LGA's 81% is a share of councils, not of social workers: never shown beside the council's figure
    assert "81%" not in figure.full() and figure.benchmarks == ()


def test_an_actions_effect_compares_the_cycle_that_raised_it_with_the_next(demo):
    reader = FigureReader(demo)
    action = next(a for a in demo.actions.all() if a.title == "Introduce a supervision performance tool")
    effect = reader.effect(action, "supervision_frequency")
    assert (effect.before_cycle, effect.after_cycle) == ("2024", "2025")
    indicator = {v.indicator.key: v for v in indicator_values(demo, demo.cycles.by_name("2025"))}["monthly_supervision"]
    assert effect.change == indicator.change  # the same test the dashboard shows
    assert effect.short() == "44% to 50% (no clear change)"
    latest = next(a for a in demo.actions.all() if a.title.startswith("Increase the frequency of supervision"))
    assert reader.effect(latest, "supervision_frequency").note == "to be re-tested in the next health check"
    missing = reader.effect(latest, "no_such_question")
    assert not missing.measured and "no figure" in missing.note


def test_indicators_short_of_green_are_suggested_as_areas_for_improvement(demo, suggestions):
    values = {v.indicator.key: v for v in indicator_values(demo, demo.cycles.by_name("2025"))}
    suggested = {s.key.split(":")[1] for s in suggestions.values() if s.source is SuggestionSource.INDICATOR}
    assert suggested == {k for k, v in values.items() if v.rag in (Rag.RED, Rag.AMBER)}
    supervision = suggestions["indicator:monthly_supervision"]
    assert supervision.kind is FindingKind.IMPROVEMENT and supervision.question_codes == ("supervision_frequency",)
    assert (
        supervision.text.startswith("Supervision at least monthly is 50%")
        and "below the 90% we aim for" in supervision.text
    )
    # 10.1% work 48 hours or more: printed as 10%, which is within the green of up to 10%, so nothing to suggest
    assert values["long_hours"].number > 10 and values["long_hours"].rag is Rag.GREEN
    assert "indicator:long_hours" not in suggestions
    stressed = suggestions["indicator:stressed"]
    assert "above the 30% we aim to stay within" in stressed.text


def test_only_changes_that_are_more_than_chance_are_suggested(demo, suggestions):
    cycle, before = demo.cycles.by_name("2025"), demo.cycles.by_name("2024")
    now, then = question_results(demo, cycle.id), question_results(demo, before.id)
    changes = [s for s in suggestions.values() if s.source is SuggestionSource.CHANGE]
    assert changes
    reader = FigureReader(demo)
    for suggestion in changes:
        figure = reader.question_figure(cycle, suggestion.question_codes[0])
        assert figure.change.more_than_chance, suggestion.text
        better = (figure.change.difference > 0) == figure.higher_is_better
        assert suggestion.kind is (FindingKind.STRENGTH if better else FindingKind.IMPROVEMENT)
    # Intending to stay rose 7 points, which could be chance: not suggested as a change.
    measure = Measure(MeasureKind.SHARE, ("yes",))
    assert not compare(
        evaluate(measure, now["intend_to_stay"]), evaluate(measure, then["intend_to_stay"])
    ).more_than_chance
    assert "change:intend_to_stay" not in suggestions
    assert suggestions["change:caseload_manageable"].kind is FindingKind.STRENGTH
    assert (
        "Up 32 points since 2024 (from 41%): better, more than chance."
        in suggestions["change:caseload_manageable"].text
    )


def test_a_national_figure_that_measures_something_else_suggests_nothing(suggestions):
    # The only national figure the demo's supervision could fall short of is a share of councils; stress (41%, interval
    # 35% to 48%) is better than the national 56%. So nothing is suggested against a national figure.
    assert not [s for s in suggestions.values() if s.source is SuggestionSource.BENCHMARK]


def test_a_figure_worse_than_a_like_for_like_national_one_beyond_its_interval_is_suggested(demo):
    from swhc_desktop.analysis.benchmarks import Benchmark, load_benchmarks

    like_for_like = Benchmark(
        "monthly_supervision",
        81,
        "%",
        2025,
        "National survey 2025: supervision monthly",
        "A survey of social workers",
        "Social workers who have supervision monthly.",
    )
    reader = FigureReader(demo, benchmarks=load_benchmarks() + (like_for_like,))
    found = [
        s for s in suggest_findings(demo, demo.cycles.by_name("2025"), reader) if s.source is SuggestionSource.BENCHMARK
    ]
    assert [s.question_codes for s in found] == [("supervision_frequency",)]
    assert "below the national figure of 81% (National survey 2025" in found[0].text
    assert "Social workers who have supervision monthly." in found[0].why  # the figure's own caveat travels with it


def test_themes_that_dominate_the_comments_are_suggested_with_their_counts(demo, suggestions):
    themes = [s for s in suggestions.values() if s.source is SuggestionSource.THEME]
    caseloads = next(s for s in themes if "Caseloads and workload" in s.text)
    assert caseloads.kind is FindingKind.IMPROVEMENT
    assert "33 of the 119 comments on 'What I would change' (28%)" in caseloads.text
    training = next(s for s in themes if "Training and development" in s.text)
    assert training.kind is FindingKind.STRENGTH  # asked what is good about working here
    figure = FigureReader(demo).figure(demo.cycles.by_name("2025"), training.indicator_keys[0])
    assert figure.shown == "41%" and figure.base == 121
    assert not any("Other comments" in s.text for s in themes), "too few comments there to be a pattern"


def test_dismissed_and_accepted_suggestions_are_not_offered_again(demo, suggestions):
    cycle = demo.cycles.by_name("2025")
    everything = list(suggestions.values())
    assert len(open_suggestions(demo, cycle, everything)) == len(everything)
    demo.findings.dismiss(cycle.id, "indicator:valued")
    accepted = suggestions["change:team_meetings"]
    demo.findings.add(
        cycle.id,
        accepted.kind,
        accepted.text,
        accepted.question_codes,
        accepted.indicator_keys,
        suggestion_key=accepted.key,
    )
    still_open = {s.key for s in open_suggestions(demo, cycle, suggest_findings(demo, cycle))}
    assert "indicator:valued" not in still_open and "change:team_meetings" not in still_open
    assert len(still_open) == len(everything) - 2


@pytest.mark.parametrize(
    "text, good",
    [
        ("What is good about working here?", True),
        ("What do you feel positive about?", True),
        ("If you could change one thing, what would it be?", False),
        ("Any other comments?", False),
    ],
)
def test_an_open_question_asking_what_is_good_gives_strengths(text, good):
    assert asks_what_is_good(text) is good


def test_findings_on_the_same_figures_are_those_sharing_a_question_or_an_indicator():
    from swhc_desktop.analysis.suggestions import Suggestion, findings_on_the_same_figures
    from swhc_desktop.domain.records import Finding, FindingKind

    def finding(n, codes=(), keys=()):
        return Finding(n, 1, FindingKind.STRENGTH, f"finding {n}", n, codes, keys)

    suggestion = Suggestion(
        "k", SuggestionSource.CHANGE, FindingKind.STRENGTH, "text", "why", ("stressed",), ("theme:1",)
    )
    findings = [finding(1, ("stressed", "valued")), finding(2, (), ("theme:1",)), finding(3, ("valued",), ("theme:2",))]
    assert [f.id for f in findings_on_the_same_figures(suggestion, findings)] == [1, 2]
    assert findings_on_the_same_figures(suggestion, []) == []
