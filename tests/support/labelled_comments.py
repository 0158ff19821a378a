"""A health-check file holding the labelled comments of tests/fixtures/comments/ as one cycle's responses: each comment
answers its question, from one of four teams of about a hundred (so every team is shown beside its comments)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from benchmarks.comment_measures import Labelled, labelled_comments
from swhc_desktop.domain.records import AnswerValue, BatchKind, NewBatch, NewResponse
from swhc_desktop.paths import UserFolders
from swhc_desktop.questionnaires.templates import load_template
from swhc_desktop.storage import HealthCheckFile

CYCLE = "2025"
QUESTIONS = {"change": "change_one_thing", "good": "good_about_working_here", "other": "other_comments"}


def planted_names(comments: list[Labelled]) -> list[str]:
    """Every name and contact detail planted in the labelled comments, as written."""
    return [c.text[start:end] for c in comments for start, end in c.planted]


def build_labelled_file(path: Path, folders: UserFolders, comments: list[Labelled] | None = None) -> list[Labelled]:
    comments = labelled_comments() if comments is None else comments
    with HealthCheckFile.create(path, "Labelled Borough Council", folders=folders) as hc:
        cycle_id = hc.cycles.add(CYCLE, staff_invited=600)
        hc.questionnaires.add_questionnaire(cycle_id, load_template("staff-survey"))
        questionnaire = hc.questionnaires.load(cycle_id)
        by_code = {q.code: q for q in questionnaire.questions()}
        teams = by_code["team"].options[:4]
        role = by_code["role"].options[1]
        responses = [
            NewResponse(
                (
                    AnswerValue(by_code["team"].id, option_id=teams[n % len(teams)].id),
                    AnswerValue(by_code["role"].id, option_id=role.id),
                    AnswerValue(by_code[QUESTIONS[comment.question]].id, text=comment.text),
                ),
                external_id=f"r{n}",
                submitted_on=dt.date(2026, 5, 1),
            )
            for n, comment in enumerate(comments)
        ]
        hc.responses.add_batch(cycle_id, NewBatch(BatchKind.IMPORT, "labelled comments.csv"), responses)
    return comments
