"""Reading the cells of an export: normalised text for matching, numbers, dates and answers joined in one cell."""

from __future__ import annotations

import datetime as dt
import html
import math
import re
import unicodedata
from collections.abc import Iterable, Sequence
from types import MappingProxyType

_TAGS = re.compile(r"<[^>]+>")
_NUMBERING = re.compile(r"^\s*(?:q(?:uestion)?\s*)?\d+[a-z]?\s*[.):]\s*", re.IGNORECASE)
_NOT_WORD = re.compile(r"[\W_]+")
_SPACES = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Text reduced to what matters for matching: no HTML, numbering, punctuation, accents, case or extra spaces.

    '7. How manageable is your<br>caseload?' and 'how manageable is your caseload' both become
    'how manageable is your caseload'."""
    cleaned = html.unescape(_TAGS.sub(" ", text or ""))
    cleaned = _NUMBERING.sub("", cleaned)
    cleaned = unicodedata.normalize("NFKD", cleaned)
    cleaned = "".join(c for c in cleaned if not unicodedata.combining(c))
    cleaned = cleaned.replace("’", "'").replace("'", "")
    return _SPACES.sub(" ", _NOT_WORD.sub(" ", cleaned.casefold())).strip()


def plain_text(text: str) -> str:
    """A heading as a person reads it: HTML line breaks and tags gone, spaces tidied."""
    return _SPACES.sub(" ", html.unescape(_TAGS.sub(" ", text or ""))).strip()


_NUMBER = re.compile(r"^[+-]?(\d{1,3}(,\d{3})+|\d+)?(\.\d+)?$")
_WITH_WORD = re.compile(r"^(?P<number>.*?\d)\s*(?P<word>[^\W\d_]+)\.?$")
# Short forms people write after a number, by the unit a question asks in.
UNIT_ABBREVIATIONS = MappingProxyType(
    {"hours": ("hrs", "hr", "h"), "minutes": ("mins", "min"), "days": ("d",), "weeks": ("wks", "wk")}
)


def parse_number(text: str, unit: str = "") -> float | None:
    """A number as staff type it ('37.5', '1,200', ' 40 ', and with the question's unit after it, '15 cases' or
    '37.5 hrs'); None when it is not a number at all (or too large to be one)."""
    cleaned = text.strip().replace("\u00a0", "")
    if unit and (with_word := _WITH_WORD.match(cleaned)) and _is_unit(with_word["word"], unit):
        cleaned = with_word["number"].strip()
    if not cleaned or not _NUMBER.match(cleaned) or cleaned in {"+", "-", "."}:
        return None
    try:
        number = float(cleaned.replace(",", ""))
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def _is_unit(word: str, unit: str) -> bool:
    """Whether a word written after a number is the question's unit ('cases', 'case'; 'hours', 'hour', 'hrs')."""
    words = unit.casefold().split()
    if not words:
        return False
    plural = words[0]
    singular = plural[:-1] if plural.endswith("s") else plural
    return word.casefold() in {plural, singular, *UNIT_ABBREVIATIONS.get(plural, ())}


# A number typed into a cell formatted as a date reaches us as the date Excel shows for it: 40 hours as 1900-02-09.
_EARLY_EXCEL_DATE = re.compile(r"(1[89][0-9]{2})-([0-9]{2})-([0-9]{2})(?: ([0-9]{2}):([0-9]{2}):([0-9]{2}))?")
EXCEL_DAY_ONE = dt.date(1899, 12, 31)  # serial 1 is 1 January 1900
EXCEL_AFTER_LEAP_BUG = dt.date(1899, 12, 30)  # Excel counts a 29 February 1900 that never was
LATEST_NUMBER_AS_DATE = dt.date(1950, 1, 1)


def number_from_excel_date(text: str) -> float | None:
    """The number a workbook cell holds when it is formatted as a date and shows one before 1950 (no answer to a
    question asking for a number is such a date): '1900-02-09' is 40, '1900-02-06 12:00:00' is 37.5."""
    match = _EARLY_EXCEL_DATE.fullmatch(text.strip())
    if match is None:
        return None
    try:
        day = dt.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None
    if not dt.date(1900, 1, 1) <= day < LATEST_NUMBER_AS_DATE:
        return None
    start = EXCEL_DAY_ONE if day < dt.date(1900, 3, 1) else EXCEL_AFTER_LEAP_BUG
    hours, minutes, seconds = (int(match[n] or 0) for n in (4, 5, 6))
    return (day - start).days + (hours * 3600 + minutes * 60 + seconds) / 86400


_ISO = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)")
_SLASHED = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})\b")


def day_first_dates(samples: Iterable[str], window: tuple[dt.date | None, dt.date | None] = (None, None)) -> bool:
    """Whether slashed dates in a column are day first (UK) or month first (a US tool's export re-saved by Excel).

    A first part above 12 proves day first, a second part above 12 proves month first. Otherwise the reading that
    puts more dates inside the survey window wins; UK when nothing tells them apart."""
    samples = list(samples)
    opens, closes = window
    if opens or closes:

        def inside(day_first: bool) -> int:
            dates = [parse_date(t, day_first) for t in samples]
            return sum(1 for d in dates if d and (not opens or d >= opens) and (not closes or d <= closes))

        uk, us = inside(True), inside(False)
        if uk != us:
            return uk > us
    for text in samples:
        match = _SLASHED.match(text.strip())
        if match is None:
            continue
        first, second = int(match[1]), int(match[2])
        if first > 12:
            return True
        if second > 12:
            return False
    return True


def parse_date(text: str, day_first: bool = True) -> dt.date | None:
    """The date part of a submission time in any of the forms the tools write; None when there is none."""
    cleaned = text.strip()
    if not cleaned:
        return None
    match = _ISO.match(cleaned)
    try:
        if match:
            return dt.date(int(match[1]), int(match[2]), int(match[3]))
        match = _SLASHED.match(cleaned)
        if match:
            first, second, year = int(match[1]), int(match[2]), int(match[3])
            year += 2000 if year < 100 else 0
            day, month = (first, second) if day_first else (second, first)
            return dt.date(year, month, day)
    except ValueError:
        return None
    if cleaned.isdecimal() and len(cleaned) == 10:  # seconds since 1970, as some API exports write times
        return dt.datetime.fromtimestamp(int(cleaned), dt.UTC).date()
    return None


def split_joined(text: str, separator: str, known: Sequence[str]) -> tuple[list[str], str]:
    """Split answers joined in one cell against the options known, longest first, so that an option whose own
    text contains the separator ('Master's degree (e.g. MA, MS, MEd)') stays whole.

    Returns the options found, in the order they appear, and whatever text is left (an 'Other' answer)."""
    remaining = text.strip()
    if not remaining:
        return [], ""
    mark = separator.strip() or separator
    found: list[tuple[int, str]] = []
    for option in sorted({k for k in known if k}, key=len, reverse=True):
        start = 0
        while (at := remaining.find(option, start)) >= 0:
            end = at + len(option)
            if _whole_item(remaining, at, end, mark):
                found.append((at, option))
                remaining = remaining[:at] + USED * len(option) + remaining[end:]
                break
            start = at + 1
    leftover = [part.strip() for part in remaining.split(mark)]
    rest = [part for part in leftover if part and part.strip(USED)]
    return [option for _, option in sorted(found)], f"{mark} ".join(part.strip(USED).strip() for part in rest)


USED = "\x00"


def _whole_item(text: str, start: int, end: int, mark: str) -> bool:
    """Whether text[start:end] is a whole item of the list: bounded by the separator or the ends of the text."""
    before = text[:start].rstrip()
    after = text[end:].lstrip()
    return (not before or before.endswith(mark) or before.endswith(USED)) and (
        not after or after.startswith(mark) or after.startswith(USED)
    )
