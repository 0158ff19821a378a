"""Key findings: the cycle's strengths and areas for improvement, each with the figures it rests on, written, edited,
reordered and deleted with undo; and the findings the app suggests, accepted as written or edited, or dismissed."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QKeySequence, QShortcut, QUndoStack
from PySide6.QtWidgets import (
    QDialog,
    QListWidgetItem,
    QTreeWidgetItem,
    QWidget,
)

from ...analysis.evidence import Figure, evidence_keys
from ...analysis.suggestions import Suggestion, SuggestionSource, findings_on_the_same_figures
from ...domain.changes import Change
from ...domain.errors import SwhcError
from ...domain.plurals import agrees, counted
from ...domain.records import Cycle, Finding, FindingKind
from ...domain.rules import check_finding
from ...screens.figure_words import BASE, CHANGE, INTERVAL, explained
from ...screens.finding_changes import (
    AddFinding,
    ChangeFinding,
    DeleteFinding,
    DismissSuggestion,
    MoveFinding,
)
from ...screens.key_findings import FindingDraft, KeyFindingsData, evidence_keys_for, figures_text
from ...storage import HealthCheckFile
from ..common.forms import load_form
from ..common.long_text import ShortWrappingDelegate, whole_text_tooltip
from ..common.messages import ask, show_problem
from ..common.undo import make_undoable
from ..common.unsaved import AsksBeforeDiscarding

KEY_ROLE = Qt.ItemDataRole.UserRole + 1
MUTED = QColor("#5f6368")


# What a finding's figures are, in the words of the user guide.
FIGURE_MEANINGS = explained(BASE, INTERVAL, CHANGE)


# Marks a suggestion in the list whose figures a finding already rests on.
ALREADY_A_FINDING = "a finding already covers this"


class FindingDialog(AsksBeforeDiscarding, QDialog):
    """Add or Edit a finding: strength or area for improvement, its sentence, and what it rests on."""

    def __init__(
        self, draft: FindingDraft | None, data: KeyFindingsData, parent: QWidget | None = None, title: str | None = None
    ):
        super().__init__(parent)
        load_form("finding_dialog", self)
        self.data = data
        self.setWindowTitle(title or ("Edit finding" if draft else "New finding"))
        self.buttonBox.accepted.connect(self.accept)
        self.buttonBox.rejected.connect(self.reject)
        chosen = set(draft.evidence) if draft else set()
        choices = list(data.choices)
        known = {key for key, _ in choices}
        choices += [
            (key, data.figures[key].title if key in data.figures else key)
            for key in (draft.evidence if draft else ())
            if key not in known
        ]
        for key, label in choices:
            figure = data.figures.get(key)
            shown = f"{label}  —  {figure.short()}" if figure else label
            item = QListWidgetItem(shown, self.evidenceList)
            item.setData(KEY_ROLE, key)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if key in chosen else Qt.CheckState.Unchecked)
            if figure is not None:
                item.setToolTip(figure.full())
        if draft is not None:
            (self.strengthRadio if draft.kind is FindingKind.STRENGTH else self.improvementRadio).setChecked(True)
            self.textEdit.setPlainText(draft.text)
        self.evidenceFilter.textChanged.connect(self._filter)
        self.evidenceList.itemChanged.connect(lambda *_: self._show_figures())
        self._show_figures()
        self.textEdit.setFocus()
        self.not_counted_as_typing(self.evidenceFilter)
        self.remember_as_untouched()

    def _filter(self, words: str) -> None:
        wanted = words.casefold().split()
        for row in range(self.evidenceList.count()):
            item = self.evidenceList.item(row)
            text = item.text().casefold()
            item.setHidden(not all(w in text for w in wanted) and item.checkState() != Qt.CheckState.Checked)

    def chosen_keys(self) -> tuple[str, ...]:
        return tuple(
            self.evidenceList.item(row).data(KEY_ROLE)
            for row in range(self.evidenceList.count())
            if self.evidenceList.item(row).checkState() == Qt.CheckState.Checked
        )

    def _show_figures(self) -> None:
        figures = [self.data.figures[k] for k in self.chosen_keys() if k in self.data.figures]
        self.figuresLabel.setText(
            "<br>".join(html.escape(f.full()) for f in figures)
            if figures
            else "<span style='color:#5f6368'>Tick what the finding rests on to show its figures beside it.</span>"
        )

    def draft(self) -> FindingDraft:
        kind = FindingKind.STRENGTH if self.strengthRadio.isChecked() else FindingKind.IMPROVEMENT
        return FindingDraft(kind, self.textEdit.toPlainText().strip(), self.chosen_keys())

    def accept(self) -> None:
        try:
            check_finding(self.draft().text)
        except SwhcError as problem:
            self.problemLabel.setText(f'<span style="color:#a4262c">{html.escape(str(problem))}</span>')
            return
        super().accept()


# --------------------------------------------------------------------------- the view


class KeyFindingsView(QWidget):
    changed = Signal()  # the findings or the dismissed suggestions changed

    def __init__(self, undo_stack: QUndoStack, parent: QWidget | None = None):
        super().__init__(parent)
        load_form("key_findings_view", self)
        self.undo_stack = undo_stack
        self.hc: HealthCheckFile | None = None
        self.cycle: Cycle | None = None
        self.data = KeyFindingsData()
        self.findings: list[Finding] = []
        self.keyFindingsSplitter.setSizes([640, 460])
        self.findingSplitter.setSizes([380, 160])
        self.suggestionSplitter.setSizes([380, 160])
        header = self.findingTree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, header.ResizeMode.Stretch)
        header.setSectionResizeMode(1, header.ResizeMode.Interactive)
        header.resizeSection(1, 190)
        for tree in (self.findingTree, self.suggestionTree):
            # Long sentences wrap, a few lines at most; the whole finding is in its tooltip and the pane below.
            tree.setItemDelegate(ShortWrappingDelegate(tree))
        for heading in (self.findingsHeading, self.suggestionsHeading):
            font = heading.font()
            font.setBold(True)
            heading.setFont(font)
        self.addButton.clicked.connect(self.add_finding)
        self.editButton.clicked.connect(self.edit_finding)
        self.deleteButton.clicked.connect(self.delete_finding)
        self.upButton.clicked.connect(lambda: self.move_finding(-1))
        self.downButton.clicked.connect(lambda: self.move_finding(+1))
        self.findingTree.itemDoubleClicked.connect(lambda *_: self.edit_finding())
        self.findingTree.itemSelectionChanged.connect(self._finding_chosen)
        self.acceptButton.clicked.connect(lambda: self.accept_suggestion(edit=False))
        self.acceptEditedButton.clicked.connect(lambda: self.accept_suggestion(edit=True))
        self.dismissButton.clicked.connect(self.dismiss_or_bring_back)
        self.suggestionTree.itemDoubleClicked.connect(lambda *_: self.accept_suggestion(edit=True))
        self.suggestionTree.itemSelectionChanged.connect(self._suggestion_chosen)
        self.showDismissedCheck.toggled.connect(lambda: self._fill_suggestions())
        for keys, step in (("Alt+Up", -1), ("Alt+Down", +1)):
            shortcut = QShortcut(QKeySequence(keys), self.findingTree)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(lambda step=step: self.move_finding(step))
        delete = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.findingTree)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self.delete_finding)
        self.clear("Open a health check and choose a cycle to see its key findings.")

    # ------------------------------------------------------------------ showing

    def clear(self, message: str) -> None:
        self.hc, self.cycle, self.data = None, None, KeyFindingsData()
        self.findingsHeading.setText("Key findings")
        self.suggestionsHeading.setText("Suggested findings")
        self.findingTree.clear()
        self.suggestionTree.clear()
        self.findingDetail.setHtml(f"<p style='color:gray'>{html.escape(message)}</p>")
        self.suggestionDetail.clear()
        self._enable()

    def show_findings(self, hc: HealthCheckFile, cycle: Cycle, data: KeyFindingsData) -> None:
        self.hc, self.cycle, self.data = hc, cycle, data
        self.findingsHeading.setText(
            f"Key findings, {cycle.name}: strengths and areas for improvement, in the order they are reported"
        )
        self.reload()

    @property
    def writable(self) -> bool:
        return self.hc is not None and self.cycle is not None and not self.hc.read_only

    def reload(self, select_id: int | None = None) -> None:
        """Re-read the findings and dismissed suggestions (quick) and show them with the figures already worked out."""
        if self.hc is None or self.cycle is None:
            return
        selected = select_id if select_id is not None else self.selected_finding_id()
        self.findings = self.hc.findings.for_cycle(self.cycle.id)
        self._fill_findings(selected)
        self._fill_suggestions()

    def _fill_findings(self, select_id: int | None) -> None:
        tree = self.findingTree
        tree.blockSignals(True)
        tree.clear()
        bold = QFont()
        bold.setBold(True)
        for kind, heading in ((FindingKind.STRENGTH, "Strengths"), (FindingKind.IMPROVEMENT, "Areas for improvement")):
            of_kind = [f for f in self.findings if f.kind is kind]
            group = QTreeWidgetItem(tree, [f"{heading} ({len(of_kind)})", ""])
            group.setFont(0, bold)
            group.setFlags(Qt.ItemFlag.ItemIsEnabled)
            group.setFirstColumnSpanned(True)
            for finding in of_kind:
                figures = self._figures(finding)
                item = QTreeWidgetItem(group, [finding.text, figures_text(figures) if figures else "No figure linked"])
                item.setData(0, KEY_ROLE, finding.id)
                item.setToolTip(0, whole_text_tooltip(finding.text))
                if figures:
                    item.setToolTip(1, "\n".join(f.full() for f in figures) + "\n\n" + FIGURE_MEANINGS)
                if not figures:
                    item.setForeground(1, QBrush(MUTED))
            if not of_kind:
                empty = QTreeWidgetItem(group, [f"No {heading.lower()} written yet.", ""])
                empty.setFlags(Qt.ItemFlag.ItemIsEnabled)
                empty.setForeground(0, QBrush(MUTED))
        tree.expandAll()
        tree.blockSignals(False)
        if select_id is not None:
            self.select_finding(select_id)
        self._finding_chosen()

    def _figures(self, finding: Finding) -> list[Figure]:
        return [self.data.figures[k] for k in evidence_keys(finding) if k in self.data.figures]

    def finding_items(self) -> list[QTreeWidgetItem]:
        items = []
        for group in range(self.findingTree.topLevelItemCount()):
            top = self.findingTree.topLevelItem(group)
            items += [top.child(i) for i in range(top.childCount()) if top.child(i).data(0, KEY_ROLE) is not None]
        return items

    def select_finding(self, finding_id: int) -> None:
        for item in self.finding_items():
            if item.data(0, KEY_ROLE) == finding_id:
                self.findingTree.setCurrentItem(item)
                self.findingTree.scrollToItem(item)
                return

    def selected_finding_id(self) -> int | None:
        item = self.findingTree.currentItem()
        return item.data(0, KEY_ROLE) if item is not None and item.isSelected() else None

    def selected_finding(self) -> Finding | None:
        finding_id = self.selected_finding_id()
        return next((f for f in self.findings if f.id == finding_id), None)

    def _finding_chosen(self) -> None:
        finding = self.selected_finding()
        self._enable()
        if finding is None:
            if self.hc is not None:
                self.findingDetail.setHtml(
                    "<p style='color:gray'>Choose a finding to see the figures it rests on and "
                    "the actions that answer it.</p>"
                )
            return
        parts = [f"<p><b>{html.escape(finding.kind.label)}:</b> {html.escape(finding.text)}</p>"]
        figures = self._figures(finding)
        if figures:
            parts.append("<ul>" + "".join(f"<li>{html.escape(f.full())}</li>" for f in figures) + "</ul>")
        else:
            parts.append(
                "<p style='color:gray'>It rests on no question or indicator yet: Edit it to link its figures.</p>"
            )
        assert self.hc is not None
        answering = [a.title for a in self.hc.actions.all() if finding.id in a.finding_ids]
        if answering:
            parts.append("<p><b>Actions that answer it:</b> " + "; ".join(html.escape(t) for t in answering) + "</p>")
        else:
            parts.append("<p style='color:gray'>No action answers it yet (link one on the Action plan page).</p>")
        self.findingDetail.setHtml("".join(parts))

    def _enable(self) -> None:
        finding = self.selected_finding()
        writable = self.writable
        self.addButton.setEnabled(writable)
        for button in (self.editButton, self.deleteButton):
            button.setEnabled(writable and finding is not None)
        same_kind = [f.id for f in self.findings if finding is not None and f.kind is finding.kind]
        self.upButton.setEnabled(writable and finding is not None and same_kind.index(finding.id) > 0)
        self.downButton.setEnabled(
            writable and finding is not None and same_kind.index(finding.id) < len(same_kind) - 1
        )
        suggestion, dismissed = self.selected_suggestion()
        for button in (self.acceptButton, self.acceptEditedButton, self.dismissButton):
            button.setEnabled(writable and suggestion is not None)
        self.dismissButton.setText("&Bring back" if dismissed else "Di&smiss")
        self.dismissButton.setToolTip("Suggest this again" if dismissed else "Stop suggesting this for this cycle")

    # ------------------------------------------------------------------ suggestions

    def _fill_suggestions(self) -> None:
        tree = self.suggestionTree
        selected = self.selected_suggestion()[0]
        tree.blockSignals(True)
        tree.clear()
        if self.hc is None or self.cycle is None:
            tree.blockSignals(False)
            return
        dismissed = self.hc.findings.dismissed(self.cycle.id)
        accepted = {f.suggestion_key for f in self.findings if f.suggestion_key}
        show_dismissed = self.showDismissedCheck.isChecked()
        bold = QFont()
        bold.setBold(True)
        italic = QFont()
        italic.setItalic(True)
        open_count = 0
        for source in SuggestionSource:
            listed = [
                s
                for s in self.data.suggestions
                if s.source is source and s.key not in accepted and (show_dismissed or s.key not in dismissed)
            ]
            if not listed:
                continue
            group = QTreeWidgetItem(tree, [f"{source.label} ({len(listed)})"])
            group.setFont(0, bold)
            group.setFlags(Qt.ItemFlag.ItemIsEnabled)
            for suggestion in listed:
                is_dismissed = suggestion.key in dismissed
                text = f"{suggestion.kind.label}: {suggestion.text}" + (" (dismissed)" if is_dismissed else "")
                if findings_on_the_same_figures(suggestion, self.findings):
                    text += f" ({ALREADY_A_FINDING})"
                item = QTreeWidgetItem(group, [text])
                item.setData(0, KEY_ROLE, suggestion.key)
                item.setToolTip(0, whole_text_tooltip(suggestion.text))
                if is_dismissed:
                    item.setFont(0, italic)
                    item.setForeground(0, QBrush(MUTED))
                else:
                    open_count += 1
        tree.expandAll()
        tree.blockSignals(False)
        if not tree.topLevelItemCount():
            empty = QTreeWidgetItem(
                tree,
                [
                    "Nothing more to suggest: every suggestion has been accepted or dismissed."
                    if self.data.suggestions
                    else "No suggestions for this cycle."
                ],
            )
            empty.setFlags(Qt.ItemFlag.ItemIsEnabled)
            empty.setForeground(0, QBrush(MUTED))
        self.suggestionsHeading.setText(f"Suggested findings ({open_count})")
        self.suggestionsHeading.setToolTip(
            "Headline indicators short of their green threshold, changes since last "
            "time that are more than chance, figures worse than the national figure, "
            "and themes that dominate the comments"
        )
        if selected is not None:
            self._select_suggestion(selected.key)
        self._suggestion_chosen()

    def suggestion_items(self) -> list[QTreeWidgetItem]:
        items = []
        for group in range(self.suggestionTree.topLevelItemCount()):
            top = self.suggestionTree.topLevelItem(group)
            items += [top.child(i) for i in range(top.childCount())]
        return items

    def _select_suggestion(self, key: str) -> None:
        for item in self.suggestion_items():
            if item.data(0, KEY_ROLE) == key:
                self.suggestionTree.setCurrentItem(item)
                return

    def selected_suggestion(self) -> tuple[Suggestion | None, bool]:
        item = self.suggestionTree.currentItem()
        key = item.data(0, KEY_ROLE) if item is not None and item.isSelected() else None
        suggestion = next((s for s in self.data.suggestions if s.key == key), None)
        dismissed = (
            suggestion is not None
            and self.hc is not None
            and self.cycle is not None
            and suggestion.key in self.hc.findings.dismissed(self.cycle.id)
        )
        return suggestion, dismissed

    def _suggestion_chosen(self) -> None:
        suggestion, _ = self.selected_suggestion()
        self._enable()
        if suggestion is None:
            self.suggestionDetail.setHtml(
                "<p style='color:gray'>Choose a suggestion to see the figures behind it. "
                "Accept it as it is, edit it first, or dismiss it: a dismissed suggestion "
                "is not suggested again for this cycle.</p>"
            )
            return
        same = findings_on_the_same_figures(suggestion, self.findings)
        already = "".join(f"<li>{html.escape(f.text)}</li>" for f in same)
        self.suggestionDetail.setHtml(
            f"<p><b>{html.escape(suggestion.kind.label)}:</b> {html.escape(suggestion.text)}</p>"
            f"<p>{html.escape(suggestion.why)}</p>"
            + (f"<p><b>There is already a finding on the same figures:</b></p><ul>{already}</ul>" if same else "")
        )

    # ------------------------------------------------------------------ changing

    def _change(self, change: Change) -> Change | None:
        """Make a change to the findings and put it on the undo stack; a refused change is shown, and None returned."""
        assert self.hc is not None
        try:
            undo = make_undoable(self.undo_stack, self.hc, change, self, lambda _: self._changed())
        except SwhcError as problem:
            show_problem(self, problem)
            return None
        return undo

    def _changed(self, select_id: int | None = None) -> None:
        self.reload(select_id)
        self.changed.emit()

    def _dialog(self, draft: FindingDraft | None, title: str | None = None) -> FindingDialog:
        return FindingDialog(draft, self.data, self, title)

    def add_finding(self) -> None:
        if not self.writable:
            return
        dialog = self._dialog(None)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._add(dialog.draft(), None, "add a finding")

    def _add(self, draft: FindingDraft, suggestion_key: str | None, text: str) -> None:
        assert self.cycle is not None
        undo = self._change(
            AddFinding(
                self.cycle.id, draft.kind, draft.text, draft.question_codes, draft.indicator_keys, suggestion_key, text
            )
        )
        if isinstance(undo, DeleteFinding):
            self._changed(select_id=undo.finding_id)

    def edit_finding(self) -> None:
        finding = self.selected_finding()
        if finding is None or not self.writable:
            return
        before = FindingDraft.of(finding)
        dialog = self._dialog(before)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.draft() == before:
            return
        after = dialog.draft()
        if (
            self._change(
                ChangeFinding(
                    finding.id, after.kind, after.text, after.question_codes, after.indicator_keys, "change a finding"
                )
            )
            is not None
        ):
            self._changed(select_id=finding.id)

    def delete_finding(self) -> None:
        finding = self.selected_finding()
        if finding is None or not self.writable:
            return
        assert self.hc is not None
        answering = len(self.hc.findings.action_ids(finding.id))
        detail = (
            f"{counted(answering, 'action')} {agrees(answering, 'answers', 'answer')} it and will "
            "no longer be linked to it. "
            if answering
            else ""
        ) + "You can undo this with Ctrl+Z."
        if not ask(self, "Delete finding", f"Delete the finding '{finding.text}'?", detail, yes="Delete"):
            return
        if self._change(DeleteFinding(finding.id, "delete a finding")) is not None:
            self._changed()

    def move_finding(self, step: int) -> None:
        finding = self.selected_finding()
        if finding is None or not self.writable:
            return
        same_kind = [f.id for f in self.findings if f.kind is finding.kind]
        if not 0 <= same_kind.index(finding.id) + step < len(same_kind):
            return  # already at that end
        if self._change(MoveFinding(finding.id, step, "move a finding")) is not None:
            self._changed(select_id=finding.id)

    def accept_suggestion(self, edit: bool) -> None:
        suggestion, _ = self.selected_suggestion()
        if suggestion is None or not self.writable:
            return
        same = findings_on_the_same_figures(suggestion, self.findings)
        if same and not ask(
            self,
            "Accept Suggested Finding",
            "There is already a finding on the same figures. Add this one as well?",
            "Already a finding: " + " ".join(f"“{f.text}”" for f in same) + "\n\nYou can edit that finding instead.",
            yes="Add it as well",
        ):
            return
        draft = FindingDraft(
            suggestion.kind,
            suggestion.text,
            tuple(evidence_keys_for(suggestion.question_codes, suggestion.indicator_keys)),
        )
        if edit:
            dialog = self._dialog(draft, "Accept Suggested Finding")
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return
            draft = dialog.draft()
        self._add(draft, suggestion.key, "accept a suggested finding")

    def dismiss_or_bring_back(self) -> None:
        suggestion, dismissed = self.selected_suggestion()
        if suggestion is None or not self.writable:
            return
        assert self.cycle is not None
        text = "bring back a suggested finding" if dismissed else "dismiss a suggested finding"
        change = DismissSuggestion(self.cycle.id, suggestion.key, suggestion.text, not dismissed, text)
        if self._change(change) is not None:
            self._changed()
