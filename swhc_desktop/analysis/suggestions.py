"""Findings the app suggests for a cycle, for the PSW to accept (as written or edited) or dismiss: headline indicators
short of their green threshold, changes since the cycle before that are more than chance, figures worse than a
national one by more than chance, and the themes that dominate the comments.

Each suggestion has a stable key, so one the PSW dismissed stays dismissed and one accepted is not offered again.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from ..domain.plurals import counted
from ..domain.records import Cycle, Finding, FindingKind, Rag
from ..domain.rounding import p_value_phrase
from ..storage import HealthCheckFile
from .changes import change_sentence
from .comments import cycle_comments, text_questions, theme_table
from .evidence import Figure, FigureReader, benchmark_source, format_number, theme_key
from .frequencies import whole_percent
from .results import analysed_questions

# A theme 'dominates' a question's comments when at least this share of those who answered it raised it …
THEME_SHARE = 20.0
# … and at least this many people did (a handful of comments is not a pattern) …
THEME_MINIMUM = 10
# … and only the few most raised are offered.
THEMES_PER_QUESTION = 3
# Words that mark an open question as asking what is good, so that its themes are offered as strengths.
POSITIVE_WORDS = ("good", "positive", "well", "like", "enjoy", "proud", "best")


class SuggestionSource(StrEnum):
    INDICATOR = "indicator"
    CHANGE = "change"
    BENCHMARK = "benchmark"
    THEME = "theme"

    @property
    def label(self) -> str:
        return {
            "indicator": "Headline indicator short of its threshold",
            "change": "Change since last time, more than chance",
            "benchmark": "Worse than the national figure",
            "theme": "Theme that dominates the comments",
        }[self.value]


@dataclass(frozen=True)
class Suggestion:
    key: str  # stable: the same suggestion has the same key every time the figures are worked out
    source: SuggestionSource
    kind: FindingKind
    text: str  # the sentence offered, which the PSW may edit
    why: str  # the figures behind it, with bases, intervals and tests
    question_codes: tuple[str, ...] = ()
    indicator_keys: tuple[str, ...] = ()


def findings_on_the_same_figures(suggestion: Suggestion, findings: Iterable[Finding]) -> list[Finding]:
    """The findings already resting on one of the suggestion's figures (a question or an indicator they share):
    accepting the suggestion would say the same thing twice, so the PSW is told before it is added."""
    codes, keys = set(suggestion.question_codes), set(suggestion.indicator_keys)
    return [f for f in findings if codes & set(f.question_codes) or keys & set(f.indicator_keys)]


def suggest_findings(hc: HealthCheckFile, cycle: Cycle, reader: FigureReader | None = None) -> list[Suggestion]:
    """Every suggestion for the cycle, dismissed and accepted ones included (`open_suggestions` leaves them out)."""
    reader = reader or FigureReader(hc)
    found = _indicator_suggestions(reader, cycle) + _change_suggestions(reader, cycle)
    found += _benchmark_suggestions(reader, cycle) + _theme_suggestions(hc, cycle)
    unique: dict[str, Suggestion] = {}
    for suggestion in found:
        unique.setdefault(suggestion.key, suggestion)
    return list(unique.values())


def open_suggestions(hc: HealthCheckFile, cycle: Cycle, suggestions: list[Suggestion]) -> list[Suggestion]:
    """The suggestions still to decide on: neither dismissed nor already accepted as a finding of the cycle."""
    dismissed = hc.findings.dismissed(cycle.id)
    accepted = {f.suggestion_key for f in hc.findings.for_cycle(cycle.id) if f.suggestion_key}
    return [s for s in suggestions if s.key not in dismissed and s.key not in accepted]


# --------------------------------------------------------------------------- headline indicators


def _indicator_suggestions(reader: FigureReader, cycle: Cycle) -> list[Suggestion]:
    suggestions = []
    for value in reader.indicator_values(cycle).values():
        indicator = value.indicator
        if not indicator.enabled or value.rag not in (Rag.RED, Rag.AMBER) or value.number is None:
            continue
        unit = indicator.unit.strip() if not indicator.measure.is_percent else ""
        shown = format_number(value.number, indicator.measure.is_percent, unit)
        green = format_number(indicator.green, indicator.measure.is_percent, unit)
        aim = (
            f"below the {green} we aim for"
            if indicator.higher_is_better
            else f"above the {green} we aim to stay within"
        )
        text = f"{indicator.title} is {shown} ({indicator.counts}), {aim}."
        figure = reader.indicator_figure(cycle, indicator.key)
        why = (
            f"{value.rag.value.capitalize()} against the thresholds set for this indicator (green "
            f"{'from' if indicator.higher_is_better else 'up to'} {green}, amber "
            f"{'from' if indicator.higher_is_better else 'up to'} "
            f"{format_number(indicator.amber, indicator.measure.is_percent, unit)}). {figure.full()}"
        )
        codes = (indicator.question_code,) if indicator.question_code else ()
        suggestions.append(
            Suggestion(
                f"indicator:{indicator.key}",
                SuggestionSource.INDICATOR,
                FindingKind.IMPROVEMENT,
                text,
                why,
                indicator_keys=(indicator.key,) if not codes else (),
                question_codes=codes,
            )
        )
    return suggestions


# --------------------------------------------------------------------------- changes since the cycle before


def _change_suggestions(reader: FigureReader, cycle: Cycle) -> list[Suggestion]:
    """Questions whose figure changed by more than chance, where it is clear which way is better."""
    previous = reader.previous(cycle)
    if previous is None:
        return []
    questionnaire = reader.hc.questionnaires.load(cycle.id)
    suggestions = []
    for question in analysed_questions(questionnaire):
        if question.is_dimension:
            continue
        figure = reader.question_figure(cycle, question.code)
        change = figure.change
        if change is None or not change.more_than_chance or figure.higher_is_better is None:
            continue
        better = (change.difference > 0) == figure.higher_is_better
        before = figure.previous.value if figure.previous else None
        text = f"{figure.title}: {figure.shown_with_label}. " + change_sentence(
            change, figure.is_percent, figure.higher_is_better, figure.previous_cycle, before, figure.unit
        )
        suggestions.append(
            Suggestion(
                f"change:{question.code}",
                SuggestionSource.CHANGE,
                FindingKind.STRENGTH if better else FindingKind.IMPROVEMENT,
                text,
                f"{figure.full()} Tested with {change.test} ({_p(change.p_value)}).",
                question_codes=(question.code,),
            )
        )
    return suggestions


def _p(p_value: float) -> str:
    return p_value_phrase(p_value)


# --------------------------------------------------------------------------- national figures


def _worse_than(figure: Figure, national: float) -> bool:
    """The whole 95% interval is on the worse side of the national figure, so the gap is more than chance."""
    if figure.value is None or figure.value.interval is None or figure.higher_is_better is None:
        return False
    low, high = figure.value.interval
    return high < national if figure.higher_is_better else low > national


def _benchmark_suggestions(reader: FigureReader, cycle: Cycle) -> list[Suggestion]:
    suggestions = []
    for value in reader.indicator_values(cycle).values():
        indicator = value.indicator
        if not indicator.enabled or value.number is None:
            continue
        figure = reader.indicator_figure(cycle, indicator.key)
        for benchmark in value.benchmarks:
            if not _worse_than(figure, benchmark.value):
                continue
            side = "below" if indicator.higher_is_better else "above"
            text = (
                f"{indicator.title} is {figure.shown} ({indicator.counts}), {side} the national figure of "
                f"{benchmark_source(benchmark)}."
            )
            why = (
                f"The whole 95% interval ({figure.interval_text().removeprefix('95% interval ')}) is {side} the "
                f"national figure, so the gap is more than chance. {benchmark.note} Source: {benchmark.source}."
            )
            codes = (indicator.question_code,) if indicator.question_code else ()
            suggestions.append(
                Suggestion(
                    f"benchmark:{indicator.key}:{benchmark.label}",
                    SuggestionSource.BENCHMARK,
                    FindingKind.IMPROVEMENT,
                    text,
                    why,
                    question_codes=codes,
                    indicator_keys=(indicator.key,) if not codes else (),
                )
            )
    return suggestions


# --------------------------------------------------------------------------- comment themes


def asks_what_is_good(question_text: str) -> bool:
    words = question_text.casefold().replace("?", " ").replace(",", " ").split()
    return any(word in words for word in POSITIVE_WORDS)


def _theme_suggestions(hc: HealthCheckFile, cycle: Cycle) -> list[Suggestion]:
    questionnaire = hc.questionnaires.load(cycle.id)
    comments = cycle_comments(hc, cycle.id, questionnaire)
    themes = hc.themes.all()
    if not comments or not themes:
        return []
    suggestions = []
    for question in text_questions(questionnaire):
        table = theme_table(comments, themes, {question.id})
        dominant = [
            row
            for row in table.rows
            if row.respondents.count >= THEME_MINIMUM and (row.respondents.percent or 0) >= THEME_SHARE
        ]
        kind = FindingKind.STRENGTH if asks_what_is_good(question.text) else FindingKind.IMPROVEMENT
        for row in dominant[:THEMES_PER_QUESTION]:
            count, base = row.respondents.count, row.respondents.base
            text = (
                f"'{row.theme.name}' came up in {count} of the {counted(base, 'comment')} on '{question.title}' "
                f"({whole_percent(row.respondents.percent)})."
            )
            why = f"{table.base_description}. The themes are those you gave the comments on the Comments tab."
            key = theme_key(question.code, row.theme.id)
            suggestions.append(Suggestion(key, SuggestionSource.THEME, kind, text, why, indicator_keys=(key,)))
    return suggestions
