"""All tables of a cycle, and the people in each group of a breakdown question that decide what they hide, are the
counts made here row by row, on generated cycles with missing answers, several answers to the breakdown question,
answers without an option, ticks, follow-ups, answers given twice and options stored with a number: whether the plan
reads the one breakdown question's own answers or counts every respondent against their answers, and however the
tables tell a question's kinds of answer apart."""

from __future__ import annotations

import random
from collections import Counter, defaultdict
from fractions import Fraction

import pytest

from swhc_desktop.analysis.numbers import automatic_band_starts, bands_from_starts
from swhc_desktop.analysis.results import grouped_results, question_results
from swhc_desktop.analysis.suppression import DisclosurePlan, disclosure_plan
from swhc_desktop.domain.questionnaire import FollowUp, Option, Question, Questionnaire, QuestionType, Section
from swhc_desktop.domain.records import AnswerValue, BatchKind, NewBatch, NewResponse
from swhc_desktop.storage import HealthCheckFile
from tests.support.sql_counts import group_sizes

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
        Question("helps", "What helps?", QuestionType.MULTI, options=(Option("x", "X"), Option("y", "Y"))),
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
    valued = q.question("valued")
    if odd == "with a number" and roll < 0.2:
        if roll < 0.05:  # the option given plainly too, first: the one with a number is then the second answer
            given.append(choose("valued", "agree"))
        given.append(AnswerValue(valued.id, valued.option("agree").id, 3.0, None))
    if roll < 0.8:
        given.append(choose("team", rng.choices(TEAMS, (40, 25, 20, 3, 1))[0]))
    if odd == "twice" and roll > 0.95:
        given.append(choose("team", rng.choice(TEAMS)))  # a second answer, or the same one twice
    if odd == "no option" and roll > 0.9:
        given.append(choose("team", None, "Somewhere else"))  # an answer with no option
    if q.find("role") is not None and rng.random() < 0.9:
        given.append(choose("role", rng.choice(("sw", "m"))))
    elif rng.random() < 0.9:
        given.append(choose("valued", rng.choice(("agree", "disagree", "dk"))))
    for option in ("pay", "load", "other"):
        if rng.random() < 0.4:
            given.append(choose("why", option, "Parking" if option == "other" else None))
    given += [choose("helps", option) for option in ("x", "y") if rng.random() < 0.5]
    if rng.random() < 0.7:
        given.append(AnswerValue(q.question("hours").id, None, float(rng.randint(10, 50)), None))
    if odd == "twice" and rng.random() < 0.05 and given:
        given.append(rng.choice(given))  # an answer given twice
    return tuple(given)


@pytest.fixture(
    params=[
        (seed, dimensions, odd)
        for seed in range(6)
        for dimensions in (1, 2)
        for odd in ("", "no option", "twice", "with a number")
    ]
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
    ids = [d.id for d in q.dimensions()]
    every_respondent = group_sizes(hc, cycle_id, ids)

    people = disclosure_plan(hc, cycle_id, q).joint

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
        group_sizes(hc, cycle_id, [d.id for d in dimensions]),
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


def tables_counted_row_by_row(hc: HealthCheckFile, q: Questionnaire) -> dict[str, tuple[dict[str, int], int]]:
    """For each choice question, the respondents choosing each option and its base (those who chose an option in
    the base), a follow-up's among only those whose answer to its parent makes it apply."""
    chosen: dict[int, dict[int, set]] = defaultdict(lambda: defaultdict(set))
    for response_id, question_id, option_id in hc.tuples("SELECT response_id, question_id, option_id FROM answers"):
        if option_id is not None:
            chosen[question_id][option_id].add(response_id)
    tables = {}
    for question in q.questions():
        if not question.qtype.has_options:
            continue
        applies = None
        if question.follow_up is not None:
            parent = q.question(question.follow_up.parent_code)
            triggers = {parent.option(code).id for code in question.follow_up.option_codes}
            applies = set().union(*(chosen[parent.id][o] for o in triggers))
        who = {
            o.id: chosen[question.id][o.id] & applies if applies is not None else chosen[question.id][o.id]
            for o in question.options
        }
        based = set().union(*(who[o.id] for o in question.options if not o.excluded_from_base))
        tables[question.code] = ({o.code: len(who[o.id]) for o in question.options}, len(based))
    return tables


def test_every_table_of_the_cycle_is_the_count_made_row_by_row(cycle):
    hc, cycle_id, q = cycle
    expected = tables_counted_row_by_row(hc, q)
    numbers = sorted(
        v
        for (v,) in hc.tuples(
            "SELECT number_value FROM answers WHERE question_id = ? AND number_value IS NOT NULL",
            (q.question("hours").id,),
        )
    )

    results = grouped_results(hc, cycle_id, questionnaire=q)

    for code, (counts, base) in expected.items():
        table = results[code][()].table
        assert ({r.option.code: r.count for r in table.rows}, table.base) == (counts, base), code
        for row in table.rows:
            exact = None if row.option.excluded_from_base or not base else Fraction(100 * row.count, base)
            assert (row.percent.exact if row.percent is not None else None) == exact
    assert list(results["hours"][()].values) == numbers
    assert results["hours"][()].numbers.n == len(numbers)
    bands = bands_from_starts(automatic_band_starts(numbers))  # round bands fitting every number given
    assert [b.band for b in results["hours"][()].numbers.bands] == list(bands)
    assert [b.count for b in results["hours"][()].numbers.bands] == [sum(map(b.holds, numbers)) for b in bands]


def test_a_question_holding_ticks_and_one_answer_kind_alike_is_counted_respondent_by_respondent(cycle):
    """Each of a tick-all-that-apply question's options stored once as a one-answer question's answer (as no import
    stores it), by people who ticked others too: every option has both kinds, and no count of rows is a count of
    people."""
    hc, cycle_id, q = cycle
    helps = q.question("helps")
    respondents = [r for (r,) in hc.tuples("SELECT id FROM responses ORDER BY id")]
    with hc.transaction():
        for response_id, option in zip(respondents, helps.options):
            hc.execute(
                "INSERT OR IGNORE INTO answers (response_id, question_id, tick, option_id) VALUES (?, ?, 0, ?)",
                (response_id, helps.id, option.id),
            )
    expected = tables_counted_row_by_row(hc, q)["helps"]
    table = grouped_results(hc, cycle_id, codes=["helps"], questionnaire=q)["helps"][()].table
    assert ({r.option.code: r.count for r in table.rows}, table.base) == expected
