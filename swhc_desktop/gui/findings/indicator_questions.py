"""For each headline indicator, the question it is taken from and the answers it counts: so that a council whose survey
was run outside the app, in its own words, fills the dashboard with its own questions."""

from __future__ import annotations

import html
from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...analysis.indicators import RESPONSE_RATE, Indicator, counted_by_default, pointed_at, suitable_questions
from ...analysis.measures import MeasureKind
from ...domain.labels import EDIT_CYCLE_BUTTON
from ...domain.questionnaire import Question, Questionnaire
from ...domain.titles import told_apart

SHOWN_TEXT = 60  # characters of a question's wording in the list


def question_labels(questions: Iterable[Question]) -> dict[str, str]:
    """'code · title' for each question, by code: a long title keeps its start and the end that tells it apart from
    the statements of the same matrix."""
    chosen = list(questions)
    titles = told_apart([" ".join(q.title.split()) for q in chosen], SHOWN_TEXT)
    return {q.code: f"{q.code} · {title}" for q, title in zip(chosen, titles, strict=True)}


class AnswersDialog(QDialog):
    """Tick the answers of a question that the indicator counts ('agree they feel stressed': Strongly agree, Agree)."""

    def __init__(self, indicator: Indicator, question: Question, counted: tuple[str, ...], parent: QWidget | None):
        super().__init__(parent)
        self.setWindowTitle(f"{indicator.title}: answers counted")
        layout = QVBoxLayout(self)
        intro = QLabel(f"Count as '{html.escape(indicator.counts)}' those who answered:")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.answerList = QListWidget(self)
        self.answerList.setAccessibleName("Answers counted")
        for option in question.options:
            item = QListWidgetItem(option.label, self.answerList)
            item.setData(Qt.ItemDataRole.UserRole, option.code)
            item.setCheckState(Qt.CheckState.Checked if option.code in counted else Qt.CheckState.Unchecked)
        self.answerList.setCurrentRow(0)
        layout.addWidget(self.answerList)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def counted(self) -> tuple[str, ...]:
        items = [self.answerList.item(row) for row in range(self.answerList.count())]
        return tuple(
            item.data(Qt.ItemDataRole.UserRole) for item in items if item.checkState() == Qt.CheckState.Checked
        )


class IndicatorQuestionChooser(QWidget):
    """The question one indicator is taken from, chosen among the cycle's questions that can give it, and for a share
    the answers it counts (Answers…). `chosen()` is the indicator as chosen, refused in words when it cannot be."""

    def __init__(self, indicator: Indicator, questionnaire: Questionnaire | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.indicator = indicator
        self.questions = {q.code: q for q in suitable_questions(indicator, questionnaire)} if questionnaire else {}
        self.counted: tuple[str, ...] = indicator.measure.option_codes
        # The answers ticked for each question tried, so that going back to one finds its ticks as they were left.
        self.counted_for: dict[str, tuple[str, ...]] = {indicator.question_code: self.counted}
        self.shown_code = indicator.question_code
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.questionCombo = QComboBox(self)
        self.questionCombo.setAccessibleName(f"{indicator.title}: question")
        self.questionCombo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.questionCombo.setMinimumContentsLength(30)
        self.answersButton = QPushButton("Answers…", self)
        self.answersButton.setAccessibleName(f"{indicator.title}: answers counted")
        layout.addWidget(self.questionCombo, 1)
        layout.addWidget(self.answersButton)
        if indicator.key == RESPONSE_RATE:
            self.questionCombo.addItem(f"Staff invited, set with {EDIT_CYCLE_BUTTON}", "")
            self.questionCombo.setEnabled(False)
            self.answersButton.hide()
            return
        if indicator.question_code not in self.questions:
            self.questionCombo.addItem(f"{indicator.question_code} (not in this cycle)", indicator.question_code)
        labels = question_labels(self.questions.values())
        for code, question in self.questions.items():
            self.questionCombo.addItem(labels[code], code)
            self.questionCombo.setItemData(self.questionCombo.count() - 1, question.text, Qt.ItemDataRole.ToolTipRole)
        self.questionCombo.setCurrentIndex(self.questionCombo.findData(indicator.question_code))
        self.questionCombo.currentIndexChanged.connect(self._question_chosen)
        self.answersButton.clicked.connect(self.choose_answers)
        self.answersButton.setVisible(indicator.measure.kind is MeasureKind.SHARE)
        self._show_counted()

    @property
    def question(self) -> Question | None:
        return self.questions.get(self.questionCombo.currentData())

    def _question_chosen(self) -> None:
        self.counted_for[self.shown_code] = self.counted
        question = self.question
        if question is not None:
            self.shown_code = question.code
            self.counted = self.counted_for.get(question.code) or counted_by_default(self.indicator, question)
        self._show_counted()

    def _show_counted(self) -> None:
        question = self.question
        enabled = question is not None
        self.answersButton.setEnabled(enabled)
        if question is not None:
            labels = [o.label for o in question.options if o.code in self.counted]
            self.answersButton.setToolTip("Counts: " + (", ".join(labels) if labels else "no answer yet"))

    def choose_answers(self) -> None:
        question = self.question
        if question is None:
            return
        dialog = AnswersDialog(self.indicator, question, self.counted, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.counted = dialog.counted()
            self._show_counted()

    def chosen(self, indicator: Indicator) -> Indicator:
        """`indicator` (with the thresholds chosen beside) taken from the question and answers chosen here; unchanged
        when its question is not in this cycle and was left as it was."""
        question = self.question
        if question is None:
            return indicator
        if question.code == self.indicator.question_code and self.counted == self.indicator.measure.option_codes:
            return indicator
        return pointed_at(indicator, question, self.counted if indicator.measure.kind is MeasureKind.SHARE else None)
