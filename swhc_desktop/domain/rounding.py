"""How every figure is printed: from its exact value (a fraction of whole counts, or the decimals people typed),
rounded once, half up, so that every screen, table, chart and document shows the same figure for the same value.

A float cannot hold most such values: 100 × 69/120 is exactly 57.5, which a float holds as 57.49999999999999 and
Python would print as 57%. So figures carry their exact value (`Exact`) from where they are counted to where they
are printed, and the functions here print only from it.
"""

from __future__ import annotations

import math
from decimal import Decimal
from fractions import Fraction

NO_FIGURE = "–"


class Exact(float):
    """A figure that is a float (for charts, tests of chance and any arithmetic) and keeps its exact value for
    printing. Arithmetic on it gives a plain float: only the figure itself is exact."""

    exact: Fraction

    def __new__(cls, value: Fraction | int) -> "Exact":
        figure = super().__new__(cls, value)
        figure.exact = Fraction(value)
        return figure

    def __reduce__(self):  # pickled (or copied) with its exact value
        return (Exact, (self.exact,))


def exact_percent(count: int, base: int) -> Exact | None:
    """`count` of `base` as a per cent, exactly; None when the base is 0."""
    return Exact(Fraction(100 * count, base)) if base else None


def exact_value(value: Fraction | Decimal | int | float) -> Fraction:
    """The exact value of a figure: an `Exact`'s own; a number stored in the file (hours, cases: a float) as the
    decimal it was typed as (37.5, not the float's binary neighbour)."""
    if isinstance(value, Exact):
        return value.exact
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"{value} is not a figure")
        return Fraction(Decimal(repr(value)))
    return Fraction(value)


def exact_mean(values: list[float]) -> Exact | None:
    """The mean of numbers people gave, exactly."""
    if not values:
        return None
    return Exact(sum((exact_value(v) for v in values), Fraction(0)) / len(values))


def round_half_up(value: Fraction | Decimal | int | float, places: int = 0) -> Decimal:
    """A figure rounded once, half away from zero, from its exact value: 57.5 is 58, 12.25 is 12.3, -1.25 is -1.3."""
    scaled = exact_value(value) * 10**places
    magnitude = math.floor(abs(scaled) + Fraction(1, 2))
    rounded = Decimal(-magnitude if scaled < 0 else magnitude).scaleb(-places)
    return rounded + 0  # no negative zero


def percent_text(value: Fraction | Decimal | int | float | None) -> str:
    """A per cent as printed: '58%'; a dash when there is none."""
    return NO_FIGURE if value is None else f"{round_half_up(value)}%"


def number_text(value: Fraction | Decimal | int | float | None, places: int = 1) -> str:
    """A number as printed: one decimal place by default ('12.3'); a dash when there is none."""
    return NO_FIGURE if value is None else f"{round_half_up(value, places):.{places}f}"


def figure_text(value: Fraction | Decimal | int | float | None, is_percent: bool) -> str:
    """A per cent as a whole number with '%', anything else to one decimal place."""
    return percent_text(value) if is_percent else number_text(value)


def printed_figure(value: Fraction | Decimal | int | float, is_percent: bool) -> Decimal:
    """The figure a reader sees, as a number: what red, amber and green and every change in words are judged on."""
    return round_half_up(value, 0 if is_percent else 1)


def p_value_text(p_value: float) -> str:
    """A test's p-value as printed: four decimal places, or '< 0.0001' (never a misleading '0.0')."""
    return "< 0.0001" if p_value < 0.0001 else f"{round_half_up(p_value, 4):.4f}"


def p_value_phrase(p_value: float) -> str:
    """'p = 0.0123', or 'p < 0.0001'."""
    text = p_value_text(p_value)
    return f"p {text}" if text.startswith("<") else f"p = {text}"
