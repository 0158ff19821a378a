"""The workforce figures by year: a chart of small panels, on the Findings dashboard once any figure is entered."""

from __future__ import annotations

import pytest

from swhc_desktop.figures.workforce import save_workforce_figures, workforce_trends
from swhc_desktop.gui.findings.page import FindingsPage
from swhc_desktop.outputs.charts.workforce import workforce_chart

YEARS = {
    "2023": {"establishment_fte": 270.5, "vacancies_fte": 21.6, "turnover_percent": 19},
    "2024": {"establishment_fte": 278, "vacancies_fte": 30.2},
    "2025": {"establishment_fte": 284.3, "vacancies_fte": 37.9, "turnover_percent": 16},
}


@pytest.fixture
def hc(demo_path_before_workforce_figures, open_files):
    return open_files.open(demo_path_before_workforce_figures)


def enter_figures(hc):
    for name, figures in YEARS.items():
        save_workforce_figures(hc, hc.cycles.by_name(name).id, figures)


def texts(figure):
    found = [t.get_text() for t in figure.texts]
    for axes in figure.axes:
        found += [axes.get_title(loc="left")] + [t.get_text() for t in axes.texts]
    return found


def test_no_chart_until_a_figure_is_entered(hc):
    assert workforce_chart(workforce_trends(hc, hc.cycles.by_name("2025")), "2025") is None


def test_a_panel_for_each_figure_entered_with_each_years_value(hc):
    enter_figures(hc)
    figure = workforce_chart(workforce_trends(hc, hc.cycles.by_name("2025")), "2025")
    assert len(figure.axes) == 3
    written = texts(figure)
    assert {"Establishment (FTE)", "Vacancies (FTE)", "Turnover (%)"} <= set(written)
    assert {"270.5", "278", "284.3", "21.6", "37.9", "19%", "16%"} <= set(written)
    assert any("not from the staff survey" in t for t in written)
    assert [t.get_text() for t in figure.axes[0].get_xticklabels()] == ["2023", "2024", "2025"]


def test_the_dashboard_shows_the_workforce_trends_first(qtbot, hc, make_page):
    enter_figures(hc)
    page = make_page(FindingsPage, parent=make_page.window)
    make_page.window.resize(1300, 760)
    make_page.window.show()
    page.show_cycle(hc, hc.cycles.by_name("2025"))
    qtbot.waitUntil(lambda: len(page.dashboard.charts) == 5, timeout=20000)
    first = page.dashboard.charts[0].figure
    assert any("Workforce figures, by year" in t for t in texts(first))
