"""UK date format (dd/mm/yyyy) for everything the user reads, one reading of every date the user types; ISO dates in
the file."""

from __future__ import annotations

import datetime as dt
import re

from .errors import InvalidInput
from .plurals import counted

UK_DATE_FORMAT = "%d/%m/%Y"


_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_TYPED = re.compile(
    r"^(?P<day>\d{1,2})(?:st|nd|rd|th)?[\s/.\-]+(?P<month>\d{1,2}|[a-z]+)[\s/.\-,]+(?P<year>\d{2}|\d{4})$"
)


def read_typed_date(text: str, what: str = "date") -> dt.date:
    """The one reading of a date the user types, in the app or at the command line: day first ('31/3/2027',
    '31-03-27', '31.03.2027', '31 March 2027', '31 Mar 27'), or the ISO form 2027-03-31. A two-digit year is this
    century's. Anything else, or a day the month does not have, is refused saying which."""
    cleaned = " ".join(text.strip().lower().split())
    try:
        return dt.date.fromisoformat(cleaned)
    except ValueError:
        pass
    found = _TYPED.match(cleaned)
    if found is None:
        raise InvalidInput(
            f"The {what} '{text.strip()}' is not a date.",
            "Type it as day/month/year, for example 31/03/2027 or 31 March 2027.",
        )
    month_text = found["month"]
    month = int(month_text) if month_text.isdigit() else _MONTHS.get(month_text)
    year = int(found["year"]) + (2000 if len(found["year"]) == 2 else 0)
    if month is None or not 1 <= month <= 12:
        raise InvalidInput(
            f"The {what} '{text.strip()}' does not have a month from 1 to 12.",
            "Type it as day/month/year, for example 31/03/2027.",
        )
    import calendar  # only when a date is typed, not at start-up

    if not 1900 <= year <= 2199:
        raise InvalidInput(
            f"The {what} '{text.strip()}' has the year {year}.", "Type the year in full, for example 31/03/2027."
        )
    days = calendar.monthrange(year, month)[1]
    if not 1 <= int(found["day"]) <= days:
        raise InvalidInput(
            f"The {what} '{text.strip()}' is not a day of {calendar.month_name[month]} {year}.",
            f"{calendar.month_name[month]} {year} has {counted(days, 'day')}: check the day.",
        )
    return dt.date(year, month, int(found["day"]))


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
