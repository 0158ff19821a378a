"""The findings report for members, as an A4 PDF laid out like a council's report to its scrutiny panel (the City of
Wolverhampton's Social Work Health Check 2019 is the model): a cover, contents, purpose and background in the PSW's
words, an overview, the key findings, the results by Standard (or by section) with each question's chart and table,
the comments the PSW chose, and appendices for the dashboard and the action plan.

The charts are drawn once, as pictures; the report is laid out twice, first to learn which page each heading lands
on (without drawing the pictures, which is quick) and then for real with those pages in the contents.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, PageBreak, Paragraph, Spacer, Table, TableStyle

from ...analysis.changes import NO_CLEAR_CHANGE, change_phrase
from ...analysis.frequencies import whole_percent
from ...analysis.measures import MeasureKind
from ...domain.plurals import counted, noun
from ...domain.progress import SILENT, Progress
from ...domain.records import FindingKind
from ...domain.rounding import number_text
from ...domain.ukdates import format_uk_date
from ..charts.builders import benchmark_notes
from ..content.findings_report import (
    ACTION_PLAN_APPENDIX,
    COMMENTS,
    DASHBOARD_APPENDIX,
    KEY_FINDINGS,
    OVERVIEW,
    PURPOSE,
    STANDARDS_SCORES,
    FindingsReportContent,
    QuestionReport,
    ResultsSection,
    StatementGroup,
    change_words,
)
from ..long_text import column_heading, shortened, typed_text
from . import findings_report_standards as standards_parts
from .findings_report_appendices import action_plan_appendix_flowables, dashboard_flowables
from .findings_report_parts import (
    ChartImage,
    ChartPicture,
    PageNotingHeading,
    chart_picture,
    house_table,
    paragraphs,
    text,
    without_title,
)
from .flowing_table import FlowingTable, KeepTogetherWhenItFits
from .pdf_furniture import (
    ACCENT,
    BOLD,
    CONTENT_WIDTH,
    MUTED,
    RULE,
    PageFurniture,
    ReportStyles,
    build_pdf,
    lay_out_without_saving,
    report_styles,
)

NUMBER_COLUMN = 12 * mm
TEXT_WIDTH = CONTENT_WIDTH - NUMBER_COLUMN  # tables and charts line up with the text of the numbered paragraphs
PAGE_COLUMN = 14 * mm
FIGURE_COLUMN = 22 * mm
CHART_WIDTH = 150 * mm  # a little narrower than the text, so a question's chart and table share half a page
HEADING_TITLE_LENGTH = 80  # characters of a question's name heading a table (all of it is in the text above)
CYCLE_HEADING_LENGTH = 24  # characters of a cycle's name heading a column (all of it is on the cover)


def findings_report_furniture(content: FindingsReportContent) -> PageFurniture:
    return PageFurniture(
        council=content.organisation.name,
        protective_marking=content.organisation.protective_marking,
        document_name=f"Social Work Health Check {content.cycle.name}: report to members",
        subject=f"Findings of the {content.cycle.name} Social Work Health Check",
        top_right=content.cycle.name,
    )


# --------------------------------------------------------------------------------------- writing


def write_findings_report(content: FindingsReportContent, out: Path, progress: Progress = SILENT) -> Path:
    pictures = draw_charts(content, progress)
    steps = len(pictures) + 2
    furniture = findings_report_furniture(content)
    pages: dict[str, int] = {}

    def laying_out(stage: int, what: str) -> Progress:
        return Progress(
            report=lambda page, total, message: progress.report(len(pictures) + stage, steps, f"{what}: page {page}"),
            is_cancelled=progress.is_cancelled,
        )

    first = FindingsReportLayout(content, pictures, pages, draw_pictures=False).flowables()
    lay_out_without_saving(furniture, first, laying_out(0, "Finding the pages"))
    final = FindingsReportLayout(content, pictures, pages, draw_pictures=True).flowables()
    made = build_pdf(out, furniture, final, laying_out(1, "Laying out the report"))
    progress.step(steps, steps, "Report made")
    return made


def draw_charts(content: FindingsReportContent, progress: Progress = SILENT) -> dict[str, ChartPicture]:
    """Each chart the report prints, as a picture (keyed by question code, or by a statement group's key): the
    workforce figures by year, and the questions of every section included."""
    from ..charts.workforce import workforce_chart

    wanted: list[tuple[str, Callable]] = []
    if content.includes(OVERVIEW) and content.workforce.has_figures:
        wanted.append(("workforce", lambda: workforce_chart(content.workforce, content.cycle.name)))
    for section in content.sections:
        if content.includes(section.key):
            for block in section.blocks():
                wanted.append(_chart_for(block, content.cycle.name))
    pictures = {}
    for done, (key, draw) in enumerate(wanted, start=1):
        progress.step(done - 1, len(wanted) + 2, f"Drawing chart {done} of {len(wanted)}")
        figure = draw()
        if figure is not None:
            pictures[key] = chart_picture(without_title(figure), TEXT_WIDTH if key == "workforce" else CHART_WIDTH)
    return pictures


def _chart_for(block: QuestionReport | StatementGroup, cycle_name: str) -> tuple[str, Callable]:
    from ..charts.builders import DivergingRow, diverging_bars
    from ..charts.question_charts import result_chart

    if isinstance(block, StatementGroup):
        rows = [DivergingRow(f"{q.result.number}. {q.result.question.title}", q.result.table) for q in block.questions]
        numbers = ", ".join(q.result.number for q in block.questions)
        return block.key, lambda: diverging_bars(
            f"How far staff agree: questions {numbers} ({cycle_name})",
            rows,
            "Base: all who answered each statement (in the table below)",
        )
    return block.result.question.code, lambda: result_chart(block.result, cycle_name, [])


def overview_sentence(content: FindingsReportContent) -> str:
    """The overview's first paragraph: when the survey was open, who was invited, how many answered."""
    cycle = content.cycle
    sentence = (
        f"The health check survey was open from {cycle.window}"
        if cycle.opens_on and cycle.closes_on
        else f"The health check survey window was {cycle.window}"
    )
    if cycle.staff_invited:
        sentence += f", and {cycle.staff_invited} social work staff were invited to take part"
    sentence += f". A total of {counted(cycle.response_count, 'response')} were received"
    if cycle.response_rate is not None:
        sentence += f", a response rate of {whole_percent(cycle.response_rate)}"
    earlier = [c for c in content.cycles[:-1] if c.rate is not None]
    if earlier and cycle.response_rate is not None:
        sentence += f". The response rate in {earlier[-1].name} was {whole_percent(earlier[-1].rate)}"
    return sentence + "."


def question_notes(item: QuestionReport) -> list[str]:
    """The notes under a question's table in every format: its favourable, neutral and unfavourable shares (and mean
    score), its change since last time, its Standard's move and the national figures, leaving out those it has not."""
    notes = []
    scale = item.result.scale
    if scale is not None and scale.favourable.base:
        mean = (
            f"; mean score {number_text(scale.mean_score, 0)} out of 100 (of the {scale.scored} who gave a "
            "scored answer)"
            if scale.mean_score is not None
            else ""
        )
        notes.append(
            f"{whole_percent(scale.favourable.percent)} favourable, {whole_percent(scale.neutral.percent)} "
            f"neutral, {whole_percent(scale.unfavourable.percent)} unfavourable{mean}."
        )
    notes += [change_note(item), item.standard_move, *benchmark_notes(item.benchmarks)]
    return [note for note in notes if note]


def change_note(item: QuestionReport) -> str:
    """'% favourable: up 9 points since 2018 (from 52%): better, more than chance.', or '' with nothing to compare."""
    if item.now is None or item.now.value is None or item.change is None or item.measure is None:
        return ""
    unit = item.result.question.unit if not item.measure.is_percent else ""
    label = f" {item.measure_label}" if item.measure.is_percent and item.measure_label != "%" else ""
    better = True if item.measure.kind is MeasureKind.FAVOURABLE else None  # more favourable is better
    words = change_words(
        item.change,
        item.measure.is_percent,
        item.previous_cycle,
        item.before.value if item.before else None,
        unit,
        higher_is_better=better,
    )
    if not label or not words:
        return words
    # What changed comes first, then the change in the words every output uses: '% favourable: up 9 points …'.
    return f"{label.strip()}: {words[0].lower()}{words[1:]}"


def favourable_words(group: StatementGroup) -> str:
    """Which answers count as favourable: the same for every statement, except those worded the other way round."""

    def favourable(item: QuestionReport) -> str:
        labels = [o.label.lower() for o in item.result.question.options if o.polarity.value == "favourable"]
        return " and ".join(labels)

    usual = favourable(group.questions[0])
    others = [
        f"for {q.result.number}, {q.result.question.title.lower()}, {favourable(q)}"
        for q in group.questions
        if favourable(q) != usual
    ]
    return f"‘Favourable’ counts {usual}" + (f" ({'; '.join(others)})." if others else ".")


def short_change(item: QuestionReport) -> str:
    change = item.change
    if change is None:
        return "–"
    if not change.more_than_chance:
        return NO_CLEAR_CHANGE
    # in the figure's own terms (% favourable) and, separately, better or worse: 'up 13 pts, better'
    return change_phrase(change, True, True, short=True)


# --------------------------------------------------------------------------------------- laying out


@dataclass
class _Numbering:
    """Sections are numbered 1, 2, 3 … and their paragraphs 3.1, 3.2 …, as council reports number them."""

    section: int = 0
    paragraph: int = 0

    def next_section(self) -> str:
        self.section += 1
        self.paragraph = 0
        return str(self.section)

    def next_paragraph(self) -> str:
        self.paragraph += 1
        return f"{self.section}.{self.paragraph}"


class FindingsReportLayout:
    def __init__(
        self,
        content: FindingsReportContent,
        pictures: dict[str, ChartPicture],
        pages: dict[str, int],
        draw_pictures: bool,
        styles: ReportStyles | None = None,
    ):
        self.content = content
        self.pictures = pictures
        self.pages = pages
        self.draw_pictures = draw_pictures
        self.styles = styles = styles or report_styles()
        self.numbering = _Numbering()
        self.numbered = ParagraphStyle(
            "numbered",
            parent=styles.body,
            leftIndent=NUMBER_COLUMN,
            bulletIndent=0,
            bulletFontName=BOLD,
            bulletFontSize=styles.body.fontSize,
            spaceAfter=6,
        )
        self.bullet = ParagraphStyle(
            "bullet", parent=styles.body, leftIndent=NUMBER_COLUMN + 4 * mm, bulletIndent=NUMBER_COLUMN, spaceAfter=3
        )
        self.quote = ParagraphStyle(
            "quote",
            parent=styles.body,
            leftIndent=NUMBER_COLUMN + 4 * mm,
            rightIndent=8 * mm,
            fontName="Helvetica-Oblique",
            spaceAfter=5,
        )
        self.indented = ParagraphStyle("indented", parent=styles.subheading, leftIndent=NUMBER_COLUMN)
        self.indented_note = ParagraphStyle("indented_note", parent=styles.note, leftIndent=NUMBER_COLUMN)
        self.indented_small = ParagraphStyle("indented_small", parent=styles.small, leftIndent=NUMBER_COLUMN)
        self.section_heading = ParagraphStyle(
            "section_heading", parent=styles.heading, fontSize=14, leading=18, spaceBefore=4, spaceAfter=8
        )
        self.heading_right = ParagraphStyle(
            "heading_right", parent=styles.table_text, fontName=BOLD, alignment=TA_RIGHT
        )
        self.cell = ParagraphStyle("cell", parent=styles.table_text, fontSize=8.5, leading=9.8)
        self.cell_heading = ParagraphStyle(
            "cell_heading", parent=self.cell, fontName=BOLD, fontSize=7.5, leading=9, alignment=TA_RIGHT
        )
        self.cell_right = ParagraphStyle("cell_right", parent=self.cell, alignment=TA_RIGHT)

    def flowables(self) -> list[Flowable]:
        content = self.content
        body: list[Flowable] = []
        if content.includes(PURPOSE):
            body += self._texts("Purpose", "purpose", content.purpose)
            body += self._texts("Background", "background", content.background)
        if content.includes(OVERVIEW):
            body += self._overview()
        if content.includes(KEY_FINDINGS):
            body += self._key_findings()
        if self._shows_standards_scores:
            body += self._standards_scores()
        for section in content.sections:
            if content.includes(section.key):
                body += self._results(section)
        if content.includes(COMMENTS) and content.comments:
            body += self._comments()
        letters = iter("AB")
        if content.includes(DASHBOARD_APPENDIX):
            body += self._appendix(
                next(letters),
                "dashboard",
                f"Social Work Health Check {content.cycle.name} dashboard",
                dashboard_flowables(content, self.styles),
            )
        if content.includes(ACTION_PLAN_APPENDIX):
            introduction = Paragraph(
                "The plan's actions under the Standards for Employers, with those carried over from "
                "earlier years that were still open when this survey began.",
                self.styles.body,
            )
            body += self._appendix(
                next(letters),
                "action_plan",
                "Action plan",
                [introduction]
                + action_plan_appendix_flowables(
                    content.action_plan, content.cycle.name, self.styles, content.cycle.standards_edition
                ),
            )
        return self._cover() + self._contents() + body

    # ------------------------------------------------------------------ cover and contents

    def _cover(self) -> list[Flowable]:
        content, styles = self.content, self.styles
        cycle, organisation = content.cycle, content.organisation
        big = ParagraphStyle("cover_title", parent=styles.title, fontSize=28, leading=34, spaceAfter=6)
        council = ParagraphStyle("cover_council", parent=styles.title, fontSize=16, leading=20, textColor=MUTED)
        responses = f"{counted(cycle.response_count, 'response')}"
        if cycle.staff_invited:
            responses += f" from {cycle.staff_invited} staff invited"
            if cycle.response_rate is not None:
                responses += f" ({whole_percent(cycle.response_rate)})"
        rows = [
            ("Report title", f"Social Work Health Check {cycle.name}: findings"),
            ("Council", organisation.name),
            ("Originating service", organisation.service),
            ("Survey window", cycle.window),
            ("Responses", responses),
            ("Date of report", format_uk_date(content.made_on)),
            ("Protective marking", organisation.protective_marking),
        ]
        table = FlowingTable(
            [[Paragraph(f"<b>{label}</b>", styles.body), typed_text(value, styles.body)] for label, value in rows],
            colWidths=[50 * mm, CONTENT_WIDTH - 50 * mm],
        )
        table.setStyle(
            TableStyle(
                [
                    ("LINEABOVE", (0, 0), (-1, 0), 1.2, ACCENT),
                    ("LINEBELOW", (0, -1), (-1, -1), 1.2, ACCENT),
                    ("LINEBELOW", (0, 0), (-1, -2), 0.3, RULE),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("TOPPADDING", (0, 0), (-1, -1), 2.2 * mm),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 1 * mm),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ]
            )
        )
        return [
            Spacer(1, 28 * mm),
            *typed_text(organisation.name, council),
            *typed_text(organisation.service, styles.subtitle),
            Spacer(1, 16 * mm),
            *typed_text(f"Social Work Health Check {cycle.name}", big),
            Paragraph("Findings of the staff survey: a report to members", styles.subtitle),
            Spacer(1, 18 * mm),
            table,
            PageBreak(),
        ]

    def _contents(self) -> list[Flowable]:
        """The contents, from the headings this layout will make (known before laying out, so both passes print the
        same lines) with the pages the first pass found."""
        styles = self.styles
        page_style = ParagraphStyle("page", parent=styles.body, alignment=TA_RIGHT)
        rows = [
            [
                Paragraph(number, styles.body),
                typed_text(title, styles.body),
                Paragraph(str(self.pages.get(key, "")), page_style),
            ]
            for number, title, key in self._planned_headings()
        ]
        first = NUMBER_COLUMN + 12 * mm
        table = FlowingTable(rows, colWidths=[first, CONTENT_WIDTH - first - PAGE_COLUMN, PAGE_COLUMN], continued_in=1)
        table.setStyle(
            TableStyle(
                [
                    ("LINEBELOW", (0, 0), (-1, -1), 0.25, RULE),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("TOPPADDING", (0, 0), (-1, -1), 1.4 * mm),
                ]
            )
        )
        return [Paragraph("Contents", self.section_heading), table, PageBreak()]

    def _planned_headings(self) -> list[tuple[str, str, str]]:
        content = self.content
        planned: list[tuple[str, str]] = []
        if content.includes(PURPOSE):
            planned += [("Purpose", "purpose"), ("Background", "background")]
        if content.includes(OVERVIEW):
            planned.append(("Overview", "overview"))
        if content.includes(KEY_FINDINGS):
            planned.append(("Key findings", "key_findings"))
        if self._shows_standards_scores:
            planned.append(("Standards scores", STANDARDS_SCORES))
        planned += [(s.title, s.key) for s in content.sections if content.includes(s.key)]
        if content.includes(COMMENTS) and content.comments:
            planned.append(("What staff said", "comments"))
        entries = [(str(number), title, key) for number, (title, key) in enumerate(planned, start=1)]
        letters = iter("AB")
        if content.includes(DASHBOARD_APPENDIX):
            entries.append(
                (f"Appendix {next(letters)}", f"Social Work Health Check {content.cycle.name} dashboard", "dashboard")
            )
        if content.includes(ACTION_PLAN_APPENDIX):
            entries.append((f"Appendix {next(letters)}", "Action plan", "action_plan"))
        return entries

    # ------------------------------------------------------------------ sections

    def _heading(self, title: str, key: str) -> list[Flowable]:
        number = self.numbering.next_section()
        return [
            CondPageBreak(50 * mm),
            PageNotingHeading(f"{number}&nbsp;&nbsp;&nbsp;{text(title)}", self.section_heading, key, self.pages),
        ]

    def _para(self, words: str, markup: bool = False) -> list[Flowable]:
        """A numbered paragraph (3.1, 3.2 …), its number hanging in the margin as council reports set them."""
        number = self.numbering.next_paragraph()
        if markup:
            return [Paragraph(words, self.numbered, bulletText=number)]
        return typed_text(words, self.numbered, bullet=number)

    def _texts(self, title: str, key: str, words: str) -> list[Flowable]:
        return self._heading(title, key) + [flowable for part in paragraphs(words) for flowable in self._para(part)]

    def _overview(self) -> list[Flowable]:
        content = self.content
        story = self._heading("Overview", "overview")
        sentence = overview_sentence(content)
        story += [*self._para(sentence), self._cycle_table(), Spacer(1, 4 * mm)]
        if content.profiles:
            names = ", ".join(p.question.title.lower() for p in content.profiles)
            story.extend(
                self._para(
                    f"Who took part, by {names}. Groups of fewer than "
                    f"{counted(content.organisation.minimum_group_size, 'person')} are not shown, nor any group that "
                    "would let one be worked out."
                )
            )
            story += self._profile_tables()
        if content.workforce.has_figures and "workforce" in self.pictures:
            story.extend(
                self._para(
                    "The workforce figures the council reports each year, for context: they are "
                    "entered by the council, not collected from staff."
                )
            )
            story.append(
                KeepTogetherWhenItFits(
                    [
                        ChartImage(self.pictures["workforce"], self.draw_pictures),
                        Spacer(1, 2 * mm),
                        self._workforce_table(),
                    ]
                )
            )
        return story

    def _cycle_table(self) -> Table:
        headings = ("Health check", "Survey window", "Staff invited", "Responses", "Response rate")
        rows = [[Paragraph(f"<b>{h}</b>", self.cell if i < 2 else self.cell_heading) for i, h in enumerate(headings)]]
        for figures in self.content.cycles:
            rows.append(
                [
                    typed_text(figures.name, self.cell),
                    Paragraph(text(figures.window), self.cell),
                    "–" if figures.invited is None else str(figures.invited),
                    str(figures.responses),
                    whole_percent(figures.rate),
                ]
            )
        return house_table(
            rows,
            [28 * mm, 56 * mm, 26 * mm, 26 * mm, TEXT_WIDTH - 136 * mm],
            align="RIGHT",
            extra=[("ALIGN", (2, 1), (-1, -1), "RIGHT"), ("FONTSIZE", (2, 1), (-1, -1), 8.5)],
        )

    def _profile_tables(self) -> list[Flowable]:
        story: list[Flowable] = []
        for profile in self.content.profiles:
            # The question's name heads the table on every page it runs on to: in full in the sentence above it.
            rows = [
                [
                    Paragraph(f"<b>{text(shortened(profile.question.title, HEADING_TITLE_LENGTH))}</b>", self.cell),
                    Paragraph("Number", self.cell_heading),
                    Paragraph("Per cent", self.cell_heading),
                ]
            ]
            for group in profile.groups:
                if group.count is not None:
                    rows.append(
                        [
                            typed_text(group.label, self.cell),
                            str(group.count),
                            whole_percent(100 * group.count / profile.base),
                        ]
                    )
            if profile.hidden_total:
                rows.append(
                    [
                        Paragraph("<i>Groups too small to show, together</i>", self.cell),
                        str(profile.hidden_total),
                        whole_percent(100 * profile.hidden_total / profile.base),
                    ]
                )
            rows.append(
                [
                    Paragraph(
                        f"<i>{text(profile.base_description or f'Base: all who answered ({profile.base})')}</i>",
                        self.styles.small,
                    ),
                    "",
                    "",
                ]
            )
            table = house_table(
                rows,
                [TEXT_WIDTH - 2 * FIGURE_COLUMN, FIGURE_COLUMN, FIGURE_COLUMN],
                align="RIGHT",
                extra=[
                    ("SPAN", (0, len(rows) - 1), (-1, len(rows) - 1)),
                    ("ALIGN", (1, 1), (-1, -1), "RIGHT"),
                    ("FONTSIZE", (1, 1), (-1, -1), 8.5),
                ],
            )
            story += [KeepTogetherWhenItFits([table]), Spacer(1, 3 * mm)]
        return story

    def _workforce_table(self) -> Table:
        workforce = self.content.workforce
        rows = [
            [Paragraph("<b>Workforce figure</b>", self.cell)]
            + [
                Paragraph(text(shortened(name, CYCLE_HEADING_LENGTH)), self.cell_heading)
                for name in workforce.cycle_names
            ]
        ]
        for trend in workforce.trends:
            rows.append(
                [Paragraph(text(trend.measure.title), self.cell)] + [trend.measure.shown(v) for v in trend.values]
            )
        first = 60 * mm
        other = (TEXT_WIDTH - first) / max(1, len(workforce.cycle_names))
        return house_table(
            rows,
            [first] + [other] * len(workforce.cycle_names),
            align="RIGHT",
            extra=[("ALIGN", (1, 1), (-1, -1), "RIGHT"), ("FONTSIZE", (1, 1), (-1, -1), 8.5)],
        )

    def _key_findings(self) -> list[Flowable]:
        content = self.content
        story = self._heading("Key findings", "key_findings")
        if not content.findings:
            story.extend(self._para("No findings have been written for this cycle yet."))
            return story
        numbers = content.question_numbers
        for kind, lead in (
            (FindingKind.STRENGTH, "Strengths: what is going well"),
            (FindingKind.IMPROVEMENT, "Areas for improvement"),
        ):
            chosen = [f for f in content.findings if f.kind is kind]
            if not chosen:
                continue
            story.extend(self._para(f"<b>{lead}</b>", markup=True))
            for finding in chosen:
                codes = [numbers[c] for c in finding.question_codes if c in numbers]
                see = (
                    f" <font color='#4d4d4d'>({noun(len(codes), 'question')} {', '.join(codes)})</font>"
                    if codes
                    else ""
                )
                story.extend(typed_text(finding.text, self.bullet, end=see, bullet="•"))
        return story

    @property
    def _shows_standards_scores(self) -> bool:
        return self.content.includes(STANDARDS_SCORES) and self.content.has_standards_scores

    def _standards_scores(self) -> list[Flowable]:
        content = self.content
        story = self._heading("Standards scores", STANDARDS_SCORES)
        story += self._para(standards_parts.METHOD)
        story += [
            KeepTogetherWhenItFits(
                [standards_parts.summary_table(content.standards, TEXT_WIDTH, self.cell, self.cell_heading)]
            ),
            Spacer(1, 2 * mm),
        ]
        story += [
            Paragraph(text(note), self.indented_small) for note in standards_parts.national_notes(content.standards)
        ]
        by_group = content.standards_by_group
        if by_group is not None and any(not g.hidden for g in by_group.groups):
            names = ", ".join(f"{s.standard.number} {s.standard.title}" for s in content.standards)
            story += self._para(
                f"Each Standard's score by {by_group.dimension.title.lower()}, the Standards numbered as above "
                f"({names}). Groups of fewer than {counted(by_group.minimum, 'person')} are not shown, nor any "
                f"group that would "
                "let one be worked out."
            )
            table = standards_parts.group_table(by_group, TEXT_WIDTH, self.cell, self.cell_heading)
            story += [KeepTogetherWhenItFits([table]), Spacer(1, 2 * mm)]
            if by_group.note:
                story.append(Paragraph(text(by_group.note), self.indented_small))
        return story

    def _standard_lead(self, section: ResultsSection) -> list[Flowable]:
        """A Standard's score at the head of its section, when the report is set out by Standard."""
        kind, _, number = section.key.partition(":")
        if kind != "standard" or not number.isdigit() or not self.content.includes(STANDARDS_SCORES):
            return []
        score = self.content.standard_score(int(number))
        if score is None or not score.statements:
            return []
        return self._para(standards_parts.section_lead(score), markup=True)

    def _results(self, section: ResultsSection) -> list[Flowable]:
        opening = self._heading(section.title, section.key)
        opening.extend(self._standard_lead(section))
        count = len(section.questions)
        opening.extend(
            self._para(
                f"The {'question' if count == 1 else counted(count, 'question')} under this heading, with "
                "the chart and table of each. Each table states its base: the people its per cents are "
                "of."
            )
        )
        blocks = [self._statements(b) if isinstance(b, StatementGroup) else self._question(b) for b in section.blocks()]
        # The heading never sits alone at the foot of a page: it keeps company with the first question. (KeepTogether
        # cannot be nested, so the first question's own block is opened up into this one.)
        return [KeepTogetherWhenItFits(opening + blocks[0])] + [KeepTogetherWhenItFits(block) for block in blocks[1:]]

    def _comments(self) -> list[Flowable]:
        content = self.content
        story = self._heading("What staff said", "comments")
        story.extend(
            self._para(
                f"A selection of the {counted(content.comment_total, 'comment')} staff wrote, "
                "chosen by the Principal Social Worker to give a sense of what was said. "
                "Comments are quoted only from groups of "
                f"{content.comment_minimum} or more people, and never with anything that says who wrote them."
            )
        )
        by_question: dict[str, list] = {}
        for comment in content.comments:
            by_question.setdefault(comment.question.title, []).append(comment)
        for title, comments in by_question.items():
            story += typed_text(title, self.indented)
            for comment in comments:
                story += typed_text(comment.text.strip(), self.quote, lead="“", end="”")
        return story

    def _appendix(self, letter: str, key: str, title: str, body: list[Flowable]) -> list[Flowable]:
        heading = PageNotingHeading(f"Appendix {letter}: {text(title)}", self.section_heading, key, self.pages)
        return [PageBreak(), heading, *body]

    # ------------------------------------------------------------------ one question

    def _question(self, item: QuestionReport) -> list[Flowable]:
        result = item.result
        question = result.question
        parts: list[Flowable] = [
            *typed_text(question.title, self.indented, lead=f"{text(result.number)}.&nbsp;&nbsp;"),
            *typed_text(question.text, self.indented_note, lead="Question: “", end="”"),
            Spacer(1, 1.5 * mm),
        ]
        picture = self.pictures.get(question.code)
        if picture is not None:
            parts += [ChartImage(picture, self.draw_pictures, TEXT_WIDTH), Spacer(1, 1.5 * mm)]
        parts.append(self._numbers_table(item) if result.numbers is not None else self._choice_table(item))
        parts.append(Spacer(1, 1.5 * mm))
        parts += [flowable for note in question_notes(item) for flowable in typed_text(note, self.indented_small)]
        parts.append(Spacer(1, 3.5 * mm))
        return parts

    def _choice_table(self, item: QuestionReport) -> Table:
        result = item.result
        before = (
            {row.option.code: row.percent for row in item.previous.table.rows}
            if item.previous is not None and item.previous.table is not None
            else None
        )
        headings = ["Number", "Per cent"] + (
            [shortened(item.previous_cycle, CYCLE_HEADING_LENGTH)] if before is not None else []
        )
        rows = [
            [Paragraph("<b>Answer</b>", self.cell)]
            + [Paragraph(column_heading(h), self.cell_heading) for h in headings]
        ]
        for row in result.table.rows:
            cells = [typed_text(row.option.label, self.cell), str(row.count), whole_percent(row.percent)]
            if before is not None:
                cells.append(whole_percent(before.get(row.option.code)) if row.option.code in before else "–")
            rows.append(cells)
        rows.append([Paragraph(f"<i>{text(result.base_description)}</i>", self.styles.small)] + [""] * len(headings))
        return self._result_table(rows, len(headings), before is not None, spanned_from=len(rows) - 1)

    def _numbers_table(self, item: QuestionReport) -> Table:
        result = item.result
        numbers = result.numbers
        before = item.previous.numbers if item.previous is not None and item.previous.numbers else None
        headings = ["Number", "Per cent"] + (
            [shortened(item.previous_cycle, CYCLE_HEADING_LENGTH)] if before is not None else []
        )
        rows = [
            [Paragraph("<b>Band</b>", self.cell)] + [Paragraph(column_heading(h), self.cell_heading) for h in headings]
        ]
        earlier = {band.band.label: band.proportion.percent for band in before.bands} if before else {}
        for band in numbers.bands:
            cells = [
                Paragraph(text(band.band.label), self.cell),
                str(band.count),
                whole_percent(band.proportion.percent),
            ]
            if before is not None:
                cells.append(whole_percent(earlier.get(band.band.label)) if band.band.label in earlier else "–")
            rows.append(cells)
        spanned_from = len(rows)
        if numbers.n:
            unit = f" {result.question.unit}" if result.question.unit else ""
            rows.append(
                [
                    Paragraph(
                        text(numbers.spread_text(unit)),
                        self.cell,
                    )
                ]
                + [""] * len(headings)
            )
        rows.append([Paragraph(f"<i>{text(result.base_description)}</i>", self.styles.small)] + [""] * len(headings))
        return self._result_table(rows, len(headings), before is not None, spanned_from=spanned_from)

    def _result_table(self, rows: list[list], figures: int, with_previous: bool, spanned_from: int) -> Table:
        widths = [TEXT_WIDTH - 3 * FIGURE_COLUMN] + [FIGURE_COLUMN] * figures
        extra: list[tuple] = [("SPAN", (0, row), (-1, row)) for row in range(spanned_from, len(rows))]
        extra += [("ALIGN", (1, 1), (-1, -1), "RIGHT"), ("FONTSIZE", (1, 1), (-1, -1), 8.5)]
        if with_previous:
            extra.append(("TEXTCOLOR", (-1, 1), (-1, -1), MUTED))
        return house_table(rows, widths, extra=extra, align="RIGHT")

    # ------------------------------------------------------------------ agreement statements together

    def _statements(self, group: StatementGroup) -> list[Flowable]:
        first = group.questions[0].result
        options = [o for o in first.question.options if not o.excluded_from_base]
        numbers = [q.result.number for q in group.questions]
        parts: list[Flowable] = [
            Paragraph(f"{text(numbers[0])}–{text(numbers[-1])}.&nbsp;&nbsp;How far staff agree", self.indented)
            if len(numbers) > 1
            else Paragraph(text(numbers[0]), self.indented),
            Paragraph(
                "Statements with the same answers, together: each statement's chart bar and table row.",
                self.indented_note,
            ),
            Spacer(1, 1.5 * mm),
        ]
        picture = self.pictures.get(group.key)
        if picture is not None:
            parts += [ChartImage(picture, self.draw_pictures, TEXT_WIDTH), Spacer(1, 1.5 * mm)]
        previous = group.questions[0].previous_cycle
        since = f"Since {shortened(previous, CYCLE_HEADING_LENGTH)}" if previous else "Change"
        headings = [o.label for o in options] + ["Base", "Favourable", since]
        rows = [
            [Paragraph("<b>Statement</b>", self.cell)]
            + [Paragraph(column_heading(h), self.cell_heading) for h in headings]
        ]
        for item in group.questions:
            result = item.result
            cells: list = [typed_text(result.question.title, self.cell, lead=f"{text(result.number)}. ")]
            cells += [whole_percent(result.table.row(o.code).percent) for o in options]
            cells += [
                str(result.base),
                whole_percent(result.scale.favourable.percent) if result.scale else "–",
                Paragraph(short_change(item), self.cell_right),
            ]
            rows.append(cells)
        answer_width = self._column_for(headings[: len(options)] + ["Favourable"])
        tail = [11 * mm, answer_width, 17 * mm]
        widths = [TEXT_WIDTH - answer_width * len(options) - sum(tail)] + [answer_width] * len(options) + tail
        table = house_table(
            rows,
            widths,
            align="RIGHT",
            extra=[
                ("ALIGN", (1, 1), (-1, -1), "RIGHT"),
                ("FONTSIZE", (1, 1), (-1, -1), 8.5),
                ("LEFTPADDING", (1, 0), (-1, -1), 0.8 * mm),
                ("RIGHTPADDING", (1, 0), (-1, -1), 1.2 * mm),
            ],
        )
        parts.append(table)
        notes = [
            f"Per cents are of those who answered each statement (its base). {favourable_words(group)} "
            + (
                f"‘Since {previous}’ is the change in % favourable, and whether that is better or worse, when it "
                "is more than chance; ‘no clear change’ when it is not."
                if previous
                else ""
            )
        ]
        notes.append(
            "The statements: "
            + "; ".join(f"{q.result.number}. “{q.result.question.text}”" for q in group.questions)
            + "."
        )
        for item in group.questions:
            notes += [f"{item.result.number}. {item.standard_move}"] if item.standard_move else []
            notes += [f"{item.result.number}. {note}" for note in benchmark_notes(item.benchmarks)]
        parts.append(Spacer(1, 1.5 * mm))
        parts += [flowable for note in notes for flowable in typed_text(note, self.indented_small)]
        parts.append(Spacer(1, 5 * mm))
        return parts

    def _column_for(self, headings: list[str]) -> float:
        """A column wide enough for the longest word of any of these headings, so no word is broken."""
        from reportlab.pdfbase.pdfmetrics import stringWidth

        style = self.cell_heading
        widest = max(stringWidth(word, style.fontName, style.fontSize) for h in headings for word in h.split())
        return max(11 * mm, widest + 2.4 * mm)
