"""Headline indicators: the figures the PSW and the management team watch each year, with red/amber/green thresholds.

The defaults follow the staff survey template and what councils report (Wolverhampton's 2019 health check,
Worcestershire's items tracked since 2017). The PSW can switch any off, set its thresholds, and point it at the
council's own question (and the answers it counts) when the survey was run outside the app; those choices are kept in
the file's settings, so each council's file carries its own.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace

from ..domain.errors import Advice, InvalidInput
from ..domain.labels import EDIT_CYCLE_BUTTON, INDICATORS_BUTTON
from ..domain.questionnaire import Polarity, Question, Questionnaire, QuestionType
from ..domain.records import Cycle, Rag, Service
from ..domain.rounding import printed_figure
from ..storage import HealthCheckFile
from .benchmarks import Benchmark, benchmarks_for, load_benchmarks
from .intervals import Change, Proportion, compare_proportions
from .measures import Measure, MeasureKind, MeasureValue, compare, evaluate
from .results import QuestionResult, question_results

# A cycle's results of the questions named (by cycle id, then the questions' codes), by question code.
ResultsOf = Callable[[int, Sequence[str]], Mapping[str, QuestionResult]]

SETTINGS_KEY = "indicators"
RESPONSE_RATE = "response_rate"
AVERAGE_CASELOAD = "average_caseload"


@dataclass(frozen=True)
class Indicator:
    key: str
    title: str
    question_code: str  # empty for the response rate
    measure: Measure
    counts: str  # what is counted, in words
    higher_is_better: bool
    green: float  # green at or beyond this (above if higher is better, below if not)
    amber: float  # amber at or beyond this; red otherwise
    enabled: bool = True

    @property
    def unit(self) -> str:
        return "%" if self.measure.is_percent else " cases" if self.key == AVERAGE_CASELOAD else ""

    def rag(self, value: float | None) -> Rag | None:
        """Red, amber or green for the figure as it is printed (a whole per cent, or one decimal place), so that a
        reader never sees 10% marked amber against a green of 'up to 10%'."""
        if value is None:
            return None
        printed = printed_figure(value, self.measure.is_percent)
        better = (lambda a, b: a >= b) if self.higher_is_better else (lambda a, b: a <= b)
        if better(printed, self.green):
            return Rag.GREEN
        if better(printed, self.amber):
            return Rag.AMBER
        return Rag.RED


def _share(codes: str) -> Measure:
    return Measure(MeasureKind.SHARE, tuple(codes.split()))


AGREE = "strongly_agree agree"
DEFAULT_INDICATORS: tuple[Indicator, ...] = (
    Indicator(
        RESPONSE_RATE, "Response rate", "", Measure(MeasureKind.SHARE), "staff invited who responded", True, 60, 40
    ),
    Indicator(
        "caseload_manageable",
        "Caseload manageable",
        "caseload_manageable",
        _share("completely mostly"),
        "completely or mostly manageable",
        True,
        70,
        50,
    ),
    Indicator(
        "stressed",
        "Feeling stressed",
        "stressed",
        _share(AGREE),
        "agree they feel stressed by their job",
        False,
        30,
        50,
    ),
    Indicator(
        "monthly_supervision",
        "Supervision at least monthly",
        "supervision_frequency",
        _share("weekly fortnightly monthly"),
        "line-management supervision monthly or more often",
        True,
        90,
        70,
    ),
    Indicator(
        "supervision_satisfied",
        "Satisfied with supervision",
        "supervision_quality",
        _share("very_satisfied satisfied"),
        "very satisfied or satisfied with its quality",
        True,
        75,
        60,
    ),
    Indicator(
        "long_hours",
        "Working 48 hours or more",
        "hours_worked",
        Measure(MeasureKind.AT_LEAST, threshold=48),
        "work 48 hours or more in a typical week",
        False,
        10,
        20,
    ),
    Indicator(
        AVERAGE_CASELOAD,
        "Average caseload",
        "caseload",
        Measure(MeasureKind.MEAN),
        "average cases held",
        False,
        17,
        20,
    ),
    Indicator(
        "observed_practice",
        "Practice observed",
        "observed_practice",
        _share("yes"),
        "practice observed in the last 12 months",
        True,
        75,
        50,
    ),
    Indicator(
        "valued", "Feeling valued", "valued", _share(AGREE), "agree they feel valued in their work", True, 70, 50
    ),
    Indicator(
        "intend_to_stay",
        "Intending to stay 12 months",
        "intend_to_stay",
        _share("yes"),
        "intend to stay for the next 12 months",
        True,
        80,
        65,
    ),
)


DEFAULTS_BY_KEY = {indicator.key: indicator for indicator in DEFAULT_INDICATORS}


def load_indicators(hc: HealthCheckFile) -> list[Indicator]:
    """The defaults, with the PSW's thresholds and choices from the file laid over them."""
    stored = hc.settings.get(SETTINGS_KEY, {})
    stored = stored if isinstance(stored, dict) else {}
    indicators = []
    for indicator in DEFAULT_INDICATORS:
        choice = stored.get(indicator.key, {})
        try:
            indicator = replace(
                indicator,
                green=float(choice.get("green", indicator.green)),
                amber=float(choice.get("amber", indicator.amber)),
                enabled=bool(choice.get("enabled", indicator.enabled)),
            )
        except (TypeError, ValueError, AttributeError):
            pass  # a hand-edited setting that cannot be read leaves the default in place
        indicators.append(_with_stored_question(indicator, choice))
    return indicators


def _with_stored_question(indicator: Indicator, choice: object) -> Indicator:
    """The indicator pointed at the question (and answers) the PSW chose, when the file says so readably."""
    if indicator.key == RESPONSE_RATE or not isinstance(choice, dict):
        return indicator
    code, answers = choice.get("question"), choice.get("answers")
    if isinstance(code, str) and code.strip():
        indicator = replace(indicator, question_code=code.strip())
    if (
        indicator.measure.kind is MeasureKind.SHARE
        and isinstance(answers, list)
        and answers
        and all(isinstance(a, str) for a in answers)
    ):
        indicator = replace(indicator, measure=replace(indicator.measure, option_codes=tuple(answers)))
    return indicator


def suitable_questions(indicator: Indicator, questionnaire: Questionnaire) -> list[Question]:
    """The questions an indicator can be pointed at: those with answers to count for a share, number questions for an
    average or a share at or over a number; none for the response rate."""
    return [question for question in questionnaire.questions() if _suits(indicator, question)]


def _suits(indicator: Indicator, question: Question) -> bool:
    if indicator.key == RESPONSE_RATE:
        return False
    if indicator.measure.kind is MeasureKind.SHARE:
        return question.qtype.has_options
    return question.qtype is QuestionType.NUMBER


def counted_by_default(indicator: Indicator, question: Question) -> tuple[str, ...]:
    """The answers a share counts when first pointed at a question: the indicator's own answers where the question has
    them (the templates' codes); else the question's favourable answers where higher is better, its unfavourable ones
    where lower is better (stress: those who agree)."""
    codes = {option.code for option in question.options}
    own = tuple(code for code in DEFAULTS_BY_KEY[indicator.key].measure.option_codes if code in codes)
    if own:
        return own
    wanted = Polarity.FAVOURABLE if indicator.higher_is_better else Polarity.UNFAVOURABLE
    return tuple(option.code for option in question.options if option.polarity is wanted)


def pointed_at(indicator: Indicator, question: Question, answers: tuple[str, ...] | None = None) -> Indicator:
    """The indicator taken from `question`, counting `answers` (for a share; its defaults when not given). Refused,
    saying what to choose, when the question cannot give it."""
    if not _suits(indicator, question):
        kind = "an average" if indicator.measure.kind is MeasureKind.MEAN else "a share of a number"
        needs = (
            "a question with answers to choose from"
            if indicator.measure.kind is MeasureKind.SHARE
            else f"a number question, to give {kind}"
        )
        raise InvalidInput(
            f"{indicator.title} cannot be taken from question '{question.code}', a "
            f"{question.qtype.label.lower()} question.",
            f"Choose {needs}.",
        )
    if indicator.measure.kind is not MeasureKind.SHARE:
        return replace(indicator, question_code=question.code)
    counted = counted_by_default(indicator, question) if answers is None else tuple(answers)
    unknown = [code for code in counted if code not in {option.code for option in question.options}]
    if unknown or not counted:
        raise InvalidInput(
            f"{indicator.title}: "
            + (
                f"question '{question.code}' has no answer '{unknown[0]}'."
                if unknown
                else f"no answer of question '{question.code}' is counted."
            ),
            Advice(
                f"Tick the answers that count as '{indicator.counts}'.",
                f"Give the codes of the answers that count as '{indicator.counts}' with --answers, separated by "
                f"commas; question '{question.code}' has {', '.join(option.code for option in question.options)}.",
            ),
        )
    return replace(indicator, question_code=question.code, measure=replace(indicator.measure, option_codes=counted))


def check_thresholds(indicator: Indicator, green: float, amber: float) -> None:
    if indicator.higher_is_better and green < amber:
        raise InvalidInput(
            f"{indicator.title}: green starts below amber.",
            "Higher is better here, so the green threshold must be at or above the amber one.",
        )
    if not indicator.higher_is_better and green > amber:
        raise InvalidInput(
            f"{indicator.title}: green starts above amber.",
            "Lower is better here, so the green threshold must be at or below the amber one.",
        )
    if indicator.measure.is_percent and not (0 <= amber <= 100 and 0 <= green <= 100):
        raise InvalidInput(f"{indicator.title}: thresholds are per cents.", "Use numbers from 0 to 100.")


def save_indicators(hc: HealthCheckFile, indicators: list[Indicator]) -> None:
    """Keep the PSW's thresholds and choices (only what differs from the defaults is stored)."""
    for indicator in indicators:
        check_thresholds(indicator, indicator.green, indicator.amber)
    stored: dict[str, dict] = {}
    for indicator in indicators:
        default = DEFAULTS_BY_KEY[indicator.key]
        if (indicator.green, indicator.amber, indicator.enabled) != (default.green, default.amber, default.enabled):
            stored[indicator.key] = {"green": indicator.green, "amber": indicator.amber, "enabled": indicator.enabled}
        if indicator.question_code != default.question_code:
            stored.setdefault(indicator.key, {})["question"] = indicator.question_code
        if indicator.measure.option_codes != default.measure.option_codes:
            stored.setdefault(indicator.key, {})["answers"] = list(indicator.measure.option_codes)
    hc.settings.set(SETTINGS_KEY, stored, "Headline indicators, their thresholds and questions")


@dataclass(frozen=True)
class ChangeIndicators:
    """The headline indicators switched on and their thresholds, as a change the PSW can undo."""

    indicators: tuple[Indicator, ...]
    description: str = "change the headline indicators"

    def apply(self, hc: HealthCheckFile) -> "PutBackIndicatorSettings":
        before = hc.settings.get(SETTINGS_KEY)
        save_indicators(hc, list(self.indicators))
        return PutBackIndicatorSettings(before, self.description)


@dataclass(frozen=True)
class PutBackIndicatorSettings:
    """The indicators' setting put back as it was stored (None: not stored, so the defaults apply), rather than
    worked out again from the indicators, so that undoing a change leaves the file exactly as it was."""

    stored: object
    description: str = "change the headline indicators"

    def apply(self, hc: HealthCheckFile) -> "PutBackIndicatorSettings":
        before = hc.settings.get(SETTINGS_KEY)
        if self.stored is None:
            hc.settings.remove(SETTINGS_KEY, "Headline indicators and their thresholds")
        else:
            hc.settings.set(SETTINGS_KEY, self.stored, "Headline indicators and their thresholds")
        return PutBackIndicatorSettings(before, self.description)


@dataclass(frozen=True)
class IndicatorValue:
    indicator: Indicator
    value: MeasureValue | None  # None when the cycle cannot give this indicator
    rag: Rag | None
    previous_cycle: str | None
    previous: MeasureValue | None
    change: Change | None
    benchmarks: tuple[Benchmark, ...]
    base_description: str
    unavailable_reason: str = ""  # why there is no figure, in words fit for print
    what_to_do: Advice | None = None  # how to give the figure, said for the app and for the command line

    @property
    def number(self) -> float | None:
        return self.value.value if self.value else None


def unavailable(
    indicator: Indicator, benchmarks: tuple[Benchmark, ...], reason: str, what_to_do: Advice | None = None
) -> IndicatorValue:
    """An indicator the cycle cannot give: no figure, only why, and how to give it."""
    return IndicatorValue(indicator, None, None, None, None, None, benchmarks, "", reason, what_to_do)


def indicator_questions(hc: HealthCheckFile, include_disabled: bool = False) -> list[str]:
    """The codes of the questions the enabled headline indicators (or all of them) are worked out from."""
    return [i.question_code for i in load_indicators(hc) if (i.enabled or include_disabled) and i.question_code]


def fresh_results(hc: HealthCheckFile) -> ResultsOf:
    """Each cycle's results of the questions asked, worked out when asked."""
    return lambda cycle_id, codes: question_results(hc, cycle_id, codes)


def indicator_values(
    hc: HealthCheckFile,
    cycle: Cycle,
    benchmarks: tuple[Benchmark, ...] | None = None,
    include_disabled: bool = False,
    results: ResultsOf | None = None,
) -> list[IndicatorValue]:
    """Every enabled headline indicator for the cycle, with the change since the cycle before (`results`: where the
    questions' results come from, when the caller has them already, as the dashboard has for its charts)."""
    benchmarks = load_benchmarks() if benchmarks is None else benchmarks
    indicators = [i for i in load_indicators(hc) if i.enabled or include_disabled]
    previous_cycle = hc.cycles.previous(cycle)
    codes = indicator_questions(hc, include_disabled)
    read = results or fresh_results(hc)
    now_results = read(cycle.id, codes)
    before_results = read(previous_cycle.id, codes) if previous_cycle else {}
    values = []
    for indicator in indicators:
        found = tuple(benchmarks_for(indicator.key, cycle.name, benchmarks, cycle.service))
        if indicator.key == RESPONSE_RATE:
            values.append(_response_rate(indicator, cycle, previous_cycle, found))
            continue
        result = now_results.get(indicator.question_code)
        if result is None:
            values.append(
                unavailable(
                    indicator,
                    found,
                    f"This cycle has no question '{indicator.question_code}'.",
                    Advice(
                        f"If the survey asked it in its own words, choose that question for this indicator with "
                        f"{INDICATORS_BUTTON} above.",
                        "If the survey asked it in its own words, take it from that question with "
                        f"'swhc indicator-question FILE {cycle.name} {indicator.key} QUESTION'.",
                    ),
                )
            )
            continue
        now = evaluate(indicator.measure, result)
        before_result = before_results.get(indicator.question_code)
        before = evaluate(indicator.measure, before_result) if before_result else None
        change = compare(now, before) if before else None
        unanswered = "Nobody has answered this question yet." if now.value is None else ""
        values.append(
            IndicatorValue(
                indicator,
                now,
                indicator.rag(now.value),
                previous_cycle.name if before else None,
                before,
                change,
                found,
                result.base_description,
                unanswered,
            )
        )
    return values


def _response_rate(
    indicator: Indicator, cycle: Cycle, previous: Cycle | None, found: tuple[Benchmark, ...]
) -> IndicatorValue:
    def rate(c: Cycle | None) -> MeasureValue | None:
        if c is None or not c.staff_invited:
            return None
        proportion = Proportion(min(c.response_count, c.staff_invited), c.staff_invited)
        return MeasureValue(proportion.percent, None, c.staff_invited, proportion=proportion)

    now, before = rate(cycle), rate(previous)
    if now is None:
        return unavailable(
            indicator,
            found,
            "The number of staff invited is not set for this cycle.",
            Advice(
                f"Give it with {EDIT_CYCLE_BUTTON} above.",
                f"Give it with 'swhc cycle-edit FILE {cycle.name} --invited NUMBER'.",
            ),
        )
    change = (
        compare_proportions(now.proportion, before.proportion)
        if before and now.proportion and before.proportion
        else None
    )
    description = f"Base: staff invited ({cycle.staff_invited}); {cycle.response_count} responded"
    return IndicatorValue(
        indicator, now, indicator.rag(now.value), previous.name if before else None, before, change, found, description
    )


def question_benchmarks(
    question_code: str,
    cycle_name: str,
    benchmarks: tuple[Benchmark, ...] | None = None,
    service: Service = Service.CHILDREN,
) -> list[Benchmark]:
    """The national figures to show beside a question's result in a cycle of the service: those of its indicators
    (and hours over contract beside the hours worked)."""
    benchmarks = load_benchmarks() if benchmarks is None else benchmarks
    keys = [i.key for i in DEFAULT_INDICATORS if i.question_code == question_code]
    if question_code == "hours_worked":
        keys.append("hours_over_contract")
    return [b for key in keys for b in benchmarks_for(key, cycle_name, benchmarks, service)]
