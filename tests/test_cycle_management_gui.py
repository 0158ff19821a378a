"""Managing cycles in the app: Edit cycle… changes the name, staff invited and survey window (or says why not, the file
unchanged), Delete cycle… asks, backs up and deletes, and Ctrl+Z puts either back; every page shows it at once."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from swhc_desktop.domain.errors import SaveFailed
from swhc_desktop.gui import cycle_dialogs
from swhc_desktop.gui import main_window as main_window_module
from swhc_desktop.gui.cycle_dialogs import EditCycleDialog
from swhc_desktop.gui.main_window import MainWindow
from swhc_desktop.storage import HealthCheckFile

from .support.files import sha256


@pytest.fixture
def problems(monkeypatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr(main_window_module, "show_problem", lambda parent, error: shown.append(str(error)))
    return shown


@pytest.fixture
def asked(monkeypatch) -> list[str]:
    """What the PSW is asked before a deletion (recorded, and answered yes)."""
    questions: list[str] = []

    def say_yes(parent, title, question, detail="", yes="Yes", no="Cancel"):
        questions.append(f"{question} {detail}")
        return True

    monkeypatch.setattr(cycle_dialogs, "ask", say_yes)
    return questions


def combo_items(window) -> list[str]:
    return [window.cycleCombo.itemText(i) for i in range(window.cycleCombo.count())]


def typed_into(qtbot, widget, text: str) -> None:
    widget.selectAll()
    qtbot.keyClicks(widget, text)


def editing(qtbot, monkeypatch, fill) -> list[EditCycleDialog]:
    """Edit cycle… opens its dialog, which `fill` fills in as the PSW would; the dialogs are kept for the test."""
    seen: list[EditCycleDialog] = []

    def run(dialog: EditCycleDialog) -> int:
        seen.append(dialog)
        fill(dialog)
        return dialog.result()

    monkeypatch.setattr(EditCycleDialog, "exec", run)
    return seen


def test_edit_cycle_renames_and_sets_staff_invited_and_every_page_shows_it_and_ctrl_z_puts_it_back(
    window, demo_path, qtbot, monkeypatch
):
    window.open_path(demo_path)
    responses = window.responses_page

    def fill(dialog: EditCycleDialog) -> None:
        assert dialog.nameEdit.text() == "2025" and dialog.invitedSpin.value() == 242
        assert dialog.opensEdit.text() == "01/04/2025" and dialog.windowGroup.isChecked()
        assert "203 responses imported so far" in dialog.responsesLabel.text()
        typed_into(qtbot, dialog.nameEdit, "2025-26")
        dialog.invitedSpin.selectAll()
        qtbot.keyClicks(dialog.invitedSpin, "250")
        typed_into(qtbot, dialog.closesEdit, "30/06/2025")
        dialog.show()
        qtbot.keyClick(dialog.closesEdit, Qt.Key.Key_Return)

    editing(qtbot, monkeypatch, fill)
    qtbot.mouseClick(window.editCycleButton, Qt.MouseButton.LeftButton)
    assert combo_items(window) == ["2023: 158 responses", "2024: 171 responses", "2025-26: 203 responses"]
    assert window.cycleCombo.currentText() == "2025-26: 203 responses"
    summary = window.cycleSummaryLabel.text()
    assert "01/04/2025 to 30/06/2025" in summary and "250 staff invited" in summary and "(81% response rate)" in summary
    assert "from 250 staff invited (81% response rate)" in responses.summaryLabel.text()
    assert "<b>2025-26</b>" in responses.summaryLabel.text()
    assert window.actionUndo.text() == "&Undo change the cycle's details"
    window.actionUndo.trigger()
    assert window.cycleCombo.currentText() == "2025: 203 responses"
    assert "242 staff invited" in window.cycleSummaryLabel.text()
    assert "from 242 staff invited" in responses.summaryLabel.text()
    window.actionRedo.trigger()
    assert window.cycleCombo.currentText() == "2025-26: 203 responses"
    window._close_file()
    with HealthCheckFile.open(demo_path, read_only=True) as hc:
        assert hc.cycles.by_name("2025-26").staff_invited == 250


def test_staff_invited_left_not_known_by_new_cycle_can_be_given_later(window, tmp_path, qtbot, monkeypatch, open_files):
    path = tmp_path / "Anytown.swhc"
    HealthCheckFile.create(path, "Anytown Borough Council").close()
    from swhc_desktop.gui.dialogs import NewCycleDialog

    def first_cycle(dialog: NewCycleDialog) -> int:
        assert dialog.invitedSpin.text() == "Not known yet"
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(NewCycleDialog, "exec", first_cycle)
    window.open_path(path)
    window.actionNewCycle.trigger()
    assert "staff invited" not in window.cycleSummaryLabel.text()

    def fill(dialog: EditCycleDialog) -> None:
        assert dialog.invitedSpin.text() == "Not known yet" and not dialog.windowGroup.isChecked()
        dialog.invitedSpin.selectAll()
        qtbot.keyClicks(dialog.invitedSpin, "120")
        dialog.accept()

    editing(qtbot, monkeypatch, fill)
    window.actionEditCycle.trigger()
    assert "120 staff invited" in window.cycleSummaryLabel.text()


@pytest.mark.parametrize(
    "field, text, said",
    [
        ("invitedSpin", "150", "150 staff invited is fewer than the 203 responses already imported"),
        ("nameEdit", "2024", "There is already a cycle called '2024'. Choose another name."),
        ("nameEdit", " ", "A cycle needs a name"),
        ("closesEdit", "31/03/2025", "The survey closes before it opens"),
        ("closesEdit", "31/04/2025", "April 2025 has 30 days"),
        ("closesEdit", "31/03/2025", "it closes on 31/03/2025, 1 day before it opens on 01/04/2025"),
        ("opensEdit", "29/02/2025", "The opening date '29/02/2025' is not a day of February 2025"),
        ("opensEdit", "the first of April", "The opening date 'the first of April' is not a date"),
        ("opensEdit", "01/13/2025", "does not have a month from 1 to 12"),
    ],
)
def test_edit_cycle_says_what_it_cannot_keep_stays_open_and_leaves_the_file_unchanged(
    window, demo_path, qtbot, monkeypatch, field, text, said
):
    window.open_path(demo_path)

    def fill(dialog: EditCycleDialog) -> None:
        widget = getattr(dialog, field)
        if field == "invitedSpin":
            widget.selectAll()
            qtbot.keyClicks(widget, text)
        else:
            typed_into(qtbot, widget, text)
        dialog.accept()
        assert dialog.result() != EditCycleDialog.DialogCode.Accepted
        assert said in dialog.problemLabel.text()
        assert widget.hasFocus() or not dialog.isVisible()

    seen = editing(qtbot, monkeypatch, fill)
    before = window.hc.cycles.all()
    window.actionEditCycle.trigger()
    assert seen and window.hc.cycles.all() == before
    assert window.undo_stack.count() == 0


def test_delete_cycle_asks_saying_what_goes_backs_up_and_ctrl_z_puts_back_every_page(
    window, demo_path, qtbot, asked, folders
):
    window.open_path(demo_path)
    window.cycleCombo.setCurrentIndex(window.cycleCombo.findText("2024: 171 responses"))
    actions_2024 = len(window.hc.actions.for_cycle(window.hc.cycles.by_name("2024").id))
    plan = window.action_plan_page
    shown_before = plan.model.rowCount()
    qtbot.mouseClick(window.deleteCycleButton, Qt.MouseButton.LeftButton)
    assert len(asked) == 1
    assert "Delete the cycle 2024?" in asked[0] and "171 responses" in asked[0] and "60 questions" in asked[0]
    assert f"{actions_2024} actions raised in it" in asked[0] and "Ctrl+Z" in asked[0]
    assert combo_items(window) == ["2023: 158 responses", "2025: 203 responses"]
    assert [b.reason for b in window.hc.list_backups()][:1] == ["before deleting cycle 2024"]
    assert window.actionUndo.text() == "&Undo delete a cycle"
    window.actionUndo.trigger()
    assert combo_items(window) == ["2023: 158 responses", "2024: 171 responses", "2025: 203 responses"]
    assert window.cycleCombo.currentText() == "2024: 171 responses"
    assert window.responses_page.batches and plan.model.rowCount() == shown_before
    window.actionRedo.trigger()
    assert combo_items(window) == ["2023: 158 responses", "2025: 203 responses"]


def test_saying_no_to_the_question_deletes_nothing(window, demo_path, monkeypatch):
    window.open_path(demo_path)
    monkeypatch.setattr(cycle_dialogs, "ask", lambda *args, **kwargs: False)
    window.actionDeleteCycle.trigger()
    assert len(combo_items(window)) == 3 and window.undo_stack.count() == 0


def test_the_only_cycle_can_be_deleted_and_put_back(window, tmp_path, asked, monkeypatch):
    from swhc_desktop.gui.dialogs import NewCycleDialog

    path = tmp_path / "One.swhc"
    HealthCheckFile.create(path, "Anytown Borough Council").close()
    monkeypatch.setattr(NewCycleDialog, "exec", lambda dialog: (dialog.accept(), dialog.result())[1])
    window.open_path(path)
    window.actionNewCycle.trigger()
    window.actionDeleteCycle.trigger()
    assert combo_items(window) == []
    page = window.questionnaire_page
    assert page.pageStack.currentWidget() is page.emptyPage
    assert not window.editCycleButton.isEnabled() and not window.deleteCycleButton.isEnabled()
    window.actionUndo.trigger()
    assert len(combo_items(window)) == 1 and window.deleteCycleButton.isEnabled()
    assert page.pageStack.currentWidget() is page.designerPane


def test_no_cycle_is_deleted_when_no_backup_can_be_made(window, demo_path, asked, problems, monkeypatch):
    window.open_path(demo_path)

    def no_space(reason: str):
        raise SaveFailed("A backup could not be made, so nothing was changed.", "Free some disk space.")

    monkeypatch.setattr(window.hc, "backup", no_space)
    window.actionDeleteCycle.trigger()
    assert problems == ["A backup could not be made, so nothing was changed. Free some disk space."]
    assert len(combo_items(window)) == 3 and window.undo_stack.count() == 0


def test_a_read_only_file_offers_no_edit_or_delete(window, demo_path, monkeypatch):
    monkeypatch.setattr(MainWindow, "_work_finished", lambda self: True)
    window.open_path(demo_path, read_only=True)
    digest = sha256(demo_path)
    for widget in (window.editCycleButton, window.deleteCycleButton, window.actionEditCycle, window.actionDeleteCycle):
        assert not widget.isEnabled()
    window.delete_cycle()
    window.edit_cycle()
    assert sha256(demo_path) == digest


def test_a_deletion_is_undone_after_reopening_from_the_backup(window, demo_path, asked, monkeypatch):
    from swhc_desktop.gui.restore_dialog import RestoreBackupDialog

    window.open_path(demo_path)
    window.actionDeleteCycle.trigger()
    window.close_file()
    window.open_path(demo_path)
    assert window.undo_stack.count() == 0  # undo does not reach across files closed and opened again
    monkeypatch.setattr(RestoreBackupDialog, "exec", lambda dialog: (dialog.accept(), dialog.result())[1])
    monkeypatch.setattr(main_window_module, "ask", lambda *args, **kwargs: True)
    window.actionRestoreBackup.trigger()
    assert combo_items(window) == ["2023: 158 responses", "2024: 171 responses", "2025: 203 responses"]


def test_edit_and_delete_are_in_the_file_menu_for_the_keyboard(window, demo_path):
    window.open_path(demo_path)
    texts = [a.text() for a in window.menuFile.actions()]
    assert "Edi&t Cycle…" in texts and "Delete C&ycle…" in texts
    mnemonics = [t[t.index("&") + 1].lower() for t in texts if "&" in t]
    assert mnemonics.count("t") == 1 and mnemonics.count("y") == 1


# --------------------------------------------------------------------------- staff invited asked for on import


def imported_without_staff_invited(make_page, tmp_path, folders, open_files):
    """A cycle made with staff invited 'Not known yet', and the import wizard on its last page after importing."""
    from swhc_desktop.gui.responses.import_wizard import CHECK_PAGE, SUMMARY_PAGE, ImportWizard

    from .support.import_support import new_file

    hc = open_files.open(new_file(tmp_path, folders, invited=None))
    cycle = hc.cycles.by_name("2024")
    export = tmp_path / "monday.csv"
    export.write_text(
        "Which team do you work in?,Do you intend to stay working for the council for the next 12 months?\n"
        "Assessment,Yes\nAssessment,No\nAssessment,Yes\n",
        encoding="utf-8",
    )
    qtbot = make_page.qtbot
    wizard = make_page(ImportWizard, hc, cycle, parent=make_page.window)
    wizard.show()
    wizard.load(export)
    qtbot.waitUntil(lambda: wizard.preview is not None)
    wizard.next()
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentId() == CHECK_PAGE or wizard._ready.get(wizard.currentId(), True))
    while wizard.currentId() != CHECK_PAGE:
        wizard.next()
    qtbot.waitUntil(lambda: wizard._ready[CHECK_PAGE])
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentId() == SUMMARY_PAGE)
    return hc, cycle, wizard


def test_the_import_wizard_asks_for_staff_invited_when_not_known_and_keeps_it_on_finish(
    make_page, tmp_path, folders, open_files
):
    hc, cycle, wizard = imported_without_staff_invited(make_page, tmp_path, folders, open_files)
    qtbot = make_page.qtbot
    assert "Type the number of staff invited below" in wizard.resultLabel.text()
    assert wizard.invitedSpin.isVisible() and wizard.invitedSpin.text() == "Not known yet"
    wizard.invitedSpin.selectAll()
    qtbot.keyClicks(wizard.invitedSpin, "2")
    assert "fewer than the 3 responses" in wizard.invitedRateLabel.text()
    wizard.accept()
    assert wizard.isVisible() and hc.cycles.get(cycle.id).staff_invited is None  # refused, the wizard still open
    wizard.invitedSpin.selectAll()
    qtbot.keyClicks(wizard.invitedSpin, "12")
    assert wizard.invitedRateLabel.text() == "A response rate of 25%."
    wizard.accept()
    assert not wizard.isVisible() and hc.cycles.get(cycle.id).staff_invited == 12
    assert wizard.staff_invited_undo is not None
    make_undo = wizard.staff_invited_undo
    from swhc_desktop.domain.changes import make

    make(hc, make_undo)
    assert hc.cycles.get(cycle.id).staff_invited is None


def test_finishing_with_staff_invited_left_not_known_changes_nothing(make_page, tmp_path, folders, open_files):
    hc, cycle, wizard = imported_without_staff_invited(make_page, tmp_path, folders, open_files)
    wizard.accept()
    assert hc.cycles.get(cycle.id).staff_invited is None and wizard.staff_invited_undo is None


def test_the_responses_page_puts_staff_invited_given_on_import_on_undo(make_page, tmp_path, folders, open_files):
    from swhc_desktop.gui.responses import page as responses_module
    from swhc_desktop.gui.responses.page import ResponsesPage

    hc, cycle, wizard = imported_without_staff_invited(make_page, tmp_path, folders, open_files)
    wizard.invitedSpin.selectAll()
    make_page.qtbot.keyClicks(wizard.invitedSpin, "30")
    assert wizard.invitedSpin.value() == 30
    page = make_page(ResponsesPage, parent=make_page.window)
    page.show_cycle(hc, hc.cycles.get(cycle.id))
    stack = make_page.undo_stack

    class Finished:
        def __init__(self, *args, **kwargs):
            pass

        def __getattr__(self, name):
            return getattr(wizard, name)

        def exec(self):
            wizard.accept()

    original = responses_module.ImportWizard
    responses_module.ImportWizard = Finished
    try:
        page.start_import()
    finally:
        responses_module.ImportWizard = original
    assert hc.cycles.get(cycle.id).staff_invited == 30
    assert stack.undoText() == "set the staff invited"
    stack.undo()
    assert hc.cycles.get(cycle.id).staff_invited is None
    assert stack.undoText() == "Import monday.csv"


# --------------------------------------------------------------------------- a survey run outside the app


def test_a_cycle_is_started_from_an_export_in_the_app_and_its_responses_imported_from_the_same_file(
    window, tmp_path, qtbot, monkeypatch
):
    from swhc_desktop.gui.dialogs import NewCycleDialog
    from swhc_desktop.gui.responses import import_wizard as wizard_module

    from .support.own_survey import write_own_survey

    export = write_own_survey(tmp_path)
    path = tmp_path / "Anytown.swhc"
    HealthCheckFile.create(path, "Anytown Borough Council").close()
    window.open_path(path)

    def from_export(dialog: NewCycleDialog) -> int:
        typed_into(qtbot, dialog.nameEdit, "2026")
        qtbot.keyClicks(dialog.exportEdit, str(export))  # typing the path chooses building from an export
        assert dialog.exportRadio.isChecked() and dialog.exportBrowseButton.isEnabled()
        dialog.accept()
        return dialog.result()

    asked: list[str] = []
    wizards: list = []
    monkeypatch.setattr(NewCycleDialog, "exec", from_export)
    monkeypatch.setattr(
        main_window_module, "ask", lambda parent, title, question, detail="", **kw: (asked.append(question), True)[1]
    )

    def import_as_shown(wizard) -> int:
        qtbot.waitUntil(lambda: wizard.preview is not None)
        wizards.append(wizard)
        return 0

    monkeypatch.setattr(wizard_module.ImportWizard, "exec", import_as_shown)
    window.actionNewCycle.trigger()
    qtbot.waitUntil(lambda: bool(wizards), timeout=20000)
    assert combo_items(window) == ["2026: 0 responses"]
    assert asked == [
        f"Cycle 2026 has 6 questions built from {export.name}: 6 questions filed under a Standard by their wording."
    ]
    assert "Built from our staff survey 2026.csv" in window.cycleSummaryLabel.text()
    assert wizards[0].pathEdit.text() == str(export) and wizards[0].cycle.name == "2026"
    assert window.pages.currentWidget() is window.responses_page


def test_a_missing_export_is_said_in_the_new_cycle_dialog(qtbot, tmp_path):
    from swhc_desktop.gui.dialogs import NewCycleDialog

    dialog = NewCycleDialog([], [])
    qtbot.addWidget(dialog)
    dialog.exportRadio.setChecked(True)
    dialog.accept()
    assert "Choose the export of responses" in dialog.problemLabel.text()
    qtbot.keyClicks(dialog.exportEdit, str(tmp_path / "gone.csv"))
    dialog.accept()
    assert "There is no file at" in dialog.problemLabel.text() and dialog.result() != NewCycleDialog.DialogCode.Accepted


def test_an_export_that_cannot_be_read_is_explained_and_no_cycle_is_made(window, tmp_path, qtbot, monkeypatch):
    from swhc_desktop.gui.dialogs import NewCycleDialog

    picture = tmp_path / "photo.csv"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    path = tmp_path / "Anytown.swhc"
    HealthCheckFile.create(path, "Anytown Borough Council").close()
    window.open_path(path)
    shown: list[str] = []
    from swhc_desktop.gui.common import messages

    monkeypatch.setattr(messages, "show_problem", lambda parent, problem: shown.append(str(problem)))

    def from_export(dialog: NewCycleDialog) -> int:
        dialog.exportRadio.setChecked(True)
        dialog.exportEdit.setText(str(picture))
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(NewCycleDialog, "exec", from_export)
    window.actionNewCycle.trigger()
    qtbot.waitUntil(lambda: bool(shown), timeout=20000)
    assert combo_items(window) == [] and window.hc.cycles.all() == []


def test_wording_still_being_typed_is_saved_before_a_deletion_so_undo_brings_it_back(
    window, demo_path, qtbot, asked, monkeypatch
):
    from swhc_desktop.gui.designer import page as designer_module
    from swhc_desktop.gui.designer.tree import ItemKey

    monkeypatch.setattr(designer_module, "ask", lambda *args, **kwargs: True)  # yes, reword a question asked before

    window.open_path(demo_path)
    page = window.questionnaire_page
    page.select(ItemKey(question_code="stressed"))
    editor = page.question_editor
    editor.textEdit.selectAll()
    qtbot.keyClicks(editor.textEdit, "I feel stressed by my work")  # typed, not yet saved
    window.actionDeleteCycle.trigger()
    assert combo_items(window) == ["2023: 158 responses", "2024: 171 responses"]
    window.actionUndo.trigger()
    cycle = window.hc.cycles.by_name("2025")
    assert window.hc.questionnaires.load(cycle.id).question("stressed").text == "I feel stressed by my work"
    assert window.undo_stack.undoText().startswith("change")  # the wording's own step, before the deletion's


def test_an_undo_the_file_can_no_longer_take_is_explained_and_the_backup_still_brings_the_cycle_back(
    window, demo_path, asked, monkeypatch
):
    from swhc_desktop.gui.common import undo as undo_module
    from swhc_desktop.gui.dialogs import NewCycleDialog
    from swhc_desktop.gui.restore_dialog import RestoreBackupDialog

    told: list[str] = []
    monkeypatch.setattr(undo_module, "show_problem", lambda parent, problem: told.append(str(problem)))
    window.open_path(demo_path)
    window.actionDeleteCycle.trigger()  # 2025

    def copy_2024(dialog: NewCycleDialog) -> int:
        dialog.nameEdit.setText("2026")
        dialog.copyCombo.setCurrentIndex(dialog.copyCombo.findData("2024"))
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(NewCycleDialog, "exec", copy_2024)
    window.actionNewCycle.trigger()  # takes the ids the deletion freed
    window.actionUndo.trigger()
    assert len(told) == 1 and "cannot be put back exactly" in told[0] and "File > Restore from Backup…" in told[0]
    assert combo_items(window) == ["2023: 158 responses", "2024: 171 responses", "2026: 0 responses"]
    assert not window.undo_stack.canUndo()  # the step the file could not take has left the stack
    monkeypatch.setattr(RestoreBackupDialog, "exec", lambda dialog: (dialog.accept(), dialog.result())[1])
    monkeypatch.setattr(main_window_module, "ask", lambda *args, **kwargs: True)
    window.actionRestoreBackup.trigger()
    assert combo_items(window) == ["2023: 158 responses", "2024: 171 responses", "2025: 203 responses"]
