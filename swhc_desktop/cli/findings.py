"""`swhc chart` and `swhc indicators`: a question's chart as a picture, and the headline indicators with their RAG."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..domain.rounding import p_value_text
from .arguments import add_file_and_cycle, open_file
from .output import csv_text, json_text, write_text

INDICATOR_COLUMNS = (
    "key",
    "indicator",
    "value",
    "unit",
    "base",
    "low",
    "high",
    "rag",
    "previous_cycle",
    "previous",
    "change",
    "change_low",
    "change_high",
    "p_value",
    "more_than_chance",
    "benchmarks",
    "note",
)


def register(commands: argparse._SubParsersAction) -> None:
    chart = commands.add_parser(
        "chart",
        help="draw a question's chart as a PNG or SVG file",
        description="Draw the chart the app shows for a question (diverging bars for agreement scales, bars for "
        "choices, a histogram with bands for numbers), or with --by its breakdown by a group question, hiding groups "
        "too small to show exactly as the app does.",
    )
    add_file_and_cycle(chart)
    chart.add_argument("question_code", help="the question's code (see 'swhc questions')")
    chart.add_argument("--out", type=Path, metavar="PATH", required=True, help="where to save: a .png or .svg file")
    chart.add_argument("--by", metavar="QUESTION_CODE", help="break the chart down by this question (team, role…)")
    chart.set_defaults(run=run_chart)

    indicators = commands.add_parser(
        "indicators",
        help="the headline indicators of a cycle with red/amber/green and change since last year",
        description="Print each headline indicator: its value, 95%% interval, red/amber/green, the change since the "
        "cycle before with its interval and whether it is more than chance, and the national figures beside it.",
    )
    add_file_and_cycle(indicators)
    indicators.add_argument("--format", choices=("csv", "json"), default="csv", help="csv (the default) or json")
    indicators.set_defaults(run=run_indicators)


def run_chart(args: argparse.Namespace) -> int:
    from ..domain.errors import InvalidInput
    from ..outputs.charts.question_charts import breakdown_figure, question_chart, save_figure

    if args.out.suffix.lower() not in (".png", ".svg"):
        raise InvalidInput(f"{args.out.name} does not end in .png or .svg.", "Name the file with .png or .svg.")
    with open_file(args) as hc:
        cycle = hc.cycles.by_name(args.cycle)
        if args.by:
            figure = breakdown_figure(hc, cycle, args.question_code, args.by)
        else:
            figure = question_chart(hc, cycle, args.question_code)
    save_figure(figure, args.out)
    print(f"Wrote the chart to {args.out}.")
    return 0


def _number(value: float | None) -> str:
    return "" if value is None else repr(round(float(value), 4))


def run_indicators(args: argparse.Namespace) -> int:
    from ..analysis.indicators import indicator_values

    with open_file(args) as hc:
        values = indicator_values(hc, hc.cycles.by_name(args.cycle))
    rows = []
    for v in values:
        measured, change = v.value, v.change
        rows.append(
            {
                "key": v.indicator.key,
                "indicator": v.indicator.title,
                "value": _number(measured.value if measured else None),
                "unit": v.indicator.unit.strip(),
                "base": measured.base if measured else "",
                "low": _number(measured.interval[0]) if measured and measured.interval else "",
                "high": _number(measured.interval[1]) if measured and measured.interval else "",
                "rag": v.rag.value if v.rag else "",
                "previous_cycle": v.previous_cycle or "",
                "previous": _number(v.previous.value) if v.previous else "",
                "change": _number(change.difference) if change else "",
                "change_low": _number(change.low) if change else "",
                "change_high": _number(change.high) if change else "",
                "p_value": p_value_text(change.p_value) if change else "",
                "more_than_chance": ("yes" if change.more_than_chance else "no") if change else "",
                "benchmarks": "; ".join(f"{b.label}: {b.shown} ({b.source})" for b in v.benchmarks),
                "note": v.unavailable_reason,
            }
        )
    if args.format == "json":
        write_text(json_text(rows), None)
    else:
        write_text(csv_text(INDICATOR_COLUMNS, rows), None)
    return 0
