"""Data swapping for the anonymised responses: which questions move together (a question with its follow-ups), and
that the rows swapped depend on nothing but each block's answers, family by family, and the draw."""

from __future__ import annotations

import random
from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from swhc_desktop.domain.questionnaire import FollowUp, Option, Question, Questionnaire, QuestionType, Section
from swhc_desktop.domain.response_columns import template_columns
from swhc_desktop.outputs.exports.swapping import family_columns, question_families, swapped_within_blocks

YES_NO = (Option("yes", "Yes"), Option("no", "No"))


def questionnaire() -> Questionnaire:
    """A breakdown question with a follow-up, a question with a follow-up that has one of its own, a tick-all with
    'Other (please specify)' following a question, and a comment."""
    return Questionnaire(
        (
            Section(
                "All",
                (
                    Question("team", "Team", QuestionType.SINGLE, options=YES_NO, is_dimension=True),
                    Question("team_detail", "Which part?", QuestionType.TEXT, follow_up=FollowUp("team", ("yes",))),
                    Question("observed", "Observed?", QuestionType.SINGLE, options=YES_NO),
                    Question(
                        "positive",
                        "Positive?",
                        QuestionType.SINGLE,
                        options=YES_NO,
                        follow_up=FollowUp("observed", ("yes",)),
                    ),
                    Question("why", "Why not?", QuestionType.TEXT, follow_up=FollowUp("positive", ("no",))),
                    Question("stay", "Stay?", QuestionType.SINGLE, options=YES_NO),
                    Question(
                        "reasons",
                        "Reasons",
                        QuestionType.MULTI,
                        options=(Option("pay", "Pay"), Option("other", "Other", is_other=True)),
                        follow_up=FollowUp("stay", ("no",)),
                    ),
                    Question("hours", "Hours", QuestionType.NUMBER),
                    Question("comments", "Comments", QuestionType.TEXT),
                ),
            ),
        )
    )


def test_a_question_s_family_is_it_with_its_follow_ups_all_the_way_down():
    families = question_families(questionnaire())
    assert families == {
        "team_detail": "team_detail",
        "observed": "observed",
        "positive": "observed",
        "why": "observed",
        "stay": "stay",
        "reasons": "stay",
        "hours": "hours",
        "comments": "comments",
    }


def test_a_tick_all_question_s_columns_and_its_other_text_go_with_its_parent():
    columns = template_columns(questionnaire())
    names = [f"{c.key.question_code}/{c.key.option_code or ''}/{c.key.kind}" for c in columns]
    families = family_columns(columns, question_families(questionnaire()))
    grouped = [[names[p] for p in positions] for positions in families]
    assert grouped == [
        ["team_detail//answer"],
        ["observed//answer", "positive//answer", "why//answer"],
        ["stay//answer", "reasons/pay/tick", "reasons/other/tick", "reasons/other/other_text"],
        ["hours//answer"],
        ["comments//answer"],
    ]


def test_a_follow_up_loop_in_a_damaged_questionnaire_ends():
    looped = Questionnaire(
        (
            Section(
                "All",
                (
                    Question("a", "A", QuestionType.SINGLE, options=YES_NO, follow_up=FollowUp("b", ("yes",))),
                    Question("b", "B", QuestionType.SINGLE, options=YES_NO, follow_up=FollowUp("a", ("yes",))),
                ),
            ),
        )
    )
    families = question_families(looped)
    assert set(families) == {"a", "b"} and set(families.values()) <= {"a", "b"}


cells = st.one_of(st.none(), st.integers(0, 3), st.sampled_from(["Yes", "No", "1", ""]), st.floats(0, 3).map(round))
blocks_of_rows = st.lists(
    st.tuples(st.sampled_from(["A", "B", None]), st.tuples(cells, cells, cells, cells)), min_size=1, max_size=25
)
FAMILIES = [(1, 3), (2,), (4,)]  # column 0 is the block's own (a breakdown answer); 1 and 3 move together


def rows_of(people):
    return [(block, *values) for block, values in people], [block for block, _ in people]


@settings(max_examples=150, deadline=None)
@given(blocks_of_rows, st.integers(0, 10**9), st.randoms(use_true_random=False))
def test_the_rows_depend_only_on_each_block_s_values_family_by_family_and_the_draw(people, seed, shuffler):
    """Rows stored in any order, and any other people whose answers are the same block by block and family by family
    (who answered what together differs), give the same rows for the same draw; every block keeps its values of
    each family, and the cells of a family stay together."""
    rows, blocks = rows_of(people)
    once = swapped_within_blocks(rows, blocks, FAMILIES, random.Random(seed))

    reordered = list(zip(rows, blocks, strict=True))
    shuffler.shuffle(reordered)
    again = swapped_within_blocks([r for r, _ in reordered], [b for _, b in reordered], FAMILIES, random.Random(seed))
    assert sorted(once, key=repr) == sorted(again, key=repr)

    relinked = [list(row) for row in rows]  # each family's values exchanged between the people of each block
    for block in set(blocks):
        members = [i for i, b in enumerate(blocks) if b == block]
        for positions in FAMILIES:
            values = [tuple(rows[i][p] for p in positions) for i in members]
            shuffler.shuffle(values)
            for i, value in zip(members, values, strict=True):
                for p, cell in zip(positions, value, strict=True):
                    relinked[i][p] = cell
    relinked_rows = [tuple(row) for row in relinked]
    assert sorted(swapped_within_blocks(relinked_rows, blocks, FAMILIES, random.Random(seed)), key=repr) == sorted(
        once, key=repr
    )

    for positions in FAMILIES:

        def family(of, positions=positions):
            return Counter((row[0], tuple(row[p] for p in positions)) for row in of)

        assert family(once) == family(rows)


def test_rows_that_differ_outside_every_family_are_never_swapped_with_each_other():
    rows = [("A", "Team 1", 1), ("A", "Team 2", 2), ("A", "Team 1", 3), ("A", "Team 2", 4)]
    for seed in range(20):
        swapped = swapped_within_blocks(rows, ["A"] * 4, [(2,)], random.Random(seed))
        assert Counter((row[1], row[2] % 2) for row in swapped) == {("Team 1", 1): 2, ("Team 2", 0): 2}


def test_the_draw_does_move_answers_between_rows():
    rows = [("A", n, n) for n in range(12)]
    swapped = swapped_within_blocks(rows, ["A"] * 12, [(1,), (2,)], random.Random(3))
    assert sorted(swapped) != sorted(rows)
    assert sorted(row[1] for row in swapped) == sorted(row[2] for row in swapped) == list(range(12))
