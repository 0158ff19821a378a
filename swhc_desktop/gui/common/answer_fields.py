"""Answer boxes for a question of a form the PSW fills in (the employer return): a number, a text, one answer from a
list, or ticks; each says when the PSW has finished changing it."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ...domain.questionnaire import Question, QuestionType
from ...figures.employer_return import ReturnAnswer, parse_number, shown_number

SHORT_TEXT_LENGTH = 30  # 'Name', 'Job title': one line is enough


class CommittingTextEdit(QPlainTextEdit):
    """A box for a longer text that reports a change when the user leaves it, not at every key."""

    committed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._shown_text = ""
        self.setTabChangesFocus(True)

    def show_text(self, text: str) -> None:
        self._shown_text = text
        self.setPlainText(text)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.commit_pending()

    def commit_pending(self) -> None:
        if self.toPlainText() != self._shown_text:
            self._shown_text = self.toPlainText()
            self.committed.emit()


class AnswerField(QWidget):
    """The answer box of one question. `answer()` may raise InvalidInput for a number that cannot be used."""

    edited = Signal()

    def __init__(self, question: Question, parent: QWidget | None = None):
        super().__init__(parent)
        self.question = question

    def answer(self) -> ReturnAnswer | None:
        raise NotImplementedError

    def set_answer(self, answer: ReturnAnswer | None) -> None:
        raise NotImplementedError

    def commit_pending(self) -> None:
        """Report an edit still being typed (the file is about to close)."""


class NumberField(AnswerField):
    def __init__(self, question: Question, parent: QWidget | None = None):
        super().__init__(question, parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.edit = QLineEdit(self)
        self.edit.setMaximumWidth(120)
        self.edit.setAccessibleName(question.title)
        self.edit.setPlaceholderText("number")
        self.edit.editingFinished.connect(self._finished)
        layout.addWidget(self.edit)
        layout.addWidget(QLabel(question.unit, self))
        layout.addStretch(1)
        self._shown = ""

    def _finished(self) -> None:
        if self.edit.text() != self._shown:
            self._shown = self.edit.text()
            self.edited.emit()

    def answer(self) -> ReturnAnswer | None:
        value = parse_number(self.question, self.edit.text())
        return None if value is None else ReturnAnswer(number=value)

    def set_answer(self, answer: ReturnAnswer | None) -> None:
        self._shown = "" if answer is None or answer.number is None else shown_number(answer.number).replace(",", "")
        self.edit.setText(self._shown)

    def commit_pending(self) -> None:
        self._finished()


class TextField(AnswerField):
    def __init__(self, question: Question, parent: QWidget | None = None):
        super().__init__(question, parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.short = len(question.text) <= SHORT_TEXT_LENGTH and not question.text.rstrip().endswith("?")
        self.edit: QLineEdit | CommittingTextEdit
        if self.short:
            self.edit = QLineEdit(self)
            self.edit.editingFinished.connect(self._finished)
        else:
            self.edit = CommittingTextEdit(self)
            self.edit.setFixedHeight(self.edit.fontMetrics().lineSpacing() * 4 + 12)
            self.edit.committed.connect(self.edited)
        self.edit.setAccessibleName(question.title)
        layout.addWidget(self.edit)
        self._shown = ""

    def _finished(self) -> None:
        if isinstance(self.edit, QLineEdit) and self.edit.text() != self._shown:
            self._shown = self.edit.text()
            self.edited.emit()

    def answer(self) -> ReturnAnswer | None:
        text = (self.edit.text() if isinstance(self.edit, QLineEdit) else self.edit.toPlainText()).strip()
        return ReturnAnswer(text=text) if text else None

    def set_answer(self, answer: ReturnAnswer | None) -> None:
        text = answer.text if answer is not None else ""
        if isinstance(self.edit, QLineEdit):
            self._shown = text
            self.edit.setText(text)
        else:
            self.edit.show_text(text)

    def commit_pending(self) -> None:
        if isinstance(self.edit, QLineEdit):
            self._finished()
        else:
            self.edit.commit_pending()


class _OtherText(QLineEdit):
    """What the respondent writes beside 'Other (please specify)'."""

    def __init__(self, question: Question, parent: QWidget):
        super().__init__(parent)
        self.setPlaceholderText("please specify")
        self.setAccessibleName(f"{question.title}: please specify")
        self._shown = ""

    def show_text(self, text: str) -> None:
        self._shown = text
        self.setText(text)

    def changed_since_shown(self) -> bool:
        if self.text() == self._shown:
            return False
        self._shown = self.text()
        return True


class _OptionsField(AnswerField):
    """What choosing from a question's answers shares: the box beside 'Other (please specify)', open only while
    that answer is chosen."""

    def __init__(self, question: Question, parent: QWidget | None = None):
        super().__init__(question, parent)
        self.other = _OtherText(question, self) if question.other_option is not None else None
        if self.other is not None:
            self.other.editingFinished.connect(self._other_finished)

    def chosen_codes(self) -> tuple[str, ...]:
        raise NotImplementedError

    def _other_finished(self) -> None:
        if self.other is not None and self.other.changed_since_shown():
            self.edited.emit()

    def _enable_other(self) -> None:
        if self.other is not None:
            self.other.setEnabled(self.question.other_option.code in self.chosen_codes())

    def answer(self) -> ReturnAnswer | None:
        codes = self.chosen_codes()
        if not codes:
            return None
        text = self.other.text().strip() if self.other is not None and self.other.isEnabled() else ""
        return ReturnAnswer(option_codes=codes, text=text)

    def _show_other(self, answer: ReturnAnswer | None) -> None:
        if self.other is not None:
            self.other.show_text(answer.text if answer is not None else "")
        self._enable_other()

    def commit_pending(self) -> None:
        self._other_finished()


class ChoiceField(_OptionsField):
    """One answer from a list, with 'Not answered' first."""

    def __init__(self, question: Question, parent: QWidget | None = None):
        super().__init__(question, parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.combo = QComboBox(self)
        self.combo.setAccessibleName(question.title)
        self.combo.addItem("Not answered", None)
        for option in question.options:
            self.combo.addItem(option.display_label, option.code)
        self.combo.activated.connect(self._chosen)
        layout.addWidget(self.combo)
        if self.other is not None:
            layout.addWidget(self.other, 1)
        else:
            layout.addStretch(1)
        self._shown_code: str | None = None

    def chosen_codes(self) -> tuple[str, ...]:
        code = self.combo.currentData()
        return () if code is None else (code,)

    def _chosen(self) -> None:
        self._enable_other()
        if self.combo.currentData() != self._shown_code:
            self._shown_code = self.combo.currentData()
            self.edited.emit()

    def set_answer(self, answer: ReturnAnswer | None) -> None:
        code = answer.option_codes[0] if answer is not None and answer.option_codes else None
        self._shown_code = code
        self.combo.setCurrentIndex(max(0, self.combo.findData(code)) if code is not None else 0)
        self._show_other(answer)


class TicksField(_OptionsField):
    """'Tick all that apply': a box for each answer."""

    def __init__(self, question: Question, parent: QWidget | None = None):
        super().__init__(question, parent)
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setVerticalSpacing(2)
        self.boxes: dict[str, QCheckBox] = {}
        for index, option in enumerate(question.options):
            box = QCheckBox(option.label, self)
            box.setAccessibleName(f"{question.title}: {option.label}")
            box.toggled.connect(self._ticked)
            layout.addWidget(box, index, 0)
            self.boxes[option.code] = box
        if self.other is not None:
            layout.addWidget(self.other, len(question.options), 0)
        self._updating = False

    def chosen_codes(self) -> tuple[str, ...]:
        return tuple(code for code, box in self.boxes.items() if box.isChecked())

    def _ticked(self) -> None:
        self._enable_other()
        if not self._updating:
            self.edited.emit()

    def set_answer(self, answer: ReturnAnswer | None) -> None:
        chosen = set(answer.option_codes) if answer is not None else set()
        self._updating = True
        try:
            for code, box in self.boxes.items():
                box.setChecked(code in chosen)
        finally:
            self._updating = False
        self._show_other(answer)


def answer_field(question: Question, parent: QWidget | None = None) -> AnswerField:
    if question.qtype is QuestionType.NUMBER:
        return NumberField(question, parent)
    if question.qtype is QuestionType.TEXT:
        return TextField(question, parent)
    if question.qtype is QuestionType.MULTI:
        return TicksField(question, parent)
    return ChoiceField(question, parent)


def muted_label(text: str, parent: QWidget | None = None) -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setStyleSheet("color: palette(placeholder-text); font-style: italic;")
    return label
