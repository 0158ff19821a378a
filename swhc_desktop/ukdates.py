"""UK date format (dd/mm/yyyy) for everything the user reads and types; ISO dates in the file."""

from __future__ import annotations

import datetime as dt

from .errors import InvalidInput

UK_DATE_FORMAT = "%d/%m/%Y"


def parse_uk_date(text: str, what: str = "date") -> dt.date:
    """Read a date typed as dd/mm/yyyy, or say clearly why it cannot be read."""
    cleaned = text.strip()
    try:
        return dt.datetime.strptime(cleaned, UK_DATE_FORMAT).date()
    except ValueError:
        raise InvalidInput(
            f"The {what} '{cleaned}' is not a date in the form dd/mm/yyyy.",
            "Type it as day/month/year, for example 01/04/2019.",
        ) from None


def format_uk_date(value: dt.date | str | None) -> str:
    """Show a date (or an ISO date string from the file) as dd/mm/yyyy; empty when absent."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        value = dt.date.fromisoformat(value[:10])
    return value.strftime(UK_DATE_FORMAT)


def to_iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value is not None else None


def from_iso(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value[:10]) if value else None


def describe_window(opens_on: dt.date | None, closes_on: dt.date | None) -> str:
    """The survey window as a reader expects it: '01/04/2019 to 15/05/2019'."""
    if opens_on and closes_on:
        return f"{format_uk_date(opens_on)} to {format_uk_date(closes_on)}"
    if opens_on:
        return f"from {format_uk_date(opens_on)}"
    if closes_on:
        return f"until {format_uk_date(closes_on)}"
    return "not set"
