"""The furniture every printed page shares: A4, margins, fonts and styles, the council's name and the protective
marking at the top, the document's name, the marking and 'Page X of Y' at the bottom.

The paper form, the action plan and the findings report are each a list of reportlab flowables handed to
`build_pdf` with a `PageFurniture`; they differ only in what they put on the page.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from ... import APP_NAME, __version__
from ...domain.printable import one_line
from ...domain.progress import SILENT, Progress
from ..files import write_file
from ..long_text import fitted

PAGE_WIDTH, PAGE_HEIGHT = A4
LEFT_MARGIN = RIGHT_MARGIN = 18 * mm
TOP_MARGIN = 22 * mm  # room for the header above the frame
BOTTOM_MARGIN = 20 * mm  # room for the footer below it
CONTENT_WIDTH = PAGE_WIDTH - LEFT_MARGIN - RIGHT_MARGIN
CONTENT_HEIGHT = PAGE_HEIGHT - TOP_MARGIN - BOTTOM_MARGIN
A4_LANDSCAPE = landscape(A4)
LANDSCAPE_CONTENT_WIDTH = A4_LANDSCAPE[0] - LEFT_MARGIN - RIGHT_MARGIN
LANDSCAPE_CONTENT_HEIGHT = A4_LANDSCAPE[1] - TOP_MARGIN - BOTTOM_MARGIN

FONT = "Helvetica"
BOLD = "Helvetica-Bold"
ITALIC = "Helvetica-Oblique"

INK = colors.HexColor("#1a1a1a")
ACCENT = colors.HexColor("#1f3a5f")  # a dark navy: reads as black in greyscale print
MUTED = colors.HexColor("#4d4d4d")
RULE = colors.HexColor("#8c96a0")
SHADE = colors.HexColor("#e9eef4")


@dataclass(frozen=True)
class PageFurniture:
    """What is printed around the content of every page."""

    council: str
    protective_marking: str
    document_name: str  # bottom left, e.g. 'Social Work Health Check 2019: staff survey'
    subject: str = ""
    top_right: str = ""  # e.g. the cycle, or 'Draft'


@dataclass(frozen=True)
class ReportStyles:
    """The paragraph styles of our printed documents, built once per document."""

    title: ParagraphStyle
    subtitle: ParagraphStyle
    heading: ParagraphStyle
    subheading: ParagraphStyle
    body: ParagraphStyle
    small: ParagraphStyle
    note: ParagraphStyle
    table_text: ParagraphStyle
    table_heading: ParagraphStyle


def report_styles() -> ReportStyles:
    body = ParagraphStyle("body", fontName=FONT, fontSize=10, leading=13.5, textColor=INK, spaceAfter=5)
    return ReportStyles(
        title=ParagraphStyle(
            "title", parent=body, fontName=BOLD, fontSize=20, leading=24, textColor=ACCENT, spaceAfter=4
        ),
        subtitle=ParagraphStyle("subtitle", parent=body, fontSize=12.5, leading=16, textColor=MUTED, spaceAfter=10),
        heading=ParagraphStyle(
            "heading",
            parent=body,
            fontName=BOLD,
            fontSize=13,
            leading=16,
            textColor=ACCENT,
            spaceBefore=10,
            spaceAfter=6,
        ),
        subheading=ParagraphStyle(
            "subheading", parent=body, fontName=BOLD, fontSize=10.5, leading=14, spaceBefore=6, spaceAfter=3
        ),
        body=body,
        small=ParagraphStyle("small", parent=body, fontSize=8.5, leading=11, spaceAfter=2),
        note=ParagraphStyle(
            "note", parent=body, fontName=ITALIC, fontSize=8.5, leading=11, textColor=MUTED, spaceAfter=2
        ),
        table_text=ParagraphStyle("table_text", parent=body, fontSize=9, leading=11.5, spaceAfter=0),
        table_heading=ParagraphStyle(
            "table_heading", parent=body, fontName=BOLD, fontSize=8, leading=10, spaceAfter=0, alignment=TA_CENTER
        ),
    )


class _NumberedCanvas(Canvas):
    """Holds every page back until the end, so that each can say 'Page X of Y' and carry its furniture."""

    def __init__(self, *args: Any, furniture: PageFurniture, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self._furniture = furniture
        self._pages: list[dict[str, Any]] = []

    def showPage(self) -> None:  # noqa: N802 (reportlab's name)
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for number, state in enumerate(self._pages, start=1):
            self.__dict__.update(state)
            draw_furniture(self, self._furniture, number, total)
            super().showPage()
        super().save()


FURNITURE_GAP = 4 * mm  # between the texts that share the top or the bottom line


def _line_of_three(
    width: float, left: tuple[str, str, float], centre: tuple[str, str, float], right: tuple[str, str, float]
) -> tuple[str, str, str]:
    """Three texts (each with its font and size) for one line of furniture, each cut with '…' to its share of the
    line: the centre one first (at most a third of it), then the others either side of it. However long a council's
    name, the texts never run into each other or off the page; the name is printed in full in the document."""
    middle = fitted(centre[0], centre[1], centre[2], width / 3)
    side = (width - stringWidth(middle, centre[1], centre[2])) / 2 - FURNITURE_GAP
    return fitted(left[0], left[1], left[2], side), middle, fitted(right[0], right[1], right[2], side)


def draw_furniture(canvas: Canvas, furniture: PageFurniture, page: int, pages: int) -> None:
    page_width, page_height = canvas._pagesize  # A4 either way up
    width = page_width - LEFT_MARGIN - RIGHT_MARGIN
    council, marking, top_right = _line_of_three(
        width, (furniture.council, BOLD, 9), (furniture.protective_marking, BOLD, 9), (furniture.top_right, FONT, 9)
    )
    canvas.saveState()
    top = page_height - 12 * mm
    canvas.setFillColor(INK)
    canvas.setFont(BOLD, 9)
    canvas.drawString(LEFT_MARGIN, top, council)
    canvas.drawCentredString(page_width / 2, top, marking)
    canvas.setFont(FONT, 9)
    canvas.drawRightString(page_width - RIGHT_MARGIN, top, top_right)
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.6)
    canvas.line(LEFT_MARGIN, top - 3 * mm, page_width - RIGHT_MARGIN, top - 3 * mm)

    bottom = 10 * mm
    document, marking, page_of = _line_of_three(
        width,
        (furniture.document_name, FONT, 8),
        (furniture.protective_marking, BOLD, 8),
        (f"Page {page} of {pages}", FONT, 8),
    )
    canvas.line(LEFT_MARGIN, bottom + 4.5 * mm, page_width - RIGHT_MARGIN, bottom + 4.5 * mm)
    canvas.setFont(FONT, 8)
    canvas.setFillColor(MUTED)
    canvas.drawString(LEFT_MARGIN, bottom, document)
    canvas.setFont(BOLD, 8)
    canvas.setFillColor(INK)
    canvas.drawCentredString(page_width / 2, bottom, marking)
    canvas.setFont(FONT, 8)
    canvas.drawRightString(page_width - RIGHT_MARGIN, bottom, page_of)
    canvas.restoreState()


def build_pdf(
    out: Path,
    furniture: PageFurniture,
    flowables: Sequence[Flowable],
    progress: Progress = SILENT,
    pagesize: tuple[float, float] = A4,
) -> Path:
    """Lay out the flowables on A4 pages (portrait, or A4_LANDSCAPE) with the furniture and save the PDF at `out`,
    all or nothing. Progress is reported page by page; cancelling leaves any earlier file at `out` as it was."""
    return write_file(out, lambda path: _lay_out(str(path), furniture, flowables, progress, pagesize))


def lay_out_without_saving(
    furniture: PageFurniture,
    flowables: Sequence[Flowable],
    progress: Progress = SILENT,
    pagesize: tuple[float, float] = A4,
) -> None:
    """Lay the pages out in memory only: a first pass that learns on which page each heading falls (for a contents
    page) and touches no file."""
    _lay_out(io.BytesIO(), furniture, flowables, progress, pagesize)


def _lay_out(
    target: str | io.BytesIO,
    furniture: PageFurniture,
    flowables: Sequence[Flowable],
    progress: Progress,
    pagesize: tuple[float, float],
) -> None:
    page_width, page_height = pagesize

    def on_page(canvas: Canvas, doc: BaseDocTemplate) -> None:
        progress.step(doc.page, 0, f"Laid out page {doc.page}")

    doc = BaseDocTemplate(
        target,
        pagesize=pagesize,
        leftMargin=LEFT_MARGIN,
        rightMargin=RIGHT_MARGIN,
        topMargin=TOP_MARGIN,
        bottomMargin=BOTTOM_MARGIN,
        title=one_line(furniture.document_name),
        author=one_line(furniture.council),
        subject=one_line(furniture.subject or furniture.document_name),
        creator=f"{APP_NAME} {__version__}",
        lang="en-GB",
    )
    frame = Frame(
        LEFT_MARGIN,
        BOTTOM_MARGIN,
        page_width - LEFT_MARGIN - RIGHT_MARGIN,
        page_height - TOP_MARGIN - BOTTOM_MARGIN,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id="content",
    )
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=on_page)])
    doc.build(list(flowables), canvasmaker=partial(_NumberedCanvas, furniture=furniture))
