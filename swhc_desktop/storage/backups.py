"""Copies of a health-check file taken with SQLite's backup API before migrations, imports and removals: kept in a
folder of the file's own identity (so another file of the same name never touches them), numbered in the order they
were taken (so a wrong clock never decides which is oldest), the newest ten kept."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import sqlite3
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

KEEP_BACKUPS = 10

# "0042 Council (2026-12-06 101500) before importing x.swhc": the number orders them, the time is for people.
_NAME = re.compile(r"^(?P<number>\d{4,}) (?P<stem>.+?) \((?P<stamp>\d{4}-\d{2}-\d{2} \d{6})\) (?P<reason>.+)\.swhc$")
# Backups made before files had identities: "Council (2026-12-06 101500-2) before importing x.swhc", matched by name.
_OLD_NAME = re.compile(
    r"^(?P<stem>.+?) \((?P<stamp>\d{4}-\d{2}-\d{2} \d{6})(?:-(?P<counter>\d+))?\) (?P<reason>.+)\.swhc$"
)
# Characters some file systems refuse in a name; a reason quotes a file's name, which may hold them.
_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f]')
_STAMP = "%Y-%m-%d %H%M%S"


@dataclass(frozen=True)
class Backup:
    path: Path
    taken_at: dt.datetime
    reason: str
    original_name: str
    number: int = 0


def folder_for(backups: Path, identity: str | None) -> Path:
    """Where one file's backups are kept: a folder named by the file's identity (the backup folder itself for a file
    made before files had identities)."""
    return backups / identity if identity else backups


def take_backup(
    conn: sqlite3.Connection, backups: Path, identity: str | None, original: Path, reason: str, keep: int = KEEP_BACKUPS
) -> Path:
    """Copy the open database into its own backup folder and keep only the newest `keep` copies of it. The copy just
    taken is always kept, whatever the computer's clock says."""
    folder = folder_for(backups, identity)
    # A file made before files had identities shares the backup folder with others: its own are those of its name.
    own_stem = None if identity else original.stem
    new_folder = not folder.exists()
    _make_private_folder(backups)
    _make_private_folder(folder)
    if identity:
        _remove_leftovers(folder)
    number = max((backup.number for backup in _numbered(folder, own_stem)), default=0) + 1
    stamp = dt.datetime.now().strftime(_STAMP)
    target = folder / f"{number:04d} {original.stem} ({stamp}) {_UNSAFE.sub('-', reason).strip(' .')}.swhc"
    try:
        copy_database(conn, target)
    except BaseException:
        if new_folder:
            with contextlib.suppress(OSError):
                folder.rmdir()
        raise
    for old in _numbered(folder, own_stem)[keep:]:
        if old.path != target:
            old.path.unlink(missing_ok=True)
    return target


def copy_database(
    conn: sqlite3.Connection, target: Path, progress: Callable[[int, int], None] = lambda done, total: None
) -> None:
    """Copy the connected database to `target` with SQLite's backup API, readable by its owner only: built as a
    partial file beside it and moved into place once whole, so a failure or a cancel never leaves half a copy (which
    would only take space on a disk that may be full)."""
    partial = target.with_name(target.name + ".partial")
    try:
        destination = sqlite3.connect(partial)
        try:
            conn.backup(
                destination, pages=1024, progress=lambda _, remaining, total: progress(total - remaining, total)
            )
        finally:
            destination.close()
        _make_private(partial)
        if target.exists():
            raise FileExistsError(f"{target} appeared while the copy was being made")
        partial.replace(target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


_READ_FROM_FILE = "read from the file"


def list_backups(backups: Path, original: Path, identity: str | None = _READ_FROM_FILE) -> list[Backup]:
    """This file's backups, newest first: those in its identity's folder, then any taken before files had
    identities whose name matches and which are not another file's. The identity is read from the file unless
    given (give it for a file that is open: see `HealthCheckFile.list_backups`)."""
    if identity == _READ_FROM_FILE:
        identity = identity_of(original)
    found = _numbered(folder_for(backups, identity), None if identity else original.stem)
    return found + [b for b in _unnumbered(backups, original) if identity_of(b.path) in (None, identity)]


def backups_holding(
    backups: Path, original: Path, identity: str | None, holds: Callable[[sqlite3.Connection], bool]
) -> list[Backup]:
    """This file's backups for which `holds(connection)` is true: for example those that still hold the names kept
    with a batch that has since been removed. A backup that cannot be read is listed too (it may hold them)."""
    found = []
    for backup in list_backups(backups, original, identity):
        try:
            conn = sqlite3.connect(read_only_uri(backup.path), uri=True)
            try:
                conn.execute("PRAGMA trusted_schema = OFF")
                if holds(conn):
                    found.append(backup)
            finally:
                conn.close()
        except sqlite3.Error:
            found.append(backup)
    return found


def delete_backups(chosen: list[Backup]) -> list[Path]:
    """Delete backups the PSW chose to delete (those still holding identifying details that have been removed from
    the file); returns any that could not be deleted."""
    failed = []
    for backup in chosen:
        try:
            backup.path.unlink(missing_ok=True)
        except OSError:
            failed.append(backup.path)
    return failed


def _numbered(folder: Path, stem: str | None = None) -> list[Backup]:
    """The backups in one identity's folder (or those of one name, in a shared folder), newest (highest number)
    first."""
    if not folder.is_dir():
        return []
    found = []
    for path in folder.glob("*.swhc"):
        match = _NAME.match(path.name)
        if match and (stem is None or match["stem"] == stem):
            taken_at = dt.datetime.strptime(match["stamp"], _STAMP)
            found.append(Backup(path, taken_at, match["reason"], f"{match['stem']}.swhc", int(match["number"])))
    return sorted(found, key=lambda backup: backup.number, reverse=True)


def _unnumbered(backups: Path, original: Path) -> list[Backup]:
    if not backups.is_dir():
        return []
    found = []
    for path in backups.glob("*.swhc"):
        match = _OLD_NAME.match(path.name)
        if match and match["stem"] == original.stem:
            taken_at = dt.datetime.strptime(match["stamp"], _STAMP)
            found.append((taken_at, int(match["counter"] or 1), Backup(path, taken_at, match["reason"], original.name)))
    return [backup for *_, backup in sorted(found, key=lambda item: item[:2], reverse=True)]


def identity_on(conn: sqlite3.Connection) -> str | None:
    """The identity a connected file records; None for one made before files had identities."""
    if "file_id" not in {row[1] for row in conn.execute("PRAGMA table_info(organisation)")}:
        return None
    row = conn.execute("SELECT file_id FROM organisation WHERE id = 1").fetchone()
    return str(row[0]) if row else None


def identity_of(path: Path) -> str | None:
    """The identity a file (not open in this process) records, or None for one made before files had identities, or
    that cannot be read."""
    try:
        conn = sqlite3.connect(read_only_uri(path), uri=True)
        try:
            conn.execute("PRAGMA trusted_schema = OFF")
            return identity_on(conn)
        finally:
            conn.close()
    except sqlite3.Error:
        return None


def _remove_leftovers(folder: Path) -> None:
    """Half-made backups of a copy of the app that was stopped part-way (only one copy can change a file, and so back
    it up, at a time: any in this file's folder are left over)."""
    for leftover in list(folder.glob("*.swhc.partial")) + list(folder.glob("*.swhc.partial-journal")):
        with contextlib.suppress(OSError):
            leftover.unlink()


def _make_private_folder(folder: Path) -> None:
    """Backups hold respondents' answers: on a shared computer, only the user who made them can open their folder."""
    folder.mkdir(parents=True, exist_ok=True)
    if os.name == "posix":
        with contextlib.suppress(OSError):
            os.chmod(folder, 0o700)


def _make_private(path: Path) -> None:
    if os.name == "posix":
        with contextlib.suppress(OSError):
            os.chmod(path, 0o600)


def read_only_uri(path: Path) -> str:
    return f"file:{urllib.parse.quote(str(path.absolute()))}?mode=ro"
