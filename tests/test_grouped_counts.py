"""Grouped counts read each question's answers once and count them against each respondent's group in Python; they
must give exactly what SQLite's join of every answer to the respondent's group answers gives, for awkward files too:
a respondent with two teams, a team answer with no option, no team at all, the same option stored twice, two
breakdown questions, a filter and follow-ups."""

from __future__ import annotations

import itertools
import random
from collections import defaultdict

import pytest

from swhc_desktop.analysis.frequencies import follow_up_applicability
from swhc_desktop.domain.records import AnswerValue, BatchKind, NewBatch, NewResponse, Within
from swhc_desktop.paths import UserFolders
from swhc_desktop.storage import HealthCheckFile

from .support.import_support import new_file


@pytest.fixture(scope="module")
def awkward(tmp_path_factory):
    """A cycle of 300 respondents answered at random, with every awkward case planted among them."""
    folder = tmp_path_factory.mktemp("grouped")
    path = new_file(folder, UserFolders.under(folder / "home"))
    rng = random.Random(21)
    with HealthCheckFile.open(path) as hc:
        cycle_id = hc.cycles.by_name("2024").id
        questionnaire = hc.questionnaires.load(cycle_id)
        questions = {q.code: q for q in questionnaire.questions()}
        team, role = questions["team"], questions["role"]
        responses = []
        for n in range(300):
            answers = []
            for code in ("valued", "observation_positive", "leaving_reasons", "workload_manageable"):
                question = questions.get(code)
                if question is None or rng.random() < 0.1:
                    continue
                chosen = rng.sample(question.options, rng.randint(1, 3 if question.qtype.value == "multi" else 1))
                answers += [AnswerValue(question.id, option.id) for option in chosen]
            for code in ("hours_worked", "caseload"):
                if rng.random() < 0.8:
                    answers.append(AnswerValue(questions[code].id, number=float(rng.choice([0, 7.5, 21, 37, 37.5]))))
            kind = n % 10
            if kind == 0:  # two teams
                answers += [AnswerValue(team.id, team.options[0].id), AnswerValue(team.id, team.options[1].id)]
            elif kind == 1:  # a team answer with no option
                answers.append(AnswerValue(team.id, text="Somewhere else"))
            elif kind != 2:  # kind 2: no team at all
                answers.append(AnswerValue(team.id, rng.choice(team.options).id))
            if rng.random() < 0.9:
                answers.append(AnswerValue(role.id, rng.choice(role.options[:3]).id))
            if kind == 3 and answers[0].option_id is not None:  # the same option stored twice
                answers.append(answers[0])
            responses.append(NewResponse(tuple(answers)))
        hc.responses.add_batch(cycle_id, NewBatch(BatchKind.IMPORT, "awkward.csv"), responses)
    return path


def joined_counts(hc, ids, counted, applicable, group_by, within):
    """What SQLite's join of every answer to its respondent's group answers counts."""
    return (
        hc.answers.grouped_option_respondents(ids, applicable, group_by, within),
        hc.answers.grouped_respondents_with_any(ids, counted, applicable, group_by, within),
    )


@pytest.mark.parametrize("dimensions", [("team",), ("role",), ("team", "role"), ("role", "team")])
@pytest.mark.parametrize("filtered", [False, True])
def test_grouped_counts_are_those_of_the_join(awkward, dimensions, filtered):
    with HealthCheckFile.open(awkward, read_only=True) as hc:
        questionnaire = hc.questionnaires.load(hc.cycles.by_name("2024").id)
        questions = [q for q in questionnaire.questions() if q.qtype.has_options]
        ids = [q.id for q in questions]
        counted = {q.id: tuple(o.id for o in q.options if not o.excluded_from_base) for q in questions}
        applicable = follow_up_applicability(questionnaire, questions)
        assert applicable, "the template's follow-ups are among the questions counted"
        group_by = [questionnaire.question(code).id for code in dimensions]
        role = questionnaire.question("role")
        within = Within(role.id, (role.options[0].id, role.options[1].id)) if filtered else None
        counts, bases = hc.answers.grouped_choice_counts(ids, counted, applicable, group_by, within)
        expected_counts, expected_bases = joined_counts(hc, ids, counted, applicable, group_by, within)
        assert {q: c for q, c in counts.items() if c} == expected_counts
        assert bases == expected_bases
        assert any(len(by_group) > 1 for by_group in counts.values())


def test_grouped_numbers_are_every_number_in_each_of_the_respondents_groups(awkward):
    with HealthCheckFile.open(awkward, read_only=True) as hc:
        cycle_id = hc.cycles.by_name("2024").id
        questionnaire = hc.questionnaires.load(cycle_id)
        team, hours = questionnaire.question("team"), questionnaire.question("hours_worked")
        numbers = hc.answers.grouped_numbers([hours.id], {}, [team.id])[hours.id]
        teams: dict[int, list] = defaultdict(list)
        given: dict[int, list[float]] = defaultdict(list)
        for response_id, question_id, option_id, number in hc.tuples(
            "SELECT response_id, question_id, option_id, number_value FROM answers WHERE question_id IN (?, ?)",
            (team.id, hours.id),
        ):
            if question_id == team.id:
                teams[response_id].append(option_id)
            else:
                given[response_id].append(number)
        expected: dict[tuple, list[float]] = defaultdict(list)
        for response_id, values in given.items():
            for key in itertools.product(teams.get(response_id, [None])):
                expected[key] += values
        assert numbers == {key: sorted(values) for key, values in expected.items()}
        assert len([r for r, options in teams.items() if len(options) > 1]) == 30  # two teams each: in both groups
