"""What the findings report for members says, read from the file in one go (so that laying it out needs no file
access): the PSW's own texts, the survey's figures over the years, the findings, each question's result with its
change since last year and its national figures, the comments the PSW chose, the dashboard and the action plan."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from ...analysis.benchmarks import Benchmark, load_benchmarks
from ...analysis.changes import change_sentence
from ...analysis.comment_help import printed_comments
from ...analysis.comments import Comment, comment_dimension, cycle_comments
from ...analysis.indicators import IndicatorValue, indicator_values, question_benchmarks
from ...analysis.intervals import Change
from ...analysis.measures import Measure, MeasureValue, compare, default_measure, evaluate
from ...analysis.results import QuestionResult, question_results
from ...analysis.standard_scores import (
    GroupStandardScores,
    StandardScore,
    score_breakdowns,
    standard_scores_with_groups,
)
from ...analysis.trends import StandardMove, measure_label
from ...domain.cycle_order import earlier_than
from ...domain.labels import FINDINGS_PAGE
from ...domain.plurals import counted
from ...domain.questionnaire import Question, Questionnaire, QuestionType
from ...domain.records import BY_SECTION, Cycle, Finding, Organisation, ReportChoices
from ...domain.standards import edition
from ...figures.workforce import WorkforceTrends, workforce_trends
from ..guards import require_responses
from ..long_text import fit_as_column_headings
from .action_plan import PlannedAction, read_action_plan

if TYPE_CHECKING:
    from ...storage import HealthCheckFile

PURPOSE, OVERVIEW, KEY_FINDINGS, COMMENTS = "purpose", "overview", "key_findings", "comments"
STANDARDS_SCORES = "standards_scores"
DASHBOARD_APPENDIX, ACTION_PLAN_APPENDIX = "appendix_dashboard", "appendix_action_plan"
OTHER_QUESTIONS = "other"


# --------------------------------------------------------------------------------------- the PSW's words


def default_purpose(organisation: Organisation, cycle: Cycle) -> str:
    return (
        f"{organisation.name} carries out a health check each year to find out how things are for its social "
        "workers: their workloads, supervision, learning and development, and whether they feel valued and listened "
        f"to. This report presents the findings of the {cycle.name} health check, with the actions that follow from "
        "them.\n\n"
        "Members are asked to note and comment on the findings, and to comment on and challenge the actions proposed "
        "to improve the health of the social work workforce."
    )


def default_background(organisation: Organisation, cycle: Cycle) -> str:
    return (
        "The Standards for Employers of Social Workers in England ask every employer to “complete, review and publish "
        "an annual health check or audit to assess whether the practice conditions and working environment of the "
        "organisation’s social work workforce are safe, effective, caring, responsive and well-led” (Standard 1).\n\n"
        "The health check is a confidential survey of every social worker, run by the Principal Social Worker. Its "
        "questions follow the Local Government Association’s health check and the eight Standards for Employers, and "
        "most are asked every year so that the results can be compared over time. The findings inform an action plan, "
        "and next year’s health check asks whether the actions have made a difference."
    )


# --------------------------------------------------------------------------------------- the parts


@dataclass(frozen=True)
class CycleFigures:
    """One year's survey, as the overview compares them."""

    name: str
    window: str
    invited: int | None
    responses: int
    rate: float | None


@dataclass(frozen=True)
class GroupCount:
    label: str
    count: int | None  # None: a group too small to show


@dataclass(frozen=True)
class Profile:
    """Who took part, by one breakdown question, small groups not shown (as the cycle's disclosure plan shows it)."""

    question: Question
    groups: tuple[GroupCount, ...]
    base: int
    hidden_total: int
    base_description: str = ""


@dataclass(frozen=True)
class QuestionReport:
    """One question's result, and what the report says about it."""

    result: QuestionResult
    measure: Measure | None  # what a change is a change in: % favourable, or the average
    now: MeasureValue | None
    previous_cycle: str | None
    before: MeasureValue | None
    change: Change | None
    previous: QuestionResult | None  # last year's result, for its per cents beside this year's
    benchmarks: tuple[Benchmark, ...]
    standard_move: str = ""  # where the question sat under another Standard last time: said beside the change

    @property
    def measure_label(self) -> str:
        return measure_label(self.measure, self.result.question.unit) if self.measure else ""


@dataclass(frozen=True)
class StatementGroup:
    """Agreement statements of a section that share their answers, reported together as councils report them: one
    chart with a bar for each statement, one table with a row for each."""

    questions: tuple[QuestionReport, ...]

    @property
    def key(self) -> str:
        return f"statements:{self.questions[0].result.question.code}"


@dataclass(frozen=True)
class ResultsSection:
    key: str
    title: str
    questions: tuple[QuestionReport, ...]

    def blocks(self) -> list[QuestionReport | StatementGroup]:
        """The section's questions as the report sets them out: statements that share their answers together, where
        the first of them is asked; every other question on its own."""

        def answers(item: QuestionReport) -> tuple[str, ...] | None:
            question = item.result.question
            if question.qtype is not QuestionType.SCALE or question.follow_up is not None or item.result.table is None:
                return None
            labels = tuple(o.label for o in question.options)
            # The shared table heads a column with each answer: a long answer is set in its own table's rows instead.
            return labels if fit_as_column_headings(labels) else None

        groups: dict[tuple[str, ...], list[QuestionReport]] = {}
        for item in self.questions:
            if answers(item) is not None:
                groups.setdefault(answers(item), []).append(item)
        blocks: list[QuestionReport | StatementGroup] = []
        for item in self.questions:
            shared = groups.get(answers(item)) if answers(item) is not None else None
            if shared is None or len(shared) < 2:
                blocks.append(item)
            elif shared[0] is item:
                blocks.append(StatementGroup(tuple(shared)))
        return blocks


@dataclass(frozen=True)
class OutlineItem:
    """A section as the app's preview lists it: its key, heading and what it holds."""

    key: str
    title: str
    detail: str
    optional: bool = True


@dataclass(frozen=True)
class FindingsReportContent:
    organisation: Organisation
    cycle: Cycle
    made_on: dt.date
    purpose: str
    background: str
    arrangement: str
    cycles: tuple[CycleFigures, ...]  # this one and those before it, oldest first
    profiles: tuple[Profile, ...]
    findings: tuple[Finding, ...]
    sections: tuple[ResultsSection, ...]
    comments: tuple[Comment, ...]
    comment_minimum: int
    comment_total: int
    indicators: tuple[IndicatorValue, ...]
    indicator_years: tuple[tuple[str, tuple[IndicatorValue, ...]], ...]  # up to three years, oldest first
    workforce: WorkforceTrends
    action_plan: tuple[PlannedAction, ...]  # as the printed action plan shows it
    question_numbers: dict[str, str]
    left_out: frozenset[str] = field(default=frozenset())
    standards: tuple[StandardScore, ...] = ()  # the eight Standards' scores for everyone, in the cycle's edition
    standards_by_group: GroupStandardScores | None = None  # by the first breakdown question (the team, as a rule)

    def standard_score(self, number: int) -> StandardScore | None:
        return next((s for s in self.standards if s.standard.number == number), None)

    @property
    def has_standards_scores(self) -> bool:
        return any(s.printed is not None for s in self.standards)

    def includes(self, key: str) -> bool:
        return key not in self.left_out


# --------------------------------------------------------------------------------------- in words


def change_words(
    change: Change | None,
    measure_is_percent: bool,
    previous_cycle: str | None,
    before: float | None,
    unit: str = "",
    higher_is_better: bool | None = None,
) -> str:
    """'Up 9 points since 2018 (from 52%): better, more than chance.' or 'No clear change since 2018 (52% then).', in
    the words every output uses (analysis/changes.py)."""
    return change_sentence(change, measure_is_percent, higher_is_better, previous_cycle, before, unit)


# --------------------------------------------------------------------------------------- comments


def reportable_comments(
    hc: "HealthCheckFile", cycle: Cycle, questionnaire: Questionnaire | None = None
) -> list[Comment]:
    """The comments that may be quoted in the report, as it prints them (names and contact details redacted,
    analysis/redaction.py): only from a group of at least the file's minimum for comments (10 by default). Where the
    survey asks for a team, that is a comment whose team is shown at that size (so not one from a small team, nor
    from a team that would let a small one be worked out, nor one with no team given); where it asks for none, the
    whole survey must have that many responses."""
    questionnaire = questionnaire or hc.questionnaires.load(cycle.id)
    minimum = hc.organisation.get().minimum_comment_group_size
    if cycle.response_count < minimum:
        return []
    comments = cycle_comments(hc, cycle.id, questionnaire)
    if comment_dimension(questionnaire) is not None:
        comments = [c for c in comments if c.group]
    printer = printed_comments(hc)
    return [replace(c, text=printer.printable(c.text)) for c in comments]


def chosen_comments(
    hc: "HealthCheckFile", cycle: Cycle, choices: ReportChoices, questionnaire: Questionnaire | None = None
) -> list[Comment]:
    """The comments the PSW chose that may still be quoted, in questionnaire order."""
    if not choices.comments:
        return []
    wanted = set(choices.comments)
    return [c for c in reportable_comments(hc, cycle, questionnaire) if c.key in wanted]


# --------------------------------------------------------------------------------------- results sections


def results_questions(questionnaire: Questionnaire, analysed: set[str]) -> list[Question]:
    """The questions the results sections report: every analysed question except the breakdowns (who took part)."""
    return [q for q in questionnaire.questions() if q.code in analysed and not q.is_dimension]


def section_plan(
    questionnaire: Questionnaire, arrangement: str, analysed: set[str]
) -> list[tuple[str, str, list[Question]]]:
    """(key, heading, questions) of each results section, in order, leaving out sections with nothing to report."""
    questions = results_questions(questionnaire, analysed)
    if arrangement == BY_SECTION:
        plan = [
            (f"section:{index}", section.title, [q for q in section.questions if q in questions])
            for index, section in enumerate(questionnaire.sections)
        ]
    else:
        plan = [
            (f"standard:{number}", standard.label, [q for q in questions if q.standard == number])
            for number, standard in questionnaire.standards.standards.items()
        ]
        plan.append((f"standard:{OTHER_QUESTIONS}", "Other questions", [q for q in questions if q.standard is None]))
    return [(key, title, chosen) for key, title, chosen in plan if chosen]


def _question_report(
    result: QuestionResult,
    previous_cycle: Cycle | None,
    previous: QuestionResult | None,
    cycle: Cycle,
    benchmarks: tuple[Benchmark, ...],
) -> QuestionReport:
    measure = default_measure(result)
    now = evaluate(measure, result) if measure else None
    before = evaluate(measure, previous) if measure and previous is not None else None
    change = compare(now, before) if now is not None and before is not None else None
    return QuestionReport(
        result,
        measure,
        now,
        previous_cycle.name if previous is not None else None,
        before,
        change,
        previous,
        tuple(question_benchmarks(result.question.code, cycle.name, benchmarks, cycle.service)),
        _standard_move(result.question, cycle, previous.question if previous is not None else None, previous_cycle),
    )


def _standard_move(question: Question, cycle: Cycle, before: Question | None, previous_cycle: Cycle | None) -> str:
    """'Filed under Standard 5: … until 2024, and under Standard 4: Wellbeing from 2025.', or ''."""
    if before is None or previous_cycle is None or before.standard is None or question.standard is None:
        return ""
    if before.standard == question.standard:
        return ""
    then, now = edition(previous_cycle.standards_edition), edition(cycle.standards_edition)
    return StandardMove(
        cycle.name, previous_cycle.name, then.label(before.standard), now.label(question.standard)
    ).sentence


# --------------------------------------------------------------------------------------- reading it all


def _cycle_figures(cycles: list[Cycle]) -> tuple[CycleFigures, ...]:
    return tuple(CycleFigures(c.name, c.window, c.staff_invited, c.response_count, c.response_rate) for c in cycles)


def _profiles(questionnaire: Questionnaire, results: dict[str, QuestionResult]) -> tuple[Profile, ...]:
    """Each breakdown question's table as `question_results` gives it: already as the disclosure plan shows it."""
    profiles = []
    for dimension in questionnaire.dimensions():
        result = results.get(dimension.code)
        if result is None or result.table is None or not result.base:
            continue
        groups = tuple(
            GroupCount(row.option.label, None if row.hidden else row.count)
            for row in result.table.rows
            if row.hidden or row.count
        )
        hidden_total = result.table.not_shown if result.table.any_hidden else 0
        profiles.append(Profile(dimension, groups, result.base, hidden_total, result.base_description))
    return tuple(profiles)


def read_findings_report(
    hc: "HealthCheckFile", cycle: Cycle, choices: ReportChoices | None = None
) -> FindingsReportContent:
    """Everything the report prints, with the PSW's stored choices (or those given)."""
    require_responses(cycle, "findings report")
    choices = choices or hc.report_choices.get(cycle.id)
    organisation = hc.organisation.get()
    questionnaire = hc.questionnaires.load(cycle.id)
    previous_cycle = hc.cycles.previous(cycle)
    results = question_results(hc, cycle.id, questionnaire=questionnaire)
    before = question_results(hc, previous_cycle.id) if previous_cycle else {}
    benchmarks = load_benchmarks()
    sections = tuple(
        ResultsSection(
            key,
            title,
            tuple(
                _question_report(results[q.code], previous_cycle, before.get(q.code), cycle, benchmarks)
                for q in questions
            ),
        )
        for key, title, questions in section_plan(questionnaire, choices.arrangement, set(results))
    )
    comments = cycle_comments(hc, cycle.id, questionnaire)
    indicators = tuple(indicator_values(hc, cycle, benchmarks))
    breakdowns = score_breakdowns(questionnaire)[:1]  # by the first breakdown question (the team, as a rule)
    standards, standards_by_group = standard_scores_with_groups(hc, cycle, [b.code for b in breakdowns], questionnaire)
    years = [(c.name, tuple(indicator_values(hc, c, benchmarks))) for c in earlier_than(hc.cycles.all(), cycle)[-2:]]
    return FindingsReportContent(
        organisation=organisation,
        cycle=cycle,
        made_on=dt.date.today(),
        purpose=choices.purpose
        if choices.purpose and choices.purpose.strip()
        else default_purpose(organisation, cycle),
        background=(
            choices.background
            if choices.background and choices.background.strip()
            else default_background(organisation, cycle)
        ),
        arrangement=choices.arrangement,
        cycles=_cycle_figures([*earlier_than(hc.cycles.all(), cycle), cycle]),
        profiles=_profiles(questionnaire, results),
        findings=tuple(hc.findings.for_cycle(cycle.id)),
        sections=sections,
        comments=tuple(chosen_comments(hc, cycle, choices, questionnaire)),
        comment_minimum=organisation.minimum_comment_group_size,
        comment_total=len(comments),
        indicators=indicators,
        indicator_years=(*years, (cycle.name, indicators)),
        workforce=workforce_trends(hc, cycle),
        action_plan=read_action_plan(hc, cycle, with_scores=False).actions,
        question_numbers=questionnaire.numbering(),
        left_out=choices.left_out,
        standards=standards,
        standards_by_group=standards_by_group[0] if standards_by_group else None,
    )


def report_outline(hc: "HealthCheckFile", cycle: Cycle, choices: ReportChoices) -> list[OutlineItem]:
    """The report's sections in order, for the app's preview of which to include."""
    questionnaire = hc.questionnaires.load(cycle.id)
    analysed = {q.code for q in questionnaire.questions() if q.qtype is not QuestionType.TEXT}
    findings = hc.findings.for_cycle(cycle.id)
    strengths = sum(1 for f in findings if f.kind.value == "strength")
    actions = hc.actions.plan_for(cycle, hc.cycles.all())
    chosen = len(chosen_comments(hc, cycle, choices, questionnaire))
    breakdowns = score_breakdowns(questionnaire)
    items = [
        OutlineItem("cover", "Cover and contents", "always included", optional=False),
        OutlineItem(PURPOSE, "Purpose and background", "in your words, or the standard wording"),
        OutlineItem(
            OVERVIEW,
            "Overview",
            "survey window, staff invited, responses, response rate over the years, who took part, workforce figures",
        ),
        OutlineItem(
            KEY_FINDINGS,
            "Key findings",
            f"{counted(strengths, 'strength')}, {len(findings) - strengths} areas for improvement (from the "
            f"{FINDINGS_PAGE} page)"
            if findings
            else "no findings written yet",
        ),
    ]
    items.append(
        OutlineItem(
            STANDARDS_SCORES,
            "Standards scores",
            "each Standard's score out of 100, its band and change"
            + (f", for everyone and by {breakdowns[0].title.lower()}" if breakdowns else ""),
        )
    )
    for key, title, questions in section_plan(questionnaire, choices.arrangement, analysed):
        items.append(OutlineItem(key, title, f"{counted(len(questions), 'question')}: chart and table of each"))
    items.append(
        OutlineItem(
            COMMENTS,
            "What staff said",
            f"{counted(chosen, 'comment')} chosen" if chosen else "no comments chosen: the section is left out",
        )
    )
    items.append(OutlineItem(DASHBOARD_APPENDIX, "Appendix A: dashboard", "the headline indicators on one page"))
    items.append(
        OutlineItem(
            ACTION_PLAN_APPENDIX,
            "Appendix B: action plan",
            f"{counted(len(actions), 'action')}, by Standard",
        )
    )
    return items
