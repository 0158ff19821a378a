"""Comments: every open answer, searchable; the PSW's themes and tags (undoable);
theme counts as a table and a chart."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QDialog,
    QHeaderView,
    QListWidgetItem,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...analysis.comments import Comment, ThemeTable, matches, theme_table
from ...analysis.frequencies import whole_percent
from ...domain.changes import Change
from ...domain.errors import SwhcError
from ...domain.records import Theme
from ...screens.comment_changes import AddTheme, RemoveTheme, RenameTheme, TagComments
from ...storage import HealthCheckFile
from ..common.chart_view import ChartView
from ..common.forms import load_form
from ..common.messages import show_problem
from ..common.undo import make_undoable
from ..common.unsaved import ask_for_text

KEY_ROLE = Qt.ItemDataRole.UserRole + 1


class CommentsView(QWidget):
    changed = Signal()  # themes or tags changed: the page reloads the comments

    def __init__(self, undo_stack: QUndoStack, parent: QWidget | None = None):
        super().__init__(parent)
        load_form("comments_view", self)
        self.undo_stack = undo_stack
        self.hc: HealthCheckFile | None = None
        self.comments: list[Comment] = []
        self.themes: list[Theme] = []
        self.commentTable.setColumnCount(4)
        self.commentTable.setHorizontalHeaderLabels(["Question", "Team", "Comment", "Themes"])
        header = self.commentTable.horizontalHeader()
        for column, width in ((0, 150), (1, 150), (3, 130)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.commentQuestionCombo.setSizeAdjustPolicy(self.commentQuestionCombo.SizeAdjustPolicy.AdjustToContents)
        self.commentTable.verticalHeader().setVisible(False)
        self.themeTable.setColumnCount(3)
        self.themeTable.setHorizontalHeaderLabels(["Theme", "Number", "Per cent"])
        self.themeTable.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.themeTable.verticalHeader().setVisible(False)
        self.commentsSplitter.setSizes([680, 320])
        self.searchEdit.textChanged.connect(self._fill_comments)
        self.commentQuestionCombo.currentIndexChanged.connect(self._fill_comments)
        self.commentTable.itemSelectionChanged.connect(self._fill_theme_ticks)
        self.themeList.itemChanged.connect(self._theme_ticked)
        self.addThemeButton.clicked.connect(self.add_theme)
        self.renameThemeButton.clicked.connect(self.rename_theme)
        self.removeThemeButton.clicked.connect(self.remove_theme)
        self.themeChartButton.clicked.connect(self.show_theme_chart)

    # ------------------------------------------------------------------ showing

    def show_comments(
        self, hc: HealthCheckFile | None, comments: list[Comment], themes: list[Theme], note: str
    ) -> None:
        self.hc, self.comments, self.themes = hc, comments, themes
        editable = hc is not None and not hc.read_only
        for button in (self.addThemeButton, self.renameThemeButton, self.removeThemeButton):
            button.setEnabled(editable)
        self.commentsNote.setText(note)
        current = self.commentQuestionCombo.currentData()
        self.commentQuestionCombo.blockSignals(True)
        self.commentQuestionCombo.clear()
        self.commentQuestionCombo.addItem("All questions", None)
        seen: dict[int, str] = {}
        for comment in comments:
            seen.setdefault(comment.question.id, comment.question.title)
        for question_id, title in seen.items():
            self.commentQuestionCombo.addItem(title, question_id)
        self.commentQuestionCombo.setCurrentIndex(max(0, self.commentQuestionCombo.findData(current)))
        self.commentQuestionCombo.blockSignals(False)
        self._fill_comments()

    def visible_comments(self) -> list[Comment]:
        question_id = self.commentQuestionCombo.currentData()
        words = self.searchEdit.text()
        return [c for c in self.comments if (question_id is None or c.question.id == question_id) and matches(c, words)]

    def _fill_comments(self) -> None:
        selected = set(self.selected_keys())
        names = {t.id: t.name for t in self.themes}
        shown = self.visible_comments()
        self.commentTable.setRowCount(len(shown))
        for row, comment in enumerate(shown):
            cells = [
                comment.question.title,
                comment.group or "—",
                comment.text,
                ", ".join(sorted(names[t] for t in comment.theme_ids if t in names)),
            ]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(KEY_ROLE, comment.key)
                item.setToolTip(text)
                self.commentTable.setItem(row, column, item)
        self.commentTable.resizeRowsToContents()
        for row in range(self.commentTable.rowCount()):
            if self.commentTable.item(row, 0).data(KEY_ROLE) in selected:
                self.commentTable.selectRow(row)
        self._fill_themes()

    def _fill_themes(self) -> None:
        self.themeList.blockSignals(True)
        self.themeList.clear()
        for theme in self.themes:
            item = QListWidgetItem(theme.name)
            item.setData(KEY_ROLE, theme.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.themeList.addItem(item)
        self.themeList.blockSignals(False)
        self._fill_theme_ticks()
        question_id = self.commentQuestionCombo.currentData()
        table = theme_table(self.comments, self.themes, None if question_id is None else {question_id})
        self._fill_theme_table(table)

    def _fill_theme_table(self, table: ThemeTable) -> None:
        self.theme_counts = table
        self.themeTable.setRowCount(len(table.rows))
        for row, count in enumerate(table.rows):
            for column, text in enumerate(
                (count.theme.name, str(count.respondents.count), whole_percent(count.respondents.percent))
            ):
                item = QTableWidgetItem(text)
                if column:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.themeTable.setItem(row, column, item)
        untagged = f" {table.untagged} of them have no theme yet." if table.untagged else ""
        self.themeBaseLabel.setText(table.base_description + "." + untagged)

    def selected_keys(self) -> list[tuple[int, int]]:
        rows = sorted({index.row() for index in self.commentTable.selectedIndexes()})
        return [self.commentTable.item(r, 0).data(KEY_ROLE) for r in rows if self.commentTable.item(r, 0)]

    def _fill_theme_ticks(self) -> None:
        keys = set(self.selected_keys())
        chosen = [c for c in self.comments if c.key in keys]
        editable = bool(chosen) and self.hc is not None and not self.hc.read_only
        self.themeList.blockSignals(True)
        for row in range(self.themeList.count()):
            item = self.themeList.item(row)
            theme_id = item.data(KEY_ROLE)
            tagged = sum(theme_id in c.theme_ids for c in chosen)
            state = (
                Qt.CheckState.Unchecked
                if not tagged
                else Qt.CheckState.Checked
                if tagged == len(chosen)
                else Qt.CheckState.PartiallyChecked
            )
            item.setCheckState(state)
            flags = item.flags()
            item.setFlags(flags | Qt.ItemFlag.ItemIsEnabled if editable else flags & ~Qt.ItemFlag.ItemIsUserCheckable)
            if editable:
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        self.themeList.blockSignals(False)

    # ------------------------------------------------------------------ editing (undoable)

    def _theme_ticked(self, item: QListWidgetItem) -> None:
        keys = self.selected_keys()
        if self.hc is None or not keys:
            return
        theme_id = item.data(KEY_ROLE)
        tag = item.checkState() != Qt.CheckState.Unchecked
        before = [k for k in keys if any(c.key == k and theme_id in c.theme_ids for c in self.comments)]
        changing = [k for k in keys if (k in before) != tag]
        if not changing:
            return
        text = (
            f"{'tag' if tag else 'untag'} {len(changing)} comment{'s' if len(changing) != 1 else ''} with {item.text()}"
        )
        self._change(TagComments(tuple(changing), theme_id, tag, text))

    def add_theme(self) -> None:
        if self.hc is None:
            return
        name = ask_for_text(self, "Add a theme", "Theme name (for example Caseloads):")
        if name is None or not name.strip():
            return
        self._change(AddTheme(name, f"add theme {name.strip()}"))

    def current_theme(self) -> Theme | None:
        item = self.themeList.currentItem()
        if item is None:
            return None
        return next((t for t in self.themes if t.id == item.data(KEY_ROLE)), None)

    def rename_theme(self) -> None:
        theme = self.current_theme()
        if self.hc is None or theme is None:
            return
        name = ask_for_text(self, "Rename the theme", "New name:", text=theme.name)
        if name is None or not name.strip() or name.strip() == theme.name:
            return
        self._change(RenameTheme(theme.id, name, f"rename theme {theme.name}"))

    def remove_theme(self) -> None:
        theme = self.current_theme()
        if self.hc is None or theme is None:
            return
        self._change(RemoveTheme(theme.id, f"remove theme {theme.name}"))

    def _change(self, change: Change) -> None:
        """Make a change to the themes or tags and put it on the undo stack (a refused change is shown); either way
        the comments are shown again as the file now holds them."""
        assert self.hc is not None
        try:
            make_undoable(self.undo_stack, self.hc, change, self, lambda _: self.changed.emit())
        except SwhcError as problem:
            show_problem(self, problem)
        self.changed.emit()

    def show_theme_chart(self) -> None:
        from ...outputs.charts.builders import theme_bars

        dialog = QDialog(self)
        dialog.setWindowTitle("Themes in the comments")
        layout = QVBoxLayout(dialog)
        view = ChartView(dialog)
        question = self.commentQuestionCombo.currentText()
        view.show_figure(theme_bars(f"Themes raised in comments ({question.lower()})", self.theme_counts))
        layout.addWidget(view)
        dialog.resize(820, 560)
        dialog.exec()
