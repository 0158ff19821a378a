"""The command line's arguments: a health-check file and a cycle, as every command names them, and whole numbers within
what the file can hold, refused in one line when not."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from ..paths import UserFolders
from ..storage import HealthCheckFile

# SQLite stores whole numbers in 8 bytes: a larger number cannot be any row's id (and Python would raise converting it).
LARGEST_ID = 2**63 - 1
SHOWN_DIGITS = 20  # an argument quoted back is cut short: a number of 100,000 digits is not printed whole


def _shown(text: str) -> str:
    return text if len(text) <= SHOWN_DIGITS else text[: SHOWN_DIGITS - 1] + "…"


def whole_number(what: str, lowest: int, highest: int, beyond: str = "") -> Callable[[str], int]:
    """An argparse type: a whole number from `lowest` to `highest`. `beyond` is said of a number above `highest`
    (for an id: that there is no such record) instead of the range."""

    def parse(text: str) -> int:
        cleaned = text.strip().replace(",", "")
        if not cleaned.isdecimal() or len(cleaned) > 30:
            if cleaned.isdecimal() and beyond:
                raise argparse.ArgumentTypeError(beyond.format(_shown(cleaned)))
            raise argparse.ArgumentTypeError(f"'{_shown(text)}' is not a whole number")
        value = int(cleaned)
        if value < lowest:
            raise argparse.ArgumentTypeError(f"{what} must be at least {lowest:,}")
        if value > highest:
            raise argparse.ArgumentTypeError(
                beyond.format(_shown(cleaned)) if beyond else f"{what} must be at most {highest:,}"
            )
        return value

    return parse


def record_id(what: str) -> Callable[[str], int]:
    """An argparse type for a record's number (a batch's): any whole number from 1; one too large to be stored is
    simply not there."""
    return whole_number(f"the {what} number", 1, LARGEST_ID, beyond=f"there is no {what} {{}}")


def add_file_and_cycle(
    command: argparse.ArgumentParser, cycle: bool = True, file_help: str = "the health-check file"
) -> None:
    """The arguments most commands start with: the health-check file, then (unless `cycle` is False) a cycle's name."""
    command.add_argument("file", type=Path, help=file_help)
    if cycle:
        command.add_argument("cycle", help="the cycle's name")


def open_file(args: argparse.Namespace, read_only: bool = True) -> HealthCheckFile:
    """The command's health-check file, opened read-only unless the command changes it, with the user's folders."""
    return HealthCheckFile.open(args.file, read_only=read_only, folders=UserFolders.default())
