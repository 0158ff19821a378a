"""The designer's tree of sections and questions: numbered as printed, marked where there are problems, reordered
by dragging. A drop is turned into a request to move (the page saves it as an undoable edit), never a move of the
tree's own rows, so the tree always shows what the file holds."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QMimeData, QModelIndex, QObject, QPersistentModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QApplication, QStyle

from ...domain.plurals import counted
from ...domain.questionnaire import Problem, Questionnaire, question_standard_label
from ...domain.titles import question_titles
from ...domain.wording import follow_up_condition

ITEM_MIME_TYPE = "application/x-swhc-designer-item"
KEY_ROLE = Qt.ItemDataRole.UserRole + 1
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 2
COLUMNS = ("Question", "Code")


@dataclass(frozen=True)
class ItemKey:
    """A section (by its place) or a question (by its code), as the tree and the edits name them."""

    section_index: int | None = None
    question_code: str | None = None

    @property
    def is_question(self) -> bool:
        return self.question_code is not None

    def encode(self) -> str:
        return f"question:{self.question_code}" if self.is_question else f"section:{self.section_index}"

    @classmethod
    def decode(cls, text: str) -> ItemKey | None:
        kind, _, value = text.partition(":")
        if kind == "question" and value:
            return cls(question_code=value)
        if kind == "section" and value.isdigit():
            return cls(section_index=int(value))
        return None


@dataclass(frozen=True)
class DropTarget:
    """Where a dragged item was dropped: before `position` in section `section_index` (for a question), or at
    section place `section_index` (for a section)."""

    section_index: int
    position: int | None


class QuestionTreeModel(QStandardItemModel):
    """Sections with their questions. Dropping asks to move (`move_requested`) instead of moving rows."""

    move_requested = Signal(object, object)  # ItemKey, DropTarget

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.setHorizontalHeaderLabels(list(COLUMNS))

    def show(self, questionnaire: Questionnaire, problems: list[Problem]) -> None:
        self.removeRows(0, self.rowCount())
        numbers = questionnaire.numbering()
        titles = question_titles(questionnaire.questions())  # a matrix's statements told apart, not cut alike
        standards = questionnaire.standards  # the cycle's edition: a 2020 cycle's questions under 2020's titles
        bold = QFont()
        bold.setBold(True)
        style = QApplication.style()
        error_icon = style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical)
        warning_icon = style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        icons = {
            "Error": error_icon,
            "Check": warning_icon,
            "Note": style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxInformation),
        }
        by_question: dict[str, list[Problem]] = {}
        by_section: dict[int, list[Problem]] = {}
        for problem in problems:
            if problem.question_code:
                by_question.setdefault(problem.question_code, []).append(problem)
            elif problem.section_index is not None:
                by_section.setdefault(problem.section_index, []).append(problem)
        for section_index, section in enumerate(questionnaire.sections):
            count = len(section.questions)
            title = section.title.strip() or "(no title)"
            section_item = self._item(
                f"{title} ({counted(count, 'question')})",
                ItemKey(section_index=section_index),
                section.intro or section.title,
            )
            section_item.setFont(bold)
            section_item.setFlags(section_item.flags() | Qt.ItemFlag.ItemIsDropEnabled)
            self._mark(section_item, by_section.get(section_index, []), icons)
            filler = [self._item("", ItemKey(section_index=section_index)) for _ in COLUMNS[1:]]
            self.appendRow([section_item, *filler])
            for question in section.questions:
                key = ItemKey(section_index=section_index, question_code=question.code)
                condition = follow_up_condition(question, questionnaire, numbers)
                label = f"{numbers[question.code]}. {titles[question.code]}"
                tooltip = question.text + (f"\n{condition}" if condition else "")
                search = " ".join([label, question.code, condition] + [o.label for o in question.options])
                tooltip += f"\n{question_standard_label(question.standard, standards.id)}"
                row = [self._item(label, key, tooltip, search), self._item(question.code, key, tooltip, search)]
                self._mark(row[0], by_question.get(question.code, []), icons)
                section_item.appendRow(row)

    @staticmethod
    def _item(text: str, key: ItemKey, tooltip: str = "", search: str = "") -> QStandardItem:
        item = QStandardItem(text)
        item.setEditable(False)
        item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled)
        item.setData(key, KEY_ROLE)
        item.setData(search or text, SEARCH_ROLE)
        if tooltip:
            item.setToolTip(tooltip)
        return item

    @staticmethod
    def _mark(item: QStandardItem, problems: list[Problem], icons: dict) -> None:
        """The icon of the most serious problem (an error, a thing to check, a note); the problems in the tooltip."""
        if not problems:
            return
        worst = min(problems, key=lambda p: (not p.is_error, p.is_note))
        item.setIcon(icons[worst.kind])
        said = "\n".join(f"{p.kind}: {p.message}" for p in problems)
        item.setToolTip(f"{item.toolTip()}\n\n{said}" if item.toolTip() else said)  # the whole wording, then these

    def index_of(self, key: ItemKey) -> QModelIndex:
        for section_row in range(self.rowCount()):
            section_index = self.index(section_row, 0)
            if not key.is_question and section_index.data(KEY_ROLE) == ItemKey(section_index=key.section_index):
                return section_index
            for row in range(self.rowCount(section_index)):
                index = self.index(row, 0, section_index)
                if key.is_question and index.data(KEY_ROLE).question_code == key.question_code:
                    return index
        return QModelIndex()

    # ------------------------------------------------------------------ dragging

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [ITEM_MIME_TYPE]

    def mimeData(self, indexes) -> QMimeData:
        data = QMimeData()
        keys = [i.data(KEY_ROLE) for i in indexes if i.isValid() and i.column() == 0]
        if keys:
            data.setData(ITEM_MIME_TYPE, keys[0].encode().encode("utf-8"))
        return data

    def canDropMimeData(self, data, action, row, column, parent) -> bool:
        return data.hasFormat(ITEM_MIME_TYPE)

    def dropMimeData(self, data, action, row, column, parent) -> bool:
        if not data.hasFormat(ITEM_MIME_TYPE):
            return False
        key = ItemKey.decode(bytes(data.data(ITEM_MIME_TYPE)).decode("utf-8"))
        if key is None:
            return False
        target = self.drop_target(key, row, QPersistentModelIndex(parent))
        if target is not None:
            # The tree is rebuilt once the move is saved; not while Qt is still finishing the drag.
            QTimer.singleShot(0, lambda: self.move_requested.emit(key, target))
        return False  # the rows themselves never move: the saved questionnaire is shown again instead

    def drop_target(self, key: ItemKey, row: int, parent: QPersistentModelIndex) -> DropTarget | None:
        parent_key = parent.data(KEY_ROLE) if parent.isValid() else None
        sections = self.rowCount()
        if key.is_question:
            if parent_key is None:  # between sections: the end of the section above, or the start of the first
                if row <= 0:
                    return DropTarget(0, 0)
                above = min(row, sections) - 1
                return DropTarget(above, self.rowCount(self.index(above, 0)))
            section = parent_key.section_index
            if parent_key.is_question:  # on a question: just before it
                return DropTarget(section, parent.row())
            return DropTarget(section, self.rowCount(self.index(section, 0)) if row < 0 else row)
        if parent_key is not None:  # a section dropped inside a section goes to that section's place
            return DropTarget(parent_key.section_index, None)
        return DropTarget(sections if row < 0 else row, None)
