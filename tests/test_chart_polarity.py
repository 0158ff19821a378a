"""Charts honour polarity everywhere: a negatively worded statement ('I feel stressed by my job') drawn beside positive
ones puts its agreeing answers on the unfavourable side, in the unfavourable colours, as its own table counts them."""

from __future__ import annotations

import pytest

from swhc_desktop.analysis.results import question_results
from swhc_desktop.outputs.charts.builders import DivergingRow, diverging_bars


@pytest.fixture
def results(demo_path, open_files):
    hc = open_files.open(demo_path, read_only=True)
    return question_results(hc, hc.cycles.by_name("2025").id, ["valued", "stressed"])


def bars_of_row(figure, position: float) -> list:
    axes = figure.axes[0]
    return [p for p in axes.patches if abs(p.get_y() + p.get_height() / 2 - position) < 1e-6]


@pytest.mark.parametrize("order", [("valued", "stressed"), ("stressed", "valued")])
def test_a_negatively_worded_statement_is_drawn_by_its_own_polarity(results, order):
    rows = [DivergingRow(code, results[code].table) for code in order]
    figure = diverging_bars("How far staff agree", rows, "Base: all who answered")
    positions = {code: len(order) - 1 - index for index, code in enumerate(order)}
    for code in order:
        scale = results[code].scale
        drawn = bars_of_row(figure, positions[code])
        right = sum(p.get_width() for p in drawn if p.get_x() >= -1e-9)
        left = sum(p.get_width() for p in drawn if p.get_x() + p.get_width() <= 1e-9)
        neutral = float(scale.neutral.percent)
        # right of zero: the favourable answers and half the neutral ones; left: the unfavourable and the other half
        crossing = [p for p in drawn if p.get_x() < -1e-9 < p.get_x() + p.get_width()]
        assert sum(p.get_width() for p in crossing) == pytest.approx(neutral)
        assert right == pytest.approx(float(scale.favourable.percent))
        assert left == pytest.approx(float(scale.unfavourable.percent))
    stressed_label = [t.get_text() for t in figure.axes[0].get_yticklabels() if "stressed" in t.get_text()]
    assert stressed_label and "agreeing is unfavourable" in stressed_label[0].replace("\n", " ")


def every_word_of(figure) -> list[str]:
    """Every piece of text the chart shows (and a screen reader or the report's text reads): title, notes, each bar's
    label, the legend."""
    axes = figure.axes[0]
    texts = [*figure.texts, *axes.get_yticklabels(), *axes.texts]
    if axes.get_legend() is not None:
        texts += axes.get_legend().get_texts()
    return [" ".join(t.get_text().split()) for t in texts]


def times_said(figure, words: str) -> int:
    return sum(text.lower().count(words) for text in every_word_of(figure))


def test_a_negatively_worded_statement_by_team_says_once_that_agreeing_is_unfavourable(results):
    """Stressed, for each of five teams: every bar is the same statement, so the chart says it once, under the chart,
    not on each team's label."""
    teams = ["Assessment", "Child protection", "Children in care", "Fostering", "Leaving care"]
    rows = [DivergingRow(team, results["stressed"].table) for team in teams]
    figure = diverging_bars("I feel stressed by my job, by team", rows, "Base: all who answered")
    assert times_said(figure, "agreeing is unfavourable") == 1
    labels = [" ".join(t.get_text().split()) for t in figure.axes[0].get_yticklabels()]
    assert sorted(labels) == teams, "each bar is named by its team alone"
    assert any("Agreeing is unfavourable for this statement" in text for text in every_word_of(figure))


def test_several_negative_statements_among_positive_ones_are_marked_and_the_mark_explained_once(results):
    rows = [
        DivergingRow("I feel valued", results["valued"].table),
        DivergingRow("I feel stressed by my job", results["stressed"].table),
        DivergingRow("I feel stressed at home", results["stressed"].table),
    ]
    figure = diverging_bars("How far staff agree", rows, "Base: all who answered")
    assert times_said(figure, "agreeing is unfavourable") == 1
    labels = [" ".join(t.get_text().split()) for t in figure.axes[0].get_yticklabels()]
    assert sorted(labels) == ["I feel stressed at home *", "I feel stressed by my job *", "I feel valued"]
    assert any("* Agreeing is unfavourable for the statements marked *" in text for text in every_word_of(figure))


def test_answers_of_equal_score_are_drawn_in_the_questions_order_of_strength(demo_path, open_files):
    """Weekly and fortnightly supervision both score 100: weekly, listed first, is drawn outermost and darkest, so
    the bars read outward from zero Monthly, Fortnightly, Weekly, as the legend lists them from the outside in."""
    from swhc_desktop.outputs.charts import style
    from swhc_desktop.outputs.charts.builders import _diverging_order, _option_colours

    hc = open_files.open(demo_path, read_only=True)
    table = question_results(hc, hc.cycles.by_name("2025").id, ["supervision_frequency"])["supervision_frequency"].table
    options = table.question.options
    order = [o.code for o in _diverging_order(options)]
    assert order[-3:] == ["monthly", "fortnightly", "weekly"]
    assert order[:2] == ["never", "less_often"], "the most unfavourable outermost on the left"
    colours = _option_colours(options)
    assert colours["weekly"] == style.FAVOURABLE_STRONG and colours["weekly"] != colours["fortnightly"]
    figure = diverging_bars("Supervision", [DivergingRow("Supervision", table)], "Base: all who answered")
    right_of_zero = sorted((p for p in figure.axes[0].patches if p.get_x() >= -1e-9), key=lambda p: p.get_x())
    expected = [colours[code] for code in order[-3:] if table.row(code).count]
    from matplotlib.colors import to_hex

    assert [to_hex(p.get_facecolor()) for p in right_of_zero] == expected
