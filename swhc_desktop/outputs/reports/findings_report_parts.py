"""Pieces the findings report is laid out with: headings that note their page for the contents, charts drawn once as
pictures, plain text made safe for reportlab, and small tables in the report's house style."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, TableStyle

from ..long_text import markup
from .flowing_table import FlowingTable
from .pdf_furniture import ACCENT, CONTENT_HEIGHT, CONTENT_WIDTH, RULE, SHADE

if TYPE_CHECKING:
    from matplotlib.figure import Figure
    from reportlab.lib.styles import ParagraphStyle

CHART_DPI = 150
TALLEST_PICTURE = CONTENT_HEIGHT * 0.8  # leaves room on its page for the question's heading
TITLE_LINE_INCHES = 0.24  # as charts/style.py's finish() leaves room for each line of a chart's title


def text(value: str) -> str:
    """Plain text for a reportlab paragraph (see long_text.markup)."""
    return markup(value)


def paragraphs(value: str) -> list[str]:
    """The PSW's text split into paragraphs at blank lines (single line breaks stay inside a paragraph)."""
    return [part.strip() for part in value.replace("\r\n", "\n").split("\n\n") if part.strip()]


class PageNotingHeading(Paragraph):
    """A heading that notes the page it lands on, so the contents can list it (the report is laid out twice: the
    first time to learn the pages, the second with them). A heading too long for the rest of a page is split like
    any paragraph; its first part notes the page."""

    def __init__(
        self,
        words: str | None,
        style: "ParagraphStyle",
        key: str = "",
        pages: dict[str, int] | None = None,
        **paragraph: Any,
    ):
        super().__init__(words, style, **paragraph)  # reportlab makes the parts of a split paragraph this way too
        self.key = key
        self.pages = pages

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803 (reportlab's names)
        parts = super().split(availWidth, availHeight)
        if parts and isinstance(parts[0], PageNotingHeading):
            parts[0].key, parts[0].pages = self.key, self.pages
        return parts

    def draw(self) -> None:
        super().draw()
        if self.pages is not None and self.key:
            self.pages[self.key] = self.canv.getPageNumber()


@dataclass(frozen=True)
class ChartPicture:
    """A chart drawn once, as a PNG, with its size on the page."""

    png: bytes
    width: float
    height: float


def without_title(figure: "Figure") -> "Figure":
    """The chart without the title the app's builders put above it: in the report its heading says the same, just
    above. The figure loses the title's height, and the chart keeps its size and place below it."""
    # matplotlib keeps the figure's one title here; get_suptitle() gives only its words, and the stubs leave it out.
    title = figure._suptitle  # type: ignore[attr-defined]
    if title is None or not title.get_text():
        return figure
    lines = title.get_text().count("\n") + 1
    removed = TITLE_LINE_INCHES * lines
    width, height = figure.get_size_inches()
    parameters = figure.subplotpars
    top_gap, bottom_gap = (1 - parameters.top) * height, parameters.bottom * height
    if top_gap <= removed:
        return figure
    texts = [(text, text.get_position()[1] * height) for text in figure.texts]
    title.set_text("")
    new_height = height - removed
    figure.set_size_inches(width, new_height)
    figure.subplots_adjust(top=1 - (top_gap - removed) / new_height, bottom=bottom_gap / new_height)
    for text, inches_up in texts:  # the base and notes under the chart stay where they were, from the bottom
        text.set_y(inches_up / new_height)
    return figure


def chart_picture(figure: "Figure", width: float = CONTENT_WIDTH) -> ChartPicture:
    """The chart as a picture `width` wide, or narrower when that would make it taller than a page can hold (a
    question with a great many answers): a picture cannot run over a page."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=CHART_DPI, facecolor="white")
    inches_wide, inches_high = figure.get_size_inches()
    width = min(width, TALLEST_PICTURE * inches_wide / inches_high)
    return ChartPicture(buffer.getvalue(), width, width * inches_high / inches_wide)


class ChartImage(Flowable):
    """A chart on the page. While the report is first laid out (to learn its pages) the picture itself is not drawn:
    only its size matters then, and drawing it twice would double the time the report takes."""

    def __init__(
        self, picture: ChartPicture, draw_picture: bool, column_width: float | None = None, align: str = "RIGHT"
    ):
        super().__init__()
        self.picture = picture
        self.draw_picture = draw_picture
        self.width = max(column_width or 0, picture.width)  # the picture is centred in the column it is set in
        self.height = picture.height
        self.hAlign = align

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        if not self.draw_picture:
            return
        from reportlab.lib.utils import ImageReader

        left = (self.width - self.picture.width) / 2
        self.canv.drawImage(ImageReader(io.BytesIO(self.picture.png)), left, 0, self.picture.width, self.picture.height)


def house_table(
    rows: Sequence[Sequence[Any]],
    widths: Sequence[float],
    heading_rows: int = 1,
    extra: Sequence[tuple] = (),
    zebra: bool = True,
    align: str = "LEFT",
) -> FlowingTable:
    """A table in the report's style: a heading ruled off below, thin rules, alternate rows lightly shaded.
    `align` RIGHT sets a table the width of the text column under a numbered paragraph. A row too long for a page
    runs on to the next, saying so in its first cell."""
    table = FlowingTable(list(rows), colWidths=list(widths), repeatRows=heading_rows, hAlign=align)
    commands: list[tuple] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 1.6 * mm),
        ("RIGHTPADDING", (0, 0), (-1, -1), 1.6 * mm),
        ("TOPPADDING", (0, 0), (-1, -1), 0.6 * mm),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 0.7 * mm),
        ("LINEBELOW", (0, heading_rows - 1), (-1, heading_rows - 1), 0.8, ACCENT),
        ("LINEBELOW", (0, heading_rows), (-1, -1), 0.25, RULE),
    ]
    if zebra:
        commands += [("BACKGROUND", (0, row), (-1, row), SHADE) for row in range(heading_rows + 1, len(rows), 2)]
    table.setStyle(TableStyle(commands + list(extra)))
    return table
