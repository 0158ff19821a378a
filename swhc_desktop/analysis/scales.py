"""Agreement scales and other ordered answers: % favourable, neutral and unfavourable, and a mean score out of 100.

Each option carries a polarity and a score (100 always the most favourable), so a negatively worded statement
("I feel stressed by my job") counts agreement as unfavourable without any special case here. Options outside
the base ("Not applicable") are left out; "Don't know" stays in the base as neutral but has no score, so it is
left out of the mean score.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from ..domain.questionnaire import Polarity
from ..domain.rounding import Exact, exact_value
from .frequencies import FrequencyTable
from .intervals import Proportion


@dataclass(frozen=True)
class ScaleSummary:
    favourable: Proportion
    neutral: Proportion
    unfavourable: Proportion
    mean_score: Exact | None  # 0-100, of the `scored` respondents (those who chose "Don't know" have no score)
    scored: int  # respondents whose answer has a score: the base of the mean score

    @property
    def base(self) -> int:
        return self.favourable.base


def has_polarity(table: FrequencyTable) -> bool:
    return any(r.option.polarity is not Polarity.NEUTRAL for r in table.rows)


def summarise_scale(table: FrequencyTable) -> ScaleSummary | None:
    """None for a question whose options carry no polarity (a team, a role) or for 'tick all that apply'."""
    if not has_polarity(table) or table.question.qtype.value == "multi":
        return None
    totals = {polarity: 0 for polarity in Polarity}
    score_total = Fraction(0)
    scored = 0
    for row in table.rows:
        if not row.in_base:
            continue
        totals[row.option.polarity] += row.count
        if row.option.score is not None:
            score_total += exact_value(row.option.score) * row.count
            scored += row.count
    return ScaleSummary(
        favourable=Proportion(totals[Polarity.FAVOURABLE], table.base),
        neutral=Proportion(totals[Polarity.NEUTRAL], table.base),
        unfavourable=Proportion(totals[Polarity.UNFAVOURABLE], table.base),
        mean_score=Exact(score_total / scored) if scored else None,
        scored=scored,
    )
