"""Each Standard's score checked against a hand calculation. Nothing here calls the scoring code: the answers are
planted through the file's own API, the expected figures are worked out below by hand (and the interval and the test
of change with scipy), and the app's figures are read from `swhc standards`, as a PSW would read them.

The method, as `analysis/standard_scores.py` states it: Strongly agree 100, Agree 75, Neither 50, Disagree 25,
Strongly disagree 0 (the other way round for 'I feel stressed by my job'); "Don't know" scores nothing; a respondent's
score is the mean of their scored answers to the Standard's statements; the Standard's is the mean of the respondents';
printed whole, half up; low up to 50, moderate 51 to 74, high from 75, on the printed score."""

from __future__ import annotations

import csv
import io
import json
import math
from fractions import Fraction

import pytest
from scipy import stats

from swhc_desktop.questionnaires.cycles import start_cycle
from swhc_desktop.storage import HealthCheckFile

from .support.editions import add_cycle_of_employer_return
from .support.import_support import run_cli
from .support.scores import plant

POINTS = {"strongly_agree": 100, "agree": 75, "neither": 50, "disagree": 25, "strongly_disagree": 0}
STRESSED_POINTS = {code: 100 - points for code, points in POINTS.items()}


def standards_json(capsys, path, cycle, *more) -> list[dict]:
    code, out, err = run_cli(capsys, "standards", path, cycle, "--format", "json", *more)
    assert code == 0, err
    return json.loads(out)


def by_standard(rows) -> dict[int, dict]:
    return {row["standard"]: row for row in rows}


def t_interval(values: list[float]) -> tuple[float, float]:
    low, high = stats.t.interval(0.95, len(values) - 1, loc=sum(values) / len(values), scale=stats.sem(values))
    return max(0.0, low), min(100.0, high)


# ------------------------------------------------------------------------------------------------ bands


@pytest.fixture
def bands_file(tmp_path, folders):
    """125 people. Standard 1 ('valued'): 1 Agree and 49 Neither, 2,525 / 50 = 50.5. Standard 4 ('safe_at_work'): 49
    Agree and 1 Neither, 3,725 / 50 = 74.5. Standard 5 ('manager_support'): 122 Agree and 3 Neither, 9,300 / 125 =
    74.4. Standard 6 ('skills_used'): 2 Agree and 123 Neither, 6,300 / 125 = 50.4. Standard 7: one person 100 and 50
    on its two statements (their score 75), one 0, one 'Don't know' only (no score): (75 + 0) / 2 = 37.5."""
    path = tmp_path / "bands.swhc"
    with HealthCheckFile.create(path, "Bandshire Council", folders=folders) as hc:
        cycle = start_cycle(hc, "2025", template_id="staff-survey")
        people = []
        for n in range(125):
            person = {
                "manager_support": "agree" if n < 122 else "neither",
                "skills_used": "agree" if n < 2 else "neither",
            }
            if n < 50:
                person["valued"] = "agree" if n == 0 else "neither"
                person["safe_at_work"] = "agree" if n < 49 else "neither"
            people.append(person)
        people[0].update(registration_support="strongly_agree", fitness_to_practise_support="neither")
        people[1].update(registration_support="strongly_disagree")
        people[2].update(fitness_to_practise_support="dont_know")
        plant(hc, cycle, people)
    return path


def test_scores_are_printed_half_up_and_banded_on_the_printed_score_at_50_51_and_74_75(bands_file, capsys):
    scores = by_standard(standards_json(capsys, bands_file, "2025"))
    printed = {number: (row["score"], row["band"], row["base"]) for number, row in scores.items()}
    assert printed == {
        1: (51, "moderate", 50),  # 50.5
        2: (None, None, 0),  # nobody answered its statement
        3: (None, None, 0),
        4: (75, "high", 50),  # 74.5
        5: (74, "moderate", 125),  # 74.4
        6: (50, "low", 125),  # 50.4
        7: (38, "low", 2),  # 37.5: each person counts once (their answers pooled would give 50)
        8: (None, None, 0),
    }
    assert [row["title"] for row in scores.values()][:2] == [
        "Strategic and professional leadership",
        "Effective workforce planning systems",
    ]


def test_a_scores_95_percent_interval_is_students_t_interval_kept_within_0_and_100(bands_file, capsys):
    scores = by_standard(standards_json(capsys, bands_file, "2025"))
    cases = {5: [75.0] * 122 + [50.0] * 3, 1: [75.0] + [50.0] * 49, 7: [75.0, 0.0]}
    for number, values in cases.items():
        low, high = t_interval(values)
        assert scores[number]["low"] == pytest.approx(low, abs=1e-4), number
        assert scores[number]["high"] == pytest.approx(high, abs=1e-4), number
    assert scores[7]["low"] == 0.0 and scores[7]["high"] == 100.0  # two people: the t interval runs past both ends


def test_the_csv_has_one_row_a_standard_with_the_columns_the_issue_names(bands_file, capsys):
    code, out, err = run_cli(capsys, "standards", bands_file, "2025")
    assert code == 0, err
    rows = list(csv.DictReader(io.StringIO(out)))
    assert list(rows[0])[:7] == ["standard", "title", "score", "band", "base", "change", "more_than_chance"]
    assert [row["standard"] for row in rows] == [str(n) for n in range(1, 9)]
    assert (rows[3]["score"], rows[3]["band"], rows[3]["change"], rows[3]["more_than_chance"]) == ("75", "high", "", "")


# ------------------------------------------------------------------------------------------------ the change


@pytest.fixture
def two_years(tmp_path, folders):
    """Standard 4 ('I feel stressed by my job', scored the other way round): 2024, 20 Agree (25) and 10 Disagree (75),
    1,250 / 30 = 41.67, printed 42; 2025, 10 Agree and 20 Disagree, 1,750 / 30 = 58.33, printed 58. Standard 5
    ('manager_support'): 2024, 15 Agree and 15 Neither, 62.5, printed 63; 2025, 16 Agree and 14 Neither, 63.33,
    printed 63."""
    path = tmp_path / "two-years.swhc"
    with HealthCheckFile.create(path, "Changeshire Council", folders=folders) as hc:
        first = start_cycle(hc, "2024", template_id="staff-survey")
        plant(
            hc,
            first,
            [
                {"stressed": "agree" if n < 20 else "disagree", "manager_support": "agree" if n < 15 else "neither"}
                for n in range(30)
            ],
        )
        second = start_cycle(hc, "2025", copy_from="2024")
        plant(
            hc,
            second,
            [
                {"stressed": "agree" if n < 10 else "disagree", "manager_support": "agree" if n < 16 else "neither"}
                for n in range(30)
            ],
        )
    return path


def welch(now: list[float], before: list[float]) -> tuple[float, float, float]:
    """Welch's test and 95% interval for the change in a mean, with scipy."""
    p_value = stats.ttest_ind(now, before, equal_var=False).pvalue
    v1, v2 = stats.tvar(now) / len(now), stats.tvar(before) / len(before)
    df = (v1 + v2) ** 2 / (v1**2 / (len(now) - 1) + v2**2 / (len(before) - 1))
    half = stats.t.ppf(0.975, df) * math.sqrt(v1 + v2)
    difference = sum(now) / len(now) - sum(before) / len(before)
    return p_value, difference - half, difference + half


def test_the_change_is_the_difference_of_the_printed_scores_and_more_than_chance_only_when_welchs_test_says_so(
    two_years, capsys
):
    scores = by_standard(standards_json(capsys, two_years, "2025"))
    stress = scores[4]
    assert (stress["score"], stress["band"], stress["change"], stress["previous_cycle"]) == (58, "moderate", 16, "2024")
    p_value, low, high = welch([25.0] * 10 + [75.0] * 20, [25.0] * 20 + [75.0] * 10)
    assert p_value < 0.05 and low > 0
    assert stress["more_than_chance"] == "yes"
    support = scores[5]
    assert (support["score"], support["change"]) == (63, 0)  # 63.33 and 62.5 both print 63
    p_value, low, high = welch([75.0] * 16 + [50.0] * 14, [75.0] * 15 + [50.0] * 15)
    assert p_value > 0.05 and low < 0 < high
    assert support["more_than_chance"] == "no"
    first = by_standard(standards_json(capsys, two_years, "2024"))
    assert (first[4]["score"], first[4]["change"], first[4]["more_than_chance"]) == (42, None, None)


# ------------------------------------------------------------------------------------------------ by group


@pytest.fixture
def teams_file(tmp_path, folders):
    """27 people answering 'I feel valued' (Standard 1): Children in care 15 (10 Strongly agree, 5 Disagree: 1,125 /
    15 = 75), Assessment 12, Care leavers 3. Care leavers are fewer than 5, so not shown; and since 27 less the two
    teams shown would give their number, the smallest team still shown (Assessment) is not shown either."""
    path = tmp_path / "teams.swhc"
    with HealthCheckFile.create(path, "Teamshire Council", folders=folders) as hc:
        cycle = start_cycle(hc, "2025", template_id="staff-survey")
        people = [{"team": "children_in_care", "valued": "strongly_agree" if n < 10 else "disagree"} for n in range(15)]
        people += [{"team": "assessment", "valued": "agree"} for _ in range(12)]
        people += [{"team": "care_leavers", "valued": "strongly_disagree"} for _ in range(3)]
        plant(hc, cycle, people)
    return path


def test_by_group_a_small_team_and_the_team_that_would_give_it_away_show_no_figure(teams_file, capsys):
    rows = standards_json(capsys, teams_file, "2025", "--by", "team")
    hidden = {row["group"] for row in rows if row["shown"] == "no"}
    assert hidden == {"Care leavers", "Assessment"}
    for row in rows:
        if row["shown"] == "no":
            assert [row[key] for key in ("standard", "score", "band", "base", "change", "low", "high")] == [None] * 7
    in_care = by_standard(r for r in rows if r["group"] == "Children in care")
    assert (in_care[1]["score"], in_care[1]["band"], in_care[1]["base"]) == (75, "high", 15)
    everyone = by_standard(standards_json(capsys, teams_file, "2025"))
    # (10 x 100 + 5 x 25 + 12 x 75 + 3 x 0) / 30 = 67.5, printed 68
    assert (everyone[1]["score"], everyone[1]["band"], everyone[1]["base"]) == (68, "moderate", 30)
    assert Fraction(10 * 100 + 5 * 25 + 12 * 75, 30) == Fraction(135, 2)


def test_by_a_question_that_is_not_a_breakdown_is_refused_in_one_line(teams_file, capsys):
    code, out, err = run_cli(capsys, "standards", teams_file, "2025", "--by", "valued")
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "is not a question results can be broken down by" in err
    code, out, err = run_cli(capsys, "standards", teams_file, "2025", "--by", "supervision_quality")
    assert code == 2 and "'supervision_quality' is not a breakdown question" in err
    code, out, err = run_cli(capsys, "standards", teams_file, "2019")
    assert code == 2 and "There is no cycle called '2019'" in err


# ------------------------------------------------------------------------------------------------ odd questionnaires

FOLLOW_UP_SURVEY = """
[[sections]]
title = "Supervision"
[[sections.questions]]
code = "supervised"
text = "Do you have supervision?"
type = "single"
standard = 5
options = ["Yes", "No"]
favourable = ["yes"]
unfavourable = ["no"]
[[sections.questions]]
code = "supervision_helps"
text = "My supervision helps me"
type = "scale"
standard = 5
follow_up = { parent = "supervised", when = ["yes"] }
[[sections.questions]]
code = "stressed"
text = "I feel stressed by my job"
type = "scale"
standard = 4
scale = { negative = true, dont_know = true }
"""


def test_a_follow_up_statement_counts_only_where_it_applied_and_dont_know_scores_nothing(tmp_path, folders, capsys):
    """Standard 5: three say Yes and Strongly agree (100 each); one says No yet answered the follow-up Strongly
    disagree (it did not apply: left out), so 100 of 3. Standard 4: Strongly agree 0, Disagree 75, Don't know (no
    score), so (0 + 75) / 2 = 37.5, printed 38."""
    from swhc_desktop.questionnaires.templates import questionnaire_from_toml

    path = tmp_path / "follow-up.swhc"
    with HealthCheckFile.create(path, "Followshire Council", folders=folders) as hc:
        cycle_id = hc.cycles.add("2025")
        hc.questionnaires.add_questionnaire(cycle_id, questionnaire_from_toml(FOLLOW_UP_SURVEY))
        cycle = hc.cycles.get(cycle_id)
        plant(
            hc,
            cycle,
            [
                {"supervised": "yes", "supervision_helps": "strongly_agree", "stressed": "strongly_agree"},
                {"supervised": "yes", "supervision_helps": "strongly_agree", "stressed": "disagree"},
                {"supervised": "yes", "supervision_helps": "strongly_agree", "stressed": "dont_know"},
                {"supervised": "no", "supervision_helps": "strongly_disagree"},
            ],
        )
    scores = by_standard(standards_json(capsys, path, "2025"))
    assert (scores[5]["score"], scores[5]["base"]) == (100, 3)
    assert (scores[4]["score"], scores[4]["band"], scores[4]["base"]) == (38, "low", 2)


def test_a_questionnaire_with_no_agreement_statements_has_no_scores_and_says_so_plainly(tmp_path, folders, capsys):
    path = tmp_path / "return.swhc"
    with HealthCheckFile.create(path, "Returnshire Council", folders=folders) as hc:
        add_cycle_of_employer_return(hc, "2018")
    rows = standards_json(capsys, path, "2018")
    assert [(r["title"], r["score"], r["base"]) for r in rows][3] == ("Managing risks and resources", None, 0)
    assert all(r["score"] is None and r["band"] is None for r in rows)


def test_an_adults_survey_is_never_compared_with_a_childrens(tmp_path, folders, capsys):
    """2024 adults (Standard 1 'valued': everyone Agree, 75), 2025 children's (everyone Neither, 50), 2025 adults
    (everyone Strongly agree, 100): the adults' change is from 75 to 100, not from the children's 50."""
    path = tmp_path / "both.swhc"
    with HealthCheckFile.create(path, "Bothshire Council", folders=folders) as hc:
        for name, template, answer in (
            ("2024 adults", "adults-staff-survey", "agree"),
            ("2025 a children's", "staff-survey", "neither"),
            ("2025 b adults", "adults-staff-survey", "strongly_agree"),
        ):
            cycle = start_cycle(hc, name, template_id=template)
            plant(hc, cycle, [{"valued": answer} for _ in range(8)])
    adults = by_standard(standards_json(capsys, path, "2025 b adults"))
    assert (adults[1]["score"], adults[1]["change"], adults[1]["previous_cycle"]) == (100, 25, "2024 adults")
    children = by_standard(standards_json(capsys, path, "2025 a children's"))
    assert (children[1]["score"], children[1]["change"], children[1]["previous_cycle"]) == (50, None, None)
