"""The national Standards scores of one service and year, as the PSW types them from the LGA's report, changed as one
step the PSW can undo: undoing it puts back each score exactly as it was kept, or takes it away if there was none."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..domain.errors import InvalidInput
from ..domain.plurals import counted
from ..domain.records import Service
from ..domain.standards import EDITIONS, STANDARD_NUMBERS, Edition
from .benchmarks import (
    NATIONAL_SCORES_KEY,
    NationalScore,
    check_national_score,
    national_scores,
    remove_national_score,
    save_national_score,
)

if TYPE_CHECKING:
    from ..storage import HealthCheckFile


@dataclass(frozen=True)
class PutNationalScores:
    """Each Standard's national score of a service and year as it is to be kept; None takes one away."""

    service: Service
    year: int
    scores: tuple[tuple[int, NationalScore | None], ...]  # (Standard, its score or None)
    description: str = "change the national Standards scores"
    none_kept_before: bool = False  # set on an undo: the file kept no national scores at all before the change

    def apply(self, hc: HealthCheckFile) -> PutNationalScores:
        for standard, score in self.scores:
            if score is not None and (score.service, score.year, score.standard) != (self.service, self.year, standard):
                raise InvalidInput(f"The national score given for Standard {standard} is of another Standard or year.")
            if score is not None:
                check_national_score(score)  # every score is checked before any is kept
        none_kept = hc.settings.get(NATIONAL_SCORES_KEY) is None
        kept = {s.standard: s for s in national_scores(hc) if (s.service, s.year) == (self.service, self.year)}
        before = tuple((standard, kept.get(standard)) for standard, _ in self.scores)
        for standard, score in self.scores:
            if score == kept.get(standard):
                continue  # the audit log notes what changed, not what was typed again
            if score is None:
                remove_national_score(hc, self.service, self.year, standard)
            else:
                save_national_score(hc, score)
        if self.none_kept_before and not national_scores(hc):
            # Undone back to a file that never kept any: no empty list left behind, the file exactly as it was.
            hc.settings.remove(NATIONAL_SCORES_KEY, "Removed the national Standards scores")
        return PutNationalScores(self.service, self.year, before, self.description, none_kept)


def put_national_scores(
    service: Service, year: int, scores: Mapping[int, float | None], source: str
) -> PutNationalScores:
    """The change that keeps exactly these national scores of the service and year, from one source: a Standard
    given None, or not given, has its score taken away."""
    unknown = sorted(set(scores) - set(STANDARD_NUMBERS))
    if unknown:
        raise InvalidInput(f"There is no Standard {unknown[0]}.", "The Standards are numbered 1 to 8.")
    service = Service(service)
    wanted: list[tuple[int, NationalScore | None]] = []
    for standard in STANDARD_NUMBERS:
        value = scores.get(standard)
        wanted.append(
            (standard, None if value is None else NationalScore(service, year, standard, float(value), source.strip()))
        )
    typed = sum(score is not None for _, score in wanted)
    what = f"the national scores of {counted(typed, 'Standard')}" if typed else "the national scores"
    verb = "enter" if typed else "remove"
    return PutNationalScores(service, year, tuple(wanted), f"{verb} {what} for {service.label.lower()}, {year}")


SOURCE = None  # the key of a problem with the source, among the Standards' problems


def parse_national_score(text: str) -> float | None:
    """A score as typed ('72', '72.5'); None when the box is empty. Anything else is refused in words."""
    cleaned = text.strip()
    if not cleaned:
        return None
    try:
        value = float(cleaned)
    except ValueError:
        value = math.nan
    if not math.isfinite(value):
        raise InvalidInput(f"'{cleaned}' is not a number.", "Type the score out of 100, such as 72, or leave it empty.")
    return value


def typed_national_scores(
    service: Service, year: int, texts: Mapping[int, str], source: str
) -> tuple[dict[int, float | None], dict[int | None, str]]:
    """The scores of the Standards as typed, and what is wrong with them, each problem said as the check of a
    national score says it, keyed by its Standard (or `SOURCE` for the source); nothing to keep while any is wrong."""
    values: dict[int, float | None] = {}
    problems: dict[int | None, str] = {}
    for standard, text in texts.items():
        try:
            value = values[standard] = parse_national_score(text)
            if value is not None:
                check_national_score(NationalScore(service, year, standard, value, "typed"))
        except InvalidInput as problem:
            problems[standard] = str(problem)
    typed = [value for value in values.values() if value is not None]
    if typed and not source.strip():
        try:
            check_national_score(NationalScore(service, year, 1, typed[0], source))
        except InvalidInput as problem:
            problems[SOURCE] = str(problem)
    return values, problems


def standards_of_year(year: int) -> Edition:
    """The edition of the Standards a year's national report speaks of: the latest published by then (a 2023 report
    speaks of the 2020 Standards, a 2025 one of the revision); the oldest for a year before them all."""
    published = [EDITIONS[edition_id] for edition_id in EDITIONS.ids() if EDITIONS[edition_id].year <= year]
    return published[-1] if published else EDITIONS[EDITIONS.ids()[0]]
