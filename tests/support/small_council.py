"""A small council's health-check file, for the tests of what a small base does to figures, charts and reports:
two years of 20 responses each, built through the core API, where many answers have no one choosing them (0%),
some questions have everyone choosing the same answer (100%), one question has a single answer (a base of 1) and
one has none (a base of 0)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from swhc_desktop.domain.questionnaire import Question, QuestionType
from swhc_desktop.domain.records import AnswerValue, BatchKind, NewBatch, NewResponse
from swhc_desktop.paths import UserFolders
from swhc_desktop.questionnaires.cycles import start_cycle
from swhc_desktop.storage import HealthCheckFile

RESPONSES = 20
ANSWERED_BY_ONE = "supervision_quality"  # a base of 1
ANSWERED_BY_NONE = "cancelled_visits"  # a base of 0
NUMBER_ANSWERED_BY_ONE = "direct_work_hours"


def _answer(question: Question, respondent: int, year: int) -> AnswerValue | None:
    """Every other question has everyone on its first answer (100%, the rest 0%); the others split between two
    answers, which change places between the years."""
    if question.code == ANSWERED_BY_NONE or (question.code in (ANSWERED_BY_ONE, NUMBER_ANSWERED_BY_ONE) and respondent):
        return None
    if question.qtype is QuestionType.NUMBER:
        return AnswerValue(question.id, number=37.0 if question.code == "hours_worked" else float(10 + respondent % 7))
    if question.qtype is QuestionType.TEXT:
        return (
            AnswerValue(question.id, text=f"Comment {respondent} on {question.code}") if respondent % 3 == 0 else None
        )
    options = [o for o in question.options if not o.excluded_from_base and not o.is_other]
    everyone_alike = (question.id or 0) % 2 == 0 or question.is_dimension
    index = 0 if everyone_alike else (respondent + year) % 2
    return AnswerValue(question.id, options[index % len(options)].id)


def build_small_council(folder: Path) -> Path:
    path = folder / "Smallshire.swhc"
    with HealthCheckFile.create(path, "Smallshire District Council", folders=UserFolders.under(folder / "home")) as hc:
        for year in (2023, 2024):
            cycle = start_cycle(
                hc,
                str(year),
                template_id="staff-survey",
                staff_invited=25,
                opens_on=dt.date(year, 5, 1),
                closes_on=dt.date(year, 5, 31),
            )
            questionnaire = hc.questionnaires.load(cycle.id)
            responses = []
            for respondent in range(RESPONSES):
                answers = []
                for question in questionnaire.questions():
                    follow_up = question.follow_up
                    if follow_up is not None and not any(
                        a.question_id == questionnaire.question(follow_up.parent_code).id
                        and questionnaire.question(follow_up.parent_code).options[0].id == a.option_id
                        and questionnaire.question(follow_up.parent_code).options[0].code in follow_up.option_codes
                        for a in answers
                    ):
                        continue
                    answer = _answer(question, respondent, year)
                    if answer is not None:
                        answers.append(answer)
                responses.append(
                    NewResponse(
                        tuple(answers), external_id=f"S{year}-{respondent:02d}", submitted_on=dt.date(year, 5, 2)
                    )
                )
            hc.responses.add_batch(cycle.id, NewBatch(BatchKind.IMPORT, f"smallshire-{year}.csv"), responses)
    return path
