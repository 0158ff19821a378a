"""'You said, we did': one or two A4 pages for staff, in plain words: the main areas for improvement the health check
found and what is being done about each, what is going well, and what came of last year's actions."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from ...analysis.changes import change_phrase
from ...analysis.evidence import Effect, format_number
from ...domain.progress import SILENT, Progress
from ...domain.records import Action, ActionStatus, FindingKind
from ...domain.rounding import percent_text
from ..content.action_plan import ActionPlanContent
from ..long_text import markup, typed_text
from .flowing_table import FlowingTable, KeepTogetherWhenItFits
from .pdf_furniture import (
    ACCENT,
    BOLD,
    CONTENT_WIDTH,
    RULE,
    SHADE,
    PageFurniture,
    ReportStyles,
    build_pdf,
    report_styles,
)

# Enough to fill one or two pages: a longer list is for the full report, not a hand-out.
MOST_IMPROVEMENTS = 6
MOST_STRENGTHS = 5
MOST_OTHER_ACTIONS = 5
MOST_EARLIER_ACTIONS = 5
# Of the actions that answer no finding in particular, what has been done is told first, then what is under way.
SHOWN_FIRST = {
    ActionStatus.COMPLETE: 0,
    ActionStatus.IN_PROGRESS: 1,
    ActionStatus.NOT_STARTED: 2,
    ActionStatus.DROPPED: 3,
}


def you_said_we_did_furniture(content: ActionPlanContent) -> PageFurniture:
    organisation = content.organisation
    return PageFurniture(
        council=organisation.name,
        protective_marking=organisation.protective_marking,
        document_name=f"Social Work Health Check {content.cycle.name}: you said, we did",
        subject="What the health check found and what is being done about it",
        top_right=organisation.service,
    )


def write_you_said_we_did(content: ActionPlanContent, out: Path, progress: Progress = SILENT) -> Path:
    return build_pdf(out, you_said_we_did_furniture(content), _YouSaidWeDid(content).flowables(), progress)


def month(value) -> str:
    return value.strftime("%B %Y")


def plain_status(action: Action, today: dt.date) -> str:
    """Where an action has got to, as staff would say it: 'Done (August 2019)', 'Under way, to finish by March 2020'."""
    if action.status is ActionStatus.COMPLETE:
        return f"Done ({month(action.completed_on)})" if action.completed_on else "Done"
    if action.status is ActionStatus.DROPPED:
        return f"Not going ahead: {action.dropped_reason}"
    if action.is_overdue(today):
        by = f", later than planned (it was due in {month(action.due_on)})"
    else:
        by = f", to finish by {month(action.due_on)}" if action.due_on else ""
    return f"Under way{by}" if action.status is ActionStatus.IN_PROGRESS else f"Planned{by}"


def plain_effect(effect: Effect) -> str:
    """'Supervision at least monthly: 44% in 2018, 50% in 2019: no clear change', in the words every output uses."""
    if not effect.measured or effect.before is None or effect.after is None:
        return ""
    before = format_number(effect.before.value, effect.is_percent, effect.unit)
    after = format_number(effect.after.value, effect.is_percent, effect.unit)
    text = f"{effect.title}: {before} in {effect.before_cycle}, {after} in {effect.after_cycle}"
    if effect.change is None:
        return text
    return f"{text}: {change_phrase(effect.change, effect.is_percent, effect.higher_is_better, effect.unit)}"


def thanks(content: ActionPlanContent) -> str:
    """The opening line: thanks to those who took part, with how many of how many."""
    cycle = content.cycle
    if not cycle.response_count:
        return "This is what this year's health check found, and what we are doing about it."
    took_part = f"{cycle.response_count} of you"
    if cycle.staff_invited and cycle.response_rate is not None:
        took_part += f" ({percent_text(cycle.response_rate)} of the {cycle.staff_invited} we asked)"
    return (
        f"Thank you to the {took_part} who took part in this year's health check. "
        "This is what you told us, and what we are doing about it."
    )


class _YouSaidWeDid:
    def __init__(self, content: ActionPlanContent):
        self.content = content
        self.styles: ReportStyles = report_styles()
        body = self.styles.body
        self.big = ParagraphStyle("yswd_big", parent=body, fontSize=11, leading=14.5)
        self.cell = ParagraphStyle("yswd_cell", parent=body, fontSize=10, leading=13, spaceAfter=2)
        self.bullet = ParagraphStyle("yswd_bullet", parent=self.cell, leftIndent=24, bulletIndent=12, bulletFontSize=9)
        self.cell_note = ParagraphStyle(
            "yswd_note", parent=self.styles.note, fontName="Helvetica", fontSize=9, leading=11.5
        )
        self.column_heading = ParagraphStyle(
            "yswd_heading", parent=body, fontName=BOLD, fontSize=11, leading=14, textColor=ACCENT, spaceAfter=0
        )

    def flowables(self) -> list[Flowable]:
        content, styles = self.content, self.styles
        flowables: list[Flowable] = [
            Paragraph("You said, we did", styles.title),
            *typed_text(
                f"Social Work Health Check {content.cycle.name} · {content.organisation.name}, "
                f"{content.organisation.service}",
                styles.subtitle,
            ),
            Paragraph(self._thanks(), self.big),
        ]
        improvements = [f for f in content.findings if f.kind is FindingKind.IMPROVEMENT][:MOST_IMPROVEMENTS]
        if improvements:
            flowables.append(Paragraph("What you told us needs to get better, and what we are doing", styles.heading))
            flowables.append(self._you_said_table(improvements))
        others = sorted(
            (
                p
                for p in content.actions
                if not p.action.finding_ids
                and p.action.status is not ActionStatus.DROPPED
                and p.action.raised_in_cycle_id == content.cycle.id
            ),
            key=lambda p: (SHOWN_FIRST[p.action.status], p.action.due_on or dt.date.max),
        )
        if others:
            flowables.append(Paragraph("We are also", styles.subheading))
            flowables += [flowable for p in others[:MOST_OTHER_ACTIONS] for flowable in self._status_line(p.action)]
        flowables += self._standards_scores()
        strengths = [f for f in content.findings if f.kind is FindingKind.STRENGTH][:MOST_STRENGTHS]
        if strengths:
            flowables.append(
                KeepTogetherWhenItFits(
                    [
                        Paragraph("What is going well", styles.heading),
                        *[flowable for f in strengths for flowable in typed_text(f.text, self.bullet, bullet="•")],
                    ]
                )
            )
        flowables += self._since_last_time()
        closing = [
            Spacer(1, 4 * mm),
            Paragraph(
                "Per cents are of those who answered each question. "
                "We call a change clear only when it is too big to be down to chance. "
                "Next year's health check will ask the same questions, "
                "so that we can all see whether these changes are working.",
                styles.note,
            ),
        ]
        # The closing note goes with what it follows: a second page never holds the note alone. (A section kept
        # together is opened up: reportlab cannot keep together a group that holds another.)
        last = flowables.pop()
        last_section = last._content if isinstance(last, KeepTogether) else [last]
        return [*flowables, KeepTogetherWhenItFits([*last_section, *closing])]

    def _thanks(self) -> str:
        return thanks(self.content)

    def _you_said_table(self, improvements) -> Table:
        rows: list[list] = [
            [Paragraph("You said", self.column_heading), Paragraph("What we are doing", self.column_heading)]
        ]
        for finding in improvements:
            answering = self.content.actions_answering(finding.id)
            doing: list[Flowable] = []
            for planned in answering:
                doing += typed_text(planned.action.title, self.cell, bold=True)
                doing += typed_text(self._status(planned.action), self.cell_note, end=".")
            if not doing:
                doing.append(Paragraph("No action agreed yet.", self.cell_note))
            rows.append([typed_text(finding.text, self.cell), doing])
        table = FlowingTable(rows, colWidths=[0.48 * CONTENT_WIDTH, 0.52 * CONTENT_WIDTH], repeatRows=1, hAlign="LEFT")
        table.setStyle(
            TableStyle(
                [
                    ("BACKGROUND", (0, 0), (-1, 0), SHADE),
                    ("LINEBELOW", (0, 0), (-1, -1), 0.5, RULE),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("TOPPADDING", (0, 0), (-1, -1), 4),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
                ]
            )
        )
        return table

    def _standards_scores(self) -> list[Flowable]:
        """Each Standard's score out of 100 in plain words, with its change since last time where there is one."""
        scores = [s for s in self.content.standard_scores if s.printed is not None]
        if not scores:
            return []
        rows: list[list] = [
            [
                Paragraph("Standard", self.column_heading),
                Paragraph("Score out of 100", self.column_heading),
                Paragraph("Since last time", self.column_heading),
            ]
        ]
        small = ParagraphStyle("yswd_score", parent=self.cell, fontSize=9.5, leading=11.5, spaceAfter=0)
        for score in scores:
            since = change_phrase(score.change, True, True) if score.change is not None else "first year"
            rows.append(
                [
                    Paragraph(markup(f"{score.standard.number} {score.standard.title}"), small),
                    Paragraph(f"{score.printed:.0f}, {score.band.value}", small),
                    Paragraph(markup(since), small),
                ]
            )
        table = FlowingTable(
            rows, colWidths=[0.5 * CONTENT_WIDTH, 0.22 * CONTENT_WIDTH, 0.28 * CONTENT_WIDTH], repeatRows=1
        )
        table.setStyle(
            TableStyle(
                [
                    ("BACKGROUND", (0, 0), (-1, 0), SHADE),
                    ("LINEBELOW", (0, 0), (-1, -1), 0.5, RULE),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("TOPPADDING", (0, 0), (-1, -1), 1),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
                ]
            )
        )
        return [
            KeepTogetherWhenItFits(
                [
                    Paragraph("How each Standard scored", self.styles.heading),
                    Paragraph(
                        "Your answers give each of the eight Standards for employers a score out of 100, as the "
                        "national health check scores them: 75 or more is high, 51 to 74 moderate, 50 or less low.",
                        self.cell,
                    ),
                    table,
                ]
            )
        ]

    def _since_last_time(self) -> list[Flowable]:
        content = self.content
        earlier = [p for p in content.previous_actions if p.action.status is not ActionStatus.DROPPED][
            :MOST_EARLIER_ACTIONS
        ]
        if not earlier or content.previous_cycle is None:
            return []
        items: list[Flowable] = []
        for planned in earlier:
            effects = [plain_effect(e) for e in planned.effects]
            effects = [e for e in effects if e]
            items += self._status_line(planned.action, " " + markup(". ".join(effects)) + "." if effects else "")
        return [
            KeepTogetherWhenItFits(
                [
                    *typed_text(
                        f"After the {content.previous_cycle.name} health check, we said we would", self.styles.heading
                    ),
                    *items,
                ]
            )
        ]

    def _status(self, action: Action) -> str:
        return plain_status(action, self.content.printed_on)

    def _status_line(self, action: Action, after: str = "") -> list[Flowable]:
        """'• **Action**: where it has got to.' as a bulleted paragraph (which, unlike a list's item, may run over a
        page); `after` is markup to follow it."""
        return typed_text(
            action.title, self.bullet, bold=True, bullet="•", end=f": {markup(self._status(action))}.{after}"
        )
