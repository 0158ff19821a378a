"""A CSV file's records are read whole or refused where they go wrong: a quotation mark that swallows rows into one
answer (wherever it opens and closes), cells past the last heading, NUL characters anywhere, and a file that mixes
UTF-8 and Windows-1252; answers over several lines still import."""

from __future__ import annotations

import codecs

import pytest

from swhc_desktop.importing.infer import infer_questionnaire
from swhc_desktop.importing.sources import UnreadableFile, open_source
from swhc_desktop.storage import HealthCheckFile

from .make_bad_input import CHANGE, HEADINGS, TEAM, TEN_ROWS, csv_text
from .support.files import sha256
from .support.import_support import new_file, run_cli


@pytest.fixture
def survey(tmp_path, folders):
    return new_file(tmp_path, folders)


def swallowing(
    rows, opening: tuple[int, int], closing: tuple[int, int], delimiter: str = ",", headings=HEADINGS
) -> bytes:
    """The file with a quotation mark put at the start of one cell and at the end of another, (row, column) counted
    as a spreadsheet does: the csv reader then takes everything between as one cell."""
    grid = [list(headings), *[list(row) for row in rows]]
    grid[opening[0] - 1][opening[1]] = "\x01" + grid[opening[0] - 1][opening[1]]
    grid[closing[0] - 1][closing[1]] = grid[closing[0] - 1][closing[1]] + "\x02"
    text = csv_text(grid[0], grid[1:], delimiter=delimiter)
    return text.replace("\x01", '"').replace("\x02", '"').encode()


COMMENT, TEAM_COLUMN, ID_COLUMN, STAY_COLUMN = HEADINGS.index(CHANGE), HEADINGS.index(TEAM), 0, 8


@pytest.mark.parametrize(
    "opening, closing, delimiter, says",
    [
        ((5, COMMENT), (6, COMMENT), ",", "row 5, column J, that is closed only 1 line later"),
        ((5, COMMENT), (7, COMMENT), ",", "row 5, column J, that is closed only 2 lines later"),
        ((4, COMMENT), (10, COMMENT), ",", "row 4, column J, that is closed only 6 lines later"),
        ((5, TEAM_COLUMN), (6, TEAM_COLUMN), ",", "row 5, column F, that is closed only 1 line later"),
        ((5, TEAM_COLUMN), (6, STAY_COLUMN), ",", "row 5, column F, that is closed only 1 line later"),
        ((5, STAY_COLUMN), (7, TEAM_COLUMN), ",", "row 5, column I, that is closed only 2 lines later"),
        ((7, ID_COLUMN), (8, ID_COLUMN), ",", "row 7, column A, that is closed only 1 line later"),
        ((2, COMMENT), (3, COMMENT), ",", "row 2, column J"),
        ((2, TEAM_COLUMN), (3, TEAM_COLUMN), ",", "row 2, column F"),
        ((10, COMMENT), (11, COMMENT), ",", "row 10, column J"),
        ((5, COMMENT), (7, COMMENT), ";", "row 5, column J, that is closed only 2 lines later"),
        ((5, COMMENT), (7, COMMENT), "\t", "row 5, column J, that is closed only 2 lines later"),
        ((1, COMMENT), (2, COMMENT), ",", "the heading in row 1, column J"),
    ],
    ids=lambda value: str(value),
)
def test_a_quotation_mark_that_swallows_rows_is_refused_where_it_opens(
    survey, tmp_path, capsys, opening, closing, delimiter, says
):
    export = tmp_path / "swallowed.csv"
    headings = [*HEADINGS[:-1], "Comments"]  # a heading without a comma, so that it is not quoted already
    export.write_bytes(swallowing(TEN_ROWS, opening, closing, delimiter, headings))
    with pytest.raises(UnreadableFile, match=says.replace("(", r"\(")):
        list(open_source(export).rows())
    before = sha256(survey)
    code, out, err = run_cli(capsys, "import", survey, "2024", export)
    assert code == 2 and len(err.strip().splitlines()) == 1 and says in err, err
    assert "Nothing was imported" in err
    assert sha256(survey) == before
    code, _, err = run_cli(capsys, "cycle-add", survey, "2025", "--infer-from", export)
    assert code == 2 and says in err
    assert sha256(survey) == before


def test_a_quotation_mark_that_swallows_rows_in_a_plain_table_of_words_is_refused_too(tmp_path):
    rows = [
        [["Assessment", "Care leavers", "Children in care"][n % 3], ["Yes", "No", "Not sure"][n % 3], f"Comment {n}"]
        for n in range(12)
    ]
    export = tmp_path / "plain.csv"
    export.write_bytes(swallowing(rows, (6, 2), (7, 2), headings=[TEAM, "Staying?", CHANGE]))
    with pytest.raises(UnreadableFile, match="row 6, column C"):
        list(open_source(export).rows())


COMMENTS_OVER_LINES = [
    "Pay, hours, travel\nManagers, staff, everyone, all of us",
    "Line one\n\nLine three, with a comma, and another",
    "1, 2, 3\n4, 5, 6",
    "Assessment is hard\nCare leavers, Yes, No, 40, 12",
    "What I'd change:\r\n- caseloads\r\n- travel time, parking\r\n- IT, laptops, phones",
    '"Quoted" words, and a line break\nthen "more", 40 hours, 2 days',
    "13/05/2024 was a bad day\n12/05/2024, 14/05/2024 too",
]


def test_answers_over_several_lines_with_commas_numbers_and_dates_still_import(survey, tmp_path, capsys):
    rows = [list(row) for row in TEN_ROWS]
    for row, comment in zip(rows, COMMENTS_OVER_LINES, strict=False):
        row[COMMENT] = comment
    export = tmp_path / "comments.csv"
    export.write_bytes(csv_text(HEADINGS, rows).encode())
    code, out, err = run_cli(capsys, "import", survey, "2024", export)
    assert code == 0, err
    assert "Added 10 responses" in out
    with HealthCheckFile.open(survey, read_only=True) as hc:
        stored = [
            t for (t,) in hc.tuples("SELECT text_value FROM answers WHERE text_value IS NOT NULL ORDER BY response_id")
        ]
    assert stored == [*COMMENTS_OVER_LINES, *(row[COMMENT] for row in TEN_ROWS[len(COMMENTS_OVER_LINES) :])]
    assert infer_questionnaire(export).question_count == 5


def test_cells_past_the_last_heading_make_a_problem_row_named_by_its_number(survey, tmp_path, capsys):
    rows = [list(row) for row in TEN_ROWS]
    rows[3] = rows[3][:COMMENT] + ["Less paperwork", "more staff"]  # a comma typed into an unquoted comment
    rows[6] = rows[6] + ["", "   "]  # empty cells at the end of the line are nothing out of place
    export = tmp_path / "shifted.csv"
    export.write_bytes(csv_text(HEADINGS, rows).encode())
    before = sha256(survey)
    code, out, err = run_cli(capsys, "import", survey, "2024", export)
    assert code == 2 and "1 row cannot be imported; the first is row 5 (column K)" in err, err
    assert "1 cell past the last heading (column J) holds something, from 'more staff' on" in out
    assert sha256(survey) == before
    code, out, err = run_cli(capsys, "import", survey, "2024", export, "--skip-invalid-rows")
    assert code == 0 and "Added 9 responses" in out and "1 row with problems skipped" in out


def test_a_nul_character_anywhere_in_a_utf16_file_is_refused_with_its_row(tmp_path):
    rows = [list(row) for row in TEN_ROWS] * 30  # past the first 256 KB, where the separator is looked for
    for row in rows:
        row[COMMENT] = "Less paperwork " * 60
    rows[290] = [*rows[290][:COMMENT], "Less\x00paperwork"]
    export = tmp_path / "unicode.txt"
    export.write_bytes(codecs.BOM_UTF16_LE + csv_text(HEADINGS, rows, delimiter="\t").encode("utf-16-le"))
    with pytest.raises(UnreadableFile, match="row 292 holds a NUL character"):
        list(open_source(export).rows())


def test_a_file_mixing_utf8_and_windows_1252_keeps_every_accent_and_says_so(tmp_path):
    utf8 = "Café naïve, “quoted” — 5 € ".encode()
    windows = "Crème brûlée £5".encode("cp1252")
    export = tmp_path / "mixed.csv"
    export.write_bytes(
        codecs.BOM_UTF8
        + b'Team,Comment\r\nAssessment,"'
        + utf8
        + b'"\r\nCare leavers,'
        + windows
        + b" and "
        + "Zoë".encode()
        + b"\r\n"
    )
    source = open_source(export)
    assert list(source.rows())[1:] == [
        ["Assessment", "Café naïve, “quoted” — 5 € "],
        ["Care leavers", "Crème brûlée £5 and Zoë"],
    ]
    assert "UTF-8, except 4 characters on 1 line read as Windows-1252" in source.describe()


def test_a_file_wholly_in_windows_1252_or_latin_1_is_said_to_be(tmp_path):
    export = tmp_path / "excel.csv"
    export.write_bytes("Team,Comment\r\nAssessment,Café £5\r\n".encode("cp1252"))
    assert "Windows-1252 (Excel on Windows)" in open_source(export).describe()
    export.write_bytes(b"Team,Comment\r\nAssessment,odd \x81 byte\r\n")
    assert "Latin-1" in open_source(export).describe()
