"""Every table of a cycle as one Excel workbook, one sheet a section of the questionnaire: each question's answers
with counts, per cents and its base, then the same by each breakdown (team, role …), small groups hidden by the
rule every table follows (analysis/suppression.py)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ...analysis.results import QuestionResult
from ...domain.plurals import counted
from ...domain.progress import SILENT, Progress
from ...domain.questionnaire import Question
from ...domain.records import Cycle, Organisation
from ...domain.rounding import percent_text
from ..files import write_file
from ..guards import require_responses
from .safe_cells import formula_safe
from .workbooks import workbook_saved_at

if TYPE_CHECKING:
    from ...analysis.breakdowns import Breakdown, GroupResult
    from ...storage import HealthCheckFile

NOT_SHOWN = "Not shown"
SHEET_NAME_LENGTH = 31  # Excel's limit


@dataclass(frozen=True)
class QuestionTables:
    result: QuestionResult  # as the cycle's disclosure plan shows it (a breakdown question's small groups hidden)
    breakdowns: tuple[Breakdown, ...]


@dataclass(frozen=True)
class SectionTables:
    title: str
    questions: tuple[QuestionTables, ...]


@dataclass(frozen=True)
class AllTables:
    organisation: Organisation
    cycle: Cycle
    sections: tuple[SectionTables, ...]

    @property
    def notes(self) -> list[str]:
        cycle, minimum = self.cycle, self.organisation.minimum_group_size
        invited = f" of {cycle.staff_invited} staff invited" if cycle.staff_invited else ""
        rate = (
            f" ({percent_text(cycle.response_rate)})"
            if cycle.response_rate is not None and cycle.response_count
            else ""
        )
        return [
            f"{self.organisation.name}, Social Work Health Check {cycle.name}: every table, one sheet a section.",
            f"Survey window: {cycle.window}. {counted(cycle.response_count, 'response')}{invited}{rate}.",
            "Each table states its base: the respondents a per cent is taken of. For a follow-up question that is "
            "those it applied to; 'Don't know' counts in the base unless the question says otherwise.",
            "Per cents are stored unrounded and shown as whole numbers; tick-all-that-apply per cents may add to more "
            "than 100.",
            f"'{NOT_SHOWN}': a group of fewer than {counted(minimum, 'person')}, or a group that would let one "
            f"be worked out from "
            "the totals. No table shows them.",
        ]


def read_all_tables(hc: "HealthCheckFile", cycle: Cycle) -> AllTables:
    from ...analysis.breakdowns import one_way_breakdown
    from ...analysis.results import analysed_questions, grouped_results, question_results
    from ...analysis.suppression import disclosure_plan

    require_responses(cycle, "table")
    questionnaire = hc.questionnaires.load(cycle.id)
    organisation = hc.organisation.get()
    plan = disclosure_plan(hc, cycle.id, questionnaire)
    results = question_results(hc, cycle.id, questionnaire=questionnaire, plan=plan)
    codes = [q.code for q in analysed_questions(questionnaire)]
    by_dimension = {
        d.code: grouped_results(hc, cycle.id, (d.id,), codes, questionnaire=questionnaire)
        for d in questionnaire.dimensions()
    }

    def breakdown(question: Question, dimension: Question) -> "Breakdown":
        return one_way_breakdown(question, dimension, by_dimension[dimension.code].get(question.code, {}), plan)

    sections = []
    for section in questionnaire.sections:
        tables = []
        for question in section.questions:
            result = results.get(question.code)
            if result is None:
                continue
            breakdowns = tuple(breakdown(question, d) for d in questionnaire.dimensions() if d.code != question.code)
            tables.append(QuestionTables(result, breakdowns))
        if tables:
            sections.append(SectionTables(section.title, tuple(tables)))
    return AllTables(organisation, cycle, tuple(sections))


def sheet_names(titles: list[str]) -> list[str]:
    """Excel sheet names: no []:*?/\\ characters, at most 31 characters, each different."""
    names: list[str] = []
    for title in titles:
        base = re.sub(r"[\[\]:*?/\\]", " ", title).strip()[:SHEET_NAME_LENGTH].strip() or "Section"
        name, number = base, 2
        while name.casefold() in (n.casefold() for n in names):
            suffix = f" ({number})"
            name = base[: SHEET_NAME_LENGTH - len(suffix)] + suffix
            number += 1
        names.append(name)
    return names


def write_tables_xlsx(content: AllTables, out: Path, progress: Progress = SILENT) -> Path:
    return write_file(out, lambda path: _TablesWorkbook(content, progress).write(path))


class _TablesWorkbook:
    def __init__(self, content: AllTables, progress: Progress):
        self.content = content
        self.progress = progress

    def write(self, path: Path) -> None:
        with workbook_saved_at(
            path,
            {
                "title": f"Social Work Health Check {self.content.cycle.name}: all tables",
                "author": self.content.organisation.name,
                "comments": "Made by SWHC Desktop.",
            },
        ) as workbook:
            self._fill(workbook)

    def _fill(self, workbook) -> None:
        self.formats = {
            "title": workbook.add_format({"bold": True, "font_size": 12, "font_color": "#1f3a5f"}),
            "wording": workbook.add_format({"italic": True, "text_wrap": False}),
            "heading": workbook.add_format(
                {"bold": True, "bg_color": "#e9eef4", "bottom": 1, "text_wrap": True, "valign": "top"}
            ),
            "percent": workbook.add_format({"num_format": "0%"}),
            "number": workbook.add_format({"num_format": "#,##0.0"}),
            "count": workbook.add_format({"num_format": "#,##0"}),
            "base": workbook.add_format({"italic": True, "font_color": "#4d4d4d"}),
            "muted": workbook.add_format({"italic": True, "font_color": "#4d4d4d", "align": "right"}),
        }
        about = workbook.add_worksheet("About these tables")
        about.set_column(0, 0, 120)
        for line, note in enumerate(self.content.notes):
            about.write_string(line, 0, formula_safe(note))
        total = sum(len(s.questions) for s in self.content.sections)
        done = 0
        names = sheet_names([s.title for s in self.content.sections])
        for name, section in zip(names, self.content.sections):
            sheet = workbook.add_worksheet(name)
            sheet.set_column(0, 0, 48)
            sheet.set_column(1, 12, 14)
            row = 0
            for tables in section.questions:
                row = self._question(sheet, row, tables) + 1
                done += 1
                self.progress.step(done, total, f"Written {done} of {total} tables")

    # ------------------------------------------------------------------ one question

    def _question(self, sheet, row: int, tables: QuestionTables) -> int:
        result = tables.result
        text, formats = self._text, self.formats
        text(sheet, row, 0, f"{result.number}. {result.question.title}", formats["title"])
        text(sheet, row + 1, 0, result.question.text, formats["wording"])
        row += 2
        if result.numbers is not None:
            row = self._numbers(sheet, row, result)
        else:
            row = self._choices(sheet, row, result)
        for breakdown in tables.breakdowns:
            row = self._breakdown(sheet, row + 1, result, breakdown)
        return row

    def _text(self, sheet, row: int, column: int, value: str, cell_format=None) -> None:
        sheet.write_string(row, column, formula_safe(value), cell_format)

    def _percent(self, sheet, row: int, column: int, value: float | None) -> None:
        if value is None:
            sheet.write_string(row, column, "–", self.formats["muted"])
        else:
            sheet.write_number(row, column, value / 100, self.formats["percent"])

    def _choices(self, sheet, row: int, result: QuestionResult) -> int:
        formats = self.formats
        for column, heading in enumerate(("Answer", "Number", "Per cent")):
            self._text(sheet, row, column, heading, formats["heading"])
        row += 1
        for option_row in result.table.rows:
            self._text(sheet, row, 0, option_row.option.label)
            if option_row.hidden:
                self._text(sheet, row, 1, NOT_SHOWN, formats["muted"])
                self._text(sheet, row, 2, NOT_SHOWN, formats["muted"])
            else:
                sheet.write_number(row, 1, option_row.count, formats["count"])
                self._percent(sheet, row, 2, option_row.percent)
            row += 1
        if result.table.any_hidden and result.table.not_shown:
            self._text(sheet, row, 0, "Not shown, together", formats["base"])
            sheet.write_number(row, 1, result.table.not_shown, formats["count"])
            self._percent(
                sheet, row, 2, 100 * result.table.not_shown / result.table.base if result.table.base else None
            )
            row += 1
        scale = result.scale
        if scale is not None:
            for label, proportion in (
                ("All favourable", scale.favourable),
                ("Neutral", scale.neutral),
                ("All unfavourable", scale.unfavourable),
            ):
                self._text(sheet, row, 0, label, formats["base"])
                sheet.write_number(row, 1, proportion.count, formats["count"])
                self._percent(sheet, row, 2, proportion.percent)
                row += 1
            if scale.mean_score is not None:
                self._text(sheet, row, 0, "Mean score (out of 100)", formats["base"])
                sheet.write_number(row, 2, scale.mean_score, formats["number"])
                row += 1
        self._text(sheet, row, 0, result.base_description, formats["base"])
        return row + 1

    def _numbers(self, sheet, row: int, result: QuestionResult) -> int:
        formats, numbers = self.formats, result.numbers
        unit = f" ({result.question.unit})" if result.question.unit else ""
        for label, value in (
            ("Number who answered", numbers.n),
            (f"Average{unit}", numbers.mean),
            ("Median", numbers.median),
            ("Lower quartile", numbers.lower_quartile),
            ("Upper quartile", numbers.upper_quartile),
            ("Lowest", numbers.minimum),
            ("Highest", numbers.maximum),
        ):
            self._text(sheet, row, 0, label)
            if value is not None:
                sheet.write_number(row, 1, value, formats["count"] if label.startswith("Number") else formats["number"])
            row += 1
        for column, heading in enumerate(("Band", "Number", "Per cent")):
            self._text(sheet, row, column, heading, formats["heading"])
        row += 1
        for band in numbers.bands:
            self._text(sheet, row, 0, band.band.label)
            sheet.write_number(row, 1, band.count, formats["count"])
            self._percent(sheet, row, 2, band.proportion.percent)
            row += 1
        self._text(sheet, row, 0, result.base_description, formats["base"])
        return row + 1

    def _breakdown(self, sheet, row: int, result: QuestionResult, breakdown: Breakdown) -> int:
        formats = self.formats
        self._text(sheet, row, 0, f"By {breakdown.dimension.title.lower()}", formats["heading"])
        for column, group in enumerate(breakdown.groups, start=1):
            self._text(sheet, row, column, group.label, formats["heading"])
        row += 1
        if result.numbers is not None:
            lines = [
                ("Average", lambda r: r.numbers.mean if r.numbers else None, formats["number"]),
                ("Median", lambda r: r.numbers.median if r.numbers else None, formats["number"]),
            ]
            for label, value_of, cell_format in lines:
                self._text(sheet, row, 0, label)
                for column, group in enumerate(breakdown.groups, start=1):
                    self._group_value(sheet, row, column, group, value_of, cell_format)
                row += 1
        else:
            for index, option_row in enumerate(result.table.rows):
                if not option_row.in_base:
                    continue
                self._text(sheet, row, 0, f"% {option_row.option.label}")
                for column, group in enumerate(breakdown.groups, start=1):
                    if (
                        group.result is not None
                        and group.result.table is not None
                        and group.result.table.rows[index].hidden
                    ):
                        self._text(sheet, row, column, NOT_SHOWN, self.formats["muted"])  # a small group within it
                        continue
                    self._group_value(
                        sheet,
                        row,
                        column,
                        group,
                        lambda r, i=index: r.table.rows[i].percent if r.table and r.table.base else None,
                        formats["percent"],
                        percent=True,
                    )
                row += 1
        self._text(sheet, row, 0, "Base (each group)", formats["base"])
        for column, group in enumerate(breakdown.groups, start=1):
            self._group_value(sheet, row, column, group, lambda r: r.base, formats["count"])
        row += 1
        if any(g.hidden for g in breakdown.groups):
            hidden = sum(g.hidden for g in breakdown.groups)
            self._text(
                sheet,
                row,
                0,
                f"{counted(hidden, 'group')} not shown: groups of fewer than "
                f"{counted(self.content.organisation.minimum_group_size, 'person')} are never shown, nor "
                "any group that would let one be worked out.",
                formats["base"],
            )
            row += 1
        return row

    def _group_value(
        self, sheet, row: int, column: int, group: "GroupResult", value_of, cell_format, percent: bool = False
    ) -> None:
        if group.hidden:
            self._text(sheet, row, column, NOT_SHOWN, self.formats["muted"])
            return
        value = value_of(group.result) if group.result is not None else None
        if value is None:
            self._text(sheet, row, column, "–", self.formats["muted"])
        elif percent:
            sheet.write_number(row, column, value / 100, cell_format)
        else:
            sheet.write_number(row, column, value, cell_format)
