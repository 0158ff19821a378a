"""Open comments: every free-text answer with its question and (only where the group is big enough) its team, and
the theme counts the PSW's coding gives, tabulated as the LGA's Annex A tables are."""

from __future__ import annotations

from dataclasses import dataclass

from ..domain.questionnaire import Question, Questionnaire, QuestionType
from ..domain.records import Theme
from ..storage import HealthCheckFile
from .intervals import Proportion
from .suppression import DisclosurePlan, comment_dimension, disclosure_plan


@dataclass(frozen=True)
class Comment:
    response_id: int
    question: Question
    text: str
    group: str  # the team, or "" when the team is too small to name (or not given)
    theme_ids: frozenset[int]

    @property
    def key(self) -> tuple[int, int]:
        return (self.response_id, self.question.id)


def text_questions(questionnaire: Questionnaire) -> list[Question]:
    return [q for q in questionnaire.questions() if q.qtype is QuestionType.TEXT]


def cycle_comments(
    hc: HealthCheckFile, cycle_id: int, questionnaire: Questionnaire | None = None, plan: DisclosurePlan | None = None
) -> list[Comment]:
    """Every comment of the cycle, in questionnaire order. A comment is labelled with its team only when the cycle's
    disclosure plan shows that team at the file's minimum for comments (10 by default), complementary hiding (and
    the people who gave no team, as a group) included."""
    questionnaire = questionnaire or hc.questionnaires.load(cycle_id)
    questions = text_questions(questionnaire)
    by_id = {q.id: q for q in questions}
    dimension = comment_dimension(questionnaire)
    group_by = (dimension.id,) if dimension else ()
    rows = hc.answers.texts(list(by_id), group_by)
    labels: dict[int, str] = {}
    if dimension is not None:
        plan = plan or disclosure_plan(hc, cycle_id, questionnaire)
        labels = {o.id: o.label for o in dimension.options if plan.comment_label_shown(o.id)}
    tags = hc.themes.tags(list(by_id))
    order = {q.id: n for n, q in enumerate(questions)}
    comments = [
        Comment(
            row[0],
            by_id[row[1]],
            row[2],
            labels.get(row[3], "") if group_by else "",
            frozenset(tags.get((row[0], row[1]), set())),
        )
        for row in rows
    ]
    return sorted(comments, key=lambda c: order[c.question.id])


def matches(comment: Comment, words: str) -> bool:
    """Every word typed appears in the comment, its question or its team (case ignored)."""
    haystack = f"{comment.text} {comment.question.title} {comment.group}".casefold()
    return all(word in haystack for word in words.casefold().split())


@dataclass(frozen=True)
class ThemeCount:
    theme: Theme
    respondents: Proportion


@dataclass(frozen=True)
class ThemeTable:
    rows: tuple[ThemeCount, ...]
    base: int
    base_description: str
    untagged: int  # respondents with comments none of which is tagged yet


def theme_table(comments: list[Comment], themes: list[Theme], question_ids: set[int] | None = None) -> ThemeTable:
    """How many respondents raised each theme, as a per cent of those who wrote a comment (on these questions);
    respondents can raise several themes, so the per cents may add to more than 100."""
    chosen = [c for c in comments if question_ids is None or c.question.id in question_ids]
    respondents = {c.response_id for c in chosen}
    by_theme: dict[int, set[int]] = {t.id: set() for t in themes}
    tagged_respondents: set[int] = set()
    for comment in chosen:
        for theme_id in comment.theme_ids:
            if theme_id in by_theme:
                by_theme[theme_id].add(comment.response_id)
                tagged_respondents.add(comment.response_id)
    base = len(respondents)
    rows = sorted(
        (ThemeCount(t, Proportion(len(by_theme[t.id]), base)) for t in themes),
        key=lambda row: (-row.respondents.count, row.theme.position, row.theme.name),
    )
    description = (
        f"Base: all who wrote a comment ({base}). Respondents could raise more than one theme, "
        "so per cents may add to more than 100"
    )
    return ThemeTable(tuple(rows), base, description, base - len(tagged_respondents))
