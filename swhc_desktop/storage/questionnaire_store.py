"""Each cycle's own copy of the questionnaire: sections, questions, options and follow-up conditions."""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Any

from ..domain.errors import InvalidInput
from ..domain.questionnaire import FollowUp, Numbering, Option, Polarity, Question, Questionnaire, QuestionType, Section

if TYPE_CHECKING:
    from .file import HealthCheckFile


class QuestionnaireStore:
    def __init__(self, hc: "HealthCheckFile"):
        self.hc = hc

    def load(self, cycle_id: int) -> Questionnaire:
        hc = self.hc
        cycle = hc.row("SELECT title, numbering, standards_edition FROM cycles WHERE id = ?", (cycle_id,))
        if cycle is None:
            raise InvalidInput(f"Cycle {cycle_id} is not in this file.")
        options_by_question: dict[int, list[Option]] = defaultdict(list)
        for row in hc.rows(
            "SELECT o.* FROM options o JOIN questions q ON q.id = o.question_id WHERE q.cycle_id = ? "
            "ORDER BY o.question_id, o.position, o.id",
            (cycle_id,),
        ):
            options_by_question[row["question_id"]].append(_option(row))
        triggers: dict[int, list[str]] = defaultdict(list)
        for row in hc.rows(
            "SELECT t.question_id, o.code FROM follow_up_triggers t JOIN options o ON o.id = t.option_id "
            "JOIN questions q ON q.id = t.question_id WHERE q.cycle_id = ? ORDER BY t.question_id, o.position",
            (cycle_id,),
        ):
            triggers[row["question_id"]].append(row["code"])
        question_rows = hc.rows(
            "SELECT q.*, p.code AS parent_code FROM questions q LEFT JOIN questions p ON p.id = q.parent_question_id "
            "WHERE q.cycle_id = ? ORDER BY q.section_id, q.position, q.id",
            (cycle_id,),
        )
        questions_by_section: dict[int, list[Question]] = defaultdict(list)
        for row in question_rows:
            questions_by_section[row["section_id"]].append(
                _question(row, options_by_question[row["id"]], triggers.get(row["id"], []))
            )
        sections = tuple(
            Section(
                title=row["title"], intro=row["intro"], id=row["id"], questions=tuple(questions_by_section[row["id"]])
            )
            for row in hc.rows("SELECT * FROM sections WHERE cycle_id = ? ORDER BY position, id", (cycle_id,))
        )
        return Questionnaire(
            sections=sections,
            title=cycle["title"],
            numbering_style=Numbering(cycle["numbering"]),
            standards_edition=cycle["standards_edition"],
        )

    def add_questionnaire(self, cycle_id: int, questionnaire: Questionnaire) -> None:
        """Store a whole questionnaire in a cycle that has none yet (a new cycle from a template or a copy)."""
        hc = self.hc
        with hc.transaction():
            if hc.value("SELECT count(*) FROM questions WHERE cycle_id = ?", (cycle_id,)):
                raise InvalidInput("This cycle already has a questionnaire.")
            hc.execute(
                "UPDATE cycles SET title = ?, numbering = ?, standards_edition = ? WHERE id = ?",
                (questionnaire.title, str(questionnaire.numbering_style), questionnaire.standards.id, cycle_id),
            )
            question_ids: dict[str, int] = {}
            for section_position, section in enumerate(questionnaire.sections):
                section_id = hc.execute(
                    "INSERT INTO sections (cycle_id, position, title, intro) VALUES (?, ?, ?, ?)",
                    (cycle_id, section_position, section.title, section.intro),
                ).lastrowid
                for question_position, question in enumerate(section.questions):
                    question_ids[question.code] = insert_question_row(
                        hc, cycle_id, int(section_id), question_position, question
                    )
            for question in questionnaire.questions():
                if question.follow_up is not None and question.follow_up.parent_code in question_ids:
                    set_follow_up(hc, cycle_id, question_ids[question.code], question.follow_up)

    def codes_in_other_cycles(self, cycle_id: int) -> dict[str, list[str]]:
        """For each question code of this cycle, the other cycles that ask a question with the same code."""
        found: dict[str, list[str]] = defaultdict(list)
        for row in self.hc.rows(
            "SELECT q.code, c.name FROM questions q JOIN cycles c ON c.id = q.cycle_id "
            "WHERE q.cycle_id != ? AND q.code IN (SELECT code FROM questions WHERE cycle_id = ?) ORDER BY c.name",
            (cycle_id, cycle_id),
        ):
            found[row["code"]].append(row["name"])
        return dict(found)


def question_values(question: Question) -> tuple[Any, ...]:
    """A question's own columns, in the order `QUESTION_COLUMNS` names them, as a row of `questions` holds them."""
    return (
        question.code,
        str(question.qtype),
        question.text,
        question.short_title,
        question.help_text,
        question.standard,
        int(question.is_dimension),
        question.unit,
        question.min_value,
        question.max_value,
        int(question.in_standard_score),
    )


# The columns `question_values` fills, for the statement that updates a question.
QUESTION_COLUMNS = (
    "code",
    "qtype",
    "text",
    "short_title",
    "help_text",
    "standard",
    "is_dimension",
    "unit",
    "min_value",
    "max_value",
    "in_standard_score",
)


def insert_question_row(
    hc: "HealthCheckFile", cycle_id: int, section_id: int, position: int, question: Question
) -> int:
    """Write a question and its options (not its follow-up condition, whose parent may not be written yet)."""
    question_id = int(
        hc.execute(
            "INSERT INTO questions (cycle_id, section_id, position, code, qtype, text, short_title, help_text, "
            "standard, is_dimension, unit, min_value, max_value, in_standard_score) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (cycle_id, section_id, position, *question_values(question)),
        ).lastrowid
    )
    for option_position, option in enumerate(question.options):
        insert_option_row(hc, question_id, option_position, option)
    return question_id


def insert_option_row(hc: "HealthCheckFile", question_id: int, position: int, option: Option) -> int:
    return int(
        hc.execute(
            "INSERT INTO options (question_id, position, code, label, score, polarity, excluded_from_base, is_other) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                question_id,
                position,
                option.code,
                option.label,
                option.score,
                str(option.polarity),
                int(option.excluded_from_base),
                int(option.is_other),
            ),
        ).lastrowid
    )


def set_follow_up(hc: "HealthCheckFile", cycle_id: int, question_id: int, follow_up: FollowUp | None) -> None:
    """Make a question a follow-up of its parent's chosen answers, or (None) an ordinary question again.
    Answer codes the parent does not have are left out; validation names them."""
    hc.execute("DELETE FROM follow_up_triggers WHERE question_id = ?", (question_id,))
    parent_id = None
    if follow_up is not None:
        parent_id = hc.value(
            "SELECT id FROM questions WHERE cycle_id = ? AND code = ?", (cycle_id, follow_up.parent_code)
        )
    hc.execute("UPDATE questions SET parent_question_id = ? WHERE id = ?", (parent_id, question_id))
    if follow_up is None or parent_id is None:
        return
    for option_code in follow_up.option_codes:
        option_id = hc.value("SELECT id FROM options WHERE question_id = ? AND code = ?", (parent_id, option_code))
        if option_id is not None:
            hc.execute(
                "INSERT INTO follow_up_triggers (question_id, option_id) VALUES (?, ?)", (question_id, option_id)
            )


def _option(row: dict[str, Any]) -> Option:
    return Option(
        code=row["code"],
        label=row["label"],
        score=row["score"],
        polarity=Polarity(row["polarity"]),
        excluded_from_base=bool(row["excluded_from_base"]),
        is_other=bool(row["is_other"]),
        id=row["id"],
    )


def _question(row: dict[str, Any], options: list[Option], trigger_codes: list[str]) -> Question:
    follow_up = None
    if row["parent_code"] is not None:
        follow_up = FollowUp(parent_code=row["parent_code"], option_codes=tuple(trigger_codes))
    return Question(
        code=row["code"],
        text=row["text"],
        qtype=QuestionType(row["qtype"]),
        standard=row["standard"],
        options=tuple(options),
        help_text=row["help_text"],
        short_title=row["short_title"],
        is_dimension=bool(row["is_dimension"]),
        follow_up=follow_up,
        unit=row["unit"],
        min_value=row["min_value"],
        max_value=row["max_value"],
        in_standard_score=bool(row["in_standard_score"]),
        id=row["id"],
    )
