"""The anonymised responses of a cycle as a spreadsheet (CSV or Excel): a row for each response, one column a question,
headed as the response template is (so the file maps back on import), with nothing that says who anyone is, and no
row that is one person's answers.

What keeps it anonymous, each decided by the cycle's disclosure plan (analysis/suppression.py, `row_disclosure`):
no names, emails or IP addresses (even where a batch kept them), no response ids and no dates; a row gives at most
two breakdown answers (team and role), and only as the tables show them, so every combination it gives is shared
by at least the minimum number of rows and taking a table's group from these rows leaves nobody, or at least the
minimum (every other breakdown answer is 'Not shown' in every row); free text (comments, 'other' answers) only in
rows whose team and role at least the minimum for comments share, and never what someone wrote for a breakdown
question's 'Other (please specify)'; names and contact details in free text are printed as '[name]' and '[contact
details]' (analysis/redaction.py), as in every output.

Even so, a person's answers to thirty questions together pick them out: with the tables by years qualified or
employment type, a solver can tell which of those groups each row is in. So within each block of rows that give the
same team and role, each question's answers (its follow-ups with it) are swapped between the rows at random
(exports/swapping.py): every block keeps exactly its own answers to every question, so every figure of a team and
role shown here is the tables', but no row is anyone's own, and what was answered together is not kept. The draw
is fresh each time, from the operating system, so nothing about it can be guessed or re-run; the rows are then
sorted by what they say, so their order carries nothing of the order people answered or were imported in. Every text
cell goes through formula_safe.
"""

from __future__ import annotations

import csv
import random
from collections.abc import Hashable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ...analysis.comment_help import printed_comments
from ...analysis.redaction import Redactor
from ...analysis.suppression import NO_ANSWER, NOT_SHOWN, RowShown, disclosure_plan, row_disclosure
from ...domain.plurals import counted
from ...domain.progress import SILENT, Progress
from ...domain.questionnaire import Question, Questionnaire, QuestionType
from ...domain.records import Cycle, Organisation
from ...domain.response_columns import ColumnKind, TemplateColumn, template_columns
from ..files import write_file
from ..guards import require_responses
from .safe_cells import formula_safe
from .swapping import family_columns, question_families, swapped_within_blocks
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
    swapped_within: tuple[str, ...] = ()  # the breakdown questions answers were swapped within: 'team', 'role'

    @property
    def summary(self) -> str:
        """What was changed, in one line (the command line and the app say it after saving)."""
        return " ".join(self.changes)

    @property
    def notes(self) -> list[str]:
        notes = [
            f"{self.organisation.name}, Social Work Health Check {self.cycle.name}: "
            f"{counted(len(self.rows), 'row')}, one for "
            "each response, but a row is not one person's answers (see below).",
            "No names, email addresses, IP addresses, response ids or dates are included, and the rows are sorted "
            "by what they say, so their order tells nothing about when or in what order anyone answered.",
            "Tick-all-that-apply questions have a column for each answer: 1 ticked, 0 not ticked, empty when the "
            "question was not answered.",
            *self.changes,
            "What this file is good for: counting the answers to any question, for everyone"
            + (f" or for a {_listed(list(self.swapped_within))} as shown here" if self.swapped_within else "")
            + ". Those counts are exactly what the people in them answered, and agree with the tables.",
            "What it cannot tell you: how answers to different questions go together (for example, whether the "
            "people who feel stressed are the ones whose caseload is not manageable), because answers were swapped "
            "between rows; a comment, too, sits beside other people's answers, and a row that happens to match "
            "someone's own answers does so by chance. The app's tables and breakdowns give every question by each "
            "breakdown question, from everyone's own answers.",
            "The swaps are drawn afresh each time the file is made, so two copies differ row by row, but never in "
            "any count.",
        ]
        if self.hidden_groups:
            notes.append(
                f"'{SMALL_GROUP}' stands for the groups too small to show (by the same rule as every "
                f"table), or that would let one be worked out: {'; '.join(self.hidden_groups)}."
            )
        return notes


def read_anonymised_responses(
    hc: "HealthCheckFile", cycle: Cycle, chance: random.Random | None = None
) -> AnonymisedResponses:
    """The cycle's rows, each question's answers swapped within each block of rows giving the same breakdown answers
    (`chance`: the draw, from the operating system unless a test gives its own)."""
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
    cells = _CellMaker(questionnaire, columns, printed_comments(hc))
    own_rows = [cells.row(by_response.get(r, []), row) for r, row in zip(responses, shown)]
    blocks = [tuple(row.groups[code] for code in plan.row_codes) for row in shown]
    families = family_columns(columns, question_families(questionnaire))
    swapped = swapped_within_blocks(own_rows, blocks, families, chance or random.SystemRandom())
    rows = sorted(swapped, key=_content_order)
    hidden_names = tuple(
        f"{q.title}: {o.label}" for q in dimensions for o in q.options if not plan.group_shown(q.code, o.id)
    )
    swapped_within = tuple(d.title.lower() for d in dimensions if d.code in plan.row_codes)
    return AnonymisedResponses(
        hc.organisation.get(),
        cycle,
        tuple(c.heading for c in columns),
        tuple(rows),
        hidden_names,
        _changes(plan, dimensions, shown, cells.texts_left_out),
        swapped_within,
    )


def _breakdown_answers(dimensions: list[Question], answers) -> dict[str, int | None]:
    by_question = {question_id: option_id for question_id, option_id, _, _ in answers if option_id is not None}
    return {d.code: by_question.get(d.id, NO_ANSWER) for d in dimensions}


def _content_order(row: tuple[Cell, ...]) -> tuple[str, ...]:
    return tuple("" if cell is None else str(cell) for cell in row)


def _changes(plan, dimensions: list[Question], shown: list[RowShown], texts_left_out: int) -> tuple[str, ...]:
    """What was changed, in words: "Team is 'Not shown' in 12 rows and role in 19; …", then the swapping."""
    given = [d for d in dimensions if d.code in plan.row_codes]
    changes = [_groups_left_out(plan, dimensions, given, shown)] if dimensions else []
    changes.append(_swapping(given, dimensions))
    if texts_left_out and dimensions:
        # Counted as answers, not rows: how many rows held any text would say who wrote both a comment and an
        # 'other' answer, which the swapping keeps from being known.
        changes.append(
            f"Comments and 'other' answers ({texts_left_out} in all) are left out of the rows whose team "
            f"and role fewer than {counted(plan.comment_minimum, 'person')} share (or whose team is too small to name "
            "beside a comment); what anyone wrote for a breakdown question's 'Other (please specify)' is "
            "never given."
        )
    return tuple(changes)


def _swapping(given: list[Question], dimensions: list[Question]) -> str:
    names = [d.title.lower() for d in given]
    within, each = (f" of the same {_listed(names)}", f" and for each {_listed(names)} here") if given else ("", "")
    by = (
        (
            f" (for a question by {_listed([d.title.lower() for d in dimensions], 'or')}, use the app's tables and "
            "breakdowns)"
        )
        if dimensions
        else ""
    )
    return (
        f"Each question's answers (with its follow-ups) are swapped at random between rows{within}, so a row is "
        "a mix of several people's answers, not one person's: the counts of every question's answers, "
        f"overall{each}, are exactly what those people answered, as in the tables, but which answers went "
        f"together is not kept{by}."
    )


def _groups_left_out(plan, dimensions: list[Question], given: list[Question], shown: list[RowShown]) -> str:
    blanked = [(d.title.lower(), sum(row.groups[d.code] == NOT_SHOWN for row in shown)) for d in given]
    blanked = [(name, n) for name, n in blanked if n]
    clauses = []
    if blanked:
        (first, n), rest = blanked[0], blanked[1:]
        clauses.append(
            f"{first} is '{SMALL_GROUP}' in {counted(n, 'row')}" + "".join(f" and {name} in {m}" for name, m in rest)
        )
    left = [d.title.lower() for d in dimensions if d not in given]
    if left:
        one = len(left) == 1
        clauses.append(
            f"{_listed(left)} {'is' if one else 'are'} not given in any row, because with "
            f"{_listed([d.title.lower() for d in given])} {'it' if one else 'they'} would pick out people "
            "in groups smaller than any table shows"
        )
    said = _capital("; ".join(clauses)) + ". " if clauses else ""
    return (
        said
        + f"So every combination of breakdown answers here is shared by at least {counted(plan.minimum, 'person')}."
    )


def _listed(names: list[str], last: str = "and") -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} {last} {names[-1]}"


def _capital(words: str) -> str:
    return words[:1].upper() + words[1:]


class _CellMaker:
    """Turns one respondent's stored answers into the cells of their row, giving only what the plan lets it."""

    def __init__(self, questionnaire: Questionnaire, columns: list[TemplateColumn], printer: Redactor):
        self.columns = columns
        self.printer = printer  # what people wrote, as every output prints it: names and contact details redacted
        self.by_id = {q.id: q for q in questionnaire.questions()}
        self.labels: dict[Hashable, str] = {o.id: o.label for q in questionnaire.questions() for o in q.options}
        self.codes = {o.id: o.code for q in questionnaire.questions() for o in q.options}
        self.texts_left_out = 0

    def row(self, answers: list[tuple[int, int | None, float | None, str | None]], shown: RowShown) -> tuple[Cell, ...]:
        chosen: dict[str, set[str]] = {}
        values: dict[str, Cell] = {}
        other_texts: dict[str, str] = {}
        written = 0
        for question_id, option_id, number, text in answers:
            question = self.by_id.get(question_id)
            if question is None or question.is_dimension:
                continue  # breakdown answers come from the plan, below
            if option_id is not None:
                chosen.setdefault(question.code, set()).add(self.codes[option_id])
                if question.qtype is not QuestionType.MULTI:
                    values[question.code] = formula_safe(self.labels[option_id])
                if text:
                    written += 1
                    if shown.texts:
                        other_texts[question.code] = formula_safe(self.printer.printable(text))
            elif number is not None:
                values[question.code] = int(number) if float(number).is_integer() else number
            elif text is not None:
                written += 1
                if shown.texts:
                    values[question.code] = formula_safe(self.printer.printable(text))
        for code, group in shown.groups.items():
            if group == NOT_SHOWN:
                values[code] = SMALL_GROUP
            elif group is not NO_ANSWER:
                values[code] = formula_safe(self.labels[group])
        self.texts_left_out += 0 if shown.texts else written
        return tuple(self._cell(column, chosen, values, other_texts) for column in self.columns)

    @staticmethod
    def _cell(
        column: TemplateColumn, chosen: dict[str, set[str]], values: dict[str, Cell], other_texts: dict[str, str]
    ) -> Cell:
        key = column.key
        if key.kind is ColumnKind.TICK:
            ticked = chosen.get(key.question_code)
            return None if ticked is None else int(key.option_code in ticked)
        if key.kind is ColumnKind.OTHER_TEXT:
            return other_texts.get(key.question_code)
        return values.get(key.question_code)


def _step(progress: Progress, done: int, total: int) -> None:
    if done % ROWS_A_STEP == 0:
        progress.step(done, total, f"Written {done:,} of {counted(total, 'response')}")


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
        with workbook_saved_at(
            path,
            {
                "title": f"Social Work Health Check {content.cycle.name}: anonymised responses",
                "author": content.organisation.name,
                "comments": "Made by SWHC Desktop.",
            },
        ) as workbook:
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
