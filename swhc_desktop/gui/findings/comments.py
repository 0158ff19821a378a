"""Comments: every open answer, searchable, shown as outputs print it (names redacted); the PSW's themes and tags
(undoable); themes suggested for the PSW to accept, rename, merge or reject; sensitive comments flagged with why, each
flag cleared with a note; words taken for names printed again; theme counts as a table and a chart."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QInputDialog,
    QListWidgetItem,
    QTableWidgetItem,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...analysis.comment_help import CommentHelp, Suggestion, comment_help
from ...analysis.comments import Comment, ThemeTable, matches, theme_table
from ...analysis.frequencies import whole_percent
from ...analysis.redaction import NAME
from ...domain.changes import Change
from ...domain.errors import SwhcError
from ...domain.plurals import counted
from ...domain.records import Theme
from ...screens.comment_changes import (
    AcceptSuggestion,
    AddTheme,
    ClearFlag,
    KeepWords,
    RejectSuggestion,
    RemoveTheme,
    RenameTheme,
    TagComments,
)
from ...storage import HealthCheckFile
from ..common.chart_view import ChartView
from ..common.forms import load_form
from ..common.long_text import ShortWrappingDelegate, keep_rows_short, whole_text_tooltip
from ..common.messages import show_problem
from ..common.undo import make_undoable
from ..common.unsaved import ask_for_text

KEY_ROLE = Qt.ItemDataRole.UserRole + 1
COLUMNS = ["Question", "Team", "Comment (as printed)", "Themes", "Suggested", "Flag"]
COMMENT_COLUMN, FLAG_COLUMN = 2, 5
DETAIL_LINES = 10  # the pane below the table: most comments whole, a long one scrolled, the table kept in view
SUGGESTED_LINES = 8  # a suggested theme's comment is read whole to judge it: most fit, with the words that suggest it


class CommentsView(QWidget):
    changed = Signal()  # themes or tags changed: the page reloads the comments

    def __init__(self, undo_stack: QUndoStack, parent: QWidget | None = None):
        super().__init__(parent)
        load_form("comments_view", self)
        self.undo_stack = undo_stack
        self.hc: HealthCheckFile | None = None
        self.comments: list[Comment] = []
        self.themes: list[Theme] = []
        self.help = CommentHelp(())
        self.shown_suggestions: list[Suggestion] = []
        self.theme_counts: ThemeTable | None = None  # counted once the comments are shown
        self.commentTable.setColumnCount(len(COLUMNS))
        self.commentTable.setHorizontalHeaderLabels(COLUMNS)
        header = self.commentTable.horizontalHeader()
        for column, width in ((0, 100), (1, 100), (3, 110), (4, 120), (5, 100)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width)
        header.setSectionResizeMode(COMMENT_COLUMN, QHeaderView.ResizeMode.Stretch)
        self.suggestionTree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        # Comments wrap within the pane, a few lines each at most; the whole comment is in its tooltip.
        self.suggestionTree.setItemDelegate(ShortWrappingDelegate(self.suggestionTree, lines=SUGGESTED_LINES))
        keep_rows_short(self.commentTable)  # the whole comment is in its tooltip and the pane beside
        line = self.commentDetailLabel.fontMetrics().lineSpacing()
        self.commentDetailScroll.setMinimumHeight(4 * line)
        self.commentDetailScroll.setMaximumHeight(DETAIL_LINES * line)
        self.commentQuestionCombo.setSizeAdjustPolicy(self.commentQuestionCombo.SizeAdjustPolicy.AdjustToContents)
        self.commentTable.verticalHeader().setVisible(False)
        self.themeTable.setColumnCount(3)
        self.themeTable.setHorizontalHeaderLabels(["Theme", "Number", "Per cent"])
        self.themeTable.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.themeTable.verticalHeader().setVisible(False)
        self.commentsSplitter.setSizes([760, 420])
        self.searchEdit.textChanged.connect(self._fill_comments)
        self.commentQuestionCombo.currentIndexChanged.connect(self._fill_comments)
        self.flaggedOnlyCheck.toggled.connect(self._fill_comments)
        self.commentTable.itemSelectionChanged.connect(self._fill_theme_ticks)
        self.commentTable.itemSelectionChanged.connect(self._fill_detail)
        self.suggestionTree.itemSelectionChanged.connect(self._suggestion_buttons)
        self.acceptSuggestionButton.clicked.connect(self.accept_suggestion)
        self.acceptAsButton.clicked.connect(self.accept_suggestion_as)
        self.mergeSuggestionButton.clicked.connect(self.merge_suggestion)
        self.rejectSuggestionButton.clicked.connect(self.reject_suggestion)
        self.clearFlagButton.clicked.connect(self.clear_flag)
        self.keepWordButton.clicked.connect(self.keep_word)
        self.themeList.itemChanged.connect(self._theme_ticked)
        self.addThemeButton.clicked.connect(self.add_theme)
        self.renameThemeButton.clicked.connect(self.rename_theme)
        self.removeThemeButton.clicked.connect(self.remove_theme)
        self.themeChartButton.clicked.connect(self.show_theme_chart)

    # ------------------------------------------------------------------ showing

    def show_comments(
        self,
        hc: HealthCheckFile | None,
        comments: list[Comment],
        themes: list[Theme],
        note: str,
        helped: CommentHelp | None = None,
    ) -> None:
        """Show the comments, with the help worked out for them (worked out here when not given)."""
        if helped is None:
            helped = comment_help(hc, comments, themes) if hc is not None else CommentHelp(())
        self.hc, self.comments, self.themes, self.help = hc, comments, themes, helped
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
        flagged_only = self.flaggedOnlyCheck.isChecked()
        return [
            c
            for c in self.comments
            if (question_id is None or c.question.id == question_id)
            and matches(c, words)
            and (not flagged_only or self.help.flagged(c.key))
        ]

    def printed(self, comment: Comment) -> str:
        """The comment as every output prints it."""
        redacted = self.help.printed.get(comment.key)
        return comment.text if redacted is None else redacted.text

    def flag_cell(self, comment: Comment) -> tuple[str, str]:
        flags = self.help.flags.get(comment.key, ())
        if not flags:
            return "", ""
        why = "\n".join(f.describe() for f in flags)
        if comment.key in self.help.cleared:
            return "Cleared", f"{why}\nCleared: {self.help.cleared[comment.key]}"
        return "⚑ " + ", ".join(f.why.removeprefix("It ").split(" ", 1)[-1] for f in flags), why

    def _fill_comments(self) -> None:
        selected = set(self.selected_keys())
        names = {t.id: t.name for t in self.themes}
        shown = self.visible_comments()
        self.commentTable.setRowCount(len(shown))
        for row, comment in enumerate(shown):
            flag, why = self.flag_cell(comment)
            cells = [
                comment.question.title,
                comment.group or "—",
                self.printed(comment),
                ", ".join(sorted(names[t] for t in comment.theme_ids if t in names)),
                ", ".join(s.name for s in self.help.suggested_for(comment.key)),
                flag,
            ]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(KEY_ROLE, comment.key)
                item.setToolTip(why if column == FLAG_COLUMN else whole_text_tooltip(text))
                if column == FLAG_COLUMN and self.help.flagged(comment.key):
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                self.commentTable.setItem(row, column, item)
        self.commentTable.resizeRowsToContents()
        for row in range(self.commentTable.rowCount()):
            if self.commentTable.item(row, 0).data(KEY_ROLE) in selected:
                self.commentTable.selectRow(row)
        self._fill_themes()
        self._fill_suggestions(shown)
        self._fill_detail()

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
        text = f"{'tag' if tag else 'untag'} {counted(len(changing), 'comment')} with {item.text()}"
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

    # ------------------------------------------------------------------ the selected comment: flags and print

    def selected_comment(self) -> Comment | None:
        keys = self.selected_keys()
        return next((c for c in self.comments if c.key == keys[0]), None) if len(keys) == 1 else None

    def _fill_detail(self) -> None:
        comment = self.selected_comment()
        editable = self.hc is not None and not self.hc.read_only
        flags = self.help.flags.get(comment.key, ()) if comment else ()
        cleared = comment is not None and comment.key in self.help.cleared
        redacted = self.help.printed.get(comment.key) if comment else None
        names = [r for r in redacted.redactions if r.replacement == NAME] if redacted else []
        self.clearFlagButton.setEnabled(editable and bool(flags))
        self.clearFlagButton.setText("F&lag it again" if cleared else "C&lear the flag…")
        self.keepWordButton.setEnabled(editable and bool(names))
        if comment is None:
            self.commentDetailLabel.setText(
                "Select a comment to read it whole, see why it is flagged and what is kept out of print."
                if len(self.selected_keys()) != 1
                else ""
            )
            return
        # The whole comment, as outputs print it, always: the table shows a few lines of it, and its tooltip cannot
        # be reached from the keyboard.
        lines = [f"<b>Comment (as printed)</b>: {html.escape(self.printed(comment))}"]
        if flags:
            why = "; ".join(html.escape(f.describe()) for f in flags)
            if cleared:
                note = html.escape(self.help.cleared[comment.key])
                lines.append(f"<b>Flag cleared</b> ({why}). Your note: {note}")
            else:
                lines.append(f"<b>Flagged for your attention</b>: {why}. Flags are never printed.")
        if redacted and redacted.redactions:
            kept_out = "; ".join(
                f"“{html.escape(r.original)}” as {html.escape(r.replacement)} ({html.escape(r.reason)})"
                for r in redacted.redactions
            )
            lines.append(f"<b>Kept out of print</b>: {kept_out}.")
            lines.append(f"<b>As written</b>: {html.escape(comment.text)}")
        else:
            lines.append("Nothing in it is kept out of print.")
        self.commentDetailLabel.setText("<br>".join(lines))

    def clear_flag(self) -> None:
        comment = self.selected_comment()
        if self.hc is None or comment is None:
            return
        if comment.key in self.help.cleared:
            self._change(ClearFlag(comment.key, None, "flag a comment again"))
            return
        note = ask_for_text(
            self,
            "Clear the flag",
            "A note for the file: what was done, or why nothing more is needed:",
            several_lines=True,
        )
        if note is not None and note.strip():
            self._change(ClearFlag(comment.key, note, "clear a comment's flag"))

    def keep_word(self) -> None:
        comment = self.selected_comment()
        redacted = self.help.printed.get(comment.key) if comment else None
        if self.hc is None or redacted is None:
            return
        words = list(dict.fromkeys(" ".join(r.words()) for r in redacted.redactions if r.replacement == NAME))
        if not words:
            return
        word, ok = QInputDialog.getItem(
            self,
            "Print a word that is not a name",
            "Print this in every comment of the file (a place, a job title), not as [name]:",
            words,
            0,
            False,
        )
        if ok and word:
            self._change(KeepWords((word,), True, f"print {word} in comments"))

    # ------------------------------------------------------------------ suggested themes

    def _fill_suggestions(self, shown: list[Comment]) -> None:
        """Each suggestion for the comments shown, with each comment as printed and, in brackets, the words that
        suggest it; every comment ticked."""
        visible = {c.key: c for c in shown}
        self.suggestionTree.blockSignals(True)
        self.suggestionTree.clear()
        self.shown_suggestions = []
        for suggestion in self.help.suggestions:
            keys = [k for k in suggestion.comments if k in visible]
            if not keys:
                continue
            target = "adds to your theme" if suggestion.theme_id is not None else "a new theme"
            source = "codebook" if suggestion.kind == "codebook" else "similar comments"
            top = QTreeWidgetItem(self.suggestionTree, [f"{suggestion.name} ({len(keys)}): {source}, {target}"])
            top.setData(0, KEY_ROLE, len(self.shown_suggestions))
            top.setToolTip(0, suggestion.describe())
            font = top.font(0)
            font.setBold(True)
            top.setFont(0, font)
            self.shown_suggestions.append(suggestion)
            for key in keys:
                text = self.printed(visible[key])
                words = ", ".join(suggestion.words_for(key))
                child = QTreeWidgetItem(top, [f"{text} [{words}]"])
                child.setData(0, KEY_ROLE, key)
                child.setToolTip(0, whole_text_tooltip(f"{text}\n\nSuggested because it says: {words}"))
                child.setFlags(child.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                child.setCheckState(0, Qt.CheckState.Checked)
        self.suggestionTree.blockSignals(False)
        self.themesTabs.setTabText(1, f"Suggested themes ({len(self.shown_suggestions)})")
        self._suggestion_buttons()

    def current_suggestion(self) -> tuple[Suggestion, tuple[tuple[int, int], ...]] | None:
        """The suggestion selected (or whose comment is selected), with the comments still ticked under it."""
        item = self.suggestionTree.currentItem()
        if item is None:
            return None
        top = item.parent() or item
        suggestion = self.shown_suggestions[top.data(0, KEY_ROLE)]
        ticked = tuple(
            tuple(top.child(i).data(0, KEY_ROLE))
            for i in range(top.childCount())
            if top.child(i).checkState(0) == Qt.CheckState.Checked
        )
        return suggestion, ticked

    def _suggestion_buttons(self) -> None:
        editable = self.hc is not None and not self.hc.read_only and self.current_suggestion() is not None
        for button in (
            self.acceptSuggestionButton,
            self.acceptAsButton,
            self.mergeSuggestionButton,
            self.rejectSuggestionButton,
        ):
            button.setEnabled(editable)
        self.mergeSuggestionButton.setEnabled(editable and bool(self.themes))

    def accept_suggestion(self) -> None:
        chosen = self.current_suggestion()
        if self.hc is None or chosen is None or not chosen[1]:
            return
        suggestion, keys = chosen
        self._change(AcceptSuggestion(keys, suggestion.name, suggestion.theme_id, f"accept theme {suggestion.name}"))

    def accept_suggestion_as(self) -> None:
        chosen = self.current_suggestion()
        if self.hc is None or chosen is None or not chosen[1]:
            return
        suggestion, keys = chosen
        name = ask_for_text(self, "Accept as another name", "Theme name:", text=suggestion.name)
        if name is None or not name.strip():
            return
        same = next((t for t in self.themes if t.name.casefold() == name.strip().casefold()), None)
        theme_id = same.id if same is not None else None
        self._change(AcceptSuggestion(keys, name.strip(), theme_id, f"accept theme {name.strip()}"))

    def merge_suggestion(self) -> None:
        chosen = self.current_suggestion()
        if self.hc is None or chosen is None or not chosen[1] or not self.themes:
            return
        suggestion, keys = chosen
        names = [t.name for t in self.themes]
        name, ok = QInputDialog.getItem(
            self, "Add to a theme", f"Add the comments suggested for {suggestion.name} to:", names, 0, False
        )
        theme = next((t for t in self.themes if t.name == name), None)
        if ok and theme is not None:
            self._change(AcceptSuggestion(keys, theme.name, theme.id, f"add {suggestion.name} to {theme.name}"))

    def reject_suggestion(self) -> None:
        chosen = self.current_suggestion()
        if self.hc is None or chosen is None or not chosen[1]:
            return
        suggestion, keys = chosen
        pairs = tuple((key, suggestion.key) for key in keys)
        self._change(RejectSuggestion(pairs, True, f"reject theme {suggestion.name}"))

    # ------------------------------------------------------------------ making changes

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
        """The themes' counts as a chart, in a window of its own with a Close button (Escape closes it too)."""
        from ...outputs.charts.builders import theme_bars

        if self.theme_counts is None:  # the comments are still being read
            return
        question = self.commentQuestionCombo.currentText()
        window = ThemeChartWindow(self)
        window.show_chart(theme_bars(f"Themes raised in comments ({question.lower()})", self.theme_counts))
        self.theme_chart_window = window
        window.exec()


class ThemeChartWindow(QDialog):
    """The chart of the themes in the comments, with Save as, Copy and Close."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("themeChartWindow")
        self.setWindowTitle("Themes in the comments")
        layout = QVBoxLayout(self)
        self.view = ChartView(self)
        layout.addWidget(self.view, 1)
        self.buttonBox = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttonBox.rejected.connect(self.reject)
        self.buttonBox.button(QDialogButtonBox.StandardButton.Close).setDefault(True)  # Enter closes, never saves
        layout.addWidget(self.buttonBox)

    def show_chart(self, figure) -> None:
        """Show the chart whole, at its own size, as far as the screen has room (beyond that, it is drawn a little
        smaller, then scrolls)."""
        self.view.show_figure(figure)
        width, height = self.view.natural_pixels
        room = self.screen().availableGeometry()
        margins = self.layout().contentsMargins()
        spacing = self.layout().spacing()
        buttons = self.view.save_button.sizeHint().height() + self.buttonBox.sizeHint().height()
        frame = 8  # the chart area's border and the title bar's share the window system leaves out of the room
        self.resize(
            min(width + margins.left() + margins.right() + frame, room.width() - 16),
            min(height + margins.top() + margins.bottom() + buttons + 3 * spacing + frame, room.height() - 40),
        )
