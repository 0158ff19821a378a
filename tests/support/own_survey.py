"""A council's own staff survey, run outside the app (its own wording, its own codes), as its tool exports it."""

from __future__ import annotations

import csv
from pathlib import Path

AGREEMENT = ("Strongly agree", "Agree", "Neither agree nor disagree", "Disagree", "Strongly disagree")
HEADINGS = (
    "Response ID",
    "Which team do you work in?",
    "I often feel stressed by the demands of my job",
    "How often do you receive formal supervision?",
    "How many children are you allocated at the moment?",
    "I feel my work is valued by the council",
    "Anything else you would like to tell us?",
)
FREQUENCY = ("Weekly", "Fortnightly", "Monthly", "Less often than monthly")
TEAMS = ("Assessment", "Children in care", "Care leavers")
ROWS = 20
COMMENTS = (
    "Thank you for asking us again this year",
    "Caseloads in the duty team are still too high",
    "Agile working has made supervision harder to arrange",
    "More time for direct work with families, please",
    "The new recording system takes far too long",
)


def write_own_survey(folder: Path, name: str = "our staff survey 2026.csv") -> Path:
    """20 responses: 8 of them agree they feel stressed (40%), 15 have supervision monthly or more often (75%), and
    caseloads from 5 to 24 (an average of 14.5)."""
    path = folder / name
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADINGS)
        for row in range(ROWS):
            writer.writerow(
                (
                    f"R{row + 1:03d}",
                    TEAMS[row % 3],
                    AGREEMENT[0] if row < 3 else AGREEMENT[1] if row < 8 else AGREEMENT[2 + row % 3],
                    FREQUENCY[row % 3] if row < 15 else FREQUENCY[3],
                    str(5 + row),
                    AGREEMENT[row % 5],
                    COMMENTS[row // 4] if row % 4 == 0 else "",
                )
            )
    return path


def own_survey_file(folder: Path, folders) -> Path:
    """A health-check file whose 2026 cycle was built from the council's own export, with its 20 responses imported."""
    from swhc_desktop.importing.importer import preview_import, run_import
    from swhc_desktop.importing.infer import start_cycle_from_export
    from swhc_desktop.storage import HealthCheckFile

    export = write_own_survey(folder)
    path = folder / "Own survey.swhc"
    with HealthCheckFile.create(path, "Anytown Borough Council", folders=folders) as hc:
        cycle = start_cycle_from_export(hc, "2026", export, staff_invited=40).cycle
        preview = preview_import(hc, cycle.id, export)
        run_import(hc, cycle.id, preview, preview.mapping)
    return path


def own_code(hc, starts: str) -> str:
    """The code the inferred questionnaire gave the question whose wording starts so."""
    questions = hc.questionnaires.load(hc.cycles.by_name("2026").id).questions()
    return next(q.code for q in questions if q.text.startswith(starts))
