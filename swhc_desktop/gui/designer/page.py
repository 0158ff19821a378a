"""The Questionnaire page: the cycle's questionnaire as a tree beside an editor and a live preview. Every change is
saved to the file as it is made, as one undoable edit on the window's undo stack; changes that would lose answers
are refused with the reason; the hand-outs are made from its Hand out menu (see `handouts`)."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import QListWidgetItem, QScrollArea, QWidget

from ...domain.changes import Change
from ...domain.errors import SwhcError
from ...domain.plurals import counted, noun
from ...domain.questionnaire import Problem, Question, Questionnaire, errors_only, make_code
from ...domain.records import Cycle
from ...questionnaires.bank import question_bank
from ...questionnaires.edits import (
    AnswerCounts,
    ChangeSection,
    ChangeSettings,
    Edit,
    EditRefused,
    Focus,
    QuestionnaireChange,
    QuestionnaireDesign,
    wording_change_warning,
)
from ...questionnaires.standard_statements import switch_statement
from ...storage import HealthCheckFile
from ..common.empty_note import keep_readable
from ..common.forms import load_form
from ..common.messages import ask, show_problem
from ..common.tasks import TaskRunner
from ..common.undo import make_undoable
from .dialogs import QuestionBankDialog
from .editors import QuestionEditor, SectionEditor
from .handouts import HandOuts
from .preview import QuestionPreview
from .standard_statements import StandardStatementsDialog
from .tree import KEY_ROLE, SEARCH_ROLE, DropTarget, ItemKey, QuestionTreeModel

PROBLEM_ROLE = Qt.ItemDataRole.UserRole + 5


def _people(count: int) -> str:
    return f"{count} {'person' if count == 1 else 'people'}"


class DesignerPage(QWidget):
    start_cycle_requested = Signal()
    contents_changed = Signal()  # a saved edit: the window refreshes what it shows of the cycle
    cycle_requested = Signal(int)  # an undo changed another cycle's questionnaire: show that cycle
    status_message = Signal(str)

    def __init__(self, undo_stack: QUndoStack, tasks: TaskRunner, parent: QWidget | None = None):
        super().__init__(parent)
        load_form("designer_page", self)
        keep_readable(self.emptyLayout, self.emptyLabel, self.emptyNewCycleButton)
        self.undo_stack = undo_stack
        self.tasks = tasks.shown_over(self)  # the window's runner: only one job uses the file at a time
        self.hc: HealthCheckFile | None = None
        self.cycle: Cycle | None = None
        self.design: QuestionnaireDesign | None = None
        self.problems: list[Problem] = []
        self.current: ItemKey | None = None
        self._pending_focus: Focus | None = None
        self._set_up_tree()
        self._set_up_editors()
        self._set_up_actions()
        self.mainSplitter.setStretchFactor(0, 5)
        self.mainSplitter.setStretchFactor(1, 5)
        self.mainSplitter.setStretchFactor(2, 3)
        # On a laptop's screen (1366 wide) the question's editor has room for every column of its answers.
        self.mainSplitter.setSizes([380, 530, 270])

    # ------------------------------------------------------------------ set-up

    def _set_up_tree(self) -> None:
        self.model = QuestionTreeModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setRecursiveFilteringEnabled(True)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterRole(SEARCH_ROLE)
        self.proxy.setFilterKeyColumn(0)
        self.questionTree.setModel(self.proxy)
        # A narrow tree keeps each title's start and end: what tells a matrix's statements apart is at the end.
        self.questionTree.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        header = self.questionTree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, header.ResizeMode.Stretch)
        header.setSectionResizeMode(1, header.ResizeMode.Interactive)
        header.resizeSection(1, 125)
        self.questionTree.selectionModel().currentChanged.connect(self._current_changed)
        self.model.move_requested.connect(self._move_requested)
        self.filterEdit.textChanged.connect(self._filter)
        self.problemsList.itemActivated.connect(self._problem_chosen)
        self.problemsList.itemClicked.connect(self._problem_chosen)
        self.questionTree.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)

    def _set_up_editors(self) -> None:
        self.section_editor = SectionEditor()
        self.question_editor = QuestionEditor()
        self.section_scroll, self.question_scroll = QScrollArea(), QScrollArea()
        for scroll, editor in (
            (self.section_scroll, self.section_editor),
            (self.question_scroll, self.question_editor),
        ):
            scroll.setWidgetResizable(True)
            scroll.setFrameShape(QScrollArea.Shape.NoFrame)
            scroll.setWidget(editor)
            self.editorStack.addWidget(scroll)
        self.preview = QuestionPreview()
        self.previewScroll.setWidget(self.preview)
        # Wording wraps to the pane; an answer too long to fit on one line scrolls sideways rather than being cut off.
        self.previewScroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.section_editor.section_changed.connect(self._section_changed)
        self.section_editor.settings_changed.connect(
            lambda before, after: self.push(
                ChangeSettings(before, after, "change the questionnaire's title or numbering")
            )
        )
        editor = self.question_editor
        editor.question_changed.connect(self._question_changed)
        editor.question_typed.connect(self._question_typed)
        editor.option_changed.connect(self._option_changed)
        editor.option_add_requested.connect(lambda code: self._push_built(lambda d: d.add_option(code)))
        editor.option_delete_requested.connect(self._delete_option)
        editor.option_move_requested.connect(
            lambda code, option, to: self._push_built(lambda d: d.move_option(code, option, to))
        )
        editor.invalid_input.connect(lambda message: self._refuse(EditRefused(message)))
        editor.score_switched.connect(self.switch_statement)
        duplicate_answer = QAction("D&uplicate answer", editor.optionsTable)
        duplicate_answer.setShortcut(QKeySequence("Ctrl+D"))
        duplicate_answer.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        duplicate_answer.triggered.connect(self._duplicate_option)
        editor.optionsTable.addAction(duplicate_answer)
        editor.optionsTable.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)

    def _tree_action(self, text: str, keys: str | QKeySequence.StandardKey | None, slot) -> QAction:
        action = QAction(text, self.questionTree)
        if keys is not None:
            action.setShortcut(QKeySequence(keys))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        self.questionTree.addAction(action)
        return action

    def _set_up_actions(self) -> None:
        self.addQuestionButton.clicked.connect(self.add_question)
        self.addSectionButton.clicked.connect(self.add_section)
        self.bankButton.clicked.connect(self.add_from_bank)
        self.duplicateButton.clicked.connect(self.duplicate)
        self.deleteButton.clicked.connect(self.delete)
        self.moveUpButton.clicked.connect(lambda: self.move_by(-1))
        self.moveDownButton.clicked.connect(lambda: self.move_by(+1))
        self.emptyNewCycleButton.clicked.connect(self.start_cycle_requested)
        self.scoresButton.clicked.connect(self.show_standard_statements)
        self._tree_action("Add &question", "Insert", self.add_question)
        self._tree_action("Add &section", None, self.add_section)
        self._tree_action("D&uplicate", "Ctrl+D", self.duplicate)
        self._tree_action("&Delete", QKeySequence.StandardKey.Delete, self.delete)
        self._tree_action("Move &up", "Alt+Up", lambda: self.move_by(-1))
        self._tree_action("Move do&wn", "Alt+Down", lambda: self.move_by(+1))
        separator = QAction(self.questionTree)
        separator.setSeparator(True)
        self.questionTree.addAction(separator)
        self.new_cycle_action = self._tree_action(
            "Start a &new cycle (from a template or this one)…", None, self.start_cycle_requested.emit
        )
        self.hand_outs = HandOuts(self, self.tasks)

    # ------------------------------------------------------------------ showing a cycle

    def show_cycle(self, hc: HealthCheckFile | None, cycle: Cycle | None) -> None:
        same = self.hc is hc and self.cycle is not None and cycle is not None and self.cycle.id == cycle.id
        if not same:
            self.filterEdit.clear()
        self.hc, self.cycle = hc, cycle
        if hc is None or cycle is None:
            self.design = None
            self.pageStack.setCurrentWidget(self.emptyPage)
            self.emptyLabel.setText(
                "Open a health check, or start a new one, from the File menu."
                if hc is None
                else "This health check has no cycles yet. A cycle is one year's health check: its questionnaire, "
                "the responses, the findings and the action plan. Start the first cycle to design this year's "
                "questionnaire."
            )
            self.emptyNewCycleButton.setVisible(hc is not None and not hc.read_only)
            return
        self.pageStack.setCurrentWidget(self.designerPane)
        focus = self._pending_focus or (self._focus_of(self.current) if same else None)
        self._pending_focus = None
        self.reload(focus)

    @property
    def read_only(self) -> bool:
        return self.hc is None or self.hc.read_only

    def reload(self, focus: Focus | None = None) -> None:
        """Show the questionnaire as the file holds it, choosing the focused item (or the first question)."""
        hc, cycle = self.hc, self.cycle
        assert hc is not None and cycle is not None
        questionnaire = hc.questionnaires.load(cycle.id)
        self.design = QuestionnaireDesign(questionnaire, AnswerCounts.of(hc, cycle.id))
        self.problems = questionnaire.validate()
        self.model.show(questionnaire, self.problems)
        self.questionTree.expandAll()
        for row in range(self.proxy.rowCount()):
            self.questionTree.setFirstColumnSpanned(row, QModelIndex(), True)
        self._show_problems()
        key = self._key_for(focus)
        self.current = None
        if key is not None:
            self.select(key)
        else:
            self._show_item(None)
        self._update_buttons()
        if focus is not None and focus.option_code:
            self.question_editor.select_option(focus.option_code)

    def _key_for(self, focus: Focus | None) -> ItemKey | None:
        questionnaire = self.design.questionnaire if self.design else None
        if questionnaire is None or not questionnaire.sections:
            return None
        if focus is not None and focus.question_code and questionnaire.find(focus.question_code):
            return ItemKey(question_code=focus.question_code)
        if focus is not None and focus.section_index is not None:
            return ItemKey(section_index=min(focus.section_index, len(questionnaire.sections) - 1))
        first = next(questionnaire.questions(), None)
        return ItemKey(question_code=first.code) if first else ItemKey(section_index=0)

    @staticmethod
    def _focus_of(key: ItemKey | None) -> Focus | None:
        if key is None:
            return None
        return Focus(section_index=key.section_index, question_code=key.question_code)

    def select(self, key: ItemKey) -> None:
        source = self.model.index_of(key)
        index = self.proxy.mapFromSource(source)
        if not index.isValid():
            self._show_item(key)
            return
        self.questionTree.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        )
        self.questionTree.scrollTo(index)
        if self.current != key:
            self._show_item(key)

    def _current_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        key = current.data(KEY_ROLE) if current.isValid() else None
        if key is not None and key.is_question:
            key = ItemKey(question_code=key.question_code)
        if key != self.current:
            self._show_item(key)
        self._update_buttons()

    def _show_item(self, key: ItemKey | None) -> None:
        another_item = key != self.current
        self.current = key
        design = self.design
        if design is None or key is None:
            self.editorStack.setCurrentWidget(self.nothingChosenPage)
            self.preview.clear()
            return
        questionnaire = design.questionnaire
        if key.is_question:
            question = questionnaire.question(key.question_code)
            number = design.numbers[question.code]
            problems = [p for p in self.problems if p.question_code == question.code]
            self.question_editor.show_question(
                question,
                questionnaire,
                number,
                problems,
                self._trend_note(question),
                self.read_only,
                self._score_note(question),
            )
            self.editorStack.setCurrentWidget(self.question_scroll)
            self.preview.show_question(question, questionnaire, number)
        else:
            index = key.section_index
            section = questionnaire.sections[index]
            problems = [p for p in self.problems if p.section_index == index]
            self.section_editor.show_section(
                index, section, problems, self.read_only, (questionnaire.title, questionnaire.numbering_style)
            )
            self.editorStack.setCurrentWidget(self.section_scroll)
            self.preview.show_section(section, index)
        if another_item:  # another question or section starts at its top, its wording first; an edit keeps the place
            for scroll in (self.question_scroll, self.section_scroll):
                scroll.verticalScrollBar().setValue(0)

    def _trend_note(self, question: Question) -> str:
        """What protects this question: earlier years it is compared with, answers it already has."""
        assert self.hc is not None and self.cycle is not None and self.design is not None
        notes = []
        earlier = self.hc.questionnaire_edits.earlier_wordings(self.cycle.id, question.code)
        if earlier:
            names = ", ".join(name for name, _ in earlier)
            notes.append(f"Also asked in {names} (same code), so its results are compared with those years.")
            last_name, last_text = earlier[-1]
            if last_text != question.text:
                notes.append(f"The wording differs from {last_name}'s: “{last_text}”.")
        answered = self.design.counts.questions.get(question.code, 0)
        if answered:
            notes.append(
                f"Answered by {_people(answered)} in {self.cycle.name}: it cannot be deleted, and its type "
                "cannot be changed."
            )
        return " ".join(notes)

    def _score_note(self, question: Question) -> str:
        """What counting a statement towards its Standard's score, or not, changes once the cycle has answers."""
        assert self.cycle is not None
        count = self.cycle.response_count
        if not count or question.standard is None:
            return ""
        return (
            f"{self.cycle.name} has {counted(count, 'response')}: changing this changes "
            f"Standard {question.standard}'s score for {self.cycle.name} at once (no answer changes)."
        )

    def _question_typed(self, question: Question) -> None:
        if self.design is not None:
            self.preview.show_question(question, self.design.questionnaire, self.design.numbers.get(question.code, ""))

    def _show_problems(self) -> None:
        self.problemsList.clear()
        errors = errors_only(self.problems)
        notes = sum(p.is_note for p in self.problems)
        checks = len(self.problems) - len(errors) - notes
        if errors:
            heading = f"{counted(len(errors), 'error')} to fix before the questionnaire can be handed out:"
            self.problemsHeading.setStyleSheet("color: #a4262c; font-weight: bold;")
        else:
            said = [f"{counted(checks, 'thing')} to check"] if checks else []
            if notes:
                said.append(f"{counted(notes, 'note')} on how questions are reported")
            heading = f"Ready to hand out. {' and '.join(said)}:" if said else "No problems found: ready to hand out."
            self.problemsHeading.setStyleSheet("")
        self.problemsHeading.setText(heading)
        for problem in sorted(self.problems, key=lambda p: (not p.is_error, p.is_note)):
            item = QListWidgetItem(f"{problem.kind}: {problem.message}", self.problemsList)
            item.setData(PROBLEM_ROLE, problem)
            item.setToolTip(problem.message)
        self.problemsList.setVisible(bool(self.problems))
        self.handOutButton.setToolTip(
            "Fix the errors listed under the questionnaire first"
            if errors
            else "The paper form, the response template and the question list for an online tool"
        )

    def _problem_chosen(self, item: QListWidgetItem) -> None:
        problem: Problem = item.data(PROBLEM_ROLE)
        if problem.question_code and self.design and self.design.questionnaire.find(problem.question_code):
            self.select(ItemKey(question_code=problem.question_code))
        elif problem.section_index is not None:
            self.select(ItemKey(section_index=problem.section_index))

    def _update_buttons(self) -> None:
        editable = not self.read_only and self.design is not None
        chosen = self.current is not None
        for widget in (self.addSectionButton, self.bankButton):
            widget.setEnabled(editable)
        self.scoresButton.setEnabled(self.design is not None)  # shown read-only on a read-only file
        has_sections = bool(self.design and self.design.questionnaire.sections)
        self.addQuestionButton.setEnabled(editable and has_sections)
        for widget in (self.duplicateButton, self.deleteButton, self.moveUpButton, self.moveDownButton):
            widget.setEnabled(editable and chosen)
        self.questionTree.setDragEnabled(editable and not self.filterEdit.text().strip())
        for action in self.questionTree.actions():
            action.setEnabled(editable)

    def _filter(self, text: str) -> None:
        self.proxy.setFilterFixedString(text.strip())
        self.questionTree.expandAll()
        for row in range(self.proxy.rowCount()):
            self.questionTree.setFirstColumnSpanned(row, QModelIndex(), True)
        self._update_buttons()  # moving by dragging is off while only some questions are shown

    # ------------------------------------------------------------------ saving edits

    def commit_pending(self) -> None:
        """Save a field that is still being typed in (the window calls this before closing the file)."""
        if self.hc is None or self.cycle is None or self.read_only:
            return
        current = self.editorStack.currentWidget()
        if current is self.question_scroll:
            self.question_editor.commit_pending()
        elif current is self.section_scroll:
            self.section_editor.commit_pending()

    def _refuse(self, problem: SwhcError) -> None:
        show_problem(self, problem)

    def _push_built(self, build) -> None:
        """Build an edit from the current design (which may refuse, in words) and save it."""
        if self.design is None or self.read_only:
            return
        try:
            edit = build(self.design)
        except SwhcError as problem:
            self._refuse(problem)
            self.reload(self._focus_of(self.current))  # the editor shows what the file holds, not what was refused
            return
        self.push(edit)

    def push(self, edit: Edit | None) -> bool:
        """Save an edit to the file now, then put it on the undo stack. Returns whether it was saved."""
        if edit is None or self.hc is None or self.cycle is None:
            return False
        try:
            undo = make_undoable(
                self.undo_stack, self.hc, QuestionnaireChange(self.cycle.id, edit), self, self._after_undo
            )
        except SwhcError as problem:
            self._refuse(problem)
            self.reload(self._focus_of(self.current))  # the editor shows what the file holds, not what was refused
            return False
        assert isinstance(undo, QuestionnaireChange)
        self.reload(self._focus_after(undo.focus))
        self.contents_changed.emit()
        return True

    def _focus_after(self, focus: Focus) -> Focus | None:
        """Where to be once an edit is made or undone: where it says, or, for an edit of no one place (the
        questionnaire's title, the statements feeding a score), where the user was."""
        return self._focus_of(self.current) if focus == Focus() else focus

    def _after_undo(self, pending: Change | None) -> None:
        """Show what an undo or redo changed, in its cycle; or, when it failed, what the file holds."""
        if not isinstance(pending, QuestionnaireChange):
            if self.cycle is not None:
                self.reload(self._focus_of(self.current))
        elif self.cycle is not None and pending.cycle_id == self.cycle.id:
            self.reload(self._focus_after(pending.focus))
            self.contents_changed.emit()
        else:
            self._pending_focus = pending.focus
            self.cycle_requested.emit(pending.cycle_id)

    # ------------------------------------------------------------------ what the user asks

    def _section_index_for_new(self) -> tuple[int, int | None]:
        """The section and place a new question goes: after the chosen question, or at the end of the chosen section."""
        assert self.design is not None
        key = self.current
        if key is not None and key.is_question:
            section, position = self.design.place_of(key.question_code)
            return section, position + 1
        if key is not None:
            return key.section_index, None
        return len(self.design.questionnaire.sections) - 1, None

    def add_question(self) -> None:
        if self.design is None or not self.design.questionnaire.sections:
            return
        section, position = self._section_index_for_new()
        standard = None
        if self.current is not None and self.current.is_question:
            standard = self.design.questionnaire.question(self.current.question_code).standard
        self._push_built(lambda d: d.add_question(section, position, standard))
        self.question_editor.textEdit.setFocus()

    def add_section(self) -> None:
        after = None
        if self.current is not None and self.design is not None:
            after = (
                self.design.place_of(self.current.question_code)[0]
                if self.current.is_question
                else self.current.section_index
            )
        self._push_built(lambda d: d.add_section(after))
        self.section_editor.sectionTitleEdit.setFocus()
        self.section_editor.sectionTitleEdit.selectAll()

    def duplicate(self) -> None:
        key = self.current
        if key is None:
            return
        if key.is_question:
            self._push_built(lambda d: d.duplicate_question(key.question_code))
        else:
            self._push_built(lambda d: d.duplicate_section(key.section_index))

    def delete(self) -> None:
        key, design = self.current, self.design
        if key is None or design is None or self.read_only:
            return
        edit: Edit
        try:
            if key.is_question:
                edit = design.delete_question(key.question_code)
                codes = [p.question.code for p in edit.placements]
                question = design.questionnaire.question(key.question_code)
                question_text = (
                    f"“{question.text or '(no wording)'}” and its answers will be taken out of the questionnaire."
                )
                others = [design.numbers[c] for c in codes[1:]]
                also = f" Its {noun(len(others), 'follow-up')} {', '.join(others)} will go too." if others else ""
                title, text = "Delete the question?", f"Delete {design.question_name(key.question_code)}?"
                detail = f"{question_text}{also}"
            else:
                edit = design.delete_section(key.section_index)
                section = design.questionnaire.sections[key.section_index]
                count = len(section.questions)
                title = "Delete the section?"
                text = f"Delete the section ‘{section.title}’?"
                detail = f"Its {counted(count, 'question')} will go too." if count else "It has no questions."
        except SwhcError as problem:
            self._refuse(problem)
            return
        if ask(self, title, text, f"{detail} You can undo this with Ctrl+Z.", yes="Delete"):
            self.push(edit)

    def move_by(self, step: int) -> None:
        key, design = self.current, self.design
        if key is None or design is None:
            return
        if key.is_question:
            self._push_built(lambda d: d.question_moved_by(key.question_code, step))
        else:
            target = key.section_index + step
            if 0 <= target < len(design.questionnaire.sections):
                self._push_built(lambda d: d.move_section(key.section_index, target))

    def _move_requested(self, key: ItemKey, target: DropTarget) -> None:
        design = self.design
        if design is None or self.read_only:
            return
        if key.is_question:
            section, position = design.place_of(key.question_code)
            to_position = target.position if target.position is not None else 0
            if target.section_index == section and position < to_position:
                to_position -= 1  # its place once taken out of the section
            self._push_built(lambda d: d.move_question(key.question_code, target.section_index, to_position))
        else:
            count = len(design.questionnaire.sections)
            to_index = target.section_index - (1 if key.section_index < target.section_index else 0)
            to_index = max(0, min(to_index, count - 1))
            if to_index != key.section_index:
                self._push_built(lambda d: d.move_section(key.section_index, to_index))

    def _section_changed(self, index: int, before: tuple[str, str], after: tuple[str, str]) -> None:
        self.push(ChangeSection(index, before, after, f"change section {index + 1}"))

    def _question_changed(self, before: Question, after: Question) -> None:
        if self.design is None or self.hc is None or self.cycle is None:
            return
        if before.code.startswith("new_question") and after.code == before.code and after.text and not before.text:
            # A new question takes its code from its first wording, unless the code has been typed already.
            after = replace(after, code=make_code(after.text, self.design.taken_codes() - {before.code}, max_length=30))
        warning = wording_change_warning(self.hc, self.cycle.id, before, after)
        if warning and not ask(
            self,
            "Change a question asked in earlier years?",
            warning,
            "Do you want to make the change?",
            yes="Make the change",
        ):
            self.reload(Focus(question_code=before.code))
            return
        self._push_built(lambda d: d.change_question(before, after))

    def _option_changed(self, code: str, before, after) -> None:
        self._push_built(lambda d: d.change_option(code, before, after))

    def switch_statement(self, code: str, counts: bool) -> None:
        """Count a statement towards its Standard's score, or leave it out: one undoable edit, which changes no
        answer, so it is made in a cycle that has answers too."""
        self._push_built(lambda d: switch_statement(d.questionnaire, code, counts, d.question_name(code)))

    def show_standard_statements(self) -> None:
        """The Standards scores dialog: each Standard of the cycle's edition with the statements that feed it."""
        if self.design is None or self.cycle is None:
            return
        cycle_id = self.cycle.id

        def questionnaire() -> Questionnaire | None:
            """The cycle's questionnaire as the page now shows it; None once the page shows another cycle (an undo
            of another cycle's edit) or none, which closes the dialog."""
            same = self.design is not None and self.cycle is not None and self.cycle.id == cycle_id
            return self.design.questionnaire if same and self.design is not None else None

        dialog = StandardStatementsDialog(
            questionnaire,
            self.switch_statement,
            self.cycle,
            self.read_only,
            self.undo_stack,
            self,
        )
        try:
            dialog.exec()
        finally:
            dialog.deleteLater()

    def _delete_option(self, code: str, option_code: str) -> None:
        self._push_built(lambda d: d.delete_option(code, option_code))

    def _duplicate_option(self) -> None:
        question = self.question_editor.question
        rows = self.question_editor.optionsTable.selectionModel().selectedRows()
        if question is not None and rows:
            option_code = question.options[rows[0].row()].code
            self._push_built(lambda d: d.duplicate_option(question.code, option_code))

    def add_from_bank(self) -> None:
        if self.design is None or self.hc is None or self.cycle is None:
            return
        if not self.design.questionnaire.sections:
            self._push_built(lambda d: d.add_section(None))
        dialog = QuestionBankDialog(
            question_bank(self.hc, excluding_cycle_id=self.cycle.id),
            self.design.taken_codes(),
            self,
            self.design.questionnaire.standards_edition,
        )
        if dialog.exec() != QuestionBankDialog.DialogCode.Accepted:
            return
        questions = [q for entry in dialog.chosen() for q in (entry.question, *entry.follow_ups)]
        section, position = self._section_index_for_new()
        position = len(self.design.questionnaire.sections[section].questions) if position is None else position
        count = len(questions)
        self._push_built(
            lambda d: d.add_questions(questions, section, position, f"add {counted(count, 'question')} from the bank")
        )
