"""`swhc export`: files for use elsewhere, starting with the hand-outs for collecting responses; later exports are
rows in exports/kinds.py."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..outputs.exports.kinds import EXPORT_KINDS, export_and_summarise, export_kind
from .arguments import add_file_and_cycle, open_file


def register(commands: argparse._SubParsersAction) -> None:
    kinds = "; ".join(f"{k.what} ({'|'.join(f.name for f in k.formats)}): {k.description}" for k in EXPORT_KINDS)
    formats = sorted({f.name for k in EXPORT_KINDS for f in k.formats})
    command = commands.add_parser(
        "export",
        help="export a file for a cycle, such as the response template or the question list",
        description=f"Export a file for a cycle. What can be exported: {kinds}. A questionnaire with errors is not "
        "handed out: 'swhc check' lists them.",
    )
    add_file_and_cycle(command)
    command.add_argument("--what", required=True, choices=[k.what for k in EXPORT_KINDS], help="what to export")
    command.add_argument(
        "--format",
        choices=formats,
        help="the file format (default: from the --out file's ending, else the first listed)",
    )
    command.add_argument(
        "--out",
        type=Path,
        metavar="PATH",
        help="the file to write, or for charts the folder (default: the export's name, in the current folder)",
    )
    command.set_defaults(run=run_export)


def run_export(args: argparse.Namespace) -> int:
    kind = export_kind(args.what)
    format_name = args.format
    if format_name is None:
        by_suffix = {f.suffix: f.name for f in kind.formats if not f.is_folder}
        format_name = by_suffix.get(args.out.suffix.lower()) if args.out else None
        format_name = format_name or kind.formats[0].name
    export_format = kind.format(format_name)
    with open_file(args) as hc:
        cycle = hc.cycles.by_name(args.cycle)
        out = args.out or Path(kind.default_file_name(cycle.name, format_name))
        _, summary = export_and_summarise(hc, cycle, kind.what, export_format.name, out)
    print(f"Wrote the {kind.title.lower()} for {cycle.name} to {out}.")
    if summary:
        print(summary)
    return 0
