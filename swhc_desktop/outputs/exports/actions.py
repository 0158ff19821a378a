"""The action plan as a spreadsheet (Excel or CSV): one row an action, dates as dates, every text from people made
safe from running as a formula, for councils that track their plan in a workbook."""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ...domain.progress import SILENT, Progress
from ...domain.ukdates import format_uk_date
from ..content.action_plan import ActionPlanContent, PlannedAction
from ..files import write_file
from .safe_cells import formula_safe
from .workbooks import workbook_saved_at

SHEET = "Action plan"


@dataclass(frozen=True)
class Column:
    heading: str
    width: float  # in Excel's character widths
    value: Callable[[PlannedAction], object]  # text, a number, a date or None
    wrap: bool = False


def _latest(planned: PlannedAction) -> tuple[dt.date | None, str]:
    latest = planned.action.latest_update
    return (latest.written_on, latest.text) if latest else (None, "")


COLUMNS: tuple[Column, ...] = (
    Column("Standard", 8, lambda p: p.action.standard),
    Column("Standard for Employers", 30, lambda p: p.standard_title, wrap=True),
    Column("Action", 40, lambda p: p.action.title, wrap=True),
    Column("What will be done", 50, lambda p: p.action.description, wrap=True),
    Column("Owner", 24, lambda p: p.action.owner, wrap=True),
    Column("Due", 11, lambda p: p.action.due_on),
    Column("Status", 13, lambda p: p.action.status.label),
    Column("Completed on", 13, lambda p: p.action.completed_on),
    Column("Why dropped", 30, lambda p: p.action.dropped_reason, wrap=True),
    Column("RAG", 8, lambda p: p.rag_word),
    Column("Overdue", 9, lambda p: "Yes" if p.overdue else "No"),
    Column("Findings it answers", 50, lambda p: "\n".join(f.text for f in p.findings), wrap=True),
    Column("Figures", 50, lambda p: "\n".join(f.line() for f in p.figures), wrap=True),
    Column("Question codes", 22, lambda p: ", ".join(p.action.question_codes), wrap=True),
    Column("Effect on its questions", 50, lambda p: "\n".join(e.text() for e in p.effects), wrap=True),
    Column("Latest update on", 13, lambda p: _latest(p)[0]),
    Column("Latest update", 45, lambda p: _latest(p)[1], wrap=True),
    Column("Raised in", 10, lambda p: p.raised_in),
)


def _cell(value: object) -> object:
    """Text goes through formula_safe; numbers and dates stay what they are."""
    return formula_safe(value) if isinstance(value, str) else value


def write_actions_csv(content: ActionPlanContent, out: Path, progress: Progress = SILENT) -> Path:
    def text(value: object) -> object:
        if isinstance(value, dt.date):
            return format_uk_date(value)  # as a UK Excel reads a date typed in
        return "" if value is None else _cell(value)

    def write(path: Path) -> None:
        # UTF-8 with a byte-order mark, so that Excel shows accented and curly characters as they are.
        with path.open("w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow([c.heading for c in COLUMNS])
            for done, planned in enumerate(content.actions):
                progress.step(done, len(content.actions), "Writing the actions")
                writer.writerow([text(c.value(planned)) for c in COLUMNS])

    return write_file(out, write)


def write_actions_xlsx(content: ActionPlanContent, out: Path, progress: Progress = SILENT) -> Path:
    def write(path: Path) -> None:
        organisation = content.organisation
        with workbook_saved_at(
            path,
            {
                "title": f"Social Work Health Check {content.cycle.name}: action plan",
                "author": organisation.name,
                "comments": (
                    f"Made by SWHC Desktop on {format_uk_date(content.printed_on)}. {organisation.protective_marking}."
                ),
            },
        ) as workbook:
            sheet = workbook.add_worksheet(SHEET)
            heading = workbook.add_format(
                {
                    "bold": True,
                    "text_wrap": True,
                    "valign": "top",
                    "bg_color": "#E9EEF4",
                    "border": 1,
                    "border_color": "#8C96A0",
                }
            )
            wrapped = workbook.add_format({"text_wrap": True, "valign": "top"})
            plain = workbook.add_format({"valign": "top"})
            date = workbook.add_format({"num_format": "dd/mm/yyyy", "valign": "top"})
            rag_fills = {
                word: workbook.add_format({"bg_color": colour, "bold": True, "valign": "top"})
                for word, colour in (("Red", "#F2B8B5"), ("Amber", "#FDE3A7"), ("Green", "#C9E7D3"))
            }
            for column, spec in enumerate(COLUMNS):
                sheet.write_string(0, column, spec.heading, heading)
                sheet.set_column(column, column, spec.width, wrapped if spec.wrap else plain)
            for row, planned in enumerate(content.actions, start=1):
                progress.step(row - 1, len(content.actions), "Writing the actions")
                for column, spec in enumerate(COLUMNS):
                    value = spec.value(planned)
                    if isinstance(value, dt.date):
                        sheet.write_datetime(row, column, dt.datetime(value.year, value.month, value.day), date)
                    elif isinstance(value, (int, float)):
                        sheet.write_number(row, column, value, plain)
                    elif value:
                        style = (
                            rag_fills.get(str(value)) if spec.heading == "RAG" else (wrapped if spec.wrap else plain)
                        )
                        sheet.write_string(row, column, _cell(value), style)
            sheet.freeze_panes(1, 3)
            sheet.autofilter(0, 0, max(1, len(content.actions)), len(COLUMNS) - 1)
            sheet.set_row(0, 32)
            sheet.set_landscape()
            sheet.set_paper(9)  # A4
            sheet.fit_to_pages(1, 0)
            sheet.repeat_rows(0)
            sheet.set_header(
                f"&L{_header_text(organisation.name)}&C{_header_text(organisation.protective_marking)}"
                f"&RAction plan {_header_text(content.cycle.name)}"
            )
            sheet.set_footer("&RPage &P of &N")

    return write_file(out, write)


def _header_text(text: str) -> str:
    """Header text with Excel's '&' codes written as text."""
    return text.replace("&", "&&")
