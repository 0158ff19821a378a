"""Which cycle came before which: the order the surveys ran in, by the day each survey opened (or closed, when only
that is known; or the day the cycle was made, when neither is). A cycle's name plays no part, so renaming one never
changes what it is compared with. Every place that compares a cycle with the one before it (changes since last year,
trends, actions carried over, the Standards' scores) takes the order from here."""

from __future__ import annotations

import datetime as dt

from .records import Cycle


def survey_date(cycle: Cycle) -> dt.date:
    """The day a cycle's survey counts from in the order of cycles."""
    return cycle.opens_on or cycle.closes_on or cycle.created_on or dt.date.max


def in_survey_order(cycles: list[Cycle]) -> list[Cycle]:
    """Oldest first; cycles of the same day in the order they were made."""
    return sorted(cycles, key=lambda c: (survey_date(c), c.id))


def earlier_than(cycles: list[Cycle], cycle: Cycle) -> list[Cycle]:
    """The cycles that ran before `cycle`, oldest first."""
    ordered = in_survey_order(cycles)
    position = next(i for i, c in enumerate(ordered) if c.id == cycle.id)
    return ordered[:position]


def previous_of(cycles: list[Cycle], cycle: Cycle) -> Cycle | None:
    """The cycle `cycle` is compared with: the one that ran just before it."""
    earlier = earlier_than(cycles, cycle)
    return earlier[-1] if earlier else None


def following_of(cycles: list[Cycle], cycle: Cycle) -> Cycle | None:
    ordered = in_survey_order(cycles)
    position = next(i for i, c in enumerate(ordered) if c.id == cycle.id)
    return ordered[position + 1] if position + 1 < len(ordered) else None


def comparisons_changed(before: list[Cycle], after: list[Cycle]) -> list[str]:
    """What a change to cycles' dates (or a cycle added) does to the comparisons: for each cycle of `before` compared
    with a different one after it, '2025 will be compared with 2023, not 2024' (in the names `after` gives them)."""
    said = []
    names_after = {c.id: c.name for c in after}
    for cycle in in_survey_order(after):
        was = next((c for c in before if c.id == cycle.id), None)
        if was is None:
            continue  # a cycle just added has nothing to be compared with before
        then = previous_of(before, was)
        now = previous_of(after, cycle)
        if (then and then.id) == (now and now.id):
            continue
        if now is None:
            said.append(f"{cycle.name} will have no earlier cycle to compare with, where it had {names_after[then.id]}")
            continue
        not_then = f", not {names_after[then.id]}" if then else ""
        said.append(f"{cycle.name} will be compared with {names_after[now.id]}{not_then}")
    return said
