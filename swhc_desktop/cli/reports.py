"""`swhc report`: printed documents as PDF, and the reports for publication also as accessible Word documents and web
pages; the kinds are rows in reports/kinds.py."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..outputs.reports.kinds import REPORT_KINDS, make_report, report_kind
from .arguments import add_file_and_cycle, open_file


def register(commands: argparse._SubParsersAction) -> None:
    kinds = "; ".join(f"{k.name}: {k.description}" for k in REPORT_KINDS)
    report = commands.add_parser(
        "report",
        help="make a document for a cycle (PDF, or Word or a web page), such as the paper form or the findings report",
        description=f"Make a PDF for a cycle. The kinds are: {kinds}. The findings report, 'You said, we did' and the "
        "action plan can also be made as an accessible Word document (docx) or web page (html), with the same "
        "content. A questionnaire with errors is not printed: 'swhc check' lists them.",
    )
    add_file_and_cycle(report)
    report.add_argument("--kind", required=True, choices=[k.name for k in REPORT_KINDS], help="which document")
    report.add_argument(
        "--format",
        default="pdf",
        choices=["pdf", "docx", "html"],
        help="pdf (the default, for printing), docx (Word, to edit and publish) or html (a web page to publish)",
    )
    report.add_argument(
        "--out",
        type=Path,
        metavar="PATH",
        help="the file to write (default: the document's name, in the current folder)",
    )
    report.set_defaults(run=run_report)


def run_report(args: argparse.Namespace) -> int:
    kind = report_kind(args.kind)
    kind.format(args.format)  # a kind made only as a PDF says so before the file is opened
    with open_file(args) as hc:
        cycle = hc.cycles.by_name(args.cycle)
        out = args.out or Path(kind.default_file_name(cycle.name, args.format))
        make_report(hc, cycle, kind.name, out, format_name=args.format)
    print(f"Wrote {kind.in_a_sentence} for {cycle.name} to {out}.")
    return 0
