"""Undo and Redo (Ctrl+Z, Ctrl+Y) for every page: the core's invertible changes on the window's undo stack."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import QWidget

from ...domain.changes import Change, make
from ...domain.errors import SwhcError
from ...storage import HealthCheckFile
from .messages import show_problem

# Called after every undo and redo with the change that would reverse it, or None when it could not be made.
Refresh = Callable[[Change | None], None]
# Asked before every undo and redo: whether the change may be made now (a cycle is deleted or put back only once no
# work in the background is reading it). It tells the user why not when it says no.
Ready = Callable[[], bool]


def always_ready() -> bool:
    return True


class ChangeCommand(QUndoCommand):
    """A change already made once, on the undo stack. It is made before it is pushed (so a refused change never
    reaches the stack), so the stack's first call to redo() does nothing; after that, undo and redo each make the
    change that reverses the last one made.

    If undoing or redoing fails (the file became read-only, the network drive went away), the problem is shown, the
    page shows what the file really holds, and the command leaves the stack, because it no longer describes a change
    that can be made: the stack and the file never disagree, whatever went wrong.
    """

    def __init__(
        self,
        hc: HealthCheckFile,
        undo: Change,
        parent: QWidget,
        refresh: Refresh,
        text: str | None = None,
        ready: Ready = always_ready,
    ):
        super().__init__(undo.description if text is None else text)
        self.hc = hc
        self.pending = undo  # the change that reverses the last one made
        self.parent_widget = parent
        self.refresh = refresh
        self.ready = ready
        self.made_once = True

    def redo(self) -> None:
        if self.made_once:
            self.made_once = False
            return
        self._make_pending()

    def undo(self) -> None:
        self._make_pending()

    def _make_pending(self) -> None:
        if not self.ready():
            self.setObsolete(True)
            self.refresh(None)
            return
        try:
            self.pending = make(self.hc, self.pending)
        except SwhcError as problem:
            self.setObsolete(True)
            show_problem(self.parent_widget, problem)
            self.refresh(None)
            return
        except Exception:
            # A bug, not the user's doing: the change was rolled back whole, so the command leaves the stack here
            # too, and the error goes on to the crash handler.
            self.setObsolete(True)
            self.refresh(None)
            raise
        self.refresh(self.pending)


def make_undoable(
    stack: QUndoStack,
    hc: HealthCheckFile,
    change: Change,
    parent: QWidget,
    refresh: Refresh,
    text: str | None = None,
    ready: Ready = always_ready,
) -> Change:
    """Make a change now, as one transaction, and put it on the undo stack already made; returns the change that
    undoes it (which names what was added, such as the new action's id). A change the file refuses raises its
    `SwhcError` before anything reaches the stack, for the page to show. `ready` is asked before each later undo and
    redo (the caller asks it before this first making)."""
    undo = make(hc, change)
    stack.push(ChangeCommand(hc, undo, parent, refresh, change.description if text is None else text, ready))
    return undo
