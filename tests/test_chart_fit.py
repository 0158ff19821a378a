"""A chart in its own area (the explorer's, the theme chart's) is seen whole at the laptop's window size: a chart a
little bigger than its room is drawn a little smaller, text and all, rather than cut off or left below the fold; a much
bigger one scrolls; a chart copied or saved is its own size, however it is drawn on screen."""

from __future__ import annotations

from swhc_desktop.gui.common.chart_view import SMALLEST_SCALE, ChartView
from swhc_desktop.outputs.charts.question_charts import question_chart


def shown_in(qtbot, figure, width: int, height: int) -> ChartView:
    view = ChartView()
    qtbot.addWidget(view)
    view.resize(width, height)
    view.show()
    qtbot.waitExposed(view)
    view.show_figure(figure)
    qtbot.waitUntil(lambda: view.canvas is not None and view.canvas.isVisible())
    return view


def test_the_explorers_team_chart_is_seen_whole_with_its_base_at_the_laptop_size(qtbot, hc):
    figure = question_chart(hc, hc.cycles.by_name("2025"), "team")
    natural_width, natural_height = int(figure.get_size_inches()[0] * 100), int(figure.get_size_inches()[1] * 100)
    # The explorer's chart tab at 1366 by 768 leaves about 830 by 445 pixels for the chart and its buttons.
    view = shown_in(qtbot, figure, 830, natural_height - 20)
    qtbot.waitUntil(lambda: view.scroll_area.verticalScrollBar().maximum() == 0)
    assert view.scale < 1 and view.scroll_area.horizontalScrollBar().maximum() == 0
    image = view.image()  # copied at its own size, not the size it is drawn
    assert image.width() >= natural_width and image.height() >= natural_height


def test_a_chart_far_bigger_than_its_room_is_drawn_no_smaller_than_readable_and_scrolls(qtbot, hc):
    figure = question_chart(hc, hc.cycles.by_name("2025"), "team")
    view = shown_in(qtbot, figure, 830, 200)
    qtbot.waitUntil(lambda: view.scroll_area.verticalScrollBar().maximum() > 0)
    assert view.scale == SMALLEST_SCALE


def test_a_chart_with_room_is_drawn_at_its_own_size(qtbot, hc):
    figure = question_chart(hc, hc.cycles.by_name("2025"), "team")
    view = shown_in(qtbot, figure, 1200, 900)
    assert view.scale == 1.0 and view.scroll_area.verticalScrollBar().maximum() == 0
