"""`swhc tables`: the table of every choice and number question, for everyone or by group, to check and to reuse."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..analysis.breakdowns import Breakdown, breakdowns
from ..analysis.frequencies import TABLE_COLUMNS, FrequencyTable, table_rows
from ..analysis.results import QuestionResult, question_results
from ..analysis.suppression import disclosure_plan
from .arguments import add_file_and_cycle, open_file
from .output import csv_text, json_text, write_text

GROUPED_COLUMNS = ("group", *TABLE_COLUMNS, "suppressed")


def register(commands: argparse._SubParsersAction) -> None:
    tables = commands.add_parser(
        "tables",
        help="the tables of a cycle's questions, for everyone or by group",
        description="Print the table of every choice question (count, base and unrounded per cent of each answer) and "
        "every number question (n, mean, median, quartiles and the bands). The base is the respondents who answered "
        "(for a follow-up, those it applied to; for 'tick all that apply', those who ticked at least one). Answers "
        "outside the base have an empty per cent. For n, mean, median and quartiles the figure is in the count column. "
        "With --by, each group of that question gets its rows; groups too small to show (and any that would let one "
        "be worked out) are marked suppressed, with empty counts; so is a small group inside a breakdown question's "
        "own table (its count is empty, everywhere). 'Other' texts are given for everyone only, never for a breakdown "
        "question, and only when at least the file's minimum for comments took part.",
    )
    add_file_and_cycle(tables)
    tables.add_argument("--by", metavar="QUESTION_CODE", help="break every table down by this question (team, role…)")
    tables.add_argument("--format", choices=("csv", "json"), default="csv", help="csv (the default) or json")
    tables.add_argument("--out", type=Path, metavar="PATH", help="write to this file instead of the screen")
    tables.set_defaults(run=run_tables)


def number_rows(result: QuestionResult) -> list[dict[str, object]]:
    summary = result.numbers
    assert summary is not None
    common = {"question_code": result.question.code, "question": result.question.text, "base": summary.n}
    figures = [
        ("n", summary.n),
        ("mean", summary.mean),
        ("median", summary.median),
        ("lower quartile", summary.lower_quartile),
        ("upper quartile", summary.upper_quartile),
    ]
    rows = [
        {
            **common,
            "option": name,
            "count": "" if value is None else repr(float(value)) if name != "n" else value,
            "percent": "",
        }
        for name, value in figures
    ]
    rows += [
        {
            **common,
            "option": band.band.label,
            "count": band.count,
            "percent": "" if band.proportion.percent is None else repr(float(band.proportion.percent)),
        }
        for band in summary.bands
    ]
    return rows


def result_rows(result: QuestionResult) -> list[dict[str, object]]:
    if result.numbers is not None:
        return number_rows(result)
    assert result.table is not None
    return table_rows([result.table])


def _json_table(table: FrequencyTable) -> dict[str, object]:
    return {
        "rows": [
            {
                "option_code": r.option.code,
                "option": r.option.label,
                "count": None if r.hidden else r.count,
                "percent": r.percent,
                "interval": list(r.interval) if r.interval else None,
                "in_base": r.in_base,
                "suppressed": r.hidden,
            }
            for r in table.rows
        ],
        "other_texts": list(table.other_texts),
    }


def result_json(result: QuestionResult) -> dict[str, object]:
    data: dict[str, object] = {
        "question_code": result.question.code,
        "number": result.number,
        "question": result.question.text,
        "base": result.base,
        "base_description": result.base_description,
    }
    if result.table is not None:
        data.update(_json_table(result.table))
    if result.scale is not None:
        data["favourable"] = {
            "count": result.scale.favourable.count,
            "percent": result.scale.favourable.percent,
            "interval": result.scale.favourable.interval,
        }
        data["mean_score"] = result.scale.mean_score
    if result.numbers is not None:
        summary = result.numbers
        data.update(
            {
                "n": summary.n,
                "mean": summary.mean,
                "mean_interval": summary.mean_interval,
                "median": summary.median,
                "lower_quartile": summary.lower_quartile,
                "upper_quartile": summary.upper_quartile,
                "bands": [
                    {"band": b.band.label, "count": b.count, "percent": b.proportion.percent} for b in summary.bands
                ],
            }
        )
    return data


def grouped_rows(split: Breakdown) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    for group in split.groups:
        if group.hidden or group.result is None:
            labels = [o.label for o in split.question.options] or ["n", "mean", "median"]
            rows += [
                {
                    "group": group.label,
                    "question_code": split.question.code,
                    "question": split.question.text,
                    "option": label,
                    "count": "",
                    "base": "",
                    "percent": "",
                    "suppressed": "yes" if group.hidden else "no",
                }
                for label in labels
            ]
            continue
        table = group.result.table
        hidden = {r.option.label for r in table.rows if r.hidden} if table is not None else set()
        rows += [
            {"group": group.label, **row, "suppressed": "yes" if row["option"] in hidden else "no"}
            for row in result_rows(group.result)
        ]
    return rows


def run_tables(args: argparse.Namespace) -> int:
    with open_file(args) as hc:
        cycle = hc.cycles.by_name(args.cycle)
        questionnaire = hc.questionnaires.load(cycle.id)
        plan = disclosure_plan(hc, cycle.id, questionnaire)
        results = question_results(hc, cycle.id, questionnaire=questionnaire, plan=plan)
        splits = []
        if args.by:
            splits = breakdowns(hc, cycle.id, args.by, list(results), questionnaire, plan)
    if args.by:
        if args.format == "json":
            data = [
                {
                    "question_code": s.question.code,
                    "by": args.by,
                    "note": s.note,
                    "groups": [
                        {
                            "group": g.label,
                            "suppressed": g.hidden,
                            "result": None if g.hidden or g.result is None else result_json(g.result),
                        }
                        for g in s.groups
                    ],
                }
                for s in splits
            ]
            write_text(json_text(data), args.out)
        else:
            write_text(csv_text(GROUPED_COLUMNS, [row for s in splits for row in grouped_rows(s)]), args.out)
    elif args.format == "json":
        write_text(json_text([result_json(r) for r in results.values()]), args.out)
    else:
        write_text(csv_text(TABLE_COLUMNS, [row for r in results.values() for row in result_rows(r)]), args.out)
    if args.out is not None:
        print(f"Wrote {len(results)} tables to {args.out}.")
    return 0
