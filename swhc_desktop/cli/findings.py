"""`swhc chart`, `swhc indicators` and `swhc indicator-question`: a question's chart as a picture, the headline
indicators with their RAG, and the question each indicator is taken from."""

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

    indicator_question = commands.add_parser(
        "indicator-question",
        help="take a headline indicator from one of the cycle's own questions",
        description="Take a headline indicator from a question of the cycle (for a survey run outside the app, in "
        "its own words): a question with answers for a share, a number question for an average or a share at or "
        "over a number. The choice is kept in the file, for every cycle, and used by the dashboard, the reports "
        "and 'swhc indicators'.",
    )
    add_file_and_cycle(indicator_question)
    indicator_question.add_argument("indicator", help="the indicator's key, as 'swhc indicators' lists them")
    indicator_question.add_argument("question_code", metavar="QUESTION", help="the question's code")
    indicator_question.add_argument(
        "--answers",
        metavar="CODE,CODE",
        help="for a share: the codes of the answers it counts (by default the indicator's own where the question "
        "has them, else those that lean its way)",
    )
    indicator_question.set_defaults(run=run_indicator_question)


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
                "benchmarks": "; ".join(f"{b.described} ({b.source})" for b in v.benchmarks),
                "note": f"{v.unavailable_reason} {v.what_to_do.cli}" if v.what_to_do else v.unavailable_reason,
            }
        )
    if args.format == "json":
        write_text(json_text(rows), None)
    else:
        write_text(csv_text(INDICATOR_COLUMNS, rows), None)
    return 0


def run_indicator_question(args: argparse.Namespace) -> int:
    from ..analysis.indicators import ChangeIndicators, load_indicators, pointed_at
    from ..domain.changes import make
    from ..domain.errors import InvalidInput

    with open_file(args, read_only=False) as hc:
        cycle = hc.cycles.by_name(args.cycle)
        indicators = load_indicators(hc)
        indicator = next((i for i in indicators if i.key == args.indicator), None)
        if indicator is None:
            raise InvalidInput(
                f"There is no headline indicator '{args.indicator}'.",
                f"The indicators are: {', '.join(i.key for i in indicators)}.",
            )
        questionnaire = hc.questionnaires.load(cycle.id)
        question = next((q for q in questionnaire.questions() if q.code == args.question_code), None)
        if question is None:
            raise InvalidInput(
                f"Cycle {cycle.name} has no question '{args.question_code}'.",
                f"See its questions with 'swhc questions {args.file} {cycle.name}'.",
            )
        answers = None if args.answers is None else tuple(a.strip() for a in args.answers.split(",") if a.strip())
        chosen = pointed_at(indicator, question, answers)
        make(hc, ChangeIndicators(tuple(chosen if i.key == chosen.key else i for i in indicators)))
    counted = [o.label for o in question.options if o.code in chosen.measure.option_codes]
    counting = f", counting: {', '.join(counted)}" if question.options else ""
    print(f"{chosen.title} is now taken from question '{question.code}'{counting}.")
    return 0
