"""`swhc report`: printed documents as PDF, starting with the paper form; later kinds are rows in reports/kinds.py."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..outputs.reports.kinds import REPORT_KINDS, make_report, report_kind
from .arguments import add_file_and_cycle, open_file


def register(commands: argparse._SubParsersAction) -> None:
    kinds = "; ".join(f"{k.name}: {k.description}" for k in REPORT_KINDS)
    report = commands.add_parser(
        "report",
        help="make a printed document (PDF) for a cycle, such as the paper form",
        description=f"Make a PDF for a cycle. The kinds are: {kinds}. A questionnaire with errors is not printed: "
        "'swhc check' lists them.",
    )
    add_file_and_cycle(report)
    report.add_argument("--kind", required=True, choices=[k.name for k in REPORT_KINDS], help="which document")
    report.add_argument(
        "--out",
        type=Path,
        metavar="PATH",
        help="the PDF to write (default: the document's name, in the current folder)",
    )
    report.set_defaults(run=run_report)


def run_report(args: argparse.Namespace) -> int:
    kind = report_kind(args.kind)
    with open_file(args) as hc:
        cycle = hc.cycles.by_name(args.cycle)
        out = args.out or Path(kind.default_file_name(cycle.name))
        make_report(hc, cycle, kind.name, out)
    print(f"Wrote {kind.in_a_sentence} for {cycle.name} to {out}.")
    return 0
