"""The right chart for a question, a breakdown or the dashboard, with the national figure beside the council's;
and saving charts."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from matplotlib.figure import Figure

from ...analysis.benchmarks import Benchmark, cycle_year, load_benchmarks
from ...analysis.breakdowns import Breakdown, GroupFilter, breakdown, one_way_breakdown
from ...analysis.indicators import DEFAULT_INDICATORS, ResultsOf, fresh_results, question_benchmarks
from ...analysis.results import QuestionResult, grouped_results, question_results
from ...analysis.scales import summarise_scale
from ...analysis.trends import CycleResults, Trend, question_trend
from ...domain.cycle_order import earlier_than
from ...domain.errors import InvalidInput
from ...domain.questionnaire import QuestionType
from ...domain.records import Cycle, Service
from ...storage import HealthCheckFile
from ..files import Inputs, refuse_replacing_an_input, write_file
from .builders import (
    DivergingRow,
    HeatCell,
    benchmark_notes,
    breakdown_chart,
    diverging_bars,
    heat_map,
    number_histogram,
    option_bars,
    trend_chart,
)

CONTRACTED_HOURS = 37  # the standard full-time week the LGA's "hours over contract" figure is added to


def _title(result: QuestionResult, cycle_name: str, within: str = "") -> str:
    scope = f", {within}" if within else ""
    return f"{result.number}. {result.question.title} ({cycle_name}{scope})"


def result_chart(
    result: QuestionResult, cycle_name: str, benchmarks: list[Benchmark], within: str = "", title: str | None = None
) -> Figure:
    """The chart for one question's result: diverging bars for scales, bars for choices, a histogram for numbers."""
    title = title or _title(result, cycle_name, within)
    notes = benchmark_notes(benchmarks)
    if result.numbers is not None:
        lines = []
        for benchmark in benchmarks:
            if benchmark.indicator == "hours_over_contract":
                lines.append(
                    (
                        f"LGA 2018: {CONTRACTED_HOURS}-hour contract + {benchmark.value:g}",
                        CONTRACTED_HOURS + benchmark.value,
                    )
                )
            elif benchmark.unit != "%":
                lines.append((benchmark.label, benchmark.value))
        return number_histogram(title, result, lines, notes)
    table = result.table
    assert table is not None
    if result.question.qtype is QuestionType.SCALE and result.scale is not None:
        return diverging_bars(title, [DivergingRow(cycle_name, table)], table.base_description, notes)
    return option_bars(title, table, notes)


def question_chart(hc: HealthCheckFile, cycle: Cycle, question_code: str, within: GroupFilter | None = None) -> Figure:
    """The chart `swhc chart` draws and the explorer shows."""
    from ...analysis.breakdowns import filtered_result, find_question

    questionnaire = hc.questionnaires.load(cycle.id)
    question = find_question(questionnaire, question_code)
    if question.qtype is QuestionType.TEXT:
        raise InvalidInput(
            f"'{question_code}' is a free-text question, so it has no chart.",
            "See its comments and themes on the Comments tab instead.",
        )
    if within is not None:
        filtered = filtered_result(hc, cycle.id, question_code, within, questionnaire)
        if filtered.hidden or filtered.result is None:
            raise InvalidInput(
                filtered.note or "Nobody in this group answered.", "Choose a larger group, or no filter."
            )
        return result_chart(filtered.result, cycle.name, [], filtered.label)
    result = question_results(hc, cycle.id, [question_code], questionnaire=questionnaire)[question_code]
    return result_chart(result, cycle.name, question_benchmarks(question_code, cycle.name, service=cycle.service))


def breakdown_figure(
    hc: HealthCheckFile, cycle: Cycle, question_code: str, dimension_code: str, within: GroupFilter | None = None
) -> Figure:
    result = breakdown(hc, cycle.id, question_code, dimension_code, within)
    return figure_for_breakdown(result, cycle.name)


def figure_for_breakdown(result: Breakdown, cycle_name: str) -> Figure:
    scope = f", {result.within_label}" if result.within_label else ""
    title = f"{result.question.title} by {result.dimension.title.lower()} ({cycle_name}{scope})"
    return breakdown_chart(title, result)


def trend_figure(
    hc: HealthCheckFile, question_code: str, within: GroupFilter | None = None, results: CycleResults | None = None
) -> Figure | None:
    trend = question_trend(hc, question_code, within=within, results=results)
    if trend is None or len(trend.points) < 1:
        return None
    service = hc.cycles.all()[-1].service
    return trend_chart(trend, trend_national_figures(trend, service=service) if within is None else [])


def trend_national_figures(
    trend: Trend, benchmarks: tuple[Benchmark, ...] | None = None, service: Service = Service.CHILDREN
) -> list[Benchmark]:
    """The national figures a question's trend can show beside it, year by year: the service's own, and only those
    meant for the trend's years (not the 2018 employer return beside 2023 to 2025)."""
    benchmarks = load_benchmarks() if benchmarks is None else benchmarks
    keys = [i.key for i in DEFAULT_INDICATORS if i.question_code == trend.question_code]
    years = {cycle_year(p.cycle_name) for p in trend.points}
    national = [
        b
        for b in benchmarks
        if b.indicator in keys and b.service == service and (not b.cycle_years or years & set(b.cycle_years))
    ]
    if trend.measure.kind.value == "favourable":
        national = [b for b in national if b.indicator != "stressed"]  # that figure is % agreeing, not % favourable
    return national


def heat_map_figure(hc: HealthCheckFile, cycle: Cycle, dimension_code: str = "team") -> Figure:
    """% favourable on every agreement question by group, hidden groups marked (the same rule as every table)."""
    questionnaire = hc.questionnaires.load(cycle.id)
    by = questionnaire.find(dimension_code)
    if by is None or not by.is_dimension:
        raise InvalidInput(f"'{dimension_code}' is not a breakdown question in {cycle.name}.")
    from ...analysis.suppression import disclosure_plan

    questions = [q for q in questionnaire.questions() if q.qtype is QuestionType.SCALE]
    results = grouped_results(hc, cycle.id, (by.id,), [q.code for q in questions], questionnaire=questionnaire)
    plan = disclosure_plan(hc, cycle.id, questionnaire)
    minimum = plan.minimum
    rows, cells = [], []
    columns = list(by.options)
    for question in questions:
        row = []
        for group in one_way_breakdown(question, by, results.get(question.code, {}), plan).groups:
            result = group.result
            scale = summarise_scale(result.table) if result and result.table and result.base else None
            row.append(HeatCell(scale.favourable.percent if scale else None, group.hidden))
        rows.append(question.title)
        cells.append(row)
    keep = [
        j
        for j, option in enumerate(columns)
        if any(cells[i][j].hidden or cells[i][j].percent is not None for i in range(len(rows)))
    ]
    base = (
        f"Base: all who answered each statement, by {by.title.lower()}. Groups of fewer than {minimum} are hidden, "
        "with any other group that would let one be worked out."
    )
    return heat_map(
        f"% favourable by {by.title.lower()} ({cycle.name})",
        rows,
        [columns[j].label for j in keep],
        [[row[j] for j in keep] for row in cells],
        base,
    )


@dataclass(frozen=True)
class DashboardChart:
    key: str
    question_code: str
    figure: Figure


DASHBOARD_QUESTIONS = ("stressed", "caseload_manageable", "supervision_frequency", "caseload")


def dashboard_charts(hc: HealthCheckFile, cycle: Cycle, results: ResultsOf | None = None) -> list[DashboardChart]:
    """Stress, caseload and supervision, as the dashboard shows them: each year side by side where it helps
    (`results`: where the questions' results come from, when the caller has them already)."""
    benchmarks = load_benchmarks()
    charts = []
    cycles = [*earlier_than(hc.cycles.all(), cycle)[-2:], cycle]
    read = results or fresh_results(hc)
    by_cycle = {each.id: read(each.id, DASHBOARD_QUESTIONS) for each in cycles}
    for key, code, title in (
        ("stressed", "stressed", "Feeling stressed by the job"),
        ("caseload_manageable", "caseload_manageable", "How manageable caseloads are"),
        ("supervision", "supervision_frequency", "How often supervision happens"),
    ):
        rows, bases = [], []
        for each in cycles:
            result = by_cycle[each.id].get(code)
            if result is not None and result.table is not None:
                rows.append(DivergingRow(each.name, result.table))
                bases.append(f"{each.name}: {result.base}")
        if rows:
            notes = benchmark_notes(question_benchmarks(code, cycle.name, benchmarks, cycle.service))
            charts.append(
                DashboardChart(
                    key, code, diverging_bars(title, rows, f"Base: all who answered ({'; '.join(bases)})", notes)
                )
            )
    caseload = by_cycle[cycle.id].get("caseload")
    if caseload is not None:
        charts.append(
            DashboardChart(
                "caseload",
                "caseload",
                result_chart(
                    caseload,
                    cycle.name,
                    question_benchmarks("caseload", cycle.name, benchmarks, cycle.service),
                    # titled as the dashboard's other charts are, not numbered as in the questionnaire
                    title=f"{caseload.question.title} ({cycle.name})",
                ),
            )
        )
    return charts


def save_figure(figure: Figure, path: Path) -> Path:
    """Write a chart as PNG or SVG (by the file's extension), A4-report quality."""
    path = Path(path)
    refuse_replacing_an_input(path, Inputs())  # a health-check file is refused as such, whatever its name ends in
    kind = path.suffix.lower().lstrip(".")
    if kind not in ("png", "svg"):
        raise InvalidInput(
            f"{path.name} does not end in .png or .svg.", "Name the file with .png (a picture) or .svg (for print)."
        )
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    if figure.canvas is None or not hasattr(figure.canvas, "print_figure"):
        FigureCanvasAgg(figure)
    # Built beside the target and moved into place whole, so a failure never leaves half a picture.
    return write_file(path, lambda building: figure.savefig(building, format=kind, dpi=150, facecolor="white"))
