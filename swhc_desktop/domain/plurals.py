"""How a count reads to the user ('1 response', '3 responses', '1 person', '2 people'): the one place that decides
between singular and plural, so no screen, message or document ever says '1 statements'."""

from __future__ import annotations

# Nouns whose plural is not the singular with an 's'.
_IRREGULAR = {
    "person": "people",
    "batch": "batches",
    "match": "matches",
    "box": "boxes",
    "area for improvement": "areas for improvement",
    "reply": "replies",
    "copy": "copies",
    "strength": "strengths",
    "staff member": "staff members",
}


def plural(singular: str) -> str:
    """The plural of a noun the app counts: 'response' gives 'responses', 'person' 'people'."""
    return _IRREGULAR.get(singular, singular + "s")


def noun(count: int, singular: str, plural_form: str | None = None) -> str:
    """The noun alone as it agrees with `count`: 'statement' for 1, 'statements' for 0 or 2."""
    return singular if count == 1 else plural_form or plural(singular)


def counted(count: int, singular: str, plural_form: str | None = None) -> str:
    """'1 response', '1,200 responses', '0 people'."""
    return f"{count:,} {noun(count, singular, plural_form)}"


def agrees(count: int, singular_verb: str, plural_verb: str) -> str:
    """A verb whose subject is `count` things: agrees(1, 'counts', 'count') is 'counts'."""
    return singular_verb if count == 1 else plural_verb


def counted_of(part: int, whole: int, singular: str, plural_form: str | None = None) -> str:
    """'1 of 2 statements', '2 of 3 statements', and for a whole of one '1 of 1 statement'."""
    return f"{part:,} of {counted(whole, singular, plural_form)}"
