"""The dashboard: headline indicator tiles (value, red/amber/green, change since last year,
national figure) and charts."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFrame,
    QGridLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from ...analysis.changes import change_range, change_sentence
from ...analysis.evidence import benchmark_source
from ...analysis.indicators import Indicator, IndicatorValue, check_thresholds
from ...domain.errors import InvalidInput
from ...domain.questionnaire import Questionnaire
from ...domain.records import Rag
from ...domain.rounding import figure_text, p_value_phrase
from ...screens.figure_words import BASE, CHANGE, INTERVAL, NATIONAL, RAG, explained
from ...screens.findings import StandardsScores
from ..common.chart_view import ChartView
from ..common.forms import load_form
from ..common.unsaved import AsksBeforeDiscarding
from .indicator_questions import IndicatorQuestionChooser
from .standard_tiles import StandardsPanel

CHARTS_TO_COME = "The charts of the headline questions are being drawn…"
CHARTS_FAILED = "The charts of the headline questions could not be drawn"
# Colour-blind-safe RAG: the word is always written too, so the colour is never the only sign.
RAG_COLOURS = {Rag.GREEN: "#1a9850", Rag.AMBER: "#e6a100", Rag.RED: "#c0392b", None: "#9e9e9e"}
RAG_WORDS = {Rag.GREEN: "Green", Rag.AMBER: "Amber", Rag.RED: "Red", None: "No threshold"}


def shown_value(value: IndicatorValue) -> str:
    return figure_text(value.number, value.indicator.measure.is_percent)


def change_text(value: IndicatorValue) -> str:
    """'▲ Up 8 points since 2018 (from 42%): better, more than chance.', with no arrow when it could be chance; the
    same words as every other output (changes.py)."""
    change, measure = value.change, value.indicator.measure
    if change is None or value.previous_cycle is None or value.previous is None:
        return "No earlier year to compare with"
    sentence = change_sentence(
        change,
        measure.is_percent,
        value.indicator.higher_is_better,
        value.previous_cycle,
        value.previous.value,
        value.indicator.unit.strip() if not measure.is_percent else "",
    )
    if not change.more_than_chance:
        return sentence
    return f"{'▲' if change.difference > 0 else '▼'} {sentence}"


def benchmark_text(value: IndicatorValue) -> str:
    return "\n".join(f"National: {benchmark_source(b)}" for b in value.benchmarks)


def tile_meanings(value: IndicatorValue) -> str:
    """What the figures on a tile mean, in the words of the user guide: only those the tile shows."""
    shown = [BASE, RAG]
    if value.value and value.value.interval:
        shown.append(INTERVAL)
    if value.change:
        shown.append(CHANGE)
    if value.benchmarks:
        shown.append(NATIONAL)
    return explained(*shown)


class IndicatorTile(QFrame):
    """One headline indicator. Clicking it (or pressing Enter on it) opens its question in the explorer."""

    clicked = Signal(str)

    def __init__(self, value: IndicatorValue, parent: QWidget | None = None):
        super().__init__(parent)
        self.value = value
        self.setObjectName(f"tile_{value.indicator.key}")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(
            Qt.CursorShape.PointingHandCursor if value.indicator.question_code else Qt.CursorShape.ArrowCursor
        )
        colour = RAG_COLOURS[value.rag]
        self.setStyleSheet(
            f"IndicatorTile {{ border: 1px solid palette(mid); border-left: 8px solid {colour}; "
            "border-radius: 4px; background: palette(base); }"
            f"IndicatorTile:focus {{ border: 2px solid palette(highlight); border-left: 8px solid {colour}; }}"
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 8, 6)
        layout.setSpacing(2)
        self.title_label = QLabel(f"<b>{value.indicator.title}</b>")
        self.title_label.setWordWrap(True)
        self.value_label = QLabel(
            f"<span style='font-size:20pt; font-weight:600'>{shown_value(value)}</span>"
            f"&nbsp;&nbsp;{RAG_WORDS[value.rag] if value.number is not None else ''}"
        )
        detail = value.unavailable_reason or value.indicator.counts
        if value.what_to_do is not None:
            detail += f" {value.what_to_do.app}"
        self.detail_label = QLabel(detail)
        self.change_label = QLabel("" if value.unavailable_reason else change_text(value))
        self.benchmark_label = QLabel(benchmark_text(value))
        for label in (self.detail_label, self.change_label, self.benchmark_label):
            label.setWordWrap(True)
            label.setStyleSheet("color: palette(window-text); font-size: 8.5pt;")
        for label in (self.title_label, self.value_label, self.detail_label, self.change_label, self.benchmark_label):
            layout.addWidget(label)
        layout.addStretch(1)
        tooltip = [value.base_description]
        if value.value and value.value.interval:
            low, high = value.value.interval
            is_percent = value.indicator.measure.is_percent
            tooltip.append(f"95% range: {figure_text(low, is_percent)} to {figure_text(high, is_percent)}")
        if value.change:
            tooltip.append(
                f"95% range of the change: {change_range(value.change, value.indicator.measure.is_percent)}. "
                f"Tested with {value.change.test} ({p_value_phrase(value.change.p_value)})."
            )
        tooltip += [f"{b.label}: {b.shown}. {b.note} Source: {b.source}" for b in value.benchmarks]
        self.setToolTip("\n".join(t for t in tooltip if t) + "\n\n" + tile_meanings(value))
        rag = RAG_WORDS[value.rag] if value.number is not None else "no figure yet"
        self.setAccessibleName(f"{value.indicator.title}: {shown_value(value)}, {rag}")

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.value.indicator.question_code:
            self.clicked.emit(self.value.indicator.question_code)
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if (
            event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space)
            and self.value.indicator.question_code
        ):
            self.clicked.emit(self.value.indicator.question_code)
            return
        super().keyPressEvent(event)


class Dashboard(QWidget):
    question_requested = Signal(str)
    settings_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        load_form("dashboard", self)
        self.tiles: list[IndicatorTile] = []
        self.charts: list[ChartView] = []
        self.indicatorSettingsButton.clicked.connect(self.settings_requested)
        self.standards = StandardsPanel(self.dashboardContents)
        self.standards.question_requested.connect(self.question_requested)
        self.standards.hide()
        self.charts_to_come = QLabel(CHARTS_TO_COME, self.dashboardContents)
        self.charts_to_come.setObjectName("chartsToCome")
        self.charts_to_come.hide()
        self.chartsLayout.addWidget(self.charts_to_come, 0, 0)
        notes_at = self.dashboardContentsLayout.indexOf(self.dashboardNote)
        self.dashboardContentsLayout.insertWidget(notes_at + 1, self.standards)
        font = self.dashboardHeading.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        font.setBold(True)
        self.dashboardHeading.setFont(font)

    def clear(self, message: str = "") -> None:
        for widget in [*self.tiles, *self.charts]:
            widget.setParent(None)
            widget.deleteLater()
        self.tiles, self.charts = [], []
        self.standards.hide()
        self.charts_to_come.hide()
        self.charts_to_come.setText(CHARTS_TO_COME)
        self.dashboardNote.setText(message)
        if message:  # nothing to show: no cycle's name above it either
            self.dashboardHeading.setText("Headline indicators")

    def show_dashboard(
        self,
        cycle_name: str,
        values: list[IndicatorValue],
        charts: list | None,
        standards: StandardsScores | None = None,
    ) -> None:
        """The tiles, and the charts under them: or, while they are still being drawn (None), a line saying so."""
        self.clear()
        if standards is not None:
            self.standards.show_scores(cycle_name, standards)
            self.standards.show()
        self.dashboardHeading.setText(f"Headline indicators, {cycle_name}")
        columns = 5
        for index, value in enumerate(values):
            tile = IndicatorTile(value, self.dashboardContents)
            tile.clicked.connect(self.question_requested)
            self.tilesLayout.addWidget(tile, index // columns, index % columns)
            self.tiles.append(tile)
        self.dashboardNote.setText(
            "Click a tile to open its question (a Standard's tile, its first statement). An arrow shows a change "
            "since last year only when it is more than "
            "chance (95% confidence); national figures are context, not targets, and say where they come from."
        )
        if charts is None:
            self.charts_to_come.show()
        else:
            self.show_charts(charts)

    def charts_failed(self) -> None:
        if not self.charts_to_come.isHidden():
            self.charts_to_come.setText(CHARTS_FAILED)

    def show_charts(self, charts: list) -> None:
        """The charts under the tiles, drawn once the tiles are on show (in place of any shown before)."""
        self.charts_to_come.hide()
        for view in self.charts:
            view.setParent(None)
            view.deleteLater()
        self.charts = []
        for index, chart in enumerate(charts, start=1):
            view = ChartView(self.dashboardContents, minimum_height=300, embedded_scroll=False)
            view.show_figure(chart.figure)
            self.chartsLayout.addWidget(view, index, 0)
            self.charts.append(view)


class IndicatorSettingsDialog(AsksBeforeDiscarding, QDialog):
    """Switch headline indicators on or off, set their red/amber/green thresholds, and choose the question each is
    taken from (the cycle's own, for a survey run outside the app)."""

    def __init__(
        self, indicators: list[Indicator], parent: QWidget | None = None, questionnaire: Questionnaire | None = None
    ):
        super().__init__(parent)
        self.setWindowTitle("Headline indicators and thresholds")
        self.indicators = indicators
        layout = QVBoxLayout(self)
        intro = QLabel(
            "Green and amber start at these values; anything else is red. "
            "Where lower is better (stress, long hours, caseload) green is at or below its value. "
            "Each indicator is taken from the question beside it: choose your survey's own question where it asked "
            "in its own words."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        grid = QGridLayout()
        for column, heading in enumerate(("Show", "Indicator", "Green from", "Amber from", "Taken from")):
            grid.addWidget(QLabel(f"<b>{heading}</b>"), 0, column)
        self.rows = []
        self.choosers: list[IndicatorQuestionChooser] = []
        for row, indicator in enumerate(indicators, start=1):
            shown = QCheckBox()
            shown.setChecked(indicator.enabled)
            shown.setAccessibleName(f"Show {indicator.title}")
            green, amber = QDoubleSpinBox(), QDoubleSpinBox()
            for box, value, name in ((green, indicator.green, "green"), (amber, indicator.amber, "amber")):
                box.setRange(0, 100 if indicator.measure.is_percent else 1000)
                box.setDecimals(0 if indicator.measure.is_percent else 1)
                box.setValue(value)
                box.setSuffix("%" if indicator.measure.is_percent else "")
                box.setAccessibleName(f"{indicator.title}: {name} threshold")
            direction = "higher is better" if indicator.higher_is_better else "lower is better"
            chooser = IndicatorQuestionChooser(indicator, questionnaire, self)
            grid.addWidget(shown, row, 0)
            grid.addWidget(QLabel(f"{indicator.title} ({direction})"), row, 1)
            grid.addWidget(green, row, 2)
            grid.addWidget(amber, row, 3)
            grid.addWidget(chooser, row, 4)
            grid.setColumnStretch(4, 1)
            self.rows.append((indicator, shown, green, amber))
            self.choosers.append(chooser)
        layout.addLayout(grid)
        self.problemLabel = QLabel("")
        self.problemLabel.setWordWrap(True)
        layout.addWidget(self.problemLabel)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.remember_as_untouched()

    def chosen(self) -> list[Indicator]:
        """The indicators as chosen; raises `InvalidInput` for a question or answers that cannot give one."""
        from dataclasses import replace

        return [
            chooser.chosen(replace(indicator, enabled=shown.isChecked(), green=green.value(), amber=amber.value()))
            for (indicator, shown, green, amber), chooser in zip(self.rows, self.choosers, strict=True)
        ]

    def accept(self) -> None:
        try:
            for indicator in self.chosen():
                check_thresholds(indicator, indicator.green, indicator.amber)
        except InvalidInput as problem:
            self.problemLabel.setText(f'<span style="color:#a4262c">{html.escape(str(problem), quote=False)}</span>')
            return
        super().accept()
