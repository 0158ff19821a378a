"""The findings report's appendices: the one-page dashboard of headline indicators (as the City of Wolverhampton's
report to its scrutiny panel carries one) and the action plan by Standard."""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from ...analysis.changes import change_since
from ...analysis.evidence import benchmark_source
from ...analysis.indicators import IndicatorValue
from ...domain.plurals import counted
from ...domain.records import Rag
from ...domain.rounding import figure_text, percent_text
from ..content.action_plan import PlannedAction
from ..content.findings_report import FindingsReportContent
from ..long_text import shortened
from .action_plan import action_plan_tables
from .findings_report_parts import house_table, text
from .pdf_furniture import CONTENT_WIDTH, RULE, ReportStyles

# The app's dashboard colours; the word is always printed too, so colour is never the only sign.
RAG_COLOURS = {
    Rag.GREEN: colors.HexColor("#1a9850"),
    Rag.AMBER: colors.HexColor("#e6a100"),
    Rag.RED: colors.HexColor("#c0392b"),
    None: colors.HexColor("#9e9e9e"),
}
RAG_WORDS = {Rag.GREEN: "Green", Rag.AMBER: "Amber", Rag.RED: "Red", None: "No threshold"}
TILE_COLUMNS = 2
TILE_GAP = 4 * mm
BAR_WIDTH = 2.2 * mm
CYCLE_HEADING_LENGTH = 24  # characters of a cycle's name heading a column (all of it is on the report's cover)


# --------------------------------------------------------------------------------------- Appendix A: dashboard


def shown_value(value: IndicatorValue) -> str:
    return figure_text(value.number, value.indicator.measure.is_percent)


def dashboard_flowables(content: FindingsReportContent, styles: ReportStyles) -> list[Flowable]:
    """The headline indicators as tiles (value, red/amber/green, the change since last year, the national figure),
    then each indicator over the years."""
    cycle = content.cycle
    rate = (
        f" ({percent_text(cycle.response_rate)} of {cycle.staff_invited} staff invited)"
        if cycle.response_rate is not None
        else ""
    )
    story: list[Flowable] = [
        Paragraph(
            f"Survey window {text(cycle.window)} · {counted(cycle.response_count, 'response')}{rate}", styles.subtitle
        ),
    ]
    if content.indicators:
        story.append(_tiles(content.indicators, styles))
    story.append(
        Paragraph(
            "Red, amber and green are the council's own thresholds. "
            "A change since last year is called up or down only when it is more than chance (95% confidence). "
            "National figures are context, not targets; each names its source.",
            styles.note,
        )
    )
    if len(content.indicator_years) > 1:
        story += [Spacer(1, 3 * mm), _years_table(content, styles)]
    return story


def _tiles(values: tuple[IndicatorValue, ...], styles: ReportStyles) -> Table:
    """Tiles in rows of two; tiles side by side are the same height, with a coloured bar down their left edge."""
    width = (CONTENT_WIDTH - TILE_GAP - 2 * BAR_WIDTH) / TILE_COLUMNS
    value_style = ParagraphStyle("tile_value", parent=styles.table_text, fontSize=17, leading=20)
    rows: list[list] = []
    commands: list[tuple] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
    ]
    for start in range(0, len(values), TILE_COLUMNS):
        if rows:
            rows.append([""] * 5)  # the gap between rows of tiles
        row = len(rows)
        cells: list = []
        for column, value in enumerate(values[start : start + TILE_COLUMNS]):
            first = column * 3
            cells += [""] * (first - len(cells)) + ["", _tile_lines(value, styles, value_style)]
            commands += [
                ("BACKGROUND", (first, row), (first, row), RAG_COLOURS[value.rag]),
                ("BOX", (first, row), (first + 1, row), 0.5, RULE),
                ("LEFTPADDING", (first + 1, row), (first + 1, row), 3 * mm),
                ("RIGHTPADDING", (first + 1, row), (first + 1, row), 2 * mm),
                ("TOPPADDING", (first + 1, row), (first + 1, row), 1.8 * mm),
                ("BOTTOMPADDING", (first + 1, row), (first + 1, row), 1.8 * mm),
            ]
        rows.append(cells + [""] * (5 - len(cells)))
    heights = [TILE_GAP if i % 2 else None for i in range(len(rows))]
    grid = Table(rows, colWidths=[BAR_WIDTH, width, TILE_GAP, BAR_WIDTH, width], rowHeights=heights)
    grid.setStyle(TableStyle(commands))
    return grid


def _tile_lines(value: IndicatorValue, styles: ReportStyles, value_style: ParagraphStyle) -> list[Flowable]:
    indicator = value.indicator
    rag = f"&nbsp;&nbsp;<font size='10'>{RAG_WORDS[value.rag]}</font>" if value.number is not None else ""
    lines: list[Flowable] = [
        Paragraph(f"<b>{text(indicator.title)}</b>", styles.table_text),
        Paragraph(f"<b>{shown_value(value)}</b>{rag}", value_style),
        Paragraph(text(value.unavailable_reason or indicator.counts), styles.small),
    ]
    if value.change is not None and value.previous is not None:
        unit = indicator.unit.strip() if not indicator.measure.is_percent else ""
        lines.append(
            Paragraph(
                text(
                    change_since(
                        value.change,
                        indicator.measure.is_percent,
                        indicator.higher_is_better,
                        value.previous_cycle or "",
                        unit,
                    )
                ),
                styles.small,
            )
        )
    for benchmark in value.benchmarks:
        lines.append(Paragraph(text(f"National: {benchmark_source(benchmark)}"), styles.note))
    return lines


def _years_table(content: FindingsReportContent, styles: ReportStyles) -> Table:
    """Each headline indicator in this year and the years before it."""
    names = [name for name, _ in content.indicator_years]
    by_year = [{v.indicator.key: v for v in values} for _, values in content.indicator_years]
    right = ParagraphStyle("year", parent=styles.table_text, fontName="Helvetica-Bold", alignment=2)
    rows = [
        [Paragraph("<b>Headline indicator, by year</b>", styles.table_text)]
        + [Paragraph(text(shortened(name, CYCLE_HEADING_LENGTH)), right) for name in names]
    ]
    for value in content.indicators:
        cells = [Paragraph(text(value.indicator.title), styles.table_text)]
        for year in by_year:
            earlier = year.get(value.indicator.key)
            cells.append(shown_value(earlier) if earlier is not None else "–")
        rows.append(cells)
    other = 22 * mm
    return house_table(
        rows,
        [CONTENT_WIDTH - other * len(names)] + [other] * len(names),
        extra=[("ALIGN", (1, 1), (-1, -1), "RIGHT"), ("FONTSIZE", (1, 1), (-1, -1), 9)],
    )


# --------------------------------------------------------------------------------------- Appendix B: action plan


def action_plan_appendix_flowables(
    planned: tuple[PlannedAction, ...], cycle_name: str, styles: ReportStyles, edition_id: str | None = None
) -> list[Flowable]:
    """The action plan as the management team's copy prints it (one table a Standard, each action with the finding
    it answers, its figures and effect), on the report's portrait page."""
    if not planned:
        return [Paragraph("There are no actions in the plan for this cycle yet.", styles.body)]
    return action_plan_tables(planned, styles, CONTENT_WIDTH, cycle_name, edition_id=edition_id)
