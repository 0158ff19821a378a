"""The dashboard's figures by group, counted in arrays, checked respondent by respondent against the answers as stored:
the disclosure plan's group sizes of every combination of nine breakdown questions (and so which groups are hidden),
and the Standards' scores of everyone and every group of each, with the cycle before's; on a survey with missing
answers, two answers to a breakdown question, the same answer stored twice, a breakdown answered with text only, and
groups of one to four people, and a breakdown question nobody answered."""

from __future__ import annotations

import itertools
import random
from collections import Counter, defaultdict
from fractions import Fraction

import pytest

from swhc_desktop.analysis.standard_scores import (
    _applicability,
    printed_score,
    score_breakdowns,
    score_statements,
    standard_scores_with_groups,
)
from swhc_desktop.analysis.suppression import DisclosurePlan, disclosure_plan
from swhc_desktop.domain.records import AnswerValue, BatchKind, NewBatch, NewResponse
from swhc_desktop.domain.rounding import exact_value
from swhc_desktop.questionnaires.cycles import start_cycle
from swhc_desktop.storage import HealthCheckFile
from tests.support.sql_counts import group_sizes

CYCLES = ("2024", "2025")


def _breakdown_answers(rng: random.Random, question, n: int) -> list[AnswerValue]:
    """Mostly one answer, from options of very different sizes (the last ones given by a handful); sometimes none,
    two, the same twice, or a text with no option."""
    weights = [50, 30, 10, *[1] * (len(question.options) - 3)][: len(question.options)]
    one = rng.choices(question.options, weights)[0]
    kind = rng.random()
    if kind < 0.08:
        return []
    if kind < 0.11:
        return [AnswerValue(question.id, one.id), AnswerValue(question.id, rng.choice(question.options).id)]
    if kind < 0.13:
        return [AnswerValue(question.id, one.id)] * 2
    if kind < 0.15 or n % 97 == 0:
        return [AnswerValue(question.id, text="One of my own")]
    return [AnswerValue(question.id, one.id)]


@pytest.fixture(scope="module")
def survey(tmp_path_factory):
    path = tmp_path_factory.mktemp("by_hand") / "odd.swhc"
    from swhc_desktop.paths import UserFolders

    rng = random.Random(2121)
    with HealthCheckFile.create(path, "Oddshire Council", folders=UserFolders.under(path.parent / "home")) as hc:
        for name, count in zip(CYCLES, (260, 340)):
            cycle = start_cycle(hc, name, template_id="staff-survey")
            questionnaire = hc.questionnaires.load(cycle.id)
            statements = [q for questions in score_statements(questionnaire).values() for q in questions]
            responses = []
            for n in range(count):
                answers = [AnswerValue(q.id, rng.choice(q.options).id) for q in statements if rng.random() < 0.7]
                if answers and n % 13 == 0:
                    answers.append(answers[0])  # a statement's answer stored twice
                if answers and n % 17 == 0:
                    answers.append(AnswerValue(answers[-1].question_id, rng.choice(statements[0].options).id))
                for question in questionnaire.dimensions():
                    if (name, question.code) != ("2024", "age_band"):  # a breakdown question nobody answered
                        answers += _breakdown_answers(rng, question, n)
                responses.append(NewResponse(tuple(answers), external_id=f"{name}-{n}"))
            hc.responses.add_batch(cycle.id, NewBatch(BatchKind.IMPORT, f"{name}.csv"), responses)
    return path


def _stored(hc, cycle_id) -> dict[int, list[tuple[int, int | None]]]:
    """Every respondent of the cycle (those with no answers too) with their answers as (question id, option id)."""
    answers: dict[int, list[tuple[int, int | None]]] = {
        r: [] for (r,) in hc.tuples("SELECT id FROM responses WHERE cycle_id = ?", (cycle_id,))
    }
    for response_id, question_id, option_id in hc.tuples(
        "SELECT a.response_id, a.question_id, a.option_id FROM answers a JOIN responses r ON r.id = a.response_id "
        "WHERE r.cycle_id = ?",
        (cycle_id,),
    ):
        answers[response_id].append((question_id, option_id))
    return answers


def _joint_by_hand(answers, dimensions) -> dict[tuple, int]:
    """People by every combination of their distinct answers to the breakdown questions (None: no option), in the
    order of a GROUP BY of them (no option first, then by option id)."""
    joint: Counter = Counter()
    for given in answers.values():
        choices = [{o for q, o in given if q == d.id} or {None} for d in dimensions]
        for combination in itertools.product(*choices):
            joint[combination] += 1
    return dict(sorted(joint.items(), key=lambda item: [(o is not None, o or 0) for o in item[0]]))


def _scores_by_hand(answers, questionnaire, dimensions):
    """Each Standard's respondents' scores (the mean of their scored answers), for everyone and for each group of
    each breakdown question (a respondent in a group for each answer they gave it, None for none or no option)."""
    points = {
        option.id: (question.id, question.standard, exact_value(option.score))
        for questions in score_statements(questionnaire).values()
        for question in questions
        for option in question.options
        if option.score is not None and not option.excluded_from_base
    }
    everyone: dict[int, list[Fraction]] = defaultdict(list)
    by_group: dict[tuple, dict[int, list[Fraction]]] = defaultdict(lambda: defaultdict(list))
    for given in answers.values():
        scored: dict[int, list[Fraction]] = defaultdict(list)
        for question_id, option_id in given:
            if option_id in points and points[option_id][0] == question_id:
                scored[points[option_id][1]].append(points[option_id][2])
        for standard, worth in scored.items():
            score = sum(worth, Fraction(0)) / len(worth)
            everyone[standard].append(score)
            for d in dimensions:
                for group in [o for q, o in given if q == d.id] or [None]:
                    by_group[(d.code, group)][standard].append(score)
    return everyone, by_group


def _check(score, people: list[Fraction] | None) -> None:
    if not people:
        assert score.sample is None
        return
    mean = sum(people, Fraction(0)) / len(people)
    assert (score.sample.n, score.sample.mean.exact, score.printed) == (len(people), mean, printed_score(mean))
    if len(people) > 1:
        variance = sum(((p - mean) ** 2 for p in people), Fraction(0)) / (len(people) - 1)
        assert score.sample.variance == pytest.approx(float(variance), rel=1e-12, abs=1e-9)


@pytest.mark.parametrize("name", CYCLES)
def test_the_plans_group_sizes_are_each_respondents_combinations_counted_by_hand(survey, name):
    with HealthCheckFile.open(survey, read_only=True) as hc:
        cycle = hc.cycles.by_name(name)
        questionnaire = hc.questionnaires.load(cycle.id)
        dimensions = questionnaire.dimensions()
        assert len(dimensions) == 9
        plan = disclosure_plan(hc, cycle.id, questionnaire)
        joint = _joint_by_hand(_stored(hc, cycle.id), dimensions)
        assert list(plan.joint.items()) == list(joint.items())
        # in the order one GROUP BY of the joined answers gives them, the order the plan's rules meet the groups in
        assert list(plan.joint.items()) == list(group_sizes(hc, cycle.id, [d.id for d in dimensions]).items())
        by_hand = DisclosurePlan(
            plan.minimum, plan.comment_minimum, plan.respondents, plan.codes, joint, plan.comment_groups.code
        )
        for d in dimensions:
            assert list(plan.groups(d.code).sizes.items()) == list(by_hand.groups(d.code).sizes.items())
            assert plan.groups(d.code).hidden == by_hand.groups(d.code).hidden
        assert plan.comment_groups.hidden == by_hand.comment_groups.hidden
        hidden = [o for d in dimensions for o in plan.groups(d.code).hidden_options]
        assert len(hidden) >= 4  # small groups, and groups hidden to protect them
        assert plan.pair("team", "role").hidden_cells == by_hand.pair("team", "role").hidden_cells


def test_everyones_and_every_groups_scores_are_those_worked_out_respondent_by_respondent(survey):
    with HealthCheckFile.open(survey, read_only=True) as hc:
        before_cycle, cycle = hc.cycles.by_name(CYCLES[0]), hc.cycles.by_name(CYCLES[1])
        questionnaire = hc.questionnaires.load(cycle.id)
        assert not _applicability(questionnaire)  # the template's statements are not follow-ups
        dimensions = score_breakdowns(questionnaire)
        everyone, by_group = standard_scores_with_groups(hc, cycle, [d.code for d in dimensions], questionnaire)
        now_everyone, now_groups = _scores_by_hand(_stored(hc, cycle.id), questionnaire, dimensions)
        before_questionnaire = hc.questionnaires.load(before_cycle.id)
        before_dimensions = score_breakdowns(before_questionnaire)
        then_everyone, then_groups = _scores_by_hand(
            _stored(hc, before_cycle.id), before_questionnaire, before_dimensions
        )
        plan_now = _plan_by_hand(hc, cycle, questionnaire)
        plan_then = _plan_by_hand(hc, before_cycle, before_questionnaire)
        for score in everyone:
            _check(score, now_everyone.get(score.standard.number))
            previous = then_everyone.get(score.standard.number)
            assert (score.previous.n if score.previous else 0) == len(previous or [])
        shown = 0
        for groups, d in zip(by_group, dimensions):
            assert groups.dimension.code == d.code
            for group in groups.groups:
                assert group.hidden == (not plan_now.group_shown(d.code, group.option.id))
                if group.hidden:
                    assert group.scores == ()
                    continue
                shown += 1
                then_option = before_questionnaire.question(d.code).option(group.option.code)
                shown_then = plan_then.group_shown(d.code, then_option.id)
                for score in group.scores:
                    _check(score, now_groups[(d.code, group.option.id)].get(score.standard.number))
                    previous = then_groups[(d.code, then_option.id)].get(score.standard.number) if shown_then else None
                    assert (score.previous.n if score.previous else 0) == len(previous or [])
                    if score.previous is not None:
                        assert score.previous.mean.exact == sum(previous, Fraction(0)) / len(previous)
        assert shown >= 20


def _plan_by_hand(hc, cycle, questionnaire) -> DisclosurePlan:
    plan = disclosure_plan(hc, cycle.id, questionnaire)
    joint = _joint_by_hand(_stored(hc, cycle.id), questionnaire.dimensions())
    return DisclosurePlan(plan.minimum, plan.comment_minimum, plan.respondents, plan.codes, joint, "team")


def test_respondent_ids_far_apart_give_the_same_counts(survey):
    """A file whose respondents' ids jump (ids are the file's own, not the app's to choose) is counted the same, in
    arrays no longer than its answers."""
    from swhc_desktop.analysis.joint_sizes import joint_sizes
    from swhc_desktop.analysis.score_totals import total_counts
    from swhc_desktop.analysis.standard_scores import scored_points

    with HealthCheckFile.open(survey, read_only=True) as hc:
        cycle = hc.cycles.by_name(CYCLES[1])
        questionnaire = hc.questionnaires.load(cycle.id)
        points, _ = scored_points(questionnaire)
        dimension_ids = [d.id for d in questionnaire.dimensions()]
        chosen = hc.answers.respondents_by_option({o.question_id for o in points.values()} | set(dimension_ids))
        respondents = hc.answers.cycle_respondents(cycle.id)

        def far(ids):
            return ids * 2**40 + 7  # in the same order, each 2**40 from the next

        apart = {key: far(ids) for key, ids in chosen.items()}
        assert total_counts(hc, points, {}, dimension_ids, apart) == total_counts(hc, points, {}, dimension_ids, chosen)
        near, spread = (
            joint_sizes(respondents, chosen, dimension_ids),
            joint_sizes(far(respondents), apart, dimension_ids),
        )
        assert list(spread.joint.items()) == list(near.joint.items())
        assert spread.alone == near.alone


def test_each_option_s_respondents_are_read_as_stored(survey):
    """Read an option at a time, each found by a step along the index: every (question, option) answered, None for
    answers with no option (a breakdown answered with text), each respondent as often as stored, in order of question
    then option with None first; a question nobody answered is not there."""
    with HealthCheckFile.open(survey, read_only=True) as hc:
        asked = [q for (q,) in hc.tuples("SELECT id FROM questions")]
        chosen = hc.answers.respondents_by_option(asked)
        by_hand = defaultdict(list)
        for response_id, question_id, option_id in hc.tuples("SELECT response_id, question_id, option_id FROM answers"):
            by_hand[(question_id, option_id)].append(response_id)
    assert any(option is None for _, option in by_hand) and any(len(set(ids)) < len(ids) for ids in by_hand.values())
    assert list(chosen) == sorted(by_hand, key=lambda key: (key[0], key[1] is not None, key[1] or 0))
    assert {key: sorted(ids.tolist()) for key, ids in chosen.items()} == {
        key: sorted(ids) for key, ids in by_hand.items()
    }
