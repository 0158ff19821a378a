"""Data swapping for the anonymised responses: within each block of rows that give the same breakdown answers, each
question's answers (its follow-ups and its tick and 'other' columns with it) are exchanged between the rows at random.

This is a form of the data swapping of statistical disclosure control (cf. sdcMicro), done so that nothing of a
person is left to find: every block keeps exactly its own answers to every question (so its figures are the
tables'), but a row is no longer one person's answers, and which answers to different questions went together is not
kept. Before drawing, each block's answers to a question are put in one fixed order, so the rows depend only on each
block's answers, question by question, and on the draw: never on who answered what together, nor on the order the
responses were stored or imported in.
"""

from __future__ import annotations

import random
from collections.abc import Hashable, Sequence

from ...domain.questionnaire import Questionnaire
from ...domain.response_columns import TemplateColumn

Cell = str | float | int | None


def question_families(questionnaire: Questionnaire) -> dict[str, str]:
    """Each question that is not a breakdown question, to the question its family is named after: the question itself,
    or for a follow-up the first question up its chain of parents (a follow-up of a follow-up goes with both). A
    follow-up of a breakdown question is a family of its own: breakdown answers are what blocks are made of."""
    questions = {q.code: q for q in questionnaire.questions()}
    families = {}
    for question in questions.values():
        if question.is_dimension:
            continue
        head, seen = question, {question.code}
        while head.follow_up is not None:
            parent = questions.get(head.follow_up.parent_code)
            if parent is None or parent.is_dimension or parent.code in seen:
                break
            head = parent
            seen.add(head.code)
        families[question.code] = head.code
    return families


def family_columns(columns: Sequence[TemplateColumn], families: dict[str, str]) -> list[tuple[int, ...]]:
    """The positions of each family's columns, families in the order of their first column; a breakdown question's
    columns are in none."""
    by_family: dict[str, list[int]] = {}
    for position, column in enumerate(columns):
        family = families.get(column.key.question_code)
        if family is not None:
            by_family.setdefault(family, []).append(position)
    return [tuple(positions) for positions in by_family.values()]


def swapped_within_blocks(
    rows: Sequence[tuple[Cell, ...]],
    blocks: Sequence[Hashable],
    families: Sequence[tuple[int, ...]],
    chance: random.Random,
) -> list[tuple[Cell, ...]]:
    """The rows with each family's cells exchanged at random between the rows of each block (`blocks`: each row's
    block). Rows are exchanged between only where they agree on every cell outside the families too (in the responses
    they do: those are the breakdown answers the block is made of). Blocks are drawn for in a fixed order, and each
    block's family values are sorted before they are shuffled, so the result depends on nothing but each block's
    values family by family and `chance`."""
    in_a_family = {p for positions in families for p in positions}
    members: dict[Hashable, list[tuple[Cell, ...]]] = {}
    for row, block in zip(rows, blocks, strict=True):
        rest = tuple(cell for position, cell in enumerate(row) if position not in in_a_family)
        members.setdefault((block, rest), []).append(row)
    result: list[tuple[Cell, ...]] = []
    for block in sorted(members, key=_canonical):
        block_rows = members[block]
        cells = [list(block_rows[0]) for _ in block_rows]
        for positions in families:
            values = sorted((tuple(row[p] for p in positions) for row in block_rows), key=_canonical)
            chance.shuffle(values)
            for row_cells, value in zip(cells, values):
                for position, cell in zip(positions, value):
                    row_cells[position] = cell
        result.extend(tuple(row_cells) for row_cells in cells)
    return result


def _canonical(value: object) -> tuple:
    """A sort key for cells, tuples of them and block keys, whatever their types mix (None, numbers, text)."""
    if value is None:
        return (0,)
    if isinstance(value, bool):
        return (1, int(value))
    if isinstance(value, (int, float)):
        return (2, value)
    if isinstance(value, str):
        return (3, value)
    if isinstance(value, tuple):
        return (4, tuple(_canonical(item) for item in value))
    return (5, repr(value))
