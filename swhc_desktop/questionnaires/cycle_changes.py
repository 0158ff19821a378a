"""Managing a cycle once it is made: its name, survey window and staff invited changed, or the cycle deleted (after a
backup), as changes the PSW can undo. The app and the command line make the same changes."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..domain.changes import make
from ..domain.plurals import counted
from ..domain.records import Cycle, CycleDetails, RemovedCycle
from ..storage import HealthCheckFile


@dataclass(frozen=True)
class ChangeCycleDetails:
    """A cycle renamed, or its survey window or staff invited changed; undoing it puts back what it was."""

    cycle_id: int
    details: CycleDetails
    description: str = "change the cycle's details"

    def apply(self, hc: HealthCheckFile) -> "ChangeCycleDetails":
        before = CycleDetails.of(hc.cycles.get(self.cycle_id))
        hc.cycles.change_details(self.cycle_id, self.details)
        return ChangeCycleDetails(self.cycle_id, before, self.description)


@dataclass(frozen=True)
class DeleteCycle:
    """A cycle deleted with its questionnaire, responses, findings and the actions raised in it; undoing it puts every
    row back with the same ids. Take a backup first (`back_up_before_deleting`)."""

    cycle_id: int
    description: str = "delete a cycle"

    def apply(self, hc: HealthCheckFile) -> "PutBackCycle":
        return PutBackCycle(hc.cycles.take_out(self.cycle_id), self.description)


@dataclass(frozen=True)
class PutBackCycle:
    removed: RemovedCycle
    description: str = "put back a cycle"

    def apply(self, hc: HealthCheckFile) -> DeleteCycle:
        hc.cycles.put_back(self.removed)
        return DeleteCycle(self.removed.cycle_id, self.description)


@dataclass(frozen=True)
class WhatDeletingRemoves:
    """What deleting a cycle takes with it, for the PSW to read before saying yes."""

    responses: int
    questions: int
    findings: int
    actions: int
    later_cycles: bool = False  # whose action plans carry on the actions raised in this one

    def lines(self) -> list[str]:
        said = [
            _counted(self.questions, "question"),
            _counted(self.responses, "response"),
            _counted(self.findings, "key finding"),
            _counted(self.actions, "action raised in it", "actions raised in it")
            + (" (they leave the action plans of later cycles too)" if self.actions and self.later_cycles else ""),
        ]
        return [line for line in said if line]


def what_deleting_removes(hc: HealthCheckFile, cycle: Cycle) -> WhatDeletingRemoves:
    names = [c.name for c in hc.cycles.all()]  # oldest first
    return WhatDeletingRemoves(
        responses=cycle.response_count,
        questions=cycle.question_count,
        findings=len(hc.findings.for_cycle(cycle.id)),
        actions=len(hc.actions.for_cycle(cycle.id)),
        later_cycles=names.index(cycle.name) < len(names) - 1,
    )


def back_up_before_deleting(hc: HealthCheckFile, cycle: Cycle) -> Path:
    """A backup of the whole file, taken before a cycle is deleted, so the deletion can be undone even after the file
    is closed (File > Restore from Backup…). Raises `SaveFailed` (nothing deleted) when no backup can be made."""
    return hc.backup(f"before deleting cycle {cycle.name}"[:80])


def delete_cycle(hc: HealthCheckFile, cycle: Cycle) -> tuple[PutBackCycle, Path]:
    """Back the file up, then delete the cycle: the change that undoes it, and where the backup is."""
    backup = back_up_before_deleting(hc, cycle)
    undo = make(hc, DeleteCycle(cycle.id))
    assert isinstance(undo, PutBackCycle)
    return undo, backup


def _counted(number: int, one: str, many: str | None = None) -> str:
    """A count of what goes with a cycle, or nothing when there is none of it."""
    return counted(number, one, many) if number else ""
