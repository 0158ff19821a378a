"""The Findings page as a PSW uses it: the dashboard's tiles, a tile opening its question, breakdowns, comments and
themes."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from swhc_desktop.gui.common import messages
from swhc_desktop.gui.findings import comments as comments_module
from swhc_desktop.gui.findings import page as findings_module
from swhc_desktop.gui.findings.page import FindingsPage


@pytest.fixture
def page(hc, monkeypatch, make_page):
    shown = []
    for module in (findings_module, messages):  # messages: a problem with work done in the background
        monkeypatch.setattr(module, "show_problem", lambda parent, error: shown.append(str(error)))
    page = make_page(FindingsPage, parent=make_page.window)
    make_page.window.resize(1300, 760)
    make_page.window.show()
    page.show_cycle(hc, hc.cycles.by_name("2025"))
    page.undo = make_page.undo_stack
    page.problems = shown
    return page


def test_the_dashboard_shows_tiles_with_rag_change_and_benchmarks(page, qtbot):
    qtbot.waitUntil(lambda: len(page.dashboard.tiles) == 10, timeout=20000)
    tiles = {t.value.indicator.key: t for t in page.dashboard.tiles}
    caseload = tiles["caseload_manageable"]
    assert "73%" in caseload.value_label.text() and "Green" in caseload.value_label.text()
    assert caseload.change_label.text().startswith("▲") and "more than chance" in caseload.change_label.text()
    supervision = tiles["monthly_supervision"].change_label.text()
    assert supervision.startswith("No clear change") and "▲" not in supervision
    assert "National: 15.2 cases" in tiles["average_caseload"].benchmark_label.text()
    # stress, manageable caseloads, supervision, caseload sizes, and the demo's workforce figures by year
    assert len(page.dashboard.charts) == 5 and all(v.figure is not None for v in page.dashboard.charts)


def test_clicking_a_tile_opens_its_question_with_a_breakdown_that_hides_small_teams(page, qtbot):
    qtbot.waitUntil(lambda: len(page.dashboard.tiles) == 10, timeout=20000)
    tile = next(t for t in page.dashboard.tiles if t.value.indicator.key == "valued")
    qtbot.mouseClick(tile, Qt.MouseButton.LeftButton)
    assert page.findingsTabs.currentWidget() is page.explorerTab
    assert page.explorer.current_code() == "valued"
    explorer = page.explorer
    explorer.breakdownCombo.setCurrentIndex(explorer.breakdownCombo.findData("team"))
    qtbot.waitUntil(lambda: "not shown" in explorer.explorerNote.text(), timeout=20000)
    qtbot.waitUntil(lambda: explorer.resultTable.rowCount() > 0, timeout=20000)
    rows = [explorer.resultTable.item(r, 0).text() for r in range(explorer.resultTable.rowCount())]
    assert "All favourable" in rows and any(r.startswith("Mean score (out of 100, of the ") for r in rows)
    assert "Base: all who answered" in explorer.tableBaseLabel.text()
    explorer.filterCombo.setCurrentIndex(explorer.filterCombo.findData("team:other_team"))
    qtbot.waitUntil(lambda: "Results for Team: Other team are not shown" in explorer.explorerNote.text(), timeout=20000)
    assert explorer.resultTable.rowCount() == 0


def test_comments_are_searched_and_tagged_with_themes_and_undone(page, qtbot, monkeypatch):
    page.findingsTabs.setCurrentWidget(page.commentsTab)
    view = page.comments
    qtbot.waitUntil(lambda: view.commentTable.rowCount() > 100, timeout=20000)
    assert "only for groups of at least 10" in view.commentsNote.text()
    teams = {view.commentTable.item(r, 1).text() for r in range(view.commentTable.rowCount())}
    assert "Other team" not in teams
    qtbot.keyClicks(view.searchEdit, "caseload")
    assert 0 < view.commentTable.rowCount() < 100
    monkeypatch.setattr(comments_module, "ask_for_text", lambda *args, **kwargs: "Caseloads")
    themes_before = view.themeList.count()  # the demo comes with its comments coded into themes
    view.addThemeButton.click()
    qtbot.waitUntil(lambda: view.themeList.count() == themes_before + 1, timeout=20000)

    def theme_count(name: str) -> str | None:
        rows = [r for r in range(view.themeTable.rowCount()) if view.themeTable.item(r, 0).text() == name]
        return view.themeTable.item(rows[0], 1).text() if rows else None

    caseloads = next(
        view.themeList.item(r) for r in range(view.themeList.count()) if view.themeList.item(r).text() == "Caseloads"
    )
    view.commentTable.selectAll()
    caseloads.setCheckState(Qt.CheckState.Checked)
    qtbot.waitUntil(lambda: theme_count("Caseloads") not in (None, "0"), timeout=20000)
    assert int(theme_count("Caseloads")) > 0 and page.undo.undoText().startswith("tag")
    page.undo.undo()
    qtbot.waitUntil(lambda: theme_count("Caseloads") == "0", timeout=20000)
    assert page.problems == []


def test_a_cycle_with_no_answers_yet_says_so_on_its_tiles_rather_than_no_threshold(page, qtbot, monkeypatch):
    from swhc_desktop.questionnaires.cycles import start_cycle

    hc = page.hc
    fresh = start_cycle(hc, "2026", copy_from="2025", staff_invited=240)
    page.show_cycle(hc, fresh)
    qtbot.waitUntil(lambda: bool(page.dashboard.tiles), timeout=30000)
    tiles = {tile.value.indicator.key: tile for tile in page.dashboard.tiles}
    caseload = tiles["caseload_manageable"]
    assert "No threshold" not in caseload.value_label.text()
    assert caseload.detail_label.text() == "Nobody has answered this question yet."
    assert caseload.accessibleName().endswith("no figure yet")
