"""SQLite failures are told apart by SQLite's own result code, whatever its message says, and each reaches the PSW as
a message that says what to do."""

import sqlite3
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from swhc_desktop.domain.errors import (
    CorruptFile,
    FileInUse,
    FileReadOnly,
    NotAHealthCheckFile,
    SaveFailed,
)
from swhc_desktop.storage.sqlite_errors import explain

PATH = Path("Anytown.swhc")
# Extended codes (https://www.sqlite.org/rescode.html) carry their primary code in the low byte.
SQLITE_BUSY_SNAPSHOT, SQLITE_IOERR_WRITE, SQLITE_READONLY_ROLLBACK, SQLITE_CORRUPT_INDEX = 517, 778, 776, 779


def failure(code: int | None, message: str = "something went wrong") -> sqlite3.Error:
    error = sqlite3.OperationalError(message)
    if code is not None:
        error.sqlite_errorcode = code
    return error


@pytest.mark.parametrize(
    ("code", "kind", "says"),
    [
        (sqlite3.SQLITE_BUSY, FileInUse, "open in another copy"),
        (sqlite3.SQLITE_LOCKED, FileInUse, "open in another copy"),
        (SQLITE_BUSY_SNAPSHOT, FileInUse, "open in another copy"),
        (sqlite3.SQLITE_READONLY, FileReadOnly, "read-only"),
        (SQLITE_READONLY_ROLLBACK, FileReadOnly, "read-only"),
        (sqlite3.SQLITE_FULL, SaveFailed, "disk holding Anytown.swhc is full"),
        (sqlite3.SQLITE_NOTADB, NotAHealthCheckFile, "not a health-check file"),
        (sqlite3.SQLITE_CORRUPT, CorruptFile, "damaged"),
        (SQLITE_CORRUPT_INDEX, CorruptFile, "damaged"),
        (sqlite3.SQLITE_CANTOPEN, SaveFailed, "could not be opened"),
        (sqlite3.SQLITE_IOERR, SaveFailed, "could not be read or written"),
        (SQLITE_IOERR_WRITE, SaveFailed, "could not be read or written"),
    ],
)
@pytest.mark.parametrize("saving", [False, True])
def test_each_result_code_gets_its_own_message_whatever_sqlite_says(code, kind, says, saving):
    # The words are another failure's, so a classification by text would choose wrongly.
    problem = explain(failure(code, "database disk image is malformed: database is locked"), PATH, saving=saving)
    assert type(problem) is kind
    assert says in str(problem) and "Anytown.swhc" in str(problem) and problem.advice
    assert ("Nothing was changed." in str(problem)) == (saving and kind is not NotAHealthCheckFile)


def test_read_only_while_reading_says_the_file_was_not_changed_and_while_saving_that_the_change_was_not_saved():
    reading = explain(failure(sqlite3.SQLITE_READONLY), PATH)
    saving = explain(failure(sqlite3.SQLITE_READONLY), PATH, saving=True)
    assert "could not be read without changing it" in str(reading) and "has not been changed" in reading.advice
    assert "the change could not be saved" in str(saving)


@given(message=st.text(max_size=300))
def test_a_message_alone_never_decides_the_kind_of_problem(message):
    # Errors raised by Python's sqlite3 module itself carry no code: whatever their words, they are told as unexpected.
    problem = explain(failure(None, message), PATH, saving=True)
    assert type(problem) is SaveFailed and problem.message.startswith("Anytown.swhc could not be used: ")
    assert "\n" not in problem.message and problem.message.endswith(". Nothing was changed.")
    assert not problem.message.endswith(": . Nothing was changed.")


def test_an_unexpected_code_is_told_in_sqlites_words_on_one_line():
    problem = explain(failure(sqlite3.SQLITE_CONSTRAINT, "NOT NULL constraint failed:\n  cycles.name"), PATH)
    assert type(problem) is SaveFailed
    assert problem.message == "Anytown.swhc could not be used: NOT NULL constraint failed: cycles.name."
