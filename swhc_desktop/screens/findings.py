"""What the Findings page's tabs show, worked out off the GUI thread: the dashboard's indicators and charts, one
question in the explorer (for everyone or a group, with its breakdown), and the comments."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from ..analysis.breakdowns import Breakdown, GroupFilter
from ..analysis.indicators import IndicatorValue
from ..analysis.results import QuestionResult
from ..analysis.standard_scores import GroupStandardScores, StandardScore
from ..domain.plurals import counted
from ..domain.records import Cycle
from ..storage import HealthCheckFile
from .explorer_memory import ExplorerMemory

EXPLORER_CHARTS = frozenset({"chart", "trend", "breakdown"})  # the explorer's tabs that hold a chart


@dataclass(frozen=True)
class ExplorerResult:
    """Everything the explorer shows for one choice of question, filter and breakdown (built off the GUI thread).
    `drawn` names the charts worked out for it; a chart not among them is None only because it was not asked for."""

    question_code: str
    result: QuestionResult | None
    note: str
    chart: object | None
    trend: object | None
    breakdown: Breakdown | None
    breakdown_chart: object | None
    within: GroupFilter | None = None
    by: str | None = None
    drawn: frozenset[str] = EXPLORER_CHARTS


@dataclass(frozen=True)
class StandardsScores:
    """The eight Standards' scores for everyone, and for each group of every breakdown question (as the cycle's
    disclosure plan shows them), for the dashboard's tiles. `by_group` is None while the groups' scores are still to
    come (`dashboard_rest_work`)."""

    everyone: tuple[StandardScore, ...]
    by_group: tuple[GroupStandardScores, ...] | None


@dataclass(frozen=True)
class DashboardResult:
    """The dashboard: its headline indicators, the Standards scores and its charts. As the page first shows it, the
    charts (below the tiles) and each group's scores (shown only when a group is chosen) are None, still to come."""

    indicators: list[IndicatorValue]
    charts: list | None
    standards: StandardsScores
    read: "_ResultsReadOnce | None" = None  # the headline questions' results, read for the indicators and charts


@dataclass(frozen=True)
class DashboardRest:
    """What the dashboard shows once its tiles are on show: its charts and each group's Standards scores."""

    charts: list
    by_group: tuple[GroupStandardScores, ...]


def standards_work(hc: HealthCheckFile, cycle: Cycle) -> StandardsScores:
    """Everyone's Standards' scores and every group's, from one read of each cycle's answers."""
    everyone, by_group = _scores_with_groups(hc, cycle)
    for score in everyone:
        _ = score.change  # everyone's, shown first, worked out here rather than when the tiles are drawn
    return StandardsScores(everyone, by_group)


def _scores_with_groups(
    hc: HealthCheckFile, cycle: Cycle
) -> tuple[tuple[StandardScore, ...], tuple[GroupStandardScores, ...]]:
    from ..analysis.standard_scores import score_breakdowns, standard_scores_with_groups

    questionnaire = hc.questionnaires.load(cycle.id)
    breakdowns = [d.code for d in score_breakdowns(questionnaire)]
    return standard_scores_with_groups(hc, cycle, breakdowns, questionnaire)


def dashboard_tiles_work(hc: HealthCheckFile, cycle: Cycle) -> DashboardResult:
    """What the dashboard shows first, built on the worker thread: the headline indicators and everyone's Standards
    scores, the tiles at the top of the page. Its charts, further down, and each group's Standards scores, which need
    each cycle's breakdown answers and disclosure plan besides and are shown only when a group is chosen, follow
    (`dashboard_rest_work`) rather than keep the PSW waiting."""
    from ..analysis.indicators import indicator_questions, indicator_values
    from ..analysis.standard_scores import score_breakdowns, standard_scores
    from ..outputs.charts.question_charts import DASHBOARD_QUESTIONS

    questionnaire = hc.questionnaires.load(cycle.id)
    everyone = standard_scores(hc, cycle, questionnaire)
    for score in everyone:
        _ = score.change  # worked out here rather than when the tiles are drawn
    read = _ResultsReadOnce(hc, [*indicator_questions(hc), *DASHBOARD_QUESTIONS])
    groups_to_come = bool(score_breakdowns(questionnaire))
    return DashboardResult(
        indicator_values(hc, cycle, results=read),
        None,
        StandardsScores(everyone, None if groups_to_come else ()),
        read,
    )


def dashboard_rest_work(hc: HealthCheckFile, cycle: Cycle, tiles: DashboardResult) -> DashboardRest:
    """The dashboard's charts (the workforce figures by year first, when any are entered), from the results its tiles
    read, and each group's Standards scores (none to work out when the tiles found no breakdown question)."""
    from ..outputs.charts.question_charts import DASHBOARD_QUESTIONS, dashboard_charts
    from ..outputs.charts.workforce import workforce_dashboard_chart

    workforce = workforce_dashboard_chart(hc, cycle)
    read = tiles.read or _ResultsReadOnce(hc, DASHBOARD_QUESTIONS)
    charts = [*([workforce] if workforce else []), *dashboard_charts(hc, cycle, read)]
    by_group = tiles.standards.by_group
    if by_group is None:  # everyone's come with them, from the same read, but are on show already
        by_group = _scores_with_groups(hc, cycle)[1]
    return DashboardRest(charts, by_group)


def dashboard_work(hc: HealthCheckFile, cycle: Cycle) -> DashboardResult:
    """The whole dashboard at once: its tiles, then its charts and each group's Standards scores (as the page shows
    them, one after the other)."""
    tiles = dashboard_tiles_work(hc, cycle)
    rest = dashboard_rest_work(hc, cycle, tiles)
    return DashboardResult(tiles.indicators, rest.charts, StandardsScores(tiles.standards.everyone, rest.by_group))


class _ResultsReadOnce:
    """The results of the dashboard's questions (its indicators' and its charts'), each cycle's read once for them
    all: the indicators and the charts ask for the same questions of the same cycles."""

    def __init__(self, hc: HealthCheckFile, codes: Sequence[str]):
        self.hc = hc
        self.codes = list(dict.fromkeys(codes))
        self.read: dict[int, dict[str, QuestionResult]] = {}

    def __call__(self, cycle_id: int, codes: Sequence[str]) -> dict[str, QuestionResult]:
        from ..analysis.results import question_results

        if cycle_id not in self.read:
            self.read[cycle_id] = question_results(self.hc, cycle_id, self.codes)
        wanted = set(codes)
        if not wanted <= set(self.codes):  # a question not foreseen: read afresh, as asked
            return question_results(self.hc, cycle_id, list(codes))
        return {code: result for code, result in self.read[cycle_id].items() if code in wanted}


def explorer_work(
    hc: HealthCheckFile,
    cycle: Cycle,
    code: str,
    within: GroupFilter | None,
    by: str | None,
    memory: ExplorerMemory | None = None,
    charts: Collection[str] = EXPLORER_CHARTS,
) -> ExplorerResult:
    """What the explorer shows for a question (for everyone or a group, broken down or not), with only the `charts`
    asked for built: the page asks for the one on show, and for each other when its tab is shown. `memory` keeps
    what was worked out for the page's earlier choices, so a change works out only what it has not seen."""
    from ..analysis.indicators import question_benchmarks
    from ..outputs.charts.question_charts import figure_for_breakdown, result_chart, trend_figure

    memory = memory or ExplorerMemory(hc)
    note = ""
    if within is not None:
        filtered = memory.filtered(cycle.id, code, within)
        result, note = filtered.result, filtered.note
        benchmarks, scope = [], filtered.label
    else:
        result = memory.result(cycle.id, code)
        benchmarks, scope = (question_benchmarks(code, cycle.name) if "chart" in charts else []), ""
    chart = result_chart(result, cycle.name, benchmarks, scope) if result is not None and "chart" in charts else None
    trend = trend_figure(hc, code, within, memory) if "trend" in charts else None
    split = memory.breakdown(cycle.id, code, by, within) if by else None
    split_chart = figure_for_breakdown(split, cycle.name) if split is not None and "breakdown" in charts else None
    if split is not None and split.note:
        note = " ".join(n for n in (note, split.note) if n)
    drawn = {*charts, *(["chart"] if result is None else []), *(["breakdown"] if split is None else [])}
    return ExplorerResult(code, result, note, chart, trend, split, split_chart, within, by, frozenset(drawn))


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
