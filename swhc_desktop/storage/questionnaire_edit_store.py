"""Changing a cycle's questionnaire piece by piece: sections, questions, answer options, follow-ups, wording changes.

Items are found as the designer names them: a section by its place in the questionnaire, a question by its code
(unique in a cycle), an option by its code within its question. Ids never leave this module, so an edit that is
undone and redone finds its items again even when a deleted row came back with a new id.

These operations write without an audit entry of their own: the caller (`questionnaire_edits.apply_edit`)
wraps each whole edit in one transaction with one audit entry.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..domain.cycle_order import earlier_than
from ..domain.errors import InvalidInput
from ..domain.questionnaire import Numbering, Option, Question
from ..domain.records import WordingChange
from .clock import now_timestamp
from .questionnaire_store import (
    QUESTION_COLUMNS,
    insert_option_row,
    insert_question_row,
    question_values,
    set_follow_up,
)

if TYPE_CHECKING:
    from .file import HealthCheckFile


class QuestionnaireEditStore:
    def __init__(self, hc: "HealthCheckFile"):
        self.hc = hc

    # ------------------------------------------------------------------ finding things

    def section_ids(self, cycle_id: int) -> list[int]:
        return [
            r[0]
            for r in self.hc.tuples("SELECT id FROM sections WHERE cycle_id = ? ORDER BY position, id", (cycle_id,))
        ]

    def _section_id(self, cycle_id: int, index: int) -> int:
        ids = self.section_ids(cycle_id)
        if not 0 <= index < len(ids):
            raise InvalidInput(f"The questionnaire has no section {index + 1}.")
        return ids[index]

    def _question_id(self, cycle_id: int, code: str) -> int:
        question_id = self.hc.value("SELECT id FROM questions WHERE cycle_id = ? AND code = ?", (cycle_id, code))
        if question_id is None:
            raise InvalidInput(f"The questionnaire has no question with the code '{code}'.")
        return int(question_id)

    def _option_id(self, question_id: int, option_code: str) -> int:
        option_id = self.hc.value(
            "SELECT id FROM options WHERE question_id = ? AND code = ?", (question_id, option_code)
        )
        if option_id is None:
            raise InvalidInput(f"The question has no answer with the code '{option_code}'.")
        return int(option_id)

    def _question_ids_in(self, section_id: int) -> list[int]:
        return [
            r[0]
            for r in self.hc.tuples(
                "SELECT id FROM questions WHERE section_id = ? ORDER BY position, id", (section_id,)
            )
        ]

    def _option_ids_of(self, question_id: int) -> list[int]:
        return [
            r[0]
            for r in self.hc.tuples(
                "SELECT id FROM options WHERE question_id = ? ORDER BY position, id", (question_id,)
            )
        ]

    # ------------------------------------------------------------------ what protects answers and trends

    def answer_counts(self, cycle_id: int) -> dict[str, int]:
        """For each question code of the cycle that has answers, how many responses answered it."""
        rows = self.hc.tuples(
            "SELECT q.code, count(DISTINCT a.response_id) FROM answers a JOIN questions q ON q.id = a.question_id "
            "WHERE q.cycle_id = ? GROUP BY q.code",
            (cycle_id,),
        )
        return {code: count for code, count in rows}

    def option_answer_counts(self, cycle_id: int) -> dict[tuple[str, str], int]:
        """For each (question code, option code) chosen at least once, how many responses chose it."""
        rows = self.hc.tuples(
            "SELECT q.code, o.code, count(DISTINCT a.response_id) FROM answers a JOIN options o ON o.id = a.option_id "
            "JOIN questions q ON q.id = a.question_id WHERE q.cycle_id = ? GROUP BY q.code, o.code",
            (cycle_id,),
        )
        return {(question, option): count for question, option, count in rows}

    def earlier_wordings(self, cycle_id: int, code: str) -> list[tuple[str, str]]:
        """(cycle name, question text) of every earlier cycle that asks a question with this code, oldest first."""
        earlier = earlier_than(self.hc.cycles.all(), self.hc.cycles.get(cycle_id))
        texts = dict(
            self.hc.tuples(
                "SELECT q.cycle_id, q.text FROM questions q WHERE q.code = ? AND q.cycle_id != ?", (code, cycle_id)
            )
        )
        return [(c.name, texts[c.id]) for c in earlier if c.id in texts]

    def wording_changes(self, cycle_id: int) -> list[WordingChange]:
        rows = self.hc.tuples(
            "SELECT q.code, w.previous_text, w.new_text, w.changed_at FROM wording_changes w "
            "JOIN questions q ON q.id = w.question_id WHERE q.cycle_id = ? ORDER BY w.id",
            (cycle_id,),
        )
        return [WordingChange(*row) for row in rows]

    def _note_wording_change(self, cycle_id: int, question_id: int, code: str, old_text: str, new_text: str) -> None:
        """Keep one record a question: its wording as earlier cycles knew it, and its wording now. Changing it
        back (or undoing the change) removes the record, because the trend compares like with like again."""
        if old_text == new_text or not self.earlier_wordings(cycle_id, code):
            return
        record = self.hc.row(
            "SELECT id, previous_text FROM wording_changes WHERE question_id = ? ORDER BY id LIMIT 1", (question_id,)
        )
        if record is None:
            self.hc.execute(
                "INSERT INTO wording_changes (question_id, previous_text, new_text, changed_at) VALUES (?, ?, ?, ?)",
                (question_id, old_text, new_text, now_timestamp()),
            )
        elif record["previous_text"] == new_text:
            self.hc.execute("DELETE FROM wording_changes WHERE question_id = ?", (question_id,))
        else:
            self.hc.execute(
                "UPDATE wording_changes SET new_text = ?, changed_at = ? WHERE id = ?",
                (new_text, now_timestamp(), record["id"]),
            )

    # ------------------------------------------------------------------ the questionnaire as a whole

    def set_settings(self, cycle_id: int, title: str, numbering: Numbering) -> None:
        self.hc.execute("UPDATE cycles SET title = ?, numbering = ? WHERE id = ?", (title, str(numbering), cycle_id))

    def set_in_standard_score(self, cycle_id: int, codes: Sequence[str], feeds: bool) -> None:
        """Make these questions feed their Standard's score, or not (part of an edit's transaction)."""
        for code in codes:
            self.hc.execute(
                "UPDATE questions SET in_standard_score = ? WHERE id = ?",
                (int(feeds), self._question_id(cycle_id, code)),
            )

    def set_cycle_text(self, cycle_id: int, key: str, text: str | None) -> None:
        """Set one of the cycle's texts (such as the paper form's introduction); None goes back to the default."""
        if text is None:
            self.hc.execute("DELETE FROM cycle_texts WHERE cycle_id = ? AND key = ?", (cycle_id, key))
        else:
            self.hc.execute(
                "INSERT INTO cycle_texts (cycle_id, key, text) VALUES (?, ?, ?) "
                "ON CONFLICT (cycle_id, key) DO UPDATE SET text = excluded.text",
                (cycle_id, key, text),
            )

    # ------------------------------------------------------------------ sections

    def insert_section(self, cycle_id: int, index: int, title: str, intro: str) -> None:
        ids = self.section_ids(cycle_id)
        new_id = int(
            self.hc.execute(
                "INSERT INTO sections (cycle_id, position, title, intro) VALUES (?, ?, ?, ?)",
                (cycle_id, index, title, intro),
            ).lastrowid
        )
        ids.insert(min(max(index, 0), len(ids)), new_id)
        self._renumber("sections", ids)

    def delete_section(self, cycle_id: int, index: int) -> None:
        section_id = self._section_id(cycle_id, index)
        if self._question_ids_in(section_id):
            raise InvalidInput("A section can only be deleted once its questions have been deleted or moved.")
        self.hc.execute("DELETE FROM sections WHERE id = ?", (section_id,))
        self._renumber("sections", self.section_ids(cycle_id))

    def update_section(self, cycle_id: int, index: int, title: str, intro: str) -> None:
        self.hc.execute(
            "UPDATE sections SET title = ?, intro = ? WHERE id = ?", (title, intro, self._section_id(cycle_id, index))
        )

    def move_section(self, cycle_id: int, from_index: int, to_index: int) -> None:
        ids = self.section_ids(cycle_id)
        moving = ids.pop(from_index)
        ids.insert(to_index, moving)
        self._renumber("sections", ids)

    # ------------------------------------------------------------------ questions

    def insert_question(self, cycle_id: int, section_index: int, position: int, question: Question) -> None:
        """Add a question with its options at a place in a section. Its follow-up condition is set separately
        (`set_follow_up`), once its parent is in the questionnaire too."""
        if self.hc.value("SELECT 1 FROM questions WHERE cycle_id = ? AND code = ?", (cycle_id, question.code)):
            raise InvalidInput(
                f"The questionnaire already has a question with the code '{question.code}'.",
                "Each question needs its own code.",
            )
        section_id = self._section_id(cycle_id, section_index)
        ids = self._question_ids_in(section_id)
        new_id = insert_question_row(self.hc, cycle_id, section_id, position, question)
        ids.insert(min(max(position, 0), len(ids)), new_id)
        self._renumber("questions", ids)
        # A question put back by undo, or taken from the bank, may be worded otherwise than earlier cycles asked it:
        # the record says so, as it does for a question reworded in place.
        earlier = self.earlier_wordings(cycle_id, question.code)
        if earlier:
            self._note_wording_change(cycle_id, new_id, question.code, earlier[-1][1], question.text)

    def set_follow_up(self, cycle_id: int, code: str, question: Question) -> None:
        set_follow_up(self.hc, cycle_id, self._question_id(cycle_id, code), question.follow_up)

    def delete_questions(self, cycle_id: int, codes: list[str]) -> None:
        """Delete questions (their options and follow-up conditions go with them). Refused while any has answers,
        or while a question that stays is a follow-up of one of them."""
        ids = {code: self._question_id(cycle_id, code) for code in codes}
        answered = [code for code, count in self.answer_counts(cycle_id).items() if code in ids and count]
        if answered:
            raise InvalidInput(
                f"Question '{answered[0]}' has answers, so it cannot be deleted.",
                "Remove the batch of responses that holds them first.",
            )
        marks = ",".join("?" * len(ids))
        dependant = self.hc.value(
            f"SELECT code FROM questions WHERE parent_question_id IN ({marks}) AND id NOT IN ({marks})",
            (*ids.values(), *ids.values()),
        )
        if dependant is not None:
            raise InvalidInput(
                f"Question '{dependant}' is a follow-up of a question being deleted.",
                "Delete the follow-up too, or change its condition first.",
            )
        sections = {
            r[0]
            for r in self.hc.tuples(
                f"SELECT DISTINCT section_id FROM questions WHERE id IN ({marks})", tuple(ids.values())
            )
        }
        self.hc.execute(f"UPDATE questions SET parent_question_id = NULL WHERE id IN ({marks})", tuple(ids.values()))
        self.hc.execute(f"DELETE FROM questions WHERE id IN ({marks})", tuple(ids.values()))
        for section_id in sections:
            self._renumber("questions", self._question_ids_in(section_id))

    def update_question(self, cycle_id: int, code: str, question: Question) -> None:
        """Change a question's own settings and follow-up condition (its options are changed one by one)."""
        question_id = self._question_id(cycle_id, code)
        if question.code != code and self.hc.value(
            "SELECT 1 FROM questions WHERE cycle_id = ? AND code = ?", (cycle_id, question.code)
        ):
            raise InvalidInput(
                f"The questionnaire already has a question with the code '{question.code}'.",
                "Each question needs its own code.",
            )
        old_text = self.hc.value("SELECT text FROM questions WHERE id = ?", (question_id,))
        assignments = ", ".join(f"{column} = ?" for column in QUESTION_COLUMNS)
        self.hc.execute(f"UPDATE questions SET {assignments} WHERE id = ?", (*question_values(question), question_id))
        set_follow_up(self.hc, cycle_id, question_id, question.follow_up)
        self._note_wording_change(cycle_id, question_id, question.code, old_text, question.text)

    def move_question(self, cycle_id: int, code: str, section_index: int, position: int) -> None:
        question_id = self._question_id(cycle_id, code)
        old_section = self.hc.value("SELECT section_id FROM questions WHERE id = ?", (question_id,))
        new_section = self._section_id(cycle_id, section_index)
        self.hc.execute("UPDATE questions SET section_id = ? WHERE id = ?", (new_section, question_id))
        remaining = [i for i in self._question_ids_in(new_section) if i != question_id]
        remaining.insert(min(max(position, 0), len(remaining)), question_id)
        self._renumber("questions", remaining)
        if old_section != new_section:
            self._renumber("questions", self._question_ids_in(old_section))

    # ------------------------------------------------------------------ answer options

    def insert_option(self, cycle_id: int, code: str, position: int, option: Option) -> None:
        question_id = self._question_id(cycle_id, code)
        if self.hc.value("SELECT 1 FROM options WHERE question_id = ? AND code = ?", (question_id, option.code)):
            raise InvalidInput(f"Question '{code}' already has an answer with the code '{option.code}'.")
        ids = self._option_ids_of(question_id)
        ids.insert(min(max(position, 0), len(ids)), insert_option_row(self.hc, question_id, position, option))
        self._renumber("options", ids)

    def delete_option(self, cycle_id: int, code: str, option_code: str) -> None:
        question_id = self._question_id(cycle_id, code)
        option_id = self._option_id(question_id, option_code)
        if self.hc.value("SELECT 1 FROM answers WHERE option_id = ? LIMIT 1", (option_id,)):
            raise InvalidInput(
                f"The answer '{option_code}' of question '{code}' has been chosen by respondents, "
                "so it cannot be deleted.",
                "Remove the batch of responses that holds them first.",
            )
        self.hc.execute("DELETE FROM options WHERE id = ?", (option_id,))
        self._renumber("options", self._option_ids_of(question_id))

    def update_option(self, cycle_id: int, code: str, option_code: str, option: Option) -> None:
        question_id = self._question_id(cycle_id, code)
        option_id = self._option_id(question_id, option_code)
        if option.code != option_code and self.hc.value(
            "SELECT 1 FROM options WHERE question_id = ? AND code = ?", (question_id, option.code)
        ):
            raise InvalidInput(f"Question '{code}' already has an answer with the code '{option.code}'.")
        self.hc.execute(
            "UPDATE options SET code = ?, label = ?, score = ?, polarity = ?, excluded_from_base = ?, is_other = ? "
            "WHERE id = ?",
            (
                option.code,
                option.label,
                option.score,
                str(option.polarity),
                int(option.excluded_from_base),
                int(option.is_other),
                option_id,
            ),
        )

    def move_option(self, cycle_id: int, code: str, option_code: str, position: int) -> None:
        question_id = self._question_id(cycle_id, code)
        option_id = self._option_id(question_id, option_code)
        ids = [i for i in self._option_ids_of(question_id) if i != option_id]
        ids.insert(min(max(position, 0), len(ids)), option_id)
        self._renumber("options", ids)

    # ------------------------------------------------------------------ order

    def _renumber(self, table: str, ids_in_order: list[int]) -> None:
        assert table in ("sections", "questions", "options")
        self.hc.executemany(
            f"UPDATE {table} SET position = ? WHERE id = ?",
            [(position, row_id) for position, row_id in enumerate(ids_in_order)],
        )
