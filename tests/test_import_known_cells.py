"""Each column remembers what the cells it has read stand for, so that a repeated cell is one look-up: an import read
that way stores exactly the answers, and says exactly the problems and refusals, of one that reads every cell afresh,
for the awkward cells real exports hold (case, spaces, non-breaking spaces, answers joined in one cell, 'Other' texts,
figures with units and out of range, blanks, answers that match no option)."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pytest

from swhc_desktop.domain.errors import InvalidInput
from swhc_desktop.domain.questionnaire import Option, Question, Questionnaire, QuestionType, Section, agreement_options
from swhc_desktop.importing import rows
from swhc_desktop.importing.importer import check_import, preview_import, run_import
from swhc_desktop.importing.rows import ImportOptions, RowReader, RowsSummary
from swhc_desktop.storage import HealthCheckFile

QUESTIONS = {
    "team": "Which team do you work in?",
    "valued": "I feel valued by the council",
    "reasons": "What would make you leave?",
    "stay": "Will you stay for the next year?",
    "hours": "How many hours do you work a week?",
    "comment": "Anything else?",
}
NBSP = "\u00a0"
CELLS = {
    "team": [
        "Assessment",
        " assessment ",
        "ASSESSMENT",
        f"Assessment{NBSP}",
        f"{NBSP}Front door",
        "Front  door",
        "",
        "Duty desk",
        " Duty desk",
        "Front door",
        "assessment",
        "duty desk",
    ],
    "valued": [
        "Strongly agree",
        "strongly agree",
        " Agree ",
        "Don't know",
        "Don’t know",
        "",
        f"Agree{NBSP}",
        "Disagree",
        "Neither agree nor disagree",
        "Agree",
    ],
    "reasons": [
        "Pay;Workload;",
        "Workload;Pay",
        " Pay ; Travel; parking;",
        "Pay;Bus fares;",
        "Bus fares",
        ";",
        "",
        "pay;",
        "Travel; parking",
        "Travel; parking;Pay;",
        "Other;",
        "Workload;Workload;",
        "Pay;",
    ],
    "stay": ["Yes", "yes ", "No", "Maybe", "", "NO", f"Yes{NBSP}", "Maybe "],
    "hours": ["37.5", " 37.5 ", "37.5 hrs", "1,200", "forty", f"40{NBSP}", "", "0", "-1", "37.50", "22 hours", "80"],
    "comment": ["Good team", " Good team ", "", "N/A", "Line one\nline two", "Good team", f"Good{NBSP}team", "-"],
}
ROWS = 90
STEPS = {"team": 1, "valued": 3, "reasons": 5, "stay": 7, "hours": 11, "comment": 13}  # every cell, in many company


def questionnaire() -> Questionnaire:
    other = Option("other", "Other", is_other=True)
    return Questionnaire(
        sections=(
            Section(
                "All",
                (
                    Question(
                        "team",
                        QUESTIONS["team"],
                        QuestionType.SINGLE,
                        is_dimension=True,
                        options=(Option("assessment", "Assessment"), Option("front_door", "Front door"), other),
                    ),
                    Question("valued", QUESTIONS["valued"], QuestionType.SCALE, options=agreement_options(True)),
                    Question(
                        "reasons",
                        QUESTIONS["reasons"],
                        QuestionType.MULTI,
                        options=(
                            Option("pay", "Pay"),
                            Option("workload", "Workload"),
                            Option("travel", "Travel; parking"),
                            other,
                        ),
                    ),
                    Question(
                        "stay",
                        QUESTIONS["stay"],
                        QuestionType.SINGLE,
                        options=(Option("yes", "Yes"), Option("no", "No")),
                    ),
                    Question("hours", QUESTIONS["hours"], QuestionType.NUMBER, unit="hours", min_value=0, max_value=80),
                    Question("comment", QUESTIONS["comment"], QuestionType.TEXT),
                ),
            ),
        ),
        title="Awkward cells",
    )


def forms_export(folder: Path) -> Path:
    """A Microsoft Forms export whose every awkward cell comes back many times, beside different others."""
    export = folder / "Awkward cells.csv"
    with open(export, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["ID", "Start time", "Completion time", "Email", "Name", *QUESTIONS.values()])
        for n in range(ROWS):
            answers = [CELLS[code][(n * STEPS[code] + n // len(CELLS[code])) % len(CELLS[code])] for code in QUESTIONS]
            writer.writerow([str(n + 1), "03/05/2024 10:00:00", "03/05/2024 10:07:00", "anonymous", "", *answers])
    return export


def new_file(path: Path, folders) -> int:
    with HealthCheckFile.create(path, "Anytown", folders=folders) as hc:
        cycle_id = hc.cycles.add("2024")
        hc.questionnaires.add_questionnaire(cycle_id, questionnaire())
    return cycle_id


def stored_answers(path: Path) -> Counter:
    with HealthCheckFile.open(path, read_only=True) as hc:
        return Counter(
            hc.tuples(
                "SELECT r.external_id, q.code, o.code, a.number_value, a.text_value FROM answers a "
                "JOIN responses r ON r.id = a.response_id JOIN questions q ON q.id = a.question_id "
                "LEFT JOIN options o ON o.id = a.option_id"
            )
        )


def said(summary: RowsSummary) -> tuple:
    return (
        summary.rows_read,
        summary.responses,
        summary.invalid_rows,
        summary.empty,
        [str(problem) for problem in summary.problems],
        summary.unmatched,
        summary.dropped,
    )


def import_all_ways(tmp_path: Path, folders, export: Path, name: str) -> dict:
    """What importing the export says and stores: refused as it is, then with invalid rows skipped and answers
    matching no option accepted as no answer."""
    path = tmp_path / f"{name}.swhc"
    cycle_id = new_file(path, folders)
    found: dict = {}
    with HealthCheckFile.open(path, folders=folders) as hc:
        preview = preview_import(hc, cycle_id, export)
        refusals = []
        for options in (ImportOptions(), ImportOptions(skip_invalid_rows=True)):
            with pytest.raises(InvalidInput) as refused:
                run_import(hc, cycle_id, preview, preview.mapping, options)
            refusals.append((type(refused.value).__name__, str(refused.value), refused.value.advice))
        found["refusals"] = refusals
        accepting = ImportOptions(skip_invalid_rows=True, unmatched_as_no_answer=True)
        found["checked"] = said(check_import(hc, cycle_id, preview, preview.mapping, accepting))
        found["imported"] = said(run_import(hc, cycle_id, preview, preview.mapping, accepting).summary)
    found["stored"] = stored_answers(path)
    return found


def test_cells_remembered_give_every_answer_problem_and_refusal_of_cells_read_afresh(tmp_path, folders, monkeypatch):
    export = forms_export(tmp_path)
    remembered = import_all_ways(tmp_path, folders, export, "remembered")
    monkeypatch.setattr(rows, "CACHED_CELLS", 0)  # no cell is remembered: each is read afresh
    afresh = import_all_ways(tmp_path, folders, export, "afresh")

    assert remembered == afresh
    assert remembered["stored"] and remembered["imported"][2] > 0  # answers stored and invalid rows skipped
    assert "Maybe" in remembered["imported"][6]["stay"]  # an answer matching no option, left out as asked
    assert any(text and "Duty desk" in text for *_, text in remembered["stored"])  # 'Other' kept as text


def test_the_same_responses_come_from_remembered_cells_in_the_same_order(tmp_path, folders, monkeypatch):
    export = forms_export(tmp_path)
    path = tmp_path / "read.swhc"
    cycle_id = new_file(path, folders)
    with HealthCheckFile.open(path, folders=folders) as hc:
        preview = preview_import(hc, cycle_id, export)

    def read() -> tuple[list, tuple, RowReader]:
        options = ImportOptions(skip_invalid_rows=True, unmatched_as_no_answer=True)
        reader = RowReader(preview.source, preview.file_layout, preview.mapping, preview.questionnaire, options)
        summary = RowsSummary()
        return list(reader.responses(summary)), said(summary), reader

    responses, summary, reader = read()
    assert sum(len(question.known) for question in reader.readers) > len(QUESTIONS)  # cells were remembered and reused
    monkeypatch.setattr(rows, "CACHED_CELLS", 0)
    responses_afresh, summary_afresh, reader_afresh = read()
    assert all(not question.known for question in reader_afresh.readers)
    assert responses == responses_afresh
    assert summary == summary_afresh

    # And the file stores each answer read, of every kind, exactly as read.
    survey = preview.questionnaire
    codes = {q.id: q.code for q in survey.questions()}
    options = {o.id: o.code for q in survey.questions() for o in q.options}
    read_answers = Counter(
        (response.external_id, codes[a.question_id], options.get(a.option_id), a.number, a.text)
        for response in responses
        for a in response.answers
    )
    with HealthCheckFile.open(path, folders=folders) as hc:
        run_import(
            hc, cycle_id, preview, preview.mapping, ImportOptions(skip_invalid_rows=True, unmatched_as_no_answer=True)
        )
    assert stored_answers(path) == read_answers
