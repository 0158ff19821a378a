"""The Key findings tab as a PSW uses it: findings with their figures, written, edited, reordered and deleted with
undo; suggestions accepted as written or edited, dismissed (and staying dismissed) and brought back."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack

from swhc_desktop.domain.records import FindingKind
from swhc_desktop.gui.findings import key_findings as key_findings_module
from swhc_desktop.gui.findings.key_findings import KEY_ROLE, FindingDialog, KeyFindingsView
from swhc_desktop.gui.findings.page import FindingsPage
from swhc_desktop.screens.key_findings import key_findings_work


@pytest.fixture
def view(hc, make_page):
    view = make_page(KeyFindingsView)
    view.resize(1200, 700)
    view.show()
    cycle = hc.cycles.by_name("2025")
    view.show_findings(hc, cycle, key_findings_work(hc, cycle))
    view.stack = make_page.undo_stack
    return view


def shown_findings(view) -> list[tuple[str, str]]:
    return [(item.text(0), item.text(1)) for item in view.finding_items()]


def group_headings(view) -> list[str]:
    return [view.findingTree.topLevelItem(i).text(0) for i in range(view.findingTree.topLevelItemCount())]


def suggestion_texts(view) -> list[str]:
    return [item.text(0) for item in view.suggestion_items()]


def choose_finding(view, text_start: str) -> None:
    item = next(i for i in view.finding_items() if i.text(0).startswith(text_start))
    view.findingTree.setCurrentItem(item)


def choose_suggestion(view, key: str) -> None:
    item = next(i for i in view.suggestion_items() if i.data(0, KEY_ROLE) == key)
    view.suggestionTree.setCurrentItem(item)


def test_findings_are_listed_as_strengths_then_areas_for_improvement_with_their_figures(view):
    assert group_headings(view) == ["Strengths (2)", "Areas for improvement (2)"]
    figures = dict(shown_findings(view))
    assert (
        figures[
            "50% have supervision at least monthly, against 44% last year: no clear change yet, and still "
            "short of what we expect."
        ]
        == "50% (2024: 44%)"
    )
    choose_finding(view, "50% have supervision")
    detail = view.findingDetail.toPlainText()
    assert "Base: all who answered (196); 95% interval 43% to 57%" in detail
    assert "no clear change (95% range -5 to +16 points)" in detail
    assert "Actions that answer it: Increase the frequency of supervision" in detail


def test_a_finding_is_written_with_its_evidence_and_undone(view, hc, qtbot, monkeypatch):
    def write(dialog: FindingDialog) -> int:
        dialog.strengthRadio.setChecked(True)
        qtbot.keyClicks(dialog.textEdit, "Team meetings now happen at least monthly for two in three social workers.")
        qtbot.keyClicks(dialog.evidenceFilter, "team meetings")
        visible = [
            dialog.evidenceList.item(r)
            for r in range(dialog.evidenceList.count())
            if not dialog.evidenceList.item(r).isHidden()
        ]
        assert [i.text().split("  —  ")[0] for i in visible] == ["Question 26: Team meetings"]
        visible[0].setCheckState(Qt.CheckState.Checked)
        assert "Team meetings, 2025: 67% favourable" in dialog.figuresLabel.text()
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(FindingDialog, "exec", write)
    qtbot.mouseClick(view.addButton, Qt.MouseButton.LeftButton)
    cycle = hc.cycles.by_name("2025")
    stored = hc.findings.for_cycle(cycle.id)
    added = next(f for f in stored if f.text.startswith("Team meetings now happen"))
    assert (added.kind, added.question_codes) == (FindingKind.STRENGTH, ("team_meetings",))
    assert group_headings(view)[0] == "Strengths (3)"
    assert (
        "Team meetings now happen at least monthly for two in three social workers.",
        "67% (2024: 37%; up 30 pts, better)",
    ) in shown_findings(view)
    assert view.selected_finding_id() == added.id
    view.stack.undo()
    assert added.id not in {f.id for f in hc.findings.for_cycle(cycle.id)}
    view.stack.redo()
    assert hc.findings.get(added.id) == added


def test_an_empty_finding_is_refused_in_the_dialog(view, qtbot):
    dialog = FindingDialog(None, view.data, view)
    qtbot.addWidget(dialog)
    dialog.accept()
    assert dialog.result() != FindingDialog.DialogCode.Accepted
    assert "needs a sentence" in dialog.problemLabel.text()


def test_editing_a_finding_keeps_its_place_and_is_undone(view, hc, monkeypatch, qtbot):
    choose_finding(view, "10% of social workers")
    before = view.selected_finding()

    def edit(dialog: FindingDialog) -> int:
        assert dialog.textEdit.toPlainText() == before.text and dialog.improvementRadio.isChecked()
        checked = dialog.chosen_keys()
        assert checked == ("question:hours_worked",)
        dialog.textEdit.selectAll()
        qtbot.keyClicks(dialog.textEdit, "One in ten social workers works 48 hours or more a week.")
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(FindingDialog, "exec", edit)
    view.editButton.click()
    after = hc.findings.get(before.id)
    assert after.text == "One in ten social workers works 48 hours or more a week."
    assert after.position == before.position and after.question_codes == before.question_codes
    view.stack.undo()
    assert hc.findings.get(before.id) == before


def test_findings_are_reordered_with_alt_arrows_and_the_move_is_undone(view, hc, qtbot):
    order = [text for text, _ in shown_findings(view)]
    choose_finding(view, "Communication between")
    view.findingTree.setFocus()
    assert not view.downButton.isEnabled() and view.upButton.isEnabled()
    qtbot.keyClick(view.findingTree, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    moved = [text for text, _ in shown_findings(view)]
    assert moved[:2] == [order[1], order[0]] and moved[2:] == order[2:]
    assert view.selected_finding().text == order[1], "the moved finding stays chosen"
    view.stack.undo()
    assert [text for text, _ in shown_findings(view)] == order


def test_deleting_a_finding_asks_and_undo_restores_the_actions_link(view, hc, monkeypatch):
    choose_finding(view, "50% have supervision")
    finding = view.selected_finding()
    action = next(a for a in hc.actions.all() if finding.id in a.finding_ids)
    asked = []
    monkeypatch.setattr(key_findings_module, "ask", lambda *args, **kwargs: asked.append(args) or True)
    view.deleteButton.click()
    assert "1 action answers it" in asked[0][3]
    assert finding.id not in {f.id for f in hc.findings.for_cycle(finding.cycle_id)}
    assert hc.actions.get(action.id).finding_ids == ()
    view.stack.undo()
    assert hc.findings.get(finding.id) == finding
    assert hc.actions.get(action.id).finding_ids == action.finding_ids


def test_a_suggestion_is_accepted_as_written_and_no_longer_suggested(view, hc, monkeypatch):
    choose_suggestion(view, "change:caseload_manageable")
    assert "up 32 points, better, more than chance (95% range +21 to +41 points)" in view.suggestionDetail.toPlainText()
    asked = []
    monkeypatch.setattr(key_findings_module, "ask", lambda *args, **kwargs: asked.append(args) or True)
    view.acceptButton.click()
    assert "73% of social workers now say their caseload" in asked[0][3], "the demo's own finding on it is named"
    cycle = hc.cycles.by_name("2025")
    accepted = next(f for f in hc.findings.for_cycle(cycle.id) if f.suggestion_key == "change:caseload_manageable")
    assert accepted.text == "Caseload manageable: 73%. Up 32 points since 2024 (from 41%): better, more than chance."
    assert accepted.kind is FindingKind.STRENGTH and accepted.question_codes == ("caseload_manageable",)
    assert (
        "Caseload manageable: 73%. Up 32 points since 2024 (from 41%): better, more than chance.",
        "73% (2024: 41%; up 32 pts, better)",
    ) in shown_findings(view)
    assert not any("Caseload manageable: 73%. Up 32" in t for t in suggestion_texts(view))
    view.stack.undo()
    assert any("Caseload manageable: 73%. Up 32" in t for t in suggestion_texts(view))


def test_a_suggestion_is_edited_before_it_is_accepted(view, hc, monkeypatch, qtbot):
    key = next(i.data(0, KEY_ROLE) for i in view.suggestion_items() if "Caseloads and workload" in i.text(0))

    def edit(dialog: FindingDialog) -> int:
        assert dialog.windowTitle() == "Accept Suggested Finding"
        assert "came up in 33 of the 119 comments" in dialog.textEdit.toPlainText()
        dialog.textEdit.selectAll()
        qtbot.keyClicks(dialog.textEdit, "Caseloads are what social workers most want to change (28% of comments).")
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(FindingDialog, "exec", edit)
    choose_suggestion(view, key)
    view.acceptEditedButton.click()
    accepted = next(f for f in hc.findings.for_cycle(hc.cycles.by_name("2025").id) if f.suggestion_key == key)
    assert accepted.text == "Caseloads are what social workers most want to change (28% of comments)."
    assert accepted.indicator_keys == (key,)
    row = dict(shown_findings(view))[accepted.text]
    assert row == "28%", "the theme's share of those who commented is its figure"


def test_a_dismissed_suggestion_stays_dismissed_and_can_be_brought_back(view, hc, qtbot):
    choose_suggestion(view, "indicator:valued")
    view.dismissButton.click()
    assert not any(i.data(0, KEY_ROLE) == "indicator:valued" for i in view.suggestion_items())
    # A new view of the same file, as after reopening it, still does not suggest it.
    cycle = hc.cycles.by_name("2025")
    again = KeyFindingsView(QUndoStack())
    qtbot.addWidget(again)
    again.show_findings(hc, cycle, key_findings_work(hc, cycle))
    assert not any(i.data(0, KEY_ROLE) == "indicator:valued" for i in again.suggestion_items())
    again.showDismissedCheck.setChecked(True)
    choose_suggestion(again, "indicator:valued")
    assert "(dismissed)" in again.suggestionTree.currentItem().text(0)
    assert again.dismissButton.text() == "&Bring back"
    again.dismissButton.click()
    assert hc.findings.dismissed(cycle.id) == set()
    view.stack.undo()  # the first view's dismissal, undone: nothing to bring back twice
    assert hc.findings.dismissed(cycle.id) == set()


def test_a_read_only_file_shows_findings_but_offers_no_changes(demo_path, open_files, make_page):
    hc = open_files.open(demo_path, read_only=True)
    view = make_page(KeyFindingsView)
    cycle = hc.cycles.by_name("2025")
    view.show_findings(hc, cycle, key_findings_work(hc, cycle))
    choose_finding(view, "50% have supervision")
    choose_suggestion(view, "indicator:valued")
    assert len(view.finding_items()) == 4
    assert not any(
        b.isEnabled()
        for b in (
            view.addButton,
            view.editButton,
            view.deleteButton,
            view.upButton,
            view.acceptButton,
            view.dismissButton,
        )
    )


def test_the_key_findings_tab_is_worked_out_in_the_background(qtbot, hc, make_page):
    page = make_page(FindingsPage, parent=make_page.window)
    make_page.window.show()
    page.show_cycle(hc, hc.cycles.by_name("2025"))
    page.findingsTabs.setCurrentWidget(page.keyFindingsTab)
    assert page.findingsTabs.tabText(page.findingsTabs.currentIndex()) == "&Key findings"
    qtbot.waitUntil(lambda: len(page.key_findings.finding_items()) == 4, timeout=20000)
    assert page.key_findings.suggestion_items()


def test_a_suggestion_on_the_figures_of_a_finding_says_so_and_asks_before_a_second_is_added(view, hc, monkeypatch):
    """The demo already has a finding on monthly supervision; the indicator's suggestion rests on the same question."""
    item = next(i for i in view.suggestion_items() if i.data(0, KEY_ROLE) == "indicator:monthly_supervision")
    assert item.text(0).endswith(f"({key_findings_module.ALREADY_A_FINDING})")
    assert not any(
        key_findings_module.ALREADY_A_FINDING in i.text(0)
        for i in view.suggestion_items()
        if i.data(0, KEY_ROLE) == "change:team_meetings"
    )
    choose_suggestion(view, "indicator:monthly_supervision")
    detail = view.suggestionDetail.toPlainText()
    assert "There is already a finding on the same figures" in detail
    assert "50% have supervision at least monthly" in detail
    cycle = hc.cycles.by_name("2025")
    before = hc.findings.for_cycle(cycle.id)
    asked = []
    monkeypatch.setattr(key_findings_module, "ask", lambda *args, **kwargs: asked.append(args) or False)
    view.acceptButton.click()
    assert "50% have supervision at least monthly" in asked[0][3]
    assert hc.findings.for_cycle(cycle.id) == before, "declining adds nothing"
    monkeypatch.setattr(key_findings_module, "ask", lambda *args, **kwargs: True)
    view.acceptButton.click()
    assert len(hc.findings.for_cycle(cycle.id)) == len(before) + 1
