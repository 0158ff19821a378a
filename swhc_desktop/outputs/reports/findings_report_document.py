"""The findings report for members as an accessible document (Word or web page), from the same content as the PDF and
in its words: the same sections in the same order and with the same numbers (the PSW's choices of sections,
arrangement, words and comments kept), each chart as a picture with what it shows in words and figures, the tables
with header rows, and the dashboard and action plan as appendices. Where the PDF lays out, this says the same."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.units import mm

from ...analysis.changes import change_since
from ...analysis.evidence import benchmark_source
from ...analysis.frequencies import whole_percent
from ...domain.plurals import counted, noun
from ...domain.progress import SILENT, Progress
from ...domain.records import FindingKind
from ...domain.rounding import number_text, percent_text
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
)
from ..documents.blocks import BULLET, NOTE, QUOTE, SMALL, Chart, Document, Heading, Paragraph, Table
from ..documents.docx import write_docx
from ..documents.html import write_html
from ..long_text import shortened
from . import findings_report_standards as standards_parts
from .action_plan_document import action_plan_blocks
from .findings_report import (
    HEADING_TITLE_LENGTH,
    change_note,
    draw_charts,
    favourable_words,
    findings_report_furniture,
    overview_sentence,
    question_notes,
    short_change,
)
from .findings_report_appendices import RAG_WORDS, shown_value
from .findings_report_parts import ChartPicture, paragraphs

_TAG = re.compile(r"<[^>]+>")


def write_findings_report_docx(content: FindingsReportContent, out: Path, progress: Progress = SILENT) -> Path:
    return write_docx(findings_report_document(content, draw_charts(content, progress)), out)


def write_findings_report_html(content: FindingsReportContent, out: Path, progress: Progress = SILENT) -> Path:
    return write_html(findings_report_document(content, draw_charts(content, progress)), out)


def plain(markup: str) -> str:
    """Words made as reportlab markup (bold, escaped) as plain text."""
    return html.unescape(_TAG.sub("", markup))


def findings_report_document(content: FindingsReportContent, pictures: dict[str, ChartPicture]) -> Document:
    furniture = findings_report_furniture(content)
    cycle, organisation = content.cycle, content.organisation
    document = Document(
        title=f"Social Work Health Check {cycle.name}: findings",
        subtitle=f"{organisation.name}, {organisation.service}. Findings of the staff survey: a report to members",
        council=organisation.name,
        protective_marking=organisation.protective_marking,
        author=organisation.name,
        subject=furniture.subject,
    )
    _Builder(content, pictures, document.blocks).build()
    return document


def _since(item: QuestionReport) -> str:
    """The change in % favourable, after the figure it is a change in: 'up 15 points since 2024 (from 37%): better,
    more than chance'."""
    words = change_note(item).removeprefix(f"{item.measure_label}: ").rstrip(".")
    return words[:1].lower() + words[1:]


def _chart(picture: ChartPicture, alt: str) -> Chart:
    return Chart(picture.png, alt, picture.width / mm, picture.height / mm)


@dataclass
class _Builder:
    content: FindingsReportContent
    pictures: dict[str, ChartPicture]
    blocks: list
    section: int = 0
    paragraph: int = 0

    def heading(self, title: str) -> None:
        self.section += 1
        self.paragraph = 0
        self.blocks.append(Heading(1, title, str(self.section)))

    def para(self, words: str, lead: str = "") -> None:
        self.paragraph += 1
        self.blocks.append(Paragraph(words, f"{self.section}.{self.paragraph}", lead=lead))

    def build(self) -> None:
        content = self.content
        self.cover()
        if content.includes(PURPOSE):
            for title, words in (("Purpose", content.purpose), ("Background", content.background)):
                self.heading(title)
                for part in paragraphs(words):
                    self.para(part)
        if content.includes(OVERVIEW):
            self.overview()
        if content.includes(KEY_FINDINGS):
            self.key_findings()
        if content.includes(STANDARDS_SCORES) and content.has_standards_scores:
            self.standards_scores()
        for section in content.sections:
            if content.includes(section.key):
                self.results(section)
        if content.includes(COMMENTS) and content.comments:
            self.comments()
        letters = iter("AB")
        if content.includes(DASHBOARD_APPENDIX):
            self.dashboard(next(letters))
        if content.includes(ACTION_PLAN_APPENDIX):
            self.blocks.append(Heading(1, "Action plan", f"Appendix {next(letters)}:"))
            self.blocks.append(
                Paragraph(
                    "The plan's actions under the Standards for Employers, with those carried over from earlier years "
                    "that were still open when this survey began."
                )
            )
            if content.action_plan:
                self.blocks += action_plan_blocks(
                    content.action_plan, content.cycle.name, content.cycle.standards_edition, level=2
                )
            else:
                self.blocks.append(Paragraph("There are no actions in the plan for this cycle yet."))

    # ------------------------------------------------------------------ cover, overview, findings

    def cover(self) -> None:
        content = self.content
        cycle, organisation = content.cycle, content.organisation
        responses = f"{counted(cycle.response_count, 'response')}"
        if cycle.staff_invited:
            responses += f" from {cycle.staff_invited} staff invited"
            if cycle.response_rate is not None:
                responses += f" ({whole_percent(cycle.response_rate)})"
        rows = (
            ("Report title", f"Social Work Health Check {cycle.name}: findings"),
            ("Council", organisation.name),
            ("Originating service", organisation.service),
            ("Survey window", cycle.window),
            ("Responses", responses),
            ("Date of report", format_uk_date(content.made_on)),
            ("Protective marking", organisation.protective_marking),
        )
        self.blocks.append(Table("About this report", (("Item", "Detail"),), rows, numeric_from=99))

    def overview(self) -> None:
        content = self.content
        self.heading("Overview")
        self.para(overview_sentence(content))
        self.blocks.append(
            Table(
                "Responses to each health check",
                (("Health check", "Survey window", "Staff invited", "Responses", "Response rate"),),
                tuple(
                    (
                        c.name,
                        c.window,
                        "–" if c.invited is None else str(c.invited),
                        str(c.responses),
                        whole_percent(c.rate),
                    )
                    for c in content.cycles
                ),
                numeric_from=2,
            )
        )
        if content.profiles:
            names = ", ".join(p.question.title.lower() for p in content.profiles)
            self.para(
                f"Who took part, by {names}. Groups of fewer than "
                f"{counted(content.organisation.minimum_group_size, 'person')} "
                "are not shown, nor any group that would let one be worked out."
            )
            for profile in content.profiles:
                rows = [
                    (g.label, str(g.count), whole_percent(100 * g.count / profile.base))
                    for g in profile.groups
                    if g.count is not None
                ]
                if profile.hidden_total:
                    rows.append(
                        (
                            "Groups too small to show, together",
                            str(profile.hidden_total),
                            whole_percent(100 * profile.hidden_total / profile.base),
                        )
                    )
                self.blocks.append(
                    Table(
                        f"Who took part, by {profile.question.title.lower()}",
                        ((shortened(profile.question.title, HEADING_TITLE_LENGTH), "Number", "Per cent"),),
                        tuple(rows),
                        footnote=profile.base_description or f"Base: all who answered ({profile.base})",
                    )
                )
        workforce = content.workforce
        if workforce.has_figures and "workforce" in self.pictures:
            self.para(
                "The workforce figures the council reports each year, for context: they are entered by the council, "
                "not collected from staff."
            )
            table = Table(
                "Workforce figures by year",
                (("Workforce figure", *workforce.cycle_names),),
                tuple((t.measure.title, *(t.measure.shown(v) for v in t.values)) for t in workforce.trends),
            )
            words = "; ".join(
                f"{t.measure.title}: "
                + ", ".join(f"{t.measure.shown(v)} in {name}" for name, v in zip(workforce.cycle_names, t.values))
                for t in workforce.trends
            )
            self.blocks.append(_chart(self.pictures["workforce"], f"Chart of the workforce figures by year. {words}."))
            self.blocks.append(table)

    def key_findings(self) -> None:
        content = self.content
        self.heading("Key findings")
        if not content.findings:
            self.para("No findings have been written for this cycle yet.")
            return
        numbers = content.question_numbers
        for kind, lead in (
            (FindingKind.STRENGTH, "Strengths: what is going well"),
            (FindingKind.IMPROVEMENT, "Areas for improvement"),
        ):
            chosen = [f for f in content.findings if f.kind is kind]
            if not chosen:
                continue
            self.para("", lead=lead)
            for finding in chosen:
                codes = [numbers[c] for c in finding.question_codes if c in numbers]
                see = f" ({noun(len(codes), 'question')} {', '.join(codes)})" if codes else ""
                self.blocks.append(Paragraph(finding.text + see, style=BULLET))

    def standards_scores(self) -> None:
        content = self.content
        self.heading("Standards scores")
        self.para(standards_parts.METHOD)
        previous = next((s.previous_cycle for s in content.standards if s.previous_cycle), None)
        header = (
            "Standard",
            "Score",
            "Band",
            "Base",
            "95% range",
            f"Change since {previous}" if previous else "Change",
            "National",
        )
        rows = tuple(
            (
                f"{s.standard.number} {s.standard.title}",
                standards_parts.score_figure(s),
                s.band.value.capitalize() if s.band else standards_parts.NO_SCORE,
                str(s.base) if s.printed is not None else standards_parts.NO_SCORE,
                s.range_text.removeprefix("95% range ") or standards_parts.NO_SCORE,
                standards_parts.change_cell(s),
                standards_parts.national_cell(s),
            )
            for s in content.standards
        )
        self.blocks.append(Table("Each Standard's score out of 100", (header,), rows))
        self.blocks += [Paragraph(note, style=SMALL) for note in standards_parts.national_notes(content.standards)]
        by_group = content.standards_by_group
        if by_group is not None and any(not g.hidden for g in by_group.groups):
            names = ", ".join(f"{s.standard.number} {s.standard.title}" for s in content.standards)
            self.para(
                f"Each Standard's score by {by_group.dimension.title.lower()}, the Standards numbered as above "
                f"({names}). Groups of fewer than {counted(by_group.minimum, 'person')} are not shown, nor any group "
                "that would let one be worked out."
            )
            numbers = [s.standard.number for s in next((g.scores for g in by_group.groups if not g.hidden), ())]
            group_rows = tuple(
                (g.label, *(standards_parts.score_figure(s) for s in g.scores))
                for g in by_group.groups
                if not g.hidden and any(s.printed is not None for s in g.scores)
            )
            self.blocks.append(
                Table(
                    f"Each Standard's score by {by_group.dimension.title.lower()}",
                    ((shortened(by_group.dimension.title, HEADING_TITLE_LENGTH), *(f"Standard {n}" for n in numbers)),),
                    group_rows,
                )
            )
            if by_group.note:
                self.blocks.append(Paragraph(by_group.note, style=SMALL))

    # ------------------------------------------------------------------ results

    def results(self, section: ResultsSection) -> None:
        self.heading(section.title)
        kind, _, number = section.key.partition(":")
        if kind == "standard" and number.isdigit() and self.content.includes(STANDARDS_SCORES):
            score = self.content.standard_score(int(number))
            if score is not None and score.statements:
                self.para(plain(standards_parts.section_lead(score)))
        count = len(section.questions)
        self.para(
            f"The {'question' if count == 1 else counted(count, 'question')} under this heading, with the chart and "
            "table of each. Each table states its base: the people its per cents are of."
        )
        for block in section.blocks():
            if isinstance(block, StatementGroup):
                self.statements(block)
            else:
                self.question(block)

    def question(self, item: QuestionReport) -> None:
        result = item.result
        question = result.question
        self.blocks.append(Heading(2, question.title, f"{result.number}."))
        self.blocks.append(Paragraph(f"Question: “{question.text}”", style=NOTE))
        table = self.numbers_table(item) if result.numbers is not None else self.choice_table(item)
        picture = self.pictures.get(question.code)
        notes = question_notes(item)
        if picture is not None:
            self.blocks.append(_chart(picture, self.question_alt(item, table, notes)))
        self.blocks.append(table)
        self.blocks += [Paragraph(note, style=SMALL) for note in notes]

    def question_alt(self, item: QuestionReport, table: Table, notes: list[str]) -> str:
        """What the chart shows, in words and figures: every bar's per cent as the table beside it gives it, and
        what the notes say of it (favourable, change since last time)."""
        result = item.result
        bars = "; ".join(f"{row[0]} {row[2]}" for row in table.rows)
        words = f"Chart of {result.question.title} ({self.content.cycle.name}): {bars}."
        if result.numbers is not None and result.numbers.n:
            words += f" Average {number_text(result.numbers.mean)}."
        return " ".join([words, *notes[:2], f"{result.base_description}."]).replace("..", ".")

    def choice_table(self, item: QuestionReport) -> Table:
        result = item.result
        before = (
            {row.option.code: row.percent for row in item.previous.table.rows}
            if item.previous is not None and item.previous.table is not None
            else None
        )
        header = ("Answer", "Number", "Per cent", *([item.previous_cycle] if before is not None else []))
        rows = []
        for row in result.table.rows:
            cells = [row.option.label, str(row.count), whole_percent(row.percent)]
            if before is not None:
                cells.append(whole_percent(before.get(row.option.code)) if row.option.code in before else "–")
            rows.append(tuple(cells))
        return Table(
            f"{result.number}. {result.question.title}: answers",
            (tuple(header),),
            tuple(rows),
            footnote=result.base_description,
        )

    def numbers_table(self, item: QuestionReport) -> Table:
        result = item.result
        numbers = result.numbers
        before = item.previous.numbers if item.previous is not None and item.previous.numbers else None
        header = ("Band", "Number", "Per cent", *([item.previous_cycle] if before is not None else []))
        earlier = {band.band.label: band.proportion.percent for band in before.bands} if before else {}
        rows = []
        for band in numbers.bands:
            cells = [band.band.label, str(band.count), whole_percent(band.proportion.percent)]
            if before is not None:
                cells.append(whole_percent(earlier.get(band.band.label)) if band.band.label in earlier else "–")
            rows.append(tuple(cells))
        footnote = result.base_description
        if numbers.n:
            unit = f" {result.question.unit}" if result.question.unit else ""
            footnote = f"{numbers.spread_text(unit)}. {footnote}"
        return Table(
            f"{result.number}. {result.question.title}: answers", (tuple(header),), tuple(rows), footnote=footnote
        )

    def statements(self, group: StatementGroup) -> None:
        first = group.questions[0].result
        options = [o for o in first.question.options if not o.excluded_from_base]
        numbers = [q.result.number for q in group.questions]
        if len(numbers) > 1:
            self.blocks.append(Heading(2, "How far staff agree", f"{numbers[0]}–{numbers[-1]}."))
        else:
            self.blocks.append(Heading(2, numbers[0]))
        self.blocks.append(
            Paragraph(
                "Statements with the same answers, together: each statement's chart bar and table row.", style=NOTE
            )
        )
        previous = group.questions[0].previous_cycle
        since = f"Since {previous}" if previous else "Change"
        header = ("Statement", *(o.label for o in options), "Base", "Favourable", since)
        rows = []
        for item in group.questions:
            result = item.result
            rows.append(
                (
                    f"{result.number}. {result.question.title}",
                    *(whole_percent(result.table.row(o.code).percent) for o in options),
                    str(result.base),
                    whole_percent(result.scale.favourable.percent) if result.scale else "–",
                    short_change(item),
                )
            )
        table = Table(f"How far staff agree: questions {', '.join(numbers)}", (header,), tuple(rows))
        picture = self.pictures.get(group.key)
        if picture is not None:
            statements = "; ".join(
                f"{q.result.number} {q.result.question.title}: "
                + (f"{whole_percent(q.result.scale.favourable.percent)} favourable" if q.result.scale else "–")
                + (f", {_since(q)}" if change_note(q) else "")
                for q in group.questions
            )
            alt = f"Chart of how far staff agree ({self.content.cycle.name}), statement by statement: {statements}."
            self.blocks.append(_chart(picture, alt))
        self.blocks.append(table)
        notes = [
            f"Per cents are of those who answered each statement (its base). {favourable_words(group)} "
            + (
                f"‘Since {previous}’ is the change in % favourable, and whether that is better or worse, when it is "
                "more than chance; ‘no clear change’ when it is not."
                if previous
                else ""
            ),
            "The statements: "
            + "; ".join(f"{q.result.number}. “{q.result.question.text}”" for q in group.questions)
            + ".",
        ]
        for item in group.questions:
            notes += [f"{item.result.number}. {item.standard_move}"] if item.standard_move else []
            notes += [f"{item.result.number}. {note}" for note in benchmark_notes(item.benchmarks)]
        self.blocks += [Paragraph(note.strip(), style=SMALL) for note in notes]

    # ------------------------------------------------------------------ comments and appendices

    def comments(self) -> None:
        content = self.content
        self.heading("What staff said")
        self.para(
            f"A selection of the {counted(content.comment_total, 'comment')} staff wrote, chosen by the Principal "
            "Social Worker to give a sense of what was said. Comments are quoted only from groups of "
            f"{content.comment_minimum} or more people, and never with anything that says who wrote them."
        )
        by_question: dict[str, list] = {}
        for comment in content.comments:
            by_question.setdefault(comment.question.title, []).append(comment)
        for title, comments in by_question.items():
            self.blocks.append(Heading(2, title))
            self.blocks += [Paragraph(f"“{c.text.strip()}”", style=QUOTE) for c in comments]

    def dashboard(self, letter: str) -> None:
        content = self.content
        cycle = content.cycle
        self.blocks.append(Heading(1, f"Social Work Health Check {cycle.name} dashboard", f"Appendix {letter}:"))
        rate = (
            f" ({percent_text(cycle.response_rate)} of {cycle.staff_invited} staff invited)"
            if cycle.response_rate is not None
            else ""
        )
        self.blocks.append(
            Paragraph(f"Survey window {cycle.window} · {counted(cycle.response_count, 'response')}{rate}")
        )
        if content.indicators:
            rows: list[tuple[str, ...]] = []
            for value in content.indicators:
                indicator = value.indicator
                change = ""
                if value.change is not None and value.previous is not None:
                    unit = indicator.unit.strip() if not indicator.measure.is_percent else ""
                    change = change_since(
                        value.change,
                        indicator.measure.is_percent,
                        indicator.higher_is_better,
                        value.previous_cycle or "",
                        unit,
                    )
                rows.append(
                    (
                        indicator.title,
                        shown_value(value),
                        RAG_WORDS[value.rag] if value.number is not None else "–",
                        value.unavailable_reason or indicator.counts,
                        change or "–",
                        "; ".join(benchmark_source(b) for b in value.benchmarks) or "–",
                    )
                )
            self.blocks.append(
                Table(
                    "Headline indicators",
                    (("Headline indicator", "Value", "RAG", "What it counts", "Change since last year", "National"),),
                    tuple(rows),
                    numeric_from=99,
                    shares=(0.2, 0.1, 0.1, 0.22, 0.22, 0.16),
                )
            )
        self.blocks.append(
            Paragraph(
                "Red, amber and green are the council's own thresholds. A change since last year is called up or down "
                "only when it is more than chance (95% confidence). National figures are context, not targets; each "
                "names its source.",
                style=NOTE,
            )
        )
        if len(content.indicator_years) > 1:
            names = [name for name, _ in content.indicator_years]
            by_year = [{v.indicator.key: v for v in values} for _, values in content.indicator_years]
            rows = [
                (
                    value.indicator.title,
                    *(shown_value(y[value.indicator.key]) if value.indicator.key in y else "–" for y in by_year),
                )
                for value in content.indicators
            ]
            self.blocks.append(Table("Headline indicators by year", (("Headline indicator", *names),), tuple(rows)))
