"""Changes to a cycle's key findings that the PSW can undo: findings written, changed, deleted and reordered, and
suggested findings dismissed or brought back."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..domain.records import DeletedFinding, FindingKind

if TYPE_CHECKING:
    from ..storage import HealthCheckFile


@dataclass(frozen=True)
class AddFinding:
    """A finding added at the end of its kind's list (with `suggestion_key` when it is a suggestion accepted)."""

    cycle_id: int
    kind: FindingKind
    text: str
    question_codes: tuple[str, ...] = ()
    indicator_keys: tuple[str, ...] = ()
    suggestion_key: str | None = None
    description: str = "add a finding"

    def apply(self, hc: "HealthCheckFile") -> "DeleteFinding":
        finding_id = hc.findings.add(
            self.cycle_id,
            self.kind,
            self.text,
            self.question_codes,
            self.indicator_keys,
            suggestion_key=self.suggestion_key,
        )
        return DeleteFinding(finding_id, self.description)


@dataclass(frozen=True)
class DeleteFinding:
    """Delete a finding; undoing it puts it back with its id, place, evidence and the actions' links to it."""

    finding_id: int
    description: str = "delete a finding"

    def apply(self, hc: "HealthCheckFile") -> "RestoreFinding":
        return RestoreFinding(hc.findings.delete(self.finding_id), self.description)


@dataclass(frozen=True)
class RestoreFinding:
    deleted: DeletedFinding
    description: str = "restore a finding"

    def apply(self, hc: "HealthCheckFile") -> DeleteFinding:
        hc.findings.restore(self.deleted)
        return DeleteFinding(self.deleted.finding.id, self.description)


@dataclass(frozen=True)
class ChangeFinding:
    """What a finding says, whether it is a strength, and what it rests on (its place is kept)."""

    finding_id: int
    kind: FindingKind
    text: str
    question_codes: tuple[str, ...] = ()
    indicator_keys: tuple[str, ...] = ()
    description: str = "change a finding"

    def apply(self, hc: "HealthCheckFile") -> "ChangeFinding":
        before = hc.findings.get(self.finding_id)
        hc.findings.update(self.finding_id, self.kind, self.text, self.question_codes, self.indicator_keys)
        return ChangeFinding(
            self.finding_id, before.kind, before.text, before.question_codes, before.indicator_keys, self.description
        )


@dataclass(frozen=True)
class MoveFinding:
    """Move a finding up (step -1) or down (+1) among those of its kind; at that end already, nothing moves."""

    finding_id: int
    step: int
    description: str = "move a finding"

    def apply(self, hc: "HealthCheckFile") -> "PlaceFindings":
        before = _places(hc, hc.findings.get(self.finding_id).cycle_id)
        hc.findings.move(self.finding_id, self.step)
        return PlaceFindings(before, self.description)


@dataclass(frozen=True)
class PlaceFindings:
    """Findings put back at the places they had (a move renumbers the whole list, so undoing it restores every
    place rather than moving one finding back)."""

    places: tuple[tuple[int, int], ...]  # (finding id, position)
    description: str = "move a finding"

    def apply(self, hc: "HealthCheckFile") -> "PlaceFindings":
        before = tuple((f.id, f.position) for f in hc.findings.by_ids([finding_id for finding_id, _ in self.places]))
        hc.findings.set_positions(dict(self.places), self.description)
        return PlaceFindings(before, self.description)


def _places(hc: "HealthCheckFile", cycle_id: int) -> tuple[tuple[int, int], ...]:
    return tuple((f.id, f.position) for f in hc.findings.for_cycle(cycle_id))


@dataclass(frozen=True)
class DismissSuggestion:
    """Stop suggesting a finding for a cycle (`dismissed=False`: suggest it again); undoing it puts back whichever
    it was."""

    cycle_id: int
    suggestion_key: str
    about: str = ""  # the suggestion's words, for the audit log
    dismissed: bool = True
    description: str = "dismiss a suggested finding"

    def apply(self, hc: "HealthCheckFile") -> "DismissSuggestion":
        was = self.suggestion_key in hc.findings.dismissed(self.cycle_id)
        if self.dismissed:
            hc.findings.dismiss(self.cycle_id, self.suggestion_key, self.about)
        else:
            hc.findings.bring_back(self.cycle_id, self.suggestion_key, self.about)
        return DismissSuggestion(self.cycle_id, self.suggestion_key, self.about, was, self.description)
