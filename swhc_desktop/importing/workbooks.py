"""Checking an Excel workbook before the workbook reader opens it: each sheet's real extent, the shared strings, the
number of sheets, read from the zip in a streaming, entity-safe way; and which sheet holds the responses.

The reader (calamine) builds a sheet as a dense grid of rows x columns from its first filled cell to its last, and
reserves room for as many shared strings as the workbook declares. One cell at XFD1048576 in a 2.5 KB file asks it
for 550 GB, and it ends the process on the spot: nothing Python can catch, no message, no log. So the cell
references themselves (never the <dimension> a file declares) are measured here first, the way the reader will
place them, and a workbook that would need more than a real export ever does is refused in one plain sentence.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from xml.parsers import expat

from ..domain.errors import Advice
from ..domain.plurals import counted
from .layouts import column_letter
from .unreadable import UnreadableFile

# 50,000 responses to 100 questions are 5 million cells, far more than a health check has; the reader holds about 34
# bytes a cell, so such a grid takes some 170 MB. A larger export can be imported as CSV, which is read row by row.
MAX_GRID_CELLS = 5_000_000
MAX_SHARED_STRINGS = MAX_GRID_CELLS  # no workbook needs more different texts than it has cells
MAX_SHEETS = 1000
EXCEL_ROWS, EXCEL_COLUMNS = 1_048_576, 16_384
CHUNK_BYTES = 1 << 20
LONGEST_TAG = 1 << 20  # a start tag longer than this is read by the slow, exact reader
LARGEST_SMALL_PART = 16 << 20  # the workbook's list of sheets, its styles, its relationships: kilobytes in any export
HEADING_TEXT = 100_000  # characters of a heading kept (Excel's own limit for a cell is 32,767)
BYTES_A_CELL = 34

# Sheet names the survey tools (and the app's own response template) give the sheet of responses.
TOOL_SHEET_NAMES = (
    "form1",
    "sheet1",
    "form responses 1",
    "responses",
    "results",
    "sheet",
    "sheet0",
    "data",
    "raw data",
    "survey responses",
)
NOT_RESPONSES = re.compile(
    r"summary|instruction|read ?me|note|chart|pivot|list|lookup|how to|help|about|cover|"
    r"contents|report|totals|analysis",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class SheetSurvey:
    """One sheet as found in the zip: how far its cells reach and what its heading row says."""

    name: str
    part: str
    hidden: bool = False
    cells: int = 0  # cells holding anything
    top: int = 0  # rows and columns numbered from 0, as the reader numbers them
    bottom: int = -1
    left: int = 0
    right: int = -1
    headings: tuple[str, ...] = ()  # the first row that holds anything, as text
    readable: bool = True  # a worksheet (not a chart sheet) whose part is in the zip

    @property
    def grid_cells(self) -> int:
        """The cells of the dense grid the reader would build for this sheet."""
        if self.cells == 0:
            return 0
        return (self.bottom - self.top + 1) * (self.right - self.left + 1)

    @property
    def furthest_cell(self) -> str:
        return f"{column_letter(self.right)}{self.bottom + 1}"

    @property
    def too_large(self) -> bool:
        return self.grid_cells > MAX_GRID_CELLS


@dataclass(frozen=True)
class WorkbookSurvey:
    name: str
    sheets: tuple[SheetSurvey, ...] = field(default_factory=tuple)

    def readable_sheets(self) -> list[SheetSurvey]:
        return [sheet for sheet in self.sheets if sheet.readable]


def _refuse(name: str, why: str) -> UnreadableFile:
    return UnreadableFile(
        f"{name} could not be read as an Excel workbook ({why}).",
        "Open it in Excel and save it again as .xlsx, or export the responses as CSV.",
    )


# ---------------------------------------------------------------------------------------------- the zip


class _Parts:
    """The zip's members, found as the workbook reader finds them: by name, ignoring case, '\\' read as '/'."""

    def __init__(self, archive: zipfile.ZipFile, name: str):
        self.archive = archive
        self.name = name
        self.by_name: dict[str, zipfile.ZipInfo] = {}
        for info in archive.infolist():
            key = info.filename.replace("\\", "/").lower()
            if key in self.by_name:
                # Two parts the reader cannot tell apart: which it reads is its own affair, so neither is trusted.
                raise _refuse(name, f"it holds two parts called {info.filename}")
            self.by_name[key] = info

    def find(self, path: str) -> zipfile.ZipInfo | None:
        return self.by_name.get(path.lower())

    def chunks(self, info: zipfile.ZipInfo) -> Iterator[bytes]:
        try:
            with self.archive.open(info) as handle:
                while chunk := handle.read(CHUNK_BYTES):
                    yield chunk
        except (zipfile.BadZipFile, OSError, RuntimeError, ValueError, EOFError, NotImplementedError) as error:
            raise _refuse(self.name, f"its part {info.filename} is damaged: {error}") from None

    def read_small(self, info: zipfile.ZipInfo) -> bytes:
        return b"".join(self.chunks(info))


class _Stop(Exception):
    """Raised inside an XML handler once what is wanted has been read."""


def _parse(
    chunks: Iterator[bytes],
    name: str,
    part: str,
    start: Callable | None = None,
    end: Callable | None = None,
    text: Callable | None = None,
) -> None:
    """Parse XML with expat, refusing any document type declaration: no entity can be declared, so none can be
    expanded (no billion laughs) or fetched (no external entities)."""
    parser = expat.ParserCreate()

    def no_doctype(*_: object) -> None:
        raise _refuse(name, f"its part {part} declares a document type, which no Excel workbook does")

    parser.StartDoctypeDeclHandler = no_doctype
    parser.EntityDeclHandler = no_doctype
    if start is not None:
        parser.StartElementHandler = start
    if end is not None:
        parser.EndElementHandler = end
    if text is not None:
        parser.CharacterDataHandler = text
        parser.buffer_text = True
    try:
        for chunk in chunks:
            parser.Parse(chunk, False)
        parser.Parse(b"", True)
    except _Stop:
        return
    except expat.ExpatError as error:
        raise _refuse(name, f"its part {part} is not well-formed XML: {expat.ErrorString(error.code)}") from None


def _local(name: str) -> str:
    return name.rpartition(":")[2]


# ---------------------------------------------------------------------------------------------- cell references

_REFERENCE = re.compile(r"([A-Za-z]+)([0-9]+)")


def column_index(letters: str) -> int:
    index = 0
    for letter in letters.upper():
        index = index * 26 + ord(letter) - 64
    return index - 1


def _position(reference: str, name: str, sheet: str) -> tuple[int, int]:
    """A cell reference as (row, column) from 0, refused when it is not one or lies past the last cell of a sheet."""
    match = _REFERENCE.fullmatch(reference[:40])
    if match is None or len(reference) > 40:
        raise _refuse(name, f"sheet '{sheet}' has a cell reference '{reference[:20]}' that is not one")
    row, column = int(match[2]) - 1, column_index(match[1])
    _within_a_sheet(row, column, name, sheet, reference)
    return row, column


def _within_a_sheet(row: int, column: int, name: str, sheet: str, reference: str) -> None:
    if row < 0 or row >= EXCEL_ROWS or column >= EXCEL_COLUMNS:
        raise UnreadableFile(
            f"{name} is not an ordinary Excel workbook: sheet '{sheet}' has a cell at {reference[:20]}, past the last "
            f"cell a sheet can have (XFD1048576), so it was not opened.",
            "Export the responses from the survey tool again (CSV will do). If it came by email, ask IT to check it.",
        )


def _row_number(text: str, name: str, sheet: str) -> int:
    """A <row r=…> as the reader takes it: its digits (any letters before them are ignored), from 0."""
    match = re.fullmatch(r"[A-Za-z]*([0-9]{1,30})", text)
    if match is None or int(match[1]) < 1:
        raise _refuse(name, f"sheet '{sheet}' has a row number '{text[:20]}' that is not one")
    row = int(match[1]) - 1
    _within_a_sheet(row, 0, name, sheet, f"row {row + 1}")
    return row


@dataclass
class _Extent:
    cells: int = 0
    top: int = EXCEL_ROWS
    bottom: int = -1
    left: int = EXCEL_COLUMNS
    right: int = -1

    def add(self, row: int, column: int) -> None:
        self.cells += 1
        self.top, self.bottom = min(self.top, row), max(self.bottom, row)
        self.left, self.right = min(self.left, column), max(self.right, column)


# The quick reading, for sheets as Excel, the survey tools and the libraries that write workbooks write them: every
# cell's tag is '<c r="A1" …>' with plain attributes in double quotes, so its place is its reference, and one pattern
# reads them all at C speed. Anything else anywhere in a stretch of the sheet (a cell without a reference, or with it
# later in the tag, a second reference, an attribute the pattern does not take, a prefixed tag, a comment or CDATA
# section) sends the whole sheet to the exact reading below, which follows the reader's own rules.
_PLAIN_ATTRIBUTES = rb'(?:\s+(?!r\s*=)[A-Za-z_][\w:.\-]*="[^"<>]*")*\s*'
_CELL = re.compile(rb'<c r="([A-Z]{1,3})([0-9]{1,7})"' + _PLAIN_ATTRIBUTES + rb"(/?)>")
_OTHER_CELL_START = re.compile(rb"<c[>/\t\n\r]")
_UNUSUAL = (b"<!", b":c")  # a comment, CDATA or declaration; a cell tag with a prefix (or text that looks like one)


def _quick_extent(parts: _Parts, info: zipfile.ZipInfo, name: str, sheet: str) -> _Extent | None:
    """The sheet's extent from its references alone, or None when the sheet needs the exact reading."""
    extent = _Extent()
    carried = b""
    for chunk in parts.chunks(info):
        data = carried + chunk
        cut = data.rfind(b"<")  # a tag is never split: what follows the last '<' waits for the next chunk
        whole, carried = (data[:cut], data[cut:]) if cut >= 0 else (data, b"")
        if len(carried) > LONGEST_TAG or not _count_cells(whole, extent, name, sheet):
            return None
    if carried and not _count_cells(carried, extent, name, sheet):
        return None
    return extent


def _count_cells(data: bytes, extent: _Extent, name: str, sheet: str) -> bool:
    """Add the filled cells in a stretch of the sheet to the extent; False when it needs the exact reading."""
    if any(mark in data for mark in _UNUSUAL):
        return False
    cells = data.count(b'<c r="')
    if cells != data.count(b"<c ") or _OTHER_CELL_START.search(data):
        return False  # a cell whose tag does not start with its reference
    found = _CELL.findall(data)
    if len(found) != cells:
        return False  # a tag the pattern does not take whole
    filled = [(letters, digits) for letters, digits, empty in found if not empty]  # '<c r="B2" s="1"/>' holds nothing
    if not filled:
        return True
    rows = list(map(int, (digits for _, digits in filled)))
    indexes = [column_index(letters.decode()) for letters in {letters for letters, _ in filled}]
    if max(rows) > EXCEL_ROWS or max(indexes) >= EXCEL_COLUMNS:
        letters, digits = next(
            (letters, digits)
            for letters, digits in filled
            if int(digits) > EXCEL_ROWS or column_index(letters.decode()) >= EXCEL_COLUMNS
        )
        _within_a_sheet(int(digits) - 1, column_index(letters.decode()), name, sheet, (letters + digits).decode())
    extent.cells += len(rows)
    extent.top, extent.bottom = min(extent.top, min(rows) - 1), max(extent.bottom, max(rows) - 1)
    extent.left, extent.right = min(extent.left, min(indexes)), max(extent.right, max(indexes))
    return True


def _exact_extent(parts: _Parts, info: zipfile.ZipInfo, name: str, sheet: str) -> _Extent:
    """Every cell placed as the reader places it: by its reference, else after the cell before it in the row (a row
    without a number follows the row before it). A cell counts when it holds anything; an empty <c/> is skipped by
    the reader too, though it moves the next cell along."""
    extent = _Extent()
    state: dict = {"row": 0, "column": 0, "cell": None, "filled": False}

    def start(tag: str, attributes: dict[str, str]) -> None:
        local = _local(tag)
        if state["cell"] is not None:
            state["filled"] = True  # anything inside a cell (a value, an inline string, a formula)
            return
        if local == "row":
            if "r" in attributes:
                state["row"] = _row_number(attributes["r"], name, sheet)
        elif local == "c":
            if "r" in attributes:
                row, column = _position(attributes["r"], name, sheet)
                state["column"] = column
            else:
                row, column = state["row"], state["column"]
                _within_a_sheet(row, column, name, sheet, f"{column_letter(column)}{row + 1}")
            state["cell"], state["filled"] = (row, column), False

    def end(tag: str) -> None:
        local = _local(tag)
        if local == "c" and state["cell"] is not None:
            if state["filled"]:
                extent.add(*state["cell"])
            state["cell"] = None
            state["column"] += 1
        elif local == "row" and state["cell"] is None:
            state["row"] += 1
            state["column"] = 0

    _parse(parts.chunks(info), name, info.filename, start, end)
    return extent


def _heading_cells(parts: _Parts, info: zipfile.ZipInfo, name: str, top: int) -> list[tuple[int, str, str]]:
    """The cells of the sheet's first filled row, in their order: (column, type, value as written), a shared string
    being its number."""
    cells: list[tuple[int, str, str]] = []
    state: dict = {"row": 0, "column": 0, "cell": None, "inside": [], "text": [], "seen_top": False}

    def start(tag: str, attributes: dict[str, str]) -> None:
        local = _local(tag)
        if state["cell"] is not None:
            state["inside"].append(local)
            return
        if local == "row":
            if "r" in attributes:
                state["row"] = _row_number(attributes["r"], name, info.filename)
            if state["seen_top"] and state["row"] > top:
                raise _Stop()
        elif local == "c":
            if "r" in attributes:
                row, state["column"] = _position(attributes["r"], name, info.filename)
            else:
                row = state["row"]
            state["cell"] = (row, state["column"], attributes.get("t", "n"))
            state["text"] = []

    def text(data: str) -> None:
        inside = state["inside"]
        if state["cell"] is not None and inside and inside[-1] in ("v", "t") and "rPh" not in inside:
            if sum(map(len, state["text"])) < HEADING_TEXT:
                state["text"].append(data)

    def end(tag: str) -> None:
        local = _local(tag)
        if state["cell"] is None:
            if local == "row":
                state["row"] += 1
                state["column"] = 0
            return
        if state["inside"]:
            state["inside"].pop()
            return
        row, column, kind = state["cell"]
        if row == top:
            state["seen_top"] = True
            value = "".join(state["text"])
            if value:
                cells.append((column, kind, value))
        state["cell"] = None
        state["column"] += 1

    _parse(parts.chunks(info), name, info.filename, start, end, text)
    return sorted(cells)


def _shared_strings(parts: _Parts, info: zipfile.ZipInfo | None, name: str, wanted: set[int]) -> dict[int, str]:
    """The shared strings of the given numbers, read until the last of them."""
    found: dict[int, str] = {}
    if info is None or not wanted:
        return found
    last = max(wanted)
    state: dict = {"index": -1, "depth": [], "text": []}

    def start(tag: str, attributes: dict[str, str]) -> None:
        local = _local(tag)
        if local == "si" and "si" not in state["depth"]:
            state["index"] += 1
            if state["index"] > last:
                raise _Stop()
            state["text"] = []
        state["depth"].append(local)

    def text(data: str) -> None:
        depth = state["depth"]
        if depth and depth[-1] == "t" and "rPh" not in depth and state["index"] in wanted:
            if sum(map(len, state["text"])) < HEADING_TEXT:
                state["text"].append(data)

    def end(tag: str) -> None:
        local = _local(tag)
        if state["depth"]:
            state["depth"].pop()
        if local == "si" and "si" not in state["depth"] and state["index"] in wanted:
            found[state["index"]] = "".join(state["text"])

    _parse(parts.chunks(info), name, info.filename, start, end, text)
    return found


_SST_START = re.compile(rb"<(?:[^\s<>/=!?\"':]*:)?sst(?=[\s/>])((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>")
_UNIQUE_COUNT = re.compile(rb"(?<=\s)uniqueCount\s*=\s*[\"']\s*([0-9]+)")
_STRING_ITEM = re.compile(rb"<(?:[^\s<>/=!?\"':]*:)?si(?=[\s/>])")


def _check_shared_strings(parts: _Parts, info: zipfile.ZipInfo | None, name: str) -> None:
    """The reader reserves room for as many shared strings as the workbook declares ('uniqueCount'), then reads
    them all: a false count of four billion asks it for 96 GB at once. Both the count declared and the strings there
    are held to what a workbook of the largest sheet allowed could need."""
    if info is None:
        return
    declared = None
    items = 0
    carried = b""
    for chunk in parts.chunks(info):
        data = carried + chunk
        if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
            raise _refuse(name, f"its part {info.filename} declares a document type, which no Excel workbook does")
        if declared is None and (start := _SST_START.search(data)) is not None:
            count = _UNIQUE_COUNT.search(start[1])
            declared = int(count[1]) if count else 0
        cut = max(data.rfind(b"<"), 0)
        if len(data) - cut > LONGEST_TAG:
            cut = len(data)
        items += len(_STRING_ITEM.findall(data, 0, cut))
        carried = data[cut:]
    items += len(_STRING_ITEM.findall(carried))
    if (declared or 0) > MAX_SHARED_STRINGS or items > MAX_SHARED_STRINGS:
        said = max(declared or 0, items)
        raise UnreadableFile(
            f"{name} is not an ordinary Excel workbook: it declares {said:,} different texts, more than its sheets "
            "could ever hold, so it was not opened.",
            "Export the responses from the survey tool again (CSV will do). If it came by email, ask IT to check it.",
        )


# ---------------------------------------------------------------------------------------------- the workbook


# The reader takes a relationship's Id and Target, and a sheet's r:id, as written; an XML parser (this one too) reads
# '&#49;' as '1' and a tab as a space. So that both find the same part, such characters are refused there.
_PART_NAMING = re.compile(
    rb"(?<![\w.\-])(?:Target|Id|[\w.\-]+:id|id)\s*=\s*(?:\"[^\"]*[&\t\n\r][^\"]*\"|'[^']*[&\t\n\r][^']*')"
)


def _check_part_naming(data: bytes, name: str, part: str) -> None:
    if _PART_NAMING.search(data):
        raise _refuse(name, f"its part {part} names a part with an escaped character, which no Excel workbook does")


def _relationships(parts: _Parts, path: str, name: str) -> list[tuple[str, str, str]]:
    """(Id, Target, Type) of each relationship, in the order written."""
    info = parts.find(path)
    if info is None:
        raise _refuse(name, f"it has no {path}")
    if info.file_size > LARGEST_SMALL_PART:
        raise _refuse(name, f"its part {path} is far larger than any workbook's")
    data = parts.read_small(info)
    _check_part_naming(data, name, path)
    found: list[tuple[str, str, str]] = []

    def start(tag: str, attributes: dict[str, str]) -> None:
        if _local(tag) == "Relationship":
            found.append((attributes.get("Id", ""), attributes.get("Target", ""), attributes.get("Type", "")))
            if len(found) > 10 * MAX_SHEETS:
                raise _refuse(name, f"its part {path} lists far more parts than any workbook")

    _parse(iter([data]), name, path, start)
    return found


def _workbook_folder(parts: _Parts, name: str) -> str:
    """Where the workbook's parts are, from the package's relationships (usually 'xl/'): the last relationship to an
    office document, as the reader takes it."""
    documents = [
        target
        for _, target, kind in _relationships(parts, "_rels/.rels", name)
        if kind.endswith("/relationships/officeDocument")
    ]
    if not documents:
        raise _refuse(name, "it has no workbook in it")
    target = documents[-1]
    folder = target[: target.rfind("/") + 1] if "/" in target else ""
    return folder[1:] if folder.startswith("/") else folder


def _sheet_list(parts: _Parts, folder: str, name: str) -> list[tuple[str, str, str, bool]]:
    """(name, part, kind, hidden) for each sheet the workbook lists, its part found as the reader finds it."""
    # Keyed by Id, the last of an Id winning, as in the reader's own table.
    relationships = {
        relation: (target, kind)
        for relation, target, kind in _relationships(parts, f"{folder}_rels/workbook.xml.rels", name)
    }
    info = parts.find(f"{folder}workbook.xml")
    if info is None:
        return []
    sheets: list[tuple[str, str, str, bool]] = []

    def start(tag: str, attributes: dict[str, str]) -> None:
        if _local(tag) != "sheet":
            return
        if len(sheets) >= MAX_SHEETS:
            raise UnreadableFile(
                f"{name} is not an ordinary Excel workbook: it has more than {MAX_SHEETS:,} sheets, "
                "so it was not opened.",
                "Copy the sheet of responses into a new workbook, or export the responses as CSV.",
            )
        relation = next((value for key, value in attributes.items() if _local(key) == "id"), "")
        if relation not in relationships:
            raise _refuse(name, f"its sheet '{attributes.get('name', '')[:60]}' refers to a part that is not there")
        sheet_name = attributes.get("name", "")
        if any(sheet_name.casefold() == other.casefold() for other, *_ in sheets):
            # Excel never allows it; the reader would read the first of them whichever was measured.
            raise _refuse(name, f"it has two sheets called '{sheet_name[:60]}'")
        target, kind = relationships[relation]
        part = target[1:] if target.startswith("/") else f"{folder}{target}"
        sheets.append((sheet_name, part, kind.rpartition("/")[2], attributes.get("state", "visible") != "visible"))

    data = parts.read_small(info)
    _check_part_naming(data, name, info.filename)
    _parse(iter([data]), name, info.filename, start)
    return sheets


def survey_workbook(path: Path) -> WorkbookSurvey:
    """Every sheet of the workbook measured, and its headings read, without the workbook reader; a workbook the
    reader could not hold, or that is not what it says it is, refused in one sentence."""
    name = path.name
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
        raise _refuse(name, f"it is not a complete zip archive: {error}") from None
    with archive:
        parts = _Parts(archive, name)
        folder = _workbook_folder(parts, name)
        for small in (f"{folder}styles.xml", f"{folder}workbook.xml"):  # read whole by the reader as it opens
            info = parts.find(small)
            if info is not None and info.file_size > LARGEST_SMALL_PART:
                raise _refuse(name, f"its part {info.filename} is far larger than any workbook's")
        strings = parts.find(f"{folder}sharedStrings.xml")
        _check_shared_strings(parts, strings, name)
        measured: dict[str, tuple[_Extent, list[tuple[int, str, str]]]] = {}
        found: list[tuple[SheetSurvey, list[tuple[int, str, str]]]] = []
        for sheet_name, part, kind, hidden in _sheet_list(parts, folder, name):
            info = parts.find(part)
            if kind != "worksheet" or info is None:
                found.append((SheetSurvey(sheet_name, part, hidden, readable=False), []))
                continue
            if info.filename not in measured:  # several sheets may name one part: it is read once
                extent = _quick_extent(parts, info, name, sheet_name) or _exact_extent(parts, info, name, sheet_name)
                headings = _heading_cells(parts, info, name, extent.top) if extent.cells else []
                measured[info.filename] = (extent, headings)
            extent, headings = measured[info.filename]
            found.append(
                (
                    SheetSurvey(
                        sheet_name, part, hidden, extent.cells, extent.top, extent.bottom, extent.left, extent.right
                    ),
                    headings,
                )
            )
        wanted = {
            int(value) for _, cells in found for _, kind, value in cells if kind == "s" and value.strip().isdigit()
        }
        texts = _shared_strings(parts, strings, name, wanted)
    sheets = []
    for sheet, cells in found:
        by_column = {
            column: (texts.get(int(value), "") if kind == "s" and value.strip().isdigit() else value)
            for column, kind, value in cells
        }
        heading_texts = (
            tuple(by_column.get(column, "") for column in range(sheet.left, sheet.right + 1)) if by_column else ()
        )
        sheets.append(
            SheetSurvey(
                sheet.name,
                sheet.part,
                sheet.hidden,
                sheet.cells,
                sheet.top,
                sheet.bottom,
                sheet.left,
                sheet.right,
                heading_texts,
                sheet.readable,
            )
        )
    return WorkbookSurvey(name, tuple(sheets))


# ---------------------------------------------------------------------------------------------- choosing a sheet


def sheet_named(survey: WorkbookSurvey, wanted: str) -> SheetSurvey:
    """The sheet the user named (exactly, else ignoring case and spaces at the ends)."""
    for match in (lambda s: s.name == wanted, lambda s: s.name.strip().casefold() == wanted.strip().casefold()):
        found = next((sheet for sheet in survey.sheets if match(sheet)), None)
        if found is not None:
            return found
    names = ", ".join(f"'{sheet.name}'" for sheet in survey.sheets[:20])
    raise UnreadableFile(
        f"{survey.name} has no sheet called '{wanted[:60]}'; its sheets are {names}.",
        "Give the name of the sheet that holds the responses, as its tab shows it.",
    )


def likeliest_sheet(
    survey: WorkbookSurvey, heading_score: Callable[[tuple[str, ...]], int] | None = None
) -> SheetSurvey:
    """The sheet most likely to hold the responses: the one whose headings match most of the questionnaire's
    questions (when there is one), then one with a name the survey tools give it, then a visible one not named
    like a summary or instructions, then the one holding most cells. A wider summary sheet never wins on width."""
    candidates = [sheet for sheet in survey.readable_sheets() if sheet.cells]
    if not candidates:
        raise UnreadableFile(
            f"{survey.name} has no rows in any sheet.", "Export the responses from the survey tool again."
        )

    def score(sheet: SheetSurvey) -> tuple:
        return (
            heading_score(sheet.headings) if heading_score else 0,
            not sheet.too_large,
            sheet.name.strip().casefold() in TOOL_SHEET_NAMES,
            not sheet.hidden,
            NOT_RESPONSES.search(sheet.name) is None,
            sheet.cells,
        )

    return max(candidates, key=score)


CHOOSE_THE_SHEET = Advice(
    "Choose the sheet that holds the responses.", "Name the sheet that holds the responses with --sheet."
)


def refuse_if_too_large(survey: WorkbookSurvey, sheet: SheetSurvey) -> None:
    if not sheet.readable:
        raise UnreadableFile(
            f"The sheet '{sheet.name}' of {survey.name} is a chart or is missing from the file, so it "
            "holds no responses.",
            CHOOSE_THE_SHEET,
        )
    if sheet.too_large:
        rows, columns = sheet.bottom - sheet.top + 1, sheet.right - sheet.left + 1
        memory = sheet.grid_cells * BYTES_A_CELL
        said = f"{memory / 1e9:,.0f} GB" if memory >= 1e9 else f"{memory / 1e6:,.0f} MB"
        raise UnreadableFile(
            f"{survey.name} cannot be read safely: sheet '{sheet.name}' has a cell as far out as "
            f"{sheet.furthest_cell}, "
            f"so reading it would take a grid of {counted(rows, 'row')} by {counted(columns, 'column')} (about "
            f"{said} of memory) for the "
            f"{sheet.cells:,} cells that hold anything.",
            "In Excel, delete the rows and columns past the responses (Ctrl+End goes to that last cell) and save, or "
            "export the responses as CSV.",
        )
