"""What the printed action plan, 'You said, we did' and the action plan export show, read from the file in one go
(so that writing them needs no file access): each action of a cycle's plan with the findings it answers, their
figures, its effect on its questions, its RAG on the day, and the counts a summary needs."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from ...analysis.evidence import Effect, Figure, FigureReader, evidence_keys, format_number, question_key
from ...analysis.standard_scores import StandardScore, standard_scores
from ...domain.progress import SILENT, Progress
from ...domain.records import Action, ActionStatus, Cycle, Finding, Organisation, Rag
from ...domain.standards import STANDARD_NUMBERS, Edition, edition
from ...storage import HealthCheckFile

RAG_WORDS = {Rag.RED: "Red", Rag.AMBER: "Amber", Rag.GREEN: "Green", None: "Not set"}
DUE_SOON_DAYS = 91  # 'due in the next three months'


@dataclass(frozen=True)
class PlannedAction:
    """One action as the plan prints it, worked out for the day it is printed."""

    action: Action
    raised_in: str  # the cycle that raised it
    findings: tuple[Finding, ...]  # the findings it answers
    figures: tuple[Figure, ...]  # what those findings rest on, each once
    effects: tuple[Effect, ...]  # its questions before and after
    rag: Rag | None
    overdue: bool
    standard_title: str = ""  # its Standard's title in the edition of the plan's cycle

    @property
    def rag_word(self) -> str:
        return RAG_WORDS[self.rag]

    @property
    def status_text(self) -> str:
        action = self.action
        if action.status is ActionStatus.COMPLETE and action.completed_on:
            return f"Complete {action.completed_on.strftime('%d/%m/%Y')}"
        return action.status.label

    @property
    def effects_measured(self) -> list[str]:
        """Each effect of the action with a figure after it, or nothing to compare with, as the plan prints it."""
        return [e.text() for e in self.effects if e.measured or e.after_cycle is not None or e.before is None]

    @property
    def to_retest(self) -> str:
        """The questions to ask again in the next health check, each with its figure before when the plan does not
        already show it; '' when none."""
        shown = {f.key for f in self.figures}
        waiting = []
        for effect in self.effects:
            if effect.measured or effect.after_cycle is not None or effect.before is None:
                continue
            if question_key(effect.question_code) in shown:
                waiting.append(effect.title)
            else:
                before = format_number(effect.before.value, effect.is_percent, effect.unit)
                waiting.append(f"{effect.title} ({before} in {effect.before_cycle})")
        return "; ".join(waiting)


@dataclass(frozen=True)
class PlanEvidence:
    """The figures of an action's findings and its effects, as the Action plan page shows them."""

    figures: tuple[Figure, ...] = ()
    effects: tuple[Effect, ...] = ()
    findings: tuple[Finding, ...] = ()


@dataclass(frozen=True)
class ActionPlanContent:
    organisation: Organisation
    cycle: Cycle
    printed_on: dt.date
    actions: tuple[PlannedAction, ...]  # in the order of the Standards
    findings: tuple[Finding, ...]  # the cycle's own findings, strengths first, in the PSW's order
    finding_figures: dict[int, tuple[Figure, ...]] = field(default_factory=dict)
    previous_cycle: Cycle | None = None
    previous_actions: tuple[PlannedAction, ...] = ()  # every action raised after the cycle before, for staff
    standard_scores: tuple[StandardScore, ...] = ()  # the cycle's score for each Standard, for staff

    @property
    def edition(self) -> Edition:
        """The edition of the Standards the plan is printed under: its cycle's."""
        return edition(self.cycle.standards_edition)

    @property
    def standards(self) -> list[int]:
        """The Standards that have actions, in order: the headings of the plan."""
        return sorted({p.action.standard for p in self.actions})

    def under(self, standard: int) -> list[PlannedAction]:
        return [p for p in self.actions if p.action.standard == standard]

    @property
    def overdue(self) -> list[PlannedAction]:
        return sorted((p for p in self.actions if p.overdue), key=lambda p: (p.action.due_on, p.action.standard))

    @property
    def due_soon(self) -> list[PlannedAction]:
        """Open actions, not yet overdue, due within three months of the day the plan is printed."""
        horizon = self.printed_on + dt.timedelta(days=DUE_SOON_DAYS)
        soon = [
            p
            for p in self.actions
            if p.action.is_open() and not p.overdue and p.action.due_on is not None and p.action.due_on <= horizon
        ]
        return sorted(soon, key=lambda p: (p.action.due_on, p.action.standard))

    def status_counts(self) -> list[tuple[str, int]]:
        counts = Counter(p.action.status for p in self.actions)
        return [(status.label, counts[status]) for status in ActionStatus]

    def rag_counts(self) -> list[tuple[Rag | None, int]]:
        counts = Counter(p.rag for p in self.actions)
        return [(rag, counts[rag]) for rag in (Rag.RED, Rag.AMBER, Rag.GREEN, None)]

    def standard_counts(self) -> list[tuple[int, int, int, int]]:
        """(Standard, actions, open, overdue) for each of the eight Standards."""
        rows = []
        for number in STANDARD_NUMBERS:
            under = self.under(number)
            rows.append((number, len(under), sum(p.action.is_open() for p in under), sum(p.overdue for p in under)))
        return rows

    @property
    def carried_over(self) -> int:
        return sum(p.action.raised_in_cycle_id != self.cycle.id for p in self.actions)

    def actions_answering(self, finding_id: int) -> list[PlannedAction]:
        return [p for p in self.actions if finding_id in p.action.finding_ids]


def plan_evidence(
    hc: HealthCheckFile, actions: list[Action], reader: FigureReader | None = None, progress: Progress = SILENT
) -> dict[int, PlanEvidence]:
    """For each action: the findings it answers (whatever their cycle), their figures and its effects."""
    reader = reader or FigureReader(hc)
    findings = {f.id: f for f in hc.findings.by_ids(sorted({i for a in actions for i in a.finding_ids}))}
    evidence = {}
    for done, action in enumerate(actions):
        progress.step(done, len(actions), "Working out the figures of each action")
        answered = tuple(findings[i] for i in action.finding_ids if i in findings)
        figures: dict[str, Figure] = {}
        for finding in answered:
            cycle = reader.cycle(finding.cycle_id)
            for key in evidence_keys(finding):
                figures.setdefault(f"{finding.cycle_id}/{key}", reader.figure(cycle, key))
        evidence[action.id] = PlanEvidence(tuple(figures.values()), tuple(reader.effects(action)), answered)
    return evidence


def read_action_plan(
    hc: HealthCheckFile,
    cycle: Cycle,
    today: dt.date | None = None,
    progress: Progress = SILENT,
    with_scores: bool = True,
) -> ActionPlanContent:
    """Everything the plan prints for a cycle: its actions (those carried over included), their findings, figures
    and effects, and the cycle's own findings with their figures; with `with_scores`, the Standards' scores too
    (a reader that has its own, as the findings report does, need not work them out again)."""
    today = today or dt.date.today()
    reader = FigureReader(hc)
    cycles = reader.cycles
    actions = hc.actions.plan_for(cycle, cycles)
    previous = reader.previous(cycle)
    earlier = [a for a in hc.actions.for_cycle(previous.id)] if previous else []
    evidence = plan_evidence(hc, actions + [a for a in earlier if a not in actions], reader, progress)
    names = {c.id: c.name for c in cycles}

    def planned(action: Action) -> PlannedAction:
        found = evidence[action.id]
        return PlannedAction(
            action,
            names.get(action.raised_in_cycle_id, ""),
            found.findings,
            found.figures,
            found.effects,
            action.effective_rag(today),
            action.is_overdue(today),
            edition(cycle.standards_edition).title(action.standard),
        )

    findings = tuple(hc.findings.for_cycle(cycle.id))
    figures = {f.id: tuple(reader.finding_figures(f)) for f in findings}
    return ActionPlanContent(
        hc.organisation.get(),
        cycle,
        today,
        tuple(planned(a) for a in actions),
        findings,
        figures,
        previous,
        tuple(planned(a) for a in earlier),
        standard_scores(hc, cycle) if with_scores and cycle.response_count else (),
    )
