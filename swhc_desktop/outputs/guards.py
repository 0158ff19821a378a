"""What every report and export of a cycle's results shares: a cycle with no responses has no results to hand on,
and says so rather than printing empty charts; no output is ever saved over a file it was made from; and what a
document shows is read as one picture of the file."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from ..domain.errors import Advice, InvalidInput
from ..domain.labels import IMPORT_BUTTON, RESPONSES_PAGE
from ..domain.records import Cycle
from .files import Inputs, refuse_replacing_an_input

if TYPE_CHECKING:
    from ..storage import HealthCheckFile


def refuse_replacing_inputs_of(hc: HealthCheckFile, out: Path) -> None:
    """Refuse to save an output over the health-check file, or over a survey export imported into it."""
    refuse_replacing_an_input(out, Inputs(paths=(hc.path,), imported_sha256=hc.responses.imported_sha256()))


Content = TypeVar("Content")


def read_for_document(hc: "HealthCheckFile", out: Path, read: Callable[[], Content]) -> Content:
    """What a document to be saved as `out` shows, read from the file: a document that would replace an input is
    refused first, and the file's lock is held for the whole read, so that a change made meanwhile on another thread
    is either all in the document or not in it at all. The document is then written without the lock: writing needs
    only what was read, and the app stays free to use the file meanwhile."""
    with hc.lock:
        refuse_replacing_inputs_of(hc, out)
        return read()


class NoResponsesYet(InvalidInput):
    title = "No responses yet"


def require_responses(cycle: Cycle, what: str) -> None:
    if not cycle.response_count:
        raise NoResponsesYet(
            f"{cycle.name} has no responses yet, so there is no {what} to make.",
            Advice(
                f"Import the responses first ({IMPORT_BUTTON} on the {RESPONSES_PAGE} page).",
                "Import the responses first, with 'swhc import'.",
            ),
        )
