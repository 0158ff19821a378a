"""Every chart of a cycle as a folder of pictures (PNG) or of drawings for print (SVG): each question's chart, its
trend over the years, % favourable by team (small teams hidden), and the workforce figures by year. The same
builders draw them as the app shows them."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from ...analysis.benchmarks import Benchmark
from ...analysis.results import QuestionResult
from ...analysis.trends import Trend
from ...domain.progress import SILENT, Progress
from ...domain.records import Cycle, Organisation
from ...figures.workforce import WorkforceTrends
from ..files import write_folder
from ..guards import require_responses

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from ...storage import HealthCheckFile

NAME_LENGTH = 60


@dataclass(frozen=True)
class QuestionCharts:
    result: QuestionResult
    benchmarks: tuple[Benchmark, ...]
    trend: Trend | None  # None unless more than one cycle asks the question
    trend_benchmarks: tuple[Benchmark, ...] = ()


@dataclass(frozen=True)
class ChartSet:
    organisation: Organisation
    cycle: Cycle
    questions: tuple[QuestionCharts, ...]
    heat_map: "Figure | None"
    workforce: WorkforceTrends


def read_chart_set(hc: "HealthCheckFile", cycle: Cycle) -> ChartSet:
    from ...analysis.indicators import question_benchmarks
    from ...analysis.results import question_results
    from ...analysis.trends import question_trend
    from ...figures.workforce import workforce_trends
    from ..charts.question_charts import heat_map_figure, trend_national_figures

    require_responses(cycle, "chart")
    questionnaire = hc.questionnaires.load(cycle.id)
    results = question_results(hc, cycle.id, questionnaire=questionnaire)
    questions = []
    for question in questionnaire.questions():
        result = results.get(question.code)
        if result is None:
            continue
        trend = question_trend(hc, question.code)
        if trend is not None and len([p for p in trend.points if p.value is not None]) < 2:
            trend = None
        questions.append(
            QuestionCharts(
                result,
                tuple(question_benchmarks(question.code, cycle.name)),
                trend,
                tuple(trend_national_figures(trend)) if trend else (),
            )
        )
    team = next((d for d in questionnaire.dimensions() if d.code == "team"), None)
    heat_map = heat_map_figure(hc, cycle, team.code) if team is not None else None
    return ChartSet(hc.organisation.get(), cycle, tuple(questions), heat_map, workforce_trends(hc, cycle))


def file_stem(number: str, title: str) -> str:
    """'06 Cases held', '19a Observation a positive experience': sorted as the questionnaire runs, safe everywhere."""
    digits = re.match(r"\d+", number)
    prefix = f"{int(digits.group()):02d}{number[digits.end() :]}" if digits else number
    words = re.sub(r"[^\w\s-]", "", title, flags=re.UNICODE)
    words = re.sub(r"\s+", " ", words).strip()[:NAME_LENGTH].strip()
    return f"{prefix} {words}".strip()


def write_charts_png(content: ChartSet, out: Path, progress: Progress = SILENT) -> Path:
    return _write_charts(content, out, "png", progress)


def write_charts_svg(content: ChartSet, out: Path, progress: Progress = SILENT) -> Path:
    return _write_charts(content, out, "svg", progress)


def _charts(content: ChartSet) -> list[tuple[str, Callable[[], "Figure | None"]]]:
    """Each chart's file name (without its ending) and how to draw it, in the order they are written."""
    from ..charts.builders import trend_chart
    from ..charts.question_charts import result_chart
    from ..charts.workforce import workforce_chart

    charts: list[tuple[str, Callable[[], Figure | None]]] = []
    for item in content.questions:
        stem = file_stem(item.result.number, item.result.question.title)
        charts.append((stem, partial(result_chart, item.result, content.cycle.name, list(item.benchmarks))))
        if item.trend is not None:
            charts.append((f"{stem} - by year", partial(trend_chart, item.trend, item.trend_benchmarks)))
    if content.heat_map is not None:
        charts.append(("Favourable by team", lambda: content.heat_map))
    if content.workforce.has_figures:
        charts.append(("Workforce figures by year", lambda: workforce_chart(content.workforce, content.cycle.name)))
    return charts


def _write_charts(content: ChartSet, out: Path, kind: str, progress: Progress) -> Path:
    from ..charts.question_charts import save_figure

    charts = _charts(content)

    def fill(folder: Path) -> None:
        for done, (stem, draw) in enumerate(charts, start=1):
            progress.step(done - 1, len(charts), f"Drawing chart {done} of {len(charts)}")
            figure = draw()
            if figure is not None:
                save_figure(figure, folder / f"{stem}.{kind}")
        progress.step(len(charts), len(charts), "Charts drawn")

    return write_folder(Path(out), fill)
