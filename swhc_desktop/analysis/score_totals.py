"""Each respondent's scored answers added up a category (a Standard) at a time, and the respondents counted by their
(total points, answers scored), for everyone and for each group of the breakdown questions, from one read of the
answers."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy

from ..storage import HealthCheckFile, ScoredOption
from ..storage.answer_queries import Applicability

# A category's respondents counted by (sum of their answers' points, number of answers scored).
Totals = dict[tuple[int, int], int]

_LARGEST_EXACT = 2**62  # below this, whole numbers add up exactly in numpy's 64-bit integers


@dataclass(frozen=True)
class TotalCounts:
    """For each category, how many respondents had each (total, answers scored): of everyone, and of each group of
    each breakdown question (by the question's id, then its option's id; None for those who gave it no option). A
    respondent who gave a breakdown question several answers is in a group for each, as often as they gave it."""

    everyone: dict[int, Totals]
    by_group: dict[int, dict[int | None, dict[int, Totals]]]


def total_counts(
    hc: HealthCheckFile,
    points: Mapping[int, ScoredOption],
    applicable: Applicability,
    dimension_ids: Sequence[int] = (),
) -> TotalCounts:
    """`points` maps each scored option's id to its question, category and whole points; an option not in it scores
    nothing. A follow-up in `applicable` is scored only where the respondent chose one of its triggers.

    The respondents of every option concerned are read once, and each respondent's totals are added up in arrays
    indexed by respondent: everyone's counts and every group's come from the same totals."""
    parents = {applicable[o.question_id][0] for o in points.values() if o.question_id in applicable}
    chosen = hc.answers.respondents_by_option({o.question_id for o in points.values()} | parents | set(dimension_ids))
    people = _Respondents(chosen.values())
    scored = _category_totals(people, chosen, points, applicable)
    groups = {d: _group_weights(people, chosen, d) for d in dimension_ids}
    everyone: dict[int, Totals] = {}
    by_group: dict[int, dict[int | None, dict[int, Totals]]] = {d: {} for d in dimension_ids}
    for category, (totals, answered) in scored.items():
        has = answered > 0
        pairs, which = _distinct_pairs(totals[has], answered[has])
        everyone[category] = _counted(pairs, which)
        for dimension_id, weights in groups.items():
            for option_id, times in weights.items():
                counted = _counted(pairs, numpy.repeat(which, times[has]))
                if counted:
                    by_group[dimension_id].setdefault(option_id, {})[category] = counted
    return TotalCounts(everyone, by_group)


class _Respondents:
    """The respondents met in the answers read, as positions in arrays (the lowest id first)."""

    def __init__(self, chosen: Iterable[numpy.ndarray]):
        found = [ids for ids in chosen if len(ids)]
        self.lowest = min((int(ids.min()) for ids in found), default=0)
        self.size = max((int(ids.max()) for ids in found), default=-1) - self.lowest + 1

    def tally(self, ids: numpy.ndarray) -> numpy.ndarray:
        """How many times each respondent is in `ids`."""
        return numpy.bincount(ids - self.lowest, minlength=self.size)

    def nobody(self) -> numpy.ndarray:
        return numpy.zeros(self.size, dtype=numpy.int64)


def _category_totals(
    people: _Respondents,
    chosen: Mapping[tuple[int, int | None], numpy.ndarray],
    points: Mapping[int, ScoredOption],
    applicable: Applicability,
) -> dict[int, tuple[numpy.ndarray, numpy.ndarray]]:
    """For each category, each respondent's total points and number of answers scored."""
    applies = {}
    for question_id in {o.question_id for o in points.values()} & set(applicable):
        parent_id, triggers = applicable[question_id]
        triggered = people.nobody()
        for option_id in triggers:
            if (parent_id, option_id) in chosen:
                triggered += people.tally(chosen[(parent_id, option_id)])
        applies[question_id] = triggered > 0

    def times_chosen(option_id: int, option: ScoredOption) -> numpy.ndarray | None:
        ids = chosen.get((option.question_id, option_id))
        if ids is None:
            return None
        times = people.tally(ids)
        return times * applies[option.question_id] if option.question_id in applies else times

    answered: dict[int, numpy.ndarray] = {}
    for option_id, option in points.items():
        times = times_chosen(option_id, option)
        if times is not None:
            answered[option.category] = answered.get(option.category, people.nobody()) + times
    # Whole points add up exactly in 64-bit integers unless they are vast (a score with many decimal places makes
    # the scale large); then Python's own integers do it, slowly but exactly.
    most = max((abs(o.points) for o in points.values()), default=0)
    answers = max((int(a.max()) for a in answered.values()), default=0)
    exact = numpy.int64 if most * answers * (answers + 1) < _LARGEST_EXACT else object
    totals: dict[int, numpy.ndarray] = {}
    for option_id, option in points.items():
        times = times_chosen(option_id, option)
        if times is not None:
            added = times.astype(exact) * option.points
            totals[option.category] = totals[option.category] + added if option.category in totals else added
    return {category: (totals[category], answered[category]) for category in answered}


def _group_weights(
    people: _Respondents, chosen: Mapping[tuple[int, int | None], numpy.ndarray], dimension_id: int
) -> dict[int | None, numpy.ndarray]:
    """For each option of a breakdown question, how many times each respondent gave it; None: their answers with no
    option, and once for each respondent who did not answer the question at all (as a join leaves them)."""
    weights = {o: people.tally(ids) for (q, o), ids in chosen.items() if q == dimension_id}
    answers = sum(weights.values(), people.nobody())
    weights[None] = weights.get(None, people.nobody()) + (answers == 0)
    return weights


def _distinct_pairs(totals: numpy.ndarray, answered: numpy.ndarray) -> tuple[list[tuple[int, int]], numpy.ndarray]:
    """The distinct (total, answers) pairs, and for each respondent which of them is theirs."""
    if not len(answered):
        return [], numpy.zeros(0, dtype=numpy.int64)
    spread = int(answered.max()) + 1
    keys = totals * spread + answered  # one number per pair: answers are always fewer than `spread`
    distinct, which = numpy.unique(keys, return_inverse=True)
    return [divmod(int(key), spread) for key in distinct], which.reshape(-1)


def _counted(pairs: list[tuple[int, int]], which: numpy.ndarray) -> Totals:
    counts = numpy.bincount(which, minlength=len(pairs))
    return {pair: int(n) for pair, n in zip(pairs, counts) if n}
