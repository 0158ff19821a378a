"""The app names the Standards in the shown cycle's edition, not the latest: a file holding a cycle filed under the
2020 Standards and one under the 2025 revision shows each cycle's questions and actions under its own titles
(Standard 1 is 'Strong and clear social work framework' in 2020 and 'Strategic and professional leadership' in
2025)."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from swhc_desktop.domain.records import ActionDraft
from swhc_desktop.gui.action_plan.dialogs import ActionDialog
from swhc_desktop.gui.action_plan.model import COLUMNS
from swhc_desktop.gui.action_plan.page import ActionPlanPage
from swhc_desktop.gui.designer import page as designer_module
from swhc_desktop.gui.designer.dialogs import QuestionBankDialog
from swhc_desktop.gui.designer.page import DesignerPage
from swhc_desktop.gui.designer.tree import ItemKey
from swhc_desktop.questionnaires.cycles import start_cycle

from .support.editions import add_cycle_of_edition

TODAY = dt.date(2026, 12, 1)
FRAMEWORK_2020 = "Standard 1: Strong and clear social work framework"
LEADERSHIP_2025 = "Standard 1: Strategic and professional leadership"


@pytest.fixture
def two_editions(tmp_path, open_files):
    """'2021' under the 2020 Standards and '2025' under the 2025 revision, each with an action under Standard 1."""
    hc = open_files.create(tmp_path / "editions.swhc", "Anytown Borough Council")
    older = add_cycle_of_edition(hc, "2021", "2020")
    newer = start_cycle(hc, "2025", template_id="staff-survey")
    assert (older.standards_edition, newer.standards_edition) == ("2020", "2025")
    hc.actions.add(older.id, ActionDraft(standard=1, title="Publish the health check", due_on=dt.date(2021, 12, 1)))
    hc.actions.add(newer.id, ActionDraft(standard=1, title="PSW reports to the leadership team"))
    return hc


def open_designer(make_page, hc, cycle_name: str) -> DesignerPage:
    page = make_page(DesignerPage)
    page.resize(1180, 640)
    page.show()
    page.show_cycle(hc, hc.cycles.by_name(cycle_name))
    return page


@pytest.mark.parametrize(
    "cycle_name, label, short_label",
    [("2021", FRAMEWORK_2020, "1 · Framework"), ("2025", LEADERSHIP_2025, "1 · Leadership")],
)
def test_the_designer_names_each_cycles_standards_in_its_own_edition(
    qtbot, two_editions, make_page, monkeypatch, cycle_name, label, short_label
):
    page = open_designer(make_page, two_editions, cycle_name)
    key = ItemKey(question_code="valued")
    page.select(key)
    editor = page.question_editor
    assert editor.standardCombo.currentText() == short_label
    assert editor.standardCombo.itemData(editor.standardCombo.currentIndex(), Qt.ItemDataRole.ToolTipRole) == label
    assert [editor.standardCombo.itemText(i) for i in range(editor.standardCombo.count())][1] == short_label
    tooltip = page.proxy.mapFromSource(page.model.index_of(key)).data(Qt.ItemDataRole.ToolTipRole)
    assert tooltip.endswith(label)
    # The question bank, opened for the cycle, names the Standards as the cycle's edition does.
    seen = {}

    def look(dialog: QuestionBankDialog) -> int:
        seen["filter"] = [dialog.standardFilterCombo.itemText(i) for i in range(dialog.standardFilterCombo.count())]
        return QuestionBankDialog.DialogCode.Rejected

    monkeypatch.setattr(QuestionBankDialog, "exec", look)
    monkeypatch.setattr(designer_module, "show_problem", lambda parent, error: pytest.fail(str(error)))
    page.add_from_bank()
    assert seen["filter"][1] == short_label


def test_switching_cycles_renames_the_standards_in_the_editor(qtbot, two_editions, make_page):
    page = open_designer(make_page, two_editions, "2021")
    page.select(ItemKey(question_code="valued"))
    assert page.question_editor.standardCombo.currentText() == "1 · Framework"
    page.show_cycle(two_editions, two_editions.cycles.by_name("2025"))
    page.select(ItemKey(question_code="valued"))
    assert page.question_editor.standardCombo.currentText() == "1 · Leadership"
    # Choosing a Standard in the box files the question under that number, whatever the edition calls it.
    combo = page.question_editor.standardCombo
    combo.setCurrentIndex(combo.findData(4))
    combo.activated.emit(combo.currentIndex())
    assert two_editions.questionnaires.load(two_editions.cycles.by_name("2025").id).question("valued").standard == 4


def test_the_action_plan_names_each_cycles_standards_in_its_own_edition(two_editions, make_page, monkeypatch):
    page = make_page(ActionPlanPage, today=lambda: TODAY)
    standard_column = COLUMNS.index("Standard")
    for cycle_name, title, label, short_label in (
        ("2021", "Publish the health check", FRAMEWORK_2020, "1 · Framework"),
        ("2025", "PSW reports to the leadership team", LEADERSHIP_2025, "1 · Leadership"),
    ):
        page.show_cycle(two_editions, two_editions.cycles.by_name(cycle_name))
        row = next(r for r in range(page.proxy.rowCount()) if page.proxy.index(r, 1).data() == title)
        cell = page.proxy.index(row, standard_column)
        assert cell.data() == short_label
        assert cell.data(Qt.ItemDataRole.ToolTipRole) == label
        assert page.standardFilter.itemText(1) == short_label
        page.actionTable.selectRow(row)
        assert label in page.detailView.toPlainText()
        seen = {}

        def look(dialog: ActionDialog, seen=seen) -> int:
            seen["standard"] = dialog.standardCombo.currentText()
            return ActionDialog.DialogCode.Rejected

        monkeypatch.setattr(ActionDialog, "exec", look)
        page.edit_action()
        assert seen["standard"] == f"1. {label.removeprefix('Standard 1: ')}"


def test_the_standard_filter_keeps_the_standard_chosen_when_the_cycle_changes_and_names_it_anew(
    two_editions, make_page
):
    page = make_page(ActionPlanPage, today=lambda: TODAY)
    page.show_cycle(two_editions, two_editions.cycles.by_name("2021"))
    page.standardFilter.setCurrentIndex(page.standardFilter.findData(1))
    assert [page.proxy.index(r, 1).data() for r in range(page.proxy.rowCount())] == ["Publish the health check"]
    page.show_cycle(two_editions, two_editions.cycles.by_name("2025"))
    assert page.standardFilter.currentText() == "1 · Leadership"
    # The 2021 action, still open, is carried into the 2025 plan, under the shown cycle's title for its Standard.
    shown = {page.proxy.index(r, 1).data(): page.proxy.index(r, 0).data() for r in range(page.proxy.rowCount())}
    assert shown == {
        "Publish the health check": "1 · Leadership",
        "PSW reports to the leadership team": "1 · Leadership",
    }
