"""Small groups stay hidden: property tests that play the part of someone trying to work a small group out.

The attacker here is written independently of `suppression` (exact fractions, not the library's own reasoning):
it takes everything published (the overall total, each dimension's breakdown, and the breakdown within every
group of another dimension), adds the number of people who gave no group as if it were known, and solves the
published equations every way it can. No group of 1 to minimum-1 people may be pinned down, nor may any published
total leave its hidden parts adding up to such a group.
"""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from swhc_desktop.analysis.breakdowns import GroupFilter, breakdown
from swhc_desktop.analysis.suppression import UNSTATED, hidden_groups, protect_cross_table
from swhc_desktop.storage import HealthCheckFile

# Group sizes as a council's survey has them: many tiny groups and empty ones, some large.
sizes = st.one_of(st.integers(0, 4), st.integers(0, 12), st.integers(0, 60))
minimums = st.integers(3, 10)


def pinned_down(equations: list[tuple[dict, int]], unknown: list) -> set:
    """Unknowns fixed by the equations (each a {cell: coefficient} with a known right-hand side), by exact
    Gauss-Jordan elimination: a pivot whose row has no free unknown left in it is determined."""
    index = {cell: i for i, cell in enumerate(unknown)}
    matrix = []
    for coefficients, value in equations:
        row = [Fraction(0)] * (len(unknown) + 1)
        for cell, coefficient in coefficients.items():
            row[index[cell]] += coefficient
        row[-1] = Fraction(value)
        if any(row[:-1]):
            matrix.append(row)
    pivots = []
    rank = 0
    for column in range(len(unknown)):
        pivot = next((r for r in range(rank, len(matrix)) if matrix[r][column] != 0), None)
        if pivot is None:
            continue
        matrix[rank], matrix[pivot] = matrix[pivot], matrix[rank]
        lead = matrix[rank][column]
        matrix[rank] = [v / lead for v in matrix[rank]]
        for r in range(len(matrix)):
            if r != rank and matrix[r][column] != 0:
                factor = matrix[r][column]
                matrix[r] = [a - factor * b for a, b in zip(matrix[r], matrix[rank])]
        pivots.append(column)
        rank += 1
    free = set(range(len(unknown))) - set(pivots)
    return {unknown[column] for r, column in enumerate(pivots) if all(matrix[r][f] == 0 for f in free)}


def audit(counts: dict, equations: list[tuple[object, list]], published: set, minimum: int, grand_total) -> list[str]:
    """What the attacker learns that it should not: returns a description of each breach. A line so small that
    its groups together hold fewer than the minimum cannot be broken down at all, and hiding every group of it is
    all that can be done: learning that line's total is not a breach."""

    def everyone(parts: list) -> int:
        return sum(counts[p] for p in parts if UNSTATED not in _flat(p))

    unknown = [cell for cell in counts if cell not in published]
    known_values = {cell: counts[cell] for cell in published}
    system = []
    for total, parts in equations:
        coefficients: dict = {}
        value = 0
        for cell, sign in [(total, 1), *[(p, -1) for p in parts]]:
            if cell in known_values:
                value -= sign * known_values[cell]
            else:
                coefficients[cell] = coefficients.get(cell, 0) + sign
        system.append((coefficients, value))
    known = set(published) | pinned_down(system, unknown)
    breaches = [f"{cell} = {counts[cell]} can be worked out" for cell in unknown
                if cell in known and 0 < counts[cell] < minimum
                and not any(cell in parts and counts[cell] == everyone(parts) for _, parts in equations)]
    for total, parts in equations:
        # People who gave no group are never shown as a group: their number helps the attacker solve for
        # counts, but no answers of theirs are published to subtract from.
        if total not in known or UNSTATED in _flat(total):
            continue
        remainder = sum(counts[p] for p in parts if p not in known)
        whole = all(p not in known for p in parts if counts[p] > 0)
        if 0 < remainder < minimum and not whole and remainder != everyone(parts):
            breaches.append(f"the hidden parts of {total} add up to {remainder}")
    breaches += [f"{cell} = {counts[cell]} is shown" for cell in published
                 if 0 < counts[cell] < minimum and cell != grand_total and UNSTATED not in _flat(cell)]
    return breaches


def _flat(cell) -> tuple:
    return cell if isinstance(cell, tuple) else (cell,)


@settings(max_examples=400, deadline=None)
@given(st.lists(sizes, min_size=1, max_size=9), st.integers(0, 6), minimums)
def test_no_small_group_of_a_breakdown_can_be_shown_or_worked_out(group_sizes, unstated, minimum):
    groups = {f"g{i}": n for i, n in enumerate(group_sizes)}
    hidden = hidden_groups(groups, minimum, unstated)
    counts = {**groups, UNSTATED: unstated, "total": sum(groups.values()) + unstated}
    published = {g for g in groups if g not in hidden} | {UNSTATED, "total"}
    assert audit(counts, [("total", [*groups, UNSTATED])], published, minimum, "total") == []


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(2, 5), st.integers(2, 5), st.data(), minimums)
def test_combining_a_filter_and_a_breakdown_never_reveals_a_small_group(row_count, column_count, data, minimum):
    rows = [f"r{i}" for i in range(row_count)]
    columns = [f"c{j}" for j in range(column_count)]
    cells = {(r, c): data.draw(sizes) for r in [*rows, UNSTATED] for c in [*columns, UNSTATED]}
    cells[(UNSTATED, UNSTATED)] = data.draw(st.integers(0, 3))
    protection = protect_cross_table(cells, rows, columns, minimum)

    all_rows, all_columns = [*rows, UNSTATED], [*columns, UNSTATED]
    counts = {("cell", r, c): n for (r, c), n in cells.items()}
    counts.update({("row", r): sum(cells[(r, c)] for c in all_columns) for r in all_rows})
    counts.update({("column", c): sum(cells[(r, c)] for r in all_rows) for c in all_columns})
    counts["total"] = sum(cells.values())
    # Each dimension's own breakdown hides exactly as the cross table does.
    assert protection.hidden_rows == hidden_groups({r: counts[("row", r)] for r in rows}, minimum, counts[("row", UNSTATED)])
    assert protection.hidden_columns == hidden_groups({c: counts[("column", c)] for c in columns}, minimum,
                                                      counts[("column", UNSTATED)])
    published = {"total", ("row", UNSTATED), ("column", UNSTATED)}
    published |= {("row", r) for r in rows if r not in protection.hidden_rows}
    published |= {("column", c) for c in columns if c not in protection.hidden_columns}
    for r in all_rows:
        for c in all_columns:
            line_shown = r not in protection.hidden_rows and c not in protection.hidden_columns
            if UNSTATED in (r, c):
                if line_shown:
                    published.add(("cell", r, c))  # assumed known to the attacker
            elif line_shown and not protection.cell_hidden(r, c):
                published.add(("cell", r, c))
    equations = [("total", [("row", r) for r in all_rows]), ("total", [("column", c) for c in all_columns])]
    equations += [(("row", r), [("cell", r, c) for c in all_columns]) for r in all_rows]
    equations += [(("column", c), [("cell", r, c) for r in all_rows]) for c in all_columns]
    assert audit(counts, equations, published, minimum, "total") == []


def test_a_single_small_team_takes_another_with_it():
    """Hiding only the team of 2 would let it be worked out from the total: the next smallest goes too."""
    assert hidden_groups({"a": 40, "b": 2, "c": 9, "d": 30}, 5) == {"b", "c"}
    assert hidden_groups({"a": 40, "b": 2, "c": 9, "d": 30}, 5, unstated=12) == {"b", "c"}
    assert hidden_groups({"a": 40, "b": 3, "c": 4}, 5) == {"b", "c"}  # 3 + 4 = 7: together big enough
    assert hidden_groups({"a": 40, "b": 1, "c": 1, "d": 20}, 5) == {"b", "c", "d"}
    assert hidden_groups({"a": 40, "b": 0, "c": 30}, 5) == frozenset()
    assert hidden_groups({"a": 3, "b": 1}, 5) == {"a", "b"}  # a table of 4 people cannot be broken down at all


def test_the_minimum_is_never_below_three():
    assert hidden_groups({"a": 2, "b": 2, "c": 50}, minimum=1) == {"a", "b"}


@pytest.fixture
def demo(demo_path, folders):
    with HealthCheckFile.open(demo_path, read_only=True, folders=folders) as hc:
        yield hc


def test_the_demo_never_shows_the_small_other_team(demo):
    cycle = demo.cycles.by_name("2019")
    by_team = breakdown(demo, cycle.id, "valued", "team")
    shown = {g.option.code: g.size for g in by_team.groups if not g.hidden}
    assert "other_team" not in shown
    assert all(size >= 5 or size == 0 for size in shown.values())
    assert by_team.hidden_count >= 2  # the other team, and one more so it cannot be worked out from the total
    assert "not shown" in by_team.note


def test_the_demo_filtered_breakdowns_hold_against_the_attacker(demo):
    """Every role's breakdown by team, together with both one-way breakdowns, as a person could collect them."""
    cycle = demo.cycles.by_name("2019")
    questionnaire = demo.questionnaires.load(cycle.id)
    minimum = demo.organisation.get().minimum_group_size
    team, role = questionnaire.question("team"), questionnaire.question("role")
    for code in ("valued", "stressed", "leaving_reasons", "hours_worked"):
        by_team = {g.option.code: g for g in breakdown(demo, cycle.id, code, "team").groups}
        by_role = {g.option.code: g for g in breakdown(demo, cycle.id, code, "role").groups}
        cells, published = {}, set()
        for role_option in role.options:
            within = breakdown(demo, cycle.id, code, "team", within=GroupFilter("role", role_option.code))
            for group in within.groups:
                cells[(role_option.code, group.option.code)] = group.size
                if not group.hidden:
                    assert group.size >= minimum or group.size == 0
                    assert not by_team[group.option.code].hidden and not by_role[role_option.code].hidden
                    published.add(("cell", role_option.code, group.option.code))
        counts = {("cell", r, t): n for (r, t), n in cells.items()}
        counts.update({("row", r.code): by_role[r.code].size for r in role.options})
        counts.update({("column", t.code): by_team[t.code].size for t in team.options})
        published |= {("row", r) for r, g in by_role.items() if not g.hidden}
        published |= {("column", t) for t, g in by_team.items() if not g.hidden}
        # Respondents who gave no team or no role go in as cells of their own, known to the attacker.
        rows = [r.code for r in role.options]
        columns = [t.code for t in team.options]
        equations = [(("row", r), [("cell", r, t) for t in columns] + [("cell", r, UNSTATED)]) for r in rows]
        equations += [(("column", t), [("cell", r, t) for r in rows] + [("cell", UNSTATED, t)]) for t in columns]
        for r in rows:
            counts[("cell", r, UNSTATED)] = counts[("row", r)] - sum(cells[(r, t)] for t in columns)
            if ("row", r) in published:
                published.add(("cell", r, UNSTATED))
        for t in columns:
            counts[("cell", UNSTATED, t)] = counts[("column", t)] - sum(cells[(r, t)] for r in rows)
            if ("column", t) in published:
                published.add(("cell", UNSTATED, t))
        assert audit(counts, equations, published, minimum, None) == [], code
