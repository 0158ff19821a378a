"""The Standards for employers of social workers in each edition (resources/standards.toml): their titles, what each
edition asks under them, and the questions filed under another Standard from an edition on."""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from ..paths import resources_dir
from .errors import InvalidInput

STANDARD_NUMBERS = tuple(range(1, 9))


@dataclass(frozen=True)
class Standard:
    number: int
    title: str
    short_name: str
    notes: str = ""  # what the edition asks under this Standard, as its sources say it
    sources: tuple[str, ...] = ()  # the sources' numbers, as in `Editions.sources`

    @property
    def label(self) -> str:
        """'Standard 4: Wellbeing'."""
        return f"Standard {self.number}: {self.title}"

    @property
    def short_label(self) -> str:
        """'4 · Wellbeing', for a narrow column."""
        return f"{self.number} · {self.short_name}"


@dataclass(frozen=True)
class StandardMove:
    """A question of the built-in templates filed under another Standard from an edition on."""

    question_code: str
    from_standard: int
    to_standard: int
    reason: str


@dataclass(frozen=True)
class Edition:
    id: str
    name: str
    year: int
    source: str
    standards: Mapping[int, Standard]
    moves: tuple[StandardMove, ...] = ()

    def standard(self, number: int) -> Standard:
        return self.standards[number]

    def title(self, number: int) -> str:
        return self.standards[number].title

    def label(self, number: int | None) -> str:
        return "No Standard" if number is None else self.standards[number].label

    def short_label(self, number: int | None) -> str:
        return "" if number is None else self.standards[number].short_label

    def titles(self) -> Mapping[int, str]:
        return MappingProxyType({number: s.title for number, s in self.standards.items()})


@dataclass(frozen=True)
class Editions:
    """Every edition, oldest first, with the latest named and the sources the notes cite."""

    by_id: Mapping[str, Edition]
    latest: str
    sources: Mapping[str, str]

    def __getitem__(self, edition_id: str) -> Edition:
        edition = self.by_id.get(edition_id)
        if edition is None:
            known = ", ".join(self.by_id)
            raise InvalidInput(
                f"'{edition_id}' is not an edition of the Standards for employers.", f"The editions are: {known}."
            )
        return edition

    def __contains__(self, edition_id: object) -> bool:
        return edition_id in self.by_id

    def ids(self) -> tuple[str, ...]:
        return tuple(self.by_id)

    def moves_between(self, older: str, newer: str) -> tuple[StandardMove, ...]:
        """The moves of every edition after `older` up to and including `newer`, in the order they happened; going
        back from a newer edition to an older one, the same moves undone, latest first."""
        ids = list(self.by_id)
        start, end = ids.index(older), ids.index(newer)
        if start <= end:
            return tuple(move for edition_id in ids[start + 1 : end + 1] for move in self.by_id[edition_id].moves)
        forward = self.moves_between(newer, older)
        return tuple(StandardMove(m.question_code, m.to_standard, m.from_standard, m.reason) for m in reversed(forward))


def _read(path: Any = None) -> Editions:
    with open(path or resources_dir() / "standards.toml", "rb") as handle:
        data = tomllib.load(handle)
    editions = {}
    for entry in data["editions"]:
        standards = {
            s["number"]: Standard(
                s["number"], s["title"], s["short_name"], s.get("notes", ""), tuple(s.get("sources", ()))
            )
            for s in entry["standards"]
        }
        if tuple(sorted(standards)) != STANDARD_NUMBERS:
            raise ValueError(f"The {entry['id']} edition of the Standards does not have Standards 1 to 8.")
        moves = tuple(StandardMove(m["question"], m["from"], m["to"], m["reason"]) for m in entry.get("moves", ()))
        editions[entry["id"]] = Edition(
            entry["id"], entry["name"], entry["year"], entry["source"], MappingProxyType(standards), moves
        )
    ordered = dict(sorted(editions.items(), key=lambda item: item[1].year))
    return Editions(MappingProxyType(ordered), data["latest"], MappingProxyType(dict(data.get("sources", {}))))


# Read once, when the app starts: the editions are shipped with the app and never change while it runs.
EDITIONS = _read()
LATEST_EDITION = EDITIONS.latest


def edition(edition_id: str | None = None) -> Edition:
    """An edition by its id; the latest when none is given."""
    return EDITIONS[edition_id or LATEST_EDITION]


def question_standard(standard_number: int | None, edition_id: str | None = None) -> Standard | None:
    """A question's Standard (its number as filed) in a cycle's edition; None for a question filed under none."""
    return None if standard_number is None else edition(edition_id).standard(standard_number)


def refiled_standard(question_code: str, standard_number: int | None, older: str, newer: str) -> int | None:
    """Where a question filed under `standard_number` in the `older` edition sits in the `newer` one (or, going back,
    in an older one): moved where an edition between says it moved (and only from the Standard it moved from), kept
    otherwise."""
    for move in EDITIONS.moves_between(older, newer):
        if move.question_code == question_code and move.from_standard == standard_number:
            standard_number = move.to_standard
    return standard_number
