"""Which agreement statements feed each Standard's score in a cycle: seen, and changed as one undoable edit."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..domain.errors import InvalidInput
from ..domain.questionnaire import Questionnaire, QuestionType
from .edits import Focus, apply_edit

if TYPE_CHECKING:
    from ..storage import HealthCheckFile


def statements_of(questionnaire: Questionnaire, standard: int) -> tuple[str, ...]:
    """The codes of the statements that feed the Standard's score, in the questionnaire's order."""
    return tuple(
        q.code
        for q in questionnaire.questions()
        if q.standard == standard and q.qtype is QuestionType.SCALE and q.in_standard_score
    )


def candidate_statements(questionnaire: Questionnaire, standard: int) -> tuple[str, ...]:
    """The codes of the statements that could feed the Standard's score: its agreement statements."""
    return tuple(q.code for q in questionnaire.questions() if q.standard == standard and q.qtype is QuestionType.SCALE)


@dataclass(frozen=True)
class ChangeScoreStatements:
    """One Standard's statements that feed its score, before and after (codes)."""

    standard: int
    before: tuple[str, ...]
    after: tuple[str, ...]
    description: str = "change the statements that feed a Standard's score"

    def apply(self, store, cycle_id):  # as every edit in edits.py
        store.set_in_standard_score(cycle_id, [c for c in self.before if c not in self.after], False)
        store.set_in_standard_score(cycle_id, [c for c in self.after if c not in self.before], True)
        return Focus()

    def inverse(self):
        return ChangeScoreStatements(self.standard, self.after, self.before, self.description)


def score_statements_edit(questionnaire: Questionnaire, standard: int, codes: Iterable[str]) -> ChangeScoreStatements:
    """The edit that makes exactly these statements feed the Standard's score; any code that is not one of its
    agreement statements is refused, in words."""
    wanted = tuple(dict.fromkeys(codes))
    allowed = candidate_statements(questionnaire, standard)
    wrong = [code for code in wanted if code not in allowed]
    if wrong:
        listed = ", ".join(allowed) or "none in this cycle"
        raise InvalidInput(
            f"Only agreement statements filed under Standard {standard} can feed its score; "
            f"{', '.join(repr(c) for c in wrong)} {'is' if len(wrong) == 1 else 'are'} not.",
            f"Its agreement statements are: {listed}.",
        )
    ordered = tuple(code for code in allowed if code in wanted)
    return ChangeScoreStatements(
        standard,
        statements_of(questionnaire, standard),
        ordered,
        f"change the statements that feed the score of Standard {standard}",
    )


def set_score_statements(
    hc: HealthCheckFile, cycle_id: int, standard: int, codes: Iterable[str]
) -> ChangeScoreStatements:
    """Make exactly these statements feed the Standard's score in the cycle, as one change in the audit log; returns
    the edit, whose inverse puts it back (for undo)."""
    edit = score_statements_edit(hc.questionnaires.load(cycle_id), standard, codes)
    apply_edit(hc, cycle_id, edit)
    return edit
