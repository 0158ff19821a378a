"""The live preview: the chosen question drawn as a respondent would see it in a survey, updated as it is typed."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDoubleSpinBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ...domain.plurals import counted
from ...domain.questionnaire import Question, Questionnaire, QuestionType, Section
from ...domain.wording import answer_instruction, follow_up_lead, number_range, or_list, trigger_labels


class QuestionPreview(QFrame):
    """Rebuilt for each question shown; the controls work (they can be ticked) but nothing is saved."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("questionPreview")
        self.setStyleSheet("#questionPreview { background: white; } QLabel { color: #1a1a1a; }")
        self.setLayout(QVBoxLayout())
        self.shown_texts: list[str] = []  # what the preview says, for tests and screen readers alike

    def clear(self) -> None:
        self.shown_texts = []
        _delete_layout(self.layout())

    def _label(self, text: str, style: str = "", layout=None, bold: bool = False, scale: float = 1.0) -> QLabel:
        label = QLabel(text)
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)
        if bold or scale != 1.0:
            # Set as a font, not a style sheet, so that the label's wrapped height is measured in its own font.
            font = QFont(label.font())
            font.setBold(bold)
            font.setPointSizeF(font.pointSizeF() * scale)
            label.setFont(font)
        if style:
            label.setStyleSheet(style)
        (layout or self.layout()).addWidget(label)
        self.shown_texts.append(text)
        return label

    def _finish(self) -> None:
        self.layout().addStretch(1)

    def show_section(self, section: Section, index: int) -> None:
        self.clear()
        self._label(f"Section {index + 1}: {section.title}", "color: #1f3a5f;", bold=True, scale=1.25)
        if section.intro:
            self._label(section.intro, "font-style: italic; color: #4d4d4d;")
        count = len(section.questions)
        self._label(f"{counted(count, 'question')} in this section.", "color: #4d4d4d;")
        self._finish()

    def show_question(self, question: Question, questionnaire: Questionnaire, number: str) -> None:
        self.clear()
        numbers = questionnaire.numbering()
        lead = follow_up_lead(question, questionnaire, numbers)
        if question.follow_up is not None and not lead:
            parent = numbers.get(question.follow_up.parent_code, question.follow_up.parent_code)
            lead = (
                f"(Shown to people who answered {or_list(trigger_labels(question, questionnaire))} "
                f"to question {parent}.)"
            )
        if lead:
            self._label(lead, "font-style: italic; color: #4d4d4d;")
        self._label(f"{number}. {question.text or '(no wording yet)'}", bold=True, scale=1.15)
        if question.help_text:
            self._label(question.help_text, "color: #4d4d4d;")
        self._label(answer_instruction(question), "font-style: italic; color: #4d4d4d;")
        if question.qtype is QuestionType.NUMBER:
            self._number(question)
        elif question.qtype is QuestionType.TEXT:
            box = QPlainTextEdit()
            box.setMaximumHeight(90)
            box.setAccessibleName("Your answer")
            self.layout().addWidget(box)
        elif question.qtype is QuestionType.RATING:
            self._rating(question)
        else:
            self._choices(question)
        self._finish()

    def _number(self, question: Question) -> None:
        row = QHBoxLayout()
        spin = QDoubleSpinBox()
        spin.setDecimals(1)
        spin.setRange(
            question.min_value if question.min_value is not None else -1e9,
            question.max_value if question.max_value is not None else 1e9,
        )
        spin.setSpecialValueText(" ")
        row.addWidget(spin)
        words = " ".join(
            part for part in (question.unit, f"({number_range(question)})" if number_range(question) else "") if part
        )
        if words:
            self._label(words, layout=row)
        row.addStretch()
        self.layout().addLayout(row)

    def _choices(self, question: Question) -> None:
        group = QButtonGroup(self)
        group.setExclusive(question.qtype is not QuestionType.MULTI)
        if not question.options:
            self._label("(No answers yet: add them under Answers.)", "color: #a4262c;")
        for option in question.options:
            button = QCheckBox(option.label) if question.qtype is QuestionType.MULTI else QRadioButton(option.label)
            group.addButton(button)
            self.shown_texts.append(option.label)
            if option.is_other:
                row = QHBoxLayout()
                row.addWidget(button)
                specify = QLineEdit()
                specify.setPlaceholderText("please specify")
                specify.setAccessibleName(f"{option.label}: please specify")
                specify.setMinimumWidth(80)  # narrow rather than push the preview wider than its pane
                row.addWidget(specify, 1)
                self.layout().addLayout(row)
            else:
                self.layout().addWidget(button)

    def _rating(self, question: Question) -> None:
        grid = QGridLayout()
        group = QButtonGroup(self)
        for column, option in enumerate(question.options):
            label = QLabel(option.label)
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            grid.addWidget(label, 0, column)
            button = QRadioButton()
            button.setAccessibleName(option.label)
            group.addButton(button)
            grid.addWidget(button, 1, column, Qt.AlignmentFlag.AlignCenter)
            self.shown_texts.append(option.label)
        wrapper = QWidget()
        wrapper.setLayout(grid)
        self.layout().addWidget(wrapper)


def _delete_layout(layout) -> None:
    """Empty a layout of its widgets and inner layouts (the layout itself stays)."""
    while layout.count():
        item = layout.takeAt(0)
        if item.widget() is not None:
            # Hidden at once: deletion waits for the event loop, which a question box open over the page holds up,
            # and the old wording would meanwhile be drawn under the new.
            item.widget().hide()
            item.widget().deleteLater()
        elif item.layout() is not None:
            _delete_layout(item.layout())
