"""Recognising responses an earlier import added, for tools that write no response id (Google Forms): by the time
each was submitted and its answers, so that a later export of the same form adds only the new responses.

Each response of such a file is given a fingerprint of its submission time (to the second, read the same whatever
form the export writes it in) and the answers in its row as written, kept as its response id. Two people who
submitted identical answers in the same second get the same fingerprint, so each occurrence is numbered in the order
of the file: the second is 'fp:…#2'. A later export, which holds every earlier response again, gives them the same
fingerprints and numbers, so that each of the two is recognised once and neither is lost or doubled: only a third
identical response would be new. Keeping the fingerprint rather than the time itself keeps nothing in the file that
the answers and the date of submission do not already say, except through the hash.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter

from .values import parse_date

FINGERPRINT_PREFIX = "fp:"
_TIME = re.compile(r"(?<!\d)(\d{1,2}):(\d{2})(?::(\d{2}))?(?:[.,]\d+)?\s*([AaPp]\.?[Mm]\.?)?")


def submission_time(text: str, day_first: bool) -> str:
    """A submission time in one form ('2024-05-13T16:40:00') whether written '13/05/2024 16:40:00', '2024-05-13
    16:40:00' (as a workbook holds it) or '5/13/2024 4:40:00 PM'; the text itself when it cannot be read."""
    cleaned = text.strip()
    date = parse_date(cleaned, day_first)
    if date is None:
        return cleaned
    found = _TIME.search(cleaned[8:]) or _TIME.search(cleaned)
    if found is None:
        return date.isoformat()
    hours, minutes, seconds = int(found[1]), int(found[2]), int(found[3] or 0)
    half = (found[4] or "").replace(".", "").lower()
    if half == "pm" and hours < 12:
        hours += 12
    elif half == "am" and hours == 12:
        hours = 0
    return f"{date.isoformat()}T{hours:02d}:{minutes:02d}:{seconds:02d}"


class Fingerprints:
    """The fingerprints of a file's responses, each numbered by how often it has occurred so far in the file."""

    def __init__(self, day_first: bool):
        self.day_first = day_first
        self.seen: Counter = Counter()
        self.made: set[str] = set()

    def response_id(self, submitted: str, answers: list[str]) -> str:
        text = "\x1f".join([submission_time(submitted, self.day_first), *(a.strip() for a in answers if a.strip())])
        digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:20]
        self.seen[digest] += 1
        occurrence = self.seen[digest]
        made = f"{FINGERPRINT_PREFIX}{digest}" + (f"#{occurrence}" if occurrence > 1 else "")
        self.made.add(made)
        return made
