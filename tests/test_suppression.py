"""Small groups stay hidden: property tests that play the part of someone trying to work a small group out.

The attacker here is written independently of `suppression` (exact fractions, not the library's own reasoning): it
takes everything a disclosure plan lets be published (everyone's total, each breakdown question's groups, the groups
of every two breakdown questions together, the combinations a row of the anonymised responses gives) and solves the
published equations every way it can. Nobody is taken as known unless published: the people who gave a breakdown
question no answer are a group like any other. No group of 1 to minimum-1 people may be pinned down, nor may any
published total leave its hidden parts adding up to such a group.
"""

from __future__ import annotations

import itertools

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from swhc_desktop.analysis.breakdowns import GroupFilter, breakdown
from swhc_desktop.analysis.suppression import (
    NO_ANSWER,
    NOT_SHOWN,
    DisclosurePlan,
    disclosure_plan,
    hidden_groups,
    plan_groups,
    row_disclosure,
)
from tests.support.sql_counts import group_sizes

from .support.attacker import audit, pinned_down, pinned_down_in_a_field

# Group sizes as a council's survey has them: many tiny groups and empty ones, some large.
sizes = st.one_of(st.integers(0, 4), st.integers(0, 12), st.integers(0, 60))
minimums = st.integers(3, 10)


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 8), st.data())
def test_the_two_solvers_pin_down_the_same_unknowns(width, data):
    unknown = [f"x{i}" for i in range(width)]
    equations = [
        ({u: data.draw(st.sampled_from([-1, 0, 0, 1])) for u in unknown}, data.draw(st.integers(0, 9)))
        for _ in range(data.draw(st.integers(0, 8)))
    ]
    assert pinned_down_in_a_field(equations, unknown) == pinned_down(equations, unknown)


# ---------------------------------------------------------------------------------------------- what a plan publishes


def plan_of(people: dict[tuple, int], codes: list[str], minimum: int, comment_minimum: int = 10) -> DisclosurePlan:
    return DisclosurePlan(minimum, comment_minimum, sum(people.values()), codes, people, codes[0])


def published_knowledge(plan: DisclosurePlan, people: dict[tuple, int], options: dict[str, list]):
    """Every count a plan lets be published, as the attacker's equations over the true combinations of everyone's
    answers (`people`): each breakdown question's shown groups (and so, by subtraction, its groups not shown,
    together), each shown cell of every two of them (the teams within a role, in a breakdown's own table, a filter
    with a breakdown, or a row of the anonymised responses), and each combination the rows of the anonymised
    responses give. The unknowns are every group: each answer of each question (no answer too), each pair of
    answers, and each full combination."""
    codes = plan.codes
    counts: dict = {("all",): sum(people.values())}
    equations: list = []
    published = {("all",)}
    atoms = list(people)
    counts.update({("atom", key): n for key, n in people.items()})

    def add(name, members):
        counts[name] = sum(people[key] for key in members)
        equations.append((name, [("atom", key) for key in members]))

    for i, code in enumerate(codes):
        own = plan.groups(code)
        for option in options[code]:
            add(("group", code, option), [key for key in atoms if key[i] == option])
            if own.shown(option):
                published.add(("group", code, option))
        add(("group", code, NOT_SHOWN), [key for key in atoms if own.category(key[i]) == NOT_SHOWN])
        published.add(("group", code, NOT_SHOWN))  # everyone less the groups shown
    for (i, a), (j, b) in itertools.combinations(enumerate(codes), 2):
        for x in options[a]:
            for y in options[b]:
                add(("cell", a, x, b, y), [key for key in atoms if key[i] == x and key[j] == y])
        first, second = plan.groups(a), plan.groups(b)
        for x in {first.category(o) for o in options[a]}:
            for y in {second.category(o) for o in options[b]}:
                name = ("shown cell", a, x, b, y)
                add(name, [key for key in atoms if first.category(key[i]) == x and second.category(key[j]) == y])
                if plan.pair_shown(a, x, b, y):
                    published.add(name)
    patterns: dict[tuple, list] = {}
    for key in atoms:  # every combination, the empty ones too: a row would give it the same way
        groups = plan.row_groups(dict(zip(codes, key, strict=True)))
        patterns.setdefault(tuple(groups[c] for c in codes), []).append(key)
    for pattern, members in patterns.items():
        add(("row pattern", pattern), members)
        if counts[("row pattern", pattern)]:
            published.add(("row pattern", pattern))
    return counts, equations, published


def council(data, codes: list[str]) -> tuple[dict[tuple, int], dict[str, list]]:
    """People by their answers to each breakdown question: a few answers each, no answer among them, mostly small."""
    options = {code: [f"{code} {i}" for i in range(data.draw(st.integers(1, 3)))] + [NO_ANSWER] for code in codes}
    people = {}
    for key in itertools.product(*(options[c] for c in codes)):
        people[key] = data.draw(st.one_of(st.just(0), st.integers(0, 3), st.integers(0, 9)))
    # Fewer people than the minimum in all: nothing about any group can be shown, and the whole is all there is.
    assume(sum(people.values()) >= 10)
    return people, options


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(st.data(), minimums)
def test_each_breakdown_questions_groups_are_planned_from_its_own_people_counted_by_hand(data, minimum):
    """The plan counts each question's groups from the joint counts in one pass; each is the sum, worked out here, of
    the joint counts with that answer, and its groups are planned from exactly those (the comments' groups too)."""
    codes = ["team", "role", "years"][: data.draw(st.integers(1, 3))]
    people, _ = council(data, codes)
    plan = plan_of(people, codes, minimum)
    for position, code in enumerate(codes):
        alone: dict = {}
        for key, n in people.items():
            alone[key[position]] = alone.get(key[position], 0) + n
        assert plan.groups(code) == plan_groups(code, alone, minimum)
        if position == 0:
            assert plan.comment_groups == plan_groups(code, alone, 10)


@settings(max_examples=400, deadline=None)
@given(st.lists(sizes, min_size=1, max_size=9), st.integers(0, 6), minimums)
def test_no_small_group_of_a_breakdown_can_be_shown_or_worked_out(group_sizes, unstated, minimum):
    """One breakdown question: the people who gave no answer are a group, hidden or shown like any other."""
    groups = {f"g{i}": n for i, n in enumerate(group_sizes)}
    plan = plan_groups("team", {**groups, NO_ANSWER: unstated}, minimum)
    counts = {**groups, "no answer": unstated, "total": sum(groups.values()) + unstated}
    published = {g for g in groups if plan.shown(g)} | {"total"} | ({"no answer"} if plan.shown(NO_ANSWER) else set())
    assert audit(counts, [("total", [*groups, "no answer"])], published, minimum, "total") == []


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(st.data(), st.integers(3, 6))
def test_everything_a_plan_publishes_together_never_reveals_a_small_group(data, minimum):
    """Two or three breakdown questions: every group of each, every cell of every two, and every combination a row
    of the anonymised responses gives, all published at once. Nothing small can be pinned down, nor left over."""
    codes = ["team", "role", "years"][: data.draw(st.integers(2, 3))]
    people, options = council(data, codes)
    plan = plan_of(people, codes, minimum)
    counts, equations, published = published_knowledge(plan, people, options)
    assert audit(counts, equations, published, minimum, ("all",)) == []


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(st.data(), st.integers(3, 6), st.integers(3, 12))
def test_a_row_gives_only_what_the_tables_show_and_never_fewer_than_the_minimum(data, minimum, comment_minimum):
    """The anonymised responses on their own: every combination of breakdown answers a row gives is shared by at
    least the minimum; a pair is given only where its cell is shown; a group taken from the rows leaves nobody, or at
    least the minimum (so subtracting the rows from its table gives nobody's answers alone); and free text is given
    only where at least the minimum for comments share the combination and the team may be named beside a
    comment."""
    codes = ["team", "role", "years"][: data.draw(st.integers(1, 3))]
    people, options = council(data, codes)
    plan = DisclosurePlan(minimum, comment_minimum, sum(people.values()), codes, people, codes[0])
    answers = [dict(zip(codes, key, strict=True)) for key, n in people.items() for _ in range(n)]
    rows = row_disclosure(plan, answers)
    patterns: dict[tuple, int] = {}
    for row in rows:
        key = tuple(row.groups[c] for c in codes)
        patterns[key] = patterns.get(key, 0) + 1
    if len(answers) >= minimum:
        assert all(n >= minimum for n in patterns.values()), patterns
    for answer, row in zip(answers, rows, strict=True):
        given_codes = [c for c in codes if row.groups[c] != NOT_SHOWN]
        assert set(given_codes) <= set(plan.row_codes)
        for code in given_codes:
            assert row.groups[code] == answer[code] and plan.group_shown(code, answer[code])
        for a, b in itertools.combinations(given_codes, 2):
            assert plan.cell_shown(a, answer[a], b, answer[b])
        if row.texts:
            assert patterns[tuple(row.groups[c] for c in codes)] >= comment_minimum
            assert plan.comment_label_shown(answer[codes[0]]) and row.groups[codes[0]] != NOT_SHOWN
    # Every published group, less its rows that give it: nobody, or at least the minimum.
    for code in codes:
        for option in options[code]:
            if not plan.group_shown(code, option):
                continue
            left = sum(1 for a, r in zip(answers, rows, strict=True) if a[code] == option and r.groups[code] != option)
            assert left == 0 or left >= minimum, (code, option, left)
    for a, b in itertools.combinations(codes, 2):
        for x in options[a]:
            for y in options[b]:
                if not plan.cell_shown(a, x, b, y):
                    continue
                left = sum(
                    1
                    for ans, r in zip(answers, rows, strict=True)
                    if ans[a] == x and ans[b] == y and (r.groups[a] != x or r.groups[b] != y)
                )
                assert left == 0 or left >= minimum, (a, x, b, y, left)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(st.data(), minimums)
def test_teams_within_a_role_and_roles_within_a_team_hide_the_same_people(data, minimum):
    """The explorer offers both 'Role: X, by team' and 'Team: Y, by role', and the tables both orientations: one
    decision for the pair, however it is asked."""
    people, options = council(data, ["team", "role"])
    plan = plan_of(people, ["team", "role"], minimum)
    flipped = plan_of({(r, t): n for (t, r), n in people.items()}, ["role", "team"], minimum)
    for team in options["team"]:
        for role in options["role"]:
            assert (
                plan.cell_shown("team", team, "role", role)
                == plan.cell_shown("role", role, "team", team)
                == flipped.cell_shown("team", team, "role", role)
            )


def test_a_single_small_team_takes_another_with_it():
    """Hiding only the team of 2 would let it be worked out from the total: the next smallest goes too."""
    assert hidden_groups({"a": 40, "b": 2, "c": 9, "d": 30}, 5) == {"b", "c"}
    assert hidden_groups({"a": 40, "b": 2, "c": 9, "d": 30}, 5, unstated=12) == {"b", "c"}
    assert hidden_groups({"a": 40, "b": 3, "c": 4}, 5) == {"b", "c"}  # 3 + 4 = 7: together big enough
    assert hidden_groups({"a": 40, "b": 1, "c": 1, "d": 20}, 5) == {"b", "c", "d"}
    assert hidden_groups({"a": 40, "b": 0, "c": 30}, 5) == frozenset()
    assert hidden_groups({"a": 3, "b": 1}, 5) == {"a", "b"}  # a table of 4 people cannot be broken down at all


def test_people_who_gave_no_team_are_a_group_like_any_other():
    """Teams of 17, 14 and 7 and two people who gave no team (the audit's s3.swhc): the two cannot be shown apart,
    so with them the team of 7 is not shown either, and the overall table less the teams shown gives 9 people."""
    plan = plan_groups("team", {"a": 17, "b": 14, "c": 7, NO_ANSWER: 2}, 5)
    assert plan.hidden == {"c", NO_ANSWER} and plan.not_shown == 9
    assert plan_groups("team", {"a": 17, "b": 14, NO_ANSWER: 6}, 5).hidden == frozenset()  # 6 may be left over


def test_the_minimum_is_never_below_three():
    assert hidden_groups({"a": 2, "b": 2, "c": 50}, minimum=1) == {"a", "b"}


# ---------------------------------------------------------------------------------------------- the demo


@pytest.fixture
def demo(demo_path, open_files):
    return open_files.open(demo_path, read_only=True)


def test_the_demo_never_shows_the_small_other_team(demo):
    cycle = demo.cycles.by_name("2025")
    by_team = breakdown(demo, cycle.id, "valued", "team")
    shown = {g.option.code for g in by_team.groups if not g.hidden}
    assert "other_team" not in shown
    assert by_team.hidden_count >= 2  # the other team, and one more so it cannot be worked out from the total
    assert "not shown" in by_team.note
    plan = disclosure_plan(demo, cycle.id)
    team = demo.questionnaires.load(cycle.id).question("team")
    assert {o.code for o in team.options if not plan.group_shown("team", o.id)} == {"other_team", "disabled_children"}
    # Every question hides the same teams, follow-ups too: decided on the team, never on who answered.
    for code in ("observation_positive", "leaving_reasons", "hours_worked", "caseload_manageable"):
        assert {g.option.code for g in breakdown(demo, cycle.id, code, "team").groups if not g.hidden} == shown


def test_the_demo_filtered_breakdowns_hold_against_the_attacker(demo):
    """Every role's breakdown by team and every team's by role, with both one-way breakdowns, as a person could
    collect them from the explorer, checked against the people the file holds."""
    cycle = demo.cycles.by_name("2025")
    questionnaire = demo.questionnaires.load(cycle.id)
    minimum = demo.organisation.get().minimum_group_size
    team, role = questionnaire.question("team"), questionnaire.question("role")
    people = group_sizes(demo, cycle.id, [team.id, role.id])
    counts: dict = {("atom", key): n for key, n in people.items()}
    counts[("all",)] = sum(people.values())
    published, equations = {("all",)}, []
    for code in ("valued", "leaving_reasons"):
        for first, second, index in ((team, role, 0), (role, team, 1)):
            for group in breakdown(demo, cycle.id, code, first.code).groups:
                name = ("group", first.code, group.option.id)
                members = [key for key in people if key[index] == group.option.id]
                counts[name] = sum(people[k] for k in members)
                equations.append((name, [("atom", k) for k in members]))
                if not group.hidden:
                    published.add(name)
            for option in first.options:
                within = breakdown(demo, cycle.id, code, second.code, within=GroupFilter(first.code, option.code))
                for group in within.groups:
                    key = (option.id, group.option.id) if index == 0 else (group.option.id, option.id)
                    counts[("atom", key)] = people.get(key, 0)
                    if not group.hidden:
                        published.add(("atom", key))
    equations.append((("all",), [k for k in counts if k[0] == "atom"]))
    assert audit(counts, equations, published, minimum, ("all",)) == []
    assert ("group", "team", next(o.id for o in team.options if o.code == "other_team")) not in published
