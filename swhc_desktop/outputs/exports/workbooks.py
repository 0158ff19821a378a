"""Excel workbooks built in memory and saved in one write, with no cell ever turned into a formula or a link."""

from __future__ import annotations

import contextlib
import io
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from xlsxwriter import Workbook


@contextlib.contextmanager
def workbook_saved_at(path: Path, properties: Mapping[str, str]) -> Iterator["Workbook"]:
    """A new workbook to fill; saved at `path` when the block ends without an error.

    Built in memory because XlsxWriter leaves its zip file open when the disk fills, and that file then fails again
    whenever Python tidies it away; one write of the finished bytes fails once, cleanly."""
    import xlsxwriter

    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(
        buffer, {"in_memory": True, "strings_to_numbers": False, "strings_to_formulas": False, "strings_to_urls": False}
    )
    workbook.set_properties(dict(properties))
    yield workbook
    workbook.close()
    Path(path).write_bytes(buffer.getvalue())
