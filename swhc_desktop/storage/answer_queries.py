"""Counting answers for the analysis: plain numbers out of SQL, one GROUP BY a question set, no rules applied here."""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Iterable

if TYPE_CHECKING:
    from .file import HealthCheckFile


class AnswerQueries:
    """Raw counts per question and option. Which respondents count (the base) is decided by the analysis,
    which passes the rules in as arguments; nothing here knows about follow-ups or exclusions."""

    def __init__(self, hc: "HealthCheckFile"):
        self.hc = hc

    def option_respondents(self, question_ids: Iterable[int], applicable: dict[int, tuple[int, tuple[int, ...]]]) -> dict[int, dict[int, int]]:
        """For each question, how many respondents chose each option.

        `applicable` maps a follow-up question's id to (parent question id, trigger option ids): only respondents
        whose answer to the parent is one of the triggers are counted for it."""
        counts: dict[int, dict[int, int]] = defaultdict(dict)
        plain = [q for q in question_ids if q not in applicable]
        if plain:
            marks = ",".join("?" * len(plain))
            for row in self.hc.tuples(
                f"SELECT question_id, option_id, count(DISTINCT response_id) FROM answers "
                f"WHERE question_id IN ({marks}) AND option_id IS NOT NULL GROUP BY question_id, option_id",
                plain,
            ):
                counts[row[0]][row[1]] = row[2]
        for question_id, (parent_id, triggers) in applicable.items():
            marks = ",".join("?" * len(triggers))
            for row in self.hc.tuples(
                f"SELECT option_id, count(DISTINCT response_id) FROM answers WHERE question_id = ? AND option_id IS NOT NULL "
                f"AND response_id IN (SELECT response_id FROM answers WHERE question_id = ? AND option_id IN ({marks})) "
                f"GROUP BY option_id",
                (question_id, parent_id, *triggers),
            ):
                counts[question_id][row[0]] = row[1]
        return dict(counts)

    def respondents_with_any(self, question_ids: Iterable[int], counted_options: dict[int, tuple[int, ...]],
                             applicable: dict[int, tuple[int, tuple[int, ...]]]) -> dict[int, int]:
        """For each question, how many respondents chose at least one of its counted options (the base)."""
        bases: dict[int, int] = {}
        for question_id in question_ids:
            options = counted_options.get(question_id, ())
            if not options:
                bases[question_id] = 0
                continue
            marks = ",".join("?" * len(options))
            sql = (f"SELECT count(DISTINCT response_id) FROM answers WHERE question_id = ? "
                   f"AND option_id IN ({marks})")
            params: list[int] = [question_id, *options]
            if question_id in applicable:
                parent_id, triggers = applicable[question_id]
                sql += (f" AND response_id IN (SELECT response_id FROM answers WHERE question_id = ? "
                        f"AND option_id IN ({','.join('?' * len(triggers))}))")
                params += [parent_id, *triggers]
            bases[question_id] = int(self.hc.value(sql, params))
        return bases

    def other_texts(self, question_id: int, option_id: int) -> list[str]:
        """What respondents wrote for an 'Other (please specify)' option, in the order they were stored."""
        rows = self.hc.tuples(
            "SELECT text_value FROM answers WHERE question_id = ? AND option_id = ? AND text_value IS NOT NULL "
            "AND trim(text_value) != '' ORDER BY rowid",
            (question_id, option_id),
        )
        return [r[0] for r in rows]
