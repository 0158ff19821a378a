"""The anonymised responses of a cycle as a spreadsheet (CSV or Excel): one row a respondent, one column a question,
headed as the response template is (so the file maps back on import), with nothing that says who anyone is.

What keeps it anonymous, each decided by the cycle's disclosure plan (analysis/suppression.py, `row_disclosure`):
no names, emails or IP addresses (even where a batch kept them), no response ids and no dates; a row gives at most
two breakdown answers (team and role), and only as the tables show them, so every combination it gives is shared
by at least the minimum number of rows and taking a table's group from these rows leaves nobody, or at least the
minimum (every other breakdown answer is 'Not shown' in every row); free text (comments, 'other' answers) only in
rows whose team and role at least the minimum for comments share, and never what someone wrote for a breakdown
question's 'Other (please specify)'. The rows are sorted by what they say, so their order carries nothing of the
order people answered in or were imported in (a shuffle with a seed that can be guessed can be undone, and a fresh
random one would make two exports of the same responses differ for no reason). Every text cell goes through
formula_safe.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Hashable

from ...analysis.suppression import NO_ANSWER, NOT_SHOWN, RowShown, disclosure_plan, row_disclosure
from ...domain.progress import SILENT, Progress
from ...domain.questionnaire import Question, Questionnaire, QuestionType
from ...domain.records import Cycle, Organisation
from ..guards import require_responses
from ...domain.response_columns import ColumnKind, TemplateColumn, template_columns
from ..files import write_file
from .safe_cells import formula_safe
from .workbooks import workbook_saved_at

if TYPE_CHECKING:
    from ...storage import HealthCheckFile

Cell = str | float | int | None
SMALL_GROUP = "Not shown"  # a breakdown answer this row may not give
ROWS_A_STEP = 200  # progress is reported, and Cancel noticed, every this many rows


@dataclass(frozen=True)
class AnonymisedResponses:
    organisation: Organisation
    cycle: Cycle
    headings: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    hidden_groups: tuple[str, ...]  # 'Team: Other team', for the note
    changes: tuple[str, ...] = ()  # what was left out to keep people from being picked out, in words

    @property
    def summary(self) -> str:
        """What was changed, in one line (the command line and the app say it after saving)."""
        return " ".join(self.changes)

    @property
    def notes(self) -> list[str]:
        notes = [
            f"{self.organisation.name}, Social Work Health Check {self.cycle.name}: {len(self.rows)} responses, "
            "one row a respondent.",
            "No names, email addresses, IP addresses, response ids or dates are included, and the rows are sorted "
            "by what they say, so their order tells nothing about when or in what order anyone answered.",
            "Tick-all-that-apply questions have a column for each answer: 1 ticked, 0 not ticked, empty when the "
            "question was not answered.",
            *self.changes,
            "Share this file only with people who need answers row by row, as you would the survey tool's own "
            "export: with the tables by group, someone with the skill could match rows to their groups.",
        ]
        if self.hidden_groups:
            notes.append(f"'{SMALL_GROUP}' stands for the groups too small to show (by the same rule as every "
                         f"table), or that would let one be worked out: {'; '.join(self.hidden_groups)}.")
        return notes


def read_anonymised_responses(hc: "HealthCheckFile", cycle: Cycle) -> AnonymisedResponses:
    require_responses(cycle, "export of the responses")
    questionnaire = hc.questionnaires.load(cycle.id)
    columns = template_columns(questionnaire)
    plan = disclosure_plan(hc, cycle.id, questionnaire)
    by_response: dict[int, list[tuple[int, int | None, float | None, str | None]]] = {}
    for response, question_id, option_id, number, text in hc.response_rows.answers(cycle.id):
        by_response.setdefault(response, []).append((question_id, option_id, number, text))
    responses = hc.response_rows.response_numbers(cycle.id)
    dimensions = questionnaire.dimensions()
    breakdown_answers = [_breakdown_answers(dimensions, by_response.get(r, [])) for r in responses]
    shown = row_disclosure(plan, breakdown_answers)
    cells = _CellMaker(questionnaire, columns)
    rows = sorted((cells.row(by_response.get(r, []), row) for r, row in zip(responses, shown)), key=_content_order)
    hidden_names = tuple(f"{q.title}: {o.label}" for q in dimensions for o in q.options
                         if not plan.group_shown(q.code, o.id))
    return AnonymisedResponses(hc.organisation.get(), cycle, tuple(c.heading for c in columns), tuple(rows),
                               hidden_names, _changes(plan, dimensions, shown, cells.texts_left_out))


def _breakdown_answers(dimensions: list[Question], answers) -> dict[str, int | None]:
    by_question = {question_id: option_id for question_id, option_id, _, _ in answers if option_id is not None}
    return {d.code: by_question.get(d.id, NO_ANSWER) for d in dimensions}


def _content_order(row: tuple[Cell, ...]) -> tuple[str, ...]:
    return tuple("" if cell is None else str(cell) for cell in row)


def _changes(plan, dimensions: list[Question], shown: list[RowShown], texts_left_out: int) -> tuple[str, ...]:
    """What was left out, in words: "Team is 'Not shown' in 12 rows and role in 19; …"."""
    if not dimensions:
        return ()
    given = [d for d in dimensions if d.code in plan.row_codes]
    blanked = [(d.title.lower(), sum(row.groups[d.code] == NOT_SHOWN for row in shown)) for d in given]
    blanked = [(name, n) for name, n in blanked if n]
    clauses = []
    if blanked:
        (first, n), rest = blanked[0], blanked[1:]
        clauses.append(f"{first} is '{SMALL_GROUP}' in {n} row{'s' if n != 1 else ''}"
                       + "".join(f" and {name} in {m}" for name, m in rest))
    left = [d.title.lower() for d in dimensions if d not in given]
    if left:
        one = len(left) == 1
        clauses.append(f"{_listed(left)} {'is' if one else 'are'} not given in any row, because with "
                       f"{_listed([d.title.lower() for d in given])} {'it' if one else 'they'} would pick out people "
                       "in groups smaller than any table shows")
    changes = [_capital("; ".join(clauses)) + ". " if clauses else ""]
    changes[0] += f"So every combination of breakdown answers here is shared by at least {plan.minimum} people."
    if texts_left_out:
        changes.append(f"Comments and 'other' answers are left out of {texts_left_out} "
                       f"row{'s' if texts_left_out != 1 else ''}, whose team and role fewer than "
                       f"{plan.comment_minimum} people share (or whose team is too small to name beside a comment); "
                       "what anyone wrote for a breakdown question's 'Other (please specify)' is never given.")
    return tuple(changes)


def _listed(names: list[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def _capital(words: str) -> str:
    return words[:1].upper() + words[1:]


class _CellMaker:
    """Turns one respondent's stored answers into the cells of their row, giving only what the plan lets it."""

    def __init__(self, questionnaire: Questionnaire, columns: list[TemplateColumn]):
        self.columns = columns
        self.by_id = {q.id: q for q in questionnaire.questions()}
        self.labels: dict[Hashable, str] = {o.id: o.label for q in questionnaire.questions() for o in q.options}
        self.codes = {o.id: o.code for q in questionnaire.questions() for o in q.options}
        self.texts_left_out = 0

    def row(self, answers: list[tuple[int, int | None, float | None, str | None]], shown: RowShown) -> tuple[Cell, ...]:
        chosen: dict[str, set[str]] = {}
        values: dict[str, Cell] = {}
        other_texts: dict[str, str] = {}
        wrote = False
        for question_id, option_id, number, text in answers:
            question = self.by_id.get(question_id)
            if question is None or question.is_dimension:
                continue  # breakdown answers come from the plan, below
            if option_id is not None:
                chosen.setdefault(question.code, set()).add(self.codes[option_id])
                if question.qtype is not QuestionType.MULTI:
                    values[question.code] = formula_safe(self.labels[option_id])
                if text:
                    wrote = True
                    if shown.texts:
                        other_texts[question.code] = formula_safe(text)
            elif number is not None:
                values[question.code] = int(number) if float(number).is_integer() else number
            elif text is not None:
                wrote = True
                if shown.texts:
                    values[question.code] = formula_safe(text)
        for code, group in shown.groups.items():
            if group == NOT_SHOWN:
                values[code] = SMALL_GROUP
            elif group is not NO_ANSWER:
                values[code] = formula_safe(self.labels[group])
        self.texts_left_out += wrote and not shown.texts
        return tuple(self._cell(column, chosen, values, other_texts) for column in self.columns)

    @staticmethod
    def _cell(column: TemplateColumn, chosen: dict[str, set[str]], values: dict[str, Cell],
              other_texts: dict[str, str]) -> Cell:
        key = column.key
        if key.kind is ColumnKind.TICK:
            ticked = chosen.get(key.question_code)
            return None if ticked is None else int(key.option_code in ticked)
        if key.kind is ColumnKind.OTHER_TEXT:
            return other_texts.get(key.question_code)
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
