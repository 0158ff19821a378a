"""The Action plan's table: one row an action, sortable by what each column means, and the filters over it."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QWidget

from ...analysis.evidence import Effect
from ...domain.questionnaire import standard_label, standard_short_label
from ...domain.records import Action, ActionStatus, Rag
from ...domain.ukdates import format_uk_date
from ...screens.action_plan import effect_summary, status_text
from ...screens.figure_words import CHANGE
from ..common.long_text import whole_text_tooltip

COLUMNS = ("Standard", "Action", "Owner", "Due", "Status", "RAG", "Latest update", "Effect", "Raised in")
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ACTION_ROLE = Qt.ItemDataRole.UserRole + 2
RAG_FILL = {Rag.RED: "#f4c7c3", Rag.AMBER: "#fce8b2", Rag.GREEN: "#b7e1cd"}
RAG_ORDER = {Rag.RED: 0, Rag.AMBER: 1, Rag.GREEN: 2, None: 3}
STATUS_ORDER = {s: n for n, s in enumerate(ActionStatus)}
OVERDUE_TEXT = QColor("#a4262c")


class ActionTableModel(QAbstractTableModel):
    """The plan's actions as rows; RAG and overdue are worked out against `today`, never stored."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.actions: list[Action] = []
        self.cycle_names: dict[int, str] = {}
        self.today = dt.date.today()
        self.effects: dict[int, tuple[Effect, ...]] = {}  # worked out in the background, shown when ready
        self.standards_edition: str | None = None  # the shown cycle's edition, whose titles name the Standards

    def set_effects(self, effects: dict[int, tuple[Effect, ...]]) -> None:
        self.effects = effects
        column = COLUMNS.index("Effect")
        if self.actions:
            self.dataChanged.emit(self.index(0, column), self.index(len(self.actions) - 1, column))

    def set_actions(
        self,
        actions: list[Action],
        cycle_names: dict[int, str],
        today: dt.date,
        standards_edition: str | None = None,
    ) -> None:
        """Show a cycle's plan, its Standards named in the cycle's edition (the latest when none is given)."""
        self.beginResetModel()
        self.actions, self.cycle_names, self.today = actions, cycle_names, today
        self.standards_edition = standards_edition
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.actions)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        action = self.actions[index.row()]
        column = COLUMNS[index.column()]
        if role == ACTION_ROLE:
            return action
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(action, column)
        if role == SORT_ROLE:
            return self._sort_key(action, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == "Standard":
                return standard_label(action.standard, self.standards_edition)
            if column == "Effect":
                effects = "\n".join(e.text() for e in self.effects.get(action.id, ()))
                return f"{effects}\n\n{CHANGE.meaning}" if effects else None
            return whole_text_tooltip(self._text(action, column))
        overdue = action.is_overdue(self.today)
        rag = action.effective_rag(self.today)
        if role == Qt.ItemDataRole.BackgroundRole and column == "RAG" and rag is not None:
            return QBrush(QColor(RAG_FILL[rag]))
        if role == Qt.ItemDataRole.ForegroundRole and overdue and column in ("Action", "Due"):
            return QBrush(OVERDUE_TEXT)
        if role == Qt.ItemDataRole.FontRole and overdue and column in ("Action", "Due", "RAG"):
            font = QFont()
            font.setBold(True)
            return font
        return None

    def _text(self, action: Action, column: str) -> str:
        if column == "Standard":
            return standard_short_label(action.standard, self.standards_edition)
        if column == "Action":
            return action.title
        if column == "Owner":
            return action.owner
        if column == "Due":
            due = format_uk_date(action.due_on)
            return f"{due} (overdue)" if action.is_overdue(self.today) else due
        if column == "Status":
            return status_text(action)
        if column == "RAG":
            rag = action.effective_rag(self.today)
            return rag.value.capitalize() if rag else "Not set"
        if column == "Latest update":
            latest = action.latest_update
            return f"{format_uk_date(latest.written_on)}: {latest.text}" if latest else ""
        if column == "Effect":
            return effect_summary(self.effects.get(action.id, ()))
        return self.cycle_names.get(action.raised_in_cycle_id, "")

    def _sort_key(self, action: Action, column: str) -> Any:
        if column == "Standard":
            return action.standard * 100000 + action.id
        if column == "Due":
            return action.due_on.isoformat() if action.due_on else "9999"
        if column == "Status":
            return STATUS_ORDER[action.status]
        if column == "RAG":
            return RAG_ORDER[action.effective_rag(self.today)]
        if column == "Latest update":
            return action.latest_update.written_on.isoformat() if action.latest_update else ""
        return self._text(action, column).casefold()


ANY = "any"
OPEN = "open"


class ActionFilter(QSortFilterProxyModel):
    """Filters by Standard, owner, status, overdue and words, and sorts on each column's own key."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self.standard: int | None = None
        self.owner: str | None = None
        self.status: str = ANY
        self.overdue_only = False
        self.words = ""

    def set_filter(self, **changes: Any) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt 6.10 and later; invalidateFilter() is deprecated there
            self.beginFilterChange()
            for key, value in changes.items():
                setattr(self, key, value)
            self.endFilterChange()
        else:
            for key, value in changes.items():
                setattr(self, key, value)
            self.invalidateFilter()

    def filterAcceptsRow(self, row: int, parent: QModelIndex | QPersistentModelIndex) -> bool:
        model = cast(ActionTableModel, self.sourceModel())
        action = model.actions[row]
        if self.standard is not None and action.standard != self.standard:
            return False
        if self.owner is not None and action.owner != self.owner:
            return False
        if self.status == OPEN and not action.is_open():
            return False
        if self.status not in (ANY, OPEN) and action.status.value != self.status:
            return False
        if self.overdue_only and not action.is_overdue(model.today):
            return False
        words = self.words.casefold().strip()
        if words:
            haystack = " ".join((action.title, action.description, action.owner)).casefold()
            return all(word in haystack for word in words.split())
        return True
