"""The Action plan page, driven as a PSW would: read, sort, filter, add, edit, delete, log progress, undo."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from swhc_desktop.domain.records import ActionDraft, ActionStatus, FindingKind
from swhc_desktop.gui.action_plan import page as action_plan_module
from swhc_desktop.gui.action_plan.dialogs import ActionDialog, ProgressUpdateDialog
from swhc_desktop.gui.action_plan.model import ACTION_ROLE, COLUMNS
from swhc_desktop.gui.action_plan.page import ActionPlanPage
from swhc_desktop.gui.common import output_files as output_files_module

from .support.pdf_text import normalised, page_texts

TODAY = dt.date(2026, 12, 1)


@pytest.fixture
def page(hc, make_page):
    page = make_page(ActionPlanPage, today=lambda: TODAY)
    page.show_cycle(hc, hc.cycles.by_name("2025"))
    page.stack = make_page.undo_stack
    return page


def column(page, name):
    index = COLUMNS.index(name)
    return [page.proxy.index(row, index).data() for row in range(page.proxy.rowCount())]


def test_the_plan_lists_the_cycles_actions_under_their_standards(page):
    assert column(page, "Standard") == sorted(column(page, "Standard"), key=lambda s: int(s.split()[0]))
    assert "Book all outstanding appraisals" in column(page, "Action")
    assert set(column(page, "Raised in")) == {"2025"}
    assert "5 actions" in page.countLabel.text()


def test_overdue_actions_stand_out_in_red(page):
    row = column(page, "Action").index("Book all outstanding appraisals")
    assert column(page, "Due")[row] == "30/11/2026 (overdue)"
    assert column(page, "RAG")[row] == "Red"
    due = page.proxy.index(row, COLUMNS.index("Due"))
    assert due.data(Qt.ItemDataRole.FontRole).bold()
    assert "1 overdue" in page.countLabel.text()


def test_the_plan_sorts_and_filters(page, qtbot):
    page.actionTable.sortByColumn(COLUMNS.index("Due"), Qt.SortOrder.AscendingOrder)
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
        dialog.dueEdit.selectAll()
        qtbot.keyClicks(dialog.dueEdit, "30/06/2027")  # as typed: the whole date, not section by section
        dialog.findingList.item(0).setCheckState(Qt.CheckState.Checked)
        code_row = next(
            r for r in range(dialog.questionList.count()) if dialog.questionList.item(r).data(ACTION_ROLE) == "caseload"
        )
        dialog.questionList.item(code_row).setCheckState(Qt.CheckState.Checked)
        qtbot.mouseClick(dialog.buttonBox.buttons()[0], Qt.MouseButton.LeftButton)
        return dialog.result()

    monkeypatch.setattr(ActionDialog, "exec", fill_in)
    qtbot.mouseClick(page.newButton, Qt.MouseButton.LeftButton)
    stored = next(a for a in hc.actions.all() if a.title == "Protected time for ASYE social workers")
    assert (stored.standard, stored.owner, stored.due_on, stored.question_codes) == (
        6,
        "ASYE Co-ordinator",
        dt.date(2027, 6, 30),
        ("caseload",),
    )
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
    dialog.standardCombo.setCurrentIndex(dialog.standardCombo.findData(2))  # a new action has no Standard until chosen
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
    assert action.id not in {a.id for a in hc.actions.all()}
    page.stack.undo()
    assert hc.actions.get(action.id) == action


def test_a_progress_update_is_dated_shown_and_undone(page, hc, monkeypatch, qtbot):
    action = page.model.actions[0]
    page.select(action.id)

    def write(dialog: ProgressUpdateDialog) -> int:
        assert dialog.dateEdit.date() == dt.date(2026, 12, 1) and dialog.dateEdit.text() == "01/12/2026"
        qtbot.keyClicks(dialog.textEdit, "Discussed at the Social Work Development Board")
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(ProgressUpdateDialog, "exec", write)
    page.updateButton.click()
    assert hc.actions.get(action.id).latest_update.text == "Discussed at the Social Work Development Board"
    row = column(page, "Action").index(action.title)
    assert column(page, "Latest update")[row] == "01/12/2026: Discussed at the Social Work Development Board"
    assert "Discussed at the Social Work Development Board" in page.detailView.toPlainText()
    page.stack.undo()
    assert hc.actions.get(action.id) == action


def test_a_read_only_file_offers_no_changes(demo_path, open_files, make_page):
    hc = open_files.open(demo_path, read_only=True)
    page = make_page(ActionPlanPage, today=lambda: TODAY)
    page.show_cycle(hc, hc.cycles.by_name("2025"))
    page.select(page.model.actions[0].id)
    assert not page.newButton.isEnabled() and not page.editButton.isEnabled() and not page.deleteButton.isEnabled()
    assert page.printButton.isEnabled() and page.exportButton.isEnabled(), "printing only reads the file"


# --------------------------------------------------------------------------- effects, findings, printing, export


def plan_for(make_page, hc, cycle_name):
    page = make_page(ActionPlanPage, today=lambda: TODAY)
    page.show_cycle(hc, hc.cycles.by_name(cycle_name))
    return page


def test_each_action_shows_its_effect_on_its_questions_before_and_after(qtbot, hc, make_page):
    page = plan_for(make_page, hc, "2024")
    qtbot.waitUntil(lambda: any(column(page, "Effect")), timeout=20000)
    effects = dict(zip(column(page, "Action"), column(page, "Effect"), strict=True))
    assert effects == {
        "Review caseload weighting with team managers": "Better",
        "Introduce a supervision performance tool": "No clear change",
    }
    page.select(next(a.id for a in page.model.actions if a.title == "Introduce a supervision performance tool"))
    detail = page.detailView.toPlainText()
    assert (
        "Answers: Fewer than half of social workers (44%) have line-management supervision at least monthly." in detail
    )
    assert "Supervision at least monthly, 2024: 44%" in detail and "Base: all who answered (165)" in detail
    assert (
        "Supervision at least monthly: 44% in 2024, 50% in 2025; no clear change (95% range -5 to +16 points)" in detail
    )
    row = column(page, "Action").index("Introduce a supervision performance tool")
    tooltip = page.proxy.index(row, COLUMNS.index("Effect")).data(Qt.ItemDataRole.ToolTipRole)
    assert "44% in 2024, 50% in 2025" in tooltip


def test_this_years_actions_wait_to_be_re_tested(page, qtbot):
    qtbot.waitUntil(lambda: any(column(page, "Effect")), timeout=20000)
    effects = dict(zip(column(page, "Action"), column(page, "Effect"), strict=True))
    assert (
        effects["Increase the frequency of supervision and the robustness of workload discussions"]
        == "Re-test next time"
    )
    assert effects["Book all outstanding appraisals"] == "", "no questions linked, so nothing to re-test"


def test_a_carried_over_action_keeps_its_link_to_last_years_finding_when_edited(qtbot, hc, monkeypatch, make_page):
    c2024 = hc.cycles.by_name("2024")
    finding = next(f for f in hc.findings.for_cycle(c2024.id) if "caseload" in f.text)
    action_id = hc.actions.add(
        c2024.id,
        ActionDraft(
            standard=3,
            title="Caseload cap pilot",
            owner="Head of Service",
            due_on=dt.date(2027, 3, 1),
            finding_ids=(finding.id,),
        ),
    )
    page = plan_for(make_page, hc, "2025")
    assert "Caseload cap pilot" in column(page, "Action") and "2024" in column(page, "Raised in")
    qtbot.waitUntil(lambda: action_id in page.figures.evidence, timeout=20000)
    page.select(action_id)

    def change_owner(dialog: ActionDialog) -> int:
        labels = [dialog.findingList.item(r).text() for r in range(dialog.findingList.count())]
        last_year = next(label for label in labels if finding.text in label)
        assert last_year.startswith("Area for improvement (2024):") and "41% (2023:" in last_year
        dialog.ownerCombo.setCurrentText("Service Manager, Assessment")
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(ActionDialog, "exec", change_owner)
    page.editButton.click()
    edited = hc.actions.get(action_id)
    assert edited.owner == "Service Manager, Assessment" and edited.finding_ids == (finding.id,)


def test_findings_written_on_the_findings_page_are_offered_in_the_editor(page, hc, qtbot, monkeypatch):
    cycle = hc.cycles.by_name("2025")
    hc.findings.add(
        cycle.id,
        FindingKind.IMPROVEMENT,
        "Only a third find recording time reasonable.",
        question_codes=["recording_time"],
    )
    page.hide()
    page.show()  # back to the Action plan page
    offered = []

    def look(dialog: ActionDialog) -> int:
        offered.extend(dialog.findingList.item(r).text() for r in range(dialog.findingList.count()))
        return ActionDialog.DialogCode.Rejected

    monkeypatch.setattr(ActionDialog, "exec", look)
    page.newButton.click()
    assert any("Only a third find recording time reasonable." in text for text in offered)


def wait_for(qtbot, found: list, timeout=30000):
    qtbot.waitUntil(lambda: bool(found), timeout=timeout)
    return found[0]


def test_print_opens_the_plan_in_the_pdf_viewer_where_qt_cannot_print_pdfs(page, hc, qtbot, monkeypatch):
    from swhc_desktop.gui.common import printing

    opened = []
    monkeypatch.setattr(printing, "can_print_directly", lambda: False)
    monkeypatch.setattr(printing, "open_in_viewer", lambda path, parent: opened.append(path) or True)
    menu = {a.text(): a for a in page.print_menu.actions()}
    menu["Print the &action plan…"].trigger()
    path = wait_for(qtbot, opened)
    assert path.name == "Action plan 2025.pdf"
    from PySide6.QtWidgets import QApplication, QMessageBox

    told = [w for w in QApplication.topLevelWidgets() if w.objectName() == "printFromViewerMessage" and w.isVisible()]
    assert told and isinstance(told[0], QMessageBox), "Print never seems to do nothing"
    assert "is opening in your PDF viewer. Print it from there" in told[0].text()
    told[0].close()
    text = normalised(" ".join(page_texts(path)))
    for action in page.model.actions:
        assert normalised(action.title) in text
    assert "Page 1 of" in text


def test_ctrl_p_prints_through_the_printer_dialog_when_it_can(page, qtbot, monkeypatch):
    from swhc_desktop.gui.common import printing

    printed, opened = [], []
    monkeypatch.setattr(printing, "print_pdf", lambda path, parent: printed.append(path) or True)
    monkeypatch.setattr(printing, "open_in_viewer", lambda path, parent: opened.append(path) or True)
    with qtbot.waitExposed(page):
        page.show()
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    page.actionTable.setFocus()
    qtbot.keyClick(page.actionTable, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    path = wait_for(qtbot, printed)
    assert path.exists() and not opened


def test_you_said_we_did_is_saved_as_a_pdf(page, qtbot, monkeypatch, tmp_path):
    from PySide6.QtWidgets import QFileDialog

    target = tmp_path / "for staff"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(target), "PDF document (*.pdf)"))
    answered = []
    monkeypatch.setattr(output_files_module, "ask", lambda *args, **kwargs: answered.append(args[2]) or False)
    menu = {a.text(): a for a in page.print_menu.actions()}
    menu["Save 'You said, we did' as P&DF…"].trigger()
    assert wait_for(qtbot, answered) == "'You said, we did' is saved as for staff.pdf."
    assert "You said, we did" in " ".join(page_texts(tmp_path / "for staff.pdf"))


def test_the_plan_is_exported_to_excel(page, qtbot, monkeypatch, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    from PySide6.QtWidgets import QFileDialog

    target = tmp_path / "plan.xlsx"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(target), "Excel workbook (*.xlsx)")
    )
    answered = []
    monkeypatch.setattr(output_files_module, "ask", lambda *args, **kwargs: answered.append(args[2]) or False)
    page.exportButton.click()
    wait_for(qtbot, answered)
    sheet = openpyxl.load_workbook(target).active
    titles = [row[2] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert sorted(titles) == sorted(a.title for a in page.model.actions)


def test_a_pdf_that_no_program_can_open_is_explained_with_where_it_is(qtbot, tmp_path, monkeypatch):
    from PySide6.QtGui import QDesktopServices

    from swhc_desktop.gui.common import printing

    told = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: False)
    monkeypatch.setattr(printing, "show_problem", lambda parent, error: told.append(error))
    made = tmp_path / "Action plan 2025.pdf"
    made.write_bytes(b"%PDF-1.4")
    assert printing.open_in_viewer(made, None) is False
    [error] = told
    assert (
        error.message == "Action plan 2025.pdf is saved, but no program on this computer is set to open PDF documents."
    )
    assert str(tmp_path) in error.advice and "PDF reader" in error.advice


def follow_link(page, qtbot, href: str) -> None:
    """Follow a link of the detail pane with the keyboard, as the PSW can: Tab from link to link until the one
    wanted is chosen, then Enter."""
    view = page.detailView
    view.setFocus()
    view.moveCursor(view.textCursor().MoveOperation.Start)
    for _ in range(40):
        qtbot.keyClick(view, Qt.Key.Key_Tab)
        if view.textCursor().charFormat().anchorHref() == href:
            qtbot.keyClick(view, Qt.Key.Key_Return)
            return
    raise AssertionError(f"no link {href} in the detail pane")


def test_a_progress_update_is_edited_twice_shown_at_once_and_printed_then_undone_step_by_step(
    page, hc, monkeypatch, qtbot
):
    action = next(a for a in page.model.actions if a.updates)
    page.select(action.id)
    first = action.updates[-1]
    typed = iter(["Twenty of the 30 appraisals are booked", "All 30 appraisals are booked"])

    def rewrite(dialog: ProgressUpdateDialog) -> int:
        assert dialog.windowTitle() == "Edit progress update" and dialog.dateEdit.date() == first.written_on
        dialog.textEdit.selectAll()
        qtbot.keyClicks(dialog.textEdit, next(typed))
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(ProgressUpdateDialog, "exec", rewrite)
    follow_link(page, qtbot, f"edit-update:{first.id}")
    follow_link(page, qtbot, f"edit-update:{first.id}")
    assert page.stack.undoText() == f"change progress update of '{action.title}'"
    [edited] = [u for u in hc.actions.get(action.id).updates if u.id == first.id]
    assert (edited.text, edited.written_on, edited.author) == (
        "All 30 appraisals are booked",
        first.written_on,
        first.author,
    )
    assert "All 30 appraisals are booked" in page.detailView.toPlainText()
    assert first.text not in page.detailView.toPlainText()

    from swhc_desktop.gui.common import printing

    opened = []
    monkeypatch.setattr(printing, "can_print_directly", lambda: False)
    monkeypatch.setattr(printing, "open_in_viewer", lambda path, parent: opened.append(path) or True)
    {a.text(): a for a in page.print_menu.actions()}["Print the &action plan…"].trigger()
    printed = normalised(" ".join(page_texts(wait_for(qtbot, opened))))
    assert "All 30 appraisals are booked" in printed and "Twenty of the 30" not in printed

    page.stack.undo()
    assert next(u for u in hc.actions.get(action.id).updates if u.id == first.id).text == (
        "Twenty of the 30 appraisals are booked"
    )
    page.stack.undo()
    assert hc.actions.get(action.id) == action
    assert first.text in page.detailView.toPlainText()
    page.stack.redo()
    page.stack.redo()
    assert "All 30 appraisals are booked" in page.detailView.toPlainText()


def test_a_progress_update_is_deleted_after_a_question_and_undone(page, hc, monkeypatch, qtbot):
    action = next(a for a in page.model.actions if a.updates)
    page.select(action.id)
    latest = action.updates[-1]
    asked = []
    monkeypatch.setattr(action_plan_module, "ask", lambda *args, **kwargs: asked.append(args[2]) or False)
    follow_link(page, qtbot, f"delete-update:{latest.id}")
    assert hc.actions.get(action.id) == action and len(asked) == 1 and "Delete the progress update of" in asked[0]
    monkeypatch.setattr(action_plan_module, "ask", lambda *args, **kwargs: True)
    follow_link(page, qtbot, f"delete-update:{latest.id}")
    assert latest.id not in {u.id for u in hc.actions.get(action.id).updates}
    assert latest.text not in page.detailView.toPlainText()
    page.stack.undo()
    assert hc.actions.get(action.id) == action
    assert latest.text in page.detailView.toPlainText()


def test_a_read_only_file_shows_updates_without_edit_or_delete_links(demo_path, open_files, make_page):
    hc = open_files.open(demo_path, read_only=True)
    page = make_page(ActionPlanPage, today=lambda: TODAY)
    page.show_cycle(hc, hc.cycles.by_name("2025"))
    action = next(a for a in page.model.actions if a.updates)
    page.select(action.id)
    assert action.updates[-1].text in page.detailView.toPlainText() and "edit-update:" not in page.detailView.toHtml()


@pytest.mark.parametrize(
    ("item", "suffix"),
    [
        ("Save 'You said, we did' as W&ord document…", ".docx"),
        ("Save 'You said, we did' as a web pa&ge…", ".html"),
        ("Save the action plan as &Word document…", ".docx"),
        ("Save the action plan as a &web page…", ".html"),
    ],
)
def test_the_plan_and_you_said_we_did_are_saved_as_word_or_a_web_page(page, qtbot, monkeypatch, tmp_path, item, suffix):
    from PySide6.QtWidgets import QFileDialog

    from .support.document_text import document_text

    target = tmp_path / "for publishing"
    filters = []
    monkeypatch.setattr(
        QFileDialog,
        "getSaveFileName",
        lambda parent, title, suggested, chosen: filters.append(chosen) or (str(target), chosen),
    )
    answered = []
    monkeypatch.setattr(output_files_module, "ask", lambda *args, **kwargs: answered.append(args[2]) or False)
    menu = {a.text(): a for a in page.print_menu.actions()}
    menu[item].trigger()
    said = wait_for(qtbot, answered)
    assert said.endswith(f"is saved as for publishing{suffix}.") and suffix[1:] in filters[0]
    text = normalised(document_text(tmp_path / f"for publishing{suffix}"))
    if "action plan" in item:
        for action in page.model.actions:
            assert normalised(action.title) in text
    else:
        assert "You said, we did" in text and "What is going well" in text


# ---------------------------------------------------------------- a new action's Standard is chosen, never assumed


def new_action_dialog(page, qtbot) -> ActionDialog:
    dialog = page._dialog(None)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_a_new_action_starts_with_no_standard_and_saving_says_to_choose_one(page, qtbot):
    dialog = new_action_dialog(page, qtbot)
    assert dialog.standardCombo.currentData() is None
    assert "Choose the Standard" in dialog.standardCombo.currentText()
    qtbot.keyClicks(dialog.titleEdit, "Protected time for ASYE social workers")
    qtbot.keyClick(dialog.titleEdit, Qt.Key.Key_Return)  # Save
    assert dialog.isVisible() and dialog.result() != ActionDialog.DialogCode.Accepted
    assert "Choose the Standard for Employers this action answers" in dialog.problemLabel.text()
    assert dialog.focusWidget() is dialog.standardCombo  # the box to put right has the cursor
    qtbot.keyClick(dialog.standardCombo, Qt.Key.Key_Down)  # the first Standard
    assert dialog.standardCombo.currentData() == 1
    qtbot.keyClick(dialog.titleEdit, Qt.Key.Key_Return)
    assert dialog.result() == ActionDialog.DialogCode.Accepted and dialog.draft().standard == 1


def test_a_new_action_takes_the_standard_of_the_question_or_finding_it_answers(page, hc, qtbot):
    cycle = hc.cycles.by_name("2025")
    questionnaire = hc.questionnaires.load(cycle.id)
    supervision = questionnaire.question("supervision_frequency")
    assert supervision.standard == 5
    dialog = new_action_dialog(page, qtbot)
    row = next(
        r for r in range(dialog.questionList.count()) if dialog.questionList.item(r).data(ACTION_ROLE) == "stressed"
    )
    dialog.questionList.item(row).setCheckState(Qt.CheckState.Checked)
    stressed = questionnaire.question("stressed").standard
    assert dialog.standardCombo.currentData() == stressed
    # Once a Standard is there, ticking another link never changes it.
    row = next(
        r
        for r in range(dialog.questionList.count())
        if dialog.questionList.item(r).data(ACTION_ROLE) == "supervision_frequency"
    )
    dialog.questionList.item(row).setCheckState(Qt.CheckState.Checked)
    assert dialog.standardCombo.currentData() == stressed
    finding_id = hc.findings.add(
        cycle.id, FindingKind.IMPROVEMENT, "Supervision is less often than monthly", ["supervision_frequency"]
    )
    page.reload()
    dialog = new_action_dialog(page, qtbot)
    item = next(
        dialog.findingList.item(r)
        for r in range(dialog.findingList.count())
        if dialog.findingList.item(r).data(ACTION_ROLE) == finding_id
    )
    item.setCheckState(Qt.CheckState.Checked)
    assert dialog.standardCombo.currentData() == 5


def test_an_edited_action_keeps_its_standard(page, hc, qtbot):
    action = hc.actions.for_cycle(hc.cycles.by_name("2025").id)[0]
    dialog = page._dialog(action.draft)
    qtbot.addWidget(dialog)
    assert dialog.standardCombo.currentData() == action.standard


def test_a_complete_action_with_no_rag_set_says_the_plan_shows_it_green(qtbot):
    from swhc_desktop.domain.records import ActionDraft, ActionStatus
    from swhc_desktop.gui.action_plan.dialogs import ActionDialog

    draft = ActionDraft(standard=5, title="Supervision audit", status=ActionStatus.COMPLETE)
    dialog = ActionDialog(draft, [], [], [], today=TODAY)
    qtbot.addWidget(dialog)
    assert dialog.ragCombo.currentText() == "Not set (the plan shows it green: it is complete)"
    dialog.statusCombo.setCurrentIndex(dialog.statusCombo.findData(ActionStatus.IN_PROGRESS))
    assert dialog.ragCombo.currentText() == "Not set"
    assert dialog.draft().rag is None, "nothing is set by the wording"
