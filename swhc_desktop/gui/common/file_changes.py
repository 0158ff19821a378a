"""What changed in the open file, as the main window tells every page: one signal after every change, import, undo
and redo, so that no page goes on showing what the file held before."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QWidget

from .undo import ChangeCommand


@dataclass(frozen=True)
class FileChange:
    """One change to the open file: what it was (as Undo names it, or "import responses"), and the widget it was
    made on, if known (that page shows its own change itself, so it is not asked to re-read the file again)."""

    what: str
    made_on: QWidget | None = None


def change_made_on_stack(stack: QUndoStack, before: int, after: int) -> FileChange | None:
    """The change that moved the undo stack from index `before` to `after`: the step done (a new change or a redo)
    or the step undone. None when nothing was made (the stack was cleared)."""
    if after == before or stack.count() == 0:
        return None
    index = after - 1 if after > before else after
    command = stack.command(index) if 0 <= index < stack.count() else None
    if command is None:
        return FileChange("a change")
    made_on = command.parent_widget if isinstance(command, ChangeCommand) else None
    return FileChange(command.text(), made_on)


def is_on(widget: QWidget | None, page: QWidget) -> bool:
    """Whether `widget` is `page` or sits in it (a dialog opened over the page counts as on it)."""
    try:
        while widget is not None:
            if widget is page:
                return True
            widget = widget.parentWidget()
    except RuntimeError:  # the widget (a dialog) was deleted since it made the change
        return False
    return False
