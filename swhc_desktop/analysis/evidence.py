"""The figures findings and actions rest on: a question's or headline indicator's value in a cycle with its base, 95%
interval and change since the cycle before; and an action's effect, its questions before and after.

Texts made here are printed as well as shown, so they keep to characters every PDF font has: 'up' and 'down' in
words, not arrows.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..domain.cycle_order import following_of, previous_of
from ..domain.records import Action, Cycle, Finding
from ..domain.rounding import figure_text, number_text, percent_text
from ..storage import HealthCheckFile
from .benchmarks import Benchmark, load_benchmarks
from .changes import MORE_THAN_CHANCE, NO_CLEAR_CHANGE, change_phrase, change_range, verdict
from .comments import Comment, cycle_comments, theme_table
from .indicators import Indicator, IndicatorValue, indicator_values, load_indicators
from .intervals import Change
from .measures import Measure, MeasureKind, MeasureValue, compare, evaluate
from .results import QuestionResult, question_results

QUESTION = "question"
INDICATOR = "indicator"
THEME = "theme"


def question_key(code: str) -> str:
    return f"{QUESTION}:{code}"


def indicator_key(key: str) -> str:
    """A headline indicator as evidence; a comment theme is kept among a finding's indicators as its own key."""
    return key if key.startswith(f"{THEME}:") else f"{INDICATOR}:{key}"


def theme_key(question_code: str, theme_id: int) -> str:
    """A comment theme on one open question, as evidence: 'theme:change_one_thing:3'."""
    return f"{THEME}:{question_code}:{theme_id}"


def evidence_keys(finding: Finding) -> list[str]:
    return [indicator_key(k) for k in finding.indicator_keys] + [question_key(c) for c in finding.question_codes]


def format_number(value: float | None, is_percent: bool, unit: str = "") -> str:
    """'73%', '13.6 cases' or a dash."""
    if value is None:
        return "–"
    return figure_text(value, is_percent) + (f" {unit}" if unit and not is_percent else "")


def format_range(low: float, high: float, is_percent: bool, unit: str = "") -> str:
    """'66% to 79%' or '12.7 to 14.4 cases'."""
    if is_percent:
        return f"{percent_text(low)} to {percent_text(high)}"
    return f"{number_text(low)} to {number_text(high)}{f' {unit}' if unit else ''}"


def change_words(change: Change, is_percent: bool, higher_is_better: bool | None, unit: str = "") -> str:
    """'up 32 points, better, more than chance (95% range +21 to +41 points)' or
    'no clear change (95% range -5 to +16 points)' (see changes.py)."""
    phrase = change_phrase(change, is_percent, higher_is_better, unit)
    if change.more_than_chance:
        phrase += f", {MORE_THAN_CHANCE}"
    return f"{phrase} (95% range {change_range(change, is_percent, unit)})"


def benchmark_source(benchmark: Benchmark) -> str:
    """'81% (LGA health check 2018)', '16.9 cases (DfE workforce statistics, 2019)', '16 cases (DfE workforce
    statistics, 2023 figure)' beside a later cycle."""
    source = benchmark.label.split(":")[0]
    year = (
        f", {benchmark.year_note}"
        if benchmark.year_note
        else ""
        if str(benchmark.year) in source
        else f", {benchmark.year}"
    )
    return f"{benchmark.shown} ({source}{year})"


@dataclass(frozen=True)
class Figure:
    """One question's or indicator's figure in a cycle, as shown beside a finding."""

    key: str
    title: str  # the indicator's title where the figure is a headline indicator's, else the question's
    label: str  # said after the value: 'favourable', 'on average', "answered 'Yes'"; empty for an indicator
    cycle_name: str
    value: MeasureValue | None
    is_percent: bool
    unit: str
    base_description: str
    higher_is_better: bool | None
    previous_cycle: str | None = None
    previous: MeasureValue | None = None
    change: Change | None = None
    benchmarks: tuple[Benchmark, ...] = ()
    wording_changed: bool = False
    note: str = ""  # why there is no figure
    meaning: str = ""  # what an indicator counts, in words: 'completely or mostly manageable'

    @property
    def number(self) -> float | None:
        return self.value.value if self.value else None

    @property
    def shown(self) -> str:
        return format_number(self.number, self.is_percent, self.unit)

    @property
    def shown_with_label(self) -> str:
        return f"{self.shown} {self.label}".strip()

    @property
    def base(self) -> int | None:
        return self.value.base if self.value else None

    def interval_text(self) -> str:
        if self.value is None or self.value.interval is None:
            return ""
        return f"95% interval {format_range(*self.value.interval, self.is_percent, self.unit)}"

    def change_text(self) -> str:
        if self.previous_cycle is None or self.previous is None:
            return "no earlier year to compare with"
        before = f"{format_number(self.previous.value, self.is_percent, self.unit)} in {self.previous_cycle}"
        if self.change is None:
            return before
        wording = " (the question's wording changed)" if self.wording_changed else ""
        return f"{before}; {change_words(self.change, self.is_percent, self.higher_is_better, self.unit)}{wording}"

    def short(self) -> str:
        """For a narrow column: '73% (2018: 41%; up 32 pts, better)'; no words on a change not more than chance."""
        if self.value is None or self.number is None:
            return self.note or "no figure"
        if self.previous is None or self.previous_cycle is None:
            return self.shown
        before = f"{self.previous_cycle}: {format_number(self.previous.value, self.is_percent, self.unit)}"
        if self.change is not None and self.change.more_than_chance:
            before += f"; {change_phrase(self.change, self.is_percent, self.higher_is_better, self.unit, short=True)}"
        return f"{self.shown} ({before})"

    def line(self) -> str:
        """One line for a printed plan: 'Caseload manageability: 73% completely or mostly manageable (2018: 41%)'."""
        if self.value is None or self.number is None:
            return f"{self.title}: {self.note or 'no figure'}"
        return f"{self.title}: {self.shown_with_label} (base {self.base})"

    def full(self) -> str:
        """Everything about the figure, for the detail pane and the notes: value, what it counts, base, interval,
        change and national figures."""
        if self.value is None or self.number is None:
            return f"{self.title}: {self.note or 'no figure'}"
        meaning = f" ({self.meaning})" if self.meaning else ""
        parts = [
            f"{self.title}, {self.cycle_name}: {self.shown_with_label}{meaning}",
            self.base_description,
            self.interval_text(),
            self.change_text(),
        ]
        parts += [f"national figure {benchmark_source(b)}" for b in self.benchmarks]
        return "; ".join(p for p in parts if p) + "."


@dataclass(frozen=True)
class Effect:
    """What an action's question showed in the cycle that raised the action and in the cycle after it."""

    question_code: str
    title: str
    label: str
    is_percent: bool
    unit: str
    higher_is_better: bool | None
    before_cycle: str
    before: MeasureValue | None
    after_cycle: str | None  # None: there is no later cycle yet
    after: MeasureValue | None
    change: Change | None
    note: str = ""

    @property
    def measured(self) -> bool:
        return (
            self.before is not None
            and self.after is not None
            and self.before.value is not None
            and self.after.value is not None
        )

    def short(self) -> str:
        """For a narrow column: '44% to 50% (no clear change)', 'not yet re-tested'."""
        if not self.measured:
            return self.note
        assert self.before is not None and self.after is not None
        text = (
            f"{format_number(self.before.value, self.is_percent, self.unit)} to "
            f"{format_number(self.after.value, self.is_percent, self.unit)}"
        )
        if self.change is None:
            return text
        if not self.change.more_than_chance:
            return f"{text} ({NO_CLEAR_CHANGE})"
        judged = verdict(self.change, self.higher_is_better)
        return f"{text} ({judged + ', ' if judged else ''}{MORE_THAN_CHANCE})"

    def text(self) -> str:
        """'Line-management supervision (monthly or more often): 44% in 2018, 50% in 2019; no clear change …'."""
        heading = f"{self.title} ({self.label})" if self.label else self.title
        if not self.measured:
            before = ""
            if self.before is not None and self.before.value is not None:
                before = f"{format_number(self.before.value, self.is_percent, self.unit)} in {self.before_cycle}; "
            return f"{heading}: {before}{self.note}"
        assert self.before is not None and self.after is not None
        text = (
            f"{heading}: {format_number(self.before.value, self.is_percent, self.unit)} in {self.before_cycle}, "
            f"{format_number(self.after.value, self.is_percent, self.unit)} in {self.after_cycle}"
        )
        if self.change is not None:
            text += f"; {change_words(self.change, self.is_percent, self.higher_is_better, self.unit)}"
        return text


@dataclass(frozen=True)
class _Chosen:
    measure: Measure
    title: str
    label: str
    higher_is_better: bool | None
    meaning: str = ""


class FigureReader:
    """Reads the figures of any cycle of a file, working out each cycle's results once. Use one per piece of work
    (a screen's refresh, a printed plan): it remembers what it has read."""

    def __init__(self, hc: HealthCheckFile, benchmarks: tuple[Benchmark, ...] | None = None):
        self.hc = hc
        self.cycles = hc.cycles.all()
        self.benchmarks = load_benchmarks() if benchmarks is None else benchmarks
        self.indicators = load_indicators(hc)
        self._results: dict[int, dict[str, QuestionResult]] = {}
        self._indicator_values: dict[int, dict[str, IndicatorValue]] = {}
        self._comments: dict[int, list[Comment]] = {}

    # ------------------------------------------------------------------ cycles

    def cycle(self, cycle_id: int) -> Cycle:
        return next(c for c in self.cycles if c.id == cycle_id)

    def previous(self, cycle: Cycle) -> Cycle | None:
        return previous_of(self.cycles, cycle)

    def following(self, cycle: Cycle) -> Cycle | None:
        return following_of(self.cycles, cycle)

    def results(self, cycle: Cycle) -> dict[str, QuestionResult]:
        if cycle.id not in self._results:
            self._results[cycle.id] = question_results(self.hc, cycle.id)
        return self._results[cycle.id]

    def indicator_values(self, cycle: Cycle) -> dict[str, IndicatorValue]:
        if cycle.id not in self._indicator_values:
            values = indicator_values(self.hc, cycle, self.benchmarks, include_disabled=True)
            self._indicator_values[cycle.id] = {v.indicator.key: v for v in values}
        return self._indicator_values[cycle.id]

    # ------------------------------------------------------------------ which figure a question gives

    def _indicator_for(self, code: str) -> Indicator | None:
        found = [i for i in self.indicators if i.question_code == code]
        return next((i for i in found if i.enabled), found[0] if found else None)

    def _chosen(self, result: QuestionResult) -> _Chosen | None:
        """A headline indicator's measure where one rests on the question; else % favourable, an average, or the
        share giving the most common answer."""
        indicator = self._indicator_for(result.question.code)
        title = result.question.title
        if indicator is not None:
            return _Chosen(indicator.measure, indicator.title, "", indicator.higher_is_better, indicator.counts)
        if result.scale is not None:
            return _Chosen(Measure(MeasureKind.FAVOURABLE), title, "favourable", True, "gave a favourable answer")
        if result.numbers is not None:
            return _Chosen(Measure(MeasureKind.MEAN), title, "on average", None)
        if result.table is not None and result.table.base:
            top = max((r for r in result.table.rows if r.in_base), key=lambda r: r.count, default=None)
            if top is not None:
                return _Chosen(
                    Measure(MeasureKind.SHARE, (top.option.code,)), title, f"answered '{top.option.label}'", None
                )
        return None

    # ------------------------------------------------------------------ figures

    def figure(self, cycle: Cycle, key: str) -> Figure:
        kind, _, name = key.partition(":")
        if kind == INDICATOR:
            return self.indicator_figure(cycle, name)
        if kind == THEME:
            return self.theme_figure(cycle, key)
        return self.question_figure(cycle, name)

    def figures(self, cycle: Cycle, keys: list[str]) -> list[Figure]:
        return [self.figure(cycle, key) for key in keys]

    def finding_figures(self, finding: Finding) -> list[Figure]:
        return self.figures(self.cycle(finding.cycle_id), evidence_keys(finding))

    def question_figure(self, cycle: Cycle, code: str) -> Figure:
        result = self.results(cycle).get(code)
        if result is None:
            return _missing(question_key(code), code, cycle.name, f"{cycle.name} has no question '{code}' with figures")
        chosen = self._chosen(result)
        title = result.question.title
        if chosen is None:
            return _missing(question_key(code), title, cycle.name, "nobody answered")
        now = evaluate(chosen.measure, result)
        previous_cycle = self.previous(cycle)
        before_result = self.results(previous_cycle).get(code) if previous_cycle else None
        before = change = None
        wording_changed = False
        if before_result is not None and _can_compare(chosen.measure, before_result):
            before = evaluate(chosen.measure, before_result)
            change = compare(now, before)
            wording_changed = before_result.question.text != result.question.text
        unit = result.question.unit if chosen.measure.kind is MeasureKind.MEAN else ""
        indicator = self._indicator_for(code)
        benchmarks = self.indicator_values(cycle)[indicator.key].benchmarks if indicator else ()
        return Figure(
            key=question_key(code),
            title=chosen.title,
            label=chosen.label,
            meaning=chosen.meaning,
            cycle_name=cycle.name,
            value=now,
            is_percent=chosen.measure.is_percent,
            unit=unit,
            base_description=result.base_description,
            higher_is_better=chosen.higher_is_better,
            previous_cycle=previous_cycle.name if before else None,
            previous=before,
            change=change,
            benchmarks=benchmarks,
            wording_changed=wording_changed,
            note="" if now.value is not None else "nobody answered",
        )

    def indicator_figure(self, cycle: Cycle, key: str) -> Figure:
        value = self.indicator_values(cycle).get(key)
        if value is None:
            return _missing(indicator_key(key), key, cycle.name, f"there is no headline indicator '{key}'")
        indicator = value.indicator
        unit = indicator.unit.strip() if not indicator.measure.is_percent else ""
        return Figure(
            key=indicator_key(key),
            title=indicator.title,
            label="",
            meaning=indicator.counts,
            cycle_name=cycle.name,
            value=value.value,
            is_percent=indicator.measure.is_percent,
            unit=unit,
            base_description=value.base_description,
            higher_is_better=indicator.higher_is_better,
            previous_cycle=value.previous_cycle,
            previous=value.previous,
            change=value.change,
            benchmarks=value.benchmarks,
            note=value.unavailable_reason,
        )

    def theme_figure(self, cycle: Cycle, key: str) -> Figure:
        """How many of those who answered an open question raised a theme in their comments."""
        _, question_code, theme_id = key.split(":", 2)
        questionnaire = self.hc.questionnaires.load(cycle.id)
        question = questionnaire.find(question_code)
        theme = next((t for t in self.hc.themes.all() if str(t.id) == theme_id), None)
        if question is None or theme is None:
            return _missing(key, "Comment theme", cycle.name, "the theme or its question is no longer there")
        if cycle.id not in self._comments:
            self._comments[cycle.id] = cycle_comments(self.hc, cycle.id, questionnaire)
        table = theme_table(self._comments[cycle.id], [theme], {question.id})
        respondents = table.rows[0].respondents
        value = MeasureValue(respondents.percent, respondents.interval, respondents.base, proportion=respondents)
        return Figure(
            key,
            f"'{theme.name}' in comments on '{question.title}'",
            "of those who commented",
            cycle.name,
            value,
            True,
            "",
            table.base_description.split(". ")[0],
            None,
            note="" if respondents.base else "nobody commented",
        )

    # ------------------------------------------------------------------ an action's effect

    def effects(self, action: Action) -> list[Effect]:
        return [self.effect(action, code) for code in action.question_codes]

    def effect(self, action: Action, code: str) -> Effect:
        """The question's figure in the cycle that raised the action and in the cycle after it (same code)."""
        raised = self.cycle(action.raised_in_cycle_id)
        following = self.following(raised)
        result = self.results(raised).get(code)
        after_result = self.results(following).get(code) if following else None
        reference = result or after_result
        chosen = self._chosen(reference) if reference else None
        if reference is None or chosen is None:
            return Effect(
                code,
                reference.question.title if reference else code,
                "",
                True,
                "",
                None,
                raised.name,
                None,
                following.name if following else None,
                None,
                None,
                f"no figure for '{code}'",
            )
        before = evaluate(chosen.measure, result) if result else None
        after = change = None
        if result is None:
            note = f"not asked in {raised.name}, so there is nothing to compare with"
        elif following is None:
            note = "to be re-tested in the next health check"
        elif after_result is None or not _can_compare(chosen.measure, after_result):
            note = f"not asked in {following.name}"
        else:
            after = evaluate(chosen.measure, after_result)
            change = compare(after, before) if before is not None else None
            note = "" if after.value is not None else f"nobody answered in {following.name}"
        return Effect(
            code,
            chosen.title,
            chosen.label,
            chosen.measure.is_percent,
            reference.question.unit if chosen.measure.kind is MeasureKind.MEAN else "",
            chosen.higher_is_better,
            raised.name,
            before,
            following.name if following else None,
            after,
            change,
            note,
        )


def _missing(key: str, title: str, cycle_name: str, note: str) -> Figure:
    return Figure(key, title, "", cycle_name, None, True, "", "", None, note=note)


def _can_compare(measure: Measure, result: QuestionResult) -> bool:
    """Another year's result gives the same measure: its answers include those counted, or it has the numbers."""
    if measure.kind is MeasureKind.SHARE:
        codes = {o.code for o in result.question.options}
        return result.table is not None and set(measure.option_codes) <= codes
    if measure.kind is MeasureKind.FAVOURABLE:
        return result.scale is not None
    return result.numbers is not None
