"""Writing command output as CSV or JSON, to standard output or a file."""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path
from typing import Any, Sequence

from ..errors import SaveFailed


def write_text(text: str, out: Path | None) -> None:
    if out is None:
        sys.stdout.write(text)
        return
    try:
        out.write_text(text, encoding="utf-8", newline="")
    except OSError as error:
        raise SaveFailed(f"{out} could not be written: {error.strerror or error}.", "Choose a folder you can save in.") from None


def csv_text(columns: Sequence[str], rows: Sequence[dict[str, Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(columns), lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def json_text(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
