"""A change since the last health check in words, said one way in every output: its size in the figure's own terms
(points for a per cent, the unit for an average) and direction (up or down), then, separately, whether that is better
or worse; and "no clear change" whenever it could be chance, so that a small base never reads as a rise or a fall.

"Feeling stressed: 41%, down 19 points since 2018: better" says the figure went down and that this is good; the
figure's own direction is never turned round to mean its opposite.
"""

from __future__ import annotations

from decimal import Decimal

from ..domain.rounding import figure_text, round_half_up
from .intervals import Change

NO_CLEAR_CHANGE = "no clear change"
MORE_THAN_CHANCE = "more than chance"


def change_amount(change: Change, is_percent: bool, unit: str = "", short: bool = False) -> str:
    """The size of the change as a reader works it out from the printed figures: '9 points', '1.2 cases'."""
    size = abs(
        Decimal(change.shown_difference)
        if isinstance(change.shown_difference, Decimal)
        else round_half_up(change.shown_difference, 0 if is_percent else 1)
    )
    if is_percent:
        word = "pts" if short else ("point" if size == 1 else "points")
        return f"{size:.0f} {word}"
    return f"{size:.1f}{f' {unit}' if unit else ''}"


def verdict(change: Change, higher_is_better: bool | None) -> str:
    """'better' or 'worse' for a change more than chance; '' where neither way is better (a team's size)."""
    if not change.more_than_chance or higher_is_better is None:
        return ""
    return "better" if (change.difference > 0) == higher_is_better else "worse"


def change_phrase(
    change: Change, is_percent: bool, higher_is_better: bool | None, unit: str = "", short: bool = False
) -> str:
    """'up 9 points, better' (or 'up 9 pts, better' for a narrow column), or 'no clear change'."""
    if not change.more_than_chance:
        return NO_CLEAR_CHANGE
    direction = "up" if change.difference > 0 else "down"
    judged = verdict(change, higher_is_better)
    return f"{direction} {change_amount(change, is_percent, unit, short)}" + (f", {judged}" if judged else "")


def change_range(change: Change, is_percent: bool, unit: str = "") -> str:
    """The change's 95% range in the figure's own terms: '+21 to +41 points', '-3.0 to -0.5 cases'."""
    places = 0 if is_percent else 1
    units = " points" if is_percent else f" {unit}" if unit else ""
    return f"{round_half_up(change.low, places):+.{places}f} to {round_half_up(change.high, places):+.{places}f}{units}"


def change_since(
    change: Change, is_percent: bool, higher_is_better: bool | None, previous_cycle: str, unit: str = ""
) -> str:
    """For a tile, where the figure before is printed beside it: 'Up 32 points since 2018: better' or 'No clear change
    since 2018'."""
    if not change.more_than_chance:
        return f"No clear change since {previous_cycle}"
    direction = "Up" if change.difference > 0 else "Down"
    judged = verdict(change, higher_is_better)
    return f"{direction} {change_amount(change, is_percent, unit)} since {previous_cycle}" + (
        f": {judged}" if judged else ""
    )


def change_sentence(
    change: Change | None,
    is_percent: bool,
    higher_is_better: bool | None,
    previous_cycle: str | None,
    before: float | None,
    unit: str = "",
    with_range: bool = False,
) -> str:
    """'Up 9 points since 2018 (from 52%): better, more than chance.' or 'No clear change since 2018 (52% then).'"""
    if change is None or previous_cycle is None or before is None:
        return ""
    then = figure_text(before, is_percent) + (f" {unit}" if unit and not is_percent else "")
    return _sentence(change, is_percent, higher_is_better, previous_cycle, then, unit, with_range)


def score_change_sentence(change: Change | None, previous_cycle: str | None, before: Decimal | None) -> str:
    """A Standard's score out of 100, whose change is in whole points and higher is better: 'Up 6 points since 2024
    (from 56): better, more than chance.' or 'No clear change since 2024 (56 then).'"""
    if change is None or previous_cycle is None or before is None:
        return ""
    return _sentence(change, True, True, previous_cycle, f"{before:.0f}")


def _sentence(
    change: Change,
    is_percent: bool,
    higher_is_better: bool | None,
    previous_cycle: str,
    then: str,
    unit: str = "",
    with_range: bool = False,
) -> str:
    span = f" (95% range {change_range(change, is_percent, unit)})" if with_range else ""
    if not change.more_than_chance:
        return f"No clear change since {previous_cycle} ({then} then){span}."
    direction = "Up" if change.difference > 0 else "Down"
    judged = verdict(change, higher_is_better)
    return (
        f"{direction} {change_amount(change, is_percent, unit)} since {previous_cycle} (from {then})"
        f"{': ' + judged + ',' if judged else ','} {MORE_THAN_CHANCE}{span}."
    )
