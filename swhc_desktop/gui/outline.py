"""The Questionnaire page's outline: a cycle's sections, questions and answer options, with codes and Standards."""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QFont, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QHeaderView, QWidget

from ..questionnaire import Option, Polarity, Question, Questionnaire, QuestionType, standard_label, standard_short_label
from .forms import load_form

COLUMNS = ("Question", "Code", "Type", "Standard", "Details")
CODE_ROLE = Qt.ItemDataRole.UserRole + 1


def follow_up_condition(question: Question, questionnaire: Questionnaire, numbers: dict[str, str]) -> str:
    """'If 19 is Yes', in the parent's own answer labels."""
    follow_up = question.follow_up
    if follow_up is None:
        return ""
    parent = questionnaire.find(follow_up.parent_code)
    if parent is None:
        return f"If {follow_up.parent_code} (missing) is answered"
    labels = [o.label for o in parent.options if o.code in follow_up.option_codes]
    return f"If {numbers.get(parent.code, parent.code)} is {' or '.join(labels)}"


def question_details(question: Question, condition: str) -> str:
    details = []
    if question.is_dimension:
        details.append("Breakdown")
    if condition:
        details.append(condition)
    if question.qtype is QuestionType.NUMBER:
        low = "" if question.min_value is None else f"{question.min_value:g}"
        high = "" if question.max_value is None else f"{question.max_value:g}"
        bounds = f", {low} to {high}" if low or high else ""
        details.append(f"{question.unit or 'number'}{bounds}")
    return "; ".join(details)


def option_details(option: Option) -> str:
    details = []
    if option.score is not None:
        details.append(f"score {option.score:g}")
    if option.polarity is not Polarity.NEUTRAL:
        details.append(option.polarity.value)
    if option.excluded_from_base:
        details.append("not in base")
    return ", ".join(details)


def _row(*texts: str, code: str = "", tooltip: str = "") -> list[QStandardItem]:
    items = []
    for text in texts:
        item = QStandardItem(text)
        item.setEditable(False)
        item.setToolTip(tooltip or text)
        item.setData(code, CODE_ROLE)
        items.append(item)
    return items


def build_outline_model(questionnaire: Questionnaire, parent=None) -> QStandardItemModel:
    model = QStandardItemModel(parent)
    model.setHorizontalHeaderLabels(list(COLUMNS))
    numbers = questionnaire.numbering()
    bold = QFont()
    bold.setBold(True)
    for section in questionnaire.sections:
        count = len(section.questions)
        section_item = _row(f"{section.title} ({count} question{'s' if count != 1 else ''})",
                            tooltip=section.intro or section.title)[0]
        section_item.setFont(bold)
        model.appendRow(section_item)
        for question in section.questions:
            condition = follow_up_condition(question, questionnaire, numbers)
            tooltip = question.text + (f"\n\nHelp: {question.help_text}" if question.help_text else "")
            question_row = _row(
                f"{numbers[question.code]}. {question.text}",
                question.code,
                question.qtype.label,
                standard_short_label(question.standard),
                question_details(question, condition),
                code=question.code,
                tooltip=tooltip,
            )
            question_row[3].setToolTip(standard_label(question.standard))
            section_item.appendRow(question_row)
            for option in question.options:
                question_row[0].appendRow(_row(option.display_label, option.code, "", "", option_details(option),
                                               code=question.code))
    return model


class QuestionnaireOutline(QWidget):
    """Read-only outline of one cycle's questionnaire, searchable by text, answer or code."""

    start_cycle_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        load_form("questionnaire_outline", self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setRecursiveFilteringEnabled(True)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(-1)
        self.outlineTree.setModel(self.proxy)
        self.filterEdit.textChanged.connect(self._filter)
        self.expandButton.toggled.connect(self._show_answers)
        self.emptyNewCycleButton.clicked.connect(self.start_cycle_requested)
        self.questionnaire: Questionnaire | None = None

    def show_questionnaire(self, questionnaire: Questionnaire | None) -> None:
        self.questionnaire = questionnaire
        if questionnaire is None:
            self.outlineStack.setCurrentWidget(self.emptyPage)
            self.filterEdit.setEnabled(False)
            self.expandButton.setEnabled(False)
            return
        self.outlineStack.setCurrentWidget(self.outlineTree)
        self.filterEdit.setEnabled(True)
        self.expandButton.setEnabled(True)
        old_model = self.proxy.sourceModel()
        self.proxy.setSourceModel(build_outline_model(questionnaire, self))
        if old_model is not None:
            old_model.deleteLater()
        header = self.outlineTree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column, width in ((1, 175), (2, 120), (3, 150), (4, 190)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width)
        self._span_sections()
        self._show_answers(self.expandButton.isChecked())

    def _span_sections(self) -> None:
        for row in range(self.proxy.rowCount()):
            self.outlineTree.setFirstColumnSpanned(row, self.outlineTree.rootIndex(), True)

    def _filter(self, text: str) -> None:
        self.proxy.setFilterFixedString(text.strip())
        self._span_sections()
        if text.strip():
            self.outlineTree.expandAll()
        else:
            self._show_answers(self.expandButton.isChecked())

    def _show_answers(self, show: bool) -> None:
        if show:
            self.outlineTree.expandAll()
        else:
            self.outlineTree.collapseAll()
            self.outlineTree.expandToDepth(0)
