"""The action plan as an accessible document (Word or web page), from the same content as the printed plan and in its
words: the summary (counts by status, RAG and Standard; the overdue actions and those due soon), then the actions
under the Standards, each with the finding it answers and its figures, owner, due date, status, RAG as a word and
latest update. `action_plan_blocks` lays out the actions alone, for the findings report's appendix too."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ...domain.plurals import counted
from ...domain.progress import SILENT, Progress
from ...domain.records import ActionStatus
from ...domain.standards import edition
from ...domain.ukdates import format_uk_date
from ..content.action_plan import RAG_WORDS, ActionPlanContent, PlannedAction
from ..documents.blocks import NOTE, Document, Heading, Paragraph, Table
from ..documents.docx import write_docx
from ..documents.html import write_html
from .action_plan import COLUMNS, action_plan_furniture

SUMMARY_NOTE = (
    "RAG is the owner's rating of progress; an overdue action (past its due date and not complete) is always red. "
    "Per cents are of those who answered the question (the base). A change between years is called more than chance "
    "only when a significance test (p < 0.05) and the change's 95% range agree; otherwise it is 'no clear change'."
)


# The printed plan's columns, in proportion; the date columns a little wider, for a word processor's cell margins.
PLAN_SHARES = (0.24, 0.26, 0.11, 0.085, 0.095, 0.055, 0.155)


def write_action_plan_docx(content: ActionPlanContent, out: Path, progress: Progress = SILENT) -> Path:
    return write_docx(action_plan_document(content), out)


def write_action_plan_html(content: ActionPlanContent, out: Path, progress: Progress = SILENT) -> Path:
    return write_html(action_plan_document(content), out)


def action_plan_document(content: ActionPlanContent) -> Document:
    furniture = action_plan_furniture(content)
    organisation = content.organisation
    document = Document(
        title=f"Action plan: Social Work Health Check {content.cycle.name}",
        subtitle=f"{organisation.name}, {organisation.service} · printed {format_uk_date(content.printed_on)}",
        council=furniture.council,
        protective_marking=organisation.protective_marking,
        author=organisation.name,
        subject=furniture.subject,
        landscape=True,
    )
    blocks = document.blocks
    blocks.append(Heading(1, "Summary"))
    blocks += summary_blocks(content)
    blocks.append(Heading(1, "The plan under the Standards for Employers"))
    blocks.append(
        Paragraph(
            "Each action sits under the Standard for Employers of Social Workers it serves. Figures are from the "
            "health check that raised the finding; 'effect' compares the action's questions in that health check and "
            "the next.",
            style=NOTE,
        )
    )
    blocks += action_plan_blocks(content.actions, content.cycle.name, content.cycle.standards_edition, level=2)
    return document


def summary_blocks(content: ActionPlanContent) -> list:
    total = len(content.actions)
    if not total:
        return [Paragraph("There are no actions in this plan yet.")]
    carried = (
        f" and {content.carried_over} carried over from earlier health checks until they are complete"
        if content.carried_over
        else ""
    )
    blocks: list = [
        Paragraph(
            f"{counted(total, 'action')}: {total - content.carried_over} raised after the "
            f"{content.cycle.name} health check{carried}. {len(content.overdue)} overdue."
        ),
        Table("Actions by status", (("By status", "Actions"),), tuple((s, str(n)) for s, n in content.status_counts())),
        Table(
            "Actions by RAG",
            (("By RAG", "Actions"),),
            tuple((RAG_WORDS[rag], str(n)) for rag, n in content.rag_counts()),
        ),
        Table(
            "Actions by Standard for Employers",
            (("By Standard for Employers", "Actions", "Open", "Overdue"),),
            tuple(
                (f"{n}. {content.edition.title(n)}", str(a), str(o), str(d)) for n, a, o, d in content.standard_counts()
            ),
        ),
        Heading(2, "Overdue actions"),
    ]
    blocks += _action_list(content.overdue, content, "No action is overdue.", "Overdue actions")
    if content.due_soon:
        blocks.append(Heading(2, "Due in the next three months"))
        blocks += _action_list(content.due_soon, content, "", "Actions due in the next three months")
    else:
        blocks.append(Paragraph("No other open action is due in the next three months."))
    blocks.append(Paragraph(SUMMARY_NOTE, style=NOTE))
    return blocks


def _action_list(listed: list[PlannedAction], content: ActionPlanContent, none: str, caption: str) -> list:
    if not listed:
        return [Paragraph(none)]
    rows = []
    for planned in listed:
        action = planned.action
        due = format_uk_date(action.due_on)
        if planned.overdue and action.due_on:
            days = (content.printed_on - action.due_on).days
            due = f"{due}, {counted(days, 'day')} overdue"
        rows.append(
            (
                action.title,
                f"{action.standard}. {content.edition.title(action.standard)}",
                action.owner or "Not set",
                due,
                planned.status_text,
                latest_update(planned),
            )
        )
    header = (("Action", "Standard", "Owner", "Due", "Status", "Latest update"),)
    return [Table(caption, header, tuple(rows), numeric_from=99, shares=(0.26, 0.2, 0.15, 0.1, 0.09, 0.2))]


def action_plan_blocks(actions: Sequence[PlannedAction], cycle_name: str, edition_id: str | None, level: int) -> list:
    """One table a Standard, headed by it, with a row for each action (its header row repeated on every page)."""
    blocks: list = []
    for standard in sorted({p.action.standard for p in actions}):
        under = [p for p in actions if p.action.standard == standard]
        label = edition(edition_id).label(standard)
        blocks.append(Heading(level, label))
        rows = tuple(_action_row(p, cycle_name) for p in under)
        blocks.append(Table(f"Actions under {label}", (COLUMNS,), rows, numeric_from=99, shares=PLAN_SHARES))
    return blocks


def _action_row(planned: PlannedAction, cycle_name: str) -> tuple[str, ...]:
    action = planned.action
    what = [action.title]
    if action.description:
        what.append(action.description)
    if action.status is ActionStatus.DROPPED:
        what.append(f"Dropped: {action.dropped_reason}")
    if planned.raised_in != cycle_name:
        what.append(f"Carried over from the {planned.raised_in} health check")
    due = format_uk_date(action.due_on) or "Not set"
    return (
        "\n".join(what),
        finding_text(planned),
        action.owner or "Not set",
        f"{due}\noverdue" if planned.overdue else due,
        planned.status_text,
        planned.rag_word,
        latest_update(planned, whole=True),
    )


def finding_text(planned: PlannedAction) -> str:
    """The finding an action answers, its figures and effects, as the printed plan's cell says them."""
    lines = [finding.text for finding in planned.findings]
    lines += [f"Figure: {figure.line()}" for figure in planned.figures]
    lines += [f"Effect: {effect}" for effect in planned.effects_measured]
    if planned.to_retest:
        lines.append(f"To re-test in the next health check: {planned.to_retest}")
    return "\n".join(lines) or "No finding linked"


def latest_update(planned: PlannedAction, whole: bool = False) -> str:
    from ..long_text import shortened
    from .action_plan import SUMMARY_TEXT_LENGTH

    latest = planned.action.latest_update
    if latest is None:
        return "No update yet"
    words = latest.text if whole else shortened(latest.text, SUMMARY_TEXT_LENGTH)
    return f"{format_uk_date(latest.written_on)}: {words}"
