"""What every report and export of a cycle's results shares: a cycle with no responses has no results to hand on,
and says so rather than printing empty charts; and no output is ever saved over a file it was made from."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..domain.errors import InvalidInput
from ..domain.records import Cycle
from .files import Inputs, refuse_replacing_an_input

if TYPE_CHECKING:
    from ..storage import HealthCheckFile


def refuse_replacing_inputs_of(hc: HealthCheckFile, out: Path) -> None:
    """Refuse to save an output over the health-check file, or over a survey export imported into it."""
    refuse_replacing_an_input(out, Inputs(paths=(hc.path,), imported_sha256=hc.responses.imported_sha256()))


class NoResponsesYet(InvalidInput):
    title = "No responses yet"


def require_responses(cycle: Cycle, what: str) -> None:
    if not cycle.response_count:
        raise NoResponsesYet(
            f"{cycle.name} has no responses yet, so there is no {what} to make.",
            "Import the responses first (the Responses page, or swhc import).",
        )
