"""Workbooks are measured from the zip before the workbook reader touches them: a sheet whose cells reach far enough to
make the reader's grid larger than memory is refused in one line (with memory capped well below what the reader would
ask for, the process still ends with the message), the choice of sheet is the one that holds the responses, and the
user can name the sheet."""

from __future__ import annotations

import subprocess
import sys
import zipfile

import pytest

from swhc_desktop.importing.importer import preview_import
from swhc_desktop.importing.infer import infer_questionnaire
from swhc_desktop.importing.sources import UnreadableFile, open_source
from swhc_desktop.importing.workbooks import _exact_extent, _Parts, _quick_extent, survey_workbook
from swhc_desktop.storage import HealthCheckFile

from .make_bad_input import CASES, FOLDER, GOOD_SHEET, HEADINGS, SUMMARY, Refused, sheet_xml, with_cells, workbook_of
from .support.files import sha256
from .support.import_support import REAL_EXPORTS, filled_template, new_file, run_cli, write_xlsx

MEMORY_LIMIT = 600 * 1024 * 1024
REFUSED_WORKBOOKS = [case.name for case in CASES if case.name.endswith(".xlsx") and isinstance(case.expect, Refused)]
EVERY_WORKBOOK = sorted(
    [*(FOLDER / case.name for case in CASES if case.name.endswith(".xlsx")), *REAL_EXPORTS.glob("*/*.xlsx")]
)


@pytest.fixture
def survey(tmp_path, folders):
    return new_file(tmp_path, folders)


def run_capped(tmp_path, *args) -> subprocess.CompletedProcess:
    script = (
        f"import resource, sys; resource.setrlimit(resource.RLIMIT_AS, ({MEMORY_LIMIT}, {MEMORY_LIMIT})); "
        "from swhc_desktop.cli import main; sys.exit(main(sys.argv[1:]))"
    )
    return subprocess.run(
        [sys.executable, "-c", script, *map(str, args)],
        capture_output=True,
        text=True,
        timeout=300,
        env={"SWHC_HOME": str(tmp_path / "home"), "PATH": "/usr/bin:/bin"},
    )


@pytest.mark.parametrize("name", REFUSED_WORKBOOKS)
def test_every_crafted_workbook_is_refused_in_one_line_with_memory_capped(survey, tmp_path, name):
    """The reader would abort the process (a Rust out-of-memory, which Python cannot catch) or take gigabytes: the
    refusal comes before it is asked, for an import and for a questionnaire built from the file alike."""
    before = sha256(survey)
    for args in (
        ("import", survey, "2024", FOLDER / name),
        ("cycle-add", survey, "2025", "--infer-from", FOLDER / name),
    ):
        result = run_capped(tmp_path, *args)
        assert result.returncode == 2, (result.returncode, result.stderr[-500:])
        assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr, result.stderr
    assert sha256(survey) == before


@pytest.mark.parametrize("path", EVERY_WORKBOOK, ids=lambda path: path.name)
def test_the_quick_measure_agrees_with_the_exact_one(path):
    """Sheets written as Excel writes them are measured by patterns; any other sheet by the exact reading, which
    follows the reader's rules. On the same sheet both give the same extent."""
    try:
        workbook = survey_workbook(path)
    except UnreadableFile:
        return  # refused before any sheet is measured
    with zipfile.ZipFile(path) as archive:
        parts = _Parts(archive, path.name)
        for sheet in workbook.readable_sheets():
            info = parts.find(sheet.part)
            try:
                quick = _quick_extent(parts, info, path.name, sheet.name)
                exact = _exact_extent(parts, info, path.name, sheet.name)
            except UnreadableFile:
                continue
            if quick is not None:
                assert quick == exact, sheet.name


def test_the_workbook_reader_s_own_files_take_the_quick_measure(tmp_path, survey):
    """openpyxl (as the tests and many tools write) and XlsxWriter (the app's own response template) workbooks."""
    from swhc_desktop.outputs.exports.response_template import write_template_xlsx
    from swhc_desktop.questionnaires.handouts import questionnaire_handout

    with HealthCheckFile.open(survey, read_only=True) as hc:
        cycle = hc.cycles.by_name("2024")
        questionnaire = hc.questionnaires.load(cycle.id)
        handout = questionnaire_handout(hc, cycle, check=False)
    headings, rows = filled_template(questionnaire, 30)
    written = [write_xlsx(tmp_path / "openpyxl.xlsx", headings, rows)]
    written.append(write_template_xlsx(handout, tmp_path / "template.xlsx"))
    for path in written:
        with zipfile.ZipFile(path) as archive:
            parts = _Parts(archive, path.name)
            for sheet in survey_workbook(path).readable_sheets():
                assert _quick_extent(parts, parts.find(sheet.part), path.name, sheet.name) is not None, (
                    path,
                    sheet.name,
                )


def test_headings_are_read_from_shared_strings_and_inline_strings(tmp_path):
    path = write_xlsx(tmp_path / "forms.xlsx", ["ID", "Which team do you work in?", "Hours"], [[1, "Assessment", 40]])
    assert survey_workbook(path).sheets[0].headings == ("ID", "Which team do you work in?", "Hours")
    lime = survey_workbook(REAL_EXPORTS / "limesurvey" / "results-survey54231.xlsx").sheets[0]
    assert lime.headings[:3] == ("id", "submitdate", "lastpage") and lime.cells > 1000


def test_an_import_reads_the_sheet_whose_headings_are_the_questions(survey, tmp_path, capsys):
    export = tmp_path / "export.xlsx"
    export.write_bytes(workbook_of([("Sheet2", sheet_xml(SUMMARY * 3)), ("Export 3", GOOD_SHEET)]))
    code, out, err = run_cli(capsys, "import", survey, "2024", export)
    assert code == 0, err
    assert "sheet 'Export 3'" in out and "Its other sheets ('Sheet2') are not read: use --sheet to choose." in out
    assert "Added 3 responses" in out


def test_a_questionnaire_built_from_a_workbook_reads_the_responses_not_the_wider_summary(tmp_path):
    export = tmp_path / "export.xlsx"
    export.write_bytes(workbook_of([("Form1", GOOD_SHEET), ("Summary", sheet_xml(SUMMARY * 3))]))
    texts = [q.text for q in infer_questionnaire(export).questions()]
    assert "Which team do you work in?" in texts and "Question" not in texts


def test_the_user_names_the_sheet(survey, tmp_path, capsys):
    export = tmp_path / "export.xlsx"
    odd = sheet_xml([HEADINGS[:6], ["1", "", "", "", "", "Care leavers"]])
    export.write_bytes(workbook_of([("Form1", GOOD_SHEET), ("Late returns", odd)]))
    code, out, err = run_cli(capsys, "import", survey, "2024", export, "--sheet", " late RETURNS ", "--dry-run")
    assert code == 0, err
    assert "sheet 'Late returns'" in out and "Would add 1 response " in out
    before = sha256(survey)
    code, _, err = run_cli(capsys, "import", survey, "2024", export, "--sheet", "Sheet9")
    assert code == 2 and "has no sheet called 'Sheet9'; its sheets are 'Form1', 'Late returns'" in err
    assert sha256(survey) == before
    code, out, err = run_cli(capsys, "cycle-add", survey, "2025", "--infer-from", export, "--sheet", "Late returns")
    assert code == 0 and "with 1 question " in out, err


def test_naming_a_sheet_too_large_to_read_is_refused_even_when_another_is_fine(survey, tmp_path, capsys):
    export = tmp_path / "export.xlsx"
    far = with_cells('<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>', sheet_xml(SUMMARY))
    export.write_bytes(workbook_of([("Form1", GOOD_SHEET), ("Summary", far)]))
    assert run_cli(capsys, "import", survey, "2024", export, "--dry-run")[0] == 0
    code, _, err = run_cli(capsys, "import", survey, "2024", export, "--sheet", "Summary")
    assert code == 2 and "sheet 'Summary' has a cell as far out as XFD1048576" in err


def test_a_text_file_has_no_sheet_to_name(survey, tmp_path, capsys):
    export = tmp_path / "forms.csv"
    export.write_text("Which team do you work in?\nAssessment\n", encoding="utf-8")
    code, _, err = run_cli(capsys, "import", survey, "2024", export, "--sheet", "Form1")
    assert code == 2 and "is a text file, which has no sheets" in err
    code, _, err = run_cli(capsys, "cycle-add", survey, "2025", "--template", "staff-survey", "--sheet", "Form1")
    assert code == 2 and "--sheet goes with --infer-from" in err


def test_the_core_reads_the_sheet_named(survey, tmp_path, folders):
    export = tmp_path / "export.xlsx"
    export.write_bytes(workbook_of([("Form1", GOOD_SHEET), ("Summary", sheet_xml(SUMMARY))]))
    with HealthCheckFile.open(survey, folders=folders) as hc:
        cycle_id = hc.cycles.by_name("2024").id
        assert preview_import(hc, cycle_id, export).source.sheet == "Form1"
        assert preview_import(hc, cycle_id, export, sheet="Summary").source.sheet == "Summary"
    assert open_source(export).sheet_names == ["Form1", "Summary"]
