"""The Findings page as a PSW uses it: the dashboard's tiles, a tile opening its question, breakdowns, comments and
themes."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QProgressDialog

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


# ---------------------------------------------------------------------------------------------- Standards tiles


def standards_shown(page, qtbot):
    qtbot.waitUntil(lambda: len(page.dashboard.standards.tiles) == 8, timeout=60000)
    return page.dashboard.standards


def test_the_dashboard_shows_eight_standards_tiles_as_the_national_health_check_scores_them(page, qtbot):
    from swhc_desktop.analysis.benchmarks import NationalScore, save_national_score
    from swhc_desktop.analysis.standard_scores import standard_scores
    from swhc_desktop.domain.records import Service

    save_national_score(page.hc, NationalScore(Service.CHILDREN, 2024, 4, 64, "LGA health check 2024: summary"))
    page.show_cycle(page.hc, page.hc.cycles.by_name("2025"))
    panel = standards_shown(page, qtbot)
    assert "Standards scores, 2025" in panel.heading.text()
    assert panel.group_choice.currentText() == "Everyone who took part"
    stored = {s.standard.number: s for s in standard_scores(page.hc, page.hc.cycles.by_name("2025"))}
    for tile in panel.tiles:
        score = stored[tile.score.standard.number]
        assert tile.title_label.text() == f"<b>{score.standard.number} {score.standard.title}</b>"
        assert f">{score.printed:.0f}</span> out of 100" in tile.score_label.text()
        assert score.band.value.capitalize() in tile.score_label.text()
        assert tile.detail_label.text().startswith(f"{score.base} people")
    titles = [t.score.standard.title for t in panel.tiles]
    assert titles[0] == "Strategic and professional leadership" and titles[3] == "Wellbeing"  # the 2025 edition
    wellbeing = panel.tiles[3]
    assert wellbeing.national_label.text() == "National: 64 (2024 figure; LGA health check 2024: summary)"
    assert "National: 64" in wellbeing.toolTip() and "95% range" in wellbeing.toolTip()
    changes = [t.change_label.text() for t in panel.tiles]
    assert all(c.startswith(("▲", "▼")) and "since 2024" in c for c in changes if not c.startswith("No clear"))
    assert any(c.startswith("No clear change since 2024") for c in changes)


def groups_listed(page, qtbot):
    panel = standards_shown(page, qtbot)
    qtbot.waitUntil(lambda: panel.group_choice.findText("Team: ", Qt.MatchFlag.MatchStartsWith) > 0, timeout=60000)
    return panel


def test_everyone_s_standards_scores_show_first_and_each_group_s_follow_without_a_dialog(page, qtbot, monkeypatch):
    """Everyone's tiles are drawn from the first piece of work; the chooser says the groups' scores are coming (and
    cannot be chosen) until the second, which shows no progress dialog, lists them, leaving everyone's tiles as
    they were."""
    from swhc_desktop.gui.findings.standard_tiles import GROUPS_TO_COME

    drawn, runs = [], []
    real_show_groups = type(page.dashboard.standards).show_groups
    real_run = page.tasks.runner.run
    monkeypatch.setattr(
        type(page.dashboard.standards),
        "show_groups",
        lambda panel, by_group: (drawn.append([t.score for t in panel.tiles]), real_show_groups(panel, by_group)),
    )
    monkeypatch.setattr(
        page.tasks.runner, "run", lambda *args, **kw: (runs.append((args[0], kw)), real_run(*args, **kw))
    )
    page.show_cycle(page.hc, page.hc.cycles.by_name("2025"))
    panel = standards_shown(page, qtbot)
    if not drawn:  # the groups' scores may already have come: then everyone's tiles were drawn before them
        assert panel.group_choice.itemText(1) == GROUPS_TO_COME
        assert not panel.group_choice.model().item(1).isEnabled()
    everyone = [t.score for t in panel.tiles]
    panel = groups_listed(page, qtbot)
    assert drawn == [everyone] and [t.score for t in panel.tiles] == everyone
    assert panel.group_choice.currentText() == "Everyone who took part"
    assert GROUPS_TO_COME not in [panel.group_choice.itemText(i) for i in range(panel.group_choice.count())]
    groups = [kw for label, kw in runs if "each group" in label]
    assert len(groups) == 1 and groups[0]["quiet"] is True
    assert (
        page.findChild(QProgressDialog, "taskProgress") is None
        or not page.findChild(QProgressDialog, "taskProgress").isVisible()
    )


def test_the_groups_scores_of_a_cycle_no_longer_shown_are_dropped(page, qtbot, monkeypatch):
    """Another cycle chosen while the groups' scores of the first are still being worked out: they are dropped, and
    the chooser lists the second cycle's groups."""
    import threading

    from swhc_desktop.screens.findings import group_scores_work

    release, asked = threading.Event(), []

    def held_back(hc, cycle):
        asked.append(cycle.name)
        if cycle.name == "2025":
            release.wait(30)
        return group_scores_work(hc, cycle)

    listed_for = []
    real_show_groups = type(page.dashboard.standards).show_groups
    monkeypatch.setattr(
        type(page.dashboard.standards),
        "show_groups",
        lambda panel, by_group: (listed_for.append(by_group), real_show_groups(panel, by_group)),
    )
    monkeypatch.setattr(findings_module, "group_scores_work", held_back)
    page.show_cycle(page.hc, page.hc.cycles.by_name("2025"))
    panel = standards_shown(page, qtbot)
    qtbot.waitUntil(lambda: asked == ["2025"], timeout=20000)
    page.show_cycle(page.hc, page.hc.cycles.by_name("2024"))
    release.set()
    panel = groups_listed(page, qtbot)
    page.tasks.wait()
    qtbot.wait(50)
    assert asked == ["2025", "2024"] and "Standards scores, 2024" in panel.heading.text()
    expected = group_scores_work(page.hc, page.hc.cycles.by_name("2024"))
    assert listed_for == [expected] and panel.scores.by_group == expected
    listed = [panel.group_choice.itemText(i) for i in range(1, panel.group_choice.count())]
    assert len(listed) == sum(len(by.groups) for by in expected)


def test_when_the_groups_scores_cannot_be_worked_out_the_chooser_says_so(page, qtbot, monkeypatch):
    from swhc_desktop.domain.errors import FileProblem
    from swhc_desktop.gui.findings.standard_tiles import GROUPS_FAILED

    def fails(hc, cycle):
        raise FileProblem("The file could not be read.", "Try again.")

    monkeypatch.setattr(findings_module, "group_scores_work", fails)
    page.show_cycle(page.hc, page.hc.cycles.by_name("2025"))
    panel = standards_shown(page, qtbot)
    qtbot.waitUntil(lambda: panel.group_choice.itemText(1) == GROUPS_FAILED, timeout=20000)
    assert page.problems == ["The file could not be read. Try again."] and len(panel.tiles) == 8
    assert not panel.group_choice.model().item(1).isEnabled()


def test_a_standards_tile_for_a_small_team_shows_no_figure_and_says_why(page, qtbot):
    panel = groups_listed(page, qtbot)
    everyone = {t.score.standard.number: t.score.base for t in panel.tiles}
    small = panel.group_choice.findText("Team: Other team (too few to show)")
    assert small > 0
    panel.group_choice.setCurrentIndex(small)
    assert panel.tiles == [] and "scores of Other team are not shown" in panel.note.text()
    shown = next(
        i
        for i in range(1, panel.group_choice.count())
        if panel.group_choice.itemText(i).startswith("Team: ") and "too few" not in panel.group_choice.itemText(i)
    )
    panel.group_choice.setCurrentIndex(shown)
    assert len(panel.tiles) == 8 and "only" in panel.note.text()
    assert all(t.score.base < everyone[t.score.standard.number] for t in panel.tiles)


def test_enter_on_a_standards_tile_opens_its_first_statement(page, qtbot):
    panel = standards_shown(page, qtbot)
    tile = panel.tiles[2]
    tile.setFocus()
    qtbot.keyClick(tile, Qt.Key.Key_Return)
    assert page.findingsTabs.currentWidget() is page.explorerTab
    assert page.explorer.current_code() == tile.score.statements[0]
