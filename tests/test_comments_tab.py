"""The Comments tab as a PSW uses it on comments that name people and raise worries: each comment as outputs print
it, suggested themes accepted, renamed, merged and rejected, flags seen and cleared with a note, a place taken for a
name printed again, and every one of them undone with Ctrl+Z."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog

from swhc_desktop.analysis.redaction import NAME
from swhc_desktop.gui.common import messages
from swhc_desktop.gui.findings import comments as comments_module
from swhc_desktop.gui.findings import page as findings_module
from swhc_desktop.gui.findings.page import FindingsPage

from .support.labelled_comments import CYCLE, build_labelled_file

WAIT = 20000


@pytest.fixture
def tab(tmp_path, folders, monkeypatch, make_page, qtbot, open_files):
    path = tmp_path / "labelled.swhc"
    build_labelled_file(path, folders)
    hc = open_files.open(path)
    shown: list[str] = []
    for module in (findings_module, messages):
        monkeypatch.setattr(module, "show_problem", lambda parent, error: shown.append(str(error)))
    page = make_page(FindingsPage, parent=make_page.window)
    make_page.window.resize(1366, 768)
    make_page.window.show()
    page.show_cycle(hc, hc.cycles.by_name(CYCLE))
    page.findingsTabs.setCurrentWidget(page.commentsTab)
    view = page.comments
    qtbot.waitUntil(lambda: view.commentTable.rowCount() > 300, timeout=WAIT)
    view.undo = make_page.undo_stack
    view.problems = shown
    return view


def rows_of(view) -> list[list[str]]:
    table = view.commentTable
    return [[table.item(r, c).text() for c in range(table.columnCount())] for r in range(table.rowCount())]


def select_comment(view, qtbot, words: str) -> None:
    view.searchEdit.clear()
    qtbot.keyClicks(view.searchEdit, words)
    assert view.commentTable.rowCount() == 1
    view.commentTable.selectRow(0)


def suggestion_named(view, start: str):
    tree = view.suggestionTree
    return next(
        tree.topLevelItem(i) for i in range(tree.topLevelItemCount()) if tree.topLevelItem(i).text(0).startswith(start)
    )


def test_every_comment_is_shown_as_printed_with_its_suggestions_and_flags(tab, qtbot):
    rows = rows_of(tab)
    assert not any("Okafor" in row[2] or "Hargreaves" in row[2] for row in rows)
    assert any(row[2].startswith(f"{NAME} shouts at us") for row in rows)
    assert any("Caseloads and workload" in row[4] for row in rows)
    assert sum(row[5].startswith("⚑") for row in rows) >= 40
    qtbot.mouseClick(tab.flaggedOnlyCheck, Qt.MouseButton.LeftButton)
    assert 40 <= tab.commentTable.rowCount() <= 70 and all(row[5].startswith("⚑") for row in rows_of(tab))


def test_the_selected_comment_says_why_it_is_flagged_and_what_is_kept_out_of_print(tab, qtbot):
    select_comment(tab, qtbot, "shouts at us")
    detail = tab.commentDetailLabel.text()
    assert "Flagged for your attention" in detail and "bullying" in detail and "“shouts at”" in detail
    assert "“Ms Okafor” as [name] (a title and a name)" in detail
    assert "Ms Okafor shouts at us" in detail  # as written, for the PSW alone
    assert tab.clearFlagButton.isEnabled() and tab.keepWordButton.isEnabled()


def test_a_flag_is_cleared_with_a_note_and_ctrl_z_flags_it_again(tab, qtbot, monkeypatch):
    select_comment(tab, qtbot, "bullied by a colleague for over a year")
    monkeypatch.setattr(comments_module, "ask_for_text", lambda *a, **k: "Met them; referred to HR.")
    qtbot.mouseClick(tab.clearFlagButton, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Flag cleared" in tab.commentDetailLabel.text(), timeout=WAIT)
    assert "Met them; referred to HR." in tab.commentDetailLabel.text()
    assert rows_of(tab)[0][5] == "Cleared" and tab.undo.undoText() == "clear a comment's flag"
    tab.undo.undo()
    qtbot.waitUntil(lambda: "Flagged for your attention" in tab.commentDetailLabel.text(), timeout=WAIT)
    assert rows_of(tab)[0][5].startswith("⚑")


def test_a_place_taken_for_a_name_is_printed_again_for_the_whole_file_and_undone(tab, qtbot, monkeypatch):
    select_comment(tab, qtbot, "courses run by")
    assert rows_of(tab)[0][2] == f"The courses run by {NAME} at {NAME} are excellent."
    offered = []

    def choose(parent, title, label, items, *args, **kwargs):
        offered.extend(items)
        return "Dudley", True

    monkeypatch.setattr(QInputDialog, "getItem", choose)
    qtbot.mouseClick(tab.keepWordButton, Qt.MouseButton.LeftButton)
    assert offered == ["Alison Drury", "Dudley"]
    qtbot.waitUntil(lambda: rows_of(tab)[0][2] == f"The courses run by {NAME} at Dudley are excellent.", timeout=WAIT)
    tab.searchEdit.clear()
    qtbot.keyClicks(tab.searchEdit, "Dudley")
    assert all("Dudley" in row[2] for row in rows_of(tab))  # every comment of the file
    tab.undo.undo()
    qtbot.waitUntil(lambda: all("Dudley" not in row[2] for row in rows_of(tab)), timeout=WAIT)


def test_a_suggested_theme_is_accepted_counted_and_undone(tab, qtbot):
    tab.themesTabs.setCurrentWidget(tab.suggestionsPage)
    top = suggestion_named(tab, "Caseloads and workload")
    suggested = top.childCount()
    top.child(0).setCheckState(0, Qt.CheckState.Unchecked)  # the PSW leaves one comment out
    tab.suggestionTree.setCurrentItem(top)
    assert tab.acceptSuggestionButton.isEnabled()
    qtbot.mouseClick(tab.acceptSuggestionButton, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.themeList.count() == 1, timeout=WAIT)
    assert tab.themeList.item(0).text() == "Caseloads and workload"
    assert tab.themeTable.item(0, 0).text() == "Caseloads and workload"
    assert int(tab.themeTable.item(0, 1).text()) == suggested - 1
    left = suggestion_named(tab, "Caseloads and workload")  # the comment left out is still suggested, for the theme
    assert left.childCount() == 1 and "adds to your theme" in left.text(0)
    tab.undo.undo()
    qtbot.waitUntil(lambda: tab.themeList.count() == 0, timeout=WAIT)
    assert suggestion_named(tab, "Caseloads and workload").childCount() == suggested


def test_a_suggestion_is_renamed_merged_and_rejected(tab, qtbot, monkeypatch):
    tab.themesTabs.setCurrentWidget(tab.suggestionsPage)
    monkeypatch.setattr(comments_module, "ask_for_text", lambda *a, **k: "Money matters")
    tab.suggestionTree.setCurrentItem(suggestion_named(tab, "Pay and progression"))
    qtbot.mouseClick(tab.acceptAsButton, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.themeList.count() == 1, timeout=WAIT)
    assert tab.themeList.item(0).text() == "Money matters"
    money = int(tab.themeTable.item(0, 1).text())

    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: ("Money matters", True))
    recognition = suggestion_named(tab, "Recognition and feeling valued")
    tab.suggestionTree.setCurrentItem(recognition)
    qtbot.mouseClick(tab.mergeSuggestionButton, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: int(tab.themeTable.item(0, 1).text()) > money, timeout=WAIT)
    assert tab.themeList.count() == 1 and tab.undo.undoText() == "add Recognition and feeling valued to Money matters"

    groups = [tab.suggestionTree.topLevelItem(i).text(0) for i in range(tab.suggestionTree.topLevelItemCount())]
    kitchen = next(g for g in groups if "similar comments" in g and "icrowave" in g)
    tab.suggestionTree.setCurrentItem(suggestion_named(tab, kitchen))
    qtbot.mouseClick(tab.rejectSuggestionButton, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: not any(
            "icrowave" in tab.suggestionTree.topLevelItem(i).text(0)
            for i in range(tab.suggestionTree.topLevelItemCount())
        ),
        timeout=WAIT,
    )
    for _ in range(3):
        tab.undo.undo()
    qtbot.waitUntil(lambda: tab.themeList.count() == 0, timeout=WAIT)
    qtbot.waitUntil(lambda: any("icrowave" in row[4] for row in rows_of(tab)), timeout=WAIT)
    assert tab.problems == []


def test_a_read_only_file_shows_suggestions_and_flags_but_changes_none(tmp_path, folders, make_page, qtbot, open_files):
    path = tmp_path / "labelled.swhc"
    build_labelled_file(path, folders)
    hc = open_files.open(path, read_only=True)
    page = make_page(FindingsPage, parent=make_page.window)
    make_page.window.show()
    page.show_cycle(hc, hc.cycles.by_name(CYCLE))
    page.findingsTabs.setCurrentWidget(page.commentsTab)
    view = page.comments
    qtbot.waitUntil(lambda: view.commentTable.rowCount() > 300, timeout=WAIT)
    select_comment(view, qtbot, "shouts at us")
    view.suggestionTree.setCurrentItem(view.suggestionTree.topLevelItem(0))
    assert view.suggestionTree.topLevelItemCount() >= 1  # those of the comment searched for
    assert not view.acceptSuggestionButton.isEnabled() and not view.rejectSuggestionButton.isEnabled()
    assert not view.clearFlagButton.isEnabled() and not view.keepWordButton.isEnabled()
