"""The physical floors the benchmarks measure the app against, taken in the same run on the same data: the least work
any program must do to read a survey export into a database, and to count a cycle's answers from one.

- Import: parse the CSV with csv.reader and insert every answer value (each tick of a tick-all-that-apply cell on its
  own) as a row (response, question, value) of a flat table with no index, in one transaction, in one process.
- Tables: the cycle's answers copied into a flat table (response, question, value: the option chosen or the number
  given; texts left out), indexed by (question, value) and by (response, question, value); then one
  `GROUP BY question, value` over it (SQLite reads the first index alone).
- Tables by a breakdown question: one `GROUP BY question, group, value` over the same flat table joined to itself on
  each respondent's answer to the breakdown question (the group), found through the second index.

The flat table has no question text, no follow-ups, no base, no 'Don't know', no suppression and no duplicates to
guard against: only the counting itself, so the app's ratio to it is what its rules and its schema cost.
"""

from __future__ import annotations

import csv
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path

FLAT_TABLE = "CREATE TABLE flat (response INTEGER NOT NULL, question INTEGER NOT NULL, value)"
META_COLUMNS = 5  # ID, start, completion, email, name: the Microsoft Forms layout's columns before the answers
CHUNK_ROWS = 1000


def _connect(path: Path) -> sqlite3.Connection:
    path.unlink(missing_ok=True)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=DELETE")
    conn.execute("PRAGMA synchronous=FULL")  # as the app writes its files
    return conn


def import_floor(export: Path, database: Path) -> tuple[float, int]:
    """Seconds to parse the export and insert every answer value into a flat table, and the values inserted."""
    start = time.perf_counter()
    conn = _connect(database)
    conn.execute(FLAT_TABLE)
    conn.execute("BEGIN")
    inserted = 0
    with open(export, encoding="utf-8", newline="") as handle:
        rows = csv.reader(handle)
        next(rows)
        values: list[tuple] = []
        for number, row in enumerate(rows, start=1):
            for question, cell in enumerate(row[META_COLUMNS:], start=1):
                if not cell:
                    continue
                if ";" in cell:
                    values += [(number, question, part) for part in cell.split(";") if part]
                else:
                    values.append((number, question, cell))
            if number % CHUNK_ROWS == 0:
                conn.executemany("INSERT INTO flat VALUES (?, ?, ?)", values)
                inserted += len(values)
                values = []
        conn.executemany("INSERT INTO flat VALUES (?, ?, ?)", values)
        inserted += len(values)
    conn.execute("COMMIT")
    conn.close()
    return time.perf_counter() - start, inserted


def counting_floor(health_check: Path, question_ids: list[int], database: Path) -> sqlite3.Connection:
    """The cycle's answers in a flat, indexed table of their own (built once, not timed), ready to count."""
    conn = _connect(database)
    conn.execute(FLAT_TABLE)
    conn.execute("ATTACH DATABASE ? AS app", (f"file:{health_check}?mode=ro",))
    marks = ",".join("?" * len(question_ids))
    conn.execute(
        "INSERT INTO flat SELECT response_id, question_id, coalesce(option_id, number_value) FROM app.answers "
        f"WHERE question_id IN ({marks}) AND (option_id IS NOT NULL OR number_value IS NOT NULL) "
        "ORDER BY response_id, question_id",
        question_ids,
    )
    conn.execute("DETACH DATABASE app")
    conn.execute("CREATE INDEX flat_question ON flat(question, value)")
    conn.execute("CREATE INDEX flat_response ON flat(response, question, value)")
    return conn


def tables_floor(conn: sqlite3.Connection) -> Callable[[], list]:
    return lambda: conn.execute("SELECT question, value, count(*) FROM flat GROUP BY question, value").fetchall()


def breakdown_floor(conn: sqlite3.Connection, group_question: int) -> Callable[[], list]:
    sql = (
        "SELECT a.question, g.value, a.value, count(*) FROM flat a "
        "LEFT JOIN flat g ON g.response = a.response AND g.question = ? "
        "WHERE a.question != ? GROUP BY a.question, g.value, a.value"
    )
    return lambda: conn.execute(sql, (group_question, group_question)).fetchall()
