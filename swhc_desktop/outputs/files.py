"""Writing an output file (a PDF, a spreadsheet, a document) or a folder of them all or nothing, with any failure
said in words."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import stat
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..domain.errors import InvalidInput, SaveFailed


@dataclass(frozen=True)
class Inputs:
    """Files an output must never replace: the health-check file being read, and the survey exports imported into it
    (known by their SHA-256, wherever they are now)."""

    paths: tuple[Path, ...] = ()
    imported_sha256: frozenset[str] = frozenset()


def refuse_replacing_an_input(out: Path, inputs: Inputs) -> None:
    """Refuse, in words, to save an output over a file it was made from."""
    out = Path(out)
    for source in inputs.paths:
        if _same_file(out, source):
            raise InvalidInput(
                f"{out.name} is the health-check file this was made from: saving over it would destroy it.",
                "Choose another name for the file to save. Nothing was saved.",
            )
    if not out.is_dir():
        _refuse_unsafe_target(out)  # before reading it: never open a health-check file except through SQLite
    if inputs.imported_sha256 and out.is_file() and _sha256(out) in inputs.imported_sha256:
        raise InvalidInput(
            f"{out.name} is a survey export imported into this health check: saving over it would lose the original.",
            "Choose another name for the file to save. Nothing was saved.",
        )


def write_file(out: Path, write: Callable[[Path], object]) -> Path:
    """Call `write(temporary_path)`, then put the result at `out` in one step.

    The file is built beside its target, so a failure or a cancel never leaves half a file, and a file of the
    same name that is open elsewhere (a PDF in a reader, a spreadsheet in Excel) is left as it was. A health-check
    file, or a name ending in .swhc, is never written over.
    """
    out = Path(out)
    _refuse_unsafe_target(out)
    _remove_leftovers(out.parent, f".{out.stem}-", out.suffix)
    try:
        handle, name = tempfile.mkstemp(prefix=f".{out.stem}-", suffix=out.suffix, dir=out.parent)
        os.close(handle)
    except OSError as error:
        raise SaveFailed(
            f"{out.name} could not be saved in {out.parent}: {error.strerror or error}.",
            "Choose a folder you can save in.",
        ) from None
    building = Path(name)
    try:
        write(building)
        _give_usual_permissions(building, out)
        os.replace(building, out)
    except PermissionError:
        raise SaveFailed(
            f"{out.name} could not be saved: the file is open in another program, or the folder is read-only.",
            "Close the file wherever it is open (for example in Excel or a PDF reader), or choose another name.",
        ) from None
    except Exception as error:
        failure = _os_error_behind(error)  # writing libraries wrap a full disk in errors of their own
        if failure is None:
            raise
        raise SaveFailed(
            f"{out.name} could not be saved: {failure.strerror or failure}.",
            "Check there is space on the drive, then try again.",
        ) from None
    finally:
        with contextlib.suppress(OSError):
            building.unlink(missing_ok=True)
    return out


def write_folder(out: Path, fill: Callable[[Path], None]) -> Path:
    """Fill a folder all or nothing: `fill(temporary_folder)` makes the files in a folder beside `out`, and only
    when every one is done are they moved in (the whole folder in one step when `out` is new). A failure or a
    cancel leaves `out` as it was; files already in `out` under other names are kept."""
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise InvalidInput(
            f"{out.name} is a file, not a folder.", "Choose a name for a new folder, or an existing folder."
        )
    if out.name.lower().endswith(".swhc"):
        raise InvalidInput(f"{out.name} is named as a health-check file.", "Choose another name for the folder.")
    if not out.parent.is_dir():
        raise SaveFailed(f"The folder {out.parent} does not exist.", "Choose a folder that exists.")
    _remove_leftovers(out.parent, f".{out.name}-", "")
    try:
        building = Path(tempfile.mkdtemp(prefix=f".{out.name}-", dir=out.parent))
    except OSError as error:
        raise SaveFailed(
            f"{out.name} could not be saved in {out.parent}: {error.strerror or error}.",
            "Choose a folder you can save in.",
        ) from None
    try:
        fill(building)
        if not out.exists():
            os.chmod(building, 0o777 & ~_umask())  # a temporary folder is its owner's alone; a saved one is not
            os.replace(building, out)
        else:
            for made in sorted(building.iterdir()):
                os.replace(made, out / made.name)
    except PermissionError:
        raise SaveFailed(
            f"{out.name} could not be saved: a file in it is open in another program, or the folder is read-only.",
            "Close the files wherever they are open, or choose another folder.",
        ) from None
    except OSError as error:
        raise SaveFailed(
            f"{out.name} could not be saved: {error.strerror or error}.",
            "Check there is space on the drive, then try again.",
        ) from None
    finally:
        with contextlib.suppress(OSError):
            shutil.rmtree(building)
    return out


# A file or folder being built is named like this (tempfile's eight random letters); one older than this was left by a
# copy of the app that was stopped part-way (a crash, Task Manager), and is only taking space.
_LEFTOVER_AFTER_SECONDS = 3600
_RANDOM_PART = re.compile(r"[a-z0-9_]{8}")


def _remove_leftovers(folder: Path, prefix: str, suffix: str) -> None:
    try:
        candidates = [p for p in folder.iterdir() if p.name.startswith(prefix) and p.name.endswith(suffix)]
    except OSError:
        return
    for path in candidates:
        random_part = path.name[len(prefix) : len(path.name) - len(suffix)]
        try:
            stale = time.time() - path.stat().st_mtime > _LEFTOVER_AFTER_SECONDS
        except OSError:
            continue
        if stale and _RANDOM_PART.fullmatch(random_part):
            with contextlib.suppress(OSError):
                shutil.rmtree(path) if path.is_dir() else path.unlink()


def _refuse_unsafe_target(out: Path) -> None:
    from ..storage import is_health_check_file

    if out.is_dir():
        raise InvalidInput(f"{out} is a folder.", "Choose a name for the file to save, inside the folder.")
    if is_health_check_file(out):
        raise InvalidInput(
            f"{out.name} is a health-check file (or is named as one): reports and exports are never saved over one.",
            "Choose another name, not ending in .swhc. Nothing was saved.",
        )
    if not out.parent.is_dir():
        raise SaveFailed(f"The folder {out.parent} does not exist.", "Choose a folder that exists.")


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def _sha256(path: Path) -> str:
    import hashlib

    digest = hashlib.sha256()
    try:
        with open(path, "rb") as handle:
            while chunk := handle.read(1 << 20):
                digest.update(chunk)
    except OSError:
        return ""
    return digest.hexdigest()


def _give_usual_permissions(building: Path, out: Path) -> None:
    """The finished file gets the permissions of the file it replaces, or those of any new file the user saves:
    a temporary file is made readable by its owner alone, and a report saved to a shared folder must not be."""
    try:
        mode = stat.S_IMODE(out.stat().st_mode)
    except OSError:
        mode = 0o666 & ~_umask()
    os.chmod(building, mode)


def _umask() -> int:
    """The process's umask, read where Linux shows it (os.umask can only read it by changing it, which would race
    with other threads); the usual 0o022 elsewhere."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    return 0o022


def _os_error_behind(error: BaseException) -> OSError | None:
    """The operating system's error that caused `error` (itself, or one it was raised from or while handling)."""
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        if isinstance(current, OSError):
            return current
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return None
