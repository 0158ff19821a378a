"""What every report and export of a cycle's results shares: a cycle with no responses has no results to hand on,
and says so rather than printing empty charts."""

from __future__ import annotations

from .errors import InvalidInput
from .records import Cycle


class NoResponsesYet(InvalidInput):
    title = "No responses yet"


def require_responses(cycle: Cycle, what: str) -> None:
    if not cycle.response_count:
        raise NoResponsesYet(f"{cycle.name} has no responses yet, so there is no {what} to make.",
                             "Import the responses first (the Responses page, or swhc import).")
