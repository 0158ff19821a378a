"""Copies of a health-check file taken with SQLite's backup API before migrations and imports, rotated."""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

KEEP_BACKUPS = 10

_NAME = re.compile(r"^(?P<stem>.+) \((?P<stamp>\d{4}-\d{2}-\d{2} \d{6}(?:-\d+)?)\) (?P<reason>[^()]+)\.swhc$")


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
    # Backups taken within the same second are numbered, so that their order is never in doubt.
    same_second = sum(1 for p in folder.glob("*.swhc") if p.name.startswith(f"{original.stem} ({stamp}"))
    suffix = f"-{same_second + 1}" if same_second else ""
    target = folder / f"{original.stem} ({stamp}{suffix}) {reason}.swhc"
    partial = target.with_name(target.name + ".partial")
    destination = sqlite3.connect(partial)
    try:
        conn.backup(destination)
    finally:
        destination.close()
    partial.replace(target)
    for old in list_backups(folder, original)[keep:]:
        old.path.unlink(missing_ok=True)
    return target


def list_backups(folder: Path, original: Path) -> list[Backup]:
    """Backups of this file, newest first."""
    if not folder.is_dir():
        return []
    found = []
    for path in folder.glob("*.swhc"):
        match = _NAME.match(path.name)
        if not match or match["stem"] != original.stem:
            continue
        stamp = match["stamp"].split("-")
        taken_at = dt.datetime.strptime("-".join(stamp[:3]), "%Y-%m-%d %H%M%S")
        same_second_counter = int(stamp[3]) if len(stamp) > 3 else 1
        found.append((taken_at, same_second_counter, Backup(path, taken_at, match["reason"], original.name)))
    return [backup for *_, backup in sorted(found, key=lambda item: item[:2], reverse=True)]


def restore_backup(backup: Path, target: Path, folder: Path) -> Path:
    """Put a backup's contents in place of `target` (which must not be open), keeping a copy of what it held.

    The backup is checked first (a health-check file this version can read); the current contents are backed
    up; the backup is copied beside the target and then moved over it in one step, so an interruption leaves
    either the old file or the restored one, never a mixture. Returns the path of the safety copy.
    """
    from .file import HealthCheckFile  # a backup is checked the same way as any file the user opens

    HealthCheckFile.open(backup, read_only=True, folders=None).close()
    current = sqlite3.connect(target)
    try:
        safety_copy = take_backup(current, folder, target, "before restoring a backup")
    finally:
        current.close()
    incoming = target.with_name(target.name + ".restoring")
    source = sqlite3.connect(backup)
    destination = sqlite3.connect(incoming)
    try:
        source.backup(destination)
    finally:
        destination.close()
        source.close()
    incoming.replace(target)
    return safety_copy
