"""The attacker of the confidentiality tests: solves the published totals exactly, written independently of
`suppression` (exact fractions, not the library's own reasoning), and says what it learns that it should not."""

from __future__ import annotations

from fractions import Fraction


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
                matrix[r] = [a - factor * b for a, b in zip(matrix[r], matrix[rank], strict=True)]
        pivots.append(column)
        rank += 1
    free = set(range(len(unknown))) - set(pivots)
    return {unknown[column] for r, column in enumerate(pivots) if all(matrix[r][f] == 0 for f in free)}


PRIME = 2_147_483_647  # 2**31 - 1: products of two residues fit in 64 bits


def pinned_down_in_a_field(equations: list[tuple[dict, int]], unknown: list) -> set:
    """`pinned_down` for systems of hundreds of unknowns: the same elimination, exact, in the integers modulo a large
    prime (the equations' coefficients are 0 and ±1, so a rank there is the rational rank unless the prime divides
    a determinant, which at 2**31 - 1 does not happen in practice)."""
    import numpy

    index = {cell: i for i, cell in enumerate(unknown)}
    rows = []
    for coefficients, _ in equations:
        row = numpy.zeros(len(unknown), dtype=numpy.int64)
        for cell, coefficient in coefficients.items():
            row[index[cell]] = (row[index[cell]] + coefficient) % PRIME
        if row.any():
            rows.append(row)
    if not rows:
        return set()
    matrix = numpy.array(rows)
    pivots, rank = [], 0
    for column in range(len(unknown)):
        candidates = numpy.nonzero(matrix[rank:, column])[0]
        if not len(candidates):
            continue
        pivot = rank + candidates[0]
        matrix[[rank, pivot]] = matrix[[pivot, rank]]
        inverse = pow(int(matrix[rank, column]), PRIME - 2, PRIME)
        matrix[rank] = (matrix[rank] * inverse) % PRIME
        others = numpy.nonzero(matrix[:, column])[0]
        others = others[others != rank]
        if len(others):
            factors = matrix[others, column][:, None]
            matrix[others] = (matrix[others] - factors * matrix[rank][None, :]) % PRIME
        pivots.append(column)
        rank += 1
        if rank == len(matrix):
            break
    free = numpy.array(sorted(set(range(len(unknown))) - set(pivots)), dtype=int)
    return {unknown[column] for r, column in enumerate(pivots) if not len(free) or not matrix[r, free].any()}


def audit(
    counts: dict, equations: list[tuple[object, list]], published: set, minimum: int, grand_total, solve=pinned_down
) -> list[str]:
    """What the attacker learns that it should not: returns a description of each breach. A line so small that
    its groups together hold fewer than the minimum cannot be broken down at all, and hiding every group of it is
    all that can be done: learning that line's total is not a breach."""
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
    known = set(published) | solve(system, unknown)
    breaches = [
        f"{cell} = {counts[cell]} can be worked out"
        for cell in unknown
        if cell in known
        and 0 < counts[cell] < minimum
        and not any(cell in parts and counts[cell] == sum(counts[p] for p in parts) for _, parts in equations)
    ]
    for total, parts in equations:
        if total not in known:
            continue
        remainder = sum(counts[p] for p in parts if p not in known)
        whole = all(p not in known for p in parts if counts[p] > 0)
        if 0 < remainder < minimum and not whole:
            breaches.append(f"the hidden parts of {total} add up to {remainder}")
    breaches += [
        f"{cell} = {counts[cell]} is shown" for cell in published if 0 < counts[cell] < minimum and cell != grand_total
    ]
    return breaches
