"""The Standards scores dialog: for the cycle's questionnaire, each Standard of the cycle's edition with the agreement
statements filed under it, ticked where they feed its score; each tick or untick is saved at once as one undoable
edit (Ctrl+Z undoes it, here or on the page)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QUndoStack
from PySide6.QtWidgets import QDialog, QHeaderView, QTreeWidgetItem, QWidget

from ...domain.plurals import agrees, counted, counted_of
from ...domain.questionnaire import Questionnaire
from ...domain.records import Cycle
from ...questionnaires.standard_statements import candidate_statements, statements_of
from ..common.forms import load_form

CODE_ROLE = Qt.ItemDataRole.UserRole + 1

# What the dialog lists, (Standard, its label, ((code, statement as listed), …)) for each Standard: to tell an undo
# that changed the questionnaire itself (past the dialog's own ticks) from one that changed only the ticks.
Layout = tuple[tuple[int, str, tuple[tuple[str, str], ...]], ...]


def _layout(questionnaire: Questionnaire) -> Layout:
    numbers = questionnaire.numbering()
    return tuple(
        (
            number,
            standard.label,
            tuple(
                (code, f"{numbers[code]}. {questionnaire.question(code).text}")
                for code in candidate_statements(questionnaire, number)
            ),
        )
        for number, standard in questionnaire.standards.standards.items()
    )


class StandardStatementsDialog(QDialog):
    """`questionnaire()` gives the questionnaire as the file now holds it; `switch(code, counts)` saves a tick."""

    def __init__(
        self,
        questionnaire: Callable[[], Questionnaire | None],
        switch: Callable[[str, bool], None],
        cycle: Cycle,
        read_only: bool,
        undo_stack: QUndoStack,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        load_form("standard_statements_dialog", self)
        self.questionnaire, self.switch, self.cycle, self.read_only = questionnaire, switch, cycle, read_only
        self.layout_shown: Layout = ()
        self._filling = False
        self.setWindowTitle(f"Standards scores, {cycle.name}")
        self.buttonBox.rejected.connect(self.reject)
        header = self.statementsTree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.statementsTree.itemChanged.connect(self._item_changed)
        # The window's Undo and Redo, so that Ctrl+Z undoes a tick while the dialog is open.
        undo, redo = undo_stack.createUndoAction(self, "&Undo"), undo_stack.createRedoAction(self, "&Redo")
        undo.setShortcuts(QKeySequence.StandardKey.Undo)
        redo.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
        self.addActions([undo, redo])
        self.undo_action, self.redo_action = undo, redo
        self.undo_stack = undo_stack
        undo_stack.indexChanged.connect(self._stack_changed)
        self._explain()
        self.refresh()

    def _explain(self) -> None:
        count = self.cycle.response_count
        self.statementsHelpLabel.setText(
            "A Standard's score out of 100 is the mean of the agreement statements that count towards it, as the "
            "national health check scores them. Tick the statements that count; only agreement statements filed "
            "under a Standard can."
        )
        saved = "Each tick is saved at once; Ctrl+Z undoes it."
        if self.read_only:
            note = "The file is read-only: the statements are shown, but cannot be changed."
        elif count:
            note = (
                f"{self.cycle.name} has {counted(count, 'response')}: a change here changes its "
                f"scores at once (no answer changes). {saved}"
            )
        else:
            note = saved
        self.statementsNoteLabel.setText(note)

    def _stack_changed(self, _index: int) -> None:
        self.refresh()

    def done(self, result: int) -> None:
        self.undo_stack.indexChanged.disconnect(self._stack_changed)  # closed: later undos are the page's alone
        super().done(result)

    def refresh(self) -> None:
        """Show the ticks as the file holds them (after a tick, an undo or a redo)."""
        questionnaire = self.questionnaire()
        if questionnaire is None:
            self.reject()  # the cycle has gone from under the dialog (the file was closed)
            return
        layout = _layout(questionnaire)
        self._filling = True
        try:
            if layout != self.layout_shown:
                self._build(layout)
            self._show_ticks(questionnaire)
        finally:
            self._filling = False

    def _build(self, layout: Layout) -> None:
        tree = self.statementsTree
        tree.clear()
        checkable = Qt.ItemFlag.NoItemFlags if self.read_only else Qt.ItemFlag.ItemIsUserCheckable
        for _number, label, statements in layout:
            top = QTreeWidgetItem(tree, [label, ""])
            top.setData(0, CODE_ROLE, None)
            top.setFlags(Qt.ItemFlag.ItemIsEnabled)
            font = top.font(0)
            font.setBold(True)
            top.setFont(0, font)
            for code, text in statements:
                item = QTreeWidgetItem(top, [text, code])
                item.setData(0, CODE_ROLE, code)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | checkable)
                item.setToolTip(0, text)
        tree.expandAll()
        self.layout_shown = layout

    def _show_ticks(self, questionnaire: Questionnaire) -> None:
        tree = self.statementsTree
        for row, (number, label, statements) in enumerate(self.layout_shown):
            top = tree.topLevelItem(row)
            feeding = set(statements_of(questionnaire, number))
            if statements:
                count = sum(code in feeding for code, _ in statements)
                top.setText(
                    0, f"{label} ({counted_of(count, len(statements), 'statement')} {agrees(count, 'counts', 'count')})"
                )
            else:
                top.setText(0, f"{label} (no agreement statements, so no score)")
            for child in range(top.childCount()):
                item = top.child(child)
                ticked = item.data(0, CODE_ROLE) in feeding
                item.setCheckState(0, Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)

    def _item_changed(self, item: QTreeWidgetItem, column: int) -> None:
        code = item.data(0, CODE_ROLE)
        if self._filling or column != 0 or code is None:
            return
        self.switch(code, item.checkState(0) == Qt.CheckState.Checked)
        self.refresh()  # a refused tick is taken back; an accepted one changes the count

    def statement_item(self, code: str) -> QTreeWidgetItem:
        """The row of a statement (for the tests, which click it as a user does)."""
        found = self.statementsTree.findItems(code, Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive, 1)
        return found[0]
