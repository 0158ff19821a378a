"""The one rule that keeps small groups hidden, called by every table, chart, export and screen that shows groups.

A group (a team, a role, a team within a role) is hidden when fewer than the minimum number of people are in it
(primary suppression), and further groups are hidden whenever the ones left on show would let a hidden group be
worked out by subtraction from a total that is shown (complementary suppression). The reasoning is done the way
someone trying to re-identify people would do it: every total that is published is an equation; any equation
with a single unknown gives that unknown away; once nothing more can be worked out, every equation whose total is
known must leave its unknown parts adding up to nothing or to at least the minimum. Where it does not, the
smallest group still on show in that equation is hidden too, and the reasoning starts again.

Everything here works on counts of people only; the tables apply the resulting hidden set to everything they
show about a group (its base, its per cents, its average, its chart bar).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Hashable, Iterable, Mapping, Sequence

ABSOLUTE_MINIMUM = 3


@dataclass(frozen=True)
class SumRule:
    """A published equation: the count of `total` is the sum of the counts of `parts`."""

    total: Hashable
    parts: tuple[Hashable, ...]


@dataclass(frozen=True)
class Protection:
    hidden: frozenset
    complete: bool  # False when no hiding could protect every group (the whole table is then hidden)


def protect(
    counts: Mapping[Hashable, int],
    rules: Sequence[SumRule],
    minimum: int,
    *,
    shown_always: Iterable[Hashable] = (),
    hidden_always: Iterable[Hashable] = (),
    never_hide: Iterable[Hashable] = (),
) -> Protection:
    """Which cells to hide so that no cell of 1 to minimum-1 people can be shown or worked out.

    `counts` holds every cell, totals included. `shown_always` cells are published whatever their size (the
    overall base of a question); `hidden_always` cells are never published (people who did not say which team);
    `never_hide` cells may not be chosen for complementary hiding (margins settled by their own table).
    """
    minimum = max(minimum, ABSOLUTE_MINIMUM)
    shown = set(shown_always)
    locked = shown | set(never_hide)
    hidden = set(hidden_always)
    hidden |= {cell for cell, count in counts.items() if 0 < count < minimum and cell not in shown}
    complete = True
    while True:
        problem = _first_problem(counts, rules, hidden, minimum)
        if problem is None:
            return Protection(frozenset(hidden), complete)
        candidates = [p for rule in problem for p in rule.parts if p not in hidden and p not in locked and counts[p] > 0]
        if candidates:
            hidden.add(min(candidates, key=lambda cell: (counts[cell], repr(cell))))
            continue
        # Nothing left to hide: only reachable when a total is itself too small to break down (a whole table of
        # 4 people); then none of its parts is shown, zeros included.
        complete = False
        newly = {p for rule in problem for p in rule.parts if p not in hidden and p not in locked}
        if not newly:
            return Protection(frozenset(hidden), complete)
        hidden |= newly


def _first_problem(counts: Mapping[Hashable, int], rules: Sequence[SumRule], hidden: set,
                   minimum: int) -> list[SumRule] | None:
    """The equations through which a small group shows, once everything that can be worked out is worked out:
    all those holding a small cell that can be worked out, or one whose hidden parts add up to a small group."""
    known = {cell for cell in counts if cell not in hidden} | worked_out(rules, [c for c in counts if c in hidden])
    for cell in counts:
        if cell in hidden and cell in known and 0 < counts[cell] < minimum:
            return [rule for rule in rules if cell in rule.parts or cell == rule.total]
    for rule in rules:
        if rule.total not in known:
            continue
        remainder = sum(counts[p] for p in rule.parts if p not in known)
        whole_line = all(p not in known for p in rule.parts if counts[p] > 0)
        if 0 < remainder < minimum and not whole_line:
            return [rule]
    return None


def worked_out(rules: Sequence[SumRule], unknown: Sequence[Hashable]) -> set:
    """The unknown cells that the published equations pin down exactly, by any combination of them (not only by
    subtracting one at a time): a cell is pinned down when every solution of the equations agrees on it."""
    import numpy

    index = {cell: i for i, cell in enumerate(unknown)}
    equations = []
    for rule in rules:
        coefficients = numpy.zeros(len(unknown))
        if rule.total in index:
            coefficients[index[rule.total]] += 1
        for part in rule.parts:
            if part in index:
                coefficients[index[part]] -= 1
        if coefficients.any():
            equations.append(coefficients)
    if not equations:
        return set()
    _, singular, basis = numpy.linalg.svd(numpy.array(equations))
    rank = int((singular > 1e-9).sum())
    free_directions = basis[rank:]
    if not len(free_directions):
        return set(unknown)
    return {cell for cell, i in index.items() if numpy.abs(free_directions[:, i]).max() < 1e-9}


# ------------------------------------------------------------------------------------- one dimension

TOTAL = "__total__"
UNSTATED = "__unstated__"


def hidden_groups(sizes: Mapping[Hashable, int], minimum: int, unstated: int = 0) -> frozenset:
    """The groups of a one-way breakdown to hide. `sizes` are the people in each group; `unstated` those counted
    in the published total who gave no group. They are never shown as a group, but their number is taken as known
    (it can often be worked out from the dimension question's own table), so it never helps hide anyone."""
    counts: dict[Hashable, int] = dict(sizes)
    counts[UNSTATED] = unstated
    counts[TOTAL] = sum(counts.values())
    protection = protect(
        counts, [SumRule(TOTAL, tuple(c for c in counts if c != TOTAL))], minimum,
        shown_always=[TOTAL, UNSTATED],
    )
    if not protection.complete:
        return frozenset(sizes)
    return frozenset(protection.hidden) - {UNSTATED}


# ------------------------------------------------------------------------------------- two dimensions


@dataclass(frozen=True)
class CrossProtection:
    """Hidden rows and columns (as in each dimension's own breakdown) and hidden cells of the cross table."""

    hidden_rows: frozenset
    hidden_columns: frozenset
    hidden_cells: frozenset

    def cell_hidden(self, row: Hashable, column: Hashable) -> bool:
        return (row, column) in self.hidden_cells


def protect_cross_table(cells: Mapping[tuple[Hashable, Hashable], int], rows: Sequence[Hashable],
                        columns: Sequence[Hashable], minimum: int) -> CrossProtection:
    """Protect a two-way table (a breakdown by one dimension within each group of another, as the explorer shows
    when a filter and a breakdown are both chosen). `cells` may hold `UNSTATED` as a row or column for people who
    gave no group. The row and column totals are hidden exactly as their own one-way breakdowns hide them.

    The same two dimensions are always worked out the same way round, so 'teams within a role' and 'roles within a
    team' hide the same cells: worked out each its own way, what one view shows could give away what the other hides.
    """
    if _order_key(columns) < _order_key(rows):
        flipped = _protect_cross_table({(c, r): n for (r, c), n in cells.items()}, columns, rows, minimum)
        return CrossProtection(flipped.hidden_columns, flipped.hidden_rows,
                               frozenset((r, c) for (c, r) in flipped.hidden_cells))
    return _protect_cross_table(cells, rows, columns, minimum)


def _order_key(groups: Sequence[Hashable]) -> list[str]:
    return sorted(repr(group) for group in groups)


def _protect_cross_table(cells: Mapping[tuple[Hashable, Hashable], int], rows: Sequence[Hashable],
                         columns: Sequence[Hashable], minimum: int) -> CrossProtection:
    all_rows = [*rows, UNSTATED]
    all_columns = [*columns, UNSTATED]
    grid = {(r, c): cells.get((r, c), 0) for r in all_rows for c in all_columns}
    row_sizes = {r: sum(grid[(r, c)] for c in all_columns) for r in all_rows}
    column_sizes = {c: sum(grid[(r, c)] for r in all_rows) for c in all_columns}
    hidden_rows = hidden_groups({r: row_sizes[r] for r in rows}, minimum, row_sizes[UNSTATED])
    hidden_columns = hidden_groups({c: column_sizes[c] for c in columns}, minimum, column_sizes[UNSTATED])

    counts: dict[Hashable, int] = {("cell", r, c): n for (r, c), n in grid.items()}
    counts.update({("row", r): n for r, n in row_sizes.items()})
    counts.update({("column", c): n for c, n in column_sizes.items()})
    counts[TOTAL] = sum(row_sizes.values())
    rules = [SumRule(TOTAL, tuple(("row", r) for r in all_rows)), SumRule(TOTAL, tuple(("column", c) for c in all_columns))]
    rules += [SumRule(("row", r), tuple(("cell", r, c) for c in all_columns)) for r in all_rows]
    rules += [SumRule(("column", c), tuple(("cell", r, c) for r in all_rows)) for c in all_columns]
    # A hidden row or column is hidden in every cell; the numbers of people who gave no group are taken as known.
    margins_hidden = {("row", r) for r in hidden_rows} | {("column", c) for c in hidden_columns}
    lines_hidden = {("cell", r, c) for (r, c) in grid if r in hidden_rows or c in hidden_columns}
    unstated_known = {("row", UNSTATED), ("column", UNSTATED)} | {
        ("cell", r, c) for (r, c) in grid if UNSTATED in (r, c) and ("cell", r, c) not in lines_hidden}
    margins = [k for k in counts if k != TOTAL and k[0] != "cell"]
    protection = protect(counts, rules, minimum, shown_always=[TOTAL, *unstated_known],
                         hidden_always=margins_hidden | lines_hidden, never_hide=margins)
    hidden_cells = {(key[1], key[2]) for key in protection.hidden if isinstance(key, tuple) and key[0] == "cell"}
    if not protection.complete:
        hidden_cells = set(grid)
    return CrossProtection(hidden_rows, hidden_columns,
                           frozenset((r, c) for (r, c) in hidden_cells if UNSTATED not in (r, c)))
