"""The designer's editors for the chosen section or question. Each finished change (a field left, a box ticked, an
answer edited) is offered to the page as the question before and after; the page saves it as an undoable edit."""

from __future__ import annotations

import html
from dataclasses import replace

from PySide6.QtCore import QEvent, QMimeData, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QComboBox, QHeaderView, QListWidgetItem, QStyledItemDelegate, QWidget

from ...domain.questionnaire import (
    NOT_ABOUT_A_STANDARD,
    FollowUp,
    Numbering,
    Option,
    Polarity,
    Problem,
    Question,
    Questionnaire,
    QuestionType,
    Section,
)
from ...domain.standards import Edition
from ...questionnaires.standard_statements import why_not_scored
from ..common.forms import load_form
from ..common.long_text import ZERO_WIDTH_SPACE
from ..common.table_columns import fill_with_column

OPTION_MIME_TYPE = "application/x-swhc-designer-option"
# The code column's narrowest and widest (pixels): wide enough for a word of a code, never squeezing the answers.
CODE_COLUMN_WIDTHS = (80, 140)
OPTION_COLUMNS = ("Answer", "Code", "Score", "Counts as", "Excluded", "Specify")
OPTION_COLUMN_TIPS = (
    "The answer as respondents read it",
    "Links this answer with the same answer in other years",
    "0 to 100, with 100 the most favourable answer; empty for answers that are not scored",
    "Whether choosing this answer counts as favourable or unfavourable in the results",
    "Left out of the base (the people a per cent is taken of), as 'Not applicable' usually is",
    "Asks the respondent to say more: an 'Other (please specify)' answer",
)
POLARITY_LABELS = {
    Polarity.FAVOURABLE: "Favourable",
    Polarity.NEUTRAL: "Neutral",
    Polarity.UNFAVOURABLE: "Unfavourable",
}
ERROR_COLOUR = "#a4262c"


def problems_html(problems: list[Problem]) -> str:
    """Errors and things to check in red; a note (nothing to fix) in the plain text colour."""
    lines = [
        f"{html.escape(p.kind)}: {html.escape(p.message)}"
        if p.is_note
        else f'<span style="color:{ERROR_COLOUR}">{html.escape(p.kind)}: {html.escape(p.message)}</span>'
        for p in problems
    ]
    return "<br>".join(lines)


class _CommitOnLeave(QObject):
    """Plain-text boxes have no 'editing finished' signal: treat leaving the box as finishing."""

    def __init__(self, parent: QObject, commit):
        super().__init__(parent)
        self.commit = commit

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut:
            self.commit()
        return False


def _number(text: str) -> float | None:
    text = text.strip().replace(",", "")
    return float(text) if text else None


def _number_text(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


# --------------------------------------------------------------------------- sections


class SectionEditor(QWidget):
    """A section's title and introduction, and the settings of the whole questionnaire (its title and numbering)."""

    section_changed = Signal(int, object, object)  # index, (title, intro) before, after
    settings_changed = Signal(object, object)  # (title, Numbering) before, after

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        load_form("section_editor", self)
        self.index: int | None = None
        self.section: Section | None = None
        heading = self.sectionHeading.font()
        heading.setBold(True)
        heading.setPointSizeF(heading.pointSizeF() * 1.15)
        self.sectionHeading.setFont(heading)
        self.sectionTitleEdit.editingFinished.connect(self._commit)
        self.sectionIntroEdit.installEventFilter(_CommitOnLeave(self, self._commit))
        self.numberingCombo.addItem("1, 2, 3 … through the whole questionnaire", Numbering.CONTINUOUS.value)
        self.numberingCombo.addItem("Starting again at 1 in each section", Numbering.BY_SECTION.value)
        self.settings: tuple[str, Numbering] | None = None
        self.questionnaireTitleEdit.editingFinished.connect(self._commit_settings)
        self.numberingCombo.activated.connect(lambda _: self._commit_settings())

    def show_section(
        self,
        index: int,
        section: Section,
        problems: list[Problem],
        read_only: bool,
        settings: tuple[str, Numbering] = ("", Numbering.CONTINUOUS),
    ) -> None:
        self.index, self.section, self.settings = index, section, settings
        _set_line(self.questionnaireTitleEdit, settings[0])
        self.numberingCombo.setCurrentIndex(self.numberingCombo.findData(settings[1].value))
        self.questionnaireTitleEdit.setReadOnly(read_only)
        self.numberingCombo.setEnabled(not read_only)
        self.sectionHeading.setText(f"Section {index + 1}")
        if self.sectionTitleEdit.text() != section.title:
            self.sectionTitleEdit.setText(section.title)
        if self.sectionIntroEdit.toPlainText() != section.intro:
            self.sectionIntroEdit.setPlainText(section.intro)
        self.sectionProblemsLabel.setText(problems_html(problems))
        self.sectionProblemsLabel.setVisible(bool(problems))
        self.sectionTitleEdit.setReadOnly(read_only)
        self.sectionIntroEdit.setReadOnly(read_only)

    def commit_pending(self) -> None:
        self._commit()
        self._commit_settings()

    def _commit_settings(self) -> None:
        if self.settings is None:
            return
        after = (self.questionnaireTitleEdit.text().strip(), Numbering(self.numberingCombo.currentData()))
        if after != self.settings:
            self.settings_changed.emit(self.settings, after)

    def _commit(self) -> None:
        if self.section is None or self.index is None:
            return
        before = (self.section.title, self.section.intro)
        after = (self.sectionTitleEdit.text().strip(), self.sectionIntroEdit.toPlainText().strip())
        if after != before:
            self.section_changed.emit(self.index, before, after)


# --------------------------------------------------------------------------- answer options


class _PolarityDelegate(QStyledItemDelegate):
    def createEditor(self, parent, option, index):
        combo = QComboBox(parent)
        combo.addItems(list(POLARITY_LABELS.values()))
        return combo

    def setEditorData(self, editor, index):
        editor.setCurrentText(index.data())

    def setModelData(self, editor, model, index):
        model.setData(index, editor.currentText())


class _CodeDelegate(QStyledItemDelegate):
    """An answer's code drawn whole: a long one wraps after an underscore ('strongly_' then 'disagree'), and a part
    too wide for the column anywhere, rather than being cut short to 'strongly_…'. Only its drawing breaks: it is
    edited, stored and copied as typed."""

    def initStyleOption(self, option, index) -> None:  # noqa: N802 (Qt's name)
        super().initStyleOption(option, index)
        room = option.rect.width() - 8  # the cell's margins
        metrics = option.fontMetrics
        parts = [
            part if room <= 0 or metrics.horizontalAdvance(part + "_") <= room else ZERO_WIDTH_SPACE.join(part)
            for part in option.text.split("_")
        ]
        option.text = ("_" + ZERO_WIDTH_SPACE).join(parts)


class OptionsModel(QStandardItemModel):
    """A question's answers, a row each. Dropping a row asks to move it (`move_requested`)."""

    move_requested = Signal(str, int)  # option code, new position

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.setHorizontalHeaderLabels(list(OPTION_COLUMNS))
        for column, tip in enumerate(OPTION_COLUMN_TIPS):
            self.setHeaderData(column, Qt.Orientation.Horizontal, tip, Qt.ItemDataRole.ToolTipRole)

    def show(self, options: tuple[Option, ...], read_only: bool) -> None:
        self.removeRows(0, self.rowCount())
        editable = Qt.ItemFlag.ItemIsEditable if not read_only else Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled
        for option in options:
            texts = (option.label, option.code, _number_text(option.score), POLARITY_LABELS[option.polarity])
            row = [QStandardItem(text) for text in texts]
            for item in row:
                item.setFlags(base | editable)
                item.setToolTip(option.display_label)
            for flag in (option.excluded_from_base, option.is_other):
                check = QStandardItem()
                check.setFlags(base | (Qt.ItemFlag.ItemIsUserCheckable if not read_only else Qt.ItemFlag.NoItemFlags))
                check.setCheckState(Qt.CheckState.Checked if flag else Qt.CheckState.Unchecked)
                row.append(check)
            row[0].setData(option.code, Qt.ItemDataRole.UserRole)
            self.appendRow(row)

    def option_at(self, row: int, original: Option) -> Option | None:
        """The option as the row now shows it, or None when a score is not a number."""
        try:
            score = _number(self.item(row, 2).text())
        except ValueError:
            return None
        polarity = next(
            (p for p, label in POLARITY_LABELS.items() if label == self.item(row, 3).text()), original.polarity
        )
        return replace(
            original,
            label=self.item(row, 0).text().strip(),
            code=self.item(row, 1).text().strip(),
            score=score,
            polarity=polarity,
            excluded_from_base=self.item(row, 4).checkState() == Qt.CheckState.Checked,
            is_other=self.item(row, 5).checkState() == Qt.CheckState.Checked,
        )

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [OPTION_MIME_TYPE]

    def mimeData(self, indexes) -> QMimeData:
        data = QMimeData()
        rows = sorted({i.row() for i in indexes if i.isValid()})
        if rows:
            data.setData(OPTION_MIME_TYPE, str(self.item(rows[0], 0).data(Qt.ItemDataRole.UserRole)).encode("utf-8"))
        return data

    def canDropMimeData(self, data, action, row, column, parent) -> bool:
        return data.hasFormat(OPTION_MIME_TYPE)

    def dropMimeData(self, data, action, row, column, parent) -> bool:
        if not data.hasFormat(OPTION_MIME_TYPE):
            return False
        code = bytes(data.data(OPTION_MIME_TYPE)).decode("utf-8")
        codes = [self.item(r, 0).data(Qt.ItemDataRole.UserRole) for r in range(self.rowCount())]
        if code not in codes:
            return False
        target = parent.row() if parent.isValid() else (self.rowCount() if row < 0 else row)
        position = target - 1 if codes.index(code) < target else target  # its place once taken out of the list
        QTimer.singleShot(0, lambda: self.move_requested.emit(code, position))
        return False


# --------------------------------------------------------------------------- questions


class QuestionEditor(QWidget):
    question_changed = Signal(object, object)  # Question before, after
    question_typed = Signal(object)  # the question as typed so far, for the live preview
    option_changed = Signal(str, object, object)  # question code, Option before, after
    option_add_requested = Signal(str)
    option_delete_requested = Signal(str, str)  # question code, option code
    option_move_requested = Signal(str, str, int)  # question code, option code, new position
    score_switched = Signal(str, bool)  # question code, whether it is to count towards its Standard's score
    invalid_input = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        load_form("question_editor", self)
        self.question: Question | None = None
        self.questionnaire: Questionnaire | None = None
        self._filling = False
        heading = self.questionHeading.font()
        heading.setBold(True)
        heading.setPointSizeF(heading.pointSizeF() * 1.15)
        self.questionHeading.setFont(heading)
        for qtype in QuestionType:
            self.typeCombo.addItem(qtype.label, qtype.value)
        self.standards_edition: str | None = None  # the edition the Standard box names, once a question is shown
        self.options = OptionsModel(self)
        self.optionsTable.setModel(self.options)
        self.optionsTable.setItemDelegateForColumn(3, _PolarityDelegate(self.optionsTable))
        self.optionsTable.setItemDelegateForColumn(1, _CodeDelegate(self.optionsTable))
        rows = self.optionsTable.verticalHeader()
        rows.setVisible(False)
        # A long answer or code wraps onto a second line of its row, rather than being cut short.
        self.optionsTable.setWordWrap(True)
        rows.setMinimumSectionSize(self.fontMetrics().height() + 10)
        rows.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header = self.optionsTable.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(1, CODE_COLUMN_WIDTHS[0])  # a long code wraps rather than squeezing the answers
        for column in range(2, len(OPTION_COLUMNS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        # The answer's wording stays readable in a narrow pane, and every column is whole on a laptop's screen.
        fill_with_column(self.optionsTable, 0, 130)
        self._connect()

    def _connect(self) -> None:
        self.textEdit.installEventFilter(_CommitOnLeave(self, self._commit))
        self.helpEdit.installEventFilter(_CommitOnLeave(self, self._commit))
        self.textEdit.textChanged.connect(self._typed)
        self.helpEdit.textChanged.connect(self._typed)
        for edit in (self.codeEdit, self.shortTitleEdit, self.unitEdit, self.minEdit, self.maxEdit):
            edit.editingFinished.connect(self._commit)
        self.typeCombo.activated.connect(lambda _: self._commit())
        self.standardCombo.activated.connect(lambda _: self._commit())
        self.dimensionCheck.clicked.connect(lambda _: self._commit())
        self.scoreCheck.clicked.connect(self._score_clicked)
        self.followUpGroup.clicked.connect(self._follow_up_switched)
        self.parentCombo.activated.connect(lambda _: self._parent_chosen())
        self.triggerList.itemChanged.connect(lambda _: self._commit())
        self.options.itemChanged.connect(self._option_edited)
        self.options.move_requested.connect(self._option_dropped)
        self.addOptionButton.clicked.connect(self._add_option)
        self.deleteOptionButton.clicked.connect(self._delete_option)
        self.optionUpButton.clicked.connect(lambda: self._move_option(-1))
        self.optionDownButton.clicked.connect(lambda: self._move_option(+1))
        for keys, step in (("Alt+Up", -1), ("Alt+Down", +1)):
            shortcut = QShortcut(QKeySequence(keys), self.optionsTable)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda step=step: self._move_option(step))
        delete = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.optionsTable)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self._delete_option)

    # ------------------------------------------------------------------ showing a question

    def show_question(
        self,
        question: Question,
        questionnaire: Questionnaire,
        number: str,
        problems: list[Problem],
        trend_note: str,
        read_only: bool,
        score_note: str = "",
    ) -> None:
        """Show a question to edit. `score_note` says what ticking 'Counts towards its Standard's score' changes
        beyond the questionnaire (the scores of a cycle that has answers)."""
        self._filling = True
        try:
            self.question, self.questionnaire = question, questionnaire
            self.questionHeading.setText(f"Question {number}")
            self.questionProblemsLabel.setText(problems_html(problems))
            self.questionProblemsLabel.setVisible(bool(problems))
            self.trendLabel.setText(trend_note)
            self.trendLabel.setStyleSheet("color: palette(dark);")
            self.trendLabel.setVisible(bool(trend_note))
            _set_plain(self.textEdit, question.text)
            _set_line(self.codeEdit, question.code)
            self.typeCombo.setCurrentIndex(self.typeCombo.findData(question.qtype.value))
            self._name_standards(questionnaire.standards)
            self.standardCombo.setCurrentIndex(max(self.standardCombo.findData(question.standard), 0))
            _set_line(self.shortTitleEdit, question.short_title)
            _set_plain(self.helpEdit, question.help_text)
            self.dimensionCheck.setChecked(question.is_dimension)
            self._show_score(question, questionnaire, read_only, score_note)
            self.numberGroup.setVisible(question.qtype is QuestionType.NUMBER)
            _set_line(self.unitEdit, question.unit)
            _set_line(self.minEdit, _number_text(question.min_value))
            _set_line(self.maxEdit, _number_text(question.max_value))
            self.optionsGroup.setVisible(question.qtype.has_options)
            self.options.show(question.options, read_only)
            self._fit_code_column(question.options)
            self._show_follow_up(question, questionnaire)
            for widget in (
                self.textEdit,
                self.codeEdit,
                self.shortTitleEdit,
                self.helpEdit,
                self.unitEdit,
                self.minEdit,
                self.maxEdit,
            ):
                widget.setReadOnly(read_only)
            for widget in (
                self.typeCombo,
                self.standardCombo,
                self.dimensionCheck,
                self.followUpGroup,
                self.addOptionButton,
                self.deleteOptionButton,
                self.optionUpButton,
                self.optionDownButton,
            ):
                widget.setEnabled(not read_only)
        finally:
            self._filling = False

    def _name_standards(self, edition: Edition) -> None:
        """The Standard box names the Standards as the cycle's edition does (2020's titles for a 2020 cycle)."""
        if self.standards_edition == edition.id:
            return
        self.standards_edition = edition.id
        self.standardCombo.clear()
        self.standardCombo.addItem(NOT_ABOUT_A_STANDARD, None)
        for number, standard in edition.standards.items():
            self.standardCombo.addItem(standard.short_label, number)
            self.standardCombo.setItemData(self.standardCombo.count() - 1, standard.label, Qt.ItemDataRole.ToolTipRole)

    def _show_score(self, question: Question, questionnaire: Questionnaire, read_only: bool, note: str) -> None:
        """Whether the question counts towards its Standard's score: a box to tick for an agreement statement filed
        under a Standard; for any other question, the box cleared and the reason it cannot count."""
        reason = why_not_scored(question)
        standard = questionnaire.standards.standard(question.standard) if question.standard is not None else None
        self.scoreCheck.setText(
            f"Counts towards Standard {standard.number}'s s&core"
            if standard
            else "Counts towards its Standard's s&core"
        )
        self.scoreCheck.setChecked(not reason and question.in_standard_score)
        self.scoreCheck.setEnabled(not reason and not read_only)
        self.scoreCheck.setToolTip(
            f"The score out of 100 for {standard.label} is the mean of the agreement statements that count towards it."
            if standard
            else "A Standard's score out of 100 is the mean of the agreement statements that count towards it."
        )
        shown = reason or note
        self.scoreNoteLabel.setText(shown)
        self.scoreNoteLabel.setStyleSheet("color: palette(dark);")
        self.scoreNoteLabel.setVisible(bool(shown))

    def _score_clicked(self, checked: bool) -> None:
        if not self._filling and self.question is not None:
            self.score_switched.emit(self.question.code, checked)

    def _fit_code_column(self, options: tuple[Option, ...]) -> None:
        """The code column as wide as the longest part of a code between underscores, within bounds: a code wraps at
        its underscores ('safeguarding_' over 'and_child'), and is broken inside a word only when one is too long for
        the widest column the answers can spare."""
        metrics = self.optionsTable.fontMetrics()
        widest = max((metrics.horizontalAdvance(part + "_") for o in options for part in o.code.split("_")), default=0)
        self.optionsTable.horizontalHeader().resizeSection(
            1, max(CODE_COLUMN_WIDTHS[0], min(widest + 10, CODE_COLUMN_WIDTHS[1]))
        )

    def _eligible_parents(self, question: Question, questionnaire: Questionnaire) -> list[Question]:
        earlier = []
        for candidate in questionnaire.questions():
            if candidate.code == question.code:
                break
            if candidate.qtype.has_options:
                earlier.append(candidate)
        return earlier

    def _show_follow_up(self, question: Question, questionnaire: Questionnaire) -> None:
        numbers = questionnaire.numbering()
        self.parentCombo.clear()
        for parent in self._eligible_parents(question, questionnaire):
            self.parentCombo.addItem(f"{numbers[parent.code]}. {parent.text}", parent.code)
        follow_up = question.follow_up
        self.followUpGroup.setChecked(follow_up is not None)
        self.triggerList.clear()
        if follow_up is None:
            return
        index = self.parentCombo.findData(follow_up.parent_code)
        if index < 0:
            self.parentCombo.addItem(f"{follow_up.parent_code} (must come before this question)", follow_up.parent_code)
            index = self.parentCombo.count() - 1
        self.parentCombo.setCurrentIndex(index)
        parent = questionnaire.find(follow_up.parent_code)
        for option in parent.options if parent else ():
            item = QListWidgetItem(option.label, self.triggerList)
            item.setData(Qt.ItemDataRole.UserRole, option.code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(
                Qt.CheckState.Checked if option.code in follow_up.option_codes else Qt.CheckState.Unchecked
            )

    # ------------------------------------------------------------------ reading what was typed

    def typed_question(self) -> Question | None:
        """The question as the fields now say, or None (with the reason emitted) when a number cannot be read."""
        question = self.question
        if question is None:
            return None
        try:
            low, high = _number(self.minEdit.text()), _number(self.maxEdit.text())
        except ValueError:
            self.invalid_input.emit("The lowest and highest numbers must be numbers, such as 0 or 37.5, or left empty.")
            return None
        return replace(
            question,
            text=" ".join(self.textEdit.toPlainText().split()),
            code=self.codeEdit.text().strip(),
            qtype=QuestionType(self.typeCombo.currentData()),
            standard=self.standardCombo.currentData(),
            short_title=self.shortTitleEdit.text().strip(),
            help_text=self.helpEdit.toPlainText().strip(),
            is_dimension=self.dimensionCheck.isChecked(),
            unit=self.unitEdit.text().strip(),
            min_value=low,
            max_value=high,
            follow_up=self._typed_follow_up(),
        )

    def _typed_follow_up(self) -> FollowUp | None:
        if not self.followUpGroup.isChecked() or self.parentCombo.currentIndex() < 0:
            return None
        codes = [
            self.triggerList.item(row).data(Qt.ItemDataRole.UserRole)
            for row in range(self.triggerList.count())
            if self.triggerList.item(row).checkState() == Qt.CheckState.Checked
        ]
        return FollowUp(self.parentCombo.currentData(), tuple(codes))

    def _typed(self) -> None:
        if not self._filling and self.question is not None:
            question = replace(
                self.question,
                text=" ".join(self.textEdit.toPlainText().split()),
                help_text=self.helpEdit.toPlainText().strip(),
            )
            self.question_typed.emit(question)

    def _commit(self) -> None:
        if self._filling or self.question is None:
            return
        after = self.typed_question()
        if after is not None and after != self.question:
            self.question_changed.emit(self.question, after)

    def commit_pending(self) -> None:
        """Save what is typed but not yet saved (before the page shows something else)."""
        self._commit()

    def _follow_up_switched(self, on: bool) -> None:
        if self._filling or self.question is None or self.questionnaire is None:
            return
        if on and self.parentCombo.count() == 0:
            self.followUpGroup.setChecked(False)
            self.invalid_input.emit(
                "A follow-up needs a question with answers to choose from before it. Move this "
                "question after the one it follows up, then try again."
            )
            return
        if on:  # most follow-ups follow the question just before them
            self.parentCombo.setCurrentIndex(self.parentCombo.count() - 1)
        self.triggerList.clear()  # the condition starts empty: the editor asks which answers lead here
        self._commit()

    def _parent_chosen(self) -> None:
        self.triggerList.clear()
        self._commit()

    # ------------------------------------------------------------------ answers

    def _option_edited(self, item: QStandardItem) -> None:
        if self._filling or self.question is None or item.row() >= len(self.question.options):
            return
        before = self.question.options[item.row()]
        after = self.options.option_at(item.row(), before)
        if after is None:
            self.invalid_input.emit("A score must be a number, such as 75, or left empty.")
            self.options.show(self.question.options, False)
            return
        if after != before:
            # Saved once the table has finished with its editor: saving shows the answers afresh, which must not
            # happen while the table is still inside the edit.
            code = self.question.code
            QTimer.singleShot(0, lambda: self.option_changed.emit(code, before, after))

    def _selected_option_row(self) -> int | None:
        rows = self.optionsTable.selectionModel().selectedRows() if self.optionsTable.selectionModel() else []
        if rows:
            return rows[0].row()
        current = self.optionsTable.currentIndex()
        return current.row() if current.isValid() else None

    def select_option(self, code: str | None) -> None:
        if self.question is None or code is None:
            return
        codes = [o.code for o in self.question.options]
        if code in codes:
            self.optionsTable.selectRow(codes.index(code))

    def _add_option(self) -> None:
        if self.question is not None:
            self.option_add_requested.emit(self.question.code)

    def _delete_option(self) -> None:
        row = self._selected_option_row()
        if self.question is not None and row is not None and row < len(self.question.options):
            self.option_delete_requested.emit(self.question.code, self.question.options[row].code)

    def _move_option(self, step: int) -> None:
        row = self._selected_option_row()
        if self.question is not None and row is not None and row < len(self.question.options):
            self.option_move_requested.emit(self.question.code, self.question.options[row].code, row + step)

    def _option_dropped(self, option_code: str, position: int) -> None:
        if self.question is not None:
            self.option_move_requested.emit(self.question.code, option_code, position)


def _set_line(edit, text: str) -> None:
    if edit.text() != text:  # keeps the cursor where it is when nothing changed
        edit.setText(text)


def _set_plain(edit, text: str) -> None:
    if " ".join(edit.toPlainText().split()) != " ".join(text.split()) or not text:
        edit.setPlainText(text)
