"""Reading a CSV file's records safely: each line in its own encoding when a file mixes them, no NUL characters, and
a quotation mark that would swallow rows into one answer caught where it opens."""

from __future__ import annotations

import codecs
import csv
import io
import math
import re
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from ..domain.plurals import counted, noun
from .layouts import column_letter
from .unreadable import UnreadableFile

# The encoding of a file that is not UTF-8 throughout: what is UTF-8 is read as UTF-8, and each byte that is not as
# Windows-1252 (Latin-1 for the five bytes Windows-1252 leaves undefined). Two exports pasted together, or one cell
# edited in an old program, then keep their accents: the whole file read as Windows-1252 would turn every accented
# UTF-8 answer into 'CafÃ©'. A line of Windows-1252 text is read the same either way.
LINE_BY_LINE = "line-by-line"
ROWS_TO_COMPARE = 20  # ordinary rows read before a row holding line breaks is compared with them
RECENT_ROWS = 200  # ordinary rows remembered to compare with
ROW_LIKE_SHARE = 0.6  # of a line's cells that must be alike the cells of their column in ordinary rows
_NOT_UTF8 = re.compile("[\udc80-\udcff]")  # the bytes UTF-8 cannot read, as 'surrogateescape' leaves them


def _windows_1252(byte: int) -> str:
    try:
        return bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:
        return chr(byte)  # Latin-1


_FALLBACK = MappingProxyType({0xDC00 + byte: _windows_1252(byte) for byte in range(0x80, 0x100)})


def decode_mixed(raw: bytes) -> str:
    """One line of a file that mixes encodings: UTF-8 where it is, each other byte as Windows-1252."""
    text = raw.decode("utf-8", errors="surrogateescape")
    return _NOT_UTF8.sub(lambda match: _FALLBACK[ord(match.group())], text) if _NOT_UTF8.search(text) else text


@contextmanager
def text_lines(path: Path, encoding: str) -> Iterator[Iterator[str]]:
    """The file's lines as text, each ending as written (LF, CRLF or CR alone), decoded as the file's encoding says."""
    if encoding != LINE_BY_LINE:
        with open(path, encoding=encoding, newline="", errors="strict") as handle:
            yield iter(handle)
        return
    # Latin-1 maps every byte to one character and back, so the universal line splitting of a text file can be used
    # on the bytes themselves.
    with open(path, encoding="latin-1", newline="") as handle:
        yield _each_decoded(handle)


def _each_decoded(handle) -> Iterator[str]:
    first = True
    for line in handle:
        raw = line.encode("latin-1")
        if first and raw.startswith(codecs.BOM_UTF8):
            raw = raw[len(codecs.BOM_UTF8) :]
        first = False
        yield decode_mixed(raw)


@dataclass(frozen=True)
class MixedEncodings:
    """What reading a file of mixed encodings did: characters read as UTF-8 and as Windows-1252,
    and on how many lines."""

    utf8_characters: int
    other_characters: int
    other_lines: int
    latin1_bytes: int  # of the others, bytes Windows-1252 leaves undefined (read as Latin-1)

    def describe(self) -> str:
        other = "Latin-1" if self.latin1_bytes == self.other_characters else "Windows-1252"
        if not self.utf8_characters:
            return "Windows-1252 (Excel on Windows)" if other == "Windows-1252" else "Latin-1"
        characters = f"{counted(self.other_characters, 'character')}"
        lines = f"{counted(self.other_lines, 'line')}"
        return f"UTF-8, except {characters} on {lines} read as {other}"


def mixed_encodings(path: Path) -> MixedEncodings:
    utf8 = other = lines = latin1 = 0
    with open(path, encoding="latin-1", newline="") as handle:
        for line in handle:
            if line.isascii():
                continue
            text = line.encode("latin-1").decode("utf-8", errors="surrogateescape")
            found = _NOT_UTF8.findall(text)
            utf8 += sum(1 for c in text if not c.isascii()) - len(found)
            if found:
                other += len(found)
                lines += 1
                latin1 += sum(1 for c in found if _FALLBACK[ord(c)] == chr(ord(c) - 0xDC00) and ord(c) - 0xDC00 < 0xA0)
    return MixedEncodings(utf8, other, lines, latin1)


def records(lines: Iterator[str], delimiter: str, name: str) -> Iterator[list[str]]:
    """The file's records as the csv module reads them, checked: a NUL character, a quoted cell that holds what
    reads as rows of the file, or a quotation mark never closed stops the reading with the row where it starts."""
    current: list[str] = []
    number = 0

    def tracked() -> Iterator[str]:
        for line in lines:
            if "\x00" in line:
                raise UnreadableFile(
                    f"{name} is not a text file that can be read as CSV: row {number + 1:,} holds a NUL character "
                    "(a damaged file, or not a CSV file at all).",
                    "Export the responses from the survey tool again as CSV or Excel (.xlsx).",
                )
            current.append(line)
            yield line

    ordinary = _OrdinaryRows(delimiter, name)
    last: list[str] = []
    for record in csv.reader(tracked(), delimiter=delimiter):
        number += 1
        last, current[:] = list(current), []
        if number == 1:
            ordinary.width = len(record)
        if len(last) > 1:
            if _ends_inside_quotes("".join(last), delimiter):
                break  # said below, as for a last row that is one line
            ordinary.check_later(record, number)
        else:
            ordinary.add(record)
        yield record
    if _ends_inside_quotes("".join(last), delimiter):
        raise UnreadableFile(
            f"{name} ends part-way through a quoted answer: the quotation mark that opens a cell in row "
            f"{number:,} is never closed, so the rest of the file would be read as that one cell.",
            f"Export the file from the survey tool again; if it was edited by hand, check the quotation marks in "
            f"row {number:,}.",
        )
    ordinary.check_the_rest()


def _ends_inside_quotes(record: str, delimiter: str) -> bool:
    """Whether the text of a record opens a quoted cell that it never closes."""
    if '"' not in record:
        return False
    try:
        for _ in csv.reader(io.StringIO(record, newline=""), delimiter=delimiter, strict=True):
            pass
    except csv.Error as error:
        return "unexpected end of data" in str(error)
    return False


_DIGITS = re.compile(r"\d+")
_LETTERS = re.compile(r"[^\W\d_]+")
_SPACES = re.compile(r"\s+")


def shape(value: str) -> str:
    """What a cell looks like, not what it says: '13/05/2024 09:01' -> '9/9/9 9:9', 'Care leavers' -> 'a a'."""
    return _SPACES.sub(" ", _LETTERS.sub("a", _DIGITS.sub("9", value.strip())))


class _OrdinaryRows:
    """The rows of one line each (nearly all of any file), remembered so that the lines inside a cell that holds
    line breaks can be compared with them: an answer over several lines, or rows swallowed by a stray quotation mark.

    A line inside a cell is alike a column's cells when it has a value seen in that column (a team, an option) or,
    holding figures, has their shape (an id, a time): words alone shaped like words prove nothing."""

    def __init__(self, delimiter: str, name: str) -> None:
        self.delimiter = delimiter
        self.name = name
        self.width = 0
        self.count = 0
        self.recent: deque[list[str]] = deque(maxlen=RECENT_ROWS)  # kept as read: most files never need them
        self.known_at = -RECENT_ROWS  # the count of rows when the values and shapes below were worked out
        self.shapes: list[set[str]] = []
        self.values: list[set[str]] = []
        self.waiting: list[tuple[list[str], int]] = []

    def add(self, record: list[str]) -> None:
        self.count += 1
        self.recent.append(record)
        if self.waiting and self.count >= ROWS_TO_COMPARE:
            self.check_the_rest()

    def _know_the_recent_rows(self) -> None:
        """Each column's values and figure shapes in the recent rows, worked out again once those have all changed."""
        if self.count - self.known_at < RECENT_ROWS:
            return
        self.known_at = self.count
        width = max((len(row) for row in self.recent), default=0)
        self.values = [set() for _ in range(width)]
        self.shapes = [set() for _ in range(width)]
        for row in self.recent:
            for index, cell in enumerate(row):
                value = cell.strip()
                if value:
                    self.values[index].add(value)
                    if any(c.isdigit() for c in value):
                        self.shapes[index].add(shape(value))

    def check_later(self, record: list[str], number: int) -> None:
        """A row holding line breaks is checked once there are ordinary rows enough to compare it with."""
        self.waiting.append((record, number))
        if self.count >= ROWS_TO_COMPARE or len(self.waiting) > ROWS_TO_COMPARE:
            self.check_the_rest()

    def check_the_rest(self) -> None:
        waiting, self.waiting = self.waiting, []
        if waiting:
            self._know_the_recent_rows()
        for record, number in waiting:
            self._refuse_rows_inside_a_cell(record, number)

    def _alike(self, cells: list[str], first_column: int = 0) -> tuple[int, int]:
        """How many of a line's cells have something in them, and how many of those are alike their column's (the
        first cell being in `first_column`)."""
        filled = alike = 0
        for index, cell in enumerate(cells, start=first_column):
            value = cell.strip()
            if not value:
                continue
            filled += 1
            if index < len(self.values) and (value in self.values[index] or shape(value) in self.shapes[index]):
                alike += 1
        return filled, alike

    def _reads_as_a_row(self, line: str, first_column: int = 0) -> bool:
        """A whole row (nearly as many cells as the headings, most alike), the start of one (at least three cells,
        the first and most of the rest alike: the line where a stray quotation mark closes a cell mid-row) or, for
        the first line of a cell in `first_column`, the rest of its own row (that many cells, most alike)."""
        cells = next(csv.reader([line], delimiter=self.delimiter), [])
        if len(cells) < 2 or len(cells) > self.width - first_column:
            return False
        filled, alike = self._alike(cells, first_column)
        if filled < 2 or alike < ROW_LIKE_SHARE * filled:
            return False
        if first_column:
            return len(cells) == self.width - first_column and alike >= 3
        whole = len(cells) >= max(2, math.ceil(0.75 * self.width))
        start = len(cells) >= 3 and alike >= 3 and self._alike(cells[:1]) == (1, 1)
        return whole or start

    def _refuse_rows_inside_a_cell(self, record: list[str], number: int) -> None:
        for column, cell in enumerate(record):
            if "\n" not in cell and "\r" not in cell:
                continue
            first, *inside = cell.splitlines()
            rows_inside = sum(1 for line in inside if self._reads_as_a_row(line)) + self._reads_as_a_row(first, column)
            if rows_inside:
                raise UnreadableFile(
                    f"{self.name} has a quotation mark at the start of the {'heading' if number == 1 else 'answer'} "
                    f"in row {number:,}, column "
                    f"{column_letter(column)}, that is closed only {len(inside):,} "
                    f"{noun(len(inside), 'line')} "
                    f"later: what reads as {'rows' if rows_inside > 1 else 'a row'} of responses would be imported as "
                    "part of that one answer. Nothing was imported.",
                    f"Check the quotation marks from row {number:,} on (a quotation mark inside an answer is written "
                    'twice, ""), or export the file from the survey tool again.',
                )
