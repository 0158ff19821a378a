"""`swhc tables`: the frequency table of every choice question, to check an import against its source."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..analysis.frequencies import TABLE_COLUMNS, frequency_tables, table_rows
from ..paths import UserFolders
from ..storage import HealthCheckFile
from .output import csv_text, json_text, write_text


def register(commands: argparse._SubParsersAction) -> None:
    tables = commands.add_parser(
        "tables", help="frequency tables of a cycle's choice questions",
        description="Print the frequency table of every choice question: count, base and unrounded per cent of each "
        "answer. The base is the respondents who answered (for a follow-up, those it applied to; for 'tick all that "
        "apply', those who ticked at least one). Answers outside the base have an empty per cent.",
    )
    tables.add_argument("file", type=Path, help="the health-check file")
    tables.add_argument("cycle", help="the cycle's name")
    tables.add_argument("--format", choices=("csv", "json"), default="csv", help="csv (the default) or json")
    tables.add_argument("--out", type=Path, metavar="PATH", help="write to this file instead of the screen")
    tables.set_defaults(run=run_tables)


def run_tables(args: argparse.Namespace) -> int:
    with HealthCheckFile.open(args.file, read_only=True, folders=UserFolders.default()) as hc:
        tables = frequency_tables(hc, hc.cycles.by_name(args.cycle).id)
    if args.format == "json":
        data = [
            {
                "question_code": t.question.code,
                "number": t.number,
                "question": t.question.text,
                "base": t.base,
                "base_description": t.base_description,
                "rows": [
                    {"option_code": r.option.code, "option": r.option.label, "count": r.count, "percent": r.percent,
                     "in_base": r.in_base}
                    for r in t.rows
                ],
                "other_texts": list(t.other_texts),
            }
            for t in tables
        ]
        write_text(json_text(data), args.out)
    else:
        write_text(csv_text(TABLE_COLUMNS, table_rows(tables)), args.out)
    if args.out is not None:
        print(f"Wrote {len(tables)} tables to {args.out}.")
    return 0
