"""Copies of a health-check file taken with SQLite's backup API before migrations and imports, rotated."""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

KEEP_BACKUPS = 10

_NAME = re.compile(r"^(?P<stem>.+?) \((?P<stamp>\d{4}-\d{2}-\d{2} \d{6}(?:-\d+)?)\) (?P<reason>.+)\.swhc$")
# Characters some file systems refuse in a name; a reason quotes a file's name, which may hold them.
_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f]')


@dataclass(frozen=True)
class Backup:
    path: Path
    taken_at: dt.datetime
    reason: str
    original_name: str


def take_backup(conn: sqlite3.Connection, folder: Path, original: Path, reason: str, keep: int = KEEP_BACKUPS) -> Path:
    """Copy the open database to the backup folder and keep only the newest `keep` copies of this file."""
    folder.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y-%m-%d %H%M%S")
    # Backups taken within the same second are numbered on from the highest number there (not from how many there
    # are: rotation removes the oldest), so that their order is never in doubt and none is overwritten.
    same_second = [_counter(p.name) for p in folder.glob("*.swhc") if p.name.startswith(f"{original.stem} ({stamp}")]
    suffix = f"-{max(same_second) + 1}" if same_second else ""
    target = folder / f"{original.stem} ({stamp}{suffix}) {_UNSAFE.sub('-', reason).strip(' .')}.swhc"
    partial = target.with_name(target.name + ".partial")
    try:
        destination = sqlite3.connect(partial)
        try:
            conn.backup(destination)
        finally:
            destination.close()
        partial.replace(target)
    except BaseException:
        partial.unlink(missing_ok=True)  # half a backup would only take space on a disk that may be full
        raise
    for old in list_backups(folder, original)[keep:]:
        old.path.unlink(missing_ok=True)
    return target


def _counter(name: str) -> int:
    """The number of a backup among those taken in the same second (1 for the first, which has none)."""
    match = _NAME.match(name)
    stamp = match["stamp"].split("-") if match else []
    return int(stamp[3]) if len(stamp) > 3 else 1


def list_backups(folder: Path, original: Path) -> list[Backup]:
    """Backups of this file, newest first."""
    if not folder.is_dir():
        return []
    found = []
    for path in folder.glob("*.swhc"):
        match = _NAME.match(path.name)
        if not match or match["stem"] != original.stem:
            continue
        taken_at = dt.datetime.strptime("-".join(match["stamp"].split("-")[:3]), "%Y-%m-%d %H%M%S")
        found.append((taken_at, _counter(path.name), Backup(path, taken_at, match["reason"], original.name)))
    return [backup for *_, backup in sorted(found, key=lambda item: item[:2], reverse=True)]


def restore_backup(backup: Path, target: Path, folder: Path) -> Path:
    """Put a backup's contents in place of `target` (which must not be open), keeping a copy of what it held.

    The backup is checked first (a health-check file this version can read); the current contents are backed
    up; the backup is copied beside the target and then moved over it in one step, so an interruption leaves
    either the old file or the restored one, never a mixture. Returns the path of the safety copy.
    """
    from ..errors import SaveFailed
    from .file import HealthCheckFile, explain  # a backup is checked the same way as any file the user opens

    HealthCheckFile.open(backup, read_only=True, folders=None).close()
    incoming = target.with_name(target.name + ".restoring")
    try:
        current = sqlite3.connect(target)
        try:
            safety_copy = take_backup(current, folder, target, "before restoring a backup")
        finally:
            current.close()
        source = sqlite3.connect(backup)
        destination = sqlite3.connect(incoming)
        try:
            source.backup(destination)
        finally:
            destination.close()
            source.close()
        incoming.replace(target)
    except BaseException as error:
        incoming.unlink(missing_ok=True)
        if isinstance(error, sqlite3.Error):
            raise explain(error, target, saving=True) from None
        if isinstance(error, OSError):
            raise SaveFailed(f"The backup could not be restored: {error.strerror or error}. {target.name} is as it "
                             "was.", "Free some disk space, or check the folder can be saved in, then try again.") from None
        raise
    return safety_copy
