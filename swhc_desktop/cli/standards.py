"""`swhc standards`: a cycle's score for each Standard, banded as the national health check bands them, with the
change since the cycle before; for everyone, or for each group of a breakdown question, small groups not shown."""

from __future__ import annotations

import argparse
from decimal import Decimal
from typing import Any

from .arguments import add_file_and_cycle, open_file
from .output import csv_text, json_text, write_text

COLUMNS = ("standard", "title", "score", "band", "base", "change", "more_than_chance", "low", "high", "previous_cycle")
GROUP_COLUMNS = ("group", "shown") + COLUMNS


def register(commands: argparse._SubParsersAction) -> None:
    standards = commands.add_parser(
        "standards", help="the score out of 100 for each Standard of a cycle, banded low, moderate or high",
        description="Print one row a Standard: its title in the cycle's edition, its score out of 100 (the mean of "
        "its agreement statements, as the national health check scores them), its band (low 0 to 50, moderate 51 "
        "to 74, high 75 to 100), its base, the change since the cycle before (the difference of the printed scores) "
        "and whether that is more than chance, and its 95%% interval. With --by, the same for each group of a "
        "breakdown question; a group too small to show is listed as not shown, with no figures.",
    )
    add_file_and_cycle(standards)
    standards.add_argument("--by", metavar="CODE", help="a breakdown question's code (team, role, ethnicity…)")
    standards.add_argument("--format", choices=("csv", "json"), default="csv", help="csv (the default) or json")
    standards.set_defaults(run=run_standards)


def _whole(value: Decimal | None) -> int | str:
    return "" if value is None else int(value)


def _bound(value: float) -> float:
    return round(float(value), 4)


def score_row(score: Any) -> dict[str, Any]:
    change = score.change
    interval = score.interval
    return {
        "standard": score.standard.number,
        "title": score.standard.title,
        "score": _whole(score.printed),
        "band": score.band.value if score.band else "",
        "base": score.base,
        "change": _whole(score.shown_change),
        "more_than_chance": ("yes" if change.more_than_chance else "no") if change else "",
        "low": _bound(interval[0]) if interval else "",
        "high": _bound(interval[1]) if interval else "",
        "previous_cycle": score.previous_cycle or "",
    }


def run_standards(args: argparse.Namespace) -> int:
    from ..analysis.standard_scores import standard_scores, standard_scores_by_group

    with open_file(args) as hc:
        cycle = hc.cycles.by_name(args.cycle)
        if args.by:
            by_group = standard_scores_by_group(hc, cycle, args.by)
            columns = GROUP_COLUMNS
            rows = []
            for group in by_group.groups:
                if group.hidden:
                    rows.append({"group": group.label, "shown": "no", **dict.fromkeys(COLUMNS, "")})
                    continue
                rows += [{"group": group.label, "shown": "yes", **score_row(s)} for s in group.scores]
        else:
            columns = COLUMNS
            rows = [score_row(s) for s in standard_scores(hc, cycle)]
    if args.format == "json":
        write_text(json_text([{key: (None if value == "" else value) for key, value in row.items()} for row in rows]),
                   None)
    else:
        write_text(csv_text(columns, rows), None)
    return 0
