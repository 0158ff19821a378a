"""Intervals, change tests, numbers and bands, scales, indicators, benchmarks, trends and comment themes."""

from __future__ import annotations

import pytest

from swhc_desktop.analysis.benchmarks import benchmarks_for, cycle_year, load_benchmarks
from swhc_desktop.analysis.comments import cycle_comments, theme_table
from swhc_desktop.analysis.indicators import indicator_values, load_indicators, save_indicators
from swhc_desktop.analysis.intervals import (
    MeanSample,
    Proportion,
    compare_means,
    compare_proportions,
    fisher_exact,
    t_quantile,
    wilson_interval,
)
from swhc_desktop.analysis.numbers import bands_from_starts, parse_band_starts, summarise_numbers
from swhc_desktop.analysis.results import question_results, save_band_starts
from swhc_desktop.analysis.trends import question_trend
from swhc_desktop.domain.errors import InvalidInput
from swhc_desktop.domain.records import Rag


def test_wilson_intervals_match_published_values():
    low, high = wilson_interval(81, 263)  # Newcombe (1998), example: 0.2553 to 0.3662
    assert (round(low, 2), round(high, 2)) == (25.53, 36.62)
    assert wilson_interval(0, 10)[0] == pytest.approx(0, abs=1e-9) and wilson_interval(10, 10)[1] == pytest.approx(100)
    assert wilson_interval(0, 0) is None


def test_a_change_on_a_small_base_is_not_called_more_than_chance():
    """'Up 3%' on a base of 12 is never presented as a real change."""
    change = compare_proportions(Proportion(4, 12), Proportion(3, 12))
    assert change.test == "Fisher's exact test" and not change.more_than_chance and change.direction == 0
    assert change.low < 0 < change.high


def test_a_large_change_on_large_bases_is_more_than_chance_with_newcombes_interval():
    change = compare_proportions(Proportion(56, 70), Proportion(48, 80))  # Newcombe (1998) method 10: 0.0524 to 0.3339
    assert change.test == "two-proportion z-test" and change.more_than_chance
    assert (round(change.low, 1), round(change.high, 1)) == (5.2, 33.4)


def test_fisher_and_t_against_known_values():
    assert fisher_exact(3, 1, 1, 3) == pytest.approx(0.4857, abs=1e-4)  # the tea-tasting table
    assert t_quantile(0.975, 10) == pytest.approx(2.2281, abs=1e-4)
    change = compare_means(MeanSample(30, 17.0, 16.0), MeanSample(30, 20.0, 16.0))
    assert change.more_than_chance and change.difference == -3.0


def test_the_t_quantile_stops_early_with_exactly_the_value_two_hundred_halvings_give():
    """Stopping once no float lies between the ends changes nothing: each t value is the one the full 200 steps of
    the bisection give, for small and vast degrees of freedom (Welch's are fractional) and other probabilities."""
    from swhc_desktop.analysis.intervals import t_cdf

    def two_hundred_halvings(probability: float, df: float) -> float:
        low, high = -1e3, 1e3
        for _ in range(200):
            middle = (low + high) / 2
            if t_cdf(middle, df) < probability:
                low = middle
            else:
                high = middle
        return (low + high) / 2

    for df in (1, 1.5, 2, 7.25, 10, 29, 101.3, 999, 12_345.6, 99_998):
        for probability in (0.5, 0.9, 0.975, 0.995):
            assert t_quantile(probability, df) == two_hundred_halvings(probability, df), (probability, df)


def test_numbers_give_n_mean_median_quartiles_and_the_councils_bands():
    summary = summarise_numbers([30, 37, 38, 40, 42, 43, 47, 48, 55, 60], bands_from_starts((38, 43, 48)))
    assert (summary.n, summary.mean, summary.median) == (10, 44.0, 42.5)
    assert (summary.lower_quartile, summary.upper_quartile) == (38.5, 47.75)  # as Excel's QUARTILE.INC
    assert [(b.band.label, b.count) for b in summary.bands] == [
        ("Under 38", 2),
        ("38 to under 43", 3),
        ("43 to under 48", 2),
        ("48 or more", 3),
    ]


def test_band_starts_are_checked_in_plain_words():
    assert parse_band_starts("38, 43, 48") == (38, 43, 48)
    for bad in ("38, forty", "43, 38", "38, 38"):
        with pytest.raises(InvalidInput):
            parse_band_starts(bad)


def test_scales_give_favourable_shares_by_polarity_and_a_mean_score(demo):
    results = question_results(demo, demo.cycles.by_name("2025").id)
    stressed = results["stressed"]
    agreeing = sum(r.count for r in stressed.table.rows if r.option.code in ("agree", "strongly_agree"))
    assert stressed.scale.unfavourable.count == agreeing  # agreeing with a negative statement is unfavourable
    assert 0 <= stressed.scale.mean_score <= 100
    assert results["team"].scale is None


def test_bands_are_kept_per_file(demo):
    cycle = demo.cycles.by_name("2025")
    save_band_starts(demo, "hours_worked", [40, 50])
    bands = question_results(demo, cycle.id, ["hours_worked"])["hours_worked"].numbers.bands
    assert [b.band.label for b in bands] == ["Under 40", "40 to under 50", "50 or more"]


def test_the_demos_indicators_have_values_rag_changes_and_benchmarks(demo):
    values = {v.indicator.key: v for v in indicator_values(demo, demo.cycles.by_name("2025"))}
    assert round(values["response_rate"].number) == 84 and values["response_rate"].rag is Rag.GREEN
    caseload = values["caseload_manageable"]
    assert caseload.change.more_than_chance and caseload.change.difference > 20
    assert not values["monthly_supervision"].change.more_than_chance
    # Beside 2025: the DfE's 2025 figure, and not the LGA's 2018 employer return (shown only beside 2018 and 2019).
    assert {b.value for b in values["average_caseload"].benchmarks} == {15.2}
    assert all(b.source for v in values.values() for b in v.benchmarks)


def test_the_psw_sets_thresholds_and_switches_indicators_off(demo):
    indicators = load_indicators(demo)
    from dataclasses import replace

    changed = [
        replace(i, green=40, amber=20) if i.key == "valued" else replace(i, enabled=i.key != "long_hours")
        for i in indicators
    ]
    save_indicators(demo, changed)
    values = {v.indicator.key: v for v in indicator_values(demo, demo.cycles.by_name("2025"))}
    assert "long_hours" not in values and values["valued"].rag is Rag.GREEN
    with pytest.raises(InvalidInput):
        save_indicators(demo, [replace(indicators[1], green=10, amber=50)])


def test_benchmarks_say_where_they_come_from_and_pick_the_nearest_year():
    benchmarks = load_benchmarks()
    assert all(b.source and b.year for b in benchmarks)
    # The nearest year's figure from each source, never a later year's: the LGA's 2018 figure is not shown beside 2017
    # (nor beside any cycle after 2019), the DfE's 2017 figure is.
    assert [b.value for b in benchmarks_for("average_caseload", "2017", benchmarks)] == [17.8]
    assert [b.value for b in benchmarks_for("average_caseload", "2019", benchmarks)] == [16.9, 19]
    assert cycle_year("Survey 2019/20") == 2019


def test_a_trend_follows_the_code_across_years(demo):
    trend = question_trend(demo, "valued")
    assert [p.cycle_name for p in trend.points] == ["2023", "2024", "2025"]
    assert trend.points[0].value.value < trend.points[-1].value.value


def test_comments_name_a_team_only_when_it_is_big_enough_and_themes_are_counted(demo):
    cycle = demo.cycles.by_name("2025")
    comments = cycle_comments(demo, cycle.id)
    assert comments and not any(c.group == "Other team" for c in comments)
    assert any(c.group == "Assessment" for c in comments)
    caseloads = demo.themes.add("Caseloads")
    about_caseloads = [c.key for c in comments if "caseload" in c.text.lower()]
    demo.themes.set_tag(about_caseloads, caseloads, True)
    table = theme_table(cycle_comments(demo, cycle.id), demo.themes.all())
    row = next(r for r in table.rows if r.theme.id == caseloads)
    assert row.respondents.count == len({k[0] for k in about_caseloads})
    assert table.base == len({c.response_id for c in comments}) and "more than one theme" in table.base_description
    question_ids = list({c.question.id for c in comments})
    tagged_before = {key for key, themes in demo.themes.tags(question_ids).items() if caseloads in themes}
    removed = demo.themes.remove(caseloads)
    assert all(caseloads not in themes for themes in demo.themes.tags(question_ids).values())
    demo.themes.restore(removed)
    assert {key for key, themes in demo.themes.tags(question_ids).items() if caseloads in themes} == tagged_before
    assert (
        theme_table(cycle_comments(demo, cycle.id), demo.themes.all()).rows[0].respondents.count
        == table.rows[0].respondents.count
    )


def test_a_change_in_per_cents_is_said_as_the_difference_of_the_printed_per_cents():
    """73% against 41% reads as 32 points to anyone who subtracts, though 72.6 - 41.4 is 31.2."""
    change = compare_proportions(Proportion(726, 1000), Proportion(414, 1000))
    assert round(change.difference, 1) == 31.2
    assert (change.printed_before, change.printed_now, change.shown_difference) == (41, 73, 32.0)
