"""The findings report's Standards scores: the summary table of the eight Standards, the table of each group's scores
(small groups not shown) and the sentence at the head of each Standard's section, in the words of every other output
(`StandardScore`'s own wording)."""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Table

from ...analysis.changes import change_phrase
from ...analysis.standard_scores import GroupStandardScores, StandardScore
from ...domain.plurals import noun
from ..long_text import shortened, typed_text
from .findings_report_parts import house_table, text

NO_SCORE = "–"
HEADING_TITLE_LENGTH = 80  # characters of a question's name heading a table, as the report's other tables
METHOD = (
    "Each Standard's score is the average of its agreement statements, each answer scored from 0 (least favourable) "
    "to 100 (most favourable), as the national health check scores them, and banded low (0 to 50), moderate (51 to "
    "74) or high (75 to 100). Each person counts once in a Standard's score, however many of its statements they "
    "answered. A change is called a rise or a fall only when it is more than chance (95% confidence)."
)


def score_figure(score: StandardScore) -> str:
    return NO_SCORE if score.printed is None else f"{score.printed:.0f}"


def change_cell(score: StandardScore) -> str:
    """'Up 6 points, better', 'No clear change', or a dash with nothing to compare."""
    if score.change is None:
        return NO_SCORE
    phrase = change_phrase(score.change, True, True)
    return phrase[0].upper() + phrase[1:]


def national_cell(score: StandardScore) -> str:
    if score.national is None:
        return NO_SCORE
    return f"{score.national.score:g}" + (f" ({score.national.year})" if score.national.year_note else "")


def section_lead(score: StandardScore) -> str:
    """The sentence at the head of a Standard's section, as reportlab markup: 'Standard score: 63 out of 100,
    moderate (203 people; 95% range 60 to 65). Up 6 points since 2024 (from 57): better, more than chance.'"""
    if score.printed is None:
        return f"<b>Standard score:</b> {text(score.headline.removeprefix('No score: '))}, so no score is given."
    people = f"{score.base} {'person' if score.base == 1 else 'people'}"
    detail = "; ".join(part for part in (people, score.range_text) if part)
    words = [f"<b>Standard score: {text(score.headline)}</b> ({detail})."]
    words += [text(part) for part in (score.change_text, score.national_text + "." if score.national_text else "")]
    return " ".join(word for word in words if word)


def summary_table(
    scores: tuple[StandardScore, ...], width: float, cell: ParagraphStyle, heading: ParagraphStyle
) -> Table:
    previous = next((s.previous_cycle for s in scores if s.previous_cycle), None)
    headings = [
        "Standard",
        "Score",
        "Band",
        "Base",
        "95% range",
        f"Change since {previous}" if previous else "Change",
        "National",
    ]
    rows: list[list] = [
        [Paragraph(f"<b>{text(h)}</b>", cell if i in (0, 2, 5) else heading) for i, h in enumerate(headings)]
    ]
    for score in scores:
        interval = score.range_text.removeprefix("95% range ")
        rows.append(
            [
                typed_text(f"{score.standard.number} {score.standard.title}", cell),
                score_figure(score),
                score.band.value.capitalize() if score.band else NO_SCORE,
                str(score.base) if score.printed is not None else NO_SCORE,
                interval or NO_SCORE,
                Paragraph(text(change_cell(score)), cell),
                national_cell(score),
            ]
        )
    fixed = [14 * mm, 20 * mm, 14 * mm, 20 * mm, 32 * mm, 18 * mm]
    return house_table(
        rows,
        [width - sum(fixed), *fixed],
        align="RIGHT",
        extra=[
            ("ALIGN", (1, 1), (1, -1), "RIGHT"),
            ("ALIGN", (3, 1), (4, -1), "RIGHT"),
            ("ALIGN", (6, 1), (6, -1), "RIGHT"),
            ("FONTSIZE", (1, 1), (-1, -1), 8.5),
        ],
    )


def national_notes(scores: tuple[StandardScore, ...]) -> list[str]:
    """Where each national score comes from, once per source and year."""
    seen: dict[tuple[str, int], list[int]] = {}
    for score in scores:
        if score.national is not None:
            seen.setdefault((score.national.source, score.national.year), []).append(score.standard.number)
    return [
        f"National scores of {noun(len(numbers), 'Standard')} {', '.join(map(str, numbers))}: "
        f"{source}, {year}, as typed in by the council from the LGA's report."
        for (source, year), numbers in seen.items()
    ]


def group_table(by_group: GroupStandardScores, width: float, cell: ParagraphStyle, heading: ParagraphStyle) -> Table:
    """One row a shown group, one column a Standard; a hidden group has no row (the note under it says how many), nor
    a group with no scores (nobody in it answered)."""
    numbers = [s.standard.number for s in next((g.scores for g in by_group.groups if not g.hidden), ())]
    rows: list[list] = [
        # The question's name heads the table on every page it runs on to: in full in the sentence above it.
        [Paragraph(f"<b>{text(shortened(by_group.dimension.title, HEADING_TITLE_LENGTH))}</b>", cell)]
        + [Paragraph(f"<b>{n}</b>", heading) for n in numbers]
    ]
    for group in by_group.groups:
        if group.hidden or all(s.printed is None for s in group.scores):
            continue
        rows.append([typed_text(group.label, cell)] + [score_figure(s) for s in group.scores])
    figure = 11 * mm
    return house_table(
        rows,
        [width - figure * len(numbers), *[figure] * len(numbers)],
        align="RIGHT",
        extra=[("ALIGN", (1, 1), (-1, -1), "RIGHT"), ("FONTSIZE", (1, 1), (-1, -1), 8.5)],
    )
