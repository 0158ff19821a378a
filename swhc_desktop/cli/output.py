"""Writing command output as CSV or JSON, to standard output or a file."""

from __future__ import annotations

import csv
import io
import json
import re
import sys
from pathlib import Path
from typing import Any, Sequence

from ..exports.safe_cells import formula_safe
from ..saving import write_file

# A figure the commands write ('-3.5', '41.666…'): a spreadsheet reads it as the number it is, never as a formula.
_PLAIN_NUMBER = re.compile(r"-?\d+(\.\d+)?([eE]-?\d+)?")


def terminal_safe(text: str) -> str:
    """Text from a file, fit to print on a terminal: control characters (which could clear the screen, retitle the
    window or write to the clipboard) shown as visible escapes instead of being obeyed."""
    return "".join(ch if ch.isprintable() or ch in "\t\n" else f"\\x{ord(ch):02x}" if ord(ch) < 256 else f"\\u{ord(ch):04x}"
                   for ch in text)


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
