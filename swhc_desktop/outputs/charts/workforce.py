"""The workforce figures by year as a chart: one small panel a figure (establishment, vacancies, agency staff,
turnover, sickness), each year's value written beside its point, for the dashboard and the report for members."""

from __future__ import annotations

from typing import TYPE_CHECKING

from matplotlib.figure import Figure

from ...domain.records import Cycle
from ...figures.workforce import WorkforceTrends, workforce_trends
from . import style
from .style import finish, new_figure, wrap

if TYPE_CHECKING:
    from ...storage import HealthCheckFile
    from .question_charts import DashboardChart

PANEL_WIDTH = 1.9  # inches a panel
PANEL_TITLE_TOP = 0.7  # inches from the top of the figure to the top of the panels
PANELS_A_ROW = 5  # more panels than this go on further rows, so that none is too narrow for its title
ROW_HEIGHT = 2.3  # inches each further row adds


def workforce_chart(trends: WorkforceTrends, cycle_name: str) -> Figure | None:
    """None when no workforce figure has been entered for these years."""
    if not trends.has_figures:
        return None
    panels = trends.trends
    rows = -(-len(panels) // PANELS_A_ROW)
    columns = min(len(panels), PANELS_A_ROW)
    figure = new_figure(max(8.0, PANEL_WIDTH * columns + 0.6), 2.7 + ROW_HEIGHT * (rows - 1))
    names = list(trends.cycle_names)
    xs = list(range(len(names)))
    for index, trend in enumerate(panels, start=1):
        axes = figure.add_subplot(rows, columns, index)
        measure = trend.measure
        unit = f" ({measure.unit})" if measure.unit else ""
        axes.set_title(wrap(f"{measure.title}{unit}", 26), fontsize=9, color=style.TEXT, loc="left")
        points = [(x, v) for x, v in zip(xs, trend.values) if v is not None]
        axes.plot(
            [x for x, _ in points], [v for _, v in points], color=style.COUNCIL, marker="o", markersize=5, linewidth=1.8
        )
        for x, value in points:
            label = measure.shown(value) if measure.unit == "%" else measure.number_text(value)
            axes.annotate(
                label, (x, value), textcoords="offset points", xytext=(0, 7), ha="center", fontsize=8, color=style.TEXT
            )
        top = max(v for _, v in points)
        axes.set_ylim(0, top * 1.3 if top else 1)
        axes.set_xlim(-0.5, len(names) - 0.5)
        axes.set_xticks(xs, [wrap(name, 10, 2) for name in names], fontsize=7.5)
        axes.tick_params(axis="y", labelsize=7.5)
        axes.grid(axis="y", color="#e5e5e5")
        for side in ("top", "right"):
            axes.spines[side].set_visible(False)
    finish(
        figure,
        f"Workforce figures, by year (to {cycle_name})",
        "Entered by the council each year from its workforce records, not from the staff survey. A gap is a year with "
        "no figure entered.",
    )
    height = figure.get_size_inches()[1]
    # Room for the panels' own titles, above the first row and between rows.
    figure.subplots_adjust(wspace=0.45, hspace=0.8 if rows > 1 else 0.2, top=1 - PANEL_TITLE_TOP / height)
    return figure


def workforce_dashboard_chart(hc: HealthCheckFile, cycle: Cycle) -> DashboardChart | None:
    """The chart as the dashboard lists it, or None when no figures have been entered."""
    from .question_charts import DashboardChart

    figure = workforce_chart(workforce_trends(hc, cycle), cycle.name)
    return DashboardChart("workforce", "", figure) if figure is not None else None
