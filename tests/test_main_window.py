"""The main window: opening files (and every way that can fail), cycles, recent files and the demo."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from swhc_desktop.gui import main_window as main_window_module
from swhc_desktop.gui.dialogs import NewCycleDialog, NewFileDialog
from swhc_desktop.gui.main_window import MainWindow
from swhc_desktop.storage import HealthCheckFile

from .support.files import made_read_only
from .support.pages import add_main_window
from .support.views import tree_rows


@pytest.fixture
def problems(monkeypatch) -> list[str]:
    """What the user is told in message boxes (recorded instead of shown, so the test is not blocked)."""
    shown: list[str] = []
    monkeypatch.setattr(main_window_module, "show_problem", lambda parent, error: shown.append(str(error)))
    return shown


def combo_items(window) -> list[str]:
    return [window.cycleCombo.itemText(i) for i in range(window.cycleCombo.count())]


def test_the_window_shows_the_organisation_its_cycles_and_the_questionnaire(window, demo_path):
    assert window.open_path(demo_path)
    assert window.organisationLabel.text() == "Demo Borough Council · Children's Services"
    assert combo_items(window) == ["2023: 158 responses", "2024: 171 responses", "2025: 203 responses"]
    assert window.cycleCombo.currentText() == "2025: 203 responses"
    summary = window.cycleSummaryLabel.text()
    assert (
        "01/04/2025 to 15/05/2025" in summary
        and "242 staff invited" in summary
        and "203 responses (84% response rate)" in summary
    )
    rows = tree_rows(window.questionnaire_page)
    assert [cells[1] for depth, cells in rows if depth == 1][:3] == ["team", "role", "years_qualified"]
    assert window.windowTitle().startswith("Demo Borough Council")
    assert [window.pageList.item(i).text() for i in range(window.pageList.count())] == [
        "Questionnaire",
        "Responses",
        "Findings",
        "Action plan",
        "Reports",
    ]


def test_choosing_another_cycle_shows_its_figures(window, demo_path, qtbot):
    window.open_path(demo_path)
    window.cycleCombo.setFocus()
    window.cycleCombo.setCurrentIndex(0)
    assert "03/04/2023 to 12/05/2023" in window.cycleSummaryLabel.text()
    assert "158 responses" in window.cycleSummaryLabel.text()


def test_the_demo_opens_from_the_file_menu_built_in_the_background(window, qtbot, folders):
    window.actionOpenDemo.trigger()
    qtbot.waitUntil(lambda: window.hc is not None, timeout=30000)
    assert window.hc.path == folders.demo_file
    assert window.cycleCombo.count() == 3


def test_file_new_creates_a_file_and_offers_the_first_cycle(window, qtbot, tmp_path, monkeypatch):
    def fill_in(dialog: NewFileDialog) -> int:
        qtbot.keyClicks(dialog.organisationEdit, "Anytown Borough Council")
        dialog.fileEdit.setText(str(tmp_path / "Anytown.swhc"))
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(NewFileDialog, "exec", fill_in)
    window.actionNew.trigger()
    assert window.hc is not None and window.hc.path == tmp_path / "Anytown.swhc"
    assert window.organisationLabel.text().startswith("Anytown Borough Council")
    assert window.questionnaire_page.pageStack.currentWidget() is window.questionnaire_page.emptyPage

    def first_cycle(dialog: NewCycleDialog) -> int:
        dialog.nameEdit.setText("2025")
        dialog.invitedSpin.setValue(150)
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(NewCycleDialog, "exec", first_cycle)
    qtbot.mouseClick(window.questionnaire_page.emptyNewCycleButton, Qt.MouseButton.LeftButton)
    assert combo_items(window) == ["2025: 0 responses"]
    assert window.questionnaire_page.pageStack.currentWidget() is window.questionnaire_page.designerPane
    window._close_file()
    with HealthCheckFile.open(tmp_path / "Anytown.swhc", read_only=True) as hc:
        assert [(c.name, c.staff_invited, c.question_count) for c in hc.cycles.all()] == [("2025", 150, 60)]


def test_a_new_cycle_copies_an_earlier_one(window, demo_path, monkeypatch):
    window.open_path(demo_path)

    def copy_2025(dialog: NewCycleDialog) -> int:
        dialog.nameEdit.setText("2026")
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(NewCycleDialog, "exec", copy_2025)
    window.actionNewCycle.trigger()
    assert window.cycleCombo.currentText() == "2026: 0 responses"
    assert "Copy of 2025" in window.cycleSummaryLabel.text()


@pytest.mark.parametrize(
    "content, message", [(b"", "is empty"), (b"ID,Team\n1,Assessment\n", "is not a health-check file")]
)
def test_a_file_that_is_not_a_health_check_is_explained(window, tmp_path, problems, content, message):
    path = tmp_path / "export.swhc"
    path.write_bytes(content)
    assert not window.open_path(path)
    assert len(problems) == 1 and message in problems[0]
    assert window.hc is None


def test_a_file_open_elsewhere_is_explained_and_the_current_file_stays_open(
    window, demo_path, tmp_path, problems, folders
):
    window.open_path(demo_path)
    other = tmp_path / "other.swhc"
    HealthCheckFile.create(other, "Other Council", folders=folders).close()
    with HealthCheckFile.open(other, folders=folders):
        assert not window.open_path(other)
    assert "open in another copy of SWHC Desktop" in problems[0]
    assert window.hc.path == demo_path


def test_a_read_only_file_can_be_opened_for_viewing(window, demo_path, monkeypatch):
    asked = []
    monkeypatch.setattr(main_window_module, "ask", lambda *args, **kwargs: asked.append(args[2]) or True)
    with made_read_only(demo_path):
        assert window.open_path(demo_path)
        assert window.hc.read_only
        assert window.read_only_label.text() == "Read-only"
        assert not window.actionNewCycle.isEnabled() and not window.newCycleButton.isEnabled()
        window._close_file()
    assert "is read-only" in asked[0]


def test_opened_files_are_remembered_and_a_missing_one_is_dropped(window, demo_path, settings, monkeypatch):
    window.open_path(demo_path)
    assert window.recent.paths() == [demo_path.resolve()]
    window._fill_recent_menu()
    entries = [a.text() for a in window.menuRecent.actions() if a.text()]
    assert entries[0] == f"&1 {demo_path.name}"
    told = []
    monkeypatch.setattr(main_window_module.QMessageBox, "information", lambda *args: told.append(args[2]))
    window._close_file()
    demo_path.rename(demo_path.with_name("moved.swhc"))
    window.menuRecent.actions()[0].trigger()
    assert window.recent.paths() == []
    assert "no longer at" in told[0]


def test_opening_the_file_that_is_already_open_keeps_it_open(window, demo_path, problems):
    assert window.open_path(demo_path)
    hc = window.hc
    assert window.open_path(Path(str(demo_path)))
    assert window.hc is hc and problems == []


def test_the_window_remembers_its_size_and_releases_the_file_on_close(qtbot, window, demo_path, settings, folders):
    window.open_path(demo_path)
    window.resize(800, 640)  # not the first size (1200 x 720), and one the offscreen screen (800 x 800) can show
    window.close()
    assert settings.value("mainWindow/geometry") is not None
    HealthCheckFile.open(demo_path, folders=folders).close()
    again = add_main_window(qtbot, MainWindow(settings, folders))
    assert (again.width(), again.height()) == (800, 640)


def test_closing_the_window_waits_for_quiet_work_but_asks_to_wait_for_work_in_view(window, monkeypatch, qtbot):
    """Quiet work (the dashboard's charts, after its tiles) has nothing on screen saying it runs: closing waits for it
    to end. Work whose progress is shown is waited for by the user, who is told so."""
    import threading

    told: list[str] = []
    monkeypatch.setattr(main_window_module.QMessageBox, "information", lambda parent, title, text: told.append(text))

    def failed(error, trace):
        raise error

    window.show()
    release = threading.Event()
    window.tasks.run("Working…", lambda progress: release.wait(30), on_done=lambda _: None, on_error=failed)
    window.close()
    assert told == ["Please wait until the current task has finished."] and window.isVisible()
    release.set()
    qtbot.waitUntil(lambda: not window.tasks.busy, timeout=10000)

    told.clear()
    window.tasks.run("Drawing…", lambda progress: time.sleep(0.5), lambda _: None, failed, quiet=True)
    window.close()
    assert told == [] and not window.isVisible()


def test_pages_have_keyboard_shortcuts(window):
    assert [a.shortcut().toString() for a in window.menuView.actions()] == [
        "Ctrl+1",
        "Ctrl+2",
        "Ctrl+3",
        "Ctrl+4",
        "Ctrl+5",
    ]
    assert window.actionOpen.shortcut().toString() == "Ctrl+O"


def test_edits_are_undone_with_ctrl_z_and_redone_with_ctrl_y(window, demo_path):
    from PySide6.QtGui import QUndoCommand

    window.open_path(demo_path)
    log: list[str] = []

    class Rename(QUndoCommand):
        def redo(self):
            log.append("done")

        def undo(self):
            log.append("undone")

    window.undo_stack.push(Rename("rename a question"))
    assert window.actionUndo.text() == "&Undo rename a question"
    assert "Ctrl+Z" in [s.toString() for s in window.actionUndo.shortcuts()]
    assert "Ctrl+Y" in [s.toString() for s in window.actionRedo.shortcuts()]
    window.actionUndo.trigger()
    window.actionRedo.trigger()
    assert log == ["done", "undone", "done"]
    window._close_file()
    assert window.undo_stack.count() == 0


def test_with_no_file_open_the_window_is_a_welcome_screen(window, demo_path, qtbot):
    assert window.welcome_page.isVisibleTo(window) and not window.pageList.isVisibleTo(window)
    window.open_path(demo_path)
    assert not window.welcome_page.isVisibleTo(window) and window.pageList.isVisibleTo(window)
    window.actionClose.trigger()
    assert window.hc is None
    assert window.welcome_page.isVisibleTo(window)
    assert [window.welcome_page.recentList.item(i).text() for i in range(window.welcome_page.recentList.count())] == [
        f"demo    ({demo_path.parent.resolve()})"
    ]
    assert not window.actionClose.isEnabled()
    window.welcome_page.recentList.itemActivated.emit(window.welcome_page.recentList.item(0))
    assert window.hc is not None and window.hc.path == demo_path.resolve()


def test_the_welcome_screen_opens_the_demo(window, qtbot, folders):
    qtbot.mouseClick(window.welcome_page.demoButton, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.hc is not None, timeout=30000)
    assert window.hc.path == folders.demo_file
    assert window.demo_banner.isVisibleTo(window)
    window.demo_banner.dismissed.emit()
    assert not window.demo_banner.isVisibleTo(window)
    window.close_file()
    window.open_path(folders.demo_file)
    assert not window.demo_banner.isVisibleTo(window)


def test_at_start_the_last_file_opens_and_on_a_first_run_the_demo(window, demo_path, qtbot, folders, settings):
    window.open_on_start(None)
    qtbot.waitUntil(lambda: window.hc is not None, timeout=30000)
    assert window.hc.path == folders.demo_file
    window.open_path(demo_path)
    window.close_file()
    window.open_on_start(None)
    assert window.hc.path == demo_path.resolve()


def test_a_backup_is_restored_from_the_file_menu(window, demo_path, folders, monkeypatch):
    from swhc_desktop.gui.restore_dialog import RestoreBackupDialog

    window.open_path(demo_path)
    window.hc.backup("before import")

    def copy_2025(dialog: NewCycleDialog) -> int:
        dialog.nameEdit.setText("2026")
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(NewCycleDialog, "exec", copy_2025)
    window.actionNewCycle.trigger()
    assert window.cycleCombo.count() == 4
    chosen = []

    def pick_the_newest(dialog: RestoreBackupDialog) -> int:
        chosen.append(dialog.backupList.currentItem().text())
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(RestoreBackupDialog, "exec", pick_the_newest)
    monkeypatch.setattr(main_window_module, "ask", lambda *args, **kwargs: True)
    window.actionRestoreBackup.trigger()
    assert "before import" in chosen[0]
    assert combo_items(window) == ["2023: 158 responses", "2024: 171 responses", "2025: 203 responses"]
    assert window.hc is not None and window.hc.path == demo_path


def test_a_designer_edit_is_undone_from_the_edit_menu_even_after_choosing_another_cycle(window, demo_path, qtbot):
    from swhc_desktop.gui.designer.tree import ItemKey

    window.open_path(demo_path)
    page = window.questionnaire_page
    page.select(ItemKey(question_code="caseload_manageable"))
    page.add_question()
    assert window.cycleSummaryLabel.text().count("61 questions") == 1  # the window shows the change at once
    assert window.actionUndo.text() == "&Undo add a question"
    window.cycleCombo.setCurrentIndex(window.cycleCombo.findText("2024: 171 responses"))
    window.actionUndo.trigger()
    assert window.cycleCombo.currentText() == "2025: 203 responses"  # the window shows the cycle the undo changed
    assert "60 questions" in window.cycleSummaryLabel.text()
    window.actionRedo.trigger()
    assert page.current == ItemKey(question_code="new_question")
    assert [cells[1] for depth, cells in tree_rows(page) if depth == 1][7] == "new_question"


def test_wording_still_being_typed_is_saved_when_the_window_closes(window, demo_path, folders, monkeypatch):
    from swhc_desktop.gui.designer import page as page_module
    from swhc_desktop.gui.designer.tree import ItemKey

    asked = []
    monkeypatch.setattr(page_module, "ask", lambda parent, title, *args, **kwargs: asked.append(title) or True)
    window.open_path(demo_path)
    page = window.questionnaire_page
    page.select(ItemKey(question_code="team"))
    page.question_editor.textEdit.setPlainText("Which team are you in?")  # typed, the field not yet left
    window.close()
    with HealthCheckFile.open(demo_path, read_only=True, folders=folders) as hc:
        assert hc.questionnaires.load(hc.cycles.by_name("2025").id).question("team").text == "Which team are you in?"
    assert asked == ["Change a question asked in earlier years?"]  # the trend warning still comes first


def test_a_file_with_no_cycles_shows_nothing_left_over_from_the_file_before(
    window, demo_path, tmp_path, qtbot, folders
):
    window.show()
    window.open_path(demo_path)
    window.pageList.setCurrentRow(2)  # Findings
    findings = window.page("Findings")
    findings.findingsTabs.setCurrentWidget(findings.keyFindingsTab)
    qtbot.waitUntil(
        lambda: findings.key_findings.findingsHeading.text().startswith("Key findings, 2025"), timeout=30000
    )
    reports = window.page("Reports")
    assert reports.report_panel.purposeEdit.toPlainText()
    HealthCheckFile.create(tmp_path / "Anytown.swhc", "Anytown Borough Council", folders=folders).close()
    window.open_path(tmp_path / "Anytown.swhc")
    qtbot.waitUntil(lambda: findings.key_findings.findingsHeading.text() == "Key findings", timeout=10000)
    assert findings.key_findings.suggestionsHeading.text() == "Suggested findings"
    assert "no cycles yet" in findings.key_findings.findingDetail.toPlainText()
    findings.findingsTabs.setCurrentWidget(findings.dashboardTab)
    assert findings.dashboard.dashboardHeading.text() == "Headline indicators"
    assert "no cycles yet" in findings.dashboard.dashboardNote.text()
    assert reports.report_panel.purposeEdit.toPlainText() == ""


def test_a_new_file_is_suggested_beside_the_psws_own_files_never_in_the_hidden_demo_folder(
    window, qtbot, folders, tmp_path, monkeypatch
):
    suggested = []

    def look(dialog: NewFileDialog) -> int:
        suggested.append(dialog.suggested_folder)
        return NewFileDialog.DialogCode.Rejected

    monkeypatch.setattr(NewFileDialog, "exec", look)
    window.actionOpenDemo.trigger()
    qtbot.waitUntil(lambda: window.hc is not None, timeout=30000)
    window.actionNew.trigger()
    assert suggested[-1] != folders.demo_file.parent
    own = tmp_path / "Council files" / "Anytown.swhc"
    own.parent.mkdir()
    HealthCheckFile.create(own, "Anytown Borough Council", folders=folders).close()
    window.open_path(own)
    window.open_path(folders.demo_file)  # the demo is the most recent file again
    window.actionNew.trigger()
    assert suggested[-1] == own.parent


def test_a_file_still_used_by_work_in_the_background_is_not_closed_under_it(
    window, demo_path, qtbot, monkeypatch, tmp_path
):
    import shutil
    import threading

    from swhc_desktop.gui.common.messages import on_background_error

    told: list[str] = []
    monkeypatch.setattr(main_window_module.QMessageBox, "information", lambda parent, title, text: told.append(text))
    monkeypatch.setattr(main_window_module, "WAIT_FOR_WORK_MS", 50)  # the work below waits for the test, not a clock
    assert window.open_path(demo_path)
    hc = window.hc
    other = tmp_path / "other.swhc"
    shutil.copyfile(demo_path, other)
    work_may_end, counted = threading.Event(), []
    window.tasks.run(
        "Counting the responses…",
        lambda progress: work_may_end.wait() and counted.append(hc.value("SELECT count(*) FROM responses")),
        on_done=lambda _: None,
        on_error=on_background_error(window),
    )
    window.actionClose.trigger()
    assert not window.open_path(other)
    assert len(told) == 2 and all(t.startswith("SWHC Desktop is still working on demo.swhc") for t in told)
    assert window.hc is hc and window.windowTitle().startswith("Demo Borough Council")
    work_may_end.set()
    qtbot.waitUntil(lambda: not window.tasks.busy, timeout=20000)
    assert counted == [532], "the work finished on the file it started on"
    assert window.open_path(other), "the other file was not left locked by the refused attempt"
    window.actionClose.trigger()
    assert window.hc is None and len(told) == 2


def test_a_copy_is_saved_from_the_file_menu_and_never_over_a_file(
    window, demo_path, tmp_path, monkeypatch, qtbot, problems
):
    from swhc_desktop.gui.common import messages

    monkeypatch.setattr(messages, "show_problem", lambda parent, error: problems.append(str(error)))
    assert not window.actionSaveCopy.isEnabled(), "nothing to copy with no file open"
    window.open_path(demo_path)
    assert window.actionSaveCopy.isEnabled()
    offered = []

    def choose(parent, title, suggested, *args, **kwargs):
        offered.append(Path(suggested).name)
        return str(tmp_path / "copies" / "before the import"), ""

    (tmp_path / "copies").mkdir()
    monkeypatch.setattr(main_window_module.QFileDialog, "getSaveFileName", choose)
    window.actionSaveCopy.trigger()
    copy = tmp_path / "copies" / "before the import.swhc"
    qtbot.waitUntil(lambda: copy.exists() and window.statusBar.currentMessage().startswith("Saved a copy as"))
    assert offered[0].startswith("demo (copy ") and offered[0].endswith(").swhc")
    kept = copy.read_bytes()
    names = iter([tmp_path / "copies" / "before the import", tmp_path / "copies" / "second copy", None])

    def choose_again(parent, title, suggested, *args, **kwargs):
        offered.append(Path(suggested).name)
        name = next(names)
        return (str(name) if name else ""), ""

    monkeypatch.setattr(main_window_module.QFileDialog, "getSaveFileName", choose_again)
    monkeypatch.setattr(main_window_module, "show_problem", lambda parent, error: problems.append(str(error)))
    window.actionSaveCopy.trigger()
    assert "There is already a file called before the import.swhc" in problems[0]
    assert offered[-1] == "before the import", "asked again, with the name refused to change"
    qtbot.waitUntil(lambda: (tmp_path / "copies" / "second copy.swhc").exists())
    assert copy.read_bytes() == kept
    assert window.hc.path == demo_path, "the open file is still the original"


def enabled_edits(window) -> set[str]:
    """The Edit items enabled, for their shortcuts as they are now, and the same once the PSW opens the Edit menu."""
    for_shortcuts = {edit for edit, action in window.edit_actions.items() if action.isEnabled()}
    window.menuEdit.aboutToShow.emit()
    assert {edit for edit, action in window.edit_actions.items() if action.isEnabled()} == for_shortcuts
    return for_shortcuts


def test_edit_cut_copy_and_paste_are_enabled_only_when_they_can_act_on_what_has_the_keyboard(window, demo_path, qtbot):
    from PySide6.QtWidgets import QApplication, QLineEdit, QPushButton

    window.open_path(demo_path)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    QApplication.clipboard().setText("Supervision monthly")
    button = QPushButton("Nothing to edit", window)
    button.show()
    button.setFocus()
    qtbot.waitUntil(button.hasFocus)
    assert enabled_edits(window) == set(), "a button has no text to cut, copy or paste into"
    button.setFocus()
    qtbot.keyClick(button, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.clipboard().text() == "Supervision monthly"

    box = QLineEdit(window)
    box.show()
    box.setFocus()
    qtbot.waitUntil(box.hasFocus)
    assert enabled_edits(window) == {"paste"}, "an empty box: nothing to cut or copy, but the clipboard to paste"
    qtbot.keyClicks(box, "Caseloads")
    assert enabled_edits(window) == {"paste", "selectAll"}
    qtbot.keyClick(box, Qt.Key.Key_Left, Qt.KeyboardModifier.ShiftModifier)
    assert enabled_edits(window) == {"cut", "copy", "paste", "selectAll"}
    box.setReadOnly(True)
    assert enabled_edits(window) == {"copy", "selectAll"}, "a read-only box can be copied from, never cut or pasted"

    window.pageList.setCurrentRow(1)  # Responses: the table of batches
    table = window.pages_by_name["Responses"].batchTable
    qtbot.waitUntil(lambda: table.rowCount() > 0)
    table.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is table)
    table.clearSelection()
    table.setCurrentIndex(table.model().index(-1, -1))
    assert "copy" not in enabled_edits(window)
    assert not {"cut", "paste"} & enabled_edits(window), "a table is never cut or pasted into"
    qtbot.mouseClick(
        table.viewport(), Qt.MouseButton.LeftButton, pos=table.visualRect(table.model().index(0, 0)).center()
    )
    assert "copy" in enabled_edits(window)
    assert not {"cut", "paste"} & enabled_edits(window)


def test_edit_copy_copies_the_selected_cells_of_a_table_and_cut_and_paste_work_in_text_boxes(window, demo_path, qtbot):
    from PySide6.QtWidgets import QApplication, QLineEdit, QTableView

    window.open_path(demo_path)
    window.pageList.setCurrentRow(1)  # Responses: the table of batches
    table = window.pages_by_name["Responses"].batchTable
    qtbot.waitUntil(lambda: table.rowCount() > 0)
    assert isinstance(table, QTableView)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    table.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is table)
    table.selectRow(0)
    window.edit_actions["copy"].trigger()
    lines = QApplication.clipboard().text().splitlines()
    model = table.model()
    columns = range(model.columnCount())
    assert lines[0] == "\t".join(model.headerData(c, Qt.Orientation.Horizontal) for c in columns), "headings first"
    assert lines[1] == "\t".join(" ".join(model.index(0, c).data().split()) for c in columns), "then the whole row"
    box = QLineEdit(window)
    box.show()
    box.setText("Supervision monthly")
    box.setFocus()
    qtbot.waitUntil(box.hasFocus)
    window.edit_actions["selectAll"].trigger()
    window.edit_actions["cut"].trigger()
    assert box.text() == "" and QApplication.clipboard().text() == "Supervision monthly"
    window.edit_actions["paste"].trigger()
    assert box.text() == "Supervision monthly"
