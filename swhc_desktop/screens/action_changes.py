"""Changes to the action plan that the PSW can undo: actions added, changed and deleted, and progress updates added,
changed and removed."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..domain.errors import InvalidInput
from ..domain.records import Action, ActionDraft

if TYPE_CHECKING:
    from ..storage import HealthCheckFile


@dataclass(frozen=True)
class AddAction:
    cycle_id: int
    draft: ActionDraft
    description: str = "add an action"

    def apply(self, hc: "HealthCheckFile") -> "DeleteAction":
        return DeleteAction(hc.actions.add(self.cycle_id, self.draft), self.description)


@dataclass(frozen=True)
class DeleteAction:
    """Delete an action with its links and progress log; undoing it puts all of them back with the same ids."""

    action_id: int
    description: str = "delete an action"

    def apply(self, hc: "HealthCheckFile") -> "RestoreAction":
        return RestoreAction(hc.actions.delete(self.action_id), self.description)


@dataclass(frozen=True)
class RestoreAction:
    action: Action
    description: str = "restore an action"

    def apply(self, hc: "HealthCheckFile") -> DeleteAction:
        hc.actions.restore(self.action)
        return DeleteAction(self.action.id, self.description)


@dataclass(frozen=True)
class ChangeAction:
    action_id: int
    draft: ActionDraft
    description: str = "change an action"

    def apply(self, hc: "HealthCheckFile") -> "ChangeAction":
        before = hc.actions.get(self.action_id).draft
        hc.actions.update(self.action_id, self.draft)
        return ChangeAction(self.action_id, before, self.description)


@dataclass(frozen=True)
class AddProgressUpdate:
    """A dated progress note; with `update_id` and `author`, a removed note put back as it was."""

    action_id: int
    written_on: dt.date
    text: str
    author: str | None = None
    update_id: int | None = None
    description: str = "add progress update"

    def apply(self, hc: "HealthCheckFile") -> "RemoveProgressUpdate":
        update_id = hc.actions.add_update(
            self.action_id, self.written_on, self.text, self.author, update_id=self.update_id
        )
        return RemoveProgressUpdate(self.action_id, update_id, self.description)


@dataclass(frozen=True)
class RemoveProgressUpdate:
    action_id: int
    update_id: int
    description: str = "remove a progress update"

    def apply(self, hc: "HealthCheckFile") -> AddProgressUpdate:
        update = next((u for u in hc.actions.get(self.action_id).updates if u.id == self.update_id), None)
        if update is None:
            raise InvalidInput("That progress update is no longer in the file.")
        hc.actions.remove_update(self.update_id)
        return AddProgressUpdate(
            self.action_id, update.written_on, update.text, update.author, update.id, self.description
        )


@dataclass(frozen=True)
class ChangeProgressUpdate:
    """A progress note's date and words put right; undoing it puts back what they were."""

    action_id: int
    update_id: int
    written_on: dt.date
    text: str
    description: str = "change a progress update"

    def apply(self, hc: "HealthCheckFile") -> "ChangeProgressUpdate":
        before = next((u for u in hc.actions.get(self.action_id).updates if u.id == self.update_id), None)
        if before is None:
            raise InvalidInput("That progress update is no longer in the file.")
        hc.actions.change_update(self.update_id, self.written_on, self.text)
        return ChangeProgressUpdate(self.action_id, self.update_id, before.written_on, before.text, self.description)
