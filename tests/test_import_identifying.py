"""Columns that identify people are recognised by heading (a family of wordings) and by what they hold (e-mail
addresses, phone numbers, staff numbers, postcodes, IP addresses, personal names): never stored, nor made into
questions by `cycle-add --infer-from`, nor printed in the anonymised export, unless the PSW keeps them with a reason.
Ordinary comment columns that mention an address or a name, and every answer column of the real exports, are not."""

from __future__ import annotations

import csv
import io

import pytest

from swhc_desktop.importing import layouts
from swhc_desktop.importing.identifying import identifying_heading, identifying_values
from swhc_desktop.importing.layouts import read_layout
from swhc_desktop.importing.sources import open_source
from swhc_desktop.storage import HealthCheckFile

from .support.import_support import REAL_EXPORTS, new_file, run_cli

TEAM = "Which team do you work in?"
SHARED_REAL_EXPORTS = REAL_EXPORTS.parents[3] / "shared" / "fixtures" / "real-exports"

IDENTIFYING_HEADINGS = [
    "Your name",
    "Full name",
    "Name (optional)",
    "Your Name:",
    "NAME",
    "First name",
    "Surname",
    "Forename",
    "What is your name?",
    "Full Name (optional)",
    "Line manager's name",
    "E-mail",
    "E-mail address",
    "Email address (optional)",
    "Your email",
    "Work email address",
    "Please enter your email address",
    "Email (if you are happy to be contacted)",
    "Username",
    "User name",
    "Network login",
    "Phone",
    "Phone number",
    "Mobile No.",
    "Tel.",
    "Contact number",
    "Employee ID",
    "Employee number",
    "Staff number",
    "Staff ID",
    "Payroll number",
    "Payroll No",
    "NI number",
    "National Insurance number",
    "Postcode",
    "Home postcode",
    "Post code",
    "Date of birth",
    "DOB",
    "Home address",
    "Address",
    "Signature",
    "Email for follow up",
    "Name (if you wish)",
    "Your phone number, so we can call you back",
]
ORDINARY_HEADINGS = [
    TEAM,
    "Team name",
    "Name of your team",
    "How often do you check your email out of hours?",
    "Do you have a work mobile phone?",
    "Which phone system do you use?",
    "Staff numbers in your team are adequate",
    "Contact with families",
    "How many staff are in your team?",
    "Anything else?",
    "Comments",
    "Name your main worry",
    "What would you name as the biggest change?",
    "Name for your team's new project",
    "Phone or video calls: which do you prefer?",
]

PEOPLE = ["Jo Bloggs", "Mary-Ann O'Neill", "Priya Sharma", "Tomasz Nowak", "Kwame Mensah", "Siobhan Murphy"]
COLUMNS_BY_CONTENT = {
    "e-mail addresses": [
        "jo.bloggs@anytown.gov.uk",
        "m.oneill@council.example",
        "priya@example.org",
        "",
        "anonymous",
        "t.nowak@anytown.gov.uk",
    ],
    "phone numbers": ["07700 900123", "(01632) 960 001", "+44 7700 900456", "0161 496 0000", "", "07700900789"],
    "staff or payroll numbers": ["EMP00012", "EMP00458", "E-45213", "EMP01187", "EMP00093", "EMP00110"],
    "postcodes": ["SW1A 1AA", "M1 1AE", "B33 8TH", "CR2 6XH", "DN55 1PT", "EH1 1YZ"],
    "IP addresses": ["192.0.2.10", "198.51.100.7", "2001:db8::1", "203.0.113.99", "192.0.2.11", "192.0.2.12"],
    "people's names": PEOPLE,
}
ORDINARY_CONTENT = {
    "comments mentioning an address or a name": [
        "Email me at jo@anytown.gov.uk if you want to talk",
        "Jo Bloggs is a great manager",
        "More staff please",
        "Less paperwork",
        "Parking",
        "Ask Priya in HR, priya@example.org",
        "Smaller caseloads",
        "Better IT",
    ],
    "teams": ["Assessment", "Care leavers", "Children in care", "Assessment", "Care leavers", "Family support"],
    "offices named after people": [
        "Victoria House",
        "Florence Street",
        "Victoria House",
        "Civic Centre",
        "Town Hall",
        "Florence Street",
    ],
    "people chosen again and again (the options of a question)": ["Anne", "Joyce", "Anne", "Tessa", "Joyce", "Anne"],
    "hours": ["37.5", "40", "45", "22.5", "37", "40"],
    "years": ["1985", "1990", "2001", "1978", "1999", "2010"],
    "agreement": ["Agree", "Strongly agree", "Disagree", "Neither agree nor disagree", "Agree", "Agree"],
}


@pytest.fixture
def survey(tmp_path, folders):
    return new_file(tmp_path, folders)


@pytest.mark.parametrize("heading", IDENTIFYING_HEADINGS)
def test_headings_that_ask_who_someone_is_are_recognised(heading):
    assert identifying_heading(heading) is not None


@pytest.mark.parametrize("heading", ORDINARY_HEADINGS)
def test_questions_that_mention_a_name_or_an_address_are_not(heading):
    assert identifying_heading(heading) is None


@pytest.mark.parametrize("kind", COLUMNS_BY_CONTENT)
def test_columns_whose_answers_are_identifiers_are_recognised_whatever_their_heading(kind):
    found = identifying_values(COLUMNS_BY_CONTENT[kind])
    assert found is not None and found.reason == f"its answers are {kind}"


@pytest.mark.parametrize("kind", ORDINARY_CONTENT)
def test_columns_of_ordinary_answers_are_not(kind):
    assert identifying_values(ORDINARY_CONTENT[kind]) is None


def export_with(tmp_path, extra: dict[str, list[str]]):
    """A Google Forms export: six responses with a team, and the extra columns given."""
    rows = [
        [
            f"1{n}/05/2024 10:00:00",
            ["Assessment", "Care leavers", "Children in care"][n % 3],
            *(values[n] for values in extra.values()),
        ]
        for n in range(6)
    ]
    buffer = io.StringIO()
    csv.writer(buffer).writerows([["Timestamp", TEAM, *extra], *rows])
    path = tmp_path / "Form responses 1.csv"
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


def file_text(path) -> str:
    return path.read_bytes().decode("latin-1")


def test_the_attack_report_s_unlisted_headings_are_neither_questions_nor_stored_nor_exported(survey, tmp_path, capsys):
    extra = {
        "Your name": PEOPLE,
        "Work email address": COLUMNS_BY_CONTENT["e-mail addresses"],
        "Phone number": COLUMNS_BY_CONTENT["phone numbers"],
        "Employee number": COLUMNS_BY_CONTENT["staff or payroll numbers"],
        "Username": ["jbloggs", "moneill", "psharma", "tnowak", "kmensah", "smurphy"],
        "Comments 2": COLUMNS_BY_CONTENT["e-mail addresses"],
        "Where": COLUMNS_BY_CONTENT["postcodes"],
    }
    export = export_with(tmp_path, extra)
    code, out, err = run_cli(capsys, "cycle-add", survey, "2025", "--infer-from", export, "--invited", "50")
    assert code == 0, err
    assert "Added cycle 2025 with 1 question " in out
    assert (
        "Left out, as they identify people (not made into questions, and not stored when importing unless kept "
        "with --keep-identifying): Your name, Work email address, Phone number, Employee number, Username, Comments 2 "
        "(its answers are e-mail addresses), Where (its answers are postcodes)"
    ) in out
    code, out, err = run_cli(capsys, "import", survey, "2025", export)
    assert code == 0 and "Added 6 responses" in out, err
    assert "Not stored (identifying): Your name, Work email address" in out
    for values in extra.values():
        for value in values:
            if value and value != "anonymous":
                assert value not in file_text(survey), value
    responses = tmp_path / "responses.csv"
    assert (
        run_cli(capsys, "export", survey, "2025", "--what", "responses", "--format", "csv", "--out", responses)[0] == 0
    )
    exported = responses.read_text(encoding="utf-8-sig")
    assert not any(value in exported for values in extra.values() for value in values if value and value != "anonymous")


def test_a_column_recognised_by_its_answers_is_dropped_from_an_import_too(survey, tmp_path, capsys):
    export = export_with(
        tmp_path,
        {"If no or not sure, what are your reasons for thinking of leaving?": COLUMNS_BY_CONTENT["phone numbers"]},
    )
    code, out, err = run_cli(capsys, "import", survey, "2024", export)
    assert code == 0, err
    assert (
        "Not stored (identifying): If no or not sure, what are your reasons for thinking of leaving? (its answers "
        "are phone numbers)"
    ) in out
    assert "07700 900123" not in file_text(survey)


def test_kept_with_a_reason_they_are_stored_apart_under_what_they_are(survey, tmp_path, capsys, folders):
    export = export_with(tmp_path, {"Your name": PEOPLE, "Contact": COLUMNS_BY_CONTENT["e-mail addresses"]})
    code, out, err = run_cli(
        capsys, "import", survey, "2024", export, "--keep-identifying", "Follow-up interviews agreed"
    )
    assert code == 0, err
    assert "Kept (identifying), as asked: Your name, Contact (its answers are e-mail addresses)" in out
    with HealthCheckFile.open(survey, read_only=True) as hc:
        stored = sorted(hc.tuples("SELECT field, value FROM response_identifiers"))
        assert ("name", "Jo Bloggs") in stored and ("email", "jo.bloggs@anytown.gov.uk") in stored
        assert hc.value("SELECT count(*) FROM answers WHERE text_value LIKE '%@%'") == 0


def test_ordinary_comments_are_imported_as_answers(survey, tmp_path, capsys):
    comments = ORDINARY_CONTENT["comments mentioning an address or a name"][:6]
    export = export_with(tmp_path, {"If you could change one thing about your job, what would it be?": comments})
    code, out, err = run_cli(capsys, "import", survey, "2024", export)
    assert code == 0 and "Not stored" not in out, err
    with HealthCheckFile.open(survey, read_only=True) as hc:
        assert hc.value("SELECT count(*) FROM answers WHERE text_value IS NOT NULL") == 6


REAL = sorted(
    p for root in (REAL_EXPORTS, SHARED_REAL_EXPORTS) if root.exists() for p in root.glob("*/*") if p.suffix != ".md"
)


@pytest.mark.parametrize("path", REAL, ids=lambda p: f"{p.parent.parent.parent.name}/{p.parent.name}/{p.name}")
def test_no_answer_column_of_a_real_export_is_taken_for_an_identifier(path):
    """Only the tools' own columns of names, addresses and locations (their headings on the tools' list) are."""
    file_layout = read_layout(open_source(path).sample())
    for column in file_layout.identifying_columns():
        assert not column.identifying_reason, (column.heading, column.identifying_reason)
        assert (
            layouts.normalise(column.heading) in layouts.IDENTIFYING_HEADINGS
            or layouts.normalise(column.code) in layouts.IDENTIFYING_HEADINGS
        ), column.heading


def test_a_column_empty_in_the_first_rows_is_judged_by_its_answers_further_down(survey, tmp_path, capsys):
    """An optional 'leave your e-mail address' column can be empty for hundreds of rows."""
    rows = [[f"{1 + n % 28:02d}/05/2024 10:{n % 60:02d}:00", "Assessment", ""] for n in range(400)]
    for n in (250, 310, 399):
        rows[n][2] = f"person{n}@anytown.gov.uk"
    buffer = io.StringIO()
    csv.writer(buffer).writerows([["Timestamp", TEAM, "Anything else?"], *rows])
    export = tmp_path / "sparse.csv"
    export.write_text(buffer.getvalue(), encoding="utf-8")
    code, out, err = run_cli(capsys, "import", survey, "2024", export)
    assert code == 0, err
    assert "Not stored (identifying): Anything else? (its answers are e-mail addresses)" in out
    assert "person250@" not in file_text(survey)
    code, out, err = run_cli(capsys, "cycle-add", survey, "2025", "--infer-from", export)
    assert code == 0 and "Anything else? (its answers are e-mail addresses)" in out and "with 1 question " in out


def test_a_column_mostly_of_bare_email_addresses_is_an_email_column_whatever_else_some_wrote():
    answers = ["jo@anytown.gov.uk", "Happy to talk", "sam@anytown.gov.uk", "ali@anytown.gov.uk", "No thanks"]
    assert identifying_values(answers).field == "email"
    assert identifying_values(["Happy to talk", "No thanks", "Call me", "jo@anytown.gov.uk"]) is None
