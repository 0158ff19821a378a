"""A score out of 100 for each Standard, as the national health check reports it, banded low, moderate or high, with
its base, its 95% interval and the change since the cycle before; for everyone, or for each group of a breakdown.

How it is worked out. The method is the LGA's for its national survey of practitioners since 2023/24, as the field
research brief records it [S15]: the agreement statements of each Standard are turned into a mean score out of 100,
banded 0 to 50 low, 51 to 74 moderate and 75 to 100 high.

- The statements: the cycle's agreement-scale questions filed under the Standard and set to feed its score
  (`Question.in_standard_score`). A template sets every agreement statement it files under a Standard to feed it,
  unless it says otherwise; the PSW changes which (`questionnaires.standard_statements.set_score_statements`).
- Each answer scores what its option carries, out of 100. On the agreement scale: Strongly agree 100, Agree 75,
  Neither agree nor disagree 50, Disagree 25, Strongly disagree 0. A negatively worded statement ("I feel stressed by
  my job") scores the other way round, Strongly disagree 100 down to Strongly agree 0, so that 100 is always the most
  favourable answer. "Don't know" and "Not applicable" score nothing and are left out. (The brief gives the method,
  not the points: these are the evenly spaced points of the five-point scale on which the app scores every agreement
  statement.)
- A respondent's score for a Standard is the mean of their scored answers to its statements, and the Standard's score
  is the mean of those respondents' scores: each person counts once, however many of its statements they answered.
  The base is the respondents with at least one scored answer. A follow-up statement counts only where it applied.
- The score is printed as a whole number, rounded once, half up, from its exact value (`domain.rounding`), and its
  band is judged on the printed score: 50 is low, 51 and 74 moderate, 75 high (so 50.5, printed 51, is moderate).
- Its 95% interval is Student's t interval for a mean, kept within 0 to 100. The change since the cycle before is the
  difference between the two printed scores; it is "more than chance" only when Welch's t-test and its interval both
  say so (`intervals.compare_means`), as for every other average the app shows.
- By group: each group of a breakdown question is shown or hidden as the cycle's disclosure plan decides
  (`suppression.disclosure_plan`, the one rule for small groups), for all eight Standards alike.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction
from functools import cached_property
from typing import TYPE_CHECKING

from ..domain.cycle_order import earlier_than
from ..domain.errors import InvalidInput
from ..domain.plurals import counted
from ..domain.questionnaire import Option, Question, Questionnaire, QuestionType
from ..domain.records import Cycle
from ..domain.rounding import Exact, exact_value, round_half_up
from ..domain.standards import STANDARD_NUMBERS, Standard
from ..storage import HealthCheckFile, ScoredOption
from ..storage.answer_queries import Applicability
from .benchmarks import NationalScore, national_score_for, national_scores
from .breakdowns import dimension
from .changes import change_since, score_change_sentence
from .frequencies import follow_up_applicability
from .intervals import Change, MeanSample, compare_means, mean_interval
from .suppression import DisclosurePlan, disclosure_plan

if TYPE_CHECKING:
    import numpy

# The respondents of each (question id, option id), as `AnswerQueries.respondents_by_option` reads them.
Chosen = Mapping[tuple[int, int | None], "numpy.ndarray"]

LOW_UP_TO = 50  # a printed score of 0 to 50 is low
HIGH_FROM = 75  # 75 to 100 is high; 51 to 74 moderate


class Band(StrEnum):
    LOW = "low"
    MODERATE = "moderate"
    HIGH = "high"

    @property
    def label(self) -> str:
        return {"low": "Low (0 to 50)", "moderate": "Moderate (51 to 74)", "high": "High (75 to 100)"}[self.value]


def printed_score(score: Fraction | Exact | float) -> Decimal:
    """The score as every screen and document prints it: a whole number, rounded once, half up, from its exact value."""
    return round_half_up(score)


def band_of(score: Fraction | Exact | float) -> Band:
    """The band of a score, judged on the score as printed."""
    printed = printed_score(score)
    if printed <= LOW_UP_TO:
        return Band.LOW
    if printed >= HIGH_FROM:
        return Band.HIGH
    return Band.MODERATE


@dataclass(frozen=True)
class StandardScore:
    """One Standard's score for a cycle (or a group of its respondents), with the cycle before's to compare."""

    standard: Standard  # in the cycle's edition
    statements: tuple[str, ...]  # the codes of the statements that feed it
    sample: MeanSample | None  # the respondents' scores: None when nobody gave a scored answer
    previous_cycle: str | None = None
    previous: MeanSample | None = None
    previous_title: str = ""  # the Standard's title in the previous cycle's edition, where it was another
    national: NationalScore | None = None  # the national score the PSW typed in, for everyone's score only

    @cached_property
    def change(self) -> Change | None:
        """The change since the cycle before, worked out when first asked for: the dashboard has every group's
        scores at hand but shows one group at a time, and each change is a t-test."""
        return _compared(self.sample, self.previous)

    @property
    def score(self) -> Exact | None:
        return self.sample.mean if self.sample is not None else None  # type: ignore[return-value]

    @property
    def base(self) -> int:
        return self.sample.n if self.sample is not None else 0

    @property
    def printed(self) -> Decimal | None:
        return printed_score(self.score) if self.score is not None else None

    @property
    def band(self) -> Band | None:
        return band_of(self.score) if self.score is not None else None

    @property
    def interval(self) -> tuple[float, float] | None:
        """The score's 95% interval, within 0 to 100; None with fewer than two respondents."""
        interval = mean_interval(self.sample) if self.sample is not None else None
        if interval is None:
            return None
        return (max(0.0, interval[0]), min(100.0, interval[1]))

    @property
    def shown_change(self) -> Decimal | None:
        """The change as printed: the difference of the two printed scores."""
        if self.change is None:
            return None
        return Decimal(self.change.shown_difference)

    @property
    def printed_before(self) -> Decimal | None:
        return printed_score(self.previous.mean) if self.previous is not None else None

    # ---- in words: the one way every screen and document says a score

    @property
    def headline(self) -> str:
        """'62 out of 100, moderate', or why there is no score."""
        if self.printed is None:
            return "No score: no statements feed it" if not self.statements else "No score: no answers to score"
        return f"{self.printed:.0f} out of 100, {self.band.value}"

    @property
    def range_text(self) -> str:
        """'95% range 57 to 67', rounded like the score; '' with fewer than two people."""
        if self.interval is None:
            return ""
        low, high = self.interval
        return f"95% range {printed_score(low):.0f} to {printed_score(high):.0f}"

    @property
    def base_text(self) -> str:
        """'Base: 48 people who answered at least one of its 5 statements'."""
        count = len(self.statements)
        people = f"{self.base} {'person' if self.base == 1 else 'people'}"
        return f"Base: {people} who answered at least one of its {counted(count, 'statement')}"

    @property
    def change_text(self) -> str:
        """'Up 6 points since 2024 (from 56): better, more than chance.', 'No clear change since 2024 (56 then).', and
        where the Standard had another title then, that title."""
        sentence = score_change_sentence(self.change, self.previous_cycle, self.printed_before)
        if sentence and self.previous_title:
            sentence += f" In {self.previous_cycle} it was titled '{self.previous_title}'."
        return sentence

    @property
    def short_change_text(self) -> str:
        """'Up 6 points since 2024: better' or 'No clear change since 2024'; '' with nothing to compare."""
        if self.change is None or self.previous_cycle is None:
            return ""
        return change_since(self.change, True, True, self.previous_cycle)

    @property
    def national_text(self) -> str:
        """'National: 60 (2024 figure; LGA national summary)', or '' when none has been typed in."""
        if self.national is None:
            return ""
        year = self.national.year_note or str(self.national.year)
        return f"National: {self.national.score:g} ({year}; {self.national.source})"


# ------------------------------------------------------------------------------------------------ the statements


def score_statements(questionnaire: Questionnaire) -> dict[int, tuple[Question, ...]]:
    """For each Standard, the statements that feed its score, in the questionnaire's order."""
    found: dict[int, list[Question]] = {number: [] for number in STANDARD_NUMBERS}
    for question in questionnaire.questions():
        if question.in_standard_score and question.qtype is QuestionType.SCALE and question.standard in found:
            found[question.standard].append(question)
    return {number: tuple(questions) for number, questions in found.items()}


def _scored_options(question: Question) -> dict[int, Fraction]:
    return {
        o.id: exact_value(o.score)
        for o in question.options
        if o.id is not None and o.score is not None and not o.excluded_from_base
    }


def scored_points(questionnaire: Questionnaire) -> tuple[dict[int, ScoredOption], int]:
    """Each scored option of the statements that feed a Standard, with its Standard and its points as a whole number
    (the points times the scale returned), so that the file can add them up exactly: {option id: ...}, scale."""
    statements = score_statements(questionnaire)
    scored = {
        option_id: (question.id, number, points)
        for number, questions in statements.items()
        for question in questions
        if question.id is not None
        for option_id, points in _scored_options(question).items()
    }
    scale = math.lcm(1, *(points.denominator for _, _, points in scored.values()))
    return {
        option_id: ScoredOption(question_id, number, int(points * scale))
        for option_id, (question_id, number, points) in scored.items()
    }, scale


def sample_of_totals(totals: Mapping[tuple[int, int], int], scale: int) -> MeanSample | None:
    """The respondents' scores (each the mean of their scored answers: total points over the answers scored, over the
    scale) as one sample: how many, their exact mean and its variance; None for nobody.

    Worked out exactly from whole-number sums for each number of answers scored (a Standard has few statements), so
    that thousands of distinct totals need only a few fractions: the sum of squared differences from the mean is
    the sum of the squared scores less the people times the mean squared, exactly."""
    people = sum(totals.values())
    if not people:
        return None
    sums: dict[int, int] = {}  # by answers scored: the sum of the totals
    squares: dict[int, int] = {}  # and of the totals squared
    for (total, answered), n in totals.items():
        sums[answered] = sums.get(answered, 0) + n * total
        squares[answered] = squares.get(answered, 0) + n * total * total
    mean = sum((Fraction(total, answered) for answered, total in sums.items()), Fraction(0)) / (people * scale)
    squared = sum((Fraction(total, answered**2) for answered, total in squares.items()), Fraction(0)) / scale**2
    spread = squared - people * mean**2
    variance = spread / (people - 1) if people > 1 else 0
    return MeanSample(people, Exact(mean), float(variance))


@dataclass(frozen=True)
class _Samples:
    """Each Standard's sample of respondents' scores, for everyone and for each group of the breakdown questions asked
    for (by the question's id, then the group's option id)."""

    everyone: dict[int, MeanSample]
    by_group: dict[int, dict[int | None, dict[int, MeanSample]]]


def _samples(
    hc: HealthCheckFile, questionnaire: Questionnaire, dimensions: Sequence[Question] = (), chosen: Chosen | None = None
) -> _Samples:
    """Everyone's samples and each group's, from one read of the answers (`chosen`, where the caller has read it with
    `_answers_read`). Respondents with the same total over the same number of answers have the same score, so the
    samples are worked out from the few distinct (total, answers) pairs and how many had each, however many responses
    there are."""
    from .score_totals import total_counts  # with numpy, loaded when first needed rather than at launch

    points, scale = scored_points(questionnaire)
    counts = total_counts(
        hc, points, _applicability(questionnaire), [d.id for d in dimensions if d.id is not None], chosen
    )

    def of(by_standard: Mapping[int, Mapping[tuple[int, int], int]]) -> dict[int, MeanSample]:
        return {
            standard: sample
            for standard, people in by_standard.items()
            if (sample := sample_of_totals(people, scale)) is not None
        }

    return _Samples(
        of(counts.everyone),
        {d: {option: of(group) for option, group in groups.items()} for d, groups in counts.by_group.items()},
    )


def _applicability(questionnaire: Questionnaire) -> Applicability:
    feeding = [q for questions in score_statements(questionnaire).values() for q in questions]
    return follow_up_applicability(questionnaire, feeding)


def _answers_read(hc: HealthCheckFile, questionnaire: Questionnaire) -> Chosen:
    """The respondents of every option of the statements that feed a score (and of the questions their follow-ups
    depend on) and of every breakdown question, in one read: the scores of everyone and every group, and the
    disclosure plan's group sizes, are all worked out from it."""
    points, _ = scored_points(questionnaire)
    applicable = _applicability(questionnaire)
    parents = {applicable[o.question_id][0] for o in points.values() if o.question_id in applicable}
    breakdowns = {d.id for d in questionnaire.dimensions() if d.id is not None}
    return hc.answers.respondents_by_option({o.question_id for o in points.values()} | parents | breakdowns)


def _compared(now: MeanSample | None, before: MeanSample | None) -> Change | None:
    """The change in a score, said as the difference of the two scores as printed (whole numbers)."""
    if now is None or before is None:
        return None
    change = compare_means(now, before)
    if change is None:
        return None
    return dataclasses.replace(change, printed_before=printed_score(before.mean), printed_now=printed_score(now.mean))


def _scores(
    questionnaire: Questionnaire,
    now: Mapping[int, MeanSample],
    previous_cycle: Cycle | None,
    previous_questionnaire: Questionnaire | None,
    before: Mapping[int, MeanSample] | None,
) -> tuple[StandardScore, ...]:
    statements = score_statements(questionnaire)
    edition = questionnaire.standards
    scores = []
    for number in STANDARD_NUMBERS:
        sample, earlier = now.get(number), (before or {}).get(number)
        then_title = ""
        if previous_questionnaire is not None:
            title = previous_questionnaire.standards.title(number)
            then_title = title if title != edition.title(number) else ""
        scores.append(
            StandardScore(
                edition.standard(number),
                tuple(q.code for q in statements[number]),
                sample,
                previous_cycle.name if previous_cycle is not None and earlier is not None else None,
                earlier,
                then_title,
            )
        )
    return tuple(scores)


def previous_of_service(hc: HealthCheckFile, cycle: Cycle) -> Cycle | None:
    """The cycle a score is compared with: the latest before it that surveyed the same service (an adults' survey is
    never compared with a children's one)."""
    earlier = earlier_than(hc.cycles.all(), cycle)
    return next((c for c in reversed(earlier) if c.service == cycle.service), None)


def standard_scores(
    hc: HealthCheckFile, cycle: Cycle, questionnaire: Questionnaire | None = None
) -> tuple[StandardScore, ...]:
    """The eight Standards' scores for everyone who took part in the cycle, each with the change since the cycle
    before of the same service (a Standard with no statements, or no scored answers, has no score)."""
    return standard_scores_with_groups(hc, cycle, (), questionnaire)[0]


def _with_national(hc: HealthCheckFile, cycle: Cycle, scores: tuple[StandardScore, ...]) -> tuple[StandardScore, ...]:
    """The scores, each with the national score of its Standard to show beside it (same service, the cycle's year or
    the nearest earlier), where the PSW has typed one in."""
    typed_in = national_scores(hc)
    return tuple(
        dataclasses.replace(s, national=national_score_for(s.standard.number, cycle.name, cycle.service, typed_in))
        for s in scores
    )


# ------------------------------------------------------------------------------------------------ by group


@dataclass(frozen=True)
class GroupScores:
    option: Option
    hidden: bool  # too few people in the group, or it would let a small group be worked out: no figure is shown
    scores: tuple[StandardScore, ...]  # empty when hidden

    @property
    def label(self) -> str:
        return self.option.label


@dataclass(frozen=True)
class GroupStandardScores:
    dimension: Question
    groups: tuple[GroupScores, ...]
    minimum: int

    @property
    def hidden_count(self) -> int:
        return sum(g.hidden for g in self.groups)

    @property
    def note(self) -> str:
        if not self.hidden_count:
            return ""
        return (
            f"{self.hidden_count} group{'s are' if self.hidden_count != 1 else ' is'} not shown: groups of fewer "
            f"than {counted(self.minimum, 'person')} are never shown, nor any group that would let one be worked out."
        )


def score_breakdowns(questionnaire: Questionnaire) -> list[Question]:
    """The breakdown questions Standards scores are shown by: those with one answer each (a team, a role)."""
    return [d for d in questionnaire.dimensions() if d.qtype is QuestionType.SINGLE]


def standard_scores_by_group(
    hc: HealthCheckFile,
    cycle: Cycle,
    dimension_code: str,
    questionnaire: Questionnaire | None = None,
    plan: DisclosurePlan | None = None,
) -> GroupStandardScores:
    """The eight Standards' scores for each group of a breakdown question (team, role, ethnicity…), each group shown
    or hidden as the cycle's disclosure plan decides; a shown group is compared with the same group (by its answer's
    code) in the cycle before, where that cycle showed it."""
    return standard_scores_with_groups(hc, cycle, (dimension_code,), questionnaire, plan)[1][0]


def standard_scores_with_groups(
    hc: HealthCheckFile,
    cycle: Cycle,
    dimension_codes: Sequence[str],
    questionnaire: Questionnaire | None = None,
    plan: DisclosurePlan | None = None,
) -> tuple[tuple[StandardScore, ...], tuple[GroupStandardScores, ...]]:
    """Everyone's scores (as `standard_scores`) and each group's of each breakdown question named (as
    `standard_scores_by_group`), from one read of the cycle's answers and one of the cycle before's."""
    questionnaire = questionnaire or hc.questionnaires.load(cycle.id)
    dimensions = [_score_dimension(questionnaire, code) for code in dimension_codes]
    chosen = _answers_read(hc, questionnaire) if dimensions else None
    if dimensions:
        plan = plan or disclosure_plan(hc, cycle.id, questionnaire, chosen=chosen)
    now = _samples(hc, questionnaire, dimensions, chosen)
    previous_cycle = previous_of_service(hc, cycle)
    before_questionnaire, before = None, None
    if previous_cycle is not None:
        before_questionnaire = hc.questionnaires.load(previous_cycle.id)
        before = _previous_samples(hc, previous_cycle, before_questionnaire, dimension_codes)
    everyone = _scores(
        questionnaire, now.everyone, previous_cycle, before_questionnaire, before.everyone if before else None
    )
    by_group = []
    for by in dimensions:
        earlier = before.by_group.get(by.code, {}) if before is not None else {}
        groups = []
        for option in by.options:
            assert plan is not None
            if not plan.group_shown(by.code, option.id):
                groups.append(GroupScores(option, True, ()))
                continue
            scores = _scores(
                questionnaire,
                now.by_group.get(by.id, {}).get(option.id, {}) if by.id is not None else {},
                previous_cycle,
                before_questionnaire,
                earlier.get(option.code),
            )
            groups.append(GroupScores(option, False, _with_national(hc, cycle, scores)))
        by_group.append(GroupStandardScores(by, tuple(groups), plan.minimum if plan is not None else 0))
    return _with_national(hc, cycle, everyone), tuple(by_group)


def _score_dimension(questionnaire: Questionnaire, code: str) -> Question:
    """The breakdown question scores are shown by, refused (saying which there are) when `code` is not one."""
    by = dimension(questionnaire, code)
    if not by.is_dimension:
        names = ", ".join(q.code for q in questionnaire.dimensions()) or "none"
        raise InvalidInput(
            f"'{code}' is not a breakdown question, so scores are not shown by its answers.",
            f"Use a breakdown question (in this cycle: {names}).",
        )
    return by


@dataclass(frozen=True)
class _PreviousSamples:
    everyone: dict[int, MeanSample]
    by_group: dict[str, dict[Hashable, dict[int, MeanSample]]]  # by breakdown code, then the group's answer code


def _previous_samples(
    hc: HealthCheckFile, cycle: Cycle, questionnaire: Questionnaire, dimension_codes: Sequence[str]
) -> _PreviousSamples:
    """The cycle before's scores for everyone, and those of each group it showed of each breakdown question named, by
    the group's answer code (a question it did not ask as a breakdown with one answer each gives no groups)."""
    found = [questionnaire.find(code) for code in dimension_codes]
    dimensions = [by for by in found if by is not None and by.is_dimension and by.qtype is QuestionType.SINGLE]
    chosen = _answers_read(hc, questionnaire) if dimensions else None
    samples = _samples(hc, questionnaire, dimensions, chosen)
    plan = disclosure_plan(hc, cycle.id, questionnaire, chosen=chosen) if dimensions else None
    by_group: dict[str, dict[Hashable, dict[int, MeanSample]]] = {}
    for by in dimensions:
        assert plan is not None
        groups = samples.by_group.get(by.id, {}) if by.id is not None else {}
        by_group[by.code] = {
            option.code: groups.get(option.id, {}) for option in by.options if plan.group_shown(by.code, option.id)
        }
    return _PreviousSamples(samples.everyone, by_group)
