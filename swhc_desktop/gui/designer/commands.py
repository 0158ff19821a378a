"""Questionnaire edits on the window's undo stack: Ctrl+Z undoes the last saved edit, Ctrl+Y saves it again."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from ...domain.errors import SwhcError
from ...questionnaires.edits import Edit, Focus, apply_edit
from ...storage import HealthCheckFile


class EditCommand(QUndoCommand):
    """One saved edit. It is saved before it is pushed (so a refused edit never reaches the stack); the stack's
    first call to redo() is then only a formality.

    If undoing or redoing fails (the file became read-only, the network drive went away), the user is told, the
    designer shows what the file really holds, and the command leaves the stack, because it no longer describes
    a change that can be made.
    """

    def __init__(
        self,
        hc: HealthCheckFile,
        cycle_id: int,
        edit: Edit,
        done: Callable[[Focus], None],
        failed: Callable[[SwhcError], None],
    ):
        super().__init__(edit.description)
        self.hc = hc
        self.cycle_id = cycle_id
        self.edit = edit
        self.done = done
        self.failed = failed
        self._saved_already = True

    def redo(self) -> None:
        if self._saved_already:
            self._saved_already = False
            return
        self._run(self.edit, undoing=False)

    def undo(self) -> None:
        self._run(self.edit.inverse(), undoing=True)

    def _run(self, edit: Edit, undoing: bool) -> None:
        try:
            focus = apply_edit(self.hc, self.cycle_id, edit, undoing=undoing)
        except SwhcError as problem:
            self.setObsolete(True)
            self.failed(problem)
            return
        self.done(focus)
