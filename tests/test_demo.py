"""The demo health check: deterministic, three years (2023 to 2025) on the current Standards, trends like
Wolverhampton's, Standards scores, equality breakdowns with a small group to hide, findings and a plan in progress."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest

from swhc_desktop.app.checks import check_file
from swhc_desktop.app.demo import build_demo
from swhc_desktop.domain.records import ActionStatus
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
    assert [c.name for c in cycles] == ["2023", "2024", "2025"]
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
    completely = [share(demo, y, "caseload_manageable", {"completely"}) for y in ("2023", "2024", "2025")]
    assert completely[0] < 25 and completely[1] < 25 and 33 <= completely[2] <= 50
    monthly = [
        share(demo, y, "supervision_frequency", {"weekly", "fortnightly", "monthly"}) for y in ("2023", "2024", "2025")
    ]
    assert monthly[0] < monthly[2]
    long_hours = []
    for year in ("2023", "2024", "2025"):
        cycle = demo.cycles.by_name(year)
        values = demo.responses.numbers(demo.questionnaires.load(cycle.id).question("hours_worked").id)
        long_hours.append(sum(v >= 48 for v in values) / len(values))
    assert long_hours[2] < long_hours[0]


def test_the_demo_has_six_teams_several_roles_and_a_team_too_small_to_show(demo):
    cycle = demo.cycles.by_name("2025")
    team = demo.questionnaires.load(cycle.id).question("team")
    counts = Counter({o.code: n for o in team.options if (n := demo.responses.option_counts(team.id).get(o.id, 0))})
    big_teams = [code for code, n in counts.items() if n >= 5]
    assert len(big_teams) == 6
    assert any(n < 5 for n in counts.values())
    role = demo.questionnaires.load(cycle.id).question("role")
    assert len(demo.responses.option_counts(role.id)) >= 4


def test_the_demo_has_comments_findings_and_an_action_plan(demo):
    cycle = demo.cycles.by_name("2025")
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
    comments = cycle_comments(demo, demo.cycles.by_name("2025").id)
    coded = [c for c in comments if c.theme_ids]
    assert len(coded) > 0.8 * len(comments)
    recording = next(c for c in comments if c.text.startswith("Less paperwork"))
    assert {themes[t] for t in recording.theme_ids} == {"Paperwork and recording systems", "Caseloads and workload"}


def test_the_demo_has_workforce_figures_for_every_year_so_the_dashboard_shows_their_trend(demo):
    from swhc_desktop.figures.workforce import workforce_trends

    trends = workforce_trends(demo, demo.cycles.all()[-1])
    assert trends.cycle_names == ("2023", "2024", "2025")
    by_key = {t.measure.key: t.values for t in trends.trends}
    assert set(by_key) == {
        "establishment_fte",
        "vacancies_fte",
        "agency_workers",
        "turnover_percent",
        "sickness_days",
        "vacancy_rate",
        "agency_rate",
        "turnover_rate",
        "sickness_rate",
    }
    vacancies = by_key["vacancies_fte"]
    assert vacancies[0] > vacancies[1] > vacancies[2]


def test_the_demo_is_on_the_current_standards_and_its_rates_stand_beside_the_2025_national_ones(demo):
    from swhc_desktop.domain.standards import LATEST_EDITION
    from swhc_desktop.figures.workforce import workforce_benchmarks, workforce_figures

    assert {c.standards_edition for c in demo.cycles.all()} == {LATEST_EDITION}
    assert {c.service for c in demo.cycles.all()} == {"children"}
    cycle = demo.cycles.by_name("2025")
    assert demo.questionnaires.load(cycle.id).question("stressed").standard == 4
    figures = workforce_figures(demo, cycle.id)
    beside = workforce_benchmarks(cycle)
    for key in ("vacancy_rate", "agency_rate", "turnover_rate", "sickness_rate"):
        assert key in figures and [b.year for b in beside[key]] == [2025], key


def test_the_demo_scores_every_standard_improving_with_each_band_shown(demo):
    from swhc_desktop.analysis.standard_scores import standard_scores

    by_year = {name: standard_scores(demo, demo.cycles.by_name(name)) for name in ("2023", "2024", "2025")}
    assert all(score.base > 100 for scores in by_year.values() for score in scores)
    assert all(now.score > before.score for now, before in zip(by_year["2025"], by_year["2023"]))
    assert {score.band.value for score in by_year["2025"]} == {"low", "moderate", "high"}
    assert any(score.change.more_than_chance for score in by_year["2025"])


def test_the_demos_equality_breakdowns_hide_a_small_group(demo):
    from swhc_desktop.analysis.suppression import disclosure_plan

    cycle = demo.cycles.by_name("2025")
    questionnaire = demo.questionnaires.load(cycle.id)
    plan = disclosure_plan(demo, cycle.id, questionnaire)
    for code in ("ethnicity", "disability", "sex", "age_band", "health_condition"):
        sizes = {
            o.code: n
            for o in questionnaire.question(code).options
            if (n := demo.responses.option_counts(questionnaire.question(code).id).get(o.id, 0))
        }
        assert sum(sizes.values()) == cycle.response_count, code
    other = questionnaire.question("ethnicity").option("other_ethnic_group")
    assert 0 < demo.responses.option_counts(questionnaire.question("ethnicity").id).get(other.id, 0) < 5
    assert not plan.group_shown("ethnicity", other.id)
    assert plan.group_shown("ethnicity", questionnaire.question("ethnicity").option("white").id)


def test_the_demos_plan_is_in_progress_at_the_end_of_2026_not_years_overdue(demo):
    import datetime as dt

    end_of_2026 = dt.date(2026, 12, 6)
    open_actions = [a for a in demo.actions.all() if a.is_open()]
    assert open_actions and all(a.due_on >= dt.date(2026, 11, 1) for a in open_actions)
    assert sum(a.is_overdue(end_of_2026) for a in open_actions) == 1
    assert all(u.written_on <= end_of_2026 for a in demo.actions.all() for u in a.updates)


@pytest.mark.parametrize("built_on", [dt.date(2027, 2, 14), dt.date(2031, 9, 1)])
def test_the_demos_plan_is_in_progress_on_the_day_it_is_built_never_years_overdue(built_on, tmp_path, folders):
    path = build_demo(tmp_path / "demo.swhc", folders, today=built_on)
    with HealthCheckFile.open(path, read_only=True, folders=folders) as hc:
        latest = hc.cycles.by_name("2025")
        plan = hc.actions.for_cycle(latest.id)
        open_actions = [a for a in plan if a.status is not ActionStatus.COMPLETE]
        late = [a for a in open_actions if a.due_on is not None and a.due_on < built_on]
        assert len(late) == 1 and (built_on - late[0].due_on).days <= 31  # one action a little late, as in life
        assert sum(a.status is ActionStatus.IN_PROGRESS for a in plan) >= 2
        updates = [u for a in plan for u in a.updates]
        assert updates and all(u.written_on <= built_on for u in updates)
        assert max(u.written_on for u in updates) >= built_on - dt.timedelta(days=31)  # written lately
