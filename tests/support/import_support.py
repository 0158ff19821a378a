"""Helpers for the import tests: health-check files with a cycle, filled-in response templates, counts from a source."""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
from collections import Counter
from pathlib import Path

from swhc_desktop.cli import main
from swhc_desktop.domain.questionnaire import Questionnaire, QuestionType
from swhc_desktop.domain.response_columns import RESPONSE_ID, SUBMITTED_ON, ColumnKind, template_columns
from swhc_desktop.questionnaires.cycles import start_cycle
from swhc_desktop.storage import HealthCheckFile

REAL_EXPORTS = Path(__file__).resolve().parents[1] / "fixtures" / "real-exports"


def new_file(tmp_path: Path, folders, template: str = "staff-survey", invited: int | None = 120) -> Path:
    path = tmp_path / "Anytown.swhc"
    with HealthCheckFile.create(path, "Anytown Borough Council", folders=folders) as hc:
        start_cycle(hc, "2024", template_id=template, staff_invited=invited)
    return path


def run_cli(capsys, *args) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def tables_csv(capsys, path: Path, cycle: str) -> list[dict[str, str]]:
    code, out, err = run_cli(capsys, "tables", path, cycle)
    assert code == 0, err
    return list(csv.DictReader(io.StringIO(out)))


def table_counts(rows: list[dict[str, str]], code: str) -> dict[str, int]:
    """Each answer's count as `swhc tables` prints it (a breakdown question's small group prints none)."""
    return {r["option"]: int(r["count"]) for r in rows if r["question_code"] == code and r["count"] != ""}


def column_counts(
    path: Path, column: int, encoding: str = "utf-8", skip: int = 1, delimiter: str = ",", split: str | None = None
) -> Counter:
    """Counts of the values in one column of a source file, read independently of the importer."""
    with open(path, encoding=encoding, newline="") as handle:
        rows = list(csv.reader(handle, delimiter=delimiter))[skip:]
    counts: Counter = Counter()
    for row in rows:
        value = row[column].strip() if column < len(row) else ""
        if not value:
            continue
        counts.update([value] if split is None else [p.strip() for p in value.split(split) if p.strip()])
    return counts


def filled_template(questionnaire: Questionnaire, count: int, seed: int = 7) -> tuple[list[str], list[list[object]]]:
    """A response template filled in by `count` imaginary staff: headings and rows, every kind of column used.
    Numbers are within each question's range, some answers are skipped, some options written as codes."""
    rng = random.Random(seed)
    columns = template_columns(questionnaire)
    headings = [RESPONSE_ID, SUBMITTED_ON] + [c.heading for c in columns]
    rows: list[list[object]] = []
    for number in range(count):
        row: list[object] = [f"T{number:04d}", dt.date(2024, 5, 1 + number % 28)]
        chose_other: dict[str, bool] = {}
        for column in columns:
            question = questionnaire.question(column.key.question_code)
            value = _cell(question, column.key, rng)
            other = question.other_option
            if column.key.kind is ColumnKind.OTHER_TEXT and not chose_other.get(question.code):
                value = ""  # staff write 'please specify' text only beside the Other they chose
            elif other is not None and column.key.kind is ColumnKind.TICK and column.key.option_code == other.code:
                chose_other[question.code] = value == "1"
            elif other is not None and column.key.kind is ColumnKind.ANSWER:
                chose_other[question.code] = value in (other.label, other.code)
            row.append(value)
        rows.append(row)
    return headings, rows


def _cell(question, key, rng: random.Random) -> object:
    if rng.random() < 0.1:
        return ""
    if key.kind is ColumnKind.TICK:
        return "1" if rng.random() < 0.4 else ""
    if key.kind is ColumnKind.OTHER_TEXT:
        return rng.choice(["", "", "Moving abroad", "Caring for a relative"])
    if question.qtype is QuestionType.NUMBER:
        low = question.min_value or 0
        high = question.max_value if question.max_value is not None else 60
        return rng.choice([int(rng.uniform(low, high)), round(rng.uniform(low, high), 1)])
    if question.qtype is QuestionType.TEXT:
        return rng.choice(["More admin support, please", "Smaller caseloads", "Good team, good manager"])
    option = rng.choice(question.options)
    return option.code if rng.random() < 0.2 else option.label


def write_csv(path: Path, headings: list[str], rows: list[list[object]]) -> Path:
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(headings)
        for row in rows:
            writer.writerow([v.strftime("%d/%m/%Y") if isinstance(v, dt.date) else v for v in row])
    return path


def write_xlsx(path: Path, headings: list[str], rows: list[list[object]], numbers_as_text: bool = False) -> Path:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Responses"
    sheet.append(headings)
    for row in rows:
        sheet.append([str(v) if numbers_as_text and isinstance(v, (int, float)) else v for v in row])
    workbook.save(path)
    return path


def expected_counts(questionnaire: Questionnaire, headings: list[str], rows: list[list[object]]) -> dict[str, Counter]:
    """Per question code, how many rows chose each option label, worked out from what the template holds."""
    by_column = {c.heading: c for c in template_columns(questionnaire)}
    counts: dict[str, Counter] = {}
    for row in rows:
        chosen: dict[str, set[str]] = {}
        for heading, value in zip(headings, row, strict=True):
            column = by_column.get(heading)
            if column is None or value == "":
                continue
            question = questionnaire.question(column.key.question_code)
            if column.key.kind is ColumnKind.TICK:
                chosen.setdefault(question.code, set()).add(column.key.option_code)
            elif column.key.kind is ColumnKind.ANSWER and question.qtype.has_options:
                chosen.setdefault(question.code, set()).add(
                    next(o.code for o in question.options if value in (o.label, o.code))
                )
        for heading, value in zip(headings, row, strict=True):
            column = by_column.get(heading)
            if column is None or value == "":
                continue
            question = questionnaire.question(column.key.question_code)
            if not question.qtype.has_options:
                continue  # numbers and texts are compared through the stored answers
            follow_up = question.follow_up
            if follow_up is not None and not chosen.get(follow_up.parent_code, set()) & set(follow_up.option_codes):
                continue  # the follow-up did not apply, so the tables leave it out of the counts
            tally = counts.setdefault(question.code, Counter())
            if column.key.kind is ColumnKind.TICK:
                tally[question.option(column.key.option_code).label] += 1
            elif column.key.kind is ColumnKind.ANSWER and question.qtype.has_options:
                option = next(o for o in question.options if value in (o.label, o.code))
                tally[option.label] += 1
    return counts


def stored_answers(path) -> Counter:
    """(response id, question code, option code, number, text) for every stored answer."""
    with HealthCheckFile.open(path, read_only=True) as hc:
        rows = hc.tuples(
            "SELECT r.external_id, q.code, o.code, a.number_value, a.text_value FROM answers a "
            "JOIN responses r ON r.id = a.response_id JOIN questions q ON q.id = a.question_id "
            "LEFT JOIN options o ON o.id = a.option_id"
        )
    return Counter(rows)


def written_answers(questionnaire, headings, rows) -> Counter:
    """The same tuples, worked out from the filled-in template itself."""
    from swhc_desktop.domain.response_columns import ColumnKind, parse_heading

    found: Counter = Counter()
    for row in rows:
        response_id = row[0]
        others: dict[str, str] = {}
        for heading, value in zip(headings[2:], row[2:], strict=True):
            key = parse_heading(heading)
            if key.kind is ColumnKind.OTHER_TEXT and value:
                others[key.question_code] = value
        for heading, value in zip(headings[2:], row[2:], strict=True):
            key = parse_heading(heading)
            question = questionnaire.question(key.question_code)
            if value == "" or key.kind is ColumnKind.OTHER_TEXT:
                continue
            other = question.other_option
            if key.kind is ColumnKind.TICK:
                text = others.get(question.code) if other and key.option_code == other.code else None
                found[(response_id, question.code, key.option_code, None, text)] += 1
            elif question.qtype.value == "number":
                found[(response_id, question.code, None, float(value), None)] += 1
            elif question.qtype.value == "text":
                found[(response_id, question.code, None, None, value)] += 1
            else:
                option = next(o for o in question.options if value in (o.label, o.code))
                text = others.get(question.code) if other and option.code == other.code else None
                found[(response_id, question.code, option.code, None, text)] += 1
    return found
