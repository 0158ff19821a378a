"""Our own checks that the rows of a health-check file agree with each other (beyond SQLite's constraints)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .file import HealthCheckFile

# Each check: a query counting rows that break a rule, and the rule in words.
_CHECKS = (
    (
        "SELECT count(*) FROM answers a JOIN responses r ON r.id = a.response_id "
        "JOIN questions q ON q.id = a.question_id "
        "WHERE q.cycle_id != r.cycle_id",
        "answers to a question of another cycle",
    ),
    (
        "SELECT count(*) FROM answers a JOIN options o ON o.id = a.option_id WHERE o.question_id != a.question_id",
        "answers whose option belongs to a different question",
    ),
    (
        "SELECT count(*) FROM responses r JOIN import_batches b ON b.id = r.batch_id WHERE b.cycle_id != r.cycle_id",
        "responses whose batch belongs to another cycle",
    ),
    (
        "SELECT count(*) FROM questions q JOIN sections s ON s.id = q.section_id WHERE s.cycle_id != q.cycle_id",
        "questions filed under a section of another cycle",
    ),
    (
        "SELECT count(*) FROM questions q JOIN questions p ON p.id = q.parent_question_id "
        "WHERE p.cycle_id != q.cycle_id",
        "follow-ups whose parent question is in another cycle",
    ),
    (
        "SELECT count(*) FROM follow_up_triggers t JOIN questions q ON q.id = t.question_id "
        "JOIN options o ON o.id = t.option_id WHERE o.question_id IS NOT q.parent_question_id",
        "follow-up conditions naming an option that is not the parent question's",
    ),
    (
        "SELECT count(*) FROM (SELECT response_id, question_id FROM answers a JOIN questions q ON q.id = a.question_id "
        "WHERE q.qtype IN ('single', 'scale', 'rating', 'number', 'text') "
        "GROUP BY response_id, question_id HAVING count(*) > 1)",
        "responses with more than one answer to a question that takes one",
    ),
    (
        "SELECT count(*) FROM comment_tags t JOIN responses r ON r.id = t.response_id "
        "JOIN questions q ON q.id = t.question_id "
        "WHERE q.cycle_id != r.cycle_id",
        "comment tags linking a response to a question of another cycle",
    ),
    (
        "SELECT count(*) FROM organisation",
        None,  # exactly one organisation row; checked below
    ),
)


def consistency_problems(hc: HealthCheckFile) -> list[str]:
    problems = []
    for sql, rule in _CHECKS:
        count = hc.value(sql)
        if rule is None:
            if count != 1:
                problems.append("The file should describe exactly one organisation.")
        elif count:
            problems.append(f"{count} {rule}.")
    return problems
