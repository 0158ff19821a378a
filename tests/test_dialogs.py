"""The New Health Check and New Cycle dialogs, filled in with the keyboard as a user would."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from swhc_desktop.domain.records import Cycle
from swhc_desktop.gui.dialogs import NewCycleDialog, NewFileDialog
from swhc_desktop.questionnaires.templates import list_templates


def ok(dialog):
    return dialog.buttonBox.button(QDialogButtonBox.StandardButton.Ok)


def test_a_new_file_is_named_after_the_organisation(qtbot, tmp_path):
    dialog = NewFileDialog(tmp_path)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.organisationEdit, "Anytown Borough Council")
    choice = dialog.choice()
    assert choice.path == tmp_path / "Anytown Borough Council.swhc"
    assert choice.service == "Children's Services"
    qtbot.mouseClick(ok(dialog), Qt.MouseButton.LeftButton)
    assert dialog.result() == NewFileDialog.DialogCode.Accepted


def test_a_new_file_needs_an_organisation(qtbot, tmp_path):
    dialog = NewFileDialog(tmp_path)
    qtbot.addWidget(dialog)
    qtbot.mouseClick(ok(dialog), Qt.MouseButton.LeftButton)
    assert dialog.result() != NewFileDialog.DialogCode.Accepted
    assert "Type the organisation's name" in dialog.problemLabel.text()


def cycle(name: str, cycle_id: int) -> Cycle:
    return Cycle(cycle_id, name, "", None, None, None, "", question_count=37)


def test_a_new_cycle_copies_the_latest_cycle_by_default(qtbot):
    dialog = NewCycleDialog([cycle("2018", 1), cycle("2019", 2)], list_templates(), today=dt.date(2020, 3, 1))
    qtbot.addWidget(dialog)
    assert dialog.nameEdit.text() == "2020"
    assert dialog.copyRadio.isChecked() and dialog.copyCombo.currentData() == "2019"
    dialog.windowGroup.setChecked(True)
    for field, typed in ((dialog.opensEdit, "1/4/2020"), (dialog.closesEdit, "15 May 2020")):
        field.selectAll()
        qtbot.keyClicks(field, typed)
    dialog.invitedSpin.setValue(210)
    qtbot.mouseClick(ok(dialog), Qt.MouseButton.LeftButton)
    assert dialog.result() == NewCycleDialog.DialogCode.Accepted
    choice = dialog.choice()
    assert (choice.name, choice.copy_from, choice.template_id) == ("2020", "2019", None)
    assert (choice.opens_on, choice.closes_on, choice.staff_invited) == (dt.date(2020, 4, 1), dt.date(2020, 5, 15), 210)


def test_the_first_cycle_starts_from_the_staff_survey_template(qtbot):
    dialog = NewCycleDialog([], list_templates(), today=dt.date(2024, 1, 10))
    qtbot.addWidget(dialog)
    assert not dialog.copyRadio.isEnabled()
    assert dialog.templateRadio.isChecked() and dialog.templateCombo.currentData() == "staff-survey"
    assert dialog.choice().opens_on is None and dialog.choice().staff_invited is None


def test_a_cycle_that_closes_before_it_opens_is_explained(qtbot):
    dialog = NewCycleDialog([cycle("2019", 1)], list_templates(), today=dt.date(2020, 3, 1))
    qtbot.addWidget(dialog)
    dialog.windowGroup.setChecked(True)
    dialog.opensEdit.setDate(dt.date(2020, 5, 1))
    dialog.closesEdit.setDate(dt.date(2020, 4, 1))
    qtbot.mouseClick(ok(dialog), Qt.MouseButton.LeftButton)
    assert dialog.result() != NewCycleDialog.DialogCode.Accepted
    assert "closes before it opens" in dialog.problemLabel.text()


def test_a_cycle_name_already_taken_is_explained(qtbot):
    dialog = NewCycleDialog([cycle("2019", 1)], list_templates(), today=dt.date(2019, 3, 1))
    qtbot.addWidget(dialog)
    dialog.nameEdit.clear()
    qtbot.keyClicks(dialog.nameEdit, "2019")
    qtbot.mouseClick(ok(dialog), Qt.MouseButton.LeftButton)
    assert "already a cycle called '2019'" in dialog.problemLabel.text()


def test_a_survey_window_date_that_cannot_be_read_is_explained_and_nothing_is_started(qtbot):
    dialog = NewCycleDialog([cycle("2019", 1)], list_templates(), today=dt.date(2020, 3, 1))
    qtbot.addWidget(dialog)
    dialog.windowGroup.setChecked(True)
    dialog.closesEdit.selectAll()
    qtbot.keyClicks(dialog.closesEdit, "31/04/2020")
    qtbot.mouseClick(ok(dialog), Qt.MouseButton.LeftButton)
    assert dialog.result() != NewCycleDialog.DialogCode.Accepted
    assert (
        "not a day of April 2020" in dialog.problemLabel.text()
        and "April 2020 has 30 days" in dialog.problemLabel.text()
    )
