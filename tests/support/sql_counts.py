"""Counts made by one plain SQL query over the stored answers, for tests to check the app's own counting against."""

from __future__ import annotations

from collections.abc import Sequence


def group_sizes(hc, cycle_id: int, dimension_ids: Sequence[int]) -> dict[tuple, int]:
    """Respondents of the cycle by their option ids for the breakdown questions (None: no option), counted DISTINCT
    over a join of each question's answers, in the order the GROUP BY gives them (None first, then by option id):
    what the disclosure plan counts in arrays (analysis/joint_sizes.py)."""
    joins = " ".join(
        f"LEFT JOIN answers g{n} NOT INDEXED ON g{n}.response_id = r.id AND g{n}.question_id = ?"
        for n in range(len(dimension_ids))
    )
    columns = ", ".join(f"g{n}.option_id" for n in range(len(dimension_ids)))
    sql = f"SELECT {columns}, count(DISTINCT r.id) FROM responses r {joins} WHERE r.cycle_id = ? GROUP BY {columns}"
    return {tuple(row[:-1]): row[-1] for row in hc.tuples(sql, [*dimension_ids, cycle_id])}
