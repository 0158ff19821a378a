"""The designer's dialogs: adding questions from the question bank, and writing the paper form's introduction."""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHeaderView, QWidget

from ...domain.plurals import counted
from ...domain.questionnaire import NOT_ABOUT_A_STANDARD
from ...domain.standards import edition
from ...questionnaires.bank import BankQuestion
from ..common.forms import load_form
from ..common.unsaved import AsksBeforeDiscarding

ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1


class _BankFilter(QSortFilterProxyModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.words = ""
        self.standard: int | None = None

    def set_filter(self, words: str, standard: int | None) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt 6.10 and later
            self.beginFilterChange()
            self.words, self.standard = words, standard
            self.endFilterChange()
        else:
            self.words, self.standard = words, standard
            self.invalidateFilter()

    def filterAcceptsRow(self, row: int, parent) -> bool:
        entry: BankQuestion = self.sourceModel().index(row, 0, parent).data(ENTRY_ROLE)
        return entry.matches(self.words, self.standard)


class QuestionBankDialog(QDialog):
    """Choose one or more questions; those whose code the questionnaire already has are shown but cannot be chosen."""

    def __init__(
        self,
        bank: list[BankQuestion],
        taken_codes: set[str],
        parent: QWidget | None = None,
        standards_edition: str | None = None,
    ):
        """`standards_edition`: the edition of the cycle the questions are for (the bank files them where it puts
        them), whose titles the dialog shows; the latest when none is given."""
        super().__init__(parent)
        standards = edition(standards_edition)
        load_form("question_bank_dialog", self)
        self.taken_codes = taken_codes
        self.model = QStandardItemModel(self)
        self.model.setHorizontalHeaderLabels(["Question", "Code", "Standard", "Type", "From"])
        for entry in bank:
            question = entry.question
            taken = question.code in taken_codes
            extra = f" (+{counted(len(entry.follow_ups), 'follow-up')})" if entry.follow_ups else ""
            texts = (
                question.text + extra,
                question.code,
                standards.short_label(question.standard) if question.standard is not None else NOT_ABOUT_A_STANDARD,
                question.qtype.label,
                "Already in this questionnaire" if taken else entry.source_text,
            )
            row = [QStandardItem(text) for text in texts]
            for item in row:
                item.setData(entry, ENTRY_ROLE)
                item.setToolTip(item.text())
                item.setFlags(
                    Qt.ItemFlag.ItemIsEnabled | (Qt.ItemFlag.NoItemFlags if taken else Qt.ItemFlag.ItemIsSelectable)
                )
                if taken:
                    item.setForeground(self.palette().placeholderText())
            self.model.appendRow(row)
        self.proxy = _BankFilter(self)
        self.proxy.setSourceModel(self.model)
        self.bankTable.setModel(self.proxy)
        self.bankTable.verticalHeader().setVisible(False)
        header = self.bankTable.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.bankTable.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        for column, width in ((1, 150), (2, 120), (3, 110), (4, 170)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width)
        self.standardFilterCombo.addItem("All Standards", None)
        for number, standard in standards.standards.items():
            self.standardFilterCombo.addItem(standard.short_label, number)
        self.searchEdit.textChanged.connect(self._filter)
        self.standardFilterCombo.currentIndexChanged.connect(self._filter)
        self.bankTable.selectionModel().selectionChanged.connect(self._show_details)
        self.bankTable.doubleClicked.connect(lambda _: self.accept())
        self.add_button = self.buttonBox.button(QDialogButtonBox.StandardButton.Ok)
        self.add_button.setText("&Add to the questionnaire")
        self.add_button.setEnabled(False)
        self.buttonBox.accepted.connect(self.accept)
        self.buttonBox.rejected.connect(self.reject)
        self.searchEdit.setFocus()

    def _filter(self) -> None:
        self.proxy.set_filter(self.searchEdit.text(), self.standardFilterCombo.currentData())

    def chosen(self) -> list[BankQuestion]:
        rows = sorted(self.bankTable.selectionModel().selectedRows(), key=lambda i: i.row())
        return [i.data(ENTRY_ROLE) for i in rows if i.data(ENTRY_ROLE).question.code not in self.taken_codes]

    def _show_details(self) -> None:
        chosen = self.chosen()
        self.add_button.setEnabled(bool(chosen))
        if len(chosen) != 1:
            self.detailsLabel.setText(f"{counted(len(chosen), 'question')} chosen." if chosen else "")
            return
        entry = chosen[0]
        answers = ", ".join(o.label for o in entry.question.options) or entry.question.qtype.label
        follow_ups = "".join(f"\nFollow-up: {q.text}" for q in entry.follow_ups)
        self.detailsLabel.setText(f"Answers: {answers}{follow_ups}\nFrom: {entry.source_text}")

    def accept(self) -> None:
        if self.chosen():
            super().accept()


class IntroductionDialog(AsksBeforeDiscarding, QDialog):
    def __init__(self, text: str, standard_text: str, parent: QWidget | None = None):
        super().__init__(parent)
        load_form("introduction_dialog", self)
        self.standard_text = standard_text
        self.introductionEdit.setPlainText(text)
        self.defaultButton.clicked.connect(lambda: self.introductionEdit.setPlainText(standard_text))
        self.buttonBox.accepted.connect(self.accept)
        self.buttonBox.rejected.connect(self.reject)
        self.remember_as_untouched()

    def text(self) -> str | None:
        """The introduction to store, or None when it is the standard wording (which then follows the cycle's dates)."""
        text = self.introductionEdit.toPlainText().strip()
        return None if not text or text == self.standard_text.strip() else text
