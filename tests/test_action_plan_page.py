"""The Action plan page, driven as a PSW would: read, sort, filter, add, edit, delete, log progress, undo."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QUndoStack

from swhc_desktop.gui import action_plan as action_plan_module
from swhc_desktop.gui.action_plan import ActionDialog, ActionPlanPage, ProgressUpdateDialog
from swhc_desktop.records import ActionStatus
from swhc_desktop.storage import HealthCheckFile

TODAY = dt.date(2019, 9, 1)


@pytest.fixture
def hc(demo_path, folders):
    with HealthCheckFile.open(demo_path, folders=folders) as opened:
        yield opened


@pytest.fixture
def page(qtbot, hc):
    stack = QUndoStack()
    page = ActionPlanPage(stack, today=lambda: TODAY)
    qtbot.addWidget(page)
    page.show_cycle(hc, hc.cycles.by_name("2019"))
    page.stack = stack
    return page


def column(page, name):
    index = action_plan_module.COLUMNS.index(name)
    return [page.proxy.index(row, index).data() for row in range(page.proxy.rowCount())]


def test_the_plan_lists_the_cycles_actions_under_their_standards(page):
    assert column(page, "Standard") == sorted(column(page, "Standard"), key=lambda s: int(s.split()[0]))
    assert "Book all outstanding appraisals" in column(page, "Action")
    assert set(column(page, "Raised in")) == {"2019"}
    assert "5 actions" in page.countLabel.text()


def test_overdue_actions_stand_out_in_red(page):
    row = column(page, "Action").index("Book all outstanding appraisals")
    assert column(page, "Due")[row] == "30/08/2019 (overdue)"
    assert column(page, "RAG")[row] == "Red"
    due = page.proxy.index(row, action_plan_module.COLUMNS.index("Due"))
    assert due.data(Qt.ItemDataRole.FontRole).bold()
    assert "1 overdue" in page.countLabel.text()


def test_the_plan_sorts_and_filters(page, qtbot):
    page.actionTable.sortByColumn(action_plan_module.COLUMNS.index("Due"), Qt.SortOrder.AscendingOrder)
    dues = [d.split()[0] for d in column(page, "Due")]
    assert dues == sorted(dues, key=lambda d: dt.datetime.strptime(d, "%d/%m/%Y"))
    page.overdueFilter.setChecked(True)
    assert column(page, "Action") == ["Book all outstanding appraisals"]
    page.overdueFilter.setChecked(False)
    page.standardFilter.setCurrentIndex(page.standardFilter.findData(6))
    assert set(column(page, "Standard")) == {"6 · CPD"}
    page.standardFilter.setCurrentIndex(0)
    page.statusFilter.setCurrentIndex(page.statusFilter.findData("complete"))
    assert all(s.startswith("Complete") for s in column(page, "Status"))
    page.statusFilter.setCurrentIndex(0)
    page.ownerFilter.setCurrentIndex(page.ownerFilter.findData("Heads of Service"))
    assert set(column(page, "Owner")) == {"Heads of Service"}
    page.ownerFilter.setCurrentIndex(0)
    qtbot.keyClicks(page.findEdit, "direct work")
    assert column(page, "Action") == ["Direct work bags and training workshops for every team"]


def test_a_new_action_is_added_with_its_links_and_undone_with_ctrl_z(page, hc, qtbot, monkeypatch):
    def fill_in(dialog: ActionDialog) -> int:
        qtbot.keyClicks(dialog.titleEdit, "Protected time for ASYE social workers")
        dialog.standardCombo.setCurrentIndex(dialog.standardCombo.findData(6))
        dialog.ownerCombo.setCurrentText("ASYE Co-ordinator")
        dialog.dueCheck.setChecked(True)
        dialog.dueEdit.setDate(QDate(2020, 3, 31))
        dialog.findingList.item(0).setCheckState(Qt.CheckState.Checked)
        code_row = next(r for r in range(dialog.questionList.count())
                        if dialog.questionList.item(r).data(action_plan_module.ACTION_ROLE) == "caseload")
        dialog.questionList.item(code_row).setCheckState(Qt.CheckState.Checked)
        qtbot.mouseClick(dialog.buttonBox.buttons()[0], Qt.MouseButton.LeftButton)
        return dialog.result()

    monkeypatch.setattr(ActionDialog, "exec", fill_in)
    qtbot.mouseClick(page.newButton, Qt.MouseButton.LeftButton)
    stored = next(a for a in hc.actions.list() if a.title == "Protected time for ASYE social workers")
    assert (stored.standard, stored.owner, stored.due_on, stored.question_codes) == (6, "ASYE Co-ordinator", dt.date(2020, 3, 31), ("caseload",))
    assert len(stored.finding_ids) == 1
    assert page.selected_id() == stored.id
    assert "Protected time for ASYE social workers" in page.detailView.toPlainText()
    page.stack.undo()
    assert "Protected time for ASYE social workers" not in column(page, "Action")
    page.stack.redo()
    assert hc.actions.get(stored.id) == stored


def test_a_dropped_action_needs_a_reason(page, qtbot):
    dialog = ActionDialog(page.selected_action() and None, [], [], [], page, today=TODAY)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.titleEdit, "Something")
    dialog.statusCombo.setCurrentIndex(dialog.statusCombo.findData(ActionStatus.DROPPED))
    assert dialog.droppedEdit.isVisibleTo(dialog)
    dialog.accept()
    assert dialog.result() != ActionDialog.DialogCode.Accepted
    assert "Say why the action was dropped" in dialog.problemLabel.text()


def test_editing_an_action_is_saved_and_undone(page, hc, monkeypatch):
    page.select(next(a.id for a in page.model.actions if a.title == "Book all outstanding appraisals"))
    action = page.selected_action()

    def complete_it(dialog: ActionDialog) -> int:
        assert dialog.titleEdit.text() == action.title
        dialog.statusCombo.setCurrentIndex(dialog.statusCombo.findData(ActionStatus.COMPLETE))
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(ActionDialog, "exec", complete_it)
    page.editButton.click()
    assert hc.actions.get(action.id).status is ActionStatus.COMPLETE
    assert hc.actions.get(action.id).completed_on is not None
    row = column(page, "Action").index(action.title)
    assert column(page, "RAG")[row] == "Green" and "(overdue)" not in column(page, "Due")[row]
    page.stack.undo()
    assert hc.actions.get(action.id) == action


def test_deleting_asks_first_and_can_be_undone(page, hc, monkeypatch):
    action = page.model.actions[0]
    page.select(action.id)
    monkeypatch.setattr(action_plan_module, "ask", lambda *args, **kwargs: False)
    page.deleteButton.click()
    assert hc.actions.get(action.id) == action
    monkeypatch.setattr(action_plan_module, "ask", lambda *args, **kwargs: True)
    page.deleteButton.click()
    assert action.id not in {a.id for a in hc.actions.list()}
    page.stack.undo()
    assert hc.actions.get(action.id) == action


def test_a_progress_update_is_dated_shown_and_undone(page, hc, monkeypatch, qtbot):
    action = page.model.actions[0]
    page.select(action.id)

    def write(dialog: ProgressUpdateDialog) -> int:
        assert dialog.dateEdit.date() == QDate(2019, 9, 1)
        qtbot.keyClicks(dialog.textEdit, "Discussed at the Social Work Development Board")
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(ProgressUpdateDialog, "exec", write)
    page.updateButton.click()
    assert hc.actions.get(action.id).latest_update.text == "Discussed at the Social Work Development Board"
    row = column(page, "Action").index(action.title)
    assert column(page, "Latest update")[row] == "01/09/2019: Discussed at the Social Work Development Board"
    assert "Discussed at the Social Work Development Board" in page.detailView.toPlainText()
    page.stack.undo()
    assert hc.actions.get(action.id) == action


def test_a_read_only_file_offers_no_changes(qtbot, demo_path, folders):
    with HealthCheckFile.open(demo_path, read_only=True, folders=folders) as hc:
        page = ActionPlanPage(QUndoStack(), today=lambda: TODAY)
        qtbot.addWidget(page)
        page.show_cycle(hc, hc.cycles.by_name("2019"))
        page.select(page.model.actions[0].id)
        assert not page.newButton.isEnabled() and not page.editButton.isEnabled() and not page.deleteButton.isEnabled()
