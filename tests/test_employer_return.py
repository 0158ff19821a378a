"""The employer return and the workforce figures: answers of every kind stored under the LGA form's question codes and
read back, suggestions worked out from the staff survey (each saying where it came from), and the PDF of the return."""

from __future__ import annotations

import statistics

import pytest

from swhc_desktop.cli import main
from swhc_desktop.domain.errors import InvalidInput
from swhc_desktop.figures.employer_return import (
    CONTRACTED_HOURS,
    RETURN_PREFIX,
    ReturnAnswer,
    describe_answer,
    parse_number,
    prefills,
    read_employer_return,
    return_questionnaire,
    save_answers,
    stored_answers,
)
from swhc_desktop.figures.workforce import (
    WORKFORCE_MEASURES,
    parse_workforce_figure,
    save_workforce_figures,
    workforce_figures,
    workforce_measure,
    workforce_trends,
)
from swhc_desktop.outputs.reports.kinds import make_report, report_kind
from swhc_desktop.storage import HealthCheckFile

from .support.pdf_text import normalised, page_texts


@pytest.fixture
def demo(demo_path_before_workforce_figures, open_files):
    return open_files.open(demo_path_before_workforce_figures)


@pytest.fixture
def empty(tmp_path, folders):
    with HealthCheckFile.create(tmp_path / "empty.swhc", "Anytown Borough Council", folders=folders) as hc:
        hc.cycles.add("2026")
        yield hc


ANSWERS = {
    "contact_name": ReturnAnswer(text="Sam Example"),
    "posts_fte": ReturnAnswer(number=112.5),
    "absence_stress": ReturnAnswer(number=3),
    "cancel_meetings": ReturnAnswer(option_codes=("more_than_5_times_a_week",), text="about 7 in duty weeks"),
    "allocation_negotiated": ReturnAnswer(option_codes=("yes",)),
    "safety_support": ReturnAnswer(option_codes=("mobile_phones", "buddy_system", "other"), text="Lone-working app"),
    "healthy_environment": ReturnAnswer(option_codes=("refreshments", "rooms_for_meetings")),
    "standard3_comments": ReturnAnswer(text="Caseloads are reviewed monthly.\nWeighting is being piloted."),
}


# --------------------------------------------------------------------------- stored and read back


def test_answers_of_every_kind_are_stored_under_the_forms_codes_and_read_back(empty):
    cycle = empty.cycles.by_name("2026")
    save_answers(empty, cycle.id, ANSWERS)
    assert stored_answers(empty, cycle.id) == ANSWERS
    figures = empty.figures.get(cycle.id, RETURN_PREFIX)
    assert figures["posts_fte"].number == 112.5
    assert figures["safety_support"].text == "mobile_phones buddy_system other"
    assert figures["safety_support/other"].text == "Lone-working app"
    assert set(figures) - {"safety_support/other", "cancel_meetings/other"} == set(ANSWERS)
    empty.close()
    with HealthCheckFile.open(empty.path, read_only=True, folders=empty.folders) as again:
        assert stored_answers(again, cycle.id) == ANSWERS


def test_clearing_an_answer_removes_it_and_its_please_specify_text(empty):
    cycle = empty.cycles.by_name("2026")
    save_answers(empty, cycle.id, ANSWERS)
    save_answers(empty, cycle.id, {"safety_support": None, "posts_fte": ReturnAnswer()})
    figures = empty.figures.get(cycle.id, RETURN_PREFIX)
    assert "safety_support" not in figures and "safety_support/other" not in figures and "posts_fte" not in figures
    assert figures["cancel_meetings/other"].text == "about 7 in duty weeks"


def test_please_specify_text_is_kept_only_with_its_answer(empty):
    cycle = empty.cycles.by_name("2026")
    save_answers(empty, cycle.id, {"cancel_meetings": ReturnAnswer(option_codes=("once_a_week",), text="ignored")})
    assert "cancel_meetings/other" not in empty.figures.get(cycle.id, RETURN_PREFIX)


def test_each_cycle_keeps_its_own_return_and_every_change_is_audited(empty):
    first = empty.cycles.by_name("2026")
    second = empty.cycles.get(empty.cycles.add("2027"))
    save_answers(empty, first.id, {"posts_fte": ReturnAnswer(number=100)})
    save_answers(empty, second.id, {"posts_fte": ReturnAnswer(number=104)})
    assert stored_answers(empty, first.id)["posts_fte"].number == 100
    assert stored_answers(empty, second.id)["posts_fte"].number == 104
    assert empty.value("SELECT count(*) FROM audit_log WHERE action = 'Changed the employer return'") == 2


def test_numbers_out_of_range_or_not_numbers_are_refused_in_words(empty):
    form = return_questionnaire()
    cycle = empty.cycles.by_name("2026")
    with pytest.raises(InvalidInput, match="cannot be below 0"):
        save_answers(empty, cycle.id, {"posts_fte": ReturnAnswer(number=-1)})
    with pytest.raises(InvalidInput, match="cannot be more than 80"):
        parse_number(form.question("hours_over_contract"), "81")
    with pytest.raises(InvalidInput, match="'twelve' is not a number"):
        parse_number(form.question("posts_fte"), "twelve")
    assert parse_number(form.question("posts_fte"), " 1,204.5 ") == 1204.5
    assert parse_number(form.question("posts_fte"), "") is None
    with pytest.raises(InvalidInput, match="one answer only"):
        save_answers(empty, cycle.id, {"co_working": ReturnAnswer(option_codes=("yes", "no"))})
    assert stored_answers(empty, cycle.id) == {}


def test_answers_read_in_words_as_the_form_prints_them():
    form = return_questionnaire()
    assert describe_answer(form.question("average_caseload"), ReturnAnswer(number=17.25)) == "17.2 cases"
    assert describe_answer(form.question("posts_fte"), ReturnAnswer(number=1204)) == "1,204 FTE"
    assert (
        describe_answer(form.question("safety_support"), ANSWERS["safety_support"])
        == "Mobile Phones; Buddy System; Other: Lone-working app"
    )
    assert describe_answer(form.question("co_working"), None) == ""


# --------------------------------------------------------------------------- suggestions from the staff survey


def survey_numbers(hc, cycle, code, employment=None):
    """The numbers staff gave, worked out here independently of the analysis."""
    questionnaire = hc.questionnaires.load(cycle.id)
    question = questionnaire.question(code)
    if employment is None:
        return hc.responses.numbers(question.id)
    by_response = dict(hc.tuples("SELECT response_id, number_value FROM answers WHERE question_id = ?", (question.id,)))
    option = questionnaire.question("employment_type").option(employment)
    chosen = {r for (r,) in hc.tuples("SELECT response_id FROM answers WHERE option_id = ?", (option.id,))}
    return [v for r, v in by_response.items() if r in chosen]


def test_the_staff_survey_suggests_the_average_caseload_and_hours_over_contract(demo):
    cycle = demo.cycles.by_name("2025")
    found = prefills(demo, cycle)
    caseloads = survey_numbers(demo, cycle, "caseload")
    assert found["average_caseload"].answer.number == round(statistics.fmean(caseloads), 1)
    assert (
        f"the average of the {len(caseloads)} who answered question 6, ‘Cases held’" in found["average_caseload"].source
    )
    assert "2025 staff survey" in found["average_caseload"].source
    full_time = survey_numbers(demo, cycle, "hours_worked", "permanent_full_time")
    expected = round(statistics.fmean(full_time) - CONTRACTED_HOURS, 1)
    assert found["hours_over_contract"].answer.number == expected
    assert f"the {len(full_time)} full-time staff" in found["hours_over_contract"].source
    assert "37-hour week" in found["hours_over_contract"].source


def test_the_middle_answer_of_staff_suggests_how_often_supervision_happens(demo):
    cycle = demo.cycles.by_name("2025")
    questionnaire = demo.questionnaires.load(cycle.id)
    question = questionnaire.question("supervision_frequency")
    counts = demo.responses.option_counts(question.id)
    ordered = [(o, counts.get(o.id, 0)) for o in question.options]
    total = sum(n for _, n in ordered)
    running, middle, tied = 0, None, None
    for index, (option, n) in enumerate(ordered):
        running += n
        if running * 2 >= total:
            middle = option
            if running * 2 == total:  # the middle falls between this answer and the next one given
                tied = next(o for o, m in ordered[index + 1 :] if m)
            break
    lga_code = {
        "weekly": "once_a_week",
        "fortnightly": "once_a_fortnight",
        "monthly": "once_a_month",
        "every_6_to_8_weeks": "once_every_6_to_8_weeks",
    }.get(middle.code, "other")
    suggestion = prefills(demo, cycle)["supervision_frequency"]
    assert suggestion.answer.option_codes == (lga_code,) and "question 13" in suggestion.source
    assert tied is not None, "the demo's 2025 answers are an exact tie, 98 and 98 (the audit's finding M6)"
    assert f"exactly half answered ‘{middle.label}’ or an earlier answer and half ‘{tied.label}’" in suggestion.source


def test_agency_staff_counted_by_head_are_never_suggested_as_posts_covered_in_fte(empty):
    cycle = empty.cycles.by_name("2026")
    save_workforce_figures(empty, cycle.id, {"establishment_fte": 98.5, "agency_workers": 24})
    assert "agency_covered_posts" not in prefills(empty, cycle)


def test_a_cycle_without_responses_or_the_questions_suggests_only_what_it_can(empty):
    cycle = empty.cycles.by_name("2026")
    assert set(prefills(empty, cycle)) == {"contact_council"}
    save_workforce_figures(empty, cycle.id, {"establishment_fte": 98.5, "vacancies_fte": 12})
    found = prefills(empty, cycle)
    assert found["posts_fte"].answer.number == 98.5 and found["unfilled_posts"].answer.number == 12
    assert found["posts_fte"].source == "From the workforce figures for 2026: establishment, 98.5 FTE."


def test_an_entered_answer_wins_over_the_suggestion_and_clearing_it_brings_the_suggestion_back(demo):
    cycle = demo.cycles.by_name("2025")
    suggested = read_employer_return(demo, cycle).entries["average_caseload"]
    assert suggested.is_prefilled and suggested.answer == suggested.prefill.answer
    save_answers(demo, cycle.id, {"average_caseload": ReturnAnswer(number=16)})
    entered = read_employer_return(demo, cycle).entries["average_caseload"]
    assert not entered.is_prefilled and entered.answer.number == 16 and entered.prefill is not None
    save_answers(demo, cycle.id, {"average_caseload": None})
    assert read_employer_return(demo, cycle).entries["average_caseload"].is_prefilled


def test_a_follow_up_applies_only_after_the_answer_that_leads_to_it(demo):
    cycle = demo.cycles.by_name("2025")
    assert not read_employer_return(demo, cycle).entries["incident_responses_details"].applies
    save_answers(demo, cycle.id, {"incident_responses": ReturnAnswer(option_codes=("yes",))})
    content = read_employer_return(demo, cycle)
    assert content.entries["incident_responses_details"].applies
    assert not content.entries["service_user_feedback_action"].applies


# --------------------------------------------------------------------------- workforce figures


def test_workforce_figures_are_checked_stored_and_followed_across_the_years(demo):
    turnover = workforce_measure("turnover_percent")
    assert parse_workforce_figure(turnover, " 16% ") == 16
    assert parse_workforce_figure(turnover, "") is None
    with pytest.raises(InvalidInput, match="cannot be more than 100"):
        parse_workforce_figure(turnover, "160")
    with pytest.raises(InvalidInput, match="'lots' is not a number"):
        parse_workforce_figure(workforce_measure("agency_workers"), "lots")
    with pytest.raises(InvalidInput, match="cannot be below 0"):
        parse_workforce_figure(workforce_measure("vacancies_fte"), "-2")
    years = {
        "2023": {"establishment_fte": 270.5, "vacancies_fte": 21.6},
        "2025": {"establishment_fte": 284.3, "vacancies_fte": 37.9, "turnover_percent": 16},
    }
    for name, figures in years.items():
        save_workforce_figures(demo, demo.cycles.by_name(name).id, figures)
    assert workforce_figures(demo, demo.cycles.by_name("2025").id) == years["2025"]
    trends = workforce_trends(demo, demo.cycles.by_name("2025"))
    assert trends.cycle_names == ("2023", "2024", "2025")
    by_key = {t.measure.key: t.values for t in trends.trends}
    assert by_key == {
        "establishment_fte": (270.5, None, 284.3),
        "vacancies_fte": (21.6, None, 37.9),
        "turnover_percent": (None, None, 16),
    }
    assert workforce_trends(demo, demo.cycles.by_name("2023")).cycle_names == ("2023",)
    save_workforce_figures(demo, demo.cycles.by_name("2025").id, {"turnover_percent": None})
    assert "turnover_percent" not in workforce_figures(demo, demo.cycles.by_name("2025").id)
    assert [m.shown(v) for m, v in zip(WORKFORCE_MEASURES[:5], (284.3, 37.9, 35, 16, 3.14), strict=True)] == [
        "284.3 FTE",
        "37.9 FTE",
        "35",
        "16%",
        "3.1 days",
    ]


def test_workforce_figures_and_the_return_do_not_mix(demo):
    cycle = demo.cycles.by_name("2025")
    save_workforce_figures(demo, cycle.id, {"establishment_fte": 250})
    save_answers(demo, cycle.id, {"posts_fte": ReturnAnswer(number=240)})
    assert workforce_figures(demo, cycle.id) == {"establishment_fte": 250}
    assert stored_answers(demo, cycle.id) == {"posts_fte": ReturnAnswer(number=240)}


# --------------------------------------------------------------------------- the PDF


def test_the_return_pdf_has_every_question_every_answer_and_where_suggestions_came_from(demo, tmp_path):
    cycle = demo.cycles.by_name("2025")
    save_answers(demo, cycle.id, ANSWERS)
    out = make_report(demo, cycle, "lga-return", tmp_path / "return.pdf")
    pages = page_texts(out)
    text = normalised(" ".join(pages))
    form = return_questionnaire()
    missing = [q.text for q in form.questions() if normalised(q.text) not in text]
    assert missing == []
    assert all(normalised(s.title) in text for s in form.sections)
    for answer in (
        "Sam Example",
        "112.5 FTE",
        "More than 5 times a week: about 7 in duty weeks",
        "Mobile Phones",
        "Buddy System",
        "Other: Lone-working app",
        "Refreshments",
        "Caseloads are reviewed monthly.",
    ):
        assert answer in text
    caseload = prefills(demo, cycle)["average_caseload"]
    assert normalised(caseload.source) in text and "Demo Borough Council †" in text
    assert "Does not apply (see question 3)" in text
    assert "Not answered" in text
    for number, page in enumerate(pages, start=1):
        assert page.count("OFFICIAL-SENSITIVE") == 2 and f"Page {number} of {len(pages)}" in page


def test_swhc_report_makes_the_return_from_the_command_line(demo_path, tmp_path, capsys):
    out = tmp_path / "return.pdf"
    assert main(["report", str(demo_path), "2025", "--kind", "lga-return", "--out", str(out)]) == 0
    assert out.read_bytes().startswith(b"%PDF")
    assert "Wrote the employer return for 2025" in capsys.readouterr().out
    assert report_kind("lga-return").default_file_name("2025") == "Employer return 2025.pdf"
