"""Putting a backup back in place of its file, after checking it as carefully as any file the user opens."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from ..domain.errors import InvalidInput, SaveFailed
from .backups import identity_of, read_only_uri, take_backup
from .file import HealthCheckFile
from .sqlite_errors import explain


def restore_backup(backup: Path, target: Path, backups: Path) -> Path:
    """Put a backup's contents in place of `target` (which must not be open), keeping a copy of what it held.

    The backup is checked first: a health-check file this version can read, and a backup of this file (the same
    identity), never another's. The current contents are backed up; the backup is copied beside the target and then
    moved over it in one step, so an interruption leaves either the old file or the restored one, never a mixture.
    Returns the path of the safety copy.
    """
    HealthCheckFile.open(backup, read_only=True, folders=None).close()
    identity = identity_of(target)  # read without opening it in full: a file is often restored because it is damaged
    if identity is not None and identity_of(backup) not in (None, identity):
        raise InvalidInput(
            f"{backup.name} is a backup of another health-check file, not of {target.name}.",
            f"Choose one of {target.name}'s own backups. {target.name} has not been changed.",
        )
    incoming = target.with_name(target.name + ".restoring")
    try:
        current = sqlite3.connect(target)
        try:
            safety_copy = take_backup(current, backups, identity, target, "before restoring a backup")
        finally:
            current.close()
        source = sqlite3.connect(read_only_uri(backup), uri=True)
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
            raise SaveFailed(
                f"The backup could not be restored: {error.strerror or error}. {target.name} is as it was.",
                "Free some disk space, or check the folder can be saved in, then try again.",
            ) from None
        raise
    return safety_copy
