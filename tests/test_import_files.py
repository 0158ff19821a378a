"""Reading export files: every encoding, separator and shape a council meets, and files that cannot be read."""

from __future__ import annotations

import codecs
import datetime as dt

import pytest

from swhc_desktop.importing.layouts import Layout, Role, detect_layout, read_layout
from swhc_desktop.importing.sources import UnreadableFile, open_source
from swhc_desktop.importing.values import day_first_dates, normalise, parse_date, parse_number, split_joined

ROWS = [
    ["ID", "Team", "How manageable is your caseload?", "Comments"],
    ["1", "Assessment", "Mostly manageable", 'Café staff, "great"\nsecond line'],
    ["2", "Children in care", "Rarely", "£20 parking"],
]


def _write(path, rows, encoding, delimiter=",", newline="\r\n", bom=b""):
    def quote(cell):
        return '"' + cell.replace('"', '""') + '"' if any(c in cell for c in f'{delimiter}"\n') else cell

    text = newline.join(delimiter.join(quote(c) for c in row) for row in rows) + newline
    path.write_bytes(bom + text.encode(encoding))
    return path


@pytest.mark.parametrize(
    "encoding, bom, delimiter, newline",
    [
        ("utf-8", b"", ",", "\r\n"),
        ("utf-8", codecs.BOM_UTF8, ",", "\n"),
        ("utf-16-le", codecs.BOM_UTF16_LE, "\t", "\r\n"),
        ("utf-16-be", codecs.BOM_UTF16_BE, ",", "\n"),
        ("cp1252", b"", ";", "\r\n"),
        ("cp1252", b"", "\t", "\n"),
    ],
)
def test_csv_in_every_encoding_separator_and_line_ending_reads_the_same(tmp_path, encoding, bom, delimiter, newline):
    path = _write(tmp_path / "export.csv", ROWS, encoding, delimiter, newline, bom)
    source = open_source(path)
    assert source.delimiter == delimiter
    assert list(source.rows()) == ROWS
    assert len(source.sha256) == 64


def test_utf16_without_a_bom_is_recognised(tmp_path):
    path = _write(tmp_path / "export.csv", ROWS, "utf-16-le")
    assert list(open_source(path).rows()) == ROWS


def test_trailing_empty_columns_and_short_rows_are_padded(tmp_path):
    path = tmp_path / "export.csv"
    path.write_text("ID,Team,,\n1,Assessment\n2,Care,,\n", encoding="utf-8")
    rows = list(open_source(path).rows())
    assert rows[1] == ["1", "Assessment", "", ""]
    layout = read_layout(rows)
    assert [q.text for q in layout.questions] == ["Team"]


def test_duplicate_empty_and_space_padded_headings(tmp_path):
    path = tmp_path / "export.csv"
    path.write_text(" Team ,Team,,Why?\nA,B,x,because\n", encoding="utf-8")
    layout = read_layout(list(open_source(path).rows()))
    assert [q.key for q in layout.questions] == ["team", "team (2)", "column C", "why"]
    assert layout.questions[0].text == "Team"


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("empty.csv", b"", "is empty"),
        ("old.xls", b"\xd0\xcf\x11\xe0rest", "Excel 97-2003"),
        ("broken.xlsx", b"PK\x03\x04not really a zip", "could not be read as an Excel workbook"),
        ("data.sav", b"$FL2", "SPSS"),
        ("survey.swhc", b"SQLite format 3\x00", "health-check file"),
    ],
)
def test_files_that_cannot_be_read_say_why_and_what_to_do(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(UnreadableFile, match=message) as raised:
        open_source(path)
    assert raised.value.advice


def test_a_missing_file_is_named(tmp_path):
    with pytest.raises(UnreadableFile, match="There is no file"):
        open_source(tmp_path / "nowhere.csv")


def test_xlsx_real_dates_and_numbers_stored_as_text_read_as_text(tmp_path):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Timestamp", "Hours worked", "Caseload"])
    sheet.append([dt.datetime(2024, 5, 3, 14, 30), 37.5, "18"])
    sheet.append([dt.datetime(2024, 5, 4, 9, 0), 40, " 20 "])
    workbook.save(tmp_path / "forms.xlsx")
    source = open_source(tmp_path / "forms.xlsx")
    assert source.kind == "xlsx"
    rows = list(source.rows())
    assert rows[1] == ["2024-05-03 14:30:00", "37.5", "18"]
    assert rows[2][1:] == ["40", " 20 "]
    assert parse_number(rows[2][2]) == 20.0


def test_text_is_normalised_for_matching():
    assert normalise("7. How manageable is your<br>caseload?") == "how manageable is your caseload"
    assert normalise("Q12: Don’t KNOW") == "dont know"
    assert normalise("Équipe  d'accueil") == "equipe daccueil"


def test_numbers_as_staff_type_them():
    assert [parse_number(t) for t in ("37.5", "1,200", " 40 ", "twenty", "", "4O")] == [
        37.5,
        1200.0,
        40.0,
        None,
        None,
        None,
    ]


def test_dates_keep_only_the_day_and_read_us_exports_month_first():
    assert parse_date("2019-06-28 09:05:58") == dt.date(2019, 6, 28)
    assert parse_date("03/05/2024 10:00") == dt.date(2024, 5, 3)
    assert day_first_dates(["7/10/14 18:37", "7/13/14 9:01"]) is False
    assert parse_date("7/13/14 9:01", day_first=False) == dt.date(2014, 7, 13)
    assert parse_date("not a date") is None


def test_joined_answers_are_split_against_known_options_longest_first_and_the_rest_is_other_text():
    options = ["Master’s degree (e.g. MA, MS, MEd)", "Data", "Data transformation", "Visualization"]
    found, rest = split_joined("Data transformation, Master’s degree (e.g. MA, MS, MEd), Knitting, Data", ", ", options)
    assert found == ["Data transformation", "Master’s degree (e.g. MA, MS, MEd)", "Data"]
    assert rest == "Knitting"
    assert split_joined("Pay;Workload;", ";", ["Pay", "Workload"]) == (["Pay", "Workload"], "")


def test_microsoft_forms_layout_from_its_documentation():
    """No real Microsoft Forms export is published: this follows Microsoft's documented columns (ID, Start time,
    Completion time, Email, Name, answers; multi-select joined by ';' with a trailing ';'; 'anonymous' as Email)."""
    rows = [
        ["ID", "Start time", "Completion time", "Email", "Name", "Last modified time", "Team", "Reasons"],
        ["1", "5/3/24 10:01:02", "5/3/24 10:05:00", "anonymous", "", "", "Assessment", "Pay;Workload;"],
    ]
    assert detect_layout(rows) is Layout.MICROSOFT_FORMS
    layout = read_layout(rows)
    roles = {c.heading: c.role for c in layout.columns}
    assert roles["ID"] is Role.RESPONSE_ID and roles["Completion time"] is Role.SUBMITTED
    assert roles["Email"] is Role.IDENTIFYING and roles["Name"] is Role.IDENTIFYING
    assert roles["Start time"] is Role.IGNORED and roles["Last modified time"] is Role.IGNORED
    assert [q.text for q in layout.questions] == ["Team", "Reasons"]
    assert layout.joined_by == ";"


def test_smartsurvey_emailed_rawdata_layout_from_its_documentation():
    """No real emailed SmartSurvey RawData file is published: this follows its documented shape (UserID, UserNo, Name,
    Email, IP Address, Unique ID, Started, Ended, 'Q1. …' headings, two sub-heading rows, '-' for no answer)."""
    rows = [
        [
            "UserID",
            "UserNo",
            "Name",
            "Email",
            "IP Address",
            "Unique ID",
            "Started",
            "Ended",
            "Q1. Which team are you in?",
            "Q2. Why might you leave?",
            "",
            "",
        ],
        ["", "", "", "", "", "", "", "", "Answer", "Pay", "Workload", "Other (please specify)"],
        ["", "", "", "", "", "", "", "", "", "", "", ""],
        [
            "101",
            "1",
            "",
            "",
            "10.0.0.1",
            "a1",
            "03/05/2024 10:00",
            "03/05/2024 10:09",
            "Assessment",
            "Pay",
            "-",
            "Moving",
        ],
    ]
    layout = read_layout(rows)
    assert layout.layout is Layout.SMARTSURVEY and layout.header_rows == 3
    assert [c.heading for c in layout.identifying_columns()] == ["Name", "Email", "IP Address"]
    team, reasons = layout.questions
    assert (team.code, team.text, team.answer_column) == ("Q1", "Which team are you in?", 8)
    assert [label for label, _ in reasons.option_columns] == ["Pay", "Workload"] and reasons.other_column == 11
    assert "-" in layout.no_answer


def test_a_workbook_with_a_sheet_of_instructions_is_read_from_its_sheet_of_responses(tmp_path):
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.title = "How to fill this in"
    workbook.active.append(["Type one row a person. Do not change the headings."])
    responses = workbook.create_sheet("Responses")
    responses.append(["response_id", "submitted_on", "1. Which team do you work in? [team]"])
    responses.append(["R1", "03/05/2024", "Assessment"])
    workbook.save(tmp_path / "template.xlsx")
    source = open_source(tmp_path / "template.xlsx")
    assert source.sheet == "Responses"
    assert list(source.rows())[1] == ["R1", "03/05/2024", "Assessment"]


@pytest.mark.parametrize(
    "shown, number",
    [
        ("1900-02-09", 40.0),
        ("1900-02-06 12:00:00", 37.5),
        ("1900-01-01", 1.0),
        ("1900-02-28", 59.0),
        ("1900-03-01", 61.0),
        ("1905-06-22", 2000.0),
        ("2024-05-13", None),
        ("1950-01-01", None),
        ("1900-13-01", None),
        ("40", None),
    ],
)
def test_a_number_in_a_cell_formatted_as_a_date_is_read_back_as_the_number(shown, number):
    from swhc_desktop.importing.values import number_from_excel_date

    assert number_from_excel_date(shown) == number
