"""The people in each group of a breakdown question, which decide what every table hides, are counted the same whether
the plan reads the one breakdown question's own answers or counts every respondent against their answers: checked
against a count made here row by row, on generated cycles with missing answers, several answers to the breakdown
question, answers without an option, ticks, follow-ups and answers given twice."""

from __future__ import annotations

import random
from collections import Counter, defaultdict

import pytest

from swhc_desktop.analysis.results import question_results
from swhc_desktop.analysis.suppression import DisclosurePlan, disclosure_plan, people_by_group
from swhc_desktop.domain.questionnaire import FollowUp, Option, Question, Questionnaire, QuestionType, Section
from swhc_desktop.domain.records import AnswerValue, BatchKind, NewBatch, NewResponse
from swhc_desktop.storage import HealthCheckFile

TEAMS = ("a", "b", "c", "d", "e")


def survey(dimensions: int) -> Questionnaire:
    teams = Question(
        "team", "Team?", QuestionType.SINGLE, is_dimension=True, options=tuple(Option(t, t.upper()) for t in TEAMS)
    )
    roles = Question(
        "role", "Role?", QuestionType.SINGLE, is_dimension=True, options=(Option("sw", "SW"), Option("m", "Manager"))
    )
    agree = (
        Option("agree", "Agree"),
        Option("disagree", "Disagree"),
        Option("dk", "Don't know", excluded_from_base=True),
    )
    questions = (
        teams,
        *((roles,) if dimensions == 2 else ()),
        Question("valued", "I feel valued", QuestionType.SCALE, options=agree),
        Question(
            "why",
            "Why not?",
            QuestionType.MULTI,
            options=(Option("pay", "Pay"), Option("load", "Workload"), Option("other", "Other", is_other=True)),
            follow_up=FollowUp("valued", ("disagree",)),
        ),
        Question("hours", "Hours?", QuestionType.NUMBER),
    )
    return Questionnaire(sections=(Section("All", questions),), title="Groups")


def answers_of(rng: random.Random, q: Questionnaire, odd: str) -> tuple[AnswerValue, ...]:
    """One respondent's answers, often some missing; in an `odd` cycle a few given twice ("twice"), or a few teams
    given without an option ("no option")."""

    def choose(code: str, option: str | None, text: str | None = None) -> AnswerValue:
        question = q.question(code)
        return AnswerValue(question.id, question.option(option).id if option else None, None, text)

    given = []
    roll = rng.random()
    if roll < 0.8:
        given.append(choose("team", rng.choices(TEAMS, (40, 25, 20, 3, 1))[0]))
    if odd == "twice" and roll > 0.95:
        given.append(choose("team", rng.choice(TEAMS)))  # a second answer, or the same one twice
    if odd == "no option" and roll > 0.9:
        given.append(choose("team", None, "Somewhere else"))  # an answer with no option
    if q.find("role") is not None and rng.random() < 0.9:
        given.append(choose("role", rng.choice(("sw", "m"))))
    if rng.random() < 0.9:
        given.append(choose("valued", rng.choice(("agree", "disagree", "dk"))))
    for option in ("pay", "load", "other"):
        if rng.random() < 0.4:
            given.append(choose("why", option, "Parking" if option == "other" else None))
    if rng.random() < 0.7:
        given.append(AnswerValue(q.question("hours").id, None, float(rng.randint(10, 50)), None))
    if odd == "twice" and rng.random() < 0.05 and given:
        given.append(rng.choice(given))  # an answer given twice
    return tuple(given)


@pytest.fixture(
    params=[(seed, dimensions, odd) for seed in range(6) for dimensions in (1, 2) for odd in ("", "no option", "twice")]
)
def cycle(request, tmp_path, folders):
    seed, dimensions, odd = request.param
    rng = random.Random(seed)
    with HealthCheckFile.create(tmp_path / "groups.swhc", "Anytown", folders=folders) as hc:
        cycle_id = hc.cycles.add("2024")
        hc.questionnaires.add_questionnaire(cycle_id, survey(dimensions))
        q = hc.questionnaires.load(cycle_id)
        responses = [NewResponse(answers_of(rng, q, odd)) for _ in range(rng.randint(0, 120))]
        hc.responses.add_batch(cycle_id, NewBatch(BatchKind.IMPORT, "generated.csv"), responses)
        yield hc, cycle_id, q


def people_counted_row_by_row(hc: HealthCheckFile, cycle_id: int, dimension_ids: list[int]) -> Counter:
    """Each respondent once in every combination of their answers (None: none, or one without an option)."""
    answers: dict[int, dict[int, set]] = defaultdict(lambda: defaultdict(set))
    for response_id, question_id, option_id in hc.tuples("SELECT response_id, question_id, option_id FROM answers"):
        answers[response_id][question_id].add(option_id)
    people: Counter = Counter()
    for (response_id,) in hc.tuples("SELECT id FROM responses WHERE cycle_id = ?", (cycle_id,)):
        keys = [()]
        for dimension_id in dimension_ids:
            keys = [(*key, option) for key in keys for option in answers[response_id][dimension_id] or {None}]
        people.update(set(keys))
    return people


def test_the_people_in_each_group_are_those_counted_row_by_row_and_in_the_same_order(cycle, monkeypatch):
    hc, cycle_id, q = cycle
    dimensions = q.dimensions()
    respondents = hc.cycles.get(cycle_id).response_count
    ids = [d.id for d in dimensions]
    every_respondent = hc.answers.group_sizes(cycle_id, ids)
    answered_twice = hc.value("SELECT count(*) FROM answers WHERE question_id = ? AND tick != 0", (ids[0],))
    if len(dimensions) == 1 and not answered_twice:  # read from the breakdown question's own answers alone
        monkeypatch.setattr(hc.answers, "group_sizes", None)

    people = people_by_group(hc, cycle_id, dimensions, respondents)

    assert people == people_counted_row_by_row(hc, cycle_id, ids)
    assert list(people.items()) == list(every_respondent.items())


def test_every_table_hides_what_a_plan_of_every_respondents_answers_hides(cycle):
    hc, cycle_id, q = cycle
    organisation = hc.organisation.get()
    dimensions = q.dimensions()
    counted_apart = DisclosurePlan(
        organisation.minimum_group_size,
        organisation.minimum_comment_group_size,
        hc.cycles.get(cycle_id).response_count,
        [d.code for d in dimensions],
        hc.answers.group_sizes(cycle_id, [d.id for d in dimensions]),
        "team",
    )
    plan = disclosure_plan(hc, cycle_id, q)

    for dimension in dimensions:
        assert plan.groups(dimension.code) == counted_apart.groups(dimension.code)
    raw = question_results(hc, cycle_id, questionnaire=q, within=None, plan=counted_apart)
    assert question_results(hc, cycle_id, questionnaire=q) == raw


def test_a_small_group_of_the_one_breakdown_question_is_hidden_in_its_table(cycle):
    hc, cycle_id, q = cycle
    table = question_results(hc, cycle_id, ["team"], questionnaire=q)["team"].table
    people = people_counted_row_by_row(hc, cycle_id, [d.id for d in q.dimensions()])
    sizes: Counter = Counter()
    for key, n in people.items():
        sizes[key[0]] += n  # each team's people, as the plan adds them up from every breakdown answer together
    minimum = max(hc.organisation.get().minimum_group_size, 3)
    for row in table.rows:
        if 0 < sizes[row.option.id] < minimum:
            assert row.hidden
