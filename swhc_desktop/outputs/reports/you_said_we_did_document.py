"""'You said, we did' as an accessible document (Word or web page), from the same content as the printed hand-out and
in its words: the main areas for improvement and what is being done about each, how each Standard scored, what is
going well, and what came of last year's actions."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ...analysis.changes import change_phrase
from ...domain.progress import SILENT, Progress
from ...domain.records import ActionStatus, FindingKind
from ..content.action_plan import ActionPlanContent
from ..documents.blocks import BULLET, NOTE, Document, Heading, Paragraph, Table
from ..documents.docx import write_docx
from ..documents.html import write_html
from .you_said_we_did import (
    MOST_EARLIER_ACTIONS,
    MOST_IMPROVEMENTS,
    MOST_OTHER_ACTIONS,
    MOST_STRENGTHS,
    SHOWN_FIRST,
    plain_effect,
    plain_status,
    thanks,
    you_said_we_did_furniture,
)

CLOSING_NOTE = (
    "Per cents are of those who answered each question. We call a change clear only when it is too big to be down to "
    "chance. Next year's health check will ask the same questions, so that we can all see whether these changes are "
    "working."
)
SCORES_INTRODUCTION = (
    "Your answers give each of the eight Standards for employers a score out of 100, as the national health check "
    "scores them: 75 or more is high, 51 to 74 moderate, 50 or less low."
)


def write_you_said_we_did_docx(content: ActionPlanContent, out: Path, progress: Progress = SILENT) -> Path:
    return write_docx(you_said_we_did_document(content), out)


def write_you_said_we_did_html(content: ActionPlanContent, out: Path, progress: Progress = SILENT) -> Path:
    return write_html(you_said_we_did_document(content), out)


def you_said_we_did_document(content: ActionPlanContent) -> Document:
    furniture = you_said_we_did_furniture(content)
    organisation = content.organisation
    document = Document(
        title="You said, we did",
        subtitle=f"Social Work Health Check {content.cycle.name} · {organisation.name}, {organisation.service}",
        council=organisation.name,
        protective_marking=organisation.protective_marking,
        author=organisation.name,
        subject=furniture.subject,
    )
    blocks = document.blocks
    blocks.append(Paragraph(thanks(content)))
    today = content.printed_on
    improvements = [f for f in content.findings if f.kind is FindingKind.IMPROVEMENT][:MOST_IMPROVEMENTS]
    if improvements:
        blocks.append(Heading(1, "What you told us needs to get better, and what we are doing"))
        rows = []
        for finding in improvements:
            doing = [
                f"{p.action.title}\n{plain_status(p.action, today)}." for p in content.actions_answering(finding.id)
            ]
            rows.append((finding.text, "\n".join(doing) or "No action agreed yet."))
        blocks.append(
            Table(
                "You said, and what we are doing",
                (("You said", "What we are doing"),),
                tuple(rows),
                numeric_from=99,
                shares=(0.48, 0.52),
            )
        )
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
        blocks.append(Heading(2 if improvements else 1, "We are also"))
        blocks += [
            Paragraph(f": {plain_status(p.action, today)}.", style=BULLET, lead=p.action.title)
            for p in others[:MOST_OTHER_ACTIONS]
        ]
    scores = [s for s in content.standard_scores if s.printed is not None]
    if scores:
        blocks += [
            Heading(1, "How each Standard scored"),
            Paragraph(SCORES_INTRODUCTION),
            Table(
                "Each Standard's score out of 100",
                (("Standard", "Score out of 100", "Since last time"),),
                tuple(
                    (
                        f"{s.standard.number} {s.standard.title}",
                        f"{s.printed:.0f}, {s.band.value}",
                        change_phrase(s.change, True, True) if s.change is not None else "first year",
                    )
                    for s in scores
                ),
                numeric_from=99,
                shares=(0.5, 0.22, 0.28),
            ),
        ]
    strengths = [f for f in content.findings if f.kind is FindingKind.STRENGTH][:MOST_STRENGTHS]
    if strengths:
        blocks.append(Heading(1, "What is going well"))
        blocks += [Paragraph(f.text, style=BULLET) for f in strengths]
    earlier = [p for p in content.previous_actions if p.action.status is not ActionStatus.DROPPED][
        :MOST_EARLIER_ACTIONS
    ]
    if earlier and content.previous_cycle is not None:
        blocks.append(Heading(1, f"After the {content.previous_cycle.name} health check, we said we would"))
        for planned in earlier:
            effects = [e for e in (plain_effect(effect) for effect in planned.effects) if e]
            after = " " + ". ".join(effects) + "." if effects else ""
            blocks.append(
                Paragraph(f": {plain_status(planned.action, today)}.{after}", style=BULLET, lead=planned.action.title)
            )
    blocks.append(Paragraph(CLOSING_NOTE, style=NOTE))
    return document
