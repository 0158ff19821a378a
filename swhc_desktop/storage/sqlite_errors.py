"""Every SQLite failure in plain words: told apart by SQLite's own result code, never by the wording of its message."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from ..domain.errors import (
    RESTORE_A_BACKUP,
    Advice,
    CorruptFile,
    FileInUse,
    FileProblem,
    FileReadOnly,
    NotAHealthCheckFile,
    SaveFailed,
)


def extended_code(error: sqlite3.Error) -> int | None:
    """SQLite's extended result code for the error, or None for an error raised by Python's sqlite3 module itself
    (such as a use of a closed connection)."""
    return getattr(error, "sqlite_errorcode", None)


def primary_code(error: sqlite3.Error) -> int | None:
    """SQLite's primary result code for the error: the low byte of its extended code."""
    code = extended_code(error)
    return None if code is None else code & 0xFF


def one_line(text: str) -> str:
    return " ".join(text.split())[:200]


# What the PSW is told, by SQLite's primary result code (https://www.sqlite.org/rescode.html). {unchanged} says, after
# a failed change, that it was undone.
_EXPLANATIONS: dict[int, tuple[type[FileProblem], str, str | Advice]] = {
    sqlite3.SQLITE_BUSY: (
        FileInUse,
        "{name} is open in another copy of SWHC Desktop, possibly on another computer.{unchanged}",
        "Close it there, then try again.",
    ),
    sqlite3.SQLITE_READONLY: (
        FileReadOnly,
        "{name} is read-only, so the change could not be saved.{unchanged}",
        "Copy it to a folder you can save in and open the copy.",
    ),
    sqlite3.SQLITE_FULL: (
        SaveFailed,
        "The disk holding {name} is full, so the change could not be saved.{unchanged}",
        "Free some space, then try again.",
    ),
    sqlite3.SQLITE_NOTADB: (
        NotAHealthCheckFile,
        "{name} is not a health-check file.",
        "Health-check files end in .swhc and are made by SWHC Desktop. To bring in survey responses, use Import "
        "instead. If this was a health-check file, it is badly damaged: restore it from a backup.",
    ),
    sqlite3.SQLITE_CORRUPT: (
        CorruptFile,
        "{name} is damaged and cannot be read safely.{unchanged}",
        RESTORE_A_BACKUP,
    ),
    sqlite3.SQLITE_CANTOPEN: (
        SaveFailed,
        "{name} could not be opened: the folder may be read-only, or the drive or network unavailable.{unchanged}",
        "Check the drive is connected and you can save in the folder.",
    ),
    sqlite3.SQLITE_IOERR: (
        SaveFailed,
        "{name} could not be read or written: the drive or network may be unavailable.{unchanged}",
        "Check the drive is connected, then try again.",
    ),
}
_EXPLANATIONS[sqlite3.SQLITE_LOCKED] = _EXPLANATIONS[sqlite3.SQLITE_BUSY]
# Read-only while only reading: SQLite had to write to read (a journal to put back, a write-ahead log to merge).
_READ_ONLY_WHILE_READING: tuple[type[FileProblem], str, str | Advice] = (
    FileReadOnly,
    "{name} could not be read without changing it, and it is read-only.",
    "Copy it to a folder you can save in and open the copy. It has not been changed.",
)
# Anything else: the file's schema was checked on opening, so SQLite's words come from the app's own schema.
_UNEXPECTED: tuple[type[FileProblem], str, str] = (
    SaveFailed,
    "{name} could not be used: {words}.{unchanged}",
    "If this keeps happening, restore from a backup.",
)


def explain(error: sqlite3.Error, path: Path, saving: bool = False) -> FileProblem:
    """Turn a SQLite error into a message a PSW can act on. `saving`: the error stopped a change, which was undone."""
    code = primary_code(error)
    if code == sqlite3.SQLITE_READONLY and not saving:
        kind, message, advice = _READ_ONLY_WHILE_READING
    else:
        kind, message, advice = _EXPLANATIONS.get(code, _UNEXPECTED)
    unchanged = " Nothing was changed." if saving else ""
    return kind(
        message.format(name=path.name, unchanged=unchanged, words=one_line(str(error)) or "no reason given"), advice
    )


def is_in_use(error: sqlite3.Error) -> bool:
    """Whether the error says the file is busy (open here or in another copy of the app) or part-way through a change
    (SQLite refuses to read it read-only until its journal is put back)."""
    return primary_code(error) in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED, sqlite3.SQLITE_READONLY)
