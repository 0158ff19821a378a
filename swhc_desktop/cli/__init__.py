"""The `swhc` command line: each command calls the same core functions as the app and says plainly what went wrong."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from contextlib import redirect_stderr, redirect_stdout
from typing import NoReturn

from ..domain.errors import SwhcError
from ..domain.progress import Cancelled
from .output import TerminalSafeStream


class CommandLineParser(argparse.ArgumentParser):
    """argparse, but a usage mistake is one line that says what to do, as every other user error is."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: {message}. See '{self.prog} --help'.\n")


def build_parser() -> CommandLineParser:
    from .. import APP_NAME, __version__
    from . import comments, export, findings, foundation, importing, reports, standards, tables

    parser = CommandLineParser(
        prog="swhc",
        description="The Social Work Health Check from the command line. Every command has --help.",
    )
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=CommandLineParser)
    commands.required = True
    for module in (foundation, importing, tables, findings, comments, standards, reports, export):
        module.register(commands)
    return parser


# The arguments that name files a command reads: an output (--out) may never be any of them.
_INPUT_ARGUMENTS = ("file", "responses", "mapping", "infer_from")


def _refuse_output_over_an_input(args: argparse.Namespace) -> None:
    from ..outputs.files import Inputs, refuse_replacing_an_input

    out = getattr(args, "out", None)
    if out is not None:
        inputs = tuple(getattr(args, name) for name in _INPUT_ARGUMENTS if getattr(args, name, None) is not None)
        refuse_replacing_an_input(out, Inputs(paths=inputs))


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command and return its exit code: 0 done, 1 problems found (check), 2 a user error. Whatever a
    command prints (answers, headings, file names, messages) reaches the terminal as text, never as control codes."""
    with redirect_stdout(TerminalSafeStream(sys.stdout)), redirect_stderr(TerminalSafeStream(sys.stderr)):
        return _run(argv)


def _run(argv: Sequence[str] | None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_request:  # --help, or a usage mistake already explained on stderr
        return int(exit_request.code or 0)
    try:
        _refuse_output_over_an_input(args)
        return int(args.run(args) or 0)
    except SwhcError as error:
        print(f"swhc {args.command}: {error.for_command_line()}", file=sys.stderr)
        return 2
    except (Cancelled, KeyboardInterrupt):
        print(f"swhc {args.command}: cancelled; nothing was changed.", file=sys.stderr)
        return 130
