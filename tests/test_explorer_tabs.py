"""The Question explorer draws only the chart that can be seen: another tab's chart is drawn when the tab is first
shown, a chart whose choice has not changed is kept as it is, and what it shows always follows the file."""

from __future__ import annotations

import pytest

from swhc_desktop.gui.findings.page import FindingsPage
from swhc_desktop.gui.main_window import MainWindow
from swhc_desktop.importing.importer import preview_import, run_import
from swhc_desktop.importing.rows import ImportOptions

from .support.import_support import new_file
from .support.pages import add_main_window, wait_until_idle

DRAWING = "Drawing the chart…"


@pytest.fixture
def page(hc, make_page):
    page = make_page(FindingsPage, parent=make_page.window)
    make_page.window.resize(1300, 760)
    make_page.window.show()
    page.findingsTabs.setCurrentWidget(page.explorerTab)
    page.show_cycle(hc, hc.cycles.by_name("2025"))
    make_page.wait_until_idle()
    return page


def title(view) -> str:
    return view.figure.texts[0].get_text()


def words(figure) -> str:
    return " ".join(t.get_text() for t in figure.findobj(lambda a: hasattr(a, "get_text")))


def choose(page, qtbot, *, question: str | None = None, breakdown: str | None = "keep", tab=None) -> None:
    """As the PSW does, then waits for the page to answer."""
    explorer = page.explorer
    if tab is not None:
        explorer.resultTabs.setCurrentWidget(tab)
    if breakdown != "keep":
        explorer.breakdownCombo.setCurrentIndex(explorer.breakdownCombo.findData(breakdown))
    if question is not None:
        explorer.select_question(question)
    wait_until_idle(qtbot, page.tasks)


def test_a_tabs_chart_is_drawn_when_the_tab_is_first_shown(page, qtbot):
    explorer = page.explorer
    choose(page, qtbot, question="valued")
    chart = explorer.chart_view.figure
    assert chart is not None and "valued" in title(explorer.chart_view).lower()
    assert explorer.chart_view.canvas.accessibleName() == title(explorer.chart_view)
    assert explorer.trend_view.figure is None and explorer.trend_view.placeholder.text() == DRAWING
    assert explorer.resultTable.rowCount() > 0  # the table is filled whichever tab is in view
    choose(page, qtbot, tab=explorer.trendTab)
    trend = explorer.trend_view.figure
    assert trend is not None and title(explorer.trend_view).endswith(", by year")
    assert explorer.trend_view.canvas.accessibleName() == title(explorer.trend_view)
    assert "2023" in words(trend) and "2025" in words(trend)
    assert explorer.chart_view.figure is chart  # kept, not drawn again
    choose(page, qtbot, tab=explorer.chartTab)
    assert explorer.chart_view.figure is chart and explorer.trend_view.figure is trend


def test_a_breakdown_is_drawn_when_its_tab_is_shown_and_the_chart_is_kept(page, qtbot):
    explorer = page.explorer
    choose(page, qtbot, question="valued")
    chart = explorer.chart_view.figure
    choose(page, qtbot, breakdown="team")
    assert "not shown" in explorer.explorerNote.text()  # its hidden groups said, with its chart not yet drawn
    assert explorer.chart_view.figure is chart
    assert explorer.breakdown_view.figure is None and explorer.breakdown_view.placeholder.text() == DRAWING
    choose(page, qtbot, tab=explorer.breakdownTab)
    assert " by team (2025)" in title(explorer.breakdown_view)
    assert "Other team (hidden)" in words(explorer.breakdown_view.figure)
    assert explorer.breakdown_view.canvas.accessibleName() == title(explorer.breakdown_view)
    choose(page, qtbot, breakdown=None)
    assert explorer.breakdown_view.figure is None
    assert explorer.breakdown_view.placeholder.text() == "Choose something to break the results down by, above."


def test_a_question_changed_on_the_breakdown_tab_draws_its_breakdown_and_its_chart_when_shown(page, qtbot):
    explorer = page.explorer
    choose(page, qtbot, question="valued", breakdown="role", tab=explorer.breakdownTab)
    valued = explorer.breakdown_view.figure
    choose(page, qtbot, question="stressed")
    assert explorer.breakdown_view.figure is not valued
    assert "stressed" in title(explorer.breakdown_view).lower() and " by role " in title(explorer.breakdown_view)
    assert explorer.chart_view.figure is None and explorer.chart_view.placeholder.text() == DRAWING
    choose(page, qtbot, tab=explorer.chartTab)
    assert "stressed" in title(explorer.chart_view).lower()


def test_the_last_of_quick_choices_is_the_one_shown(page, qtbot):
    """Going down the list faster than the page answers: the page ends on the question last chosen."""
    explorer = page.explorer
    for code in ("valued", "proud", "enthusiastic", "listened_to", "stressed"):
        explorer.select_question(code)
    wait_until_idle(qtbot, page.tasks)
    assert explorer.current_code() == "stressed"
    assert "stressed" in title(explorer.chart_view).lower()
    rows = [explorer.resultTable.item(r, 0).text() for r in range(explorer.resultTable.rowCount())]
    assert "All favourable" in rows


EXPORT = (
    "ID,Start time,Completion time,Which team do you work in?,I feel stressed by my job\n"
    "1,03/05/2024 10:00,03/05/2024 10:04,Assessment,Agree\n"
    "2,03/05/2024 11:00,03/05/2024 11:09,Children in care,Strongly Agree\n"
)


def counts(explorer) -> dict[str, str]:
    table = explorer.resultTable
    return {table.item(r, 0).text(): table.item(r, 1).text() for r in range(table.rowCount())}


def test_the_explorer_never_shows_figures_from_before_an_import_or_an_undo(qtbot, tmp_path, folders, settings):
    window = add_main_window(qtbot, MainWindow(settings, folders))
    window.resize(1366, 728)
    window.show()
    window.open_path(new_file(tmp_path, folders))
    window.pageList.setCurrentRow(2)
    page = window.findings_page
    page.findingsTabs.setCurrentWidget(page.explorerTab)
    explorer = page.explorer
    choose(page, qtbot, question="stressed")
    assert counts(explorer).get("Agree") in (None, "0")
    window.pageList.setCurrentRow(1)  # imported on the Responses page, as the wizard does
    export = tmp_path / "forms.csv"
    export.write_text(EXPORT, encoding="utf-8")
    preview = preview_import(window.hc, window.current_cycle.id, export)
    result = run_import(
        window.hc, window.current_cycle.id, preview, preview.mapping, ImportOptions(unmatched_as_no_answer=True)
    )
    window.responses_page.imported(result.batch_id, export.name)
    window.pageList.setCurrentRow(2)
    wait_until_idle(qtbot, window.tasks)
    assert counts(explorer)["Agree"] == "1" and counts(explorer)["Strongly agree"] == "1"
    assert "(2)" in words(explorer.chart_view.figure)  # the chart's base: the two who answered
    window.actionUndo.trigger()  # with the explorer in view
    wait_until_idle(qtbot, window.tasks)
    assert counts(explorer).get("Agree") in (None, "0")
    assert explorer.chart_view.figure is None or "(2)" not in words(explorer.chart_view.figure)
    window.actionRedo.trigger()
    wait_until_idle(qtbot, window.tasks)
    assert counts(explorer)["Agree"] == "1"
    assert "(2)" in words(explorer.chart_view.figure)
    window._close_file()
