"""One rounding for every printed figure: exact values (fractions of whole counts, the decimals people typed), rounded
once, half up; and a change said as the difference of the figures printed beside it."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from swhc_desktop.analysis.intervals import Proportion, compare_means, compare_proportions
from swhc_desktop.analysis.numbers import bands_from_starts, summarise_numbers
from swhc_desktop.domain.rounding import Exact, number_text, p_value_text, percent_text, round_half_up

counts_and_bases = st.integers(1, 5000).flatmap(lambda base: st.tuples(st.integers(0, base), st.just(base)))


def half_up(numerator: int, denominator: int, places: int = 0) -> Decimal:
    """Independently of the code under test: long division in Decimal with ample precision, then ROUND_HALF_UP."""
    from decimal import localcontext

    with localcontext() as context:
        context.prec = 60
        value = Decimal(numerator) / Decimal(denominator)
        return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def test_the_audits_pairs_round_half_up_from_the_exact_value():
    # 69/120 is 57.5% exactly, which a float holds as 57.49999999999999: printed 58%, never 57%.
    for count, base, printed in [
        (69, 120, "58%"),
        (11, 40, "28%"),
        (23, 40, "58%"),
        (22, 80, "28%"),
        (46, 80, "58%"),
        (7, 200, "4%"),
        (29, 200, "15%"),
        (55, 200, "28%"),
        (109, 200, "55%"),
        (25, 40, "63%"),
        (75, 120, "63%"),
        (149, 200, "75%"),
        (129, 200, "65%"),
        (97, 200, "49%"),
    ]:
        assert percent_text(Proportion(count, base).percent) == printed, (count, base)
    assert number_text(Exact(Fraction(294, 24))) == "12.3"  # an average caseload of 12.25
    assert round_half_up(Fraction(-5, 4), 1) == Decimal("-1.3")


@given(counts_and_bases)
def test_every_per_cent_prints_as_its_exact_value_rounded_half_up(pair):
    count, base = pair
    assert percent_text(Proportion(count, base).percent) == f"{half_up(100 * count, base)}%"


@given(counts_and_bases, counts_and_bases)
def test_a_change_in_per_cents_is_the_difference_of_the_per_cents_printed(now, before):
    change = compare_proportions(Proportion(*now), Proportion(*before))
    printed_now, printed_before = half_up(100 * now[0], now[1]), half_up(100 * before[0], before[1])
    assert change.shown_difference == printed_now - printed_before


@given(
    st.lists(st.integers(0, 1200).map(lambda tenths: tenths / 10), min_size=2, max_size=60),
    st.lists(st.integers(0, 1200).map(lambda tenths: tenths / 10), min_size=2, max_size=60),
)
def test_averages_and_their_change_print_from_the_decimals_people_typed(now_values, before_values):
    now, before = summarise_numbers(now_values, ()), summarise_numbers(before_values, ())
    exact_now = sum(round(v * 10) for v in now_values)
    exact_before = sum(round(v * 10) for v in before_values)
    assert number_text(now.mean) == str(half_up(exact_now, 10 * len(now_values), 1))
    change = compare_means(now.sample, before.sample)
    if change is not None:
        assert change.shown_difference == (
            half_up(exact_now, 10 * len(now_values), 1) - half_up(exact_before, 10 * len(before_values), 1)
        )


def test_p_values_never_print_as_zero():
    assert p_value_text(1e-9) == "< 0.0001" and p_value_text(0.00005) == "< 0.0001"
    assert p_value_text(0.0001) == "0.0001" and p_value_text(0.04999) == "0.0500" and p_value_text(1.0) == "1.0000"


def test_band_labels_say_exactly_what_each_band_holds():
    bands = bands_from_starts((38, 43, 48))
    assert [b.label for b in bands] == ["Under 38", "38 to under 43", "43 to under 48", "48 or more"]
    summary = summarise_numbers([37, 37.5, 38, 42.5, 43, 47.9, 48, 60], bands)
    assert [b.count for b in summary.bands] == [2, 2, 2, 2]
    for band in bands:  # the label and the rule are one definition: 37.5 is 'under 38'
        assert band.holds(37.5) == (band.label == "Under 38")


def test_a_number_questions_spread_is_printed_by_the_one_rule_however_the_quartiles_fall():
    """Quartiles fall between answers (7.75 here): printed rounded once, half up, like the average, never as 7.75."""
    from swhc_desktop.analysis.numbers import summarise_numbers

    summary = summarise_numbers([1, 7, 8, 8, 9, 13, 13, 30], ())
    assert summary.lower_quartile == 7.75
    assert summary.spread_text(" cases") == "Average 11.1 cases; median 8.5; middle half 7.8 to 13.0"
    assert summary.spread_text(separator=", ") == "Average 11.1, median 8.5, middle half 7.8 to 13.0"
