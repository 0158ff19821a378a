"""The question explorer: any question's chart, table (bases and intervals), trend and breakdown,
for everyone or one group."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHeaderView, QListWidgetItem, QTableWidgetItem, QWidget

from ...analysis.breakdowns import GroupFilter
from ...analysis.frequencies import whole_percent
from ...analysis.results import QuestionResult
from ...domain.questionnaire import Questionnaire, QuestionType
from ...domain.rounding import number_text, percent_text
from ...domain.titles import question_titles
from ...screens.figure_words import BASE, FAVOURABLE, INTERVAL, SMALL_GROUPS, explained
from ...screens.findings import ExplorerResult
from ..common.chart_view import ChartView
from ..common.forms import load_form

CODE_ROLE = Qt.ItemDataRole.UserRole + 1


def interval_text(interval: tuple[float, float] | None) -> str:
    return "" if interval is None else f"{percent_text(interval[0])} to {percent_text(interval[1])}"


def table_rows(result: QuestionResult) -> list[list[str]]:
    """The table as the PSW reads it: each answer's count, per cent and 95% interval; numbers with their bands."""
    if result.numbers is not None:
        summary = result.numbers
        if not summary.n:
            return [["Nobody gave a number", "", "", ""]]
        low_high = summary.mean_interval
        rows = [
            ["Number who answered (n)", str(summary.n), "", ""],
            [
                "Average (mean)",
                number_text(summary.mean),
                "",
                "" if low_high is None else f"{number_text(low_high[0])} to {number_text(low_high[1])}",
            ],
            ["Median", number_text(summary.median), "", ""],
            [
                "Lower and upper quartiles",
                f"{number_text(summary.lower_quartile)} and {number_text(summary.upper_quartile)}",
                "",
                "",
            ],
        ]
        rows += [
            [
                f"Band: {b.band.label}",
                str(b.count),
                whole_percent(b.proportion.percent),
                interval_text(b.proportion.interval),
            ]
            for b in summary.bands
        ]
        return rows
    assert result.table is not None
    rows = [
        [
            r.option.label + ("" if r.in_base else " (not in the base)"),
            "Not shown" if r.hidden else str(r.count),
            "" if r.hidden else whole_percent(r.percent),
            interval_text(r.interval),
        ]
        for r in result.table.rows
    ]
    if result.table.any_hidden and result.table.not_shown:
        rows.append(
            [
                "Not shown (groups too small to show, together)",
                str(result.table.not_shown),
                whole_percent(100 * result.table.not_shown / result.table.base),
                "",
            ]
        )
    if result.scale is not None:
        scale = result.scale
        for name, proportion in (
            ("Favourable", scale.favourable),
            ("Neutral", scale.neutral),
            ("Unfavourable", scale.unfavourable),
        ):
            rows.append(
                [
                    f"All {name.lower()}",
                    str(proportion.count),
                    whole_percent(proportion.percent),
                    interval_text(proportion.interval),
                ]
            )
        if scale.mean_score is not None:
            rows.append(
                [
                    f"Mean score (out of 100, of the {scale.scored} who gave a scored answer)",
                    number_text(scale.mean_score, 0),
                    "",
                    "",
                ]
            )
    return rows


# What each column of the results table is, in the words of the user guide.
HEADER_TIPS = (
    "The answer, as the question offers it. 'Not in the base' answers (such as 'Don't know') are counted but left "
    "out of the per cents.",
    "The number of people who gave the answer.",
    f"The per cent of the base who gave the answer, rounded to a whole number.\n\n{BASE.meaning}",
    INTERVAL.meaning,
)


def row_tip(cells: list[str]) -> str:
    """What a row of the results table is, when it is more than an answer's own count."""
    answer = cells[0]
    if answer.startswith("Not shown") or "Not shown" in cells:
        return SMALL_GROUPS.meaning
    if answer.startswith("All "):
        return explained(FAVOURABLE, INTERVAL)
    return ""


class QuestionExplorer(QWidget):
    refresh_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        load_form("question_explorer", self)
        self.chart_view = ChartView(self.chartTab)
        self.chartTabLayout.addWidget(self.chart_view)
        self.trend_view = ChartView(self.trendTab)
        self.trendTabLayout.addWidget(self.trend_view)
        self.breakdown_view = ChartView(self.breakdownTab)
        self.breakdownTabLayout.addWidget(self.breakdown_view)
        self.views = {"chart": self.chart_view, "trend": self.trend_view, "breakdown": self.breakdown_view}
        self._tabs = {"chart": self.chartTab, "trend": self.trendTab, "breakdown": self.breakdownTab}
        self._view_shows: dict[str, tuple | None] = dict.fromkeys(self.views)  # the choice each chart is drawn for
        self.explorerSplitter.setSizes([260, 740])
        # A long title is wrapped, never cut: two statements of a matrix may differ at the start, in the middle or at
        # the end, and the list is narrow.
        self.questionList.setWordWrap(True)
        self.questionList.setUniformItemSizes(False)
        self.questionList.setSpacing(2)  # wrapped titles stay apart
        self.resultTable.setColumnCount(4)
        self.resultTable.setHorizontalHeaderLabels(["Answer", "Number", "Per cent", "95% range"])
        for column, tip in enumerate(HEADER_TIPS):
            self.resultTable.horizontalHeaderItem(column).setToolTip(tip)
        self.tableBaseLabel.setToolTip(BASE.meaning)
        self.resultTable.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.resultTable.verticalHeader().setVisible(False)
        self.questionFilterEdit.textChanged.connect(self._filter_questions)
        self.questionList.currentItemChanged.connect(lambda *_: self.refresh_requested.emit())
        self.filterCombo.currentIndexChanged.connect(lambda *_: self.refresh_requested.emit())
        self.breakdownCombo.currentIndexChanged.connect(lambda *_: self.refresh_requested.emit())
        self.resultTabs.currentChanged.connect(self._tab_shown)
        self.questionnaire: Questionnaire | None = None

    # ------------------------------------------------------------------ choices

    def set_questionnaire(self, questionnaire: Questionnaire | None) -> None:
        """Fill the question list and the filter and breakdown choices, keeping the choices where they still exist."""
        current = self.current_code()
        current_filter, current_breakdown = self.filterCombo.currentData(), self.breakdownCombo.currentData()
        self.questionnaire = questionnaire
        for widget in (self.questionList, self.filterCombo, self.breakdownCombo):
            widget.blockSignals(True)
        self.questionList.clear()
        self.filterCombo.clear()
        self.breakdownCombo.clear()
        if questionnaire is not None:
            numbers = questionnaire.numbering()
            # A matrix's statements are told apart by their ends, which the list keeps when it elides in the middle.
            titles = question_titles(questionnaire.questions(), short=True)
            for question in questionnaire.questions():
                if question.qtype is QuestionType.TEXT:
                    continue
                item = QListWidgetItem(f"{numbers[question.code]}. {titles[question.code]}")
                item.setData(CODE_ROLE, question.code)
                item.setToolTip(f"{question.text}\nCode: {question.code}")
                self.questionList.addItem(item)
            self.filterCombo.addItem("Everyone", None)
            self.breakdownCombo.addItem("Nothing", None)
            for dimension in questionnaire.dimensions():
                self.breakdownCombo.addItem(dimension.title, dimension.code)
                for option in dimension.options:
                    self.filterCombo.addItem(f"{dimension.title}: {option.label}", f"{dimension.code}:{option.code}")
        for widget in (self.questionList, self.filterCombo, self.breakdownCombo):
            widget.blockSignals(False)
        self._restore(current, current_filter, current_breakdown)

    def _restore(self, code, filter_data, breakdown_data) -> None:
        for combo, data in ((self.filterCombo, filter_data), (self.breakdownCombo, breakdown_data)):
            index = combo.findData(data)
            combo.blockSignals(True)
            combo.setCurrentIndex(max(index, 0))
            combo.blockSignals(False)
        if not self.select_question(code or "") and self.questionList.count():
            self.questionList.setCurrentRow(0)

    def select_question(self, code: str) -> bool:
        for row in range(self.questionList.count()):
            if self.questionList.item(row).data(CODE_ROLE) == code:
                self.questionList.setCurrentRow(row)
                return True
        return False

    def current_code(self) -> str | None:
        item = self.questionList.currentItem()
        return item.data(CODE_ROLE) if item else None

    def current_filter(self) -> GroupFilter | None:
        data = self.filterCombo.currentData()
        return GroupFilter(*data.split(":", 1)) if data else None

    def current_breakdown(self) -> str | None:
        return self.breakdownCombo.currentData()

    def charts_wanted(self) -> frozenset[str]:
        """The chart on show, when it is not drawn for the current choice yet: a chart is built only when it can be
        seen, and the others when their tabs are shown."""
        choice = (self.current_code(), self.current_filter(), self.current_breakdown())
        return frozenset(
            name
            for name, tab in self._tabs.items()
            if self.resultTabs.currentWidget() is tab and self._view_shows[name] != chart_key(name, *choice)
        )

    def forget_charts(self) -> None:
        """The file or the cycle shown has changed: every chart is drawn again, whatever its choice."""
        self._view_shows = dict.fromkeys(self.views)

    def _tab_shown(self) -> None:
        if self.current_code() is not None and self.charts_wanted():
            self.refresh_requested.emit()

    def _filter_questions(self, text: str) -> None:
        words = text.casefold().split()
        for row in range(self.questionList.count()):
            item = self.questionList.item(row)
            haystack = f"{item.text()} {item.data(CODE_ROLE)}".casefold()
            item.setHidden(not all(w in haystack for w in words))

    # ------------------------------------------------------------------ results

    def show_result(self, shown: ExplorerResult) -> None:
        self.explorerNote.setText(shown.note)
        if shown.result is None:
            self.resultTable.setRowCount(0)
            self.tableBaseLabel.setText("")
        else:
            self._show_table(shown.result)
        for name, view in self.views.items():
            drawn_for = chart_key(name, shown.question_code, shown.within, shown.by)
            if name in shown.drawn:
                self._show_chart(name, shown)
                self._view_shows[name] = drawn_for
            elif self._view_shows[name] != drawn_for:  # drawn when its tab is shown
                view.show_figure(None, "Drawing the chart…")
                self._view_shows[name] = None

    def _show_chart(self, name: str, shown: ExplorerResult) -> None:
        if name == "chart":
            if shown.result is None:
                self.chart_view.show_figure(None, shown.note or "Nothing to show.")
            else:
                self.chart_view.show_figure(shown.chart)
        elif name == "trend":
            self.trend_view.show_figure(shown.trend, "This question has no earlier years to compare with.")
        elif shown.breakdown_chart is None:
            self.breakdown_view.show_figure(None, "Choose something to break the results down by, above.")
        else:
            self.breakdown_view.show_figure(shown.breakdown_chart)

    def _show_table(self, result: QuestionResult) -> None:
        rows = table_rows(result)
        self.resultTable.setRowCount(len(rows))
        for r, cells in enumerate(rows):
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(row_tip(cells))
                if c:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.resultTable.setItem(r, c, item)
        self.resultTable.resizeColumnsToContents()
        self.resultTable.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        multi = result.question.qtype is QuestionType.MULTI
        self.tableBaseLabel.setText(
            result.base_description
            + ("" if multi else ". Per cents are rounded to whole numbers, so they may not add to exactly 100")
        )


def chart_key(name: str, code: str | None, within: GroupFilter | None, by: str | None) -> tuple:
    """The choice a chart depends on: the question's chart and trend on the question and the filter, the breakdown's
    chart on the breakdown too."""
    return (code, within, by) if name == "breakdown" else (code, within)
