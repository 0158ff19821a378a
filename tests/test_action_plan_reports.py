"""The printed action plan, 'You said, we did' and the action plan export: every action under its Standard, the
furniture on every page, dates as dates and no text that could run as a formula."""

from __future__ import annotations

import csv
import datetime as dt
import re
import shutil
import subprocess

import pytest

from swhc_desktop.cli import main
from swhc_desktop.domain.questionnaire import standard_label
from swhc_desktop.domain.records import ActionDraft, ActionStatus, FindingKind
from swhc_desktop.outputs.content.action_plan import read_action_plan
from swhc_desktop.outputs.exports.kinds import EXPORT_KINDS, export
from swhc_desktop.outputs.reports.kinds import REPORT_KINDS, report_kind
from swhc_desktop.storage import HealthCheckFile

from .support.pdf_text import normalised, page_texts

TODAY = dt.date(2026, 12, 1)
LANDSCAPE = re.compile(rb"/MediaBox\s*\[\s*0\s+0\s+841\.88\d*\s+595\.27\d*\s*\]")
PORTRAIT = re.compile(rb"/MediaBox\s*\[\s*0\s+0\s+595\.27\d*\s+841\.88\d*\s*\]")


@pytest.fixture
def busy_plan(demo):
    """The 2025 plan with an action carried over from 2024, a dropped one, one with a formula-like title, and enough
    actions to run over several pages."""
    c2024, c2025 = demo.cycles.by_name("2024"), demo.cycles.by_name("2025")
    demo.actions.add(
        c2024.id,
        ActionDraft(
            standard=2,
            title="Recruit to the vacant senior practitioner posts",
            owner="Head of Service",
            due_on=dt.date(2027, 3, 31),
            status=ActionStatus.IN_PROGRESS,
            question_codes=("intend_to_stay",),
        ),
    )
    demo.actions.add(
        c2025.id,
        ActionDraft(
            standard=8,
            title="Peer review with a neighbouring council",
            status=ActionStatus.DROPPED,
            dropped_reason="The peer review was postponed by the LGA.",
        ),
    )
    demo.actions.add(
        c2025.id,
        ActionDraft(
            standard=7,
            title='=HYPERLINK("http://x","Registration")',
            owner="+44 Workforce team",
            due_on=dt.date(2027, 1, 1),
        ),
    )
    for number in range(12):
        demo.actions.add(
            c2025.id,
            ActionDraft(
                standard=1 + number % 8,
                title=f"Extra action number {number + 1:02d}",
                description="A longer description of what will be done. " * 4,
                owner="Service Manager",
                due_on=dt.date(2027, 4, 1 + number),
            ),
        )
    return read_action_plan(demo, c2025, today=TODAY)


def make(kind_name, content, tmp_path):
    kind = report_kind(kind_name)
    return kind.write(content, tmp_path / kind.default_file_name(content.cycle.name))


def test_the_report_kinds_include_the_plan_and_you_said_we_did():
    names = {k.name for k in REPORT_KINDS}
    assert {"action-plan", "you-said-we-did"} <= names
    assert not report_kind("action-plan").hand_out and report_kind("paper-form").hand_out
    assert report_kind("you-said-we-did").in_a_sentence == "'You said, we did'"


def test_the_plan_prints_every_action_under_its_standard_with_page_x_of_y_on_every_page(busy_plan, tmp_path):
    out = make("action-plan", busy_plan, tmp_path)
    assert LANDSCAPE.search(out.read_bytes()), "A4 landscape"
    pages = [normalised(p) for p in page_texts(out)]
    assert len(pages) >= 3
    for number, text in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in text
        assert "Demo Borough Council · Children's Services" in text and "OFFICIAL-SENSITIVE" in text
        assert "Action plan 2025 · printed 01/12/2026" in text
    summary = pages[0]
    assert "Action plan: Social Work Health Check 2025" in summary and "By status" in summary and "By RAG" in summary
    assert "Overdue actions" in summary and "Book all outstanding appraisals" in summary
    plan = " ".join(pages[1:])
    # Every action is printed once, after the heading of its own Standard and before the next Standard's heading.
    headings = [(plan.index(standard_label(n)), n) for n in busy_plan.standards]
    assert [n for _, n in sorted(headings)] == busy_plan.standards
    for planned in busy_plan.actions:
        title = normalised(planned.action.title)
        assert plan.count(title) == 1, title
        at = plan.index(title)
        under = max(n for position, n in headings if position < at)
        assert under == planned.action.standard, title
    assert "Carried over from the 2024 health check" in plan
    assert "Dropped: The peer review was postponed by the LGA." in plan
    assert "Effect:" in plan or "To re-test in the next health check" in plan


def test_the_plan_shows_the_finding_its_figure_and_the_effect_of_last_years_actions(demo, tmp_path):
    content = read_action_plan(demo, demo.cycles.by_name("2024"), today=TODAY)
    text = normalised(" ".join(page_texts(make("action-plan", content, tmp_path))))
    assert "Fewer than half of social workers (44%) have line-management supervision at least monthly." in text
    assert "Figure: Supervision at least monthly: 44% (base 165)" in text
    assert (
        "Effect: Supervision at least monthly: 44% in 2024, 50% in 2025; no clear change (95% range -5 to +16 points)"
    ) in text
    assert "Caseload manageable: 41% in 2024, 73% in 2025; up 32 points, better" in text


def test_you_said_we_did_fits_two_pages_in_plain_words(busy_plan, tmp_path):
    out = make("you-said-we-did", busy_plan, tmp_path)
    assert PORTRAIT.search(out.read_bytes())
    pages = [normalised(p) for p in page_texts(out)]
    assert 1 <= len(pages) <= 2
    text = " ".join(pages)
    assert "You said, we did" in text
    assert "Thank you to the 203 of you (84% of the 242 we asked)" in text
    assert "Increase the frequency of supervision and the robustness of workload discussions" in text
    assert "Under way, to finish by June 2027." in text
    assert "Book all outstanding appraisals : Under way, later than planned (it was due in November 2026)." in text
    # Last year's actions are told once, under last year, not again among this year's.
    assert text.count("Recruit to the vacant senior practitioner posts") == 1
    assert "What is going well" in text and "After the 2024 health check, we said we would" in text
    assert "Caseload manageable: 41% in 2024, 73% in 2025: up 32 points, better" in text
    assert "Supervision at least monthly: 44% in 2024, 50% in 2025: no clear change" in text
    assert "more than chance" not in text and "95%" not in text, "staff get plain words"
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in page and "OFFICIAL-SENSITIVE" in page


def test_a_plan_with_no_actions_still_prints(tmp_path, folders):
    from swhc_desktop.questionnaires.cycles import start_cycle

    with HealthCheckFile.create(tmp_path / "new.swhc", "Newtown Council", folders=folders) as hc:
        cycle = start_cycle(hc, "2024", template_id="staff-survey")
        content = read_action_plan(hc, cycle, today=TODAY)
        for kind in ("action-plan", "you-said-we-did"):
            pages = page_texts(make(kind, content, tmp_path))
            assert pages and all(f"of {len(pages)}" in p for p in pages)
        assert "There are no actions in this plan yet." in normalised(
            page_texts(make("action-plan", content, tmp_path))[0]
        )


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler's pdftoppm is not installed")
def test_the_plan_renders_as_images_of_a4_landscape_pages(busy_plan, tmp_path):
    out = make("action-plan", busy_plan, tmp_path)
    subprocess.run(["pdftoppm", "-png", "-r", "30", str(out), str(tmp_path / "page")], check=True)
    images = sorted(tmp_path.glob("page-*.png"))
    assert len(images) == len(page_texts(out))
    for image in images:
        width, height = _png_size(image.read_bytes())
        assert width > height and abs(width / height - 297 / 210) < 0.01


def _png_size(data: bytes) -> tuple[int, int]:
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


# --------------------------------------------------------------------------- the export


def test_the_excel_export_has_dates_as_dates_widths_and_no_formulas(busy_plan, demo, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    kind = next(k for k in EXPORT_KINDS if k.what == "actions")
    assert not kind.hand_out
    out = kind.format("xlsx").write(busy_plan, tmp_path / "plan.xlsx")
    sheet = openpyxl.load_workbook(out).active
    headings = [c.value for c in sheet[1]]
    rows = [dict(zip(headings, (c.value for c in row), strict=True)) for row in sheet.iter_rows(min_row=2)]
    assert len(rows) == len(busy_plan.actions)
    by_title = {r["Action"]: r for r in rows}
    appraisals = by_title["Book all outstanding appraisals"]
    assert (
        appraisals["Due"] == dt.datetime(2026, 11, 30) and appraisals["RAG"] == "Red" and appraisals["Overdue"] == "Yes"
    )
    due_cell = sheet.cell(
        row=2 + [r["Action"] for r in rows].index("Book all outstanding appraisals"), column=headings.index("Due") + 1
    )
    assert due_cell.is_date and due_cell.number_format == "dd/mm/yyyy"
    formula_like = by_title['\'=HYPERLINK("http://x","Registration")']
    assert formula_like["Owner"] == "'+44 Workforce team"
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row), "nothing runs as a formula"
    widths = {letter: dimension.width for letter, dimension in sheet.column_dimensions.items()}
    assert widths["C"] > 35 and widths["F"] < 15  # the action's title is wide, a date narrow
    assert sheet.freeze_panes == "D2" and sheet.auto_filter.ref


def test_the_csv_export_writes_uk_dates_and_neutralises_formulas(busy_plan, tmp_path):
    kind = next(k for k in EXPORT_KINDS if k.what == "actions")
    out = kind.format("csv").write(busy_plan, tmp_path / "plan.csv")
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    by_title = {r["Action"]: r for r in rows}
    assert by_title["Book all outstanding appraisals"]["Due"] == "30/11/2026"
    assert '\'=HYPERLINK("http://x","Registration")' in by_title


def test_the_command_line_makes_the_plan_the_summary_and_the_export(demo_path, tmp_path, capsys):
    plan, summary = tmp_path / "plan.pdf", tmp_path / "yswd.pdf"
    assert main(["report", str(demo_path), "2025", "--kind", "action-plan", "--out", str(plan)]) == 0
    assert main(["report", str(demo_path), "2025", "--kind", "you-said-we-did", "--out", str(summary)]) == 0
    assert "Wrote 'You said, we did' for 2025" in capsys.readouterr().out
    assert page_texts(plan) and page_texts(summary)
    for format_name in ("xlsx", "csv"):
        out = tmp_path / f"actions.{format_name}"
        assert (
            main(["export", str(demo_path), "2025", "--what", "actions", "--format", format_name, "--out", str(out)])
            == 0
        )
        assert out.stat().st_size > 0
    assert (
        main(
            [
                "export",
                str(demo_path),
                "2025",
                "--what",
                "actions",
                "--format",
                "docx",
                "--out",
                str(tmp_path / "x.docx"),
            ]
        )
        == 2
    )
    assert "cannot be made as docx" in capsys.readouterr().err


def test_the_export_is_made_through_the_export_kinds(demo, tmp_path):
    out = export(demo, demo.cycles.by_name("2025"), "actions", "csv", tmp_path / "a.csv")
    assert "Book all outstanding appraisals" in out.read_text(encoding="utf-8-sig")


def test_an_action_too_long_for_a_page_is_still_printed(demo, tmp_path):
    cycle = demo.cycles.by_name("2025")
    demo.actions.add(
        cycle.id,
        ActionDraft(
            standard=4,
            title="An action described at great length",
            description="Every detail of what will be done, written out. " * 400,
        ),
    )
    out = make("action-plan", read_action_plan(demo, cycle, today=TODAY), tmp_path)
    pages = [normalised(p) for p in page_texts(out)]
    assert "An action described at great length" in " ".join(pages)
    assert all(f"of {len(pages)}" in p for p in pages)


UPDATE = (
    "We met the team managers and agreed a new allocation process. Caseloads are now reviewed weekly at the "
    "allocation meeting. The first results are promising and staff say so. "
)


@pytest.mark.parametrize("length", [1_100, 2_400, 10_000])
def test_a_long_progress_update_runs_on_under_one_heading_and_says_whose_row_it_continues(demo, tmp_path, length):
    """The walk-through's P3.18: the row of an action whose update is longer than a page runs on where it stands (the
    Standard's heading is printed once a page, never twice on one) and each page it runs on to names the action."""
    cycle = demo.cycles.by_name("2025")
    action = demo.actions.add(
        cycle.id,
        ActionDraft(
            standard=5,
            title="Reduce caseloads",
            owner="Head of Service",
            due_on=dt.date(2027, 6, 1),
            status=ActionStatus.IN_PROGRESS,
        ),
    )
    update = (UPDATE * 100)[:length].strip()
    demo.actions.add_update(action, dt.date(2026, 12, 1), update)
    out = make("action-plan", read_action_plan(demo, cycle, today=TODAY), tmp_path)
    pages = [normalised(p) for p in page_texts(out)]
    heading = standard_label(5)
    assert all(page.count(heading) <= 1 for page in pages)
    running = [page for page in pages if "Reduce caseloads" in page]
    assert "Reduce caseloads (continued)" not in running[0]
    assert all("Reduce caseloads (continued)" in page for page in running[1:])
    if length > 1_100:
        assert len(running) > 1, "an update longer than a page runs on to the next"
    text = " ".join(pages)
    assert normalised(update[:300]) in text and normalised(update[-300:]) in text
    assert _whole_after_removing_notes(pages, update)


def _whole_after_removing_notes(pages: list[str], update: str) -> bool:
    """The update is printed whole: its words, in order, with only page furniture and the continuation notes
    between them."""
    words = " ".join(pages).split()
    at = 0
    for word in update.split():
        while at < len(words) and words[at] != word:
            at += 1
        if at == len(words):
            return False
        at += 1
    return True


@pytest.mark.parametrize("kind", ["action-plan", "you-said-we-did", "findings"])
def test_the_reviews_long_texts_no_longer_stop_a_report(demo_path, tmp_path, capsys, kind):
    """The adversarial review's M7 and the walk-through's P1.1, through the command line: an action's description
    and a progress update of about 2,400 characters, a key finding as long; each report is made (exit 0)."""
    with HealthCheckFile.open(demo_path) as hc:
        cycle = hc.cycles.by_name("2025")
        finding = hc.findings.add(cycle.id, FindingKind.IMPROVEMENT, (UPDATE * 20)[:2_400])
        action = hc.actions.add(
            cycle.id,
            ActionDraft(
                standard=5, title="Reduce caseloads", description=(UPDATE * 20)[:2_400], finding_ids=(finding,)
            ),
        )
        hc.actions.add_update(action, dt.date(2026, 12, 1), (UPDATE * 20)[:2_400])
    out = tmp_path / f"{kind}.pdf"
    assert main(["report", str(demo_path), "2025", "--kind", kind, "--out", str(out)]) == 0, capsys.readouterr().err
    assert "Reduce caseloads" in normalised(" ".join(page_texts(out)))


def test_the_plan_is_read_once_and_written_without_the_file(demo, tmp_path):
    """The app reads and writes in the background: the writers need nothing but what was read."""
    content = read_action_plan(demo, demo.cycles.by_name("2025"), today=TODAY)
    demo.close()
    for name in ("action-plan", "you-said-we-did"):
        assert make(name, content, tmp_path).exists()
    kind = next(k for k in EXPORT_KINDS if k.what == "actions")
    for export_format in kind.formats:
        assert export_format.write(content, tmp_path / f"actions{export_format.suffix}").exists()


def test_the_plan_tables_fit_a_portrait_page_for_other_documents(busy_plan, tmp_path):
    """The findings report prints the plan as an appendix on portrait pages, through the same function."""
    from swhc_desktop.outputs.reports.action_plan import action_plan_tables, column_widths
    from swhc_desktop.outputs.reports.pdf_furniture import CONTENT_WIDTH, PageFurniture, build_pdf, report_styles

    assert sum(column_widths(CONTENT_WIDTH)) == pytest.approx(CONTENT_WIDTH)
    out = build_pdf(
        tmp_path / "appendix.pdf",
        PageFurniture("Demo Borough Council", "OFFICIAL", "Appendix"),
        action_plan_tables(busy_plan.actions, report_styles(), CONTENT_WIDTH, "2025"),
    )
    assert PORTRAIT.search(out.read_bytes())
    text = "".join(" ".join(page_texts(out)).split())  # a narrow column breaks a long title wherever it can
    assert [p.action.title for p in busy_plan.actions if "".join(p.action.title.split()) not in text] == []


@pytest.mark.parametrize("extra", range(0, 7))
def test_you_said_we_did_never_leaves_its_closing_note_alone_on_a_page(demo, tmp_path, extra):
    """However many actions push it over a page, the closing note goes with the section before it."""
    cycle = demo.cycles.by_name("2025")
    for number in range(extra):
        demo.actions.add(
            cycle.id,
            ActionDraft(standard=1 + number % 8, title=f"Another action, number {number + 1}, " + "in detail " * 25),
        )
    out = make("you-said-we-did", read_action_plan(demo, cycle, today=TODAY), tmp_path)
    pages = [normalised(p) for p in page_texts(out)]
    note = "Per cents are of those who answered each question."
    [with_note] = [page for page in pages if note in page]
    furniture = ("Demo Borough Council", "OFFICIAL-SENSITIVE", "Children's Services", "Social Work Health Check")
    rest = with_note[: with_note.index(note)]
    for words in furniture:
        rest = rest.replace(words, "")
    assert len(rest.strip()) > 60, f"the note is not alone on its page ({len(pages)} pages)"
