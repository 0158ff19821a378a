"""Recognising the columns of an export that identify a person, by heading (a family of wordings, not a fixed list)
and by what the column holds (e-mail addresses, phone numbers, staff numbers, postcodes, IP addresses, personal
names): such a column is never stored, nor made into a question, unless the PSW keeps it with a reason.

A column is identifying when its values ARE identifiers, not when some comments mention an e-mail address or a
name: most of what its respondents wrote must be one, whole."""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial

from ..paths import resources_dir
from .values import normalise

# ---------------------------------------------------------------------------------------------- by heading

_ASKING = r"(?:(?:what is|whats|what s|please (?:give|enter|tell us|provide|write|type|add)|enter|give|provide) )?"
_WHOSE = (
    r"(?:(?:your|my|the|their|respondents?|respondent s|staff|employees?|employee s|workers?|worker s|personal|"
    r"work|contact|home|mobile|business|office|council|private|main|best|preferred|legal|full|first|last|given|"
    r"family|middle|maiden|christian|sur|fore|line|managers?|manager s|supervisors?|supervisor s|alternative|"
    r"current|primary|secondary) )*"
)
_UNLESS_GIVEN = (
    r"(?: (?:optional|please|required|not required|to contact you|so we can contact you|"
    r"(?:if|so|in case) [a-z ]*|for (?:a |the )?(?:follow up|contact|contacting you|prize draw|feedback)))*"
)
_HEADING_FAMILIES = (
    ("email", r"(?:e ?mail|electronic mail)(?: (?:address|addr|id))?"),
    (
        "name",
        r"(?:name|names|surname|forename|forenames|given names?|initials|name and surname|first and last names?|"
        r"full name|first name|last name|family name)",
    ),
    (
        "phone",
        r"(?:(?:(?:tele)?phone|tel|telephone|mobile|mob|cell|cellphone)(?: (?:number|no|num))?|"
        r"contact (?:number|no|num|details|phone))",
    ),
    (
        "staff_number",
        r"(?:(?:employee|staff|payroll|personnel|worker|person|pay|hr|assignment|badge|employment) "
        r"(?:id|number|no|num|ref|reference|code))|(?:ni|nino|national insurance)(?: (?:number|no))?",
    ),
    (
        "username",
        r"(?:user ?name|user id|log ?in|log ?in (?:name|id)|network (?:id|login|name|username)|"
        r"windows (?:login|username)|account name)",
    ),
    ("postcode", r"(?:post ?code|postal code|zip(?: code)?)(?: (?:area|district))?"),
    ("date_of_birth", r"(?:date of birth|dob|d o b|birth ?date|birthday)"),
    ("address", r"(?:(?:home|postal|street|house|residential) )?address(?: line [0-9])?"),
    ("signature", r"(?:signature|signed|signed by)"),
)
_HEADINGS = tuple(
    (field, re.compile(f"{_ASKING}{_WHOSE}(?:{words}){_UNLESS_GIVEN}")) for field, words in _HEADING_FAMILIES
)


def identifying_heading(heading: str) -> str | None:
    """The kind of identifier a heading asks for ('email', 'name', 'phone', …), or None. The heading must be a label
    for one ('Your name', 'E-mail address (optional)', 'Staff number'), not a question that mentions one ('How often
    do you read work email at home?')."""
    key = normalise(heading)
    for field, pattern in _HEADINGS:
        if pattern.fullmatch(key):
            return field
    return None


# ---------------------------------------------------------------------------------------------- by content

# The share of a column's answers that must be identifiers of one kind: half for a pattern no other answer has
# (a whole answer that is an e-mail or IP address), more for one an answer could have by chance.
CLEAR_SHARE = 0.5
IDENTIFIER_SHARE = 0.6
NUMBER_SHARE = 0.8
NOT_AN_ANSWER = frozenset(
    {"anonymous", "n/a", "na", "none", "-", "prefer not to say", "not applicable", "no", "nil", "rather not say", "."}
)
_EMAIL = re.compile(r"[^@\s,;<>()]+@[^@\s,;<>()]+\.[A-Za-z]{2,}")
_UK_PHONE = re.compile(r"(?:\+44|0044|0)\d{9,10}")
_INTERNATIONAL_PHONE = re.compile(r"\+\d{10,14}")
_PHONE_PUNCTUATION = re.compile(r"[\s().\-]")
_POSTCODE = re.compile(r"[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}", re.IGNORECASE)
_STAFF_NUMBER = re.compile(r"[A-Z]{1,4}[-/ ]?[0-9]{4,10}[A-Z]?", re.IGNORECASE)
_LONG_NUMBER = re.compile(r"[0-9]{6,12}")
_NAME_WORD = re.compile(r"(?:[A-Z][a-z]*(?:['’\-][A-Za-z][a-z]*)*|[A-Z]{2,})\.?")
_PARTICLES = frozenset(
    {
        "van",
        "von",
        "de",
        "da",
        "di",
        "del",
        "der",
        "den",
        "la",
        "le",
        "bin",
        "binti",
        "al",
        "el",
        "du",
        "st",
        "ter",
        "ten",
    }
)
# Words after a given name that make a place or a team of it: 'Victoria House', 'Florence Street'.
_NOT_SURNAMES = frozenset(
    {
        "house",
        "street",
        "road",
        "centre",
        "center",
        "court",
        "team",
        "hall",
        "park",
        "lane",
        "way",
        "square",
        "place",
        "close",
        "station",
        "ward",
        "unit",
        "hub",
        "office",
        "building",
        "school",
        "college",
        "avenue",
        "drive",
        "gardens",
        "group",
        "service",
        "services",
        "project",
        "hospital",
        "day",
        "week",
        "month",
        "year",
        "locality",
        "area",
        "north",
        "south",
        "east",
        "west",
        "central",
    }
)


@dataclass(frozen=True)
class Identifying:
    """What a column holds that identifies people, and how that was seen."""

    field: str  # 'email', 'name', …: the name it is stored under when kept
    reason: str  # "" when the heading says so; else what its answers are, for the PSW


def given_names() -> frozenset[str]:
    """The list shipped in resources/given-names.txt (see its first lines for where it comes from). Read once for
    each file's columns, by whoever judges them."""
    text = (resources_dir() / "given-names.txt").read_text(encoding="utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


def _is_email(value: str) -> bool:
    return _EMAIL.fullmatch(value) is not None


def _is_phone(value: str) -> bool:
    digits = _PHONE_PUNCTUATION.sub("", value)
    return _UK_PHONE.fullmatch(digits) is not None or _INTERNATIONAL_PHONE.fullmatch(digits) is not None


def _is_postcode(value: str) -> bool:
    return _POSTCODE.fullmatch(value) is not None


def _is_ip_address(value: str) -> bool:
    try:
        ipaddress.ip_address(value)
    except ValueError:
        return False
    return True


def _is_staff_number(value: str) -> bool:
    """A code of letters and at least four figures (EMP00123, E-45213, AB123456C), or six figures or more."""
    return (_STAFF_NUMBER.fullmatch(value) is not None and not _is_postcode(value)) or _LONG_NUMBER.fullmatch(
        value
    ) is not None


def _is_full_name(value: str, names: frozenset[str]) -> bool:
    """Two to four capitalised words, the first a given name: 'Jo Bloggs', 'Mary-Ann O'Neill', 'Bloggs, Jo'."""
    if "," in value:
        surname, _, given = value.partition(",")
        value = f"{given.strip()} {surname.strip()}"
    words = value.split()
    if not 2 <= len(words) <= 4 or words[0].casefold() not in names:
        return False
    if words[-1].casefold() in _NOT_SURNAMES:
        return False
    return all(_NAME_WORD.fullmatch(word) is not None or word.casefold() in _PARTICLES for word in words)


def _is_given_name(value: str, names: frozenset[str]) -> bool:
    return " " not in value and value.casefold() in names and _NAME_WORD.fullmatch(value) is not None


# Kinds of identifier: the share of a column's answers that must be one, what the PSW is told, how many different
# answers there must be at least, and what share of its answers must differ. Each person has their own number or
# name: a few names or codes chosen again and again are the options of a question ('Which of these people…?').
# The name tests are also given the given names to look for.
_KINDS: tuple[tuple[str, Callable[..., bool], float, str, int, float], ...] = (
    ("email", _is_email, CLEAR_SHARE, "its answers are e-mail addresses", 1, 0.0),
    ("ip_address", _is_ip_address, CLEAR_SHARE, "its answers are IP addresses", 1, 0.0),
    ("phone", _is_phone, IDENTIFIER_SHARE, "its answers are phone numbers", 1, 0.0),
    ("postcode", _is_postcode, IDENTIFIER_SHARE, "its answers are postcodes", 1, 0.0),
    ("staff_number", _is_staff_number, NUMBER_SHARE, "its answers are staff or payroll numbers", 2, 0.9),
    ("name", _is_full_name, IDENTIFIER_SHARE, "its answers are people's names", 2, 0.7),
    ("first_name", _is_given_name, NUMBER_SHARE, "its answers are people's first names", 3, 0.7),
)


def identifying_values(values: Iterable[str], names: frozenset[str] | None = None) -> Identifying | None:
    """Whether a column's answers are identifiers of one kind: most of them, each whole. `names` are the given names
    (read from resources/ when not given)."""
    answers = [value.strip() for value in values]
    answers = [value for value in answers if value and value.casefold() not in NOT_AN_ANSWER]
    if not answers:
        return None
    distinct = set(answers)
    for field, is_one, share, reason, fewest_different, differing in _KINDS:
        if len(distinct) < fewest_different or len(distinct) < differing * len(answers):
            continue
        if field in ("name", "first_name"):
            names = given_names() if names is None else names
            is_one = partial(is_one, names=names)
        if _most_are(answers, is_one, share):
            return Identifying(field, reason)
    return None


def _most_are(answers: list[str], is_one: Callable[[str], bool], share: float) -> bool:
    """Whether at least `share` of the answers are of a kind, looked at only until too few are left to make it."""
    enough = share * len(answers)
    found, left = 0, len(answers)
    for value in answers:
        left -= 1
        if is_one(value):
            found += 1
        elif found + left < enough:
            return False
    return found >= enough


def identifying_column(
    heading: str, other_headings: Iterable[str], values: Iterable[str], names: frozenset[str] | None = None
) -> Identifying | None:
    """Whether a column identifies people: by its heading (or the other wordings of its heading, as a matrix's
    statement), else by its answers."""
    for text in (heading, *other_headings):
        field = identifying_heading(text)
        if field is not None:
            return Identifying(field, "")
    return identifying_values(values, names)
