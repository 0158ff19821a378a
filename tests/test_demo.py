"""The demo health check: deterministic, three years, trends like Wolverhampton's, findings and actions."""

from __future__ import annotations

from collections import Counter

import pytest

from swhc_desktop.app.checks import check_file
from swhc_desktop.app.demo import build_demo
from swhc_desktop.storage import HealthCheckFile


@pytest.fixture
def demo(demo_path, open_files):
    return open_files.open(demo_path, read_only=True)


def answers_dump(path, folders):
    with HealthCheckFile.open(path, read_only=True, folders=folders) as hc:
        return hc.rows(
            "SELECT r.external_id, r.submitted_on, q.code, o.code AS option, a.number_value, a.text_value "
            "FROM answers a JOIN responses r ON r.id = a.response_id JOIN questions q ON q.id = a.question_id "
            "LEFT JOIN options o ON o.id = a.option_id ORDER BY r.external_id, q.code, o.code"
        )


def test_the_demo_is_the_same_every_time(demo_master, tmp_path, folders):
    again = build_demo(tmp_path / "again.swhc", folders)
    assert answers_dump(again, folders) == answers_dump(demo_master, folders)


def test_the_demo_has_three_cycles_of_150_to_250_responses(demo):
    cycles = demo.cycles.all()
    assert [c.name for c in cycles] == ["2017", "2018", "2019"]
    assert all(150 <= c.response_count <= 250 for c in cycles)
    assert all(c.staff_invited and c.opens_on and c.closes_on for c in cycles)
    assert demo.organisation.get().name == "Demo Borough Council"
    assert check_file(demo).ok


def share(hc, cycle_name, code, chosen):
    cycle = hc.cycles.by_name(cycle_name)
    question = hc.questionnaires.load(cycle.id).question(code)
    counts = hc.responses.option_counts(question.id)
    by_code = {o.code: counts.get(o.id, 0) for o in question.options}
    return 100 * sum(by_code[c] for c in chosen) / sum(by_code.values())


def test_the_demo_improves_as_wolverhamptons_health_check_did(demo):
    completely = [share(demo, y, "caseload_manageable", {"completely"}) for y in ("2017", "2018", "2019")]
    assert completely[0] < 25 and completely[1] < 25 and 33 <= completely[2] <= 50
    monthly = [
        share(demo, y, "supervision_frequency", {"weekly", "fortnightly", "monthly"}) for y in ("2017", "2018", "2019")
    ]
    assert monthly[0] < monthly[2]
    long_hours = []
    for year in ("2017", "2018", "2019"):
        cycle = demo.cycles.by_name(year)
        values = demo.responses.numbers(demo.questionnaires.load(cycle.id).question("hours_worked").id)
        long_hours.append(sum(v >= 48 for v in values) / len(values))
    assert long_hours[2] < long_hours[0]


def test_the_demo_has_six_teams_several_roles_and_a_team_too_small_to_show(demo):
    cycle = demo.cycles.by_name("2019")
    team = demo.questionnaires.load(cycle.id).question("team")
    counts = Counter({o.code: n for o in team.options if (n := demo.responses.option_counts(team.id).get(o.id, 0))})
    big_teams = [code for code, n in counts.items() if n >= 5]
    assert len(big_teams) == 6
    assert any(n < 5 for n in counts.values())
    role = demo.questionnaires.load(cycle.id).question("role")
    assert len(demo.responses.option_counts(role.id)) >= 4


def test_the_demo_has_comments_findings_and_an_action_plan(demo):
    cycle = demo.cycles.by_name("2019")
    comments = demo.value(
        "SELECT count(*) FROM answers a JOIN questions q ON q.id = a.question_id "
        "WHERE q.qtype = 'text' AND q.cycle_id = ?",
        (cycle.id,),
    )
    assert comments > 100
    findings = demo.findings.for_cycle(cycle.id)
    assert {f.kind.value for f in findings} == {"strength", "improvement"}
    assert all(f.question_codes for f in findings)
    actions = demo.actions.all()
    assert len(actions) >= 5
    assert {a.status.value for a in actions} >= {"complete", "in_progress", "not_started"}
    assert any(a.updates for a in actions)


def test_the_demos_comments_are_coded_into_themes(demo):
    from swhc_desktop.analysis.comments import cycle_comments

    themes = {t.id: t.name for t in demo.themes.all()}
    assert "Paperwork and recording systems" in themes.values()
    comments = cycle_comments(demo, demo.cycles.by_name("2019").id)
    coded = [c for c in comments if c.theme_ids]
    assert len(coded) > 0.8 * len(comments)
    recording = next(c for c in comments if c.text.startswith("Less paperwork"))
    assert {themes[t] for t in recording.theme_ids} == {"Paperwork and recording systems", "Caseloads and workload"}


def test_the_demo_has_workforce_figures_for_every_year_so_the_dashboard_shows_their_trend(demo):
    from swhc_desktop.figures.workforce import workforce_trends

    trends = workforce_trends(demo, demo.cycles.all()[-1])
    assert trends.cycle_names == ("2017", "2018", "2019")
    by_key = {t.measure.key: t.values for t in trends.trends}
    assert set(by_key) == {"establishment_fte", "vacancies_fte", "agency_workers", "turnover_percent", "sickness_days"}
    vacancies = by_key["vacancies_fte"]
    assert vacancies[0] > vacancies[1] > vacancies[2]
