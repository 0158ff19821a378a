"""Which cycle a cycle is compared with ('change since last year') follows the order the surveys ran, never the
cycles' names: renaming changes nothing, and new dates that change the order are said before they are saved (in the
Edit cycle dialog) and when they are saved (swhc cycle-edit)."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from swhc_desktop.analysis.indicators import indicator_values
from swhc_desktop.cli import main
from swhc_desktop.domain.changes import make
from swhc_desktop.domain.cycle_order import comparisons_changed, in_survey_order, previous_of
from swhc_desktop.domain.records import Cycle, CycleDetails
from swhc_desktop.gui.cycle_dialogs import EditCycleDialog
from swhc_desktop.questionnaires.cycle_changes import ChangeCycleDetails
from swhc_desktop.storage import HealthCheckFile


def cycle(id_: int, name: str, opens: dt.date | None = None, made: dt.date = dt.date(2026, 1, 1)) -> Cycle:
    return Cycle(id_, name, "", opens, None, None, "", created_on=made)


def names(cycles: list[Cycle]) -> list[str]:
    return [c.name for c in cycles]


def rename(hc: HealthCheckFile, name: str, new: str) -> None:
    old = hc.cycles.by_name(name)
    make(hc, ChangeCycleDetails(old.id, CycleDetails(new, old.opens_on, old.closes_on, old.staff_invited)))


def test_cycles_run_in_the_order_of_their_survey_windows_then_the_day_they_were_made():
    cycles = [
        cycle(1, "Zeta", dt.date(2024, 4, 1)),
        cycle(2, "Alpha", dt.date(2025, 4, 1)),
        cycle(3, "made first, no window", None, made=dt.date(2023, 1, 1)),
        cycle(4, "made last, no window", None, made=dt.date(2026, 6, 1)),
    ]
    assert names(in_survey_order(cycles)) == ["made first, no window", "Zeta", "Alpha", "made last, no window"]
    assert previous_of(cycles, cycles[1]).name == "Zeta"
    assert previous_of(cycles, cycles[2]) is None


def test_moving_the_first_survey_later_says_which_cycle_loses_its_comparison():
    before = [cycle(1, "2023", dt.date(2023, 4, 1)), cycle(2, "2024", dt.date(2024, 4, 1))]
    after = [cycle(1, "2023", dt.date(2025, 4, 1)), before[1]]
    assert comparisons_changed(before, after) == [
        "2024 will have no earlier cycle to compare with, where it had 2023",
        "2023 will be compared with 2024",
    ]


def test_renaming_a_cycle_never_changes_what_any_cycle_is_compared_with(hc):
    """Named by year, '2023' came first; renamed 'Year 3' it would have sorted after '2025' and become the cycle 2024
    and 2025 were compared with."""
    before = {c.id: hc.cycles.previous(c) and hc.cycles.previous(c).id for c in hc.cycles.all()}
    rename(hc, "2023", "Year 3")
    rename(hc, "2025", "0 latest")
    assert names(hc.cycles.all()) == ["Year 3", "2024", "0 latest"]
    assert {c.id: hc.cycles.previous(c) and hc.cycles.previous(c).id for c in hc.cycles.all()} == before
    stressed = next(v for v in indicator_values(hc, hc.cycles.by_name("0 latest")) if v.indicator.key == "stressed")
    assert stressed.previous_cycle == "2024"


def test_every_comparison_follows_new_dates_and_says_what_changed(hc):
    """Dated after 2025, the 2024 survey is the latest: 2025 is then compared with 2023, and 2024 with 2025; the
    trend, the dashboard's change and the carried-over actions all follow."""
    before = hc.cycles.all()
    moved = hc.cycles.by_name("2024")
    make(hc, ChangeCycleDetails(moved.id, CycleDetails("2024", dt.date(2026, 4, 1), dt.date(2026, 5, 1), 250)))
    after = hc.cycles.all()
    assert names(after) == ["2023", "2025", "2024"]
    assert comparisons_changed(before, after) == [
        "2025 will be compared with 2023, not 2024",
        "2024 will be compared with 2025, not 2023",
    ]
    latest = next(v for v in indicator_values(hc, hc.cycles.by_name("2024")) if v.indicator.key == "stressed")
    assert latest.previous_cycle == "2025"
    assert hc.questionnaire_edits.earlier_wordings(moved.id, "stressed")[-1][0] == "2025"


def test_swhc_cycle_edit_says_when_new_dates_change_the_comparisons(demo_path, capsys):
    assert main(["cycle-edit", str(demo_path), "2024", "--opens", "01/04/2026", "--closes", "01/05/2026"]) == 0
    out = capsys.readouterr().out
    assert "Changes since last year: 2025 will be compared with 2023, not 2024; 2024 will be compared with 2025" in out
    assert main(["cycle-edit", str(demo_path), "2024", "--name", "Year two"]) == 0
    assert "Changes since last year" not in capsys.readouterr().out  # a new name changes nothing


@pytest.fixture
def dialog(qtbot, hc):
    cycles = hc.cycles.all()
    shown = EditCycleDialog(next(c for c in cycles if c.name == "2024"), cycles)
    qtbot.addWidget(shown)
    shown.show()
    return shown


def test_the_edit_cycle_dialog_says_what_new_dates_will_compare_before_anything_is_saved(dialog, qtbot, hc):
    assert dialog.orderLabel.isHidden()
    dialog.nameEdit.selectAll()
    qtbot.keyClicks(dialog.nameEdit, "Zzz 2024")
    assert dialog.orderLabel.isHidden()  # a name plays no part in the order
    dialog.opensEdit.selectAll()
    qtbot.keyClicks(dialog.opensEdit, "01/04/2026")
    dialog.closesEdit.selectAll()
    qtbot.keyClicks(dialog.closesEdit, "01/05/2026")
    text = dialog.orderLabel.text()
    assert dialog.orderLabel.isVisible() and "change the order of the surveys" in text
    assert "2025 will be compared with 2023, not Zzz 2024; Zzz 2024 will be compared with 2025, not 2023" in text
    assert names(hc.cycles.all()) == ["2023", "2024", "2025"]  # nothing saved yet
    dialog.opensEdit.selectAll()
    qtbot.keyClicks(dialog.opensEdit, "01/04/2024")
    dialog.closesEdit.selectAll()
    qtbot.keyClicks(dialog.closesEdit, "15/05/2024")
    assert dialog.orderLabel.isHidden()
    qtbot.keyClick(dialog.closesEdit, Qt.Key.Key_Tab)


def test_a_refused_date_is_no_longer_said_once_it_is_typed_again(dialog, qtbot):
    dialog.closesEdit.selectAll()
    qtbot.keyClicks(dialog.closesEdit, "31/04/2024")
    dialog.accept()
    assert "April 2024 has 30 days" in dialog.problemLabel.text() and dialog.isVisible()
    dialog.closesEdit.selectAll()
    qtbot.keyClicks(dialog.closesEdit, "30/04/2024")
    assert dialog.problemLabel.text() == ""


def test_the_new_cycle_dialog_says_when_a_survey_dated_earlier_changes_what_a_later_cycle_is_compared_with(qtbot, hc):
    from swhc_desktop.gui.dialogs import NewCycleDialog

    dialog = NewCycleDialog(hc.cycles.all(), [], today=dt.date(2026, 12, 6))
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.orderLabel.isHidden()  # dated today: the latest survey, compared with 2025 as usual
    dialog.nameEdit.selectAll()
    qtbot.keyClicks(dialog.nameEdit, "Pulse 2024")
    dialog.windowGroup.setChecked(True)
    for field, typed in ((dialog.opensEdit, "01/10/2024"), (dialog.closesEdit, "31/10/2024")):
        field.selectAll()
        qtbot.keyClicks(field, typed)
    assert "2025 will be compared with Pulse 2024, not 2024" in dialog.orderLabel.text()
    assert dialog.orderLabel.isVisible()
