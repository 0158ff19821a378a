"""Writing an output file (a PDF, a spreadsheet, a document) all or nothing, with any failure said in words."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path
from typing import Callable

from .errors import SaveFailed


def write_file(out: Path, write: Callable[[Path], None]) -> Path:
    """Call `write(temporary_path)`, then put the result at `out` in one step.

    The file is built beside its target, so a failure or a cancel never leaves half a file, and a file of the
    same name that is open elsewhere (a PDF in a reader, a spreadsheet in Excel) is left as it was.
    """
    out = Path(out)
    if not out.parent.is_dir():
        raise SaveFailed(f"The folder {out.parent} does not exist.", "Choose a folder that exists.")
    try:
        handle, name = tempfile.mkstemp(prefix=f".{out.stem}-", suffix=out.suffix, dir=out.parent)
        os.close(handle)
    except OSError as error:
        raise SaveFailed(f"{out.name} could not be saved in {out.parent}: {error.strerror or error}.",
                         "Choose a folder you can save in.") from None
    building = Path(name)
    try:
        write(building)
        os.replace(building, out)
    except PermissionError:
        raise SaveFailed(
            f"{out.name} could not be saved: the file is open in another program, or the folder is read-only.",
            "Close the file wherever it is open (for example in Excel or a PDF reader), or choose another name.",
        ) from None
    except OSError as error:
        raise SaveFailed(f"{out.name} could not be saved: {error.strerror or error}.",
                         "Check there is space on the drive, then try again.") from None
    finally:
        with contextlib.suppress(OSError):
            building.unlink(missing_ok=True)
    return out
