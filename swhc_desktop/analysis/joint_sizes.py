"""The people of a cycle counted by their answers to every breakdown question together (the disclosure plan's group
sizes), worked out in arrays indexed by respondent from each breakdown question's respondents, read once."""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property

import numpy

_LARGEST_KEY = 2**62  # a combination of groups numbered below this fits one 64-bit integer


class _Joint(Mapping):
    """People by their option ids for the breakdown questions, made into a dictionary only when first looked at (a
    pair of breakdown questions, a cell): the dashboard needs only each question's groups alone, and at 100,000
    responses there are nearly as many combinations as people."""

    def __init__(self, keys: numpy.ndarray, counts: numpy.ndarray, options: Sequence[tuple[int | None, ...]]):
        self._keys, self._counts, self._options = keys, counts, options

    @cached_property
    def _made(self) -> dict[tuple, int]:
        decoded = [numpy.array(o, dtype=object)[self._keys[:, i]].tolist() for i, o in enumerate(self._options)]
        return dict(zip(zip(*decoded), self._counts.tolist()))

    def __getitem__(self, key: tuple) -> int:
        return self._made[key]

    def __iter__(self) -> Iterator[tuple]:
        return iter(self._made)

    def __len__(self) -> int:
        return len(self._counts)


@dataclass(frozen=True)
class JointSizes:
    """`joint`: people by their option ids for the breakdown questions, in order (None: no option), as a join of each
    question's answers counted DISTINCT would count them, in the order its GROUP BY gives them (None first, then by
    option id; the tests check it against that query, `tests/support/sql_counts.py`);
    `alone`: for each question, the same people by their answer to it alone, each answer in the order it first
    appears in `joint`."""

    joint: Mapping[tuple, int]
    alone: list[dict]


@dataclass(frozen=True)
class _Column:
    """One breakdown question's answers: each respondent's group code (0: no option), its options by code, and the
    codes of the respondents who gave it more than one distinct answer."""

    codes: numpy.ndarray
    options: tuple[int | None, ...]
    several: dict[int, list[int]]


def joint_sizes(
    respondents: numpy.ndarray, chosen: Mapping[tuple[int, int | None], numpy.ndarray], dimension_ids: Sequence[int]
) -> JointSizes:
    """`respondents`: the cycle's respondent ids, smallest first; `chosen`: for each (question id, option id) the
    respondents who chose it (as `AnswerQueries.respondents_by_option` reads them), those of the breakdown questions
    among them. A respondent counts once in each combination of their distinct answers (a join of each breakdown
    question's answers, counted DISTINCT), and with None for a question they gave no option."""
    if not len(respondents) or not dimension_ids:
        return JointSizes({}, [{} for _ in dimension_ids])
    position_of = _Positions(respondents)
    columns = [_column(position_of, len(respondents), chosen, d) for d in dimension_ids]
    widths = [len(c.options) for c in columns]
    several = sorted(set().union(*(c.several for c in columns)))
    plain = numpy.ones(len(respondents), dtype=bool)
    plain[several] = False
    rows = numpy.stack([c.codes[plain] for c in columns], axis=1)
    extra = [
        combination
        for position in several
        for combination in itertools.product(*(c.several.get(position, [int(c.codes[position])]) for c in columns))
    ]
    if extra:
        rows = numpy.concatenate([rows, numpy.array(extra, dtype=numpy.int64).reshape(-1, len(columns))])
    keys, counts = _distinct_rows(rows, widths)
    joint = _Joint(keys, counts, [c.options for c in columns])
    return JointSizes(joint, [_alone(keys[:, i], counts, c.options) for i, c in enumerate(columns)])


class _Positions:
    """Each respondent's position among the cycle's respondents: looked up in a table indexed by id, or, where the ids
    are spread far apart (a file whose ids jump), found by halving."""

    def __init__(self, respondents: numpy.ndarray):
        self.respondents = respondents
        self.lowest = int(respondents[0])
        span = int(respondents[-1]) - self.lowest + 1
        self.table = None
        if span <= 4 * len(respondents) + 1024:
            self.table = numpy.full(span, -1, dtype=numpy.int64)
            self.table[respondents - self.lowest] = numpy.arange(len(respondents))

    def __call__(self, ids: numpy.ndarray) -> numpy.ndarray:
        """The positions of these ids, -1 for any not of the cycle (an answer of another cycle's respondent)."""
        if self.table is None:
            found = numpy.minimum(numpy.searchsorted(self.respondents, ids), len(self.respondents) - 1)
            return numpy.where(self.respondents[found] == ids, found, -1)
        offsets = ids - self.lowest
        inside = (offsets >= 0) & (offsets < len(self.table))
        positions = numpy.full(len(ids), -1, dtype=numpy.int64)
        positions[inside] = self.table[offsets[inside]]
        return positions


def _column(
    position_of: _Positions, size: int, chosen: Mapping[tuple[int, int | None], numpy.ndarray], dimension_id: int
) -> _Column:
    options = (None, *sorted(o for q, o in chosen if q == dimension_id and o is not None))
    code_of = {option: code for code, option in enumerate(options)}
    width = len(options)
    pairs = [numpy.zeros(0, dtype=numpy.int64)]
    for (question_id, option_id), ids in chosen.items():
        if question_id != dimension_id or not len(ids):
            continue
        positions = position_of(ids)
        pairs.append(positions[positions >= 0] * width + code_of[option_id])
    distinct, _ = _distinct(numpy.concatenate(pairs))  # each respondent's distinct answers, respondent by respondent
    positions, codes = numpy.divmod(distinct, width)
    column = numpy.zeros(size, dtype=numpy.int64)
    column[positions] = codes
    repeated = positions[1:] == positions[:-1]
    several: dict[int, list[int]] = {}
    for position in sorted(set(positions[1:][repeated].tolist())):
        several[position] = codes[positions == position].tolist()
    return _Column(column, options, several)


def _distinct_rows(rows: numpy.ndarray, widths: Sequence[int]) -> tuple[numpy.ndarray, numpy.ndarray]:
    """The distinct rows of codes in order (by the first column, then the next…), and how many of each."""
    if math.prod(widths) < _LARGEST_KEY:  # each row one number, in the same order
        strides = [math.prod(widths[i + 1 :]) for i in range(len(widths))]
        numbers = rows @ numpy.array(strides, dtype=numpy.int64)
        distinct, counts = _distinct(numbers)
        return numpy.stack([(distinct // s) % w for s, w in zip(strides, widths)], axis=1), counts
    ordered = rows[numpy.lexsort(rows.T[::-1])]
    starts = numpy.flatnonzero(numpy.r_[True, (ordered[1:] != ordered[:-1]).any(axis=1)])
    return ordered[starts], numpy.diff(numpy.r_[starts, len(ordered)])


def _distinct(values: numpy.ndarray) -> tuple[numpy.ndarray, numpy.ndarray]:
    """The distinct values, smallest first, and how many of each (sorted, rather than numpy.unique's hashing, which
    is several times slower on a hundred thousand values)."""
    ordered = numpy.sort(values)
    starts = numpy.flatnonzero(numpy.r_[len(ordered) > 0, ordered[1:] != ordered[:-1]])
    return ordered[starts], numpy.diff(numpy.r_[starts, len(ordered)])


def _alone(codes: numpy.ndarray, counts: numpy.ndarray, options: Sequence[int | None]) -> dict:
    """People by one question's answer, each answer in the order it first appears among the joint counts."""
    sums = numpy.zeros(len(options), dtype=numpy.int64)
    numpy.add.at(sums, codes, counts)
    first = numpy.full(len(options), len(codes), dtype=numpy.int64)
    numpy.minimum.at(first, codes, numpy.arange(len(codes)))
    present = [code for code in numpy.argsort(first, kind="stable").tolist() if first[code] < len(codes)]
    return {options[code]: int(sums[code]) for code in present}
