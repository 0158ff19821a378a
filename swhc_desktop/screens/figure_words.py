"""What each kind of figure the app shows means, in plain words, written once: the tooltips on the screens say it,
and the user guide's page "What the figures mean" says the same words (a test holds them together)."""

from __future__ import annotations

from dataclasses import dataclass

from ..domain.labels import INDICATORS_BUTTON


@dataclass(frozen=True)
class FigureWords:
    key: str  # its section of the guide's page on figures (figures.html#key)
    name: str
    meaning: str


BASE = FigureWords(
    "base",
    "Base",
    "The base is the number of people a per cent is out of: those who answered the question (for a follow-up "
    "question, those it was asked of). Answers such as 'Don't know' that are not counted in the base are shown but "
    "left out of the per cents.",
)
FAVOURABLE = FigureWords(
    "favourable",
    "% favourable",
    "% favourable is the share of the base who gave a favourable answer: 'Strongly agree' or 'Agree' to a positive "
    "statement, 'Disagree' or 'Strongly disagree' to a negative one such as 'I feel stressed by my job'. Each "
    "question's answers say which count as favourable, neutral or unfavourable.",
)
INTERVAL = FigureWords(
    "interval",
    "95% range",
    "The 95% range (confidence interval) is how far the figure could be from what all staff would say, because not "
    "everyone answered: 19 times out of 20 the true figure lies inside it. It is wider when fewer people answered.",
)
CHANGE = FigureWords(
    "chance",
    "More than chance",
    "A change since last year is called up or down only when it is more than chance: a statistical test finds it "
    "unlikely to be down to which people happened to answer (p below 0.05), and the change's own 95% range leaves "
    "out zero. Otherwise it is called 'no clear change', however big it looks.",
)
SMALL_GROUPS = FigureWords(
    "small-groups",
    "Small groups",
    "To keep people anonymous, no figure is shown for a group (a team, a role) with fewer people than the minimum "
    "set for the file (5 unless changed). Where showing the other groups would let a hidden one be worked out by "
    "subtraction, more groups are hidden too. Hidden groups are only ever shown together, as 'Not shown'.",
)
STANDARD_SCORE = FigureWords(
    "standard-scores",
    "Standards scores",
    "A Standard's score is out of 100, as the national health check reports it: each agreement answer scores from "
    "0 (least favourable) to 100 (most favourable), each person's answers to the Standard's statements are averaged, "
    "then everyone's. Scores of 0 to 50 are low, 51 to 74 moderate and 75 to 100 high.",
)
RAG = FigureWords(
    "rag",
    "Red, amber and green",
    f"Red, amber and green compare a headline figure with the thresholds you set ({INDICATORS_BUTTON}): green "
    "at or beyond the green threshold, amber at or beyond the amber one, red otherwise. The word is always written "
    "beside the colour.",
)
NATIONAL = FigureWords(
    "national",
    "National figures",
    "National figures are context, not targets: each says where it comes from and what it counts, which is not "
    "always the same as your question.",
)

CHART = FigureWords(
    "charts",
    "Charts",
    "In a chart of a question's answers each bar is the per cent of the base who gave that answer, written beside "
    "it. The whiskers through each point of a trend, and across the end of a bar when few people answered, show its "
    "95% range. 'Not shown' marks a group too small to show. The note under the chart gives its base.",
)

EVERY_FIGURE: tuple[FigureWords, ...] = (
    BASE,
    FAVOURABLE,
    INTERVAL,
    CHANGE,
    SMALL_GROUPS,
    STANDARD_SCORE,
    RAG,
    NATIONAL,
    CHART,
)


def explained(*figures: FigureWords) -> str:
    """The meanings of `figures`, one paragraph each, for a tooltip."""
    return "\n\n".join(figure.meaning for figure in figures)
