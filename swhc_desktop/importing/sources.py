"""Opening an export file (CSV, TSV or XLSX) whatever its encoding and separator, and reading it row by row as text."""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import hashlib
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..domain.progress import SILENT, Progress
from .csv_records import LINE_BY_LINE, MixedEncodings, mixed_encodings, records, text_lines
from .unreadable import UnreadableFile
from .workbooks import (
    CHOOSE_THE_SHEET,
    WorkbookSurvey,
    likeliest_sheet,
    refuse_if_too_large,
    sheet_named,
    survey_workbook,
)

CHUNK_BYTES = 1 << 20
SAMPLE_ROWS = 200
SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm")
OLD_FORMATS = {
    ".xls": "an Excel 97-2003 workbook",
    ".ods": "an OpenDocument spreadsheet",
    ".sav": "an SPSS data file",
    ".pdf": "a PDF",
    ".docx": "a Word document",
    ".swhc": "a health-check file",
}

# csv's default limit (128 KB a field) is below what a long comment column can hold.
csv.field_size_limit(1 << 30)

# A workbook is a zip of XML parts, read whole into memory. A survey export of 100,000 responses unpacks to a few
# hundred megabytes, its parts compressed about ten to one; a damaged or malicious file (a 'zip bomb') can unpack a
# megabyte into gigabytes, which would exhaust the laptop's memory. Both limits are far beyond any real export.
MAX_WORKBOOK_UNPACKED_BYTES = 1 << 30
MAX_PART_COMPRESSION_RATIO = 200
RATIO_CHECKED_ABOVE_BYTES = 64 << 20


@dataclass(frozen=True)
class SourceFile:
    """An export file, checked and described: how to read it, and its fingerprint."""

    path: Path
    kind: str  # "csv" or "xlsx"
    sha256: str
    size: int
    encoding: str = ""
    delimiter: str = ","
    sheet: str = ""
    workbook: WorkbookSurvey | None = field(default=None, compare=False, repr=False)  # a workbook's sheets, measured
    row_estimate: int = 0  # lines in a CSV file (a little more than its rows when answers hold line breaks)
    mixed: MixedEncodings | None = None  # for a file not UTF-8 throughout, what was read in which encoding
    # What has been read already: the first rows, and a workbook's sheet (calamine reads a sheet whole, once).
    loaded: dict = field(default_factory=dict, compare=False, repr=False, hash=False)

    @property
    def sheet_names(self) -> list[str]:
        """A workbook's sheets that can hold responses (none for a CSV file)."""
        return [sheet.name for sheet in self.workbook.readable_sheets()] if self.workbook else []

    def with_sheet(self, name: str) -> SourceFile:
        """The same workbook read from another of its sheets (refused, as any sheet, when it cannot be read safely)."""
        if self.workbook is None:
            raise UnreadableFile(f"{self.name} is a text file, which has no sheets.", "Leave out the sheet's name.")
        sheet = sheet_named(self.workbook, name)
        refuse_if_too_large(self.workbook, sheet)
        return replace(self, sheet=sheet.name, row_estimate=sheet.bottom + 1, loaded={})

    @property
    def name(self) -> str:
        return self.path.name

    def describe(self) -> str:
        if self.kind == "xlsx":
            return f"Excel workbook, sheet '{self.sheet}'"
        separator = {",": "commas", ";": "semicolons", "\t": "tabs"}.get(self.delimiter, repr(self.delimiter))
        return f"{'TSV' if self.delimiter == chr(9) else 'CSV'} file, {self._encoding_said()}, separated by {separator}"

    def _encoding_said(self) -> str:
        if self.mixed is not None:
            return self.mixed.describe()
        return ENCODING_NAMES.get(self.encoding, self.encoding)

    def rows(self) -> Iterator[list[str]]:
        """Every row of the file, each cell as text, with the row padded to the same width as the first."""
        reader = self._xlsx_rows() if self.kind == "xlsx" else self._csv_rows()
        width = 0
        for number, row in enumerate(reader):
            if number == 0:
                width = len(row)
            if len(row) < width:
                row = row + [""] * (width - len(row))
            yield row

    def sample(self, count: int = SAMPLE_ROWS) -> list[list[str]]:
        """The first rows (headings included), read once."""
        if len(self.loaded.get("sample", ())) < count:
            rows = []
            for row in self.rows():
                rows.append(row)
                if len(rows) >= count:
                    break
            self.loaded["sample"] = rows
        return [list(row) for row in self.loaded["sample"][:count]]

    def _csv_rows(self) -> Iterator[list[str]]:
        try:
            with text_lines(self.path, self.encoding) as lines:
                yield from records(lines, self.delimiter, self.name)
        except (OSError, csv.Error, UnicodeDecodeError) as error:
            raise UnreadableFile(
                f"{self.name} could not be read to the end ({error}).",
                "Export the file from the survey tool again, then try again.",
            ) from None

    def _xlsx_rows(self) -> Iterator[list[str]]:
        from python_calamine import CalamineWorkbook

        try:
            sheet = self.loaded.get("sheet")
            if sheet is None:
                # Only now, with its sheets measured and the one read held to what memory allows (workbooks.py).
                sheet = self.loaded["sheet"] = CalamineWorkbook.from_path(str(self.path)).get_sheet_by_name(self.sheet)
            for row in sheet.iter_rows():
                # Most cells are text already; only the rest need converting.
                yield [cell if type(cell) is str else cell_text(cell) for cell in row]
        except (GeneratorExit, KeyboardInterrupt, SystemExit):
            raise
        except BaseException as error:  # calamine's own errors, and a Rust panic, which is not an Exception
            raise UnreadableFile(
                f"{self.name} could not be read as an Excel workbook ({error}).",
                "Open it in Excel and save it again as .xlsx, or export it as CSV.",
            ) from None


ENCODING_NAMES = {
    "utf-8-sig": "UTF-8 with BOM",
    "utf-8": "UTF-8",
    "utf-16": "UTF-16",
    "utf-16-le": "UTF-16",
    "utf-16-be": "UTF-16",
    "cp1252": "Windows-1252 (Excel on Windows)",
    "latin-1": "Latin-1",
}


def cell_text(cell: object) -> str:
    """A spreadsheet cell as the text a person sees: 4 not 4.0, dates as ISO dates."""
    if cell is None:
        return ""
    if isinstance(cell, bool):
        return "TRUE" if cell else "FALSE"
    if isinstance(cell, float):
        return str(int(cell)) if cell.is_integer() and abs(cell) < 1e15 else repr(cell)
    if isinstance(cell, dt.datetime):
        return cell.isoformat(sep=" ", timespec="seconds")
    if isinstance(cell, (dt.date, dt.time)):
        return cell.isoformat()
    if isinstance(cell, dt.timedelta):
        return str(cell)
    return str(cell)


def open_source(path: Path | str, progress: Progress = SILENT, sheet: str | None = None) -> SourceFile:
    """Check that a file can be read as an export and work out how; say plainly why not when it cannot. `sheet` is
    a workbook's sheet to read, as the user named it (else the one that most likely holds the responses)."""
    path = Path(path)
    if not path.exists():
        raise UnreadableFile(f"There is no file at {path}.", "Check the name and folder.")
    if path.is_dir():
        raise UnreadableFile(f"{path} is a folder.", "Choose the export file itself.")
    suffix = path.suffix.lower()
    if suffix in OLD_FORMATS:
        raise UnreadableFile(
            f"{path.name} is {OLD_FORMATS[suffix]}, which cannot be imported.",
            "Export the responses from the survey tool as CSV or Excel (.xlsx), or save the file as .xlsx or CSV.",
        )
    try:
        size = path.stat().st_size
        if size == 0:
            raise UnreadableFile(f"{path.name} is empty.", "Export the responses from the survey tool again.")
        with open(path, "rb") as handle:
            head = handle.read(16)  # long enough for every signature checked below
            sha256, encoding, lines, nul_at = _fingerprint_and_encoding(handle, head, size, progress)
    except PermissionError:
        raise UnreadableFile(
            f"{path.name} could not be opened: it may be open in Excel, or you may not have permission.",
            "Close it in Excel (or copy it to Documents), then try again.",
        ) from None
    except OSError as error:
        raise UnreadableFile(
            f"{path.name} could not be read: {error.strerror or error}.", "Check the drive is connected."
        ) from None
    if head.startswith(b"PK\x03\x04") or suffix in SPREADSHEET_SUFFIXES:
        return _spreadsheet(path, sha256, size, sheet)
    if sheet is not None:
        raise UnreadableFile(f"{path.name} is a text file, which has no sheets.", "Leave out the sheet's name.")
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise UnreadableFile(
            f"{path.name} is an old-style Excel workbook (.xls), which cannot be imported.",
            "Open it in Excel and save it as .xlsx, or export the responses as CSV.",
        )
    if head.startswith(b"SQLite format"):
        raise UnreadableFile(
            f"{path.name} is a database, not a survey export.", "Choose the CSV or Excel file the survey tool exported."
        )
    if nul_at is not None:
        raise UnreadableFile(
            f"{path.name} is not a text file that can be read as CSV: it holds a NUL byte "
            f"(at byte {nul_at + 1:,}), as damaged files and other kinds of file do.",
            "Export the responses from the survey tool as CSV or Excel (.xlsx).",
        )
    delimiter = _delimiter(path, encoding)
    mixed = mixed_encodings(path) if encoding == LINE_BY_LINE else None
    return SourceFile(
        path, "csv", sha256, size, encoding=encoding, delimiter=delimiter, row_estimate=lines, mixed=mixed
    )


def _fingerprint_and_encoding(handle, head: bytes, size: int, progress: Progress) -> tuple[str, str, int, int | None]:
    """One pass over the bytes: the SHA-256, the encoding (UTF-16 by its byte-order mark or its zero bytes; UTF-8 when
    every byte of the file is; else each line in its own, see csv_records), how many lines it has (for progress),
    and where the first NUL byte is in a file of 8-bit text (where it would be a damaged file's, never a letter's)."""
    digest = hashlib.sha256(head)
    lines = head.count(b"\n")
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    elif len(head) >= 4 and head[1] == 0 and head[3] == 0:
        encoding = "utf-16-le"
    elif len(head) >= 4 and head[0] == 0 and head[2] == 0:
        encoding = "utf-16-be"
    else:
        encoding = ""
    eight_bit = not encoding
    with_bom = eight_bit and head.startswith(codecs.BOM_UTF8)
    checks = {"utf-8": codecs.getincrementaldecoder("utf-8")()}
    nul_at = head.find(b"\x00") if eight_bit and b"\x00" in head else None
    if eight_bit:
        _feed(checks, head[len(codecs.BOM_UTF8) :] if with_bom else head, final=False)
    done = len(head)
    while chunk := handle.read(CHUNK_BYTES):
        if eight_bit:
            _feed(checks, chunk, final=False)
            if nul_at is None and b"\x00" in chunk:
                nul_at = done + chunk.index(b"\x00")
        done += len(chunk)
        progress.step(done, size, f"Reading {Path(handle.name).name}…")
        digest.update(chunk)
        lines += chunk.count(b"\n")
    if eight_bit:
        _feed(checks, b"", final=True)
        utf8 = "utf-8" in checks
        encoding = ("utf-8-sig" if with_bom else "utf-8") if utf8 else LINE_BY_LINE
    if encoding.startswith("utf-16"):
        lines //= 2  # close enough: only used to size a progress bar
    return digest.hexdigest(), encoding, lines + 1, nul_at


def _feed(checks: dict, data: bytes, final: bool) -> None:
    for name in list(checks):
        try:
            checks[name].decode(data, final)
        except UnicodeDecodeError:
            del checks[name]


def _delimiter(path: Path, encoding: str) -> str:
    """The separator: whichever of comma, semicolon and tab splits the heading row into most cells."""
    try:  # the separators are plain ASCII: a file read line by line is looked at in Latin-1, which reads any byte
        with open(
            path, encoding="latin-1" if encoding == LINE_BY_LINE else encoding, newline="", errors="replace"
        ) as handle:
            text = handle.read(256 * 1024)
    except OSError as error:
        raise UnreadableFile(f"{path.name} could not be read: {error}.", "Check the drive is connected.") from None
    if "\x00" in text:
        raise UnreadableFile(
            f"{path.name} is not a text file that can be read as CSV: it holds NUL characters.",
            "Export the responses from the survey tool as CSV or Excel (.xlsx).",
        )
    best, best_width = ",", 0
    for candidate in (",", ";", "\t"):
        try:
            first = next(csv.reader(io.StringIO(text), delimiter=candidate), [])
        except csv.Error:
            continue
        if len(first) > best_width:
            best, best_width = candidate, len(first)
    if best_width < 2 and path.suffix.lower() not in (".csv", ".tsv", ".txt"):
        raise UnreadableFile(
            f"{path.name} does not look like a table of responses.",
            "Export the responses from the survey tool as CSV or Excel (.xlsx).",
        )
    return best


def _check_unpacked_size(path: Path, size: int) -> None:
    """Refuse a workbook that would unpack to far more than any survey export, before anything unpacks it. The sizes
    are those the zip's directory declares, which the workbook reader also holds each part to."""
    try:
        with zipfile.ZipFile(path) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return  # not a readable zip: the workbook reader says what is wrong with it
    unpacked = sum(part.file_size for part in parts)
    overblown = any(
        part.file_size > RATIO_CHECKED_ABOVE_BYTES
        and part.file_size > MAX_PART_COMPRESSION_RATIO * max(part.compress_size, 1)
        for part in parts
    )
    if unpacked > MAX_WORKBOOK_UNPACKED_BYTES or overblown:
        raise UnreadableFile(
            f"{path.name} is not an ordinary Excel workbook: this {_megabytes(size)} file would unpack to "
            f"{_megabytes(unpacked)}, far more than any survey export, so it was not opened.",
            "Export the responses from the survey tool again (CSV will do). If it came by email, ask IT to check it.",
        )


def _megabytes(size: int) -> str:
    return f"{size / 1e9:,.1f} GB" if size >= 1e9 else f"{size / 1e6:,.1f} MB"


def _spreadsheet(path: Path, sha256: str, size: int, wanted: str | None) -> SourceFile:
    _check_unpacked_size(path, size)
    workbook = survey_workbook(path)
    sheet = sheet_named(workbook, wanted) if wanted is not None else likeliest_sheet(workbook)
    refuse_if_too_large(workbook, sheet)
    if not sheet.cells:
        raise UnreadableFile(f"The sheet '{sheet.name}' of {path.name} is empty.", CHOOSE_THE_SHEET)
    return SourceFile(path, "xlsx", sha256, size, sheet=sheet.name, row_estimate=sheet.bottom + 1, workbook=workbook)
