"""`swhc standards`: a cycle's score for each Standard, banded as the national health check bands them, with the
change since the cycle before and the national score the PSW typed in; for everyone, or for each group of a breakdown
question, small groups not shown. `swhc national-score`: type in (or take out) a national Standard score."""

from __future__ import annotations

import argparse
from decimal import Decimal
from pathlib import Path
from typing import Any

from ..domain.records import Service
from .arguments import add_file_and_cycle, open_file, whole_number
from .output import csv_text, json_text, write_text

COLUMNS = (
    "standard",
    "title",
    "score",
    "band",
    "base",
    "change",
    "more_than_chance",
    "low",
    "high",
    "previous_cycle",
    "national",
    "national_year",
    "national_source",
)
GROUP_COLUMNS = ("group", "shown") + COLUMNS


def register(commands: argparse._SubParsersAction) -> None:
    standards = commands.add_parser(
        "standards",
        help="the score out of 100 for each Standard of a cycle, banded low, moderate or high",
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

    national = commands.add_parser(
        "national-score",
        help="type in a national score for a Standard, from the LGA's report",
        description="Keep a national score out of 100 for one Standard, as the LGA's report of the national health "
        "check gives it, with its year and source; 'swhc standards' shows it beside the council's score for cycles "
        "of the same service, of that year or later. A score already kept for the same service, year and Standard "
        "is replaced. With --remove, the score is taken out.",
    )
    national.add_argument("file", type=Path, help="the health-check file")
    national.add_argument("service", choices=[str(s) for s in Service], help="children or adults")
    national.add_argument("year", type=whole_number("the year", 2000, 2100), help="the year the score is of")
    national.add_argument("standard", type=whole_number("the Standard", 1, 8), help="the Standard's number, 1 to 8")
    national.add_argument("score", nargs="?", help="the national score out of 100")
    national.add_argument("--source", default="", help="where it comes from (the LGA report's title)")
    national.add_argument("--remove", action="store_true", help="take the score out instead")
    national.set_defaults(run=run_national_score)


def _whole(value: Decimal | None) -> int | str:
    return "" if value is None else int(value)


def _bound(value: float) -> float:
    return round(float(value), 4)


def score_row(score: Any) -> dict[str, Any]:
    change, national = score.change, score.national
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
        "national": f"{national.score:g}" if national else "",
        "national_year": (national.year_note or str(national.year)) if national else "",
        "national_source": national.source if national else "",
    }


def run_standards(args: argparse.Namespace) -> int:
    from ..analysis.standard_scores import standard_scores, standard_scores_by_group

    with open_file(args) as hc:
        cycle = hc.cycles.by_name(args.cycle)
        columns: tuple[str, ...] = COLUMNS
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
            rows = [score_row(s) for s in standard_scores(hc, cycle)]
    if args.format == "json":
        write_text(
            json_text([{key: (None if value == "" else value) for key, value in row.items()} for row in rows]), None
        )
    else:
        write_text(csv_text(columns, rows), None)
    return 0


def run_national_score(args: argparse.Namespace) -> int:
    from ..analysis.benchmarks import NationalScore, remove_national_score, save_national_score
    from ..domain.errors import InvalidInput

    service = Service(args.service)
    with open_file(args, read_only=False) as hc:
        if args.remove:
            remove_national_score(hc, service, args.year, args.standard)
            print(f"Took out the national score of Standard {args.standard} for {args.year}.")
            return 0
        try:
            score = float(str(args.score).strip())
        except ValueError:
            raise InvalidInput(
                f"'{args.score}' is not a score." if args.score else "Give the national score.",
                "Type the score out of 100, such as 68.",
            ) from None
        save_national_score(hc, NationalScore(service, args.year, args.standard, score, args.source))
    print(f"Kept the national score of Standard {args.standard} for {args.year}: {score:g}.")
    return 0
