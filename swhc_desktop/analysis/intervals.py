"""How sure a per cent or an average is: Wilson intervals, and whether a change since last year is more than chance.

Every per cent the app shows carries a 95% Wilson score interval, which behaves well on the small bases a team
or a council's survey often has (the textbook 'p ± 1.96 s.e.' interval does not). A change between two years is
two independent samples: its interval is Newcombe's (built from the two Wilson intervals) and its test is the
two-proportion z-test, or Fisher's exact test when any expected count is under 5. A change is called "more than
chance" only when the test says so (p < 0.05) and its interval leaves out zero, so the words never contradict
the numbers printed beside them. Averages are compared with Welch's t-test and interval.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal
from statistics import NormalDist

from ..domain.rounding import Exact, exact_percent, exact_value, printed_figure

CONFIDENCE = 0.95
SIGNIFICANCE = 0.05
Z95 = NormalDist().inv_cdf(1 - (1 - CONFIDENCE) / 2)


@dataclass(frozen=True)
class Proportion:
    """`count` of `base` respondents, as an unrounded per cent with its 95% interval (per cents, 0-100)."""

    count: int
    base: int

    @property
    def percent(self) -> Exact | None:
        return exact_percent(self.count, self.base)

    @property
    def interval(self) -> tuple[float, float] | None:
        return wilson_interval(self.count, self.base)


def wilson_interval(count: int, base: int, z: float = Z95) -> tuple[float, float] | None:
    """The Wilson score interval for count/base, in per cents; None when the base is 0.

    The interval always holds its own per cent (worked out as Proportion.percent does): exactly 0 at 0% and 100
    at 100%, where the formula's rounding would give 1.4e-15 or 99.99999999999999, and never beyond 0-100."""
    if base <= 0:
        return None
    p = count / base
    denominator = 1 + z * z / base
    centre = (p + z * z / (2 * base)) / denominator
    half = z * math.sqrt(p * (1 - p) / base + z * z / (4 * base * base)) / denominator
    percent = 100.0 * count / base
    low = 0.0 if count <= 0 else min(percent, max(0.0, 100.0 * (centre - half)))
    high = 100.0 if count >= base else max(percent, min(100.0, 100.0 * (centre + half)))
    return (low, high)


@dataclass(frozen=True)
class Change:
    """A change between two years: the difference (percentage points, or units for an average), its 95% interval,
    the test's p-value and name, and whether the change is more than chance."""

    difference: float
    low: float
    high: float
    p_value: float
    test: str
    more_than_chance: bool
    # The two years' figures as printed (each rounded once, half up, from its exact value), so that the change said in
    # words is the difference a reader works out from them (73% and 41% read as 32 points, though 72.6 - 41.4 is 31.2).
    printed_before: Decimal | None = None
    printed_now: Decimal | None = None

    @property
    def shown_difference(self) -> Decimal | float:
        """The change as it is printed: between the printed figures where there are some."""
        if self.printed_before is not None and self.printed_now is not None:
            return self.printed_now - self.printed_before
        return self.difference

    @property
    def direction(self) -> int:
        """+1 up, -1 down, 0 when the change is not more than chance."""
        if not self.more_than_chance:
            return 0
        return 1 if self.difference > 0 else -1


def compare_proportions(now: Proportion, before: Proportion) -> Change | None:
    """The change from `before` to `now` in percentage points; None when either base is 0."""
    if not now.base or not before.base:
        return None
    interval_now, interval_before = now.interval, before.interval
    assert interval_now is not None and interval_before is not None
    p1, p2 = now.count / now.base, before.count / before.base
    l1, u1 = (v / 100 for v in interval_now)
    l2, u2 = (v / 100 for v in interval_before)
    difference = p1 - p2
    # Newcombe (1998), method 10: the hybrid score interval from the two Wilson intervals.
    low = difference - math.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2)
    high = difference + math.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2)
    p_value, test = _two_proportion_test(now.count, now.base, before.count, before.base)
    more = p_value < SIGNIFICANCE and (low > 0 or high < 0)
    before_percent, now_percent = before.percent, now.percent
    assert before_percent is not None and now_percent is not None
    return Change(
        100 * difference,
        100 * low,
        100 * high,
        p_value,
        test,
        more,
        printed_figure(before_percent, True),
        printed_figure(now_percent, True),
    )


def _two_proportion_test(c1: int, n1: int, c2: int, n2: int) -> tuple[float, str]:
    total = n1 + n2
    successes = c1 + c2
    failures = total - successes
    smallest_expected = min(n1, n2) * min(successes, failures) / total
    if smallest_expected < 5:
        return fisher_exact(c1, n1 - c1, c2, n2 - c2), "Fisher's exact test"
    pooled = successes / total
    se = math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
    if se == 0:
        return 1.0, "two-proportion z-test"
    z = (c1 / n1 - c2 / n2) / se
    return 2 * (1 - NormalDist().cdf(abs(z))), "two-proportion z-test"


def fisher_exact(a: int, b: int, c: int, d: int) -> float:
    """Two-sided p-value of Fisher's exact test on the table [[a, b], [c, d]]: the probability of every table
    with the same margins that is no more likely than the one seen."""
    row1, col1, total = a + b, a + c, a + b + c + d

    def log_probability(x: int) -> float:
        return _log_comb(col1, x) + _log_comb(total - col1, row1 - x) - _log_comb(total, row1)

    observed = log_probability(a)
    low, high = max(0, row1 - (total - col1)), min(row1, col1)
    p = sum(math.exp(lp) for lp in (log_probability(x) for x in range(low, high + 1)) if lp <= observed + 1e-7)
    return min(1.0, p)


def _log_comb(n: int, k: int) -> float:
    return math.lgamma(n + 1) - math.lgamma(k + 1) - math.lgamma(n - k + 1)


@dataclass(frozen=True)
class MeanSample:
    """What comparing averages needs: how many, their mean and their variance (n - 1 denominator)."""

    n: int
    mean: float  # an `Exact` where it comes from the answers, so that it is printed from its exact value
    variance: float


def mean_interval(sample: MeanSample) -> tuple[float, float] | None:
    """95% interval for a mean (Student's t); None with fewer than two values."""
    if sample.n < 2:
        return None
    half = t_quantile(1 - (1 - CONFIDENCE) / 2, sample.n - 1) * math.sqrt(sample.variance / sample.n)
    return (sample.mean - half, sample.mean + half)


def compare_means(now: MeanSample, before: MeanSample) -> Change | None:
    """Welch's t-test and interval for the change in an average; None with fewer than two values in either year."""
    if now.n < 2 or before.n < 2:
        return None
    v1, v2 = now.variance / now.n, before.variance / before.n
    difference = float(exact_value(now.mean) - exact_value(before.mean))
    printed = (printed_figure(before.mean, False), printed_figure(now.mean, False))
    if v1 + v2 == 0:
        same = difference == 0
        return Change(difference, difference, difference, 1.0 if same else 0.0, "Welch's t-test", not same, *printed)
    se = math.sqrt(v1 + v2)
    df = (v1 + v2) ** 2 / (v1 * v1 / (now.n - 1) + v2 * v2 / (before.n - 1))
    t = difference / se
    p_value = 2 * (1 - t_cdf(abs(t), df))
    half = t_quantile(1 - (1 - CONFIDENCE) / 2, df) * se
    low, high = difference - half, difference + half
    return Change(
        difference, low, high, p_value, "Welch's t-test", p_value < SIGNIFICANCE and (low > 0 or high < 0), *printed
    )


def t_cdf(t: float, df: float) -> float:
    """Student's t distribution function, through the regularised incomplete beta function."""
    x = df / (df + t * t)
    tail = 0.5 * _incomplete_beta(df / 2, 0.5, x)
    return 1 - tail if t >= 0 else tail


def t_quantile(probability: float, df: float) -> float:
    """The t value below which `probability` of the distribution lies (bisection: plenty fast for a few calls).

    The bisection stops once the middle is one of its ends: no float lies between them, so every further step would
    leave them as they are (the one found is exactly the one 200 steps give), and the dashboard works out hundreds of
    these for its groups' changes in score."""
    low, high = -1e3, 1e3
    for _ in range(200):
        middle = (low + high) / 2
        if middle in (low, high):
            return middle
        if t_cdf(middle, df) < probability:
            low = middle
        else:
            high = middle
    return (low + high) / 2


def _incomplete_beta(a: float, b: float, x: float) -> float:
    if x <= 0:
        return 0.0
    if x >= 1:
        return 1.0
    front = math.exp(math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log(1 - x))
    if x < (a + 1) / (a + b + 2):
        return front * _beta_fraction(a, b, x) / a
    return 1 - front * _beta_fraction(b, a, 1 - x) / b


def _beta_fraction(a: float, b: float, x: float) -> float:
    """Lentz's continued fraction for the incomplete beta function."""
    tiny = 1e-300
    c, d = 1.0, 1 - (a + b) * x / (a + 1)
    d = 1 / (d if abs(d) > tiny else tiny)
    result = d
    for m in range(1, 300):
        for numerator in (
            m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m)),
            -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1)),
        ):
            d = 1 + numerator * d
            d = 1 / (d if abs(d) > tiny else tiny)
            c = 1 + numerator / c
            c = c if abs(c) > tiny else tiny
            result *= d * c
        if abs(d * c - 1) < 1e-12:
            break
    return result
