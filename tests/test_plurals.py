"""Counts read as English: one helper (domain/plurals.py) says '1 response' and '2 responses', and no message, screen
or document builds a count phrase of its own ('1 statements', '1 people')."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from swhc_desktop.domain.plurals import agrees, counted, counted_of, noun, plural

PACKAGE = Path(__file__).resolve().parent.parent / "swhc_desktop"

# Nouns the app counts; a number written straight before one of these plurals is a count phrase.
COUNTED_NOUNS = (
    "person response statement question action row column answer comment finding cycle batch group team theme day "
    "update error warning section option word member backup case Standard strength problem indicator respondent "
    "part line character follow-up thing copy box match reply tick"
).split()


@pytest.mark.parametrize(
    "count, singular, said",
    [
        (0, "response", "0 responses"),
        (1, "response", "1 response"),
        (2, "response", "2 responses"),
        (1200, "response", "1,200 responses"),
        (1, "person", "1 person"),
        (3, "person", "3 people"),
        (2, "batch", "2 batches"),
        (1, "area for improvement", "1 area for improvement"),
        (2, "area for improvement", "2 areas for improvement"),
    ],
)
def test_a_count_agrees_with_its_noun(count, singular, said):
    assert counted(count, singular) == said


def test_a_part_of_a_whole_and_its_verb_agree():
    assert f"{counted_of(1, 1, 'statement')} {agrees(1, 'counts', 'count')}" == "1 of 1 statement counts"
    assert f"{counted_of(2, 3, 'statement')} {agrees(2, 'counts', 'count')}" == "2 of 3 statements count"
    assert noun(1, "question") == "question" and noun(2, "question") == "questions" and plural("person") == "people"


def _count_phrases(tree: ast.AST) -> list[tuple[int, str]]:
    """Each f-string where a value is followed straight away by a counted noun's plural: 'f"{n} statements"'."""
    plurals = "|".join(re.escape(plural(word)) for word in COUNTED_NOUNS)
    after_a_value = re.compile(rf"^ ({plurals})\b")
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.JoinedStr):
            continue
        for before, after in zip(node.values, node.values[1:], strict=False):
            if (
                isinstance(before, ast.FormattedValue)
                and isinstance(after, ast.Constant)
                and after_a_value.match(str(after.value))
            ):
                found.append((node.lineno, f"{{{ast.unparse(before.value)}}}{str(after.value)[:30]}"))
    return found


def test_no_count_phrase_is_built_without_the_one_helper():
    """A count written as f"{n} statements" says '1 statements' when n is 1; one written with its own "'s' if n != 1"
    decides the rule again. Both go through domain/plurals.py instead."""
    own_rule = re.compile(r"""\{\s*['"](s|es)['"] if """)
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        where = path.relative_to(PACKAGE.parent)
        offenders += [f"{where}:{line}: {phrase}" for line, phrase in _count_phrases(ast.parse(text))]
        offenders += [
            f"{where}:{number}: {line.strip()[:80]}"
            for number, line in enumerate(text.splitlines(), 1)
            if own_rule.search(line)
        ]
    assert offenders == []


def test_the_scan_finds_a_count_phrase_of_its_own():
    """The scan above is not blind: it finds the phrases it is there to find."""
    tree = ast.parse('n = 1\nwords = f"({n} of {n} statements count)"\nmore = f"{n:,} people"\n')
    assert [phrase for _, phrase in _count_phrases(tree)] == ["{n} statements count)", "{n} people"]
