"""The corpus of malformed and awkward export files in tests/fixtures/bad-input/, and what importing each must do.

Every file is made here, byte for byte the same each time (workbooks are written without timestamps), so that the
committed corpus can be checked against this script and remade from it:

    .venv/bin/python -m tests.make_bad_input

writes the files and the folder's README.md. tests/test_bad_input.py imports each through `swhc import` and through
the core API, and checks the outcome below: refused with one clear line and the file unchanged, or imported whole
with exactly the answers listed.

Each file answers the staff-survey template's questions (tests/support/import_support.new_file makes that cycle).
"""

from __future__ import annotations

import codecs
import random
import sqlite3
import struct
import tempfile
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

from swhc_desktop.importing.layouts import column_letter

FOLDER = Path(__file__).resolve().parent / "fixtures" / "bad-input"

TEAM = "Which team do you work in?"
HOURS = "How many hours do you work in a typical week, including any work done at home or outside office hours?"
CASELOAD = "How many cases (children) are allocated to you at the moment?"
STAY = "Do you intend to stay working for the council for the next 12 months?"
CHANGE = "If you could change one thing about your job, what would it be?"
FORMS_META = ["ID", "Start time", "Completion time", "Email", "Name"]
HEADINGS = [*FORMS_META, TEAM, HOURS, CASELOAD, STAY, CHANGE]
GOOD_ROWS = [
    ["1", "13/05/2024 09:01", "13/05/2024 09:09", "anonymous", "", "Assessment", "40", "18", "Yes", "Less paperwork"],
    [
        "2",
        "14/05/2024 10:15",
        "14/05/2024 10:20",
        "anonymous",
        "",
        "Care leavers",
        "37.5",
        "12",
        "Not sure",
        "More time with families",
    ],
    [
        "3",
        "15/05/2024 16:40",
        "15/05/2024 16:52",
        "anonymous",
        "",
        "Children in care",
        "45",
        "22",
        "No",
        "Smaller caseloads",
    ],
]


# ---------------------------------------------------------------------------------------------- expectations


@dataclass(frozen=True)
class Refused:
    """The import is refused: exit 2, one line on stderr holding `says`, the health-check file unchanged."""

    says: str


@dataclass(frozen=True)
class Imported:
    """The import succeeds as one batch of `responses`, holding exactly these answers (in the file's row order)."""

    responses: int
    numbers: dict[str, tuple[float, ...]] = field(default_factory=dict)  # question code -> numbers stored
    texts: dict[str, tuple[str, ...]] = field(default_factory=dict)  # question code -> texts stored (an Other's too)
    options: dict[str, tuple[str, ...]] = field(default_factory=dict)  # question code -> option codes chosen
    dates: tuple[str | None, ...] | None = None  # submission dates stored (ISO), when the case is about them


@dataclass(frozen=True)
class BadInput:
    name: str
    tests: str  # what it is and what it tests, for the README
    expect: Refused | Imported
    make: Callable[[], bytes]
    exact: bool = True  # False when made with zlib or SQLite, whose output may differ by version (not by meaning)


GOOD = Imported(
    3,
    numbers={"hours_worked": (40.0, 37.5, 45.0), "caseload": (18.0, 12.0, 22.0)},
    texts={"change_one_thing": ("Less paperwork", "More time with families", "Smaller caseloads")},
    options={"team": ("assessment", "care_leavers", "children_in_care"), "intend_to_stay": ("yes", "not_sure", "no")},
    dates=("2024-05-13", "2024-05-14", "2024-05-15"),
)


# ---------------------------------------------------------------------------------------------- text files


def csv_text(headings: list[str], rows: list[list[str]], delimiter: str = ",", newline: str = "\r\n") -> str:
    def cell(value: str) -> str:
        if any(c in value for c in (delimiter, '"', "\n", "\r")):
            return '"' + value.replace('"', '""') + '"'
        return value

    return "".join(delimiter.join(cell(v) for v in row) + newline for row in [headings, *rows])


def good_csv(encoding: str = "utf-8", **options) -> Callable[[], bytes]:
    return lambda: csv_text(HEADINGS, GOOD_ROWS, **options).encode(encoding)


def with_rows(
    rows: list[list[str]], headings: list[str] = HEADINGS, encoding: str = "utf-8", **options
) -> Callable[[], bytes]:
    return lambda: csv_text(headings, rows, **options).encode(encoding)


def changed(column: str, values: list[str], rows: list[list[str]] = GOOD_ROWS) -> list[list[str]]:
    """The good rows with one column's values replaced, row by row."""
    index = HEADINGS.index(column)
    return [row[:index] + [value] + row[index + 1 :] for row, value in zip(rows, values, strict=True)]


def accented_rows() -> list[list[str]]:
    return changed(CHANGE, ["Café culture: less paperwork", "Naïve hopes… £5 parking", "Staff’s “wellbeing” matters"])


ACCENTED = Imported(
    3,
    texts={
        "change_one_thing": ("Café culture: less paperwork", "Naïve hopes… £5 parking", "Staff’s “wellbeing” matters")
    },
)


def utf16_without_bom() -> bytes:
    return csv_text(HEADINGS, accented_rows()).encode("utf-16-le")


def latin1_only_bytes() -> bytes:
    # 0x81, 0x8d and 0x90 are undefined in Windows-1252, so the file can only be read as Latin-1.
    text = csv_text(HEADINGS, changed(CHANGE, ["Less paperwork \x81", "More time \x8d", "Fewer visits \x90"]))
    return text.encode("latin-1")


def mixed_encodings() -> bytes:
    lines = csv_text(HEADINGS, accented_rows()).splitlines(keepends=True)
    return b"".join(line.encode("cp1252" if n % 2 else "utf-8") for n, line in enumerate(lines))


def random_bytes() -> bytes:
    return random.Random(9).randbytes(4096)


def png_image() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    pixels = zlib.compress(b"\x00\xff\x00\x00" * 4)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 4, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", pixels)
        + chunk(b"IEND", b"")
    )


def pdf_document() -> bytes:
    stream = zlib.compress(b"BT /F1 12 Tf 72 720 Td (Staff survey results) Tj ET")
    return (
        b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Length " + str(len(stream)).encode() + b" /Filter /FlateDecode >>\n"
        b"stream\n" + stream + b"\nendstream\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
    )


def old_excel() -> bytes:
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + b"Workbook" + bytes(1024)


def sqlite_database() -> bytes:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "responses.db"
        connection = sqlite3.connect(path)
        connection.execute("CREATE TABLE responses (team TEXT, hours REAL)")
        connection.executemany("INSERT INTO responses VALUES (?, ?)", [("Assessment", 40), ("Care leavers", 37.5)])
        connection.commit()
        connection.close()
        return path.read_bytes()


def zip_of(parts: dict[str, bytes]) -> bytes:
    """A zip archive with fixed dates, so the same parts always give the same bytes."""
    import io

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            info = zipfile.ZipInfo(name, date_time=(2024, 5, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return buffer.getvalue()


def plain_zip() -> bytes:
    return zip_of({"responses.csv": csv_text(HEADINGS, GOOD_ROWS).encode()})


def word_document() -> bytes:
    return zip_of(
        {
            "[Content_Types].xml": b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            b'content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
            b'officedocument.wordprocessingml.document.main+xml"/></Types>',
            "word/document.xml": b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
            b'wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Staff survey</w:t></w:r></w:p></w:body></w:document>',
        }
    )


# ---------------------------------------------------------------------------------------------- workbooks

CONTENT_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/'
    b'package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-'
    b'package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override '
    b'PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.'
    b'sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.'
    b'openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" '
    b'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>'
)
PACKAGE_RELS = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.'
    b'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
    b'openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
    b"</Relationships>"
)
WORKBOOK = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/'
    b'spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    b'<sheets><sheet name="Form1" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WORKBOOK_RELS = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.'
    b'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
    b'openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
    b'<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    b'styles" Target="styles.xml"/></Relationships>'
)
# Style 1 shows a number as a date and time, as Microsoft Forms writes its time columns.
STYLES = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet xmlns="http://schemas.openxmlformats.org/'
    b'spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy hh:mm"/></numFmts>'
    b'<fonts count="1"><font><sz val="11"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/>'
    b'</fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf/></cellStyleXfs>'
    b'<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="164" applyNumberFormat="1"/></cellXfs></styleSheet>'
)
SHEET_START = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/'
    b'spreadsheetml/2006/main"><sheetData>'
)
SHEET_END = b"</sheetData></worksheet>"


def cell_xml(reference: str, value: object) -> str:
    """A cell: text, a number, ('formula', text, cached value), ('error', '#N/A'), ('date', excel serial)."""
    if value is None or value == "":
        return ""
    if isinstance(value, tuple) and value[0] == "formula":
        _, formula, cached = value
        if cached is None:
            return f'<c r="{reference}"><f>{escape(formula)}</f></c>'
        if isinstance(cached, str):
            return f'<c r="{reference}" t="str"><f>{escape(formula)}</f><v>{escape(cached)}</v></c>'
        return f'<c r="{reference}"><f>{escape(formula)}</f><v>{cached}</v></c>'
    if isinstance(value, tuple) and value[0] == "error":
        return f'<c r="{reference}" t="e"><v>{escape(value[1])}</v></c>'
    if isinstance(value, tuple) and value[0] == "date":
        return f'<c r="{reference}" s="1"><v>{value[1]}</v></c>'
    if isinstance(value, (int, float)):
        return f'<c r="{reference}"><v>{value}</v></c>'
    return f'<c r="{reference}" t="inlineStr"><is><t xml:space="preserve">{escape(str(value))}</t></is></c>'


def sheet_xml(rows: list[list[object]]) -> bytes:
    lines = []
    for number, row in enumerate(rows, start=1):
        cells = "".join(cell_xml(f"{column_letter(i)}{number}", v) for i, v in enumerate(row))
        lines.append(f'<row r="{number}">{cells}</row>')
    return SHEET_START + "".join(lines).encode("utf-8") + SHEET_END


def workbook(rows: list[list[object]]) -> bytes:
    return zip_of(
        {
            "[Content_Types].xml": CONTENT_TYPES,
            "_rels/.rels": PACKAGE_RELS,
            "xl/workbook.xml": WORKBOOK,
            "xl/_rels/workbook.xml.rels": WORKBOOK_RELS,
            "xl/styles.xml": STYLES,
            "xl/worksheets/sheet1.xml": sheet_xml(rows),
        }
    )


def formulas_workbook() -> bytes:
    rows: list[list[object]] = [HEADINGS, *[list(r) for r in GOOD_ROWS]]
    team, hours, caseload, change = (HEADINGS.index(h) for h in (TEAM, HOURS, CASELOAD, CHANGE))
    rows[1][team] = ("formula", '"Assess"&"ment"', "Assessment")
    rows[1][hours] = ("formula", "35+5", 40)
    rows[2][caseload] = ("formula", "SUM(6,6)", None)  # never calculated: no value saved, so no answer
    rows[3][change] = ("formula", 'HYPERLINK("http://example.invalid","Click me")', "Click me")
    return workbook(rows)


def error_cells_workbook() -> bytes:
    rows: list[list[object]] = [HEADINGS, *[list(r) for r in GOOD_ROWS]]
    rows[2][HEADINGS.index(HOURS)] = ("error", "#DIV/0!")
    return workbook(rows)


def excel_dates_workbook() -> bytes:
    rows: list[list[object]] = [HEADINGS, *[list(r) for r in GOOD_ROWS]]
    # 45425 is 13/05/2024 in Excel's count of days; the fraction is the time of day.
    for row, serial in zip(rows[1:], (45425.376, 45426.427, 45427.695), strict=True):
        row[1] = ("date", serial - 0.006)
        row[2] = ("date", serial)
    return workbook(rows)


def numbers_as_dates_workbook() -> bytes:
    """Hours and caseloads typed into cells formatted as dates, as happens when a column is formatted by mistake."""
    rows: list[list[object]] = [HEADINGS, *[list(r) for r in GOOD_ROWS]]
    for row, hours, caseload in zip(rows[1:], (40, 37.5, 45), (18, 12, 22), strict=True):
        row[HEADINGS.index(HOURS)] = ("date", hours)
        row[HEADINGS.index(CASELOAD)] = ("date", caseload)
    return workbook(rows)


def truncated_workbook() -> bytes:
    whole = workbook([HEADINGS, *GOOD_ROWS])
    return whole[: len(whole) // 2]


def empty_workbook() -> bytes:
    return workbook([])


def pk_header_junk() -> bytes:
    return b"PK\x03\x04" + random.Random(4).randbytes(2000)


def huge_cell_workbook() -> bytes:
    rows: list[list[object]] = [HEADINGS, *[list(r) for r in GOOD_ROWS]]
    rows[1][HEADINGS.index(CHANGE)] = LONG_TEXT
    return workbook(rows)


# ---------------------------------------------------------------------------------------------- crafted workbooks

MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
SHARED_STRINGS_REL = REL_NS + "/sharedStrings"


def workbook_of(
    sheets: list[tuple[str, bytes]],
    shared_strings: bytes | None = None,
    targets: list[str] | None = None,
    extra: dict[str, bytes] | None = None,
) -> bytes:
    """A workbook of several sheets (name, sheet XML), each its own part unless `targets` says where each points."""
    targets = targets or [f"worksheets/sheet{n}.xml" for n in range(1, len(sheets) + 1)]
    listed = "".join(
        f'<sheet name="{escape(name)}" sheetId="{n}" r:id="rId{n}"/>' for n, (name, _) in enumerate(sheets, 1)
    )
    book = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="{MAIN_NS}" xmlns:r="{REL_NS}">'
        f"<sheets>{listed}</sheets></workbook>"
    ).encode()
    relations = "".join(
        f'<Relationship Id="rId{n}" Type="{REL_NS}/worksheet" Target="{target}"/>'
        for n, target in enumerate(targets[: len(sheets)], 1)
    )
    relations += f'<Relationship Id="rIdS" Type="{REL_NS}/styles" Target="styles.xml"/>'
    if shared_strings is not None:
        relations += f'<Relationship Id="rIdT" Type="{SHARED_STRINGS_REL}" Target="sharedStrings.xml"/>'
    rels = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats'
        f'.org/package/2006/relationships">{relations}</Relationships>'
    ).encode()
    parts = {
        "[Content_Types].xml": CONTENT_TYPES,
        "_rels/.rels": PACKAGE_RELS,
        "xl/workbook.xml": book,
        "xl/_rels/workbook.xml.rels": rels,
        "xl/styles.xml": STYLES,
    }
    for target, (_, xml) in zip(targets, sheets, strict=False):
        parts.setdefault(target[1:] if target.startswith("/") else f"xl/{target}", xml)
    if shared_strings is not None:
        parts["xl/sharedStrings.xml"] = shared_strings
    parts.update(extra or {})
    return zip_of(parts)


GOOD_SHEET = sheet_xml([HEADINGS, *GOOD_ROWS])


def with_cells(xml: str, sheet: bytes = GOOD_SHEET) -> bytes:
    """The good sheet with more rows (or anything else) written just before the end of its data."""
    return sheet.replace(b"</sheetData>", xml.encode() + b"</sheetData>")


def far_cell(reference: str, value: str = "x") -> bytes:
    row = int("".join(c for c in reference if c.isdigit()))
    return workbook_of(
        [("Form1", with_cells(f'<row r="{row}"><c r="{reference}" t="inlineStr"><is><t>{value}</t></is></c></row>'))]
    )


def far_cell_without_references() -> bytes:
    """The last cell of a sheet reached the reader's other way: a numbered row, then cells counted along it."""
    cells = "<c/>" * (16_383) + '<c t="inlineStr"><is><t>x</t></is></c>'
    return workbook_of([("Form1", with_cells(f'<row r="1048576">{cells}</row>'))])


def far_cell_hidden_from_patterns(kind: str) -> bytes:
    """A far cell the quick reading cannot take at face value: lower-case, prefixed, behind a comment, after a '>'
    inside an attribute."""
    cell = {
        "lower-case": '<c r="xfd1048576" t="inlineStr"><is><t>x</t></is></c>',
        "prefixed": f'<x:c xmlns:x="{MAIN_NS}" r="XFD1048576" t="inlineStr"><x:is><x:t>x</x:t></x:is></x:c>',
        "comment": '<!-- <c r="A5"> --><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c>',
        "angle-in-attribute": '<c note="/>" r="XFD1048576" t="inlineStr"><is><t>x</t></is></c>',
        "spaced": '<c r = "XFD1048576" t="inlineStr"><is><t>x</t></is></c>',
    }[kind]
    return workbook_of([("Form1", with_cells(f'<row r="1048576">{cell}</row>'))])


def two_references() -> bytes:
    return workbook_of(
        [("Form1", with_cells('<row r="5"><c r="A5" r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'))]
    )


def declared_dimension(reference: str, far: str = "") -> bytes:
    sheet = GOOD_SHEET.replace(b"<sheetData>", f'<dimension ref="{reference}"/><sheetData>'.encode())
    if far:
        sheet = with_cells(
            f'<row r="{far[1:] if far[0].isalpha() and not far[1].isalpha() else 1048576}">'
            f'<c r="{far}" t="inlineStr"><is><t>x</t></is></c></row>',
            sheet,
        )
    return workbook_of([("Form1", sheet)])


def shared_strings_bomb(declared: int, actual: int = 1) -> bytes:
    strings = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="{MAIN_NS}" count="{declared}" '
        f'uniqueCount="{declared}">' + "<si/>" * actual + "</sst>"
    ).encode()
    return workbook_of([("Form1", GOOD_SHEET)], shared_strings=strings)


def many_sheets(count: int) -> bytes:
    return workbook_of([(f"Sheet {n}", GOOD_SHEET) for n in range(count)], targets=["worksheets/sheet1.xml"] * count)


SUMMARY = [["Question", *[f"Count {n}" for n in range(1, 20)]], ["Which team?", *range(19)], ["Hours", *range(19)]]


def wide_summary(summary_first: bool = False, responses_name: str = "Form1") -> bytes:
    sheets = [(responses_name, GOOD_SHEET), ("Summary", sheet_xml(SUMMARY))]
    return workbook_of(sheets[::-1] if summary_first else sheets)


def far_cell_on_another_sheet() -> bytes:
    far = with_cells('<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>', sheet_xml(SUMMARY))
    return workbook_of([("Form1", GOOD_SHEET), ("Summary", far)])


def doctype_sheet() -> bytes:
    sheet = GOOD_SHEET.replace(b"<worksheet", b'<!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa">]><worksheet', 1)
    return workbook_of([("Form1", sheet)])


def duplicate_parts() -> bytes:
    import io

    buffer = io.BytesIO(workbook_of([("Form1", GOOD_SHEET)]))
    with zipfile.ZipFile(buffer, "a") as archive:
        info = zipfile.ZipInfo("XL/worksheets/Sheet1.xml", date_time=(2024, 5, 1, 0, 0, 0))
        archive.writestr(info, with_cells('<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'))
    return buffer.getvalue()


def two_workbooks() -> bytes:
    import io

    far = with_cells('<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>')
    first = zipfile.ZipFile(io.BytesIO(workbook_of([("Form1", GOOD_SHEET)])))
    parts = {info.filename: first.read(info) for info in first.infolist()}
    parts["_rels/.rels"] = parts["_rels/.rels"].replace(
        b"</Relationships>",
        b'<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        b'relationships/officeDocument" Target="other/workbook.xml"/></Relationships>',
    )
    for name in ("xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml"):
        parts[name.replace("xl/", "other/", 1)] = parts[name]
    parts["other/worksheets/sheet1.xml"] = far
    return zip_of(parts)


def absolute_target(far: bool) -> bytes:
    sheet = with_cells('<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>') if far else GOOD_SHEET
    return workbook_of(
        [("Form1", sheet)],
        targets=["/xl/worksheets/data.xml"],
        extra={"xl/worksheets/sheet1.xml": GOOD_SHEET} if far else None,
    )


# ---------------------------------------------------------------------------------------------- zip bombs

BOMB_UNIT = b'<row><c t="inlineStr"><is><t>' + b"A" * (1 << 20) + b"</t></is></c></row>"
BOMB_REPEATS = 1024  # a gibibyte of cells once unpacked, from about a megabyte


def zip_bomb(declared_size: int | None = None, repeats: int = BOMB_REPEATS) -> bytes:
    """A real workbook whose one sheet unpacks to over a gigabyte of cells. Each repeated piece is compressed once
    and written many times (a full flush makes each copy stand alone), so it is made in a moment.

    With `declared_size`, the zip's directory claims the sheet is that small: a reader that trusts the directory
    must stop there rather than unpack the rest."""
    parts = {
        "[Content_Types].xml": CONTENT_TYPES,
        "_rels/.rels": PACKAGE_RELS,
        "xl/workbook.xml": WORKBOOK,
        "xl/_rels/workbook.xml.rels": WORKBOOK_RELS,
        "xl/styles.xml": STYLES,
    }
    head = SHEET_START + b'<row r="1"><c r="A1" t="inlineStr"><is><t>' + TEAM.encode() + b"</t></is></c></row>"
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    pieces = [compressor.compress(head) + compressor.flush(zlib.Z_FULL_FLUSH)]
    unit = compressor.compress(BOMB_UNIT) + compressor.flush(zlib.Z_FULL_FLUSH)
    pieces += [unit] * repeats
    pieces.append(compressor.compress(SHEET_END) + compressor.flush())
    crc = zlib.crc32(head)
    for _ in range(repeats):
        crc = zlib.crc32(BOMB_UNIT, crc)
    crc = zlib.crc32(SHEET_END, crc)
    size = len(head) + len(BOMB_UNIT) * repeats + len(SHEET_END)
    members = [(name, *_deflated(data), zlib.crc32(data), len(data)) for name, data in parts.items()]
    body = b"".join(pieces)
    members.append(("xl/worksheets/sheet1.xml", body, len(body), crc, declared_size or size))
    return _raw_zip(members)


def _deflated(data: bytes) -> tuple[bytes, int]:
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    body = compressor.compress(data) + compressor.flush()
    return body, len(body)


def _raw_zip(members: list[tuple[str, bytes, int, int, int]]) -> bytes:
    """A zip written field by field (name, compressed body, compressed size, CRC, size as declared)."""
    local, central = bytearray(), bytearray()
    for name, body, compressed, crc, size in members:
        encoded = name.encode()
        offset = len(local)
        local += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0x5821, crc, compressed, size, len(encoded), 0)
        local += encoded + body
        central += (
            struct.pack(
                "<IHHHHHHIIIHHHHHII",
                0x02014B50,
                20,
                20,
                0,
                8,
                0,
                0x5821,
                crc,
                compressed,
                size,
                len(encoded),
                0,
                0,
                0,
                0,
                0,
                offset,
            )
            + encoded
        )
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(members), len(members), len(central), len(local), 0)
    return bytes(local + central + end)


# ---------------------------------------------------------------------------------------------- the corpus

LONG_TEXT = ("I would change the caseloads. " * 3400)[:100_000]
EXTRA_COLUMNS = 5_000
WIDE_HEADINGS = HEADINGS + [f"Extra column {n}" for n in range(EXTRA_COLUMNS)]
WIDE_ROWS = [row + ["x"] * EXTRA_COLUMNS for row in GOOD_ROWS]


def ebcdic() -> bytes:
    return csv_text(HEADINGS, GOOD_ROWS).encode("cp500")


def blank_headings() -> bytes:
    headings = [*FORMS_META, TEAM, "", HOURS, "", CASELOAD, STAY, CHANGE]
    rows = [row[:6] + ["stray note"] + row[6:7] + [""] + row[7:] for row in GOOD_ROWS]
    return csv_text(headings, rows).encode()


def duplicate_headings() -> bytes:
    headings = [*HEADINGS, TEAM]
    rows = [row + ["Fostering and adoption"] for row in GOOD_ROWS]
    return csv_text(headings, rows).encode()


def ragged_short_rows() -> bytes:
    text = csv_text(HEADINGS, GOOD_ROWS)
    lines = text.splitlines()
    cut = [lines[0], ",".join(GOOD_ROWS[0][:8]), ",".join(GOOD_ROWS[1][:7]), ",".join(GOOD_ROWS[2])]
    return ("\r\n".join(cut) + "\r\n").encode()


def ragged_long_rows() -> bytes:
    rows = [row + ["surplus", "cells", ""] for row in GOOD_ROWS]
    return csv_text(HEADINGS, rows).encode()


TEN_ROWS = [
    [
        str(n),
        f"{12 + n:02d}/05/2024 09:{n:02d}",
        f"{12 + n:02d}/05/2024 09:{n + 5:02d}",
        "anonymous",
        "",
        ["Assessment", "Care leavers", "Children in care"][n % 3],
        str(35 + n),
        str(10 + n),
        ["Yes", "Not sure", "No"][n % 3],
        f"Comment {n}",
    ]
    for n in range(1, 11)
]


def stray_quote(opening_row: int, closing_row: int, heading: str) -> bytes:
    """Ten Forms rows where one cell of `heading` opens a quotation mark that another row's cell closes (rows counted
    as a spreadsheet does, the headings being row 1)."""
    rows = [list(row) for row in TEN_ROWS]
    column = HEADINGS.index(heading)
    rows[opening_row - 2][column] = "\x01" + rows[opening_row - 2][column]
    rows[closing_row - 2][column] = rows[closing_row - 2][column] + "\x02"
    return csv_text(HEADINGS, rows).replace("\x01", '"').replace("\x02", '"').encode()


LATE_ROWS = 600
LATE_TEXTS = tuple(f"Café {n}: naïve hopes, “wellbeing” matters" + " and more" * 50 for n in range(LATE_ROWS - 1)) + (
    "£5 parking",
)


def utf8_with_one_1252_byte_late() -> bytes:
    rows = [
        [str(n + 1), "13/05/2024 09:01", "13/05/2024 09:09", "anonymous", "", "Assessment", "40", "18", "Yes", text]
        for n, text in enumerate(LATE_TEXTS)
    ]
    data = csv_text(HEADINGS, rows).encode("utf-8")
    return data.replace("£5 parking".encode(), "£5 parking".encode("cp1252"))


def nul_byte_late() -> bytes:
    rows = [
        [
            str(n + 1),
            "13/05/2024 09:01",
            "13/05/2024 09:09",
            "anonymous",
            "",
            "Assessment",
            "40",
            "18",
            "Yes",
            "x" * 1000,
        ]
        for n in range(400)
    ]
    data = bytearray(csv_text(HEADINGS, rows).encode())
    data[300_000] = 0
    return bytes(data)


def trailing_empty_cells() -> bytes:
    rows = [row + ["", " ", ""] for row in GOOD_ROWS]
    return csv_text(HEADINGS, rows).encode()


def unclosed_quote() -> bytes:
    text = csv_text(HEADINGS, GOOD_ROWS)
    return text.replace("More time with families", '"More time with families').encode()


def nul_bytes() -> bytes:
    return csv_text(HEADINGS, GOOD_ROWS).replace("Care leavers", "Care\x00leavers").encode()


def line_breaks() -> bytes:
    rows = changed(CHANGE, ["Less paperwork\nand fewer forms", "More time\r\nwith families", "Smaller\rcaseloads"])
    return csv_text(HEADINGS, rows).encode()


def cr_only() -> bytes:
    return csv_text(HEADINGS, GOOD_ROWS, newline="\r").encode()


def header_and_blank_rows() -> bytes:
    return (csv_text(HEADINGS, []) + "," * (len(HEADINGS) - 1) + "\r\n\r\n   \r\n").encode()


def ids_without_answers() -> bytes:
    rows = [[row[0], row[1], row[2], "", "", "", "", "", "", ""] for row in GOOD_ROWS]
    return csv_text(HEADINGS, rows).encode()


def units_rows() -> list[list[str]]:
    rows = changed(HOURS, ["40 hours", "37.5 hrs", "45hrs"])
    return changed(CASELOAD, ["18 cases", "12 Cases", "22 case"], rows)


def dates(first: list[str], second: list[str]) -> list[list[str]]:
    return changed("Completion time", second, changed("Start time", first))


CASES: tuple[BadInput, ...] = (
    # -- encodings
    BadInput(
        "utf8-bom.csv",
        "UTF-8 with a byte-order mark (Excel's 'CSV UTF-8'), accented words, £ and curly quotes",
        ACCENTED,
        with_rows(accented_rows(), encoding="utf-8-sig"),
    ),
    BadInput(
        "utf16-le-bom-tabs.txt",
        "UTF-16 with a byte-order mark, separated by tabs (Excel's 'Unicode Text')",
        ACCENTED,
        with_rows(accented_rows(), encoding="utf-16", delimiter="\t"),
    ),
    BadInput(
        "utf16-be-bom.csv",
        "UTF-16 big-endian with a byte-order mark",
        ACCENTED,
        lambda: codecs.BOM_UTF16_BE + csv_text(HEADINGS, accented_rows()).encode("utf-16-be"),
    ),
    BadInput("utf16-le-no-bom.csv", "UTF-16 little-endian without a byte-order mark", ACCENTED, utf16_without_bom),
    BadInput(
        "windows-1252.csv",
        "Windows-1252, as Excel on Windows saves 'CSV (comma delimited)': £, é and curly quotes",
        ACCENTED,
        with_rows(accented_rows(), encoding="cp1252"),
    ),
    BadInput(
        "latin1-only.csv",
        "bytes undefined in Windows-1252 (0x81, 0x8D, 0x90), so only Latin-1 reads it",
        Imported(3, texts={"change_one_thing": ("Less paperwork \x81", "More time \x8d", "Fewer visits \x90")}),
        latin1_only_bytes,
    ),
    BadInput(
        "mixed-utf8-and-1252.csv",
        "lines in UTF-8 and lines in Windows-1252 in one file (two files pasted "
        "together): each character read in the encoding it is in, so every accent survives",
        ACCENTED,
        mixed_encodings,
    ),
    BadInput(
        "utf8-one-1252-byte-late.csv",
        "300 KB of UTF-8 answers with accents and one Windows-1252 £ in the last "
        "row (a cell edited in an old program): the accents are not turned into 'CafÃ©' by that one byte",
        Imported(LATE_ROWS, texts={"change_one_thing": LATE_TEXTS}),
        utf8_with_one_1252_byte_late,
    ),
    BadInput(
        "utf32.csv",
        "UTF-32, which no survey tool writes: NUL bytes in the text",
        Refused("is not a text file"),
        lambda: csv_text(HEADINGS, GOOD_ROWS).encode("utf-32"),
    ),
    BadInput(
        "ebcdic.csv",
        "EBCDIC (IBM mainframe text): decodes to nothing that matches a question",
        Refused("is matched to a question"),
        ebcdic,
    ),
    # -- not a table at all
    BadInput("random-bytes.csv", "4 KB of random bytes named .csv", Refused("is not a text file"), random_bytes),
    BadInput("png-image.csv", "a PNG picture named .csv", Refused("is not a text file"), png_image, False),
    BadInput("pdf-document.csv", "a PDF named .csv", Refused("is not a text file"), pdf_document, False),
    BadInput(
        "old-excel.csv", "an Excel 97-2003 (.xls) workbook named .csv", Refused("old-style Excel workbook"), old_excel
    ),
    BadInput(
        "sqlite-database.csv",
        "a SQLite database named .csv",
        Refused("is a database, not a survey export"),
        sqlite_database,
        False,
    ),
    BadInput(
        "zip-archive.csv",
        "a zip of a CSV file, named .csv",
        Refused("could not be read as an Excel workbook"),
        plain_zip,
        False,
    ),
    BadInput(
        "word-document.xlsx",
        "a Word document named .xlsx",
        Refused("could not be read as an Excel workbook"),
        word_document,
        False,
    ),
    BadInput("csv-text.xlsx", "a CSV file named .xlsx", Refused("could not be read as an Excel workbook"), good_csv()),
    BadInput(
        "truncated.xlsx",
        "the first half of a workbook (a download cut short)",
        Refused("could not be read as an Excel workbook"),
        truncated_workbook,
        False,
    ),
    BadInput(
        "pk-header-junk.xlsx",
        "a zip signature followed by random bytes",
        Refused("could not be read as an Excel"),
        pk_header_junk,
    ),
    BadInput(
        "zip-bomb.xlsx",
        "a real zip bomb: 1 MB that would unpack to a gigabyte of cells; refused before anything is unpacked",
        Refused("would unpack to 1.1 GB"),
        zip_bomb,
        False,
    ),
    BadInput(
        "zip-lying-sizes.xlsx",
        "a zip whose directory claims its 16 MB sheet is 5 KB: the reader holds it to 5 KB",
        Refused("could not be read as an Excel workbook"),
        lambda: zip_bomb(declared_size=5000, repeats=16),
        False,
    ),
    BadInput(
        "empty-workbook.xlsx",
        "a workbook whose only sheet is empty",
        Refused("has no rows in any sheet"),
        empty_workbook,
        False,
    ),
    # -- workbooks the reader would build a grid for far larger than memory (it ends the process, uncatchable)
    BadInput(
        "far-cell-XFD1048576.xlsx",
        "the good workbook plus one cell at XFD1048576, the last cell of a sheet: a "
        "2.5 KB file that asks the reader for 550 GB",
        Refused("has a cell as far out as XFD1048576"),
        lambda: far_cell("XFD1048576"),
        False,
    ),
    BadInput(
        "far-cell-CV1048576.xlsx",
        "one cell at CV1048576 (100 columns by a million rows: 3.3 GB)",
        Refused("has a cell as far out as CV1048576"),
        lambda: far_cell("CV1048576"),
        False,
    ),
    BadInput(
        "far-cell-J1000000.xlsx",
        "one cell at J1000000 (10 columns by a million rows: 340 MB)",
        Refused("has a cell as far out as J1000000"),
        lambda: far_cell("J1000000"),
        False,
    ),
    BadInput(
        "far-cell-without-references.xlsx",
        "the last cell of a sheet reached by a row number and 16,384 cells "
        "counted along it, no cell saying where it is",
        Refused("has a cell as far out as XFD1048576"),
        far_cell_without_references,
        False,
    ),
    *[
        BadInput(
            f"far-cell-{kind}.xlsx",
            f"a cell at XFD1048576 written so that a pattern could miss it ({kind})",
            Refused("has a cell as far out as XFD1048576"),
            lambda kind=kind: far_cell_hidden_from_patterns(kind),
            False,
        )
        for kind in ("lower-case", "prefixed", "comment", "angle-in-attribute", "spaced")
    ],
    BadInput(
        "far-row-counted.xlsx",
        "a million rows with no number (<row/>), then a cell: its row is found by counting them, as the reader does",
        Refused("has a cell as far out as J1000005"),
        lambda: workbook_of(
            [("Form1", with_cells("<row/>" * 1_000_000 + '<row><c t="inlineStr"><is><t>x</t></is></c></row>'))]
        ),
        False,
    ),
    BadInput(
        "shared-strings-with-a-document-type.xlsx",
        "shared strings that declare an external entity (XXE)",
        Refused("declares a document type"),
        lambda: workbook_of(
            [("Form1", GOOD_SHEET)],
            shared_strings=(
                f'<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY x SYSTEM "file:///etc/passwd">]><sst xmlns="{MAIN_NS}" '
                'uniqueCount="1"><si><t>&x;</t></si></sst>'
            ).encode(),
        ),
        False,
    ),
    BadInput(
        "far-cell-two-references.xlsx",
        "a cell with two references, A5 and XFD1048576 (the reader takes the last)",
        Refused("is not well-formed XML"),
        two_references,
        False,
    ),
    BadInput(
        "cell-past-the-last.xlsx",
        "a cell at XFE1, a column past the last a sheet can have",
        Refused("past the last cell a sheet can have"),
        lambda: far_cell("XFE1"),
        False,
    ),
    BadInput(
        "dimension-lying-small.xlsx",
        "a sheet declaring it spans A1:J4 that holds a cell at XFD1048576: the cells are measured, not the declaration",
        Refused("has a cell as far out as XFD1048576"),
        lambda: declared_dimension("A1:J4", "XFD1048576"),
        False,
    ),
    BadInput(
        "dimension-lying-large.xlsx",
        "a sheet declaring it spans the whole sheet (A1:XFD1048576) that holds the three responses only",
        GOOD,
        lambda: declared_dimension("A1:XFD1048576"),
        False,
    ),
    BadInput(
        "dimension-backwards.xlsx",
        "a sheet declaring a span that ends before it starts (J4:A1)",
        GOOD,
        lambda: declared_dimension("J4:A1"),
        False,
    ),
    BadInput(
        "shared-strings-declared-4-billion.xlsx",
        "shared strings declaring a count of four billion: the reader "
        "reserves room for as many (96 GB) before reading one",
        Refused("declares 4,000,000,000 different texts"),
        lambda: shared_strings_bomb(4_000_000_000),
        False,
    ),
    BadInput(
        "shared-strings-6-million.xlsx",
        "six million empty shared strings (30 MB unpacked, 30 KB packed)",
        Refused("declares 6,000,000 different texts"),
        lambda: shared_strings_bomb(1, 6_000_000),
        False,
    ),
    BadInput(
        "sheets-1001.xlsx",
        "1,001 sheets, all the same part",
        Refused("has more than 1,000 sheets"),
        lambda: many_sheets(1001),
        False,
    ),
    BadInput(
        "sheets-200-of-one-part.xlsx",
        "200 sheets naming one part: it is read once",
        GOOD,
        lambda: many_sheets(200),
        False,
    ),
    BadInput(
        "two-sheets-one-name.xlsx",
        "two sheets called Form1, the first with a cell at XFD1048576 (the reader reads the first of a name)",
        Refused("has two sheets called 'Form1'"),
        lambda: workbook_of(
            [("Form1", with_cells('<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>')), ("Form1", GOOD_SHEET)]
        ),
        False,
    ),
    BadInput(
        "sheet-named-with-an-escape.xlsx",
        "a sheet's part named 'sheet&#49;.xml' beside a sheet1.xml: the "
        "reader takes the name as written, an XML parser as 'sheet1.xml'",
        Refused("names a part with an escaped character"),
        lambda: workbook_of(
            [("Form1", with_cells('<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'))],
            targets=["worksheets/sheet&#49;.xml"],
            extra={"xl/worksheets/sheet1.xml": GOOD_SHEET},
        ),
        False,
    ),
    BadInput(
        "two-workbooks-in-one.xlsx",
        "two office documents in the package's list, the second a workbook in "
        "another folder whose sheet has the far cell (the reader takes the last)",
        Refused("has a cell as far out as XFD1048576"),
        two_workbooks,
        False,
    ),
    BadInput(
        "styles-20-mb.xlsx",
        "a styles part of 20 MB of empty formats (20 KB packed), which the reader builds "
        "whole as it opens the workbook",
        Refused("its part xl/styles.xml is far larger than any workbook's"),
        lambda: workbook_of(
            [("Form1", GOOD_SHEET)],
            extra={
                "xl/styles.xml": STYLES.replace(
                    b'<cellXfs count="2">', b'<cellXfs count="4000000">' + b"<xf/>" * 4_000_000
                )
            },
        ),
        False,
    ),
    BadInput(
        "doctype-in-a-sheet.xlsx",
        "a sheet that declares a document type and an entity",
        Refused("declares a document type"),
        doctype_sheet,
        False,
    ),
    BadInput(
        "two-parts-one-name.xlsx",
        "two parts whose names differ only in case (which the reader reads is its own affair)",
        Refused("holds two parts called"),
        duplicate_parts,
        False,
    ),
    BadInput(
        "sheet-at-an-absolute-path.xlsx",
        "a sheet found by an absolute path (/xl/worksheets/data.xml)",
        GOOD,
        lambda: absolute_target(far=False),
        False,
    ),
    BadInput(
        "far-cell-at-an-absolute-path.xlsx",
        "the sheet at an absolute path holds the far cell, an ordinary sheet1.xml sits beside it",
        Refused("has a cell as far out as XFD1048576"),
        lambda: absolute_target(far=True),
        False,
    ),
    # -- which sheet holds the responses
    BadInput(
        "two-sheets-wide-summary.xlsx",
        "the responses (Form1) and a wider summary sheet after them: the responses are read, not the widest sheet",
        GOOD,
        wide_summary,
        False,
    ),
    BadInput(
        "two-sheets-summary-first.xlsx",
        "a wider summary sheet first, then the responses on a sheet named 'Responses'",
        GOOD,
        lambda: wide_summary(summary_first=True, responses_name="Responses"),
        False,
    ),
    BadInput(
        "two-sheets-summary-first-odd-name.xlsx",
        "a wider summary sheet first, then the responses on a sheet "
        "with a name no tool uses: the headings that match the questions decide",
        GOOD,
        lambda: wide_summary(summary_first=True, responses_name="Export 3"),
        False,
    ),
    BadInput(
        "two-sheets-larger-sheet-of-counts.xlsx",
        "the responses on 'Export 3', and a wider sheet of counts "
        "holding more cells on 'Sheet2': the headings that match the questionnaire's questions decide",
        GOOD,
        lambda: workbook_of([("Sheet2", sheet_xml(SUMMARY * 2)), ("Export 3", GOOD_SHEET)]),
        False,
    ),
    BadInput(
        "far-cell-on-the-summary-sheet.xlsx",
        "a stray far cell on the summary sheet, the responses on Form1: only the sheet read has to fit in memory",
        GOOD,
        far_cell_on_another_sheet,
        False,
    ),
    # -- empty and half-empty
    BadInput("empty.csv", "no bytes at all", Refused("is empty"), lambda: b""),
    BadInput(
        "blank-lines.csv",
        "line breaks and spaces only",
        Refused("has no columns of answers"),
        lambda: b"\r\n\r\n   \r\n\r\n",
    ),
    BadInput(
        "bom-only.csv", "a UTF-8 byte-order mark and nothing else", Refused("has no rows"), lambda: codecs.BOM_UTF8
    ),
    BadInput(
        "header-only.csv",
        "the heading row and no responses",
        Refused("has no responses in it, only its headings"),
        with_rows([]),
    ),
    BadInput(
        "header-and-blank-rows.csv",
        "the heading row, then rows of empty cells and blank lines",
        Refused("has no responses in it"),
        header_and_blank_rows,
    ),
    BadInput(
        "ids-without-answers.csv",
        "response ids and times but not one answer",
        Refused("None of the 3 rows of ids-without-answers.csv adds a response (3 rows with no answers)"),
        ids_without_answers,
    ),
    BadInput(
        "no-matching-headings.csv",
        "a table of something else entirely (stock levels)",
        Refused("None of the columns of no-matching-headings.csv is matched to a question"),
        lambda: b"Part number,Description,In stock\r\nA-100,Widget,12\r\nB-200,Gadget,0\r\n",
    ),
    # -- shape of the table
    BadInput(
        "single-column.csv",
        "one column only, the team",
        Imported(3, options={"team": ("assessment", "care_leavers", "children_in_care")}),
        lambda: f"{TEAM}\r\nAssessment\r\nCare leavers\r\nChildren in care\r\n".encode(),
    ),
    BadInput(
        "ragged-short-rows.csv",
        "rows shorter than the heading row (trailing cells missing, as some tools write)",
        Imported(
            3,
            numbers={"hours_worked": (40.0, 37.5, 45.0), "caseload": (18.0, 22.0)},
            texts={"change_one_thing": ("Smaller caseloads",)},
        ),
        ragged_short_rows,
    ),
    BadInput(
        "ragged-long-rows.csv",
        "rows longer than the heading row, with something in the cells past the last "
        "heading: most likely a comma out of place, so each such row is a problem row",
        Refused("2 cells past the last heading (column J) hold something"),
        ragged_long_rows,
    ),
    BadInput(
        "trailing-empty-cells.csv",
        "rows with empty cells past the last heading (separators at the end of the "
        "line, as some tools write): nothing is out of place",
        GOOD,
        trailing_empty_cells,
    ),
    BadInput(
        "duplicate-headings.csv",
        "the team question twice: the first is imported, the second left out",
        Imported(3, options={"team": ("assessment", "care_leavers", "children_in_care")}),
        duplicate_headings,
    ),
    BadInput(
        "blank-headings.csv",
        "columns with no heading (one holding stray notes) between the questions",
        GOOD,
        blank_headings,
    ),
    BadInput(
        "wide-5000-columns.csv",
        "5,000 columns that match no question beside the real ones",
        GOOD,
        with_rows(WIDE_ROWS, headings=WIDE_HEADINGS),
    ),
    BadInput(
        "unclosed-quote.csv",
        "a quotation mark opened and never closed, which would swallow the rest of the file into one answer",
        Refused("never closed"),
        unclosed_quote,
    ),
    BadInput("nul-bytes.csv", "a NUL byte inside an answer (a damaged file)", Refused("is not a text file"), nul_bytes),
    BadInput(
        "nul-byte-late.csv",
        "a NUL byte 300 KB into the file, past the part looked at to find the separator",
        Refused("holds a NUL byte (at byte 300,001)"),
        nul_byte_late,
    ),
    BadInput(
        "stray-quote-swallows-rows.csv",
        "a comment opening with a quotation mark that a comment five rows later "
        "closes: the rows between would become part of one comment (10 responses imported as 5)",
        Refused("in row 5, column J, that is closed only 5 lines later"),
        lambda: stray_quote(5, 10, CHANGE),
    ),
    BadInput(
        "stray-quote-swallows-one-row.csv",
        "a quotation mark opening a team and closing the next row's team: one "
        "response would vanish inside another's answer",
        Refused("in row 5, column F, that is closed only 1 line later"),
        lambda: stray_quote(5, 6, TEAM),
    ),
    BadInput(
        "stray-quote-in-the-first-row.csv",
        "a quotation mark in the first response's comment closed by the "
        "second's: caught with only the rows after it to compare with",
        Refused("in row 2, column J, that is closed only 1 line later"),
        lambda: stray_quote(2, 3, CHANGE),
    ),
    BadInput(
        "line-breaks-in-answers.csv",
        "answers holding line breaks of every kind (LF, CRLF, CR), quoted",
        Imported(
            3,
            texts={
                "change_one_thing": (
                    "Less paperwork\nand fewer forms",
                    "More time\r\nwith families",
                    "Smaller\rcaseloads",
                )
            },
        ),
        line_breaks,
    ),
    BadInput("old-mac-line-ends.csv", "lines ended by CR alone (old Mac Excel)", GOOD, cr_only),
    BadInput(
        "semicolons-decimal-commas.csv",
        "semicolons between cells and decimal commas (European Excel): 37,5 hours is not read as 375",
        Refused("'37,5' is not a number"),
        with_rows(changed(HOURS, ["40", "37,5", "45"]), delimiter=";"),
    ),
    # -- big cells
    BadInput(
        "cell-100000-characters.csv",
        "a comment of 100,000 characters: stored whole",
        Imported(3, texts={"change_one_thing": (LONG_TEXT, "More time with families", "Smaller caseloads")}),
        with_rows(changed(CHANGE, [LONG_TEXT, "More time with families", "Smaller caseloads"])),
    ),
    BadInput(
        "cell-100000-characters.xlsx",
        "the same 100,000-character comment in a workbook (Excel itself stops at 32,767)",
        Imported(3, texts={"change_one_thing": (LONG_TEXT, "More time with families", "Smaller caseloads")}),
        huge_cell_workbook,
        False,
    ),
    BadInput(
        "heading-100000-characters.csv",
        "a heading of 100,000 characters: that column is left out",
        Imported(3, options={"team": ("assessment", "care_leavers", "children_in_care")}),
        with_rows([["x", r[5]] for r in GOOD_ROWS], headings=[LONG_TEXT, TEAM]),
    ),
    BadInput(
        "number-100000-digits.csv",
        "100,000 digits where the hours go: refused, and the message quotes only the start of it",
        Refused("is not a number"),
        with_rows(changed(HOURS, ["9" * 100_000, "37.5", "45"])),
    ),
    # -- what people type in cells
    BadInput(
        "control-characters.csv",
        "bell, escape and form-feed characters inside an answer: kept as typed",
        Imported(3, texts={"change_one_thing": ("Less\x07paperwork", "More\x1btime", "Smaller\x0ccaseloads")}),
        with_rows(changed(CHANGE, ["Less\x07paperwork", "More\x1btime", "Smaller\x0ccaseloads"])),
    ),
    BadInput(
        "emoji-and-right-to-left.csv",
        "emoji, Arabic, and a right-to-left override character in answers",
        Imported(3, texts={"change_one_thing": ("More staff 👩\u200d👩\u200d👧", "أعباء أقل", "abc\u202edef")}),
        with_rows(changed(CHANGE, ["More staff 👩\u200d👩\u200d👧", "أعباء أقل", "abc\u202edef"])),
    ),
    BadInput(
        "formulas-in-text.csv",
        "answers that a spreadsheet would run as formulas: stored as the words typed",
        Imported(
            3,
            texts={
                "change_one_thing": ('=HYPERLINK("http://example.invalid","Click")', "@SUM(A1:A9)", "+44 1632 960000"),
                "team": ("=1+1",),
            },
        ),
        with_rows(
            changed(
                CHANGE,
                ['=HYPERLINK("http://example.invalid","Click")', "@SUM(A1:A9)", "+44 1632 960000"],
                changed(TEAM, ["=1+1", "Care leavers", "Children in care"]),
            )
        ),
    ),
    BadInput(
        "formulas.xlsx",
        "formula cells in a workbook: the value Excel saved is imported (never the formula); a "
        "formula never calculated gives no answer",
        Imported(
            3,
            numbers={"hours_worked": (40.0, 37.5, 45.0), "caseload": (18.0, 22.0)},
            texts={"change_one_thing": ("Less paperwork", "More time with families", "Click me")},
            options={"team": ("assessment", "care_leavers", "children_in_care")},
        ),
        formulas_workbook,
        False,
    ),
    BadInput(
        "error-cells.xlsx",
        "an Excel error (#DIV/0!) where the hours go: no value, so no answer to that question",
        Imported(3, numbers={"hours_worked": (40.0, 45.0)}),
        error_cells_workbook,
        False,
    ),
    BadInput(
        "unknown-answers.csv",
        "a team that is not in the list (kept as 'Other team' text) and answers in odd case and spacing (matched)",
        Imported(
            3,
            options={
                "team": ("other_team", "care_leavers", "children_in_care"),
                "intend_to_stay": ("yes", "not_sure", "no"),
            },
            texts={"team": ("Marketing",)},
        ),
        with_rows(
            changed(
                STAY, ["YES", "  not sure ", "no"], changed(TEAM, ["Marketing", "CARE LEAVERS", " children in care "])
            )
        ),
    ),
    BadInput(
        "duplicate-response-ids.csv",
        "the same response id on two rows",
        Refused("is also on row 2"),
        with_rows(changed("ID", ["1", "1", "3"])),
    ),
    # -- dates in three formats, and nonsense
    BadInput(
        "dates-uk.csv",
        "dates day first (13/05/2024), as UK Excel writes them",
        GOOD,
        with_rows(
            dates(
                ["13/05/2024 09:01", "14/05/2024", "15/05/24 16:40"],
                ["13/05/2024 09:09", "14/05/2024", "15/05/24 16:52"],
            )
        ),
    ),
    BadInput(
        "dates-us.csv",
        "dates month first (05/13/2024), as a US tool's export re-saved by Excel",
        Imported(3, dates=("2024-05-13", "2024-05-14", "2024-05-15")),
        with_rows(
            dates(
                ["05/13/2024 9:01 AM", "05/14/2024 10:15 AM", "05/15/2024 4:40 PM"],
                ["05/13/2024 9:09 AM", "05/14/2024 10:20 AM", "05/15/2024 4:52 PM"],
            )
        ),
    ),
    BadInput(
        "dates-iso.csv",
        "ISO dates with times and time zones (2024-05-13T09:09:00Z)",
        Imported(3, dates=("2024-05-13", "2024-05-14", "2024-05-15")),
        with_rows(
            dates(
                ["2024-05-13T09:01:00Z", "2024-05-14 10:15:00", "2024-05-15T16:40:00+01:00"],
                ["2024-05-13T09:09:00Z", "2024-05-14 10:20:00", "2024-05-15T16:52:00+01:00"],
            )
        ),
    ),
    BadInput(
        "dates-excel.xlsx",
        "dates as Excel date cells (numbers of days, formatted as dates)",
        Imported(3, dates=("2024-05-13", "2024-05-14", "2024-05-15")),
        excel_dates_workbook,
        False,
    ),
    BadInput(
        "numbers-as-dates.xlsx",
        "hours and caseloads typed into cells formatted as dates (Excel shows 40 as "
        "09/02/1900): read as the numbers typed",
        Imported(3, numbers={"hours_worked": (40.0, 37.5, 45.0), "caseload": (18.0, 12.0, 22.0)}),
        numbers_as_dates_workbook,
        False,
    ),
    BadInput(
        "dates-nonsense.csv",
        "impossible or unreadable dates (31/02/2024, 'yesterday', 2024-13-45): the responses "
        "are imported without a date",
        Imported(3, dates=(None, None, None)),
        with_rows(dates(["31/02/2024", "yesterday", "2024-13-45"], ["31/02/2024", "yesterday", "2024-13-45"])),
    ),
    # -- numbers
    BadInput(
        "numbers-with-units.csv",
        "numbers followed by the question's unit: '18 cases', '37.5 hrs', '45hrs'",
        Imported(3, numbers={"hours_worked": (40.0, 37.5, 45.0), "caseload": (18.0, 12.0, 22.0)}),
        with_rows(units_rows()),
    ),
    BadInput(
        "numbers-with-words.csv",
        "'about 20' and 'twenty' where a caseload goes: refused, naming the cell",
        Refused("'about 20' is not a number"),
        with_rows(changed(CASELOAD, ["about 20", "twenty", "22"])),
    ),
    BadInput(
        "negative-hours.csv",
        "a negative number of hours",
        Refused("-5 hours is below the lowest allowed (0)"),
        with_rows(changed(HOURS, ["-5", "37.5", "45"])),
    ),
    BadInput(
        "numbers-formatted.csv",
        "numbers with spaces, a plus sign, trailing zeros and Arabic-Indic digits",
        Imported(3, numbers={"hours_worked": (40.0, 37.5, 45.0)}),
        with_rows(changed(HOURS, [" +40 ", "37.50", "٤٥"])),
    ),
    BadInput(
        "huge-number.csv",
        "a number too large to be a number (400 digits) where a caseload goes",
        Refused("is not a number"),
        with_rows(changed(CASELOAD, ["1" + "0" * 400, "12", "22"])),
    ),
)


def readme() -> str:
    lines = [
        "# Malformed and awkward export files",
        "",
        "Each file below is imported by `tests/test_bad_input.py` into the staff-survey template's questions, "
        "through `swhc import` and through the core API. Every one either is refused with one clear line (exit 2) "
        "and the health-check file left byte for byte as it was, or is imported whole as one batch with exactly "
        "the answers the test lists; never a traceback, never part of a batch.",
        "",
        "The files are made by `tests/make_bad_input.py` (`.venv/bin/python -m tests.make_bad_input`); a test "
        "checks that they still match it.",
        "",
        "| file | what it is, what it tests | expected |",
        "|---|---|---|",
    ]
    for case in CASES:
        if isinstance(case.expect, Refused):
            outcome = f'refused: "{case.expect.says}"'
        else:
            outcome = f"imports {case.expect.responses} responses"
        lines.append(f"| `{case.name}` | {case.tests} | {outcome} |")
    return "\n".join(lines) + "\n"


def main() -> int:
    FOLDER.mkdir(parents=True, exist_ok=True)
    names = {case.name for case in CASES}
    for stale in FOLDER.iterdir():
        if stale.name not in names and stale.name != "README.md":
            stale.unlink()
    for case in CASES:
        (FOLDER / case.name).write_bytes(case.make())
    (FOLDER / "README.md").write_text(readme(), encoding="utf-8")
    print(f"Wrote {len(CASES)} files to {FOLDER}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
