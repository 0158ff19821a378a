"""What the Findings page's tabs show, worked out off the GUI thread: the dashboard's indicators and charts, one
question in the explorer (for everyone or a group, with its breakdown), and the comments."""

from __future__ import annotations

from dataclasses import dataclass

from ..analysis.breakdowns import Breakdown
from ..analysis.indicators import IndicatorValue
from ..analysis.results import QuestionResult
from ..analysis.standard_scores import GroupStandardScores, StandardScore
from ..domain.plurals import counted
from ..domain.records import Cycle
from ..storage import HealthCheckFile


@dataclass(frozen=True)
class ExplorerResult:
    """Everything the explorer shows for one choice of question, filter and breakdown (built off the GUI thread)."""

    question_code: str
    result: QuestionResult | None
    note: str
    chart: object | None
    trend: object | None
    breakdown: Breakdown | None
    breakdown_chart: object | None


@dataclass(frozen=True)
class StandardsScores:
    """The eight Standards' scores for everyone, and for each group of every breakdown question (as the cycle's
    disclosure plan shows them), for the dashboard's tiles."""

    everyone: tuple[StandardScore, ...]
    by_group: tuple[GroupStandardScores, ...]


@dataclass(frozen=True)
class DashboardResult:
    indicators: list[IndicatorValue]
    charts: list
    standards: StandardsScores


def standards_work(hc: HealthCheckFile, cycle: Cycle) -> StandardsScores:
    from ..analysis.standard_scores import score_breakdowns, standard_scores, standard_scores_by_group
    from ..analysis.suppression import disclosure_plan

    questionnaire = hc.questionnaires.load(cycle.id)
    plan = disclosure_plan(hc, cycle.id, questionnaire)
    return StandardsScores(
        standard_scores(hc, cycle, questionnaire),
        tuple(
            standard_scores_by_group(hc, cycle, d.code, questionnaire, plan) for d in score_breakdowns(questionnaire)
        ),
    )


def dashboard_work(hc: HealthCheckFile, cycle: Cycle) -> DashboardResult:
    """Indicators, the Standards' scores and the dashboard's charts (the workforce figures by year first, when any are
    entered), built on the worker thread."""
    from ..analysis.indicators import indicator_values
    from ..outputs.charts.question_charts import dashboard_charts
    from ..outputs.charts.workforce import workforce_dashboard_chart

    workforce = workforce_dashboard_chart(hc, cycle)
    return DashboardResult(
        indicator_values(hc, cycle),
        [*([workforce] if workforce else []), *dashboard_charts(hc, cycle)],
        standards_work(hc, cycle),
    )


def explorer_work(hc: HealthCheckFile, cycle: Cycle, code: str, within, by: str | None) -> ExplorerResult:
    from ..analysis.breakdowns import breakdown, filtered_result
    from ..analysis.indicators import question_benchmarks
    from ..analysis.results import question_results
    from ..analysis.suppression import disclosure_plan
    from ..outputs.charts.question_charts import figure_for_breakdown, result_chart, trend_figure

    questionnaire = hc.questionnaires.load(cycle.id)
    plan = disclosure_plan(hc, cycle.id, questionnaire)  # one plan for everything this view shows
    if within is not None:
        filtered = filtered_result(hc, cycle.id, code, within, questionnaire, plan=plan)
        result, note = filtered.result, filtered.note
        chart = result_chart(result, cycle.name, [], filtered.label) if result is not None else None
    else:
        result = question_results(hc, cycle.id, [code], questionnaire=questionnaire, plan=plan).get(code)
        note = ""
        chart = result_chart(result, cycle.name, question_benchmarks(code, cycle.name)) if result is not None else None
    trend = trend_figure(hc, code, within)
    split = breakdown(hc, cycle.id, code, by, within, questionnaire, plan=plan) if by else None
    split_chart = figure_for_breakdown(split, cycle.name) if split is not None else None
    if split is not None and split.note:
        note = " ".join(n for n in (note, split.note) if n)
    return ExplorerResult(code, result, note, chart, trend, split, split_chart)


def comments_work(hc: HealthCheckFile, cycle: Cycle):
    from ..analysis.comments import comment_dimension, cycle_comments

    questionnaire = hc.questionnaires.load(cycle.id)
    comments = cycle_comments(hc, cycle.id, questionnaire)
    dimension = comment_dimension(questionnaire)
    minimum = hc.organisation.get().minimum_comment_group_size
    note = (
        f"{counted(len(comments), 'comment')}. A comment's {dimension.title.lower()} is shown only for groups "
        f"of at least "
        f"{counted(minimum, 'person')} (and not for any group that would let a smaller one be worked out)."
        if dimension
        else f"{counted(len(comments), 'comment')}."
    )
    return comments, hc.themes.all(), note


def comments_with_help_work(hc: HealthCheckFile, cycle: Cycle):
    """The Comments tab's comments, themes and note, with the themes suggested for them, their flags and each as
    outputs print it."""
    from ..analysis.comment_help import comment_help

    comments, themes, note = comments_work(hc, cycle)
    return comments, themes, note, comment_help(hc, comments, themes)
