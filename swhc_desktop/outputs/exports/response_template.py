"""The response template: an empty spreadsheet (CSV or Excel) with a column for every question, headed so that the
importer maps each column back to its question without help (see response_columns.py for the headings).

Paper forms are typed into it, one row a form; the Excel version offers each question's answers in a drop-down
list, checks numbers against their range and explains itself on a second sheet.
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

from xlsxwriter.utility import xl_col_to_name

from ...domain.labels import IMPORT_BUTTON, RESPONSES_PAGE
from ...domain.progress import SILENT, Progress
from ...domain.questionnaire import Question, QuestionType
from ...domain.response_columns import META_COLUMNS, SUBMITTED_ON, ColumnKind, template_columns
from ...questionnaires.handouts import QuestionnaireHandout
from ..files import write_file
from .safe_cells import formula_safe
from .workbooks import workbook_saved_at

ROWS_CHECKED = 2000  # the Excel template checks answers typed into this many rows
RESPONSES_SHEET = "Responses"
LISTS_SHEET = "Answer lists"
HELP_SHEET = "How to fill in"


def template_headings(content: QuestionnaireHandout) -> list[str]:
    return list(META_COLUMNS) + [c.heading for c in template_columns(content.questionnaire)]


def write_template_csv(content: QuestionnaireHandout, out: Path, progress: Progress = SILENT) -> Path:
    headings = template_headings(content)

    def write(path: Path) -> None:
        # UTF-8 with a byte-order mark, so that Excel shows accented and curly characters as they are.
        with path.open("w", encoding="utf-8-sig", newline="") as handle:
            csv.writer(handle).writerow(headings)

    return write_file(out, write)


def write_template_xlsx(content: QuestionnaireHandout, out: Path, progress: Progress = SILENT) -> Path:
    return write_file(out, lambda path: _ExcelTemplate(content).write(path))


class _ExcelTemplate:
    def __init__(self, content: QuestionnaireHandout):
        self.content = content
        self.questionnaire = content.questionnaire
        self.columns = template_columns(self.questionnaire)

    def write(self, path: Path) -> None:
        with workbook_saved_at(
            path,
            {
                "title": f"Social Work Health Check {self.content.cycle.name}: response template",
                "author": self.content.organisation.name,
                "comments": "Made by SWHC Desktop. Keep the column headings as they are.",
            },
        ) as workbook:
            responses = workbook.add_worksheet(RESPONSES_SHEET)
            help_sheet = workbook.add_worksheet(HELP_SHEET)
            lists = workbook.add_worksheet(LISTS_SHEET)
            lists.hide()
            self._responses(workbook, responses, lists)
            self._help(workbook, help_sheet)
            responses.activate()

    def _responses(self, workbook, sheet, lists) -> None:
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
        date = workbook.add_format({"num_format": "dd/mm/yyyy"})
        headings = list(META_COLUMNS) + [c.heading for c in self.columns]
        for index, text in enumerate(headings):
            sheet.write_string(0, index, text, heading)
        sheet.set_row(0, 90)
        sheet.freeze_panes(1, 1)
        sheet.set_column(0, 0, 12)
        sheet.set_column(1, 1, 13, date)
        sheet.set_column(2, len(headings) - 1, 22)
        sheet.data_validation(
            1,
            1,
            ROWS_CHECKED,
            1,
            {
                "validate": "date",
                "criteria": ">",
                "value": dt.date(1990, 1, 1),
                "error_type": "warning",
                "input_title": "Date received",
                "input_message": "Optional: the date the form was filled in, as dd/mm/yyyy.",
                "error_message": "Type the date as dd/mm/yyyy, for example 15/05/2025.",
            },
        )
        list_column = 0
        for offset, column in enumerate(self.columns, start=len(META_COLUMNS)):
            question = self.questionnaire.question(column.key.question_code)
            if column.key.kind is ColumnKind.ANSWER and question.qtype.has_options:
                # An answer may be a respondent's words (a questionnaire built from an export): shown, never run.
                labels = [formula_safe(o.label) for o in question.options]
                lists.write_column(0, list_column, labels)
                name = xl_col_to_name(list_column)
                sheet.data_validation(
                    1,
                    offset,
                    ROWS_CHECKED,
                    offset,
                    {
                        "validate": "list",
                        "source": f"='{LISTS_SHEET}'!${name}$1:${name}${len(labels)}",
                        "error_type": "warning",
                        "input_title": "Choose one answer",
                        "input_message": "Pick the answer ticked on the form, or leave empty if none was ticked.",
                        "error_message": "That is not one of this question's answers. Choose one from the list.",
                    },
                )
                list_column += 1
            elif column.key.kind is ColumnKind.TICK:
                sheet.data_validation(
                    1,
                    offset,
                    ROWS_CHECKED,
                    offset,
                    {
                        "validate": "list",
                        "source": ["1"],
                        "error_type": "warning",
                        "input_title": "Ticked?",
                        "input_message": "Type 1 if this box was ticked; leave it empty if not.",
                        "error_message": "Type 1 for a ticked box, or leave it empty.",
                    },
                )
            elif question.qtype is QuestionType.NUMBER:
                sheet.data_validation(1, offset, ROWS_CHECKED, offset, _number_rule(question))

    def _help(self, workbook, sheet) -> None:
        title = workbook.add_format({"bold": True, "font_size": 14, "font_color": "#1F3A5F"})
        wrap = workbook.add_format({"text_wrap": True, "valign": "top"})
        sheet.set_column(0, 0, 110, wrap)
        cycle = self.content.cycle
        lines = [
            (f"Social Work Health Check {cycle.name}: response template", title),
            (f"{self.content.organisation.name} · {self.questionnaire.title}", wrap),
            ("", wrap),
            ("Type one completed form into each row of the Responses sheet.", wrap),
            (
                "response_id: the number you wrote on the form, so that you can find it again (optional but useful). "
                f"{SUBMITTED_ON}: the date the form was filled in or received, as dd/mm/yyyy (optional).",
                wrap,
            ),
            (
                "For a question with answers to choose from, pick the ticked answer from the cell's list. "
                "For 'tick all that apply' questions, each answer has its own column: type 1 where the box was ticked.",
                wrap,
            ),
            (
                "Numbers go in as numbers; words as written. Leave a cell empty when the question was not answered.",
                wrap,
            ),
            (
                "Do not change, move or delete the column headings: the code in [square brackets] at the end of each "
                "tells SWHC Desktop which question the column holds.",
                wrap,
            ),
            (f"Then import this file on the {RESPONSES_PAGE} page of SWHC Desktop ({IMPORT_BUTTON}).", wrap),
        ]
        for row, (text, style) in enumerate(lines):
            sheet.write_string(row, 0, text, style or wrap)


def _number_rule(question: Question) -> dict:
    low, high = question.min_value, question.max_value
    unit = f" ({question.unit})" if question.unit else ""
    rule: dict = {
        "validate": "decimal",
        "error_type": "warning",
        "input_title": "A number",
        "input_message": f"Type the number written on the form{unit}.",
    }
    if low is not None and high is not None:
        rule.update(
            criteria="between",
            minimum=low,
            maximum=high,
            error_message=f"This question's answers run from {low:g} to {high:g}.",
        )
    elif low is not None:
        rule.update(criteria=">=", value=low, error_message=f"This question's answers are at least {low:g}.")
    elif high is not None:
        rule.update(criteria="<=", value=high, error_message=f"This question's answers are at most {high:g}.")
    else:
        rule.update(criteria="between", minimum=-1e12, maximum=1e12, error_message="Type a number.")
    return rule
