"""What the Action plan page shows, worked out without Qt: each action's effect in a few words, the figures and
effects worked out in the background, and an action described in full for the detail pane."""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..analysis.changes import NO_CLEAR_CHANGE
from ..analysis.evidence import Effect, Figure
from ..domain.questionnaire import standard_label
from ..domain.records import Action, ActionStatus, Cycle, Finding
from ..domain.ukdates import format_uk_date
from ..storage import HealthCheckFile

if TYPE_CHECKING:
    from ..outputs.content.action_plan import PlanEvidence


def effect_summary(effects: tuple[Effect, ...]) -> str:
    """The Effect column: what happened to the action's questions in the health check after it, in a few words."""
    if not effects:
        return ""
    measured = [e for e in effects if e.measured and e.change is not None]
    if not measured:
        waiting = any(e.after_cycle is None and e.before is not None for e in effects)
        return "Re-test next time" if waiting else "No figure to compare"
    words = []
    for effect in measured:
        change = effect.change
        assert change is not None
        if not change.more_than_chance:
            words.append(NO_CLEAR_CHANGE)
        elif effect.higher_is_better is None:
            words.append("up" if change.difference > 0 else "down")
        else:
            words.append("better" if (change.difference > 0) == effect.higher_is_better else "worse")
    if len(set(words)) == 1:
        return words[0].capitalize()
    return ", ".join(f"{w} {words.count(w)}" for w in dict.fromkeys(words)).capitalize()


@dataclass(frozen=True)
class PlanFigures:
    """What the page works out in the background: each action's findings, figures and effects, and the figures of
    the findings the editor offers."""

    evidence: dict[int, "PlanEvidence"] = field(default_factory=dict)
    finding_figures: dict[int, tuple[Figure, ...]] = field(default_factory=dict)


def plan_figures(hc: HealthCheckFile, cycle: Cycle, actions: list[Action]) -> PlanFigures:
    from ..analysis.evidence import FigureReader
    from ..outputs.content.action_plan import plan_evidence

    reader = FigureReader(hc)
    evidence = plan_evidence(hc, actions, reader)
    cycles = {cycle.id} | {a.raised_in_cycle_id for a in actions}
    findings = [f for cycle_id in sorted(cycles) for f in hc.findings.for_cycle(cycle_id)]
    return PlanFigures(evidence, {f.id: tuple(reader.finding_figures(f)) for f in findings})


def status_text(action: Action) -> str:
    """The Status column: 'Complete 3 March 2027', or the status's name."""
    if action.status is ActionStatus.COMPLETE and action.completed_on:
        return f"Complete {format_uk_date(action.completed_on)}"
    return action.status.label


def action_html(
    action: Action,
    today: dt.date,
    cycle_names: Mapping[int, str],
    figures: PlanFigures,
    findings: Sequence[Finding],
    edition_id: str | None = None,
    update_links: bool = False,
) -> str:
    """The detail pane: what will be done, what it answers (its findings, their figures, its effect) and its
    progress, as the HTML a text view shows, its Standard in the edition given (the shown cycle's). With
    `update_links`, each progress update has links to edit or delete it (`edit-update:ID`, `delete-update:ID`)."""
    escape = html.escape
    rag = action.effective_rag(today)
    due = format_uk_date(action.due_on) or "no date set"
    if action.is_overdue(today):
        due = f"<span style='color:#a4262c'><b>{due}: overdue</b></span>"
    parts = [
        f"<h3 style='margin:0'>{escape(action.title)}</h3>",
        f"<p>{escape(standard_label(action.standard, edition_id))}<br>"
        f"Owner: {escape(action.owner or 'not set')} · Due: {due} · "
        f"Status: {escape(status_text(action))} · RAG: {rag.value.capitalize() if rag else 'not set'}"
        f" · Raised in {escape(cycle_names.get(action.raised_in_cycle_id, ''))}</p>",
    ]
    if action.status is ActionStatus.DROPPED:
        parts.append(f"<p><b>Dropped:</b> {escape(action.dropped_reason)}</p>")
    if action.description:
        parts.append(f"<p>{escape(action.description)}</p>")
    evidence = figures.evidence.get(action.id)
    linked = list(evidence.findings) if evidence else [f for f in findings if f.id in action.finding_ids]
    if linked:
        parts.append("<p><b>Answers:</b> " + "; ".join(escape(f.text) for f in linked) + "</p>")
    if evidence and evidence.figures:
        parts.append(
            "<p><b>Figures:</b></p><ul>" + "".join(f"<li>{escape(f.full())}</li>" for f in evidence.figures) + "</ul>"
        )
    if evidence and evidence.effects:
        parts.append(
            "<p><b>Effect on its questions</b> (the health check that raised it, and the next):</p><ul>"
            + "".join(f"<li>{escape(e.text())}</li>" for e in evidence.effects)
            + "</ul>"
        )
    elif action.question_codes:
        parts.append("<p><b>Questions:</b> " + ", ".join(escape(c) for c in action.question_codes) + "</p>")
    if action.updates:
        items = "".join(
            f"<li>{format_uk_date(u.written_on)}: {escape(u.text)}"
            + (
                f" <a href='edit-update:{u.id}'>Edit</a> · <a href='delete-update:{u.id}'>Delete</a>"
                if update_links
                else ""
            )
            + "</li>"
            for u in reversed(action.updates)
        )
        parts.append(f"<p><b>Progress</b></p><ul>{items}</ul>")
    else:
        parts.append("<p style='color:gray'>No progress updates yet.</p>")
    return "".join(parts)
