"""Undo and Redo on every page through the one adapter: a change is made once before it reaches the stack; an undo or
redo that fails (the file became read-only, the drive went away) is shown, leaves the stack (so the stack and the
file never disagree), and the page shows what the file really holds."""

from __future__ import annotations

import os
import shutil
import subprocess
from contextlib import contextmanager
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QWidget

from swhc_desktop.domain.errors import SaveFailed, SwhcError
from swhc_desktop.domain.records import ActionDraft
from swhc_desktop.gui.action_plan import page as action_plan_module
from swhc_desktop.gui.action_plan.page import ActionPlanPage
from swhc_desktop.gui.common import undo as undo_module
from swhc_desktop.gui.common.output_files import OutputFiles
from swhc_desktop.gui.common.undo import ChangeCommand, make_undoable
from swhc_desktop.gui.designer import page as designer_module
from swhc_desktop.gui.designer.page import DesignerPage
from swhc_desktop.gui.findings import comments as comments_module
from swhc_desktop.gui.findings import key_findings as key_findings_module
from swhc_desktop.gui.findings.comments import CommentsView
from swhc_desktop.gui.findings.key_findings import KeyFindingsView
from swhc_desktop.gui.reports.employer_return_form import EmployerReturnForm
from swhc_desktop.gui.reports.findings_report_panel import KEY_ROLE as SECTION_KEY_ROLE
from swhc_desktop.gui.reports.findings_report_panel import FindingsReportPanel
from swhc_desktop.gui.responses import page as responses_module
from swhc_desktop.gui.responses.page import ResponsesPage
from swhc_desktop.screens.action_changes import AddAction
from swhc_desktop.screens.key_findings import key_findings_work
from swhc_desktop.storage import HealthCheckFile


@pytest.fixture
def hc(demo_path, folders):
    with HealthCheckFile.open(demo_path, folders=folders) as opened:
        yield opened


@pytest.fixture
def told(monkeypatch) -> list[SwhcError]:
    """The problems the undo stack shows, recorded instead of shown."""
    problems: list[SwhcError] = []
    monkeypatch.setattr(undo_module, "show_problem", lambda parent, error: problems.append(error))
    return problems


@pytest.fixture
def host(qtbot):
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


def failing(*args, **kwargs):
    raise SaveFailed("The drive went away. Nothing was changed.", "Check the drive is connected, then try again.")


def cycle_of(hc, name="2025"):
    return hc.cycles.by_name(name)


def titles(hc) -> set[str]:
    return {a.title for a in hc.actions.all()}


# --------------------------------------------------------------------------- the adapter


def test_a_change_is_made_once_and_pushing_it_does_not_make_it_again(hc, host, told):
    stack = QUndoStack(host)
    refreshed = []
    undo = make_undoable(
        stack,
        hc,
        AddAction(cycle_of(hc).id, ActionDraft(standard=2, title="Buddy scheme"), "add action 'Buddy scheme'"),
        host,
        refreshed.append,
    )
    assert sorted(a.title for a in hc.actions.all()).count("Buddy scheme") == 1
    assert stack.undoText() == "add action 'Buddy scheme'" and refreshed == []
    stack.undo()
    assert "Buddy scheme" not in titles(hc) and refreshed[-1] is not None
    stack.redo()
    assert hc.actions.get(undo.action_id).title == "Buddy scheme"
    assert told == []


def test_a_refused_change_never_reaches_the_stack(hc, host):
    stack = QUndoStack(host)
    with pytest.raises(SwhcError, match="needs a title"):
        make_undoable(stack, hc, AddAction(cycle_of(hc).id, ActionDraft(standard=2, title=" ")), host, lambda _: None)
    assert stack.count() == 0


def test_an_undo_that_fails_is_shown_and_leaves_the_stack_in_step_with_the_file(hc, host, told, monkeypatch):
    stack = QUndoStack(host)
    refreshed = []
    first = make_undoable(
        stack, hc, AddAction(cycle_of(hc).id, ActionDraft(standard=2, title="First")), host, refreshed.append
    )
    make_undoable(
        stack, hc, AddAction(cycle_of(hc).id, ActionDraft(standard=2, title="Second")), host, refreshed.append
    )
    with monkeypatch.context() as patched:
        patched.setattr(hc.actions, "delete", failing)
        stack.undo()
    assert [str(problem) for problem in told] == [
        "The drive went away. Nothing was changed. Check the drive is connected, then try again."
    ]
    assert refreshed == [None], "the page was asked to show what the file holds"
    assert {"First", "Second"} <= titles(hc)
    # The command that could not be undone is gone: the stack offers the earlier change, and nothing to redo.
    assert stack.count() == 1 and stack.undoText() == "add an action" and not stack.canRedo()
    stack.undo()
    assert "First" not in titles(hc) and "Second" in titles(hc)
    stack.redo()
    assert hc.actions.get(first.action_id).title == "First"


def test_a_redo_that_fails_is_shown_and_leaves_the_stack_in_step_with_the_file(hc, host, told, monkeypatch):
    stack = QUndoStack(host)
    undo = make_undoable(
        stack, hc, AddAction(cycle_of(hc).id, ActionDraft(standard=2, title="Redone")), host, lambda _: None
    )
    stack.undo()
    monkeypatch.setattr(hc.actions, "restore", failing)
    stack.redo()
    assert len(told) == 1 and "Redone" not in titles(hc)
    assert stack.count() == 0 and not stack.canUndo() and not stack.canRedo()
    with pytest.raises(SwhcError):
        hc.actions.get(undo.action_id)


def test_a_bug_in_an_undo_leaves_the_stack_in_step_and_is_raised(hc, host, told, monkeypatch):
    stack = QUndoStack(host)
    refreshed = []
    undo = make_undoable(
        stack, hc, AddAction(cycle_of(hc).id, ActionDraft(standard=2, title="Kept")), host, refreshed.append
    )

    def bug(*args, **kwargs):
        raise KeyError("a bug")

    monkeypatch.setattr(hc.actions, "delete", bug)
    with pytest.raises(KeyError, match="a bug"):
        stack.undo()  # from the Edit menu, the error goes on to the crash handler
    assert told == [] and refreshed == [None]
    assert stack.count() == 0 and hc.actions.get(undo.action_id).title == "Kept"


@contextmanager
def unwritable(path: Path):
    """The file can no longer be written, as when it is made read-only or its drive goes away while it is open:
    immutable where that can be set (chmod does not stop root); otherwise its folder, where SQLite keeps its journal,
    is made read-only."""
    if os.geteuid() == 0 and shutil.which("chattr"):
        subprocess.run(["chattr", "+i", str(path)], check=True)
        try:
            yield
        finally:
            subprocess.run(["chattr", "-i", str(path)], check=True)
    else:
        mode = path.parent.stat().st_mode
        path.parent.chmod(0o555)
        try:
            yield
        finally:
            path.parent.chmod(mode)


def test_an_undo_on_a_file_that_became_read_only_leaves_the_file_and_the_stack_in_step(demo_path, folders, host, told):
    with HealthCheckFile.open(demo_path, folders=folders) as hc:
        stack = QUndoStack(host)
        undo = make_undoable(
            stack, hc, AddAction(cycle_of(hc).id, ActionDraft(standard=2, title="Kept")), host, lambda _: None
        )
        with unwritable(demo_path):
            stack.undo()
        assert len(told) == 1 and isinstance(told[0], SwhcError)
        assert stack.count() == 0
        assert hc.actions.get(undo.action_id).title == "Kept"
    with HealthCheckFile.open(demo_path, folders=folders) as reopened:
        assert reopened.actions.get(undo.action_id).title == "Kept"


def test_an_import_already_made_is_pushed_without_importing_again(hc, host, tasks, told):
    page = ResponsesPage(QUndoStack(host), tasks, host)
    cycle = cycle_of(hc)
    page.show_cycle(hc, cycle)
    batch = hc.responses.batches(cycle.id)[0]
    page.imported(batch.id, "forms.csv")
    assert hc.responses.count(cycle.id) == batch.response_count
    assert isinstance(page.undo_stack.command(0), ChangeCommand)


# --------------------------------------------------------------------------- each page shows what the file holds


def test_action_plan_a_failed_undo_of_a_delete_leaves_the_action_out(hc, tasks, qtbot, told, monkeypatch):
    page = ActionPlanPage(QUndoStack(), tasks)
    qtbot.addWidget(page)
    page.show_cycle(hc, cycle_of(hc))
    action = page.model.actions[0]
    page.select(action.id)
    monkeypatch.setattr(action_plan_module, "ask", lambda *args, **kwargs: True)
    page.deleteButton.click()
    assert page.undo_stack.undoText() == f"delete action '{action.title}'"
    monkeypatch.setattr(hc.actions, "restore", failing)
    page.undo_stack.undo()
    assert len(told) == 1 and page.undo_stack.count() == 0
    assert action.id not in {a.id for a in page.model.actions} and action.title not in titles(hc)
    tasks.wait()


def test_key_findings_a_failed_undo_of_a_dismissal_keeps_it_dismissed(hc, qtbot, told, monkeypatch):
    view = KeyFindingsView(QUndoStack())
    qtbot.addWidget(view)
    cycle = cycle_of(hc)
    view.show_findings(hc, cycle, key_findings_work(hc, cycle))
    item = next(i for i in view.suggestion_items() if i.data(0, key_findings_module.KEY_ROLE) == "indicator:valued")
    view.suggestionTree.setCurrentItem(item)
    changed = []
    view.changed.connect(lambda: changed.append(True))
    view.dismissButton.click()
    assert view.undo_stack.undoText() == "dismiss a suggested finding"
    monkeypatch.setattr(hc.findings, "bring_back", failing)
    changed.clear()
    view.undo_stack.undo()
    assert len(told) == 1 and view.undo_stack.count() == 0 and changed
    assert hc.findings.dismissed(cycle.id) == {"indicator:valued"}
    assert not any(i.data(0, key_findings_module.KEY_ROLE) == "indicator:valued" for i in view.suggestion_items())


def test_key_findings_a_failed_redo_of_a_move_keeps_the_order_the_file_holds(hc, qtbot, told, monkeypatch):
    view = KeyFindingsView(QUndoStack())
    qtbot.addWidget(view)
    cycle = cycle_of(hc)
    view.show_findings(hc, cycle, key_findings_work(hc, cycle))
    order = [item.text(0) for item in view.finding_items()]
    view.findingTree.setCurrentItem(view.finding_items()[0])
    view.downButton.click()
    view.undo_stack.undo()
    monkeypatch.setattr(hc.findings, "move", failing)
    monkeypatch.setattr(hc.findings, "set_positions", failing)
    view.undo_stack.redo()
    assert len(told) == 1 and view.undo_stack.count() == 0
    assert [item.text(0) for item in view.finding_items()] == order == [f.text for f in hc.findings.for_cycle(cycle.id)]


def test_responses_a_failed_undo_of_a_removal_leaves_the_batch_out(hc, host, tasks, told, monkeypatch):
    stack = QUndoStack(host)
    page = ResponsesPage(stack, tasks, host)
    cycle = cycle_of(hc)
    page.show_cycle(hc, cycle)
    shown = []
    page.contents_changed.connect(lambda: (shown.append(True), page.show_cycle(hc, hc.cycles.get(cycle.id))))
    page.batchTable.selectRow(0)
    monkeypatch.setattr(responses_module, "ask", lambda *args, **kwargs: True)
    page.removeButton.click()
    assert stack.undoText().startswith("Remove Demo responses 2025") and hc.responses.count(cycle.id) == 0
    monkeypatch.setattr(hc.responses, "put_back_batch", failing)
    shown.clear()
    stack.undo()
    assert len(told) == 1 and stack.count() == 0 and shown
    assert hc.responses.count(cycle.id) == 0 and page.batchTable.rowCount() == 0


def test_responses_a_removal_the_file_refuses_never_reaches_the_stack(hc, host, tasks, monkeypatch):
    stack = QUndoStack(host)
    page = ResponsesPage(stack, tasks, host)
    cycle = cycle_of(hc)
    page.show_cycle(hc, cycle)
    page.batchTable.selectRow(0)
    asked, shown = [], []
    monkeypatch.setattr(responses_module, "ask", lambda *args, **kwargs: asked.append(args) or True)
    monkeypatch.setattr(responses_module, "show_problem", lambda parent, error: shown.append(error))
    monkeypatch.setattr(hc.responses, "take_out_batch", failing)
    page.removeButton.click()
    assert len(shown) == 1 and stack.count() == 0
    assert len(asked) == 1, "not asked about deleting backups of a batch that is still in the file"
    assert hc.responses.count(cycle.id) > 0


def test_comments_a_failed_undo_of_a_new_theme_keeps_it(hc, qtbot, told, monkeypatch):
    view = CommentsView(QUndoStack())
    qtbot.addWidget(view)
    view.show_comments(hc, [], hc.themes.all(), "")
    changed = []
    view.changed.connect(lambda: (changed.append(True), view.show_comments(hc, [], hc.themes.all(), "")))
    monkeypatch.setattr(comments_module, "ask_for_text", lambda *args, **kwargs: "Lone working")
    view.addThemeButton.click()
    assert view.undo_stack.undoText() == "add theme Lone working"
    monkeypatch.setattr(hc.themes, "remove", failing)
    changed.clear()
    view.undo_stack.undo()
    assert len(told) == 1 and view.undo_stack.count() == 0 and changed
    assert "Lone working" in [view.themeList.item(r).text() for r in range(view.themeList.count())]
    assert "Lone working" in [t.name for t in hc.themes.all()]


def test_report_panel_a_failed_undo_of_a_choice_shows_the_choice_the_file_holds(hc, host, tasks, told, monkeypatch):
    panel = FindingsReportPanel(QUndoStack(host), OutputFiles(tasks, host), host)
    cycle = cycle_of(hc)
    panel.show_cycle(hc, cycle)

    def row(key):
        return next(
            panel.sectionsList.item(r)
            for r in range(panel.sectionsList.count())
            if panel.sectionsList.item(r).data(SECTION_KEY_ROLE) == key
        )

    row("standard:4").setCheckState(Qt.CheckState.Unchecked)
    assert hc.report_choices.get(cycle.id).left_out == {"standard:4"}
    monkeypatch.setattr(hc.questionnaire_edits, "set_cycle_text", failing)
    panel.undo_stack.undo()
    assert len(told) == 1 and panel.undo_stack.count() == 0
    assert hc.report_choices.get(cycle.id).left_out == {"standard:4"}
    assert row("standard:4").checkState() == Qt.CheckState.Unchecked


def test_employer_return_a_failed_undo_of_a_figure_shows_the_figure_the_file_holds(
    hc, host, tasks, qtbot, told, monkeypatch
):
    from swhc_desktop.figures.workforce import workforce_figures

    form = EmployerReturnForm(tasks, QUndoStack(host), OutputFiles(tasks, host), host)
    cycle = cycle_of(hc)
    form.show_cycle(hc, cycle)
    edit = form.workforce_edits["agency_workers"]
    edit.setText("7")
    edit.editingFinished.emit()
    assert workforce_figures(hc, cycle.id)["agency_workers"] == 7
    assert form.undo_stack.undoText() == "change the agency social workers figure"
    monkeypatch.setattr(hc.figures, "set", failing)
    form.undo_stack.undo()
    assert len(told) == 1 and form.undo_stack.count() == 0
    assert workforce_figures(hc, cycle.id)["agency_workers"] == 7 and edit.text() == "7"


def test_designer_a_failed_undo_shows_the_questionnaire_the_file_holds(hc, tasks, qtbot, told, monkeypatch):
    monkeypatch.setattr(designer_module, "show_problem", lambda parent, error: pytest.fail(f"refused: {error}"))
    page = DesignerPage(QUndoStack(), tasks)
    qtbot.addWidget(page)
    cycle = cycle_of(hc)
    page.show_cycle(hc, cycle)
    sections = len(hc.questionnaires.load(cycle.id).sections)
    assert page.push(page.design.add_section(None))
    assert page.undo_stack.undoText() == "add a section"
    monkeypatch.setattr(hc.questionnaire_edits, "delete_section", failing)
    page.undo_stack.undo()
    assert len(told) == 1 and page.undo_stack.count() == 0
    assert len(hc.questionnaires.load(cycle.id).sections) == sections + 1
    assert len(page.design.questionnaire.sections) == sections + 1
