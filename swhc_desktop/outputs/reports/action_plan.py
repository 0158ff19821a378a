"""The action plan for the management team: A4 landscape, a one-page summary (counts by status and RAG, actions by
Standard, the overdue list), then the actions under the Standards for Employers, each with the finding it answers
and its figure, owner, due date, status, RAG and latest update.

`action_plan_tables` lays out the actions alone, at any width, for other documents (the findings report prints the
plan as an appendix).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepInFrame, PageBreak, Paragraph, Spacer, Table, TableStyle

from ...domain.plurals import counted
from ...domain.progress import SILENT, Progress
from ...domain.records import ActionStatus, Rag
from ...domain.standards import edition
from ...domain.ukdates import format_uk_date
from ..content.action_plan import RAG_WORDS, ActionPlanContent, PlannedAction
from ..long_text import markup, shortened, typed_text
from .flowing_table import ContinuedCell, FlowingTable
from .pdf_furniture import (
    A4_LANDSCAPE,
    ACCENT,
    BOLD,
    CONTENT_HEIGHT,
    INK,
    LANDSCAPE_CONTENT_HEIGHT,
    LANDSCAPE_CONTENT_WIDTH,
    MUTED,
    RULE,
    SHADE,
    PageFurniture,
    ReportStyles,
    build_pdf,
    report_styles,
)

# Light fills, so that the word on them reads in black and the three still differ when printed in grey.
RAG_FILLS = {
    Rag.RED: colors.HexColor("#f2b8b5"),
    Rag.AMBER: colors.HexColor("#fde3a7"),
    Rag.GREEN: colors.HexColor("#c9e7d3"),
    None: colors.white,
}
OVERDUE_INK = colors.HexColor("#8b1a1a")  # dark red: bold and dark enough to stand out in greyscale too

COLUMNS = ("Action", "Finding it answers, with its figures", "Owner", "Due", "Status", "RAG", "Latest update")
# A date, a status and a RAG word need the same room at any width; the columns of words share what is left.
FIXED_WIDTHS = {"Due": 19 * mm, "Status": 20 * mm, "RAG": 14 * mm}
SHARES = {"Action": 0.32, "Finding it answers, with its figures": 0.34, "Owner": 0.14, "Latest update": 0.20}


# An owner such as "Practice Development Lead" needs this much not to break inside a word on a portrait page.
OWNER_MINIMUM = 25 * mm


def column_widths(width: float) -> list[float]:
    """The plan's column widths for a table `width` wide: A4 landscape, or portrait in another document."""
    left = width - sum(FIXED_WIDTHS.values())
    owner = max(SHARES["Owner"] * left, OWNER_MINIMUM)
    others = sum(share for column, share in SHARES.items() if column != "Owner")
    widths = {c: SHARES[c] / others * (left - owner) for c in SHARES if c != "Owner"} | {"Owner": owner}
    return [FIXED_WIDTHS[c] if c in FIXED_WIDTHS else widths[c] for c in COLUMNS]


def action_plan_furniture(content: ActionPlanContent) -> PageFurniture:
    organisation = content.organisation
    return PageFurniture(
        council=f"{organisation.name} · {organisation.service}",
        protective_marking=organisation.protective_marking,
        document_name=f"Social Work Health Check {content.cycle.name}: action plan",
        subject="Action plan under the Standards for Employers of Social Workers",
        top_right=f"Action plan {content.cycle.name} · printed {format_uk_date(content.printed_on)}",
    )


def write_action_plan(content: ActionPlanContent, out: Path, progress: Progress = SILENT) -> Path:
    """Each action's row is kept whole on one page; a row too tall for a page (an essay of a description or of a
    progress update) runs on over the pages it needs, each part after the first headed with the action's name."""
    styles = report_styles()
    # The summary is one page whatever the plan holds: a long plan's lists are cut short (pointing to the plan) and,
    # as a last resort, the page is drawn a little smaller rather than run on to a second. Its title, which holds
    # the council's name, is printed whole above it.
    flowables: list[Flowable] = summary_title(content, styles)
    flowables.append(CondPageBreak(LANDSCAPE_CONTENT_HEIGHT * 0.6))
    flowables.append(KeepInFrame(LANDSCAPE_CONTENT_WIDTH, 0, summary_page(content, styles), mode="shrink"))
    flowables.append(PageBreak())
    flowables.append(Paragraph("The plan under the Standards for Employers", styles.heading))
    flowables.append(
        Paragraph(
            "Each action sits under the Standard for Employers of Social Workers it serves. "
            "Figures are from the health check that raised the finding; "
            "'effect' compares the action's questions in that health check and the next.",
            styles.note,
        )
    )
    flowables.append(Spacer(1, 2 * mm))
    flowables += action_plan_tables(
        content.actions,
        styles,
        LANDSCAPE_CONTENT_WIDTH,
        content.cycle.name,
        LANDSCAPE_CONTENT_HEIGHT,
        edition_id=content.cycle.standards_edition,
    )
    return build_pdf(out, action_plan_furniture(content), flowables, progress, pagesize=A4_LANDSCAPE)


# --------------------------------------------------------------------------- the summary page


def summary_title(content: ActionPlanContent, styles: ReportStyles) -> list[Flowable]:
    organisation = content.organisation
    return [
        *typed_text(f"Action plan: Social Work Health Check {content.cycle.name}", styles.title),
        *typed_text(
            f"{organisation.name}, {organisation.service} · printed {format_uk_date(content.printed_on)}",
            styles.subtitle,
        ),
    ]


def summary_page(content: ActionPlanContent, styles: ReportStyles) -> list[Flowable]:
    total = len(content.actions)
    raised = total - content.carried_over
    flowables: list[Flowable] = []
    if not total:
        flowables.append(Paragraph("There are no actions in this plan yet.", styles.body))
        return flowables
    carried = (
        f" and {content.carried_over} carried over from earlier health checks until they are complete"
        if content.carried_over
        else ""
    )
    flowables.append(
        Paragraph(
            f"<b>{counted(total, 'action')}</b>: {raised} raised after the {markup(content.cycle.name)} "
            f"health check{carried}. <b>{len(content.overdue)} overdue.</b>",
            styles.body,
        )
    )
    flowables.append(Spacer(1, 2 * mm))
    flowables.append(_count_tables(content, styles))
    flowables.append(Spacer(1, 5 * mm))
    flowables += _action_list("Overdue actions", content.overdue, content, styles, "No action is overdue.")
    flowables.append(Spacer(1, 3 * mm))
    if content.due_soon:
        flowables += _action_list("Due in the next three months", content.due_soon, content, styles, "")
    else:
        flowables.append(Paragraph("No other open action is due in the next three months.", styles.body))
    flowables.append(Spacer(1, 4 * mm))
    flowables.append(
        Paragraph(
            "RAG is the owner's rating of progress; an overdue action (past its due date and not complete) is always "
            "red. Per cents are of those who answered the question (the base). "
            "A change between years is called more than chance only when a significance test (p &lt; 0.05) "
            "and the change's 95% range agree; otherwise it is 'no clear change'.",
            styles.note,
        )
    )
    return flowables


def _small_table(
    rows: list[list],
    widths: list[float],
    styles: ReportStyles,
    fills: dict[int, colors.Color] | None = None,
) -> Table:
    table = Table(rows, colWidths=widths, hAlign="LEFT")
    commands = [
        ("FONT", (0, 0), (-1, -1), "Helvetica", 9),
        ("FONT", (0, 0), (-1, 0), BOLD, 9),
        ("TEXTCOLOR", (0, 0), (-1, -1), INK),
        ("BACKGROUND", (0, 0), (-1, 0), SHADE),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
        ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
    ]
    for row, fill in (fills or {}).items():
        commands.append(("BACKGROUND", (0, row), (0, row), fill))
    table.setStyle(TableStyle(commands))
    return table


def _count_tables(content: ActionPlanContent, styles: ReportStyles) -> Table:
    status = _small_table(
        [["By status", "Actions"]] + [[label, str(n)] for label, n in content.status_counts()],
        [32 * mm, 18 * mm],
        styles,
    )
    rag_rows = content.rag_counts()
    rag = _small_table(
        [["By RAG", "Actions"]] + [[RAG_WORDS[r], str(n)] for r, n in rag_rows],
        [32 * mm, 18 * mm],
        styles,
        {i + 1: RAG_FILLS[r] for i, (r, _) in enumerate(rag_rows)},
    )
    by_standard = _small_table(
        [["By Standard for Employers", "Actions", "Open", "Overdue"]]
        + [
            [Paragraph(markup(f"{n}. {content.edition.title(n)}"), styles.table_text), str(a), str(o), str(d)]
            for n, a, o, d in content.standard_counts()
        ],
        [88 * mm, 17 * mm, 14 * mm, 17 * mm],
        styles,
    )
    holder = Table([[status, rag, by_standard]], colWidths=[58 * mm, 58 * mm, 140 * mm], hAlign="LEFT")
    holder.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    return holder


SUMMARY_LIST_LIMIT = 6  # rows of a summary list; the rest are in the plan itself
SUMMARY_TEXT_LENGTH = 150  # characters of an action's title, owner or update in a summary list; all are in the plan


def _action_list(
    title: str, listed: list[PlannedAction], content: ActionPlanContent, styles: ReportStyles, none: str
) -> list[Flowable]:
    """A short table of actions for the summary: the overdue ones, or those due soon."""
    flowables: list[Flowable] = [Paragraph(title, styles.subheading)]
    if not listed:
        flowables.append(Paragraph(none, styles.body))
        return flowables
    more = len(listed) - SUMMARY_LIST_LIMIT
    listed = listed[:SUMMARY_LIST_LIMIT]
    text = styles.table_text
    heading = ParagraphStyle("summary_heading", parent=styles.table_heading, alignment=0)
    rows: list[list] = [
        [Paragraph(h, heading) for h in ("Action", "Standard", "Owner", "Due", "Status", "Latest update")]
    ]
    for planned in listed:
        action = planned.action
        due = format_uk_date(action.due_on)
        if planned.overdue and action.due_on:
            days = (content.printed_on - action.due_on).days
            due = f"<b>{due}</b><br/>{counted(days, 'day')} overdue"
        rows.append(
            [
                Paragraph(f"<b>{markup(shortened(action.title, SUMMARY_TEXT_LENGTH))}</b>", text),
                Paragraph(markup(f"{action.standard}. {content.edition.title(action.standard)}"), text),
                Paragraph(markup(shortened(action.owner or "Not set", SUMMARY_TEXT_LENGTH)), text),
                Paragraph(due, text),
                Paragraph(markup(planned.status_text), text),
                Paragraph(_latest_update(planned, SUMMARY_TEXT_LENGTH), text),
            ]
        )
    widths = [w * LANDSCAPE_CONTENT_WIDTH for w in (0.26, 0.2, 0.15, 0.1, 0.09, 0.2)]
    table = Table(rows, colWidths=widths, repeatRows=1, hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, 0), SHADE),
                ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 2.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    flowables.append(table)
    if more > 0:
        flowables.append(Paragraph(f"… and {more} more, listed under their Standards in the plan.", styles.note))
    return flowables


# --------------------------------------------------------------------------- the plan itself


def action_plan_tables(
    actions: Sequence[PlannedAction],
    styles: ReportStyles,
    width: float,
    cycle_name: str = "",
    page_height: float = CONTENT_HEIGHT,
    edition_id: str | None = None,
) -> list[Flowable]:
    """The actions under their Standards: one table a Standard, headed by it, whose heading and column headings
    are repeated on every page the table runs on to. An action raised before the cycle `cycle_name` says so. An
    action's row is kept on one page when it fits on one (`page_height` high); a longer one runs on over pages."""
    flowables: list[Flowable] = []
    widths = column_widths(width)
    cells = _CellStyles(styles)
    for standard in sorted({p.action.standard for p in actions}):
        under = [p for p in actions if p.action.standard == standard]
        rows: list[list] = [
            [Paragraph(markup(edition(edition_id).label(standard)), cells.standard)] + [""] * (len(COLUMNS) - 1),
            [Paragraph(h, cells.heading) for h in COLUMNS],
        ]
        rows += [_action_row(p, cells, cycle_name) for p in under]
        table = FlowingTable(rows, colWidths=widths, repeatRows=2, hAlign="LEFT", page_height=page_height)
        commands = [
            ("SPAN", (0, 0), (-1, 0)),
            ("BACKGROUND", (0, 0), (-1, 0), ACCENT),
            ("BACKGROUND", (0, 1), (-1, 1), SHADE),
            ("LINEBELOW", (0, 1), (-1, -1), 0.4, RULE),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("TOPPADDING", (0, 0), (-1, -1), 3),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ("LEFTPADDING", (0, 0), (-1, -1), 4),
            ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ]
        for row, planned in enumerate(under, start=2):
            commands.append(("BACKGROUND", (5, row), (5, row), RAG_FILLS[planned.rag]))
        table.setStyle(TableStyle(commands))
        flowables += [table, Spacer(1, 5 * mm)]
    return flowables


class _CellStyles:
    def __init__(self, styles: ReportStyles):
        text = ParagraphStyle("plan_text", parent=styles.table_text, fontSize=8.5, leading=10.5)
        self.text = text
        self.small = ParagraphStyle(
            "plan_small", parent=text, fontSize=7.5, leading=9.2, textColor=MUTED, spaceBefore=1.5
        )
        self.heading = ParagraphStyle("plan_heading", parent=styles.table_heading, alignment=0, fontSize=8)
        self.standard = ParagraphStyle(
            "plan_standard", parent=text, fontName=BOLD, fontSize=10, leading=12, textColor=colors.white
        )
        self.rag = ParagraphStyle("plan_rag", parent=text, fontName=BOLD, alignment=1)
        self.overdue = ParagraphStyle("plan_overdue", parent=text, fontName=BOLD, textColor=OVERDUE_INK)


CONTINUED_TITLE_LENGTH = 60  # characters of the action's title heading each page its row runs on to


def _action_row(planned: PlannedAction, cells: _CellStyles, cycle_name: str) -> list:
    action = planned.action
    what = typed_text(action.title, cells.text, bold=True)
    if action.description:
        what += typed_text(action.description, cells.small)
    if action.status is ActionStatus.DROPPED:
        what += typed_text(action.dropped_reason, cells.small, lead="<b>Dropped:</b> ")
    if planned.raised_in != cycle_name:
        what += typed_text(f"Carried over from the {planned.raised_in} health check", cells.small, italic=True)
    due = format_uk_date(action.due_on) or "Not set"
    due_cell = Paragraph(f"{due}<br/>overdue", cells.overdue) if planned.overdue else Paragraph(due, cells.text)
    return [
        ContinuedCell(what, f"{markup(shortened(action.title, CONTINUED_TITLE_LENGTH))} (continued)"),
        _finding_cell(planned, cells),
        typed_text(action.owner or "Not set", cells.text),
        due_cell,
        Paragraph(markup(planned.status_text), cells.text),
        Paragraph(planned.rag_word, cells.rag),
        _latest_update_paragraphs(planned, cells.text),
    ]


def _finding_cell(planned: PlannedAction, cells: _CellStyles) -> list[Flowable]:
    parts: list[Flowable] = []
    for finding in planned.findings:
        parts += typed_text(finding.text, cells.text)
    for figure in planned.figures:
        parts += typed_text(figure.line(), cells.small, lead="<b>Figure:</b> ")
    for effect in planned.effects_measured:
        parts += typed_text(effect, cells.small, lead="<b>Effect:</b> ")
    if planned.to_retest:
        parts += typed_text(planned.to_retest, cells.small, lead="<b>To re-test in the next health check:</b> ")
    return parts or [Paragraph("No finding linked", cells.small)]


def _latest_update(planned: PlannedAction, length: int) -> str:
    """The latest progress update as markup, cut short for a summary list."""
    latest = planned.action.latest_update
    if latest is None:
        return "No update yet"
    return f"<b>{format_uk_date(latest.written_on)}</b>: {markup(shortened(latest.text, length))}"


def _latest_update_paragraphs(planned: PlannedAction, style: ParagraphStyle) -> list[Flowable]:
    """The latest progress update, whole, dated."""
    latest = planned.action.latest_update
    if latest is None:
        return [Paragraph("No update yet", style)]
    return typed_text(latest.text, style, lead=f"<b>{format_uk_date(latest.written_on)}</b>: ")
