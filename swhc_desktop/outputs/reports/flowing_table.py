"""The one kind of table every printed document uses, so that no text breaks a document: a row that fits on a page
is kept whole (moved on to the next page when it does not fit on this one), and a row taller than a page (an essay
of a progress update, a long help text) is split where it stands and runs on over as many pages as it needs, its
heading rows repeated and the row's continuation marked as such in its first cell.

reportlab splits a row across pages only when asked (`splitInRow`), and then any row that does not fit where it is,
after moving the rows before it on to a page of their own; this table asks only for a row taller than a page, and
splits it where it stands."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Table

from .pdf_furniture import CONTENT_HEIGHT, ITALIC, MUTED

CONTINUED = "(continued)"
SMALLEST_PART = 24.0  # points: a row is not split to leave less than two lines of it on a page
# A table inside a cell (a question's answers, in the row of its question) never has the whole page: it has what the
# cell around it leaves, less its padding and the line saying it is continued. A row within this much of a page's
# height is split as if it were taller than a page, so that it is never waiting for a page big enough.
ROOM_FOR_THE_CELL_AROUND = 36.0


def continued_style() -> ParagraphStyle:
    return ParagraphStyle("continued", fontName=ITALIC, fontSize=7.5, leading=9.5, textColor=MUTED, spaceAfter=1.5)


class ContinuedNote(Paragraph):
    """The line at the top of a row's continuation that says it is continued."""


class ContinuedCell(list):
    """The cell of a row that says, on each page the row runs on to, that the row is continued (`note` is markup,
    such as the action's name and 'continued')."""

    def __init__(self, flowables: Sequence[Flowable] = (), note: str = CONTINUED):
        super().__init__(flowables)
        self.note = note

    def continuation(self, rest: Sequence[Flowable]) -> "ContinuedCell":
        return ContinuedCell([ContinuedNote(self.note, continued_style()), *rest], self.note)


def _as_list(cell: Any) -> Any:
    """A cell as a list of flowables, so that the cell can carry the note saying its row is continued (text stays
    text, lists stay as they are)."""
    if isinstance(cell, Flowable):
        return [cell]
    if isinstance(cell, tuple):
        return list(cell)
    return cell


def _as_continued(cell: Any) -> Any:
    """The cell, able to say its row is continued (a cell of plain text, always short, is left as it is)."""
    if isinstance(cell, ContinuedCell) or (isinstance(cell, str) and cell.strip()):
        return cell
    return ContinuedCell([] if isinstance(cell, str) else _as_list(cell))


class FlowingTable(Table):
    """A reportlab Table whose rows may run over pages (see the module's description).

    `continued_in` is the column whose cell says a row is continued (None: no column says so, for a table whose
    cells are all short); `page_height` is the height of the frame the table is laid out in."""

    page_height: float = CONTENT_HEIGHT

    def __init__(
        self,
        data: Sequence[Sequence[Any]],
        *args: Any,
        continued_in: int | None = 0,
        page_height: float | None = None,
        **kwargs: Any,
    ):
        if not kwargs.get("normalizedData"):
            headings = kwargs.get("repeatRows", 0)
            headings = headings if isinstance(headings, int) else max(headings, default=-1) + 1
            rows = [[_as_list(cell) for cell in row] for row in data]
            if continued_in is not None:
                for row in rows[headings:]:
                    if continued_in < len(row):
                        row[continued_in] = _as_continued(row[continued_in])
            data = rows
        kwargs.setdefault("splitInRow", SMALLEST_PART)
        super().__init__(data, *args, **kwargs)
        if page_height is not None:
            self.page_height = page_height

    def onSplit(self, part: Table, byRow: int = 1) -> None:  # noqa: N802 (reportlab's name)
        part.page_height = self.page_height

    def _heading_height(self) -> float:
        repeated = self.repeatRows
        rows = range(repeated) if isinstance(repeated, int) else repeated
        return sum(self._rowHeights[row] for row in rows if row < len(self._rowHeights))

    def _first_row_not_fitting(self, height: float) -> int | None:
        used = 0.0
        for row, row_height in enumerate(self._rowHeights):
            used += row_height
            if used > height:
                return row
        return None

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803 (reportlab's names)
        """Between rows, as any table; but a row too tall for any page is split here and now, rather than moved on
        to a page of its own (where it would be split all the same, after a needless gap and a second copy of the
        headings). A row that fits on a page is never split: it goes on to the next page whole."""
        self._calc(availWidth, availHeight)
        row = self._first_row_not_fitting(availHeight)
        tallest = self.page_height - self._heading_height() - ROOM_FOR_THE_CELL_AROUND
        if row is not None and self._rowHeights[row] > tallest:
            # A row that runs over pages is set from its top: reportlab splits a row centred on the page by pushing
            # all of it into one part and leaving the other empty but as tall as ever, page after page.
            for style in self._cellStyles[row]:
                if style.valign != "TOP":
                    style.valign = "TOP"
            # Split where the page ends; failing that (it would leave too little for the next page), a little higher.
            for height in (availHeight, min(availHeight, self._height - SMALLEST_PART) - 1):
                parts = self._splitRows(height, doInRowSplit=1)
                if parts and _progresses(parts[0]):
                    return parts
        return self._splitRows(availHeight)

    def _cellListProcess(self, value: Any, availWidth: float, availHeight: float) -> Any:  # noqa: N802,N803
        """reportlab replaces a cell's list with a tuple of its own when it lays the table out: a cell that says its
        row is continued stays one."""
        cell = super()._cellListProcess(value, availWidth, availHeight)
        return ContinuedCell(cell, value.note) if isinstance(value, ContinuedCell) else cell

    def _splitCell(self, value: Any, style: Any, oldHeight: float, newHeight: float, width: float) -> Any:  # noqa: N802,N803
        parts = super()._splitCell(value, style, oldHeight, newHeight, width)
        if parts and isinstance(value, ContinuedCell):
            top, rest = parts
            return ContinuedCell(top, value.note), value.continuation(rest)
        return parts


def _progresses(first_part: Table) -> bool:
    """Whether the first part of a split row holds some of the row's content, not just the line saying it is
    continued (a split that moves nothing on would repeat for ever)."""
    for cell in first_part._cellvalues[-1]:
        if isinstance(cell, str) and cell.strip():
            return True
        if isinstance(cell, (list, tuple)) and any(not isinstance(f, ContinuedNote) for f in cell):
            return True
    return False


class KeepTogetherWhenItFits(KeepTogether):
    """Flowables kept on one page (a question with its chart and table, a heading with what follows it) when they fit
    on one; when a long text makes them taller than a page they start where they are, rather than after a blank end
    of page, and run on."""

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803 (reportlab's names)
        if getattr(self, "_wrapInfo", None) != (availWidth, availHeight):
            self.wrap(availWidth, availHeight)
        frame = getattr(self, "_frame", None)
        if frame is not None and self._H > frame._height:
            return [self.NullActionFlowable(), *self._content]  # each laid out in turn, from here
        return super().split(availWidth, availHeight)
