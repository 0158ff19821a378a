"""Which agreement statements feed each Standard's score in a cycle: seen, and changed as one undoable edit."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from ..domain.errors import InvalidInput
from ..domain.questionnaire import Question, Questionnaire, QuestionType
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
    focus: Focus = field(default_factory=Focus)  # what the designer shows once it is made or undone

    def apply(self, store, cycle_id):  # as every edit in edits.py
        store.set_in_standard_score(cycle_id, [c for c in self.before if c not in self.after], False)
        store.set_in_standard_score(cycle_id, [c for c in self.after if c not in self.before], True)
        return self.focus

    def inverse(self):
        return ChangeScoreStatements(self.standard, self.after, self.before, self.description, self.focus)


def why_not_scored(question: Question) -> str:
    """Why the question cannot feed a Standard's score, in words; '' when it can (an agreement statement filed under
    a Standard)."""
    if question.qtype is not QuestionType.SCALE:
        kind = question.qtype.label.lower()
        article = "an" if kind[:1] in "aeiou" else "a"
        return f"Only agreement statements count towards a Standard's score, and this is {article} {kind} question."
    if question.standard is None:
        return "It is not about a Standard: choose its Standard first."
    return ""


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


def switch_statement(
    questionnaire: Questionnaire, code: str, counts: bool, name: str = ""
) -> ChangeScoreStatements | None:
    """The edit that makes one statement count towards its Standard's score, or not; None when it already does as
    asked. A question that cannot count (not an agreement statement, or not about a Standard) is refused, with
    the reason. `name` is how the designer names the question ('question 7')."""
    question = questionnaire.find(code)
    if question is None:
        raise InvalidInput(f"The questionnaire has no question with the code '{code}'.")
    name = name or f"question '{code}'"
    reason = why_not_scored(question)
    if reason:
        raise InvalidInput(f"{name.capitalize()} cannot count towards a Standard's score.", reason)
    assert question.standard is not None
    current = statements_of(questionnaire, question.standard)
    if (code in current) == counts:
        return None
    wanted = (*current, code) if counts else tuple(c for c in current if c != code)
    edit = score_statements_edit(questionnaire, question.standard, wanted)
    standard = f"Standard {question.standard}'s score"
    description = f"count {name} towards {standard}" if counts else f"leave {name} out of {standard}"
    return replace(edit, description=description, focus=Focus(question_code=code))


def set_score_statements(
    hc: HealthCheckFile, cycle_id: int, standard: int, codes: Iterable[str]
) -> ChangeScoreStatements:
    """Make exactly these statements feed the Standard's score in the cycle, as one change in the audit log; returns
    the edit, whose inverse puts it back (for undo)."""
    edit = score_statements_edit(hc.questionnaires.load(cycle_id), standard, codes)
    apply_edit(hc, cycle_id, edit)
    return edit
