"""The respondents' totals behind the Standards' scores, for everyone and each group, checked respondent by respondent
against the answers as stored: odd answers included (the same option stored twice, two teams, no team, a team answer
with no option), follow-ups that did or did not apply, options that score nothing, negative and vast points."""

from __future__ import annotations

import random
from collections import Counter, defaultdict

import pytest

from swhc_desktop.analysis.score_totals import total_counts
from swhc_desktop.domain.records import AnswerValue, BatchKind, NewBatch, NewResponse
from swhc_desktop.questionnaires.cycles import start_cycle
from swhc_desktop.storage import HealthCheckFile, ScoredOption


@pytest.fixture
def survey(tmp_path, folders):
    """A cycle of the staff survey template with 300 respondents answering its team question and its agreement
    statements at random, some answers odd as above, and a second cycle (whose answers must never be counted)."""
    path = tmp_path / "odd.swhc"
    rng = random.Random(21)
    with HealthCheckFile.create(path, "Oddshire Council", folders=folders) as hc:
        for name in ("2024", "2025"):
            cycle = start_cycle(hc, name, template_id="staff-survey")
            questionnaire = hc.questionnaires.load(cycle.id)
            team = questionnaire.question("team")
            statements = [q for q in questionnaire.questions() if q.qtype.name == "SCALE"][:12]
            responses = []
            for n in range(300):
                answers = [AnswerValue(q.id, rng.choice(q.options).id) for q in statements if rng.random() < 0.8]
                teams = rng.choice([[], [rng.choice(team.options)], [rng.choice(team.options)] * 2, team.options[:2]])
                answers += [AnswerValue(team.id, option.id) for option in teams]
                if n % 37 == 0:
                    answers.append(AnswerValue(team.id, text="A team of my own"))
                if answers and n % 11 == 0:
                    answers.append(answers[0])  # the same option stored twice
                responses.append(NewResponse(tuple(answers), external_id=f"{name}-{n}"))
            hc.responses.add_batch(cycle.id, NewBatch(BatchKind.IMPORT, f"{name}.csv"), responses)
    return path


def by_hand(hc, cycle_id, points, applicable, team_id):
    """The counts worked out one respondent at a time from every answer of the cycle, as the method says."""
    answers = defaultdict(list)
    for response_id, question_id, option_id in hc.tuples(
        "SELECT a.response_id, a.question_id, a.option_id FROM answers a JOIN responses r ON r.id = a.response_id "
        "WHERE r.cycle_id = ?",
        (cycle_id,),
    ):
        answers[response_id].append((question_id, option_id))
    everyone = defaultdict(Counter)
    by_group = defaultdict(lambda: defaultdict(Counter))
    for given in answers.values():
        totals = defaultdict(lambda: [0, 0])
        for question_id, option_id in given:
            scored = points.get(option_id)
            if scored is None or scored.question_id != question_id:
                continue
            if question_id in applicable:
                parent, triggers = applicable[question_id]
                if not any(q == parent and o in triggers for q, o in given):
                    continue
            totals[scored.category][0] += scored.points
            totals[scored.category][1] += 1
        groups = [o for q, o in given if q == team_id] or [None]
        for category, (total, answered) in totals.items():
            everyone[category][(total, answered)] += 1
            for group in groups:
                by_group[group][category][(total, answered)] += 1
    return (
        {c: dict(n) for c, n in everyone.items()},
        {g: {c: dict(n) for c, n in by.items()} for g, by in by_group.items()},
    )


@pytest.mark.parametrize("seed", range(6))
def test_everyones_and_each_groups_totals_are_those_of_each_respondent_worked_out_by_hand(survey, seed):
    rng = random.Random(seed)
    with HealthCheckFile.open(survey, read_only=True) as hc:
        cycle = hc.cycles.by_name("2025")
        questionnaire = hc.questionnaires.load(cycle.id)
        team = questionnaire.question("team")
        statements = [q for q in questionnaire.questions() if q.qtype.name == "SCALE"][:12]
        vast = 10**30 if seed % 2 else 1  # points past 64-bit integers are added up exactly too
        points = {
            option.id: ScoredOption(question.id, rng.randint(1, 3), rng.randint(-5, 100) * vast)
            for question in statements
            for option in question.options
            if rng.random() < 0.85  # the rest score nothing, as "Don't know" does
        }
        parent, follow_up = statements[0], statements[1]
        applicable = {follow_up.id: (parent.id, tuple(o.id for o in parent.options[:2]))}
        counts = total_counts(hc, points, applicable, [team.id])
        everyone, by_group = by_hand(hc, cycle.id, points, applicable, team.id)
        assert counts.everyone == everyone
        assert counts.by_group == {team.id: by_group}
        assert sum(sum(n.values()) for n in everyone.values()) > 300  # every category has people in it


def test_nothing_scored_or_nobody_answering_gives_no_totals(survey, tmp_path, folders):
    with HealthCheckFile.open(survey, read_only=True) as hc:
        cycle = hc.cycles.by_name("2025")
        team = hc.questionnaires.load(cycle.id).question("team")
        assert total_counts(hc, {}, {}, [team.id]).everyone == {}
    with HealthCheckFile.create(tmp_path / "empty.swhc", "Emptyshire Council", folders=folders) as hc:
        cycle = start_cycle(hc, "2025", template_id="staff-survey")
        questionnaire = hc.questionnaires.load(cycle.id)
        valued, team = questionnaire.question("valued"), questionnaire.question("team")
        points = {o.id: ScoredOption(valued.id, 1, 100) for o in valued.options}
        counts = total_counts(hc, points, {}, [team.id])
        assert (counts.everyone, counts.by_group) == ({}, {team.id: {}})


@pytest.mark.parametrize("seed", range(20))
def test_a_sample_of_totals_is_exactly_the_mean_and_variance_of_each_respondents_score(seed):
    """Worked out from sums for each number of answers, the mean is the exact mean of the people's scores and the
    variance the float of their exact variance, as taking each person's score one by one gives."""
    from fractions import Fraction

    from swhc_desktop.analysis.standard_scores import sample_of_totals

    rng = random.Random(seed)
    scale = rng.choice([1, 3, 40, 10**15])
    totals: dict[tuple[int, int], int] = {}
    for _ in range(rng.randint(1, 60)):
        answered = rng.randint(1, 9)
        key = (rng.randint(-answered * 10, answered * 100 * scale), answered)
        totals[key] = totals.get(key, 0) + rng.randint(1, 4)
    scores = [Fraction(total, answered * scale) for (total, answered), n in totals.items() for _ in range(n)]
    mean = sum(scores, Fraction(0)) / len(scores)
    variance = sum(((s - mean) ** 2 for s in scores), Fraction(0)) / (len(scores) - 1) if len(scores) > 1 else 0
    sample = sample_of_totals(totals, scale)
    assert (sample.n, sample.mean.exact, sample.variance) == (len(scores), mean, float(variance))
    assert sample_of_totals({}, scale) is None
