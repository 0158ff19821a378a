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
from swhc_desktop.screens.findings import standards_work


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
    qtbot.waitUntil(lambda: len(page.dashboard.charts) == 5, timeout=20000)
    assert page.dashboard.charts_to_come.isHidden() and all(v.figure is not None for v in page.dashboard.charts)


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
    """The Standards panel once each group's scores, which follow everyone's, are listed to choose from."""
    panel = standards_shown(page, qtbot)
    qtbot.waitUntil(lambda: panel.group_choice.findText("Team: ", Qt.MatchFlag.MatchStartsWith) > 0, timeout=60000)
    return panel


def test_the_dashboard_s_tiles_show_first_and_its_charts_and_groups_follow_without_a_dialog(page, qtbot, monkeypatch):
    """The indicators' and everyone's Standards tiles are drawn from the first piece of work; the page says the charts
    and the groups' scores are coming (the groups cannot be chosen yet) until the second, which shows no progress
    dialog, draws the charts and lists the groups, leaving the tiles as they were."""
    from swhc_desktop.gui.findings.dashboard import CHARTS_TO_COME
    from swhc_desktop.gui.findings.standard_tiles import GROUPS_TO_COME

    seen_before, runs = [], []
    real_show_charts = type(page.dashboard).show_charts
    real_run = page.tasks.runner.run

    def show_charts(dashboard, charts):
        panel = dashboard.standards
        seen_before.append(
            (
                [t.score for t in panel.tiles],
                [t.value for t in dashboard.tiles],
                dashboard.charts_to_come.text() if not dashboard.charts_to_come.isHidden() else None,
                panel.group_choice.itemText(1),
                panel.group_choice.model().item(1).isEnabled(),
            )
        )
        real_show_charts(dashboard, charts)

    monkeypatch.setattr(type(page.dashboard), "show_charts", show_charts)
    monkeypatch.setattr(
        page.tasks.runner, "run", lambda *args, **kw: (runs.append((args[0], kw)), real_run(*args, **kw))
    )
    page.show_cycle(page.hc, page.hc.cycles.by_name("2025"))
    panel = groups_listed(page, qtbot)
    qtbot.waitUntil(lambda: len(page.dashboard.charts) == 5, timeout=20000)
    [(scores, values, charts_note, first_group, can_choose)] = seen_before
    assert (charts_note, first_group, can_choose) == (CHARTS_TO_COME, GROUPS_TO_COME, False)
    assert [t.score for t in panel.tiles] == scores and len(scores) == 8
    assert [t.value for t in page.dashboard.tiles] == values and len(values) == 10
    assert panel.group_choice.currentText() == "Everyone who took part"
    assert GROUPS_TO_COME not in [panel.group_choice.itemText(i) for i in range(panel.group_choice.count())]
    assert page.dashboard.charts_to_come.isHidden()
    rest = [kw for label, kw in runs if "each group" in label]
    assert len(rest) == 1 and rest[0]["quiet"] is True
    dialog = page.findChild(QProgressDialog, "taskProgress")
    assert dialog is None or not dialog.isVisible()


def test_with_no_breakdown_question_the_chooser_offers_everyone_only_and_says_nothing_is_coming(
    page, qtbot, monkeypatch
):
    from swhc_desktop.analysis import standard_scores

    monkeypatch.setattr(standard_scores, "score_breakdowns", lambda questionnaire: [])
    page.show_cycle(page.hc, page.hc.cycles.by_name("2025"))
    panel = standards_shown(page, qtbot)
    assert [panel.group_choice.itemText(i) for i in range(panel.group_choice.count())] == ["Everyone who took part"]
    qtbot.waitUntil(lambda: len(page.dashboard.charts) == 5, timeout=20000)
    page.tasks.wait()
    qtbot.wait(50)
    assert panel.group_choice.count() == 1 and panel.scores.by_group == ()


def test_a_dashboard_loaded_again_before_its_charts_came_shows_them_once(page, qtbot):
    """Indicators changed (or the change undone) while the dashboard is still being worked out: the page loads it
    again, the first load's charts and groups' scores are dropped, and each chart is shown once."""
    page.show_cycle(page.hc, page.hc.cycles.by_name("2025"))
    page._indicators_changed()
    page._indicators_changed()
    groups_listed(page, qtbot)
    qtbot.waitUntil(lambda: len(page.dashboard.charts) == 5, timeout=20000)
    page.tasks.wait()
    qtbot.wait(100)
    assert len(page.dashboard.charts) == 5 and page.dashboard.charts_to_come.isHidden()
    listed = [
        page.dashboard.standards.group_choice.itemText(i) for i in range(page.dashboard.standards.group_choice.count())
    ]
    assert len(listed) == len(set(listed))


def test_the_rest_of_a_dashboard_no_longer_shown_is_dropped(page, qtbot, monkeypatch):
    """Another cycle chosen while the charts and groups' scores of the first are still being worked out: they are
    dropped, and the page shows the second cycle's."""
    import threading

    from swhc_desktop.screens.findings import dashboard_rest_work

    release, asked, listed_for = threading.Event(), [], []

    def held_back(hc, cycle, tiles):
        asked.append(cycle.name)
        if cycle.name == "2025":
            release.wait(30)
        return dashboard_rest_work(hc, cycle, tiles)

    real_show_groups = type(page.dashboard.standards).show_groups
    monkeypatch.setattr(
        type(page.dashboard.standards),
        "show_groups",
        lambda panel, by_group: (listed_for.append(by_group), real_show_groups(panel, by_group)),
    )
    monkeypatch.setattr(findings_module, "dashboard_rest_work", held_back)
    page.show_cycle(page.hc, page.hc.cycles.by_name("2025"))
    panel = standards_shown(page, qtbot)
    qtbot.waitUntil(lambda: asked == ["2025"], timeout=20000)
    page.show_cycle(page.hc, page.hc.cycles.by_name("2024"))
    release.set()
    panel = groups_listed(page, qtbot)
    page.tasks.wait()
    qtbot.wait(50)
    assert asked == ["2025", "2024"] and "Standards scores, 2024" in panel.heading.text()
    expected = standards_work(page.hc, page.hc.cycles.by_name("2024")).by_group
    assert listed_for == [expected] and panel.scores.by_group == expected
    listed = [panel.group_choice.itemText(i) for i in range(1, panel.group_choice.count())]
    assert len(listed) == sum(len(by.groups) for by in expected)


def test_when_the_rest_of_the_dashboard_cannot_be_worked_out_the_page_says_so(page, qtbot, monkeypatch):
    from swhc_desktop.domain.errors import FileProblem
    from swhc_desktop.gui.findings.dashboard import CHARTS_FAILED
    from swhc_desktop.gui.findings.standard_tiles import GROUPS_FAILED

    def fails(hc, cycle, tiles):
        raise FileProblem("The file could not be read.", "Try again.")

    monkeypatch.setattr(findings_module, "dashboard_rest_work", fails)
    page.show_cycle(page.hc, page.hc.cycles.by_name("2025"))
    panel = standards_shown(page, qtbot)
    qtbot.waitUntil(lambda: panel.group_choice.itemText(1) == GROUPS_FAILED, timeout=20000)
    assert page.problems == ["The file could not be read. Try again."] and len(panel.tiles) == 8
    assert not panel.group_choice.model().item(1).isEnabled()
    assert page.dashboard.charts_to_come.text() == CHARTS_FAILED and page.dashboard.charts == []


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
