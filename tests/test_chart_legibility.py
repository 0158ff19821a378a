"""No chart strikes through its own words: a histogram's band labels neither overlap each other nor are crossed by the
average's or a national figure's line, and a hidden group's 'Not shown' stands clear of the zero line and the axis."""

from __future__ import annotations

import pytest
from matplotlib.lines import Line2D
from matplotlib.text import Text

from swhc_desktop.outputs.charts.builders import _label_rows
from swhc_desktop.outputs.charts.question_charts import breakdown_figure, question_chart


@pytest.fixture
def hc(demo_path, open_files):
    return open_files.open(demo_path, read_only=True)


def drawn(figure):
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    canvas = FigureCanvasAgg(figure)
    canvas.draw()
    return canvas.get_renderer()


def overlaps(a, b) -> bool:
    return a.x0 < b.x1 and b.x0 < a.x1 and a.y0 < b.y1 and b.y0 < a.y1


def test_band_labels_stand_apart_and_above_every_line(hc):
    figure = question_chart(hc, hc.cycles.by_name("2025"), "caseload")
    renderer = drawn(figure)
    axes = figure.axes[0]
    labels = [t for t in axes.texts if "%" in t.get_text()]
    assert len(labels) == 4, "one label for each of the council's bands"
    boxes = [t.get_window_extent(renderer) for t in labels]
    assert not any(overlaps(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1 :])
    lines = [line for line in axes.get_lines() if isinstance(line, Line2D) and len(set(line.get_xdata())) == 1]
    assert len(lines) == 2, "the average here and the national figure"
    lowest_label = min(box.y0 for box in boxes)
    for line in lines:
        assert line.get_window_extent(renderer).y1 <= lowest_label + 1


def test_narrow_neighbouring_bands_take_a_second_row_and_wide_ones_do_not():
    labels = ["21 to under 26\n12% (23)", "26 or more\n0% (0)", "Under 15\n50% (100)"]
    assert _label_rows(labels[:2], [23.0, 25.5], span=26, axes_inches=6.8) == [0, 1]
    assert _label_rows([labels[2], labels[0]], [7.0, 23.0], span=26, axes_inches=6.8) == [0, 0]


def test_a_hidden_group_is_said_on_a_clear_background_above_the_axis(hc):
    figure = breakdown_figure(hc, hc.cycles.by_name("2025"), "stressed", "team")
    renderer = drawn(figure)
    axes = figure.axes[0]
    hidden: list[Text] = [t for t in axes.texts if t.get_text() == "Not shown: too few people"]
    assert hidden, "the demo's two smallest teams are hidden"
    axis_line = axes.spines["bottom"].get_window_extent(renderer)
    for text in hidden:
        assert text.get_bbox_patch() is not None, "a box behind the words hides the zero line"
        assert text.get_zorder() > 2
        assert text.get_window_extent(renderer).y0 > axis_line.y1, "clear of the x-axis"


def test_the_dashboards_charts_are_titled_alike_and_a_number_base_has_one_pair_of_brackets(hc):
    from swhc_desktop.outputs.charts.question_charts import dashboard_charts

    charts = dashboard_charts(hc, hc.cycles.by_name("2025"))
    titles = [chart.figure.get_suptitle() for chart in charts]
    assert "Cases held (2025)" in titles
    assert not [t for t in titles if t[:1].isdigit()], "no chart numbered as in the questionnaire"
    caseload = next(chart.figure for chart in charts if chart.key == "caseload")
    words = " ".join(t.get_text() for t in caseload.texts)
    assert "Base: all who gave a number of cases (199)" in words
