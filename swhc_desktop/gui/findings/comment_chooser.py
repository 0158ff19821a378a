"""Choosing the comments the findings report quotes: only comments that may be quoted are listed (from groups big
enough to quote), by question, with a search; none is chosen unless the PSW ticks it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QTreeWidgetItem, QWidget

from ...analysis.comments import Comment, matches
from ...domain.plurals import counted
from ..common.forms import load_form
from ..common.long_text import ShortWrappingDelegate, whole_text_tooltip
from ..common.unsaved import AsksBeforeDiscarding

KEY_ROLE = Qt.ItemDataRole.UserRole + 1
CHOOSER_LINES = 6  # a comment is read to choose it: most are whole in six lines; the rest is in its tooltip


class CommentChooserDialog(AsksBeforeDiscarding, QDialog):
    def __init__(
        self,
        comments: list[Comment],
        chosen: set[tuple[int, int]],
        total: int,
        minimum: int,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        load_form("comment_chooser_dialog", self)
        self.comments = comments
        left_out = total - len(comments)
        self.chooserIntroLabel.setText(
            f"Tick the comments to quote in the report ({len(comments)} of the {counted(total, 'comment')} can "
            f"be quoted). Only "
            f"comments from groups of {minimum} or more people are listed"
            + (f": {left_out} from smaller groups, or with no team given, are not." if left_out else ".")
            + " The report never says who wrote a comment or which team they are in."
        )
        self.items: list[QTreeWidgetItem] = []
        by_question: dict[int, QTreeWidgetItem] = {}
        for comment in comments:
            parent_item = by_question.get(comment.question.id)
            if parent_item is None:
                parent_item = QTreeWidgetItem(self.commentTree, [comment.question.title])
                parent_item.setFlags(Qt.ItemFlag.ItemIsEnabled)
                font = parent_item.font(0)
                font.setBold(True)
                parent_item.setFont(0, font)
                by_question[comment.question.id] = parent_item
            item = QTreeWidgetItem(parent_item, [comment.text.strip()])
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsSelectable)
            item.setCheckState(0, Qt.CheckState.Checked if comment.key in chosen else Qt.CheckState.Unchecked)
            item.setData(0, KEY_ROLE, comment.key)
            item.setToolTip(0, whole_text_tooltip(comment.text))
            self.items.append(item)
        self.commentTree.setItemDelegate(ShortWrappingDelegate(self.commentTree, lines=CHOOSER_LINES))
        self.commentTree.expandAll()
        self.commentTree.itemChanged.connect(lambda *_: self._count())
        self.searchEdit.textChanged.connect(self._search)
        self.chooserButtons.accepted.connect(self.accept)
        self.chooserButtons.rejected.connect(self.reject)
        self._count()
        self.not_counted_as_typing(self.searchEdit)
        self.remember_as_untouched()

    def _search(self, words: str) -> None:
        for comment, item in zip(self.comments, self.items):
            item.setHidden(not matches(comment, words))
        for index in range(self.commentTree.topLevelItemCount()):
            parent = self.commentTree.topLevelItem(index)
            parent.setHidden(all(parent.child(i).isHidden() for i in range(parent.childCount())))

    def _count(self) -> None:
        count = len(self.chosen())
        self.chosenCountLabel.setText(f"{counted(count, 'comment')} chosen")

    def chosen(self) -> tuple[tuple[int, int], ...]:
        """The comments ticked, in questionnaire order."""
        return tuple(
            tuple(item.data(0, KEY_ROLE)) for item in self.items if item.checkState(0) == Qt.CheckState.Checked
        )
