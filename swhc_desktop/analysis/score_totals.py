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
    chosen: Mapping[tuple[int, int | None], numpy.ndarray] | None = None,
) -> TotalCounts:
    """`points` maps each scored option's id to its question, category and whole points; an option not in it scores
    nothing. A follow-up in `applicable` is scored only where the respondent chose one of its triggers. `chosen`: the
    respondents of every option concerned, where the caller has read them (`AnswerQueries.respondents_by_option`).

    The respondents of every option concerned are read once, and each respondent's totals are added up in arrays
    indexed by respondent; each category's (total, answers) pairs are numbered, and everyone's counts are one count of
    those numbers, every group's of a breakdown question one count of (group, number) over its answers."""
    parents = {applicable[o.question_id][0] for o in points.values() if o.question_id in applicable}
    if chosen is None:
        needed = {o.question_id for o in points.values()} | parents | set(dimension_ids)
        chosen = hc.answers.respondents_by_option(needed)
    people = _Respondents(chosen.values())
    scored = _category_totals(people, chosen, points, applicable)
    groups = {d: _group_answers(people, chosen, d) for d in dimension_ids}
    everyone: dict[int, Totals] = {}
    by_group: dict[int, dict[int | None, dict[int, Totals]]] = {d: {} for d in dimension_ids}
    for category, (totals, answered) in scored.items():
        has = answered > 0
        pairs, which = _distinct_pairs(totals[has], answered[has])
        everyone[category] = _counted(pairs, which)
        numbered = numpy.full(people.size, -1, dtype=numpy.int64)  # each respondent's pair; -1: nothing scored
        numbered[has] = which
        for dimension_id, answers in groups.items():
            for option_id, counted in answers.counted(pairs, numbered).items():
                by_group[dimension_id].setdefault(option_id, {})[category] = counted
    return TotalCounts(everyone, by_group)


class _Respondents:
    """The respondents met in the answers read, as positions in arrays: by id, the lowest first; or, where the ids are
    spread far apart (a file whose ids jump), by their rank, so that no array is longer than the answers read."""

    def __init__(self, chosen: Iterable[numpy.ndarray]):
        found = [ids for ids in chosen if len(ids)]
        self.lowest = min((int(ids.min()) for ids in found), default=0)
        span = max((int(ids.max()) for ids in found), default=-1) - self.lowest + 1
        spread = span > 4 * sum(len(ids) for ids in found) + 1024
        self.ranked = numpy.unique(numpy.concatenate(found)) if spread else None
        self.size = len(self.ranked) if self.ranked is not None else span

    def position(self, ids: numpy.ndarray) -> numpy.ndarray:
        """Each respondent's position (every id given is one of those met)."""
        return numpy.searchsorted(self.ranked, ids) if self.ranked is not None else ids - self.lowest

    def tally(self, ids: numpy.ndarray) -> numpy.ndarray:
        """How many times each respondent is in `ids`."""
        return numpy.bincount(self.position(ids), minlength=self.size)

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

    # Every scored answer of each category, as (respondent's position, points), those of follow-ups that did not
    # apply left out.
    scoring: dict[int, list[tuple[numpy.ndarray, int]]] = {}
    for option_id, option in points.items():
        ids = chosen.get((option.question_id, option_id))
        if ids is None:
            continue
        positions = people.position(ids)
        if option.question_id in applies:
            positions = positions[applies[option.question_id][positions]]
        scoring.setdefault(option.category, []).append((positions, option.points))
    answered = {
        category: numpy.bincount(numpy.concatenate([p for p, _ in given]), minlength=people.size)
        for category, given in scoring.items()
    }
    # Whole points add up exactly in 64-bit integers unless they are vast (a score with many decimal places makes
    # the scale large); then Python's own integers do it, slowly but exactly.
    most = max((abs(o.points) for o in points.values()), default=0)
    answers = max((int(a.max()) for a in answered.values()), default=0)
    exact = numpy.int64 if most * answers * (answers + 1) < _LARGEST_EXACT else object
    totals: dict[int, numpy.ndarray] = {}
    for category, given in scoring.items():
        totals[category] = numpy.zeros(people.size, dtype=exact)
        numpy.add.at(
            totals[category],
            numpy.concatenate([p for p, _ in given]),
            numpy.concatenate([numpy.full(len(p), worth, dtype=exact) for p, worth in given]),
        )
    return {category: (totals[category], answered[category]) for category in answered}


@dataclass(frozen=True)
class _GroupAnswers:
    """A breakdown question's answers, one entry for each answer stored: its respondent's position and its group's
    number (`options` by number; None for answers with no option), and one entry of None for each respondent who did
    not answer the question at all (as a join leaves them)."""

    options: tuple[int | None, ...]
    positions: numpy.ndarray
    groups: numpy.ndarray

    def counted(self, pairs: list[tuple[int, int]], numbered: numpy.ndarray) -> dict[int | None, Totals]:
        """Each group's respondents by their pair (`numbered`: each respondent's pair's number, -1 for none), each
        respondent as often as they are in the group; groups with nobody left out."""
        which = numbered[self.positions]
        has = which >= 0
        cells = numpy.bincount(
            self.groups[has] * len(pairs) + which[has], minlength=len(self.options) * len(pairs)
        ).reshape(len(self.options), len(pairs))
        found = {}
        for number in numpy.flatnonzero(cells.any(axis=1)).tolist():
            row = cells[number]
            found[self.options[number]] = {pairs[i]: int(row[i]) for i in numpy.flatnonzero(row).tolist()}
        return found


def _group_answers(
    people: _Respondents, chosen: Mapping[tuple[int, int | None], numpy.ndarray], dimension_id: int
) -> _GroupAnswers:
    options = (None, *sorted(o for q, o in chosen if q == dimension_id and o is not None))
    number = {option: n for n, option in enumerate(options)}
    given = [(people.position(ids), number[o]) for (q, o), ids in chosen.items() if q == dimension_id]
    empty = numpy.zeros(0, dtype=numpy.int64)
    answering = numpy.concatenate([empty, *(positions for positions, _ in given)])
    nothing = numpy.flatnonzero(numpy.bincount(answering, minlength=people.size) == 0)
    positions = numpy.concatenate([answering, nothing])
    groups = numpy.concatenate([empty, *(numpy.full(len(p), n, dtype=numpy.int64) for p, n in given), 0 * nothing])
    return _GroupAnswers(options, positions, groups)


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
