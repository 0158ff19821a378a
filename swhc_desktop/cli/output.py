"""Writing command output as CSV or JSON, to standard output or a file; and keeping what reaches a terminal harmless."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..outputs.exports.safe_cells import formula_safe
from ..outputs.files import write_file

# Characters a terminal acts on rather than shows: C0 controls (bar tab and line feed), DEL, C1 controls (0x9b starts
# an escape sequence on its own in some terminals), and the bidirectional overrides and isolates that make text
# read other than it is. Respondents' answers, headings and file names can hold any of them.
_TERMINAL_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def terminal_safe(text: str) -> str:
    """Text as it may be printed to a terminal: every control character written out as its escape ('\\x1b'), so
    that an answer can neither clear the screen, write fake lines, retitle the window nor set the clipboard."""
    return _TERMINAL_CONTROLS.sub(_escaped, text)


def _escaped(match: re.Match) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


class TerminalSafeStream(io.TextIOBase):
    """Standard output or error with `terminal_safe` applied to everything written through it: every command's
    printing passes here, so no command needs to remember it. Output piped into a program that stops reading
    (`| head`) is dropped from then on, so the command still finishes and exits as it should."""

    def __init__(self, stream):
        super().__init__()
        self.stream = stream
        self.reader_gone = False

    def write(self, text: str) -> int:
        if not self.reader_gone:
            try:
                self.stream.write(terminal_safe(text))
            except BrokenPipeError:
                self._drop_the_rest()
        return len(text)

    def flush(self) -> None:
        if not self.reader_gone:
            try:
                self.stream.flush()
            except BrokenPipeError:
                self._drop_the_rest()

    def _drop_the_rest(self) -> None:
        self.reader_gone = True
        try:  # what is left in the stream's buffer would fail again when Python exits, with a message of its own
            os.dup2(os.open(os.devnull, os.O_WRONLY), self.stream.fileno())
        except (OSError, ValueError, AttributeError, io.UnsupportedOperation):
            pass

    def writable(self) -> bool:
        return True

    # typeshed declares TextIOBase.encoding a plain attribute, but it is read-only at run time, so only a property can
    # give it a value.
    @property
    def encoding(self) -> str:  # type: ignore[override]
        return getattr(self.stream, "encoding", "utf-8")


# A figure the commands write ('-3.5', '41.666…'): a spreadsheet reads it as the number it is, never as a formula.
_PLAIN_NUMBER = re.compile(r"-?\d+(\.\d+)?([eE]-?\d+)?")


def write_text(text: str, out: Path | None) -> None:
    """The text on standard output, or saved as the file `out` all or nothing (never half a file)."""
    if out is None:
        sys.stdout.write(text)
        return
    write_file(out, lambda path: path.write_text(text, encoding="utf-8", newline=""))


def csv_text(columns: Sequence[str], rows: Sequence[dict[str, Any]]) -> str:
    """CSV of the rows. Text cells go through `formula_safe`: a question, an answer or a group's name can come
    from people (an inferred questionnaire takes its answers from respondents) and is opened in Excel."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(columns), lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    writer.writerows({key: _cell(value) for key, value in row.items()} for row in rows)
    return buffer.getvalue()


def _cell(value: Any) -> Any:
    if isinstance(value, str) and not _PLAIN_NUMBER.fullmatch(value):
        # A carriage return alone would not make the csv module quote the cell (the lines end in '\n'), yet Excel
        # starts a new row at it: the rest of the cell would become a row of its own, unchecked.
        return formula_safe(value).replace("\r\n", "\n").replace("\r", "\n")
    return value


def json_text(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
