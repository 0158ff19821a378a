"""Changes the PSW can undo, as invertible steps in the core: making one returns the change that undoes it exactly.

Every undoable change to a health-check file (an action added, a finding moved, a batch removed, a questionnaire
edited…) is a `Change`. Making it returns its inverse, built from what the file held at that moment (a deleted
action as it was, a theme's old name), so undo never has to guess, and undoing the inverse makes the change again
exactly (the same ids, the same places). The GUI puts changes on its undo stack through one adapter
(gui/common/undo.py); tests make them directly, without Qt.
"""

from __future__ import annotations

from typing import Any, Protocol


class Change(Protocol):
    @property
    def description(self) -> str:
        """What the PSW did, as Undo and Redo name it ("add a finding"); an inverse keeps the description of the
        step it undoes."""
        ...

    def apply(self, hc: Any) -> "Change":
        """Make the change to the open health-check file (typed loosely: the domain sits below storage), noting it
        in the audit log, and return the change that undoes it. Call it through `make`, which makes it one
        transaction."""
        ...


def make(hc: Any, change: Change) -> Change:
    """Make a change as one transaction, all of it saved or none, and return the change that undoes it. A change
    that cannot be made raises an `SwhcError` saying why, and leaves the file as it was."""
    with hc.transaction():
        return change.apply(hc)
