"""Every figure on the Findings and Action plan pages says in plain words what it is when the pointer rests on it,
in the words of the user guide (screens/figure_words.py)."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from swhc_desktop.gui.action_plan.model import COLUMNS
from swhc_desktop.gui.action_plan.page import ActionPlanPage
from swhc_desktop.gui.findings.page import FindingsPage
from swhc_desktop.screens.figure_words import BASE, CHANGE, CHART, FAVOURABLE, INTERVAL, NATIONAL, RAG, SMALL_GROUPS


@pytest.fixture
def page(hc, make_page):
    page = make_page(FindingsPage, parent=make_page.window)
    make_page.window.resize(1366, 728)
    make_page.window.show()
    page.show_cycle(hc, hc.cycles.by_name("2025"))
    return page


def test_every_dashboard_tile_says_what_its_figures_are(page, qtbot):
    qtbot.waitUntil(lambda: len(page.dashboard.tiles) == 10, timeout=20000)
    tiles = {t.value.indicator.key: t.toolTip() for t in page.dashboard.tiles}
    assert all(BASE.meaning in tip and RAG.meaning in tip for tip in tiles.values())
    assert INTERVAL.meaning in tiles["caseload_manageable"] and CHANGE.meaning in tiles["caseload_manageable"]
    assert NATIONAL.meaning in tiles["average_caseload"]
    assert NATIONAL.meaning not in tiles["caseload_manageable"]  # only what the tile shows is explained


def test_every_chart_says_what_it_is_and_how_to_read_it(page, qtbot):
    qtbot.waitUntil(lambda: len(page.dashboard.charts) == 5, timeout=20000)
    for view in page.dashboard.charts:
        tip = view.canvas.toolTip()
        assert CHART.meaning in tip and tip.startswith(view.figure.texts[0].get_text().split()[0])


def table_answers(explorer) -> list[str]:
    return [explorer.resultTable.item(r, 0).text() for r in range(explorer.resultTable.rowCount())]


def test_the_explorers_table_says_what_each_column_and_figure_is(page, qtbot):
    qtbot.waitUntil(lambda: len(page.dashboard.tiles) == 10, timeout=20000)
    qtbot.mouseClick(
        next(t for t in page.dashboard.tiles if t.value.indicator.key == "valued"), Qt.MouseButton.LeftButton
    )
    explorer = page.explorer
    qtbot.waitUntil(lambda: "All favourable" in table_answers(explorer), timeout=20000)
    headers = [explorer.resultTable.horizontalHeaderItem(c).toolTip() for c in range(4)]
    assert BASE.meaning in headers[2] and headers[3] == INTERVAL.meaning
    assert explorer.tableBaseLabel.toolTip() == BASE.meaning
    rows = {explorer.resultTable.item(r, 0).text(): r for r in range(explorer.resultTable.rowCount())}
    favourable = explorer.resultTable.item(rows["All favourable"], 2).toolTip()
    assert FAVOURABLE.meaning in favourable and INTERVAL.meaning in favourable
    explorer.select_question("team")
    qtbot.waitUntil(lambda: explorer.current_code() == "team" and explorer.resultTable.rowCount() > 0, timeout=20000)
    qtbot.waitUntil(
        lambda: any(
            explorer.resultTable.item(r, 1).text() == "Not shown" for r in range(explorer.resultTable.rowCount())
        ),
        timeout=20000,
    )
    hidden = next(
        r for r in range(explorer.resultTable.rowCount()) if explorer.resultTable.item(r, 1).text() == "Not shown"
    )
    assert explorer.resultTable.item(hidden, 1).toolTip() == SMALL_GROUPS.meaning


def test_an_actions_effect_says_what_no_clear_change_means(hc, make_page):
    page = make_page(ActionPlanPage, today=lambda: dt.date(2026, 12, 1))
    page.show_cycle(hc, hc.cycles.by_name("2025"))
    make_page.wait_until_idle()
    column = COLUMNS.index("Effect")
    tips = [page.proxy.index(r, column).data(Qt.ItemDataRole.ToolTipRole) for r in range(page.proxy.rowCount())]
    with_effects = [t for t in tips if t]
    assert with_effects and all(CHANGE.meaning in t for t in with_effects)
