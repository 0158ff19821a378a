"""What makes a cycle, finding, action or theme acceptable: checked by the screens before saving and again by the
stores, so every way in refuses the same things with the same words."""

from __future__ import annotations

import datetime as dt

from .errors import InvalidInput
from .plurals import counted
from .records import ActionDraft, ActionStatus
from .standards import STANDARD_NUMBERS
from .ukdates import format_uk_date


def check_cycle_values(
    name: str, opens_on: dt.date | None, closes_on: dt.date | None, staff_invited: int | None
) -> None:
    if not name.strip():
        raise InvalidInput("A cycle needs a name, such as the year of the survey.", "Type a name, for example 2024.")
    if opens_on and closes_on and opens_on > closes_on:
        raise InvalidInput(
            f"The survey closes before it opens: it closes on {format_uk_date(closes_on)}, "
            f"{counted((opens_on - closes_on).days, 'day')} before it opens on "
            f"{format_uk_date(opens_on)}.",
            "Check the dates: the closing date must be on or after the opening date.",
        )
    if staff_invited is not None and (isinstance(staff_invited, bool) or not isinstance(staff_invited, int)):
        raise InvalidInput(
            f"The number of staff invited must be a whole number, not {staff_invited!r}.",
            "Type the number of people asked to take part, for example 120.",
        )
    if staff_invited is not None and staff_invited < 1:
        raise InvalidInput(
            "The number of staff invited must be at least 1.", "Leave it empty if you do not know it yet."
        )


def check_staff_invited_covers_responses(staff_invited: int | None, responses: int) -> None:
    """Fewer staff invited than responses already imported would give a response rate over 100%."""
    if staff_invited is not None and staff_invited < responses:
        raise InvalidInput(
            f"{staff_invited:,} staff invited is fewer than the {counted(responses, 'response')} already "
            f"imported into this "
            "cycle.",
            f"Type the number of staff asked to take part: at least {responses:,}. Nothing was changed.",
        )


def check_finding(text: str) -> None:
    if not text.strip():
        raise InvalidInput(
            "A finding needs a sentence saying what was found.",
            "Write it as you would in the report, for example '73% say their caseload is manageable'.",
        )


def check_action(draft: ActionDraft) -> None:
    """Refuse an action the plan could not show sensibly, saying what to change."""
    if draft.standard not in STANDARD_NUMBERS:
        raise InvalidInput("An action must sit under one of the eight Standards for Employers.", "Choose a Standard.")
    if not draft.title.strip():
        raise InvalidInput("An action needs a title.", "Say in a few words what will be done.")
    if draft.status is ActionStatus.DROPPED and not draft.dropped_reason.strip():
        raise InvalidInput("Say why the action was dropped.", "The reason is printed in the plan.")


def check_progress_update(text: str) -> None:
    if not text.strip():
        raise InvalidInput("A progress update needs some text.", "Say what has happened since the last update.")


def theme_name(name: str) -> str:
    """A theme's name as kept: runs of spaces made one. Refused when empty (a name already taken is refused by the
    file, which knows the others)."""
    name = " ".join(name.split())
    if not name:
        raise InvalidInput("A theme needs a name.", "Type a short name, for example Caseloads.")
    return name
