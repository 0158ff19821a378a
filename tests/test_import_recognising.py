"""A later export of a tool that writes no response id (Google Forms: Timestamp and answers) adds only the responses
not imported before: the earlier ones are known again by submission time and answers, also when two people gave
identical answers in the same second; a file imported already is still refused whole."""

from __future__ import annotations

import datetime as dt

import pytest

from swhc_desktop.importing.importer import check_import, preview_import
from swhc_desktop.importing.recognising import submission_time
from swhc_desktop.storage import HealthCheckFile

from .support.files import sha256
from .support.import_support import new_file, run_cli, write_xlsx

TEAM = "Which team do you work in?"
STAY = "Do you intend to stay working for the council for the next 12 months?"
CHANGE = "If you could change one thing about your job, what would it be?"
HEADINGS = ["Timestamp", TEAM, STAY, CHANGE]
MONDAY = [
    ["13/05/2024 09:01:07", "Assessment", "Yes", "Less paperwork"],
    ["13/05/2024 09:05:41", "Care leavers", "No", "Smaller caseloads"],
    ["13/05/2024 11:30:00", "Children in care", "Not sure", "More time with families"],
]
FRIDAY = [*MONDAY, ["17/05/2024 15:12:59", "Assessment", "No", "Parking"]]


@pytest.fixture
def survey(tmp_path, folders):
    return new_file(tmp_path, folders)


def forms_csv(path, rows):
    lines = [",".join(f'"{cell}"' for cell in row) for row in [HEADINGS, *rows]]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def count(path) -> int:
    with HealthCheckFile.open(path, read_only=True) as hc:
        return hc.responses.count(hc.cycles.by_name("2024").id)


def test_a_later_export_adds_only_the_new_responses_and_says_so(survey, tmp_path, capsys):
    code, out, err = run_cli(capsys, "import", survey, "2024", forms_csv(tmp_path / "monday.csv", MONDAY))
    assert code == 0 and "Added 3 responses" in out, err
    code, out, err = run_cli(capsys, "import", survey, "2024", forms_csv(tmp_path / "friday.csv", FRIDAY))
    assert code == 0, err
    assert "Added 1 response " in out
    assert "3 responses already in the cycle (same submission time and answers) not added again" in out
    assert "2024 now has 4 responses from 120 staff invited (3% response rate)." in out
    assert count(survey) == 4


def test_the_same_file_again_is_still_refused_whole(survey, tmp_path, capsys):
    monday = forms_csv(tmp_path / "monday.csv", MONDAY)
    assert run_cli(capsys, "import", survey, "2024", monday)[0] == 0
    before = sha256(survey)
    code, _, err = run_cli(capsys, "import", survey, "2024", monday)
    assert code == 2 and "has already been imported into this cycle (batch 1)" in err
    assert sha256(survey) == before


def test_a_later_export_with_nothing_new_adds_nothing_and_changes_nothing(survey, tmp_path, capsys):
    assert run_cli(capsys, "import", survey, "2024", forms_csv(tmp_path / "monday.csv", MONDAY))[0] == 0
    before = sha256(survey)
    same_rows = forms_csv(tmp_path / "monday again.csv", MONDAY + [["", "", "", ""]])  # other bytes, same responses
    code, _, err = run_cli(capsys, "import", survey, "2024", same_rows)
    assert code == 2 and "3 responses already in this cycle (same submission time and answers)" in err
    assert sha256(survey) == before


def test_two_people_with_identical_answers_in_the_same_second_are_both_kept_and_neither_doubled(
    survey, tmp_path, capsys
):
    twins = [MONDAY[0], MONDAY[0], MONDAY[1]]
    code, out, _ = run_cli(capsys, "import", survey, "2024", forms_csv(tmp_path / "monday.csv", twins))
    assert code == 0 and "Added 3 responses" in out
    code, out, _ = run_cli(capsys, "import", survey, "2024", forms_csv(tmp_path / "friday.csv", [*twins, FRIDAY[3]]))
    assert code == 0 and "Added 1 response " in out and "3 responses already in the cycle" in out
    code, out, _ = run_cli(
        capsys, "import", survey, "2024", forms_csv(tmp_path / "june.csv", [*twins, FRIDAY[3], MONDAY[0]])
    )
    assert code == 0 and "Added 1 response " in out, "a third identical response in that second is a new one"
    assert count(survey) == 5


def test_an_export_saved_as_a_workbook_is_recognised_too(survey, tmp_path, capsys):
    assert run_cli(capsys, "import", survey, "2024", forms_csv(tmp_path / "monday.csv", MONDAY))[0] == 0
    rows = [[dt.datetime.strptime(row[0], "%d/%m/%Y %H:%M:%S"), *row[1:]] for row in FRIDAY]
    workbook = write_xlsx(tmp_path / "friday.xlsx", HEADINGS, rows)
    code, out, err = run_cli(capsys, "import", survey, "2024", workbook)
    assert code == 0 and "Added 1 response " in out, err
    assert count(survey) == 4


def test_an_edited_response_is_added_and_the_earlier_version_is_said_to_be_missing(survey, tmp_path, capsys):
    """Google Forms can let respondents edit: the row then has a new time and answers. Which earlier response it
    replaces cannot be known, so both stay and the PSW is told how to count each person once."""
    assert run_cli(capsys, "import", survey, "2024", forms_csv(tmp_path / "monday.csv", MONDAY))[0] == 0
    edited = [MONDAY[0], ["14/05/2024 08:00:00", "Care leavers", "Not sure", "Smaller caseloads"], MONDAY[2]]
    code, out, err = run_cli(capsys, "import", survey, "2024", forms_csv(tmp_path / "tuesday.csv", edited))
    assert code == 0, err
    assert "Added 1 response " in out and "2 responses already in the cycle" in out
    assert (
        "1 response imported earlier from this form is not in this file: edited or deleted in the form since? "
        "They are still in the cycle. If answers were edited, remove the earlier batch"
    ) in out


def test_a_different_form_with_no_response_in_common_adds_all_without_a_warning(survey, tmp_path, capsys):
    assert run_cli(capsys, "import", survey, "2024", forms_csv(tmp_path / "monday.csv", MONDAY))[0] == 0
    other = [["20/05/2024 10:00:00", "Assessment", "Yes", "Less paperwork"]]
    code, out, _ = run_cli(capsys, "import", survey, "2024", forms_csv(tmp_path / "paper form.csv", other))
    assert code == 0 and "Added 1 response " in out and "not in this file" not in out


def test_rows_without_a_time_are_never_taken_for_earlier_ones(survey, tmp_path, capsys):
    """With neither a response id nor a time, two people's identical answers are two responses, in any file."""
    for name in ("first.csv", "second.csv"):
        (tmp_path / name).write_text(
            f"{TEAM},{STAY}\nAssessment,Yes\nAssessment,Yes\n{'Care leavers,No' if name == 'second.csv' else ''}\n",
            encoding="utf-8",
        )
        assert run_cli(capsys, "import", survey, "2024", tmp_path / name)[0] == 0
    assert count(survey) == 5


def test_the_check_the_wizard_shows_counts_the_responses_already_there(survey, tmp_path, folders, capsys):
    assert run_cli(capsys, "import", survey, "2024", forms_csv(tmp_path / "monday.csv", MONDAY))[0] == 0
    with HealthCheckFile.open(survey, folders=folders) as hc:
        cycle_id = hc.cycles.by_name("2024").id
        preview = preview_import(hc, cycle_id, forms_csv(tmp_path / "friday.csv", FRIDAY))
        summary = check_import(hc, cycle_id, preview, preview.mapping)
    assert (summary.responses, summary.already_present, summary.recognised_by) == (
        1,
        3,
        "same submission time and answers",
    )


@pytest.mark.parametrize(
    "written, day_first, read",
    [
        ("13/05/2024 16:40:00", True, "2024-05-13T16:40:00"),
        ("2024-05-13 16:40:00", True, "2024-05-13T16:40:00"),
        ("5/13/2024 4:40:00 PM", False, "2024-05-13T16:40:00"),
        ("2024/05/13 4:40:00 pm GMT+1", True, "2024-05-13T16:40:00"),
        ("13/05/2024 12:05 AM", True, "2024-05-13T00:05:00"),
        ("13/05/2024", True, "2024-05-13"),
        ("yesterday at noon", True, "yesterday at noon"),
    ],
)
def test_submission_times_read_the_same_whatever_form_they_are_written_in(written, day_first, read):
    assert submission_time(written, day_first) == read
