"""Shows a chart built by the core on a Qt canvas, with Save as (PNG or SVG) and Copy to the clipboard.

matplotlib is imported only when the first chart is shown, so it never slows the app's start.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QImage, QWheelEvent
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ...domain.errors import SwhcError
from ...screens.figure_words import CHART
from .messages import show_problem
from .output_files import ask_where_to_save, documents_folder, refused_as_output

if TYPE_CHECKING:
    from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
    from matplotlib.figure import Figure


# A chart a little taller or wider than the room it has is drawn a little smaller, so that all of it, its notes and
# base included, is seen without scrolling; one much bigger is drawn no smaller than this, and scrolls.
SMALLEST_SCALE = 0.8


class ChartView(QWidget):
    def __init__(self, parent: QWidget | None = None, minimum_height: int = 320, embedded_scroll: bool = True):
        super().__init__(parent)
        self.embedded_scroll = embedded_scroll  # False inside a page that scrolls already (the dashboard)
        self.figure: Figure | None = None
        self.canvas: FigureCanvasQTAgg | None = None  # matplotlib is imported with the first chart shown
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.placeholder = QLabel("No chart to show.")
        self.placeholder.setWordWrap(True)
        self.layout_.addWidget(self.placeholder)
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.hide()
        self.layout_.addWidget(self.scroll_area, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.save_button = QPushButton("Save chart as…")
        self.save_button.setToolTip("Save this chart as a picture (PNG) or for print (SVG)")
        self.copy_button = QPushButton("Copy chart")
        self.copy_button.setToolTip("Copy this chart to paste into Word or an email")
        for button in (self.save_button, self.copy_button):
            button.setAutoDefault(False)  # in a dialog, Enter never saves or copies a chart unasked
            buttons.addWidget(button)
        self.layout_.addLayout(buttons)
        self.save_button.clicked.connect(self.save_as)
        self.copy_button.clicked.connect(self.copy)
        self.minimum_height = minimum_height
        self.scale = 1.0  # how much smaller than its own size the chart is drawn, to fit its room
        self.natural_dpi = 100.0
        self.natural_pixels = (0, 0)  # the chart's own size, as it was made
        self._set_enabled(False)

    def _set_enabled(self, enabled: bool) -> None:
        self.save_button.setEnabled(enabled)
        self.copy_button.setEnabled(enabled)

    def show_figure(self, figure, message: str = "") -> None:
        """Show a figure (None: show the message instead)."""
        from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg

        if self.canvas is not None:
            self.scroll_area.takeWidget()
            self.canvas.deleteLater()
            self.canvas = None
        self.figure = figure
        if figure is None:
            self.placeholder.setText(message or "No chart to show.")
            self.placeholder.show()
            self.scroll_area.hide()
            self._set_enabled(False)
            return
        self.placeholder.hide()
        width, height = figure.get_size_inches()
        self.natural_dpi, self.scale = figure.dpi, 1.0
        self.natural_pixels = (int(width * figure.dpi), int(height * figure.dpi))
        self.canvas = FigureCanvasQTAgg(figure)
        self.canvas.setMinimumHeight(max(self.minimum_height, int(height * figure.dpi)))
        self.canvas.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.canvas.setAccessibleName(figure.texts[0].get_text() if figure.texts else "Chart")
        self.canvas.setToolTip(chart_tooltip(figure))
        self.canvas.installEventFilter(self)
        self.scroll_area.setWidget(self.canvas)
        self.scroll_area.show()
        if not self.embedded_scroll:
            self.scroll_area.setMinimumHeight(self.canvas.minimumHeight() + 4)
        self._fit()
        self._set_enabled(True)

    def _fit(self) -> None:
        """In a chart's own scrolling area: drawn a little smaller when that lets the whole of it be seen. Its text is
        drawn smaller with it, so nothing is cut off; a chart that would need to be drawn smaller still scrolls, and
        never narrower than its notes need (they would be cut off at the right). A page of charts (the dashboard) lays
        its charts out to its own width."""
        if self.canvas is None or self.figure is None or not self.embedded_scroll:
            return
        width, height = self.natural_pixels
        room = self.scroll_area.size()
        scale = min(1.0, (room.width() - 2) / max(1, width), (room.height() - 2) / max(1, height))
        scale = max(SMALLEST_SCALE, scale)
        if abs(scale - self.scale) > 0.005:
            self.scale = scale
            dpi = self.natural_dpi * scale
            # What matplotlib's Qt canvas works the figure's size out from, for the screen's pixel ratio too.
            self.figure._original_dpi = dpi
            ratio = self.canvas.device_pixel_ratio
            self.figure._set_dpi(dpi * ratio, forward=False)
            # The canvas keeps its size until laid out again: the figure fills it at the new scale meanwhile.
            self.figure.set_size_inches(self.canvas.width() / dpi, self.canvas.height() / dpi, forward=False)
        self.canvas.setMinimumSize(int(width * self.scale), max(self.minimum_height, int(height * self.scale)))
        self.canvas.draw_idle()

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self._fit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """The mouse wheel over a chart scrolls what holds it (the chart's own area, then the page), as over any other
        part of a page: matplotlib's canvas would take the wheel for itself, and these charts do not zoom."""
        if watched is self.canvas and isinstance(event, QWheelEvent):
            scroll_what_holds(self.canvas, event)
            return True
        return super().eventFilter(watched, event)

    def image(self) -> QImage:
        """The chart as a picture at its own size, however small it is drawn on screen."""
        from matplotlib.backends.backend_agg import FigureCanvasAgg

        assert self.figure is not None
        shown_dpi = self.figure.dpi
        self.figure.set_dpi(self.natural_dpi)  # the same inches, at the dots per inch the chart was made for
        try:
            canvas = FigureCanvasAgg(self.figure)
            canvas.draw()
            width, height = canvas.get_width_height()
            return QImage(bytes(canvas.buffer_rgba()), width, height, QImage.Format.Format_RGBA8888).copy()
        finally:
            self.figure._set_dpi(shown_dpi, forward=False)
            self.figure._original_dpi = self.natural_dpi * self.scale

    def copy(self) -> None:
        if self.figure is None:
            return
        QApplication.clipboard().setImage(self.image())
        window = self.window()
        if hasattr(window, "statusBar") and callable(window.statusBar):
            window.statusBar().showMessage("Chart copied: paste it into a document.", 5000)
        if self.canvas is not None:
            self.figure.set_canvas(self.canvas)

    def save_as(self) -> None:
        if self.figure is None:
            return
        chosen = ask_where_to_save(
            self, "Save chart", documents_folder() / "chart.png", ["Picture (*.png)", "For print (*.svg)"]
        )
        if chosen is None or refused_as_output(self, None, chosen[0]):
            return
        path, chosen_filter = chosen
        if not path.suffix:
            path = path.with_name(path.name + (".svg" if "svg" in chosen_filter else ".png"))
        self.save_to(path)

    def save_to(self, path: Path) -> None:
        from ...outputs.charts.question_charts import save_figure

        try:
            save_figure(self.figure, path)
        except SwhcError as problem:
            show_problem(self, problem)
        finally:
            if self.canvas is not None:
                self.figure.set_canvas(self.canvas)


def chart_tooltip(figure: "Figure") -> str:
    """What a chart is, in plain words: its title, then how to read it (the words of the user guide)."""
    title = " ".join(figure.texts[0].get_text().split()) if figure.texts else ""
    return f"{title}\n\n{CHART.meaning}" if title else CHART.meaning


def scroll_what_holds(widget: QWidget, event: QWheelEvent) -> None:
    """Scroll the nearest area holding `widget` that can still move the way the wheel turned. Qt hands a wheel turn
    on to the parents only when the system sent it, so the area is found and scrolled here, the same for every turn."""
    delta = event.angleDelta()
    vertical = abs(delta.y()) >= abs(delta.x())
    step = delta.y() if vertical else delta.x()
    holder = widget.parentWidget()
    while holder is not None and step:
        if isinstance(holder, QAbstractScrollArea):
            bar = holder.verticalScrollBar() if vertical else holder.horizontalScrollBar()
            if bar.value() > bar.minimum() if step > 0 else bar.value() < bar.maximum():
                QApplication.sendEvent(bar, event)
                return
        holder = holder.parentWidget()
