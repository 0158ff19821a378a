"""The anonymised responses of a cycle as a spreadsheet (CSV or Excel): one row a respondent, one column a question,
headed as the response template is (so the file maps back on import), with nothing that says who anyone is.

What keeps it anonymous: no names, emails or IP addresses (even where a batch kept them), no response ids and no
dates; rows in a shuffled order, so a row cannot be matched by position to the survey tool's own export; and the
answer to a breakdown question (team, role …) left out wherever it names a group too small to show, by the same
rule as every table (analysis/suppression.py). Every text cell goes through formula_safe.
"""

from __future__ import annotations

import csv
import random
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..progress import SILENT, Progress
from ..questionnaire import Question, Questionnaire, QuestionType
from ..records import Cycle, Organisation
from ..reporting import require_responses
from ..response_columns import ColumnKind, TemplateColumn, template_columns
from ..saving import write_file
from .safe_cells import formula_safe
from .workbooks import workbook_saved_at

if TYPE_CHECKING:
    from ..storage import HealthCheckFile

Cell = str | float | int | None
SMALL_GROUP = "Not shown (small group)"
ROWS_A_STEP = 200  # progress is reported, and Cancel noticed, every this many rows


@dataclass(frozen=True)
class AnonymisedResponses:
    organisation: Organisation
    cycle: Cycle
    headings: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    hidden_groups: tuple[str, ...]  # 'Team: Other team', for the note

    @property
    def notes(self) -> list[str]:
        notes = [
            f"{self.organisation.name}, Social Work Health Check {self.cycle.name}: {len(self.rows)} responses, "
            "one row a respondent.",
            "No names, email addresses, IP addresses, response ids or dates are included, and the rows are in a "
            "random order.",
            "Tick-all-that-apply questions have a column for each answer: 1 ticked, 0 not ticked, empty when the "
            "question was not answered.",
        ]
        if self.hidden_groups:
            notes.append(f"'{SMALL_GROUP}' replaces the answer for groups too small to show, by the same rule as "
                         f"every table: {'; '.join(self.hidden_groups)}.")
        return notes


def read_anonymised_responses(hc: "HealthCheckFile", cycle: Cycle) -> AnonymisedResponses:
    require_responses(cycle, "export of the responses")
    questionnaire = hc.questionnaires.load(cycle.id)
    columns = template_columns(questionnaire)
    hidden = _hidden_dimension_options(hc, cycle, questionnaire)
    by_response: dict[int, list[tuple[int, int | None, float | None, str | None]]] = {}
    for response, question_id, option_id, number, text in hc.response_rows.answers(cycle.id):
        by_response.setdefault(response, []).append((question_id, option_id, number, text))
    responses = hc.response_rows.response_numbers(cycle.id)
    random.Random(f"swhc-{cycle.id}-{len(responses)}").shuffle(responses)
    cells = _CellMaker(questionnaire, columns, hidden)
    rows = tuple(cells.row(by_response.get(response, [])) for response in responses)
    hidden_names = tuple(f"{q.title}: {o.label}" for q in questionnaire.dimensions() for o in q.options if o.id in hidden)
    return AnonymisedResponses(hc.organisation.get(), cycle, tuple(c.heading for c in columns), rows, hidden_names)


def _hidden_dimension_options(hc: "HealthCheckFile", cycle: Cycle, questionnaire: Questionnaire) -> frozenset[int]:
    """The groups of each breakdown question that no table shows, so no row names them either."""
    from ..analysis.suppression import hidden_groups

    minimum = hc.organisation.get().minimum_group_size
    hidden: set[int] = set()
    for dimension in questionnaire.dimensions():
        sizes = hc.answers.group_sizes(cycle.id, [dimension.id])
        hidden |= hidden_groups({o.id: sizes.get((o.id,), 0) for o in dimension.options}, minimum,
                                sizes.get((None,), 0))
    return frozenset(hidden)


class _CellMaker:
    """Turns one respondent's stored answers into the cells of their row."""

    def __init__(self, questionnaire: Questionnaire, columns: list[TemplateColumn], hidden: frozenset[int]):
        self.columns = columns
        self.hidden = hidden
        self.by_id = {q.id: q for q in questionnaire.questions()}
        self.labels = {o.id: o.label for q in questionnaire.questions() for o in q.options}
        self.codes = {o.id: o.code for q in questionnaire.questions() for o in q.options}

    def row(self, answers: list[tuple[int, int | None, float | None, str | None]]) -> tuple[Cell, ...]:
        chosen: dict[str, set[str]] = {}
        values: dict[str, Cell] = {}
        other_texts: dict[str, str] = {}
        for question_id, option_id, number, text in answers:
            question = self.by_id.get(question_id)
            if question is None:
                continue
            if option_id is not None:
                self._choice(question, option_id, text, chosen, values, other_texts)
            elif number is not None:
                values[question.code] = int(number) if float(number).is_integer() else number
            elif text is not None:
                values[question.code] = formula_safe(text)
        return tuple(self._cell(column, chosen, values, other_texts) for column in self.columns)

    def _choice(self, question: Question, option_id: int, text: str | None, chosen: dict[str, set[str]],
                values: dict[str, Cell], other_texts: dict[str, str]) -> None:
        code = self.codes[option_id]
        chosen.setdefault(question.code, set()).add(code)
        if option_id in self.hidden:
            values[question.code] = SMALL_GROUP
            return
        if question.qtype is not QuestionType.MULTI:
            values[question.code] = formula_safe(self.labels[option_id])
        if text:
            other_texts[question.code] = formula_safe(text)

    @staticmethod
    def _cell(column: TemplateColumn, chosen: dict[str, set[str]], values: dict[str, Cell],
              other_texts: dict[str, str]) -> Cell:
        key = column.key
        if key.kind is ColumnKind.TICK:
            ticked = chosen.get(key.question_code)
            return None if ticked is None else int(key.option_code in ticked)
        if key.kind is ColumnKind.OTHER_TEXT:
            return None if values.get(key.question_code) == SMALL_GROUP else other_texts.get(key.question_code)
        return values.get(key.question_code)


def _step(progress: Progress, done: int, total: int) -> None:
    if done % ROWS_A_STEP == 0:
        progress.step(done, total, f"Written {done:,} of {total:,} responses")


def write_responses_csv(content: AnonymisedResponses, out: Path, progress: Progress = SILENT) -> Path:
    def write(path: Path) -> None:
        # UTF-8 with a byte-order mark, so that Excel shows accented and curly characters as they are.
        with path.open("w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(content.headings)
            for done, row in enumerate(content.rows, start=1):
                writer.writerow(["" if cell is None else cell for cell in row])
                _step(progress, done, len(content.rows))

    return write_file(out, write)


def write_responses_xlsx(content: AnonymisedResponses, out: Path, progress: Progress = SILENT) -> Path:
    def write(path: Path) -> None:
        with workbook_saved_at(path, {
            "title": f"Social Work Health Check {content.cycle.name}: anonymised responses",
            "author": content.organisation.name,
            "comments": "Made by SWHC Desktop.",
        }) as workbook:
            heading = workbook.add_format({"bold": True, "text_wrap": True, "valign": "top", "bg_color": "#e9eef4"})
            sheet = workbook.add_worksheet("Responses")
            sheet.set_row(0, 60)
            sheet.freeze_panes(1, 0)
            sheet.set_column(0, max(0, len(content.headings) - 1), 18)
            for column, text in enumerate(content.headings):
                sheet.write_string(0, column, formula_safe(text), heading)
            for done, row in enumerate(content.rows, start=1):
                for column, cell in enumerate(row):
                    if isinstance(cell, str):
                        sheet.write_string(done, column, cell)
                    elif cell is not None:
                        sheet.write_number(done, column, cell)
                _step(progress, done, len(content.rows))
            about = workbook.add_worksheet("About this file")
            about.set_column(0, 0, 120)
            for line, note in enumerate(content.notes):
                about.write_string(line, 0, formula_safe(note))

    return write_file(out, write)
