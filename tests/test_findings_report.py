"""The findings report for members: every section where the contents says it is, bases under every table, changes
called changes only when more than chance, national figures with their sources, comments only when chosen and
never from a small group, the PSW's own words, the dashboard and the action plan, page X of Y on every page."""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import replace

import pytest

from swhc_desktop.analysis.comments import cycle_comments
from swhc_desktop.analysis.intervals import Change
from swhc_desktop.cli import main
from swhc_desktop.domain.progress import Cancelled, Progress
from swhc_desktop.domain.records import BY_SECTION, AnswerValue, BatchKind, NewBatch, NewResponse, ReportChoices
from swhc_desktop.figures.workforce import WORKFORCE_MEASURES, save_workforce_figures
from swhc_desktop.outputs.content.findings_report import (
    change_words,
    read_findings_report,
    report_outline,
    reportable_comments,
)
from swhc_desktop.outputs.reports.kinds import make_report
from swhc_desktop.storage import HealthCheckFile

from .support.pdf_text import normalised, page_texts

SMALL_TEAM_COMMENT = "Only the two of us in this team know what happened in March."


@pytest.fixture(scope="module")
def demo_report(tmp_path_factory, demo_master):
    """The demo's 2025 report, made once for the tests that only read it."""
    folder = tmp_path_factory.mktemp("report")
    copy = folder / "demo.swhc"
    shutil.copyfile(demo_master, copy)
    from swhc_desktop.paths import UserFolders

    with HealthCheckFile.open(copy, folders=UserFolders.under(folder / "home")) as hc:
        cycle = hc.cycles.by_name("2025")
        out = make_report(hc, cycle, "findings", folder / "report.pdf")
        content = read_findings_report(hc, cycle)
    return out, page_texts(out), content


def page_of(pages: list[str], words: str, start: int = 2) -> int:
    return next(number for number, page in enumerate(pages, start=1) if number > start and words in normalised(page))


# --------------------------------------------------------------------------- the whole report


def test_every_page_has_the_council_the_marking_and_page_x_of_y(demo_report):
    _, pages, _ = demo_report
    for number, page in enumerate(pages, start=1):
        assert "Demo Borough Council" in page and page.count("OFFICIAL-SENSITIVE") >= 2
        assert f"Page {number} of {len(pages)}" in page


def test_the_cover_names_the_council_the_service_the_cycle_the_date_and_the_marking(demo_report):
    _, pages, content = demo_report
    cover = normalised(pages[0])
    assert "Social Work Health Check 2025" in cover and "Children's Services" in cover
    assert "Date of report" in cover and content.made_on.strftime("%d/%m/%Y") in cover
    assert "Protective marking OFFICIAL-SENSITIVE" in cover
    assert "203 responses from 242 staff invited (84%)" in cover


def test_the_contents_gives_the_page_each_section_starts_on(demo_report):
    _, pages, _ = demo_report
    contents = normalised(pages[1])
    expected = [
        "Purpose",
        "Background",
        "Overview",
        "Key findings",
        "Standard 1: Strategic and professional leadership",
        "Standard 3: Safe workloads and case allocation",
        "Standard 5: Supervision",
        "Social Work Health Check 2025 dashboard",
        "Action plan",
    ]
    for title in expected:
        listed = re.search(rf"{re.escape(title)} (\d+)", contents)
        assert listed, title
        heading = title if not title.endswith("dashboard") and title != "Action plan" else f": {title}"
        assert page_of(pages, heading) == int(listed.group(1)), title
    assert "What staff said" not in contents  # no comments are quoted unless the PSW chooses them


def test_sections_follow_the_council_report_model_with_numbered_paragraphs(demo_report):
    _, pages, _ = demo_report
    text = normalised(" ".join(pages))
    for part in (
        "1 Purpose 1.1",
        "2 Background 2.1",
        "3 Overview 3.1",
        "4 Key findings 4.1",
        "Appendix A: Social Work Health Check 2025 dashboard",
        "Appendix B: Action plan",
    ):
        assert part in text
    assert "complete, review and publish an annual health check" in text
    assert "A total of 203 responses were received, a response rate of 84%. The response rate in 2024 was 76%." in text
    assert "2023 03/04/2023 to 12/05/2023 238 158 66%" in text


def test_every_question_is_reported_with_its_base(demo_report):
    _, pages, content = demo_report
    text = normalised(" ".join(pages))
    reported = [q for section in content.sections for q in section.questions]
    assert len(reported) == 48  # every analysed question of the staff survey but its breakdowns
    statements = {
        q.result.question.code
        for s in content.sections
        for b in s.blocks()
        if hasattr(b, "questions")
        for q in b.questions
    }
    for item in reported:
        result = item.result
        if result.question.code in statements:  # a row of its group's table, its base in the Base column
            row = re.search(
                rf"{re.escape(result.number)}\. {re.escape(result.question.title)} (?:\d+% ){{4,6}}(\d+) ", text
            )
            assert row and int(row.group(1)) == result.base, result.question.code
        else:
            assert f"{result.number}. {result.question.title}" in text
            assert normalised(result.base_description) in text


def test_changes_are_called_changes_only_when_more_than_chance(demo_report, demo):
    _, pages, content = demo_report
    text = normalised(" ".join(pages))
    items = {q.result.question.code: q for s in content.sections for q in s.questions}
    manageable, monthly = items["caseload_manageable"], items["supervision_frequency"]
    assert manageable.change.more_than_chance and not monthly.change.more_than_chance
    assert f"% favourable: up {manageable.change.shown_difference:.0f} points since 2024" in text
    assert f"% favourable: no clear change since 2024 ({monthly.before.value:.0f}% then)." in text


def test_change_words_never_give_a_direction_to_a_change_that_could_be_chance():
    from decimal import Decimal

    chance = Change(4.0, -2.0, 10.0, 0.2, "z", False)
    real = Change(-6.4, -10.0, -2.0, 0.01, "z", True, Decimal(52), Decimal(46))
    average = Change(-6.4, -10.0, -2.0, 0.01, "z", True, Decimal("15.3"), Decimal("8.9"))
    assert change_words(chance, True, "2024", 52) == "No clear change since 2024 (52% then)."
    assert change_words(real, True, "2024", 52) == "Down 6 points since 2024 (from 52%), more than chance."
    assert (
        change_words(real, True, "2024", 52, higher_is_better=True)
        == "Down 6 points since 2024 (from 52%): worse, more than chance."
    )
    assert (
        change_words(average, False, "2024", 15.3, "cases", higher_is_better=False)
        == "Down 6.4 cases since 2024 (from 15.3 cases): better, more than chance."
    )
    assert change_words(None, True, None, None) == ""


def test_national_figures_are_printed_with_their_sources(demo_report):
    _, pages, _ = demo_report
    text = normalised(" ".join(pages))
    assert (
        "National figure, for context (not a target): DfE workforce statistics: average caseload, 30/09/2025: "
        "15.2 cases." in text
    )
    assert "Source: Department for Education, Children's social work workforce data set, reporting year 2025" in text
    # The LGA's 2018 employer return is the 2018 form, shown only beside cycles of 2018 and 2019.
    assert "Source: Local Government Association, Children's Social Work Health Check Survey 2018" not in text


def test_the_key_findings_come_from_the_findings_list(demo_report, demo):
    _, pages, _ = demo_report
    text = normalised(" ".join(pages))
    for finding in demo.findings.for_cycle(demo.cycles.by_name("2025").id):
        assert normalised(finding.text) in text
    assert "Strengths: what is going well" in text and "Areas for improvement" in text


def test_the_dashboard_is_one_page_and_the_action_plan_lists_the_plan_by_standard(demo_report, demo):
    _, pages, content = demo_report
    dashboard = page_of(pages, "Appendix A: Social Work Health Check 2025 dashboard")
    page = normalised(pages[dashboard - 1])
    for value in content.indicators:
        assert value.indicator.title in page
    assert "Headline indicator, by year 2023 2024 2025" in page
    assert "Appendix B" in normalised(pages[dashboard])  # the dashboard takes one page, the plan starts on the next
    plan = normalised(" ".join(pages[dashboard:]))
    cycle = demo.cycles.by_name("2025")
    for action in demo.actions.plan_for(cycle, demo.cycles.all()):
        assert normalised(action.title) in plan
    assert plan.index("Standard 3: Safe workloads") < plan.index("Standard 5: Supervision")


def test_the_charts_are_in_the_pdf_as_pictures(demo_report):
    out, _, content = demo_report
    blocks = sum(len(s.blocks()) for s in content.sections)
    assert content.workforce.has_figures  # the demo's, charted by year in the overview
    assert out.read_bytes().count(b"/Subtype /Image") == blocks + 1


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="needs poppler's pdftoppm")
def test_every_page_renders_with_something_on_it(demo_report, tmp_path):
    out, pages, _ = demo_report
    subprocess.run(["pdftoppm", "-png", "-r", "20", str(out), str(tmp_path / "page")], check=True)
    from PIL import Image

    images = sorted(tmp_path.glob("page-*.png"))
    assert len(images) == len(pages)
    for path in images:
        grey = Image.open(path).convert("L")
        inked = sum(grey.histogram()[:200])
        assert inked > 200, path.name


# --------------------------------------------------------------------------- the PSW's choices


def test_the_psws_own_words_replace_the_standard_wording(demo, tmp_path):
    cycle = demo.cycles.by_name("2025")
    demo.report_choices.save(
        cycle.id,
        ReportChoices(
            purpose="Our purpose, in our words.\n\nA second paragraph & more <b>", background="Why we do it."
        ),
    )
    text = normalised(" ".join(page_texts(make_report(demo, cycle, "findings", tmp_path / "r.pdf"))))
    assert "1.1 Our purpose, in our words. 1.2 A second paragraph & more <" in text
    assert "2.1 Why we do it." in text and "complete, review and publish" not in text


def test_sections_left_out_are_not_printed_and_the_appendices_are_lettered_again(demo, tmp_path):
    cycle = demo.cycles.by_name("2025")
    demo.report_choices.save(
        cycle.id, ReportChoices(left_out=frozenset({"standard:5", "appendix_dashboard", "purpose"}))
    )
    pages = page_texts(make_report(demo, cycle, "findings", tmp_path / "r.pdf"))
    contents, text = normalised(pages[1]), normalised(" ".join(pages))
    assert "Standard 4: Wellbeing" in contents
    assert "Standard 5" not in contents and "13. Line-management supervision" not in text
    assert "dashboard" not in contents and "Headline indicator, by year" not in text
    assert "Appendix A Action plan" in contents and "Appendix A: Action plan" in text
    assert "Purpose" not in contents and "1 Overview 1.1" in text


def test_results_can_be_arranged_by_questionnaire_section(demo, tmp_path):
    cycle = demo.cycles.by_name("2025")
    demo.report_choices.save(cycle.id, ReportChoices(arrangement=BY_SECTION))
    outline = [item.title for item in report_outline(demo, cycle, demo.report_choices.get(cycle.id))]
    assert outline[4:10] == [
        "Standards scores",
        "Your workload",
        "Supervision and support",
        "Learning and development",
        "Communication and culture",
        "Your future",
    ]
    pages = page_texts(make_report(demo, cycle, "findings", tmp_path / "r.pdf"))
    assert "6 Your workload" in normalised(pages[1]) and "Standard 3" not in normalised(pages[1])
    assert "6 Your workload 6.1" in normalised(" ".join(pages))


def test_the_workforce_figures_appear_in_the_overview_once_entered(demo, tmp_path):
    cycle = demo.cycles.by_name("2025")
    measures = [m.key for m in WORKFORCE_MEASURES]
    for each in demo.cycles.all():  # the demo's own figures taken out: none entered yet
        save_workforce_figures(demo, each.id, dict.fromkeys(measures))
    text = normalised(" ".join(page_texts(make_report(demo, cycle, "findings", tmp_path / "none.pdf"))))
    assert "Workforce figure" not in text
    save_workforce_figures(demo, cycle.id, {"establishment_fte": 284.3, "turnover_percent": 16})
    text = normalised(" ".join(page_texts(make_report(demo, cycle, "findings", tmp_path / "r.pdf"))))
    assert "Workforce figure 2023 2024 2025 Establishment – – 284.3 FTE Turnover – – 16%" in text


# --------------------------------------------------------------------------- comments


def add_small_team_response(hc, cycle):
    questionnaire = hc.questionnaires.load(cycle.id)
    team = questionnaire.question("team").option("other_team")
    comment = questionnaire.question("other_comments")
    hc.responses.add_batch(
        cycle.id,
        NewBatch(BatchKind.PAPER, "late paper return"),
        [
            NewResponse(
                (
                    AnswerValue(questionnaire.question("team").id, option_id=team.id),
                    AnswerValue(comment.id, text=SMALL_TEAM_COMMENT),
                )
            )
        ],
    )
    return hc.cycles.by_name(cycle.name)


def test_comments_are_quoted_only_when_chosen_and_never_from_a_small_group(demo, tmp_path):
    cycle = add_small_team_response(demo, demo.cycles.by_name("2025"))
    everything = cycle_comments(demo, cycle.id)
    small = next(c for c in everything if c.text == SMALL_TEAM_COMMENT)
    eligible = reportable_comments(demo, cycle)
    assert small not in eligible and len(eligible) < len(everything)
    assert all(c.group for c in eligible)
    chosen = [eligible[0], eligible[-1]]
    demo.report_choices.save(cycle.id, ReportChoices(comments=(small.key, *(c.key for c in chosen))))
    content = read_findings_report(demo, cycle)
    assert content.comments == tuple(sorted(chosen, key=lambda c: everything.index(c)))
    text = normalised(" ".join(page_texts(make_report(demo, cycle, "findings", tmp_path / "r.pdf"))))
    assert "What staff said" in text and "groups of 10 or more people" in text
    assert f"“{normalised(chosen[0].text)}”" in text
    assert SMALL_TEAM_COMMENT not in text


def test_no_comment_can_be_quoted_from_a_survey_smaller_than_the_comment_minimum(tmp_path, folders):
    from swhc_desktop.questionnaires.cycles import start_cycle

    with HealthCheckFile.create(tmp_path / "tiny.swhc", "Anytown Borough Council", folders=folders) as hc:
        cycle = start_cycle(hc, "2026", template_id="staff-survey")
        comment = hc.questionnaires.load(cycle.id).question("other_comments")
        hc.responses.add_batch(
            cycle.id,
            NewBatch(BatchKind.PAPER, "paper"),
            [NewResponse((AnswerValue(comment.id, text=f"Comment {n}"),)) for n in range(9)],
        )
        assert reportable_comments(hc, hc.cycles.by_name("2026")) == []


# --------------------------------------------------------------------------- making it


def test_cancelling_leaves_no_file(demo, tmp_path):
    cycle = demo.cycles.by_name("2025")
    steps = []
    progress = Progress(report=lambda done, total, message: steps.append(message), is_cancelled=lambda: len(steps) > 5)
    (tmp_path / "out").mkdir()
    with pytest.raises(Cancelled):
        make_report(demo, cycle, "findings", tmp_path / "out" / "report.pdf", progress)
    assert list((tmp_path / "out").iterdir()) == []
    assert steps[0].startswith("Drawing chart 1 of")


def test_progress_runs_from_the_charts_to_the_pages(demo, tmp_path):
    cycle = demo.cycles.by_name("2025")
    seen = []
    make_report(demo, cycle, "findings", tmp_path / "r.pdf", Progress(report=lambda d, t, m: seen.append((d, t, m))))
    assert seen[-1][0] == seen[-1][1] and seen[-1][2] == "Report made"
    assert any(m.startswith("Finding the pages") for _, _, m in seen)
    assert any(m.startswith("Laying out the report") for _, _, m in seen)
    assert all(d <= t for d, t, _ in seen)


def test_swhc_report_makes_the_findings_report(demo_path, tmp_path, capsys):
    out = tmp_path / "report.pdf"
    assert main(["report", str(demo_path), "2025", "--kind", "findings", "--out", str(out)]) == 0
    assert "Wrote the findings report for 2025" in capsys.readouterr().out
    assert page_texts(out)[0].count("Social Work Health Check 2025") >= 1


def test_the_report_choices_are_kept_in_the_file(demo):
    cycle = demo.cycles.by_name("2025")
    assert demo.report_choices.get(cycle.id) == ReportChoices()
    choices = ReportChoices(
        purpose="P",
        background=None,
        arrangement=BY_SECTION,
        left_out=frozenset({"comments"}),
        comments=((5, 7), (9, 7)),
    )
    demo.report_choices.save(cycle.id, choices)
    assert demo.report_choices.get(cycle.id) == choices
    demo.report_choices.save(cycle.id, replace(choices, purpose=None))
    assert demo.report_choices.get(cycle.id).purpose is None
    with demo.transaction():
        demo.execute("UPDATE cycle_texts SET text = 'not json' WHERE key = 'report_layout'")
    assert demo.report_choices.get(cycle.id).arrangement == "standard"


def test_a_cycle_without_responses_has_no_findings_report(tmp_path, folders, capsys):
    from swhc_desktop.questionnaires.cycles import start_cycle

    path = tmp_path / "new.swhc"
    with HealthCheckFile.create(path, "Anytown Borough Council", folders=folders) as hc:
        start_cycle(hc, "2026", template_id="staff-survey")
    assert main(["report", str(path), "2026", "--kind", "findings", "--out", str(tmp_path / "r.pdf")]) == 2
    assert capsys.readouterr().err.startswith("swhc report: 2026 has no responses yet, so there is no findings report")
    assert not (tmp_path / "r.pdf").exists()
    assert main(["report", str(path), "2026", "--kind", "lga-return", "--out", str(tmp_path / "l.pdf")]) == 0


def test_the_report_gives_each_standards_score_in_a_table_by_team_and_at_the_head_of_its_section(demo, tmp_path):
    from swhc_desktop.analysis.benchmarks import NationalScore, save_national_score
    from swhc_desktop.analysis.standard_scores import standard_scores
    from swhc_desktop.domain.records import Service

    cycle = demo.cycles.by_name("2025")
    save_national_score(demo, NationalScore(Service.CHILDREN, 2025, 3, 51, "LGA national summary 2025"))
    scores = standard_scores(demo, cycle)
    pages = [normalised(p) for p in page_texts(make_report(demo, cycle, "findings", tmp_path / "r.pdf"))]
    assert "5 Standards scores" in pages[1]
    section = next(p for p in pages if "5 Standards scores 5.1" in p)
    assert "Change since 2024 National" in section
    for score in scores:
        change = "No clear change" if not score.change.more_than_chance else "points, better"
        row = f"{score.standard.number} {score.standard.title} {score.printed:.0f} {score.band.value.capitalize()}"
        assert row in section and change in section.split(row)[1][:80]
    assert "3 Safe workloads and case allocation 46 Low 199 42 to 50 Up 8 points, better 51" in section
    assert "National scores of Standard 3: LGA national summary 2025, 2025" in section
    by_team = section.split("Each Standard's score by team")[1]
    assert "Care leavers" in by_team and "Other team" not in by_team
    assert "2 groups are not shown: groups of fewer than 5 people" in by_team
    for score in scores:
        head = next(
            p for p in pages if f"Standard {score.standard.number}: {score.standard.title}" in p and p != pages[1]
        )
        lead = f"Standard score: {score.printed:.0f} out of 100, {score.band.value}"
        lead += f" ({score.base} people; {score.range_text})."
        assert lead in head
    wellbeing = next(p for p in pages if "Standard 4: Wellbeing" in p and p != pages[1])
    assert "Up 6 points since 2024 (from 57): better, more than chance." in wellbeing


def test_the_standards_scores_can_be_left_out_of_the_report(demo, tmp_path):
    cycle = demo.cycles.by_name("2025")
    demo.report_choices.save(cycle.id, ReportChoices(left_out=frozenset({"standards_scores"})))
    text = normalised(" ".join(page_texts(make_report(demo, cycle, "findings", tmp_path / "r.pdf"))))
    assert "Standards scores" not in text and "Standard score:" not in text
    assert "Standard 4: Wellbeing" in text


def test_you_said_we_did_says_how_each_standard_scored_on_its_one_page(demo, tmp_path):
    cycle = demo.cycles.by_name("2025")
    pages = page_texts(make_report(demo, cycle, "you-said-we-did", tmp_path / "y.pdf"))
    assert len(pages) == 1
    text = normalised(pages[0])
    assert "How each Standard scored" in text
    assert "3 Safe workloads and case allocation 46, low up 8 points, better" in text
    assert "2 Effective workforce planning systems 65, moderate no clear change" in text
