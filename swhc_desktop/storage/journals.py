"""A journal left beside a file by a change that never finished (the app or the computer stopped part-way): noticed
without applying it, and put back only when it belongs to the file, since another file's journal would damage it."""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
import urllib.parse
from collections.abc import Sequence
from pathlib import Path

from ..domain.errors import CorruptFile, FileReadOnly, SaveFailed
from .backups import identity_on
from .schema import Migration
from .sqlite_errors import extended_code
from .verification import ExpectedFile, schema_problems


def journal_of(path: Path) -> Path:
    return path.with_name(path.name + "-journal")


def has_unfinished_change(path: Path) -> bool:
    """Whether SQLite would put a journal back on reading the file (a 'hot' journal): asked of SQLite itself on a
    read-only connection, which refuses rather than applies it. A journal of a change still being made by another
    copy of the app is not unfinished (that copy holds the file's lock)."""
    journal = journal_of(path)
    try:
        if not journal.is_file() or journal.stat().st_size == 0:
            return False
    except OSError:
        return False
    conn = sqlite3.connect(_uri(path, "mode=ro"), uri=True, timeout=0, isolation_level=None)
    try:
        conn.execute("PRAGMA schema_version").fetchone()
        return False
    except sqlite3.Error as error:
        # SQLite's own answer, on a read-only connection, when a journal must be put back before the file can be read.
        return extended_code(error) == sqlite3.SQLITE_READONLY_ROLLBACK
    finally:
        conn.close()


def needs_finishing(path: Path) -> FileReadOnly:
    journal = journal_of(path)
    return FileReadOnly(
        f"{path.name} was left part-way through a change when SWHC Desktop or the computer stopped, and must be put "
        f"back as it was before that change (from {journal.name} beside it), which cannot be done while it is opened "
        "read-only.",
        f"Open it in the app (or run 'swhc check --repair'), from a folder you can save in; on a read-only drive, "
        f"copy both {path.name} and {journal.name} to Documents and use the copy. It has not been changed.",
    )


def check_journal_belongs(path: Path, migrations: Sequence[Migration]) -> None:
    """Put the journal back into a copy of the file first, and refuse unless the result is a whole health-check file
    with the same identity as the file itself. The file and its journal are left exactly as they were."""
    journal = journal_of(path)
    identity_before = _identity_ignoring_journal(path)
    with tempfile.TemporaryDirectory(prefix="swhc-journal-check-") as folder:
        copy = Path(folder) / "check.swhc"
        try:
            shutil.copyfile(path, copy)
            shutil.copyfile(journal, journal_of(copy))
        except OSError as error:
            raise SaveFailed(
                f"{path.name} was left part-way through a change, and there is no room to check the change before it "
                f"is put back ({error.strerror or error}).",
                "Free some disk space, then open it again. It has not been changed.",
            ) from None
        belongs = _rolls_back_whole(copy, migrations, identity_before)
    if not belongs:
        raise CorruptFile(
            f"{path.name} has a journal beside it ({journal.name}) from a change that never finished, and it does not "
            "belong to this file: putting it back would damage the file.",
            f"Move {journal.name} out of the folder (keep it until {path.name} opens as it should), then open "
            f"{path.name} again. The file has not been changed.",
        )


def _rolls_back_whole(copy: Path, migrations: Sequence[Migration], identity_before: str | None) -> bool:
    conn = sqlite3.connect(copy, isolation_level=None)
    try:
        conn.execute("PRAGMA trusted_schema = OFF")
        if conn.execute("PRAGMA quick_check").fetchall() != [("ok",)]:
            return False
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if not 1 <= version <= migrations[-1].version:
            return False
        if schema_problems(conn, ExpectedFile.of_version(migrations, version)):
            return False
        identity_after = identity_on(conn)
    except sqlite3.Error:
        return False
    finally:
        conn.close()
    return identity_before is None or identity_after == identity_before


def _identity_ignoring_journal(path: Path) -> str | None:
    """The identity the file itself records, read as it lies on disk (the journal ignored). None where the unfinished
    change left that part unreadable, or the file predates identities."""
    try:
        conn = sqlite3.connect(_uri(path, "mode=ro&immutable=1"), uri=True, isolation_level=None)
    except sqlite3.Error:
        return None
    try:
        return identity_on(conn)
    except sqlite3.Error:
        return None
    finally:
        conn.close()


def _uri(path: Path, options: str) -> str:
    return f"file:{urllib.parse.quote(str(path.absolute()))}?{options}"
