"""The one rule that keeps small groups hidden: the disclosure plan of a cycle, which every table, chart, export and
screen that shows groups asks before it shows anything about one.

A group is one answer to a breakdown question (a team, a role), counted over the cycle's respondents; the people
who gave that question no answer are a group too. A group is hidden when fewer than the minimum number of people
are in it (primary suppression), and further groups are hidden whenever the ones left on show would let a hidden
one be worked out by subtraction from a total that is shown (complementary suppression). Hidden groups are only
ever shown together, as 'not shown'. Two breakdown questions together (a team within a role) are protected the same
way, cell by cell, on top of what each question hides on its own, and the same cells whichever way round they are
asked. The decision is made on the group, never on who answered a particular question: a follow-up that only a few
of a group answered is shown for every group that is shown, and hidden for every group that is hidden.

The reasoning is done the way someone trying to re-identify people would do it: every total that is published is
an equation; any equation with a single unknown gives that unknown away; once nothing more can be worked out, every
equation whose total is known must leave its unknown parts adding up to nothing or to at least the minimum. Where it
does not, the smallest group still on show in that equation is hidden too, and the reasoning starts again.

The plan also says what a row of the anonymised responses may carry (`row_disclosure`) and which comments may be
labelled with their team (the same rule at the minimum for comments). Everything here is counts of people; the
outputs apply the plan to everything they show about a group (its base, its per cents, its average, its chart bar).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..domain.rounding import exact_percent

if TYPE_CHECKING:
    from ..domain.questionnaire import Question, Questionnaire
    from ..storage import HealthCheckFile
    from .frequencies import FrequencyTable
    from .results import QuestionResult

ABSOLUTE_MINIMUM = 3


@dataclass(frozen=True)
class SumRule:
    """A published equation: the count of `total` is the sum of the counts of `parts`."""

    total: Hashable
    parts: tuple[Hashable, ...]


@dataclass(frozen=True)
class Protection:
    hidden: frozenset
    complete: bool  # False when no hiding could protect every group (the whole table is then hidden)


def protect(
    counts: Mapping[Hashable, int],
    rules: Sequence[SumRule],
    minimum: int,
    *,
    shown_always: Iterable[Hashable] = (),
    hidden_always: Iterable[Hashable] = (),
    never_hide: Iterable[Hashable] = (),
) -> Protection:
    """Which cells to hide so that no cell of 1 to minimum-1 people can be shown or worked out.

    `counts` holds every cell, totals included. `shown_always` cells are published whatever their size (the
    overall base of a question); `hidden_always` cells are never published (people who did not say which team);
    `never_hide` cells may not be chosen for complementary hiding (margins settled by their own table).
    """
    minimum = max(minimum, ABSOLUTE_MINIMUM)
    shown = set(shown_always)
    locked = shown | set(never_hide)
    hidden = set(hidden_always)
    hidden |= {cell for cell, count in counts.items() if 0 < count < minimum and cell not in shown}
    complete = True
    while True:
        problem = _first_problem(counts, rules, hidden, minimum)
        if problem is None:
            return Protection(frozenset(hidden), complete)
        candidates = _candidates(problem, rules, hidden, locked, counts)
        if candidates:
            hidden.add(min(candidates, key=lambda cell: (counts[cell], repr(cell))))
            continue
        # Nothing left to hide: only reachable when a total is itself too small to break down (a whole table of
        # 4 people); then none of its parts is shown, zeros included.
        complete = False
        newly = {p for rule in problem for p in rule.parts if p not in hidden and p not in locked}
        if not newly:
            return Protection(frozenset(hidden), complete)
        hidden |= newly


def _candidates(
    problem: list[SumRule], rules: Sequence[SumRule], hidden: set, locked: set, counts: Mapping[Hashable, int]
) -> list:
    """The groups that could be hidden to solve a problem: those still shown in its equations; failing that, those in
    the equations that share a group with them, and so on outwards (a hidden group worked out through another line
    is set free by hiding something else on that line)."""
    seen = set(problem)
    frontier = list(problem)
    while frontier:
        found = [p for rule in frontier for p in rule.parts if p not in hidden and p not in locked and counts[p] > 0]
        if found:
            return found
        reached = {p for rule in frontier for p in rule.parts} | {rule.total for rule in frontier}
        frontier = [rule for rule in rules if rule not in seen and (reached & {rule.total, *rule.parts})]
        seen.update(frontier)
    return []


def _first_problem(
    counts: Mapping[Hashable, int], rules: Sequence[SumRule], hidden: set, minimum: int
) -> list[SumRule] | None:
    """The equations through which a small group shows, once everything that can be worked out is worked out:
    all those holding a small cell that can be worked out, or one whose hidden parts add up to a small group."""
    known = {cell for cell in counts if cell not in hidden} | worked_out(rules, [c for c in counts if c in hidden])
    for cell in counts:
        if cell in hidden and cell in known and 0 < counts[cell] < minimum:
            return [rule for rule in rules if cell in rule.parts or cell == rule.total]
    for rule in rules:
        if rule.total not in known:
            continue
        remainder = sum(counts[p] for p in rule.parts if p not in known)
        whole_line = all(p not in known for p in rule.parts if counts[p] > 0)
        if 0 < remainder < minimum and not whole_line:
            return [rule]
    return None


def worked_out(rules: Sequence[SumRule], unknown: Sequence[Hashable]) -> set:
    """The unknown cells that the published equations pin down exactly, by any combination of them (not only by
    subtracting one at a time): a cell is pinned down when every solution of the equations agrees on it."""
    import numpy

    index = {cell: i for i, cell in enumerate(unknown)}
    equations = []
    for rule in rules:
        coefficients = numpy.zeros(len(unknown))
        if rule.total in index:
            coefficients[index[rule.total]] += 1
        for part in rule.parts:
            if part in index:
                coefficients[index[part]] -= 1
        if coefficients.any():
            equations.append(coefficients)
    if not equations:
        return set()
    _, singular, basis = numpy.linalg.svd(numpy.array(equations))
    rank = int((singular > 1e-9).sum())
    free_directions = basis[rank:]
    if not len(free_directions):
        return set(unknown)
    return {cell for cell, i in index.items() if numpy.abs(free_directions[:, i]).max() < 1e-9}


# ------------------------------------------------------------------------------------- one breakdown question

NO_ANSWER = None  # the people who gave a breakdown question no answer, keyed as the counts key them
NOT_SHOWN = "not shown"  # the category everyone in a hidden group is shown in, all together
TOTAL = "__total__"


@dataclass(frozen=True)
class GroupPlan:
    """One breakdown question's groups: the people in each (NO_ANSWER: those who gave none) and which are hidden."""

    code: str
    sizes: Mapping[Hashable, int]
    hidden: frozenset

    def shown(self, option_id: Hashable) -> bool:
        return option_id not in self.hidden

    def category(self, option_id: Hashable) -> Hashable:
        """The group a respondent with this answer is shown in: their answer's own, or NOT_SHOWN."""
        return NOT_SHOWN if option_id in self.hidden else option_id

    @property
    def everyone(self) -> int:
        return sum(self.sizes.values())

    @property
    def not_shown(self) -> int:
        """The people shown only together, as 'not shown': hidden groups, and those who gave no answer if hidden."""
        return sum(n for key, n in self.sizes.items() if key in self.hidden)

    @property
    def hidden_options(self) -> frozenset:
        return self.hidden - {NO_ANSWER}


def plan_groups(code: str, sizes: Mapping[Hashable, int], minimum: int) -> GroupPlan:
    """Which groups of one breakdown question to hide. `sizes` holds every answer's people and NO_ANSWER's; the total
    (everyone who took part) is always published."""
    counts = {**sizes}
    counts.setdefault(NO_ANSWER, 0)
    everyone = {**counts, TOTAL: sum(counts.values())}
    protection = protect(everyone, [SumRule(TOTAL, tuple(counts))], minimum, shown_always=[TOTAL])
    return GroupPlan(code, counts, frozenset(protection.hidden))


def hidden_groups(sizes: Mapping[Hashable, int], minimum: int, unstated: int = 0) -> frozenset:
    """The groups of a one-way breakdown to hide (`unstated`: people who gave no group, a group like any other)."""
    return plan_groups("", {**sizes, NO_ANSWER: unstated}, minimum).hidden_options


# ------------------------------------------------------------------------------------- two breakdown questions


@dataclass(frozen=True)
class PairPlan:
    """Two breakdown questions together: the people in each pair of their groups (each question's hidden groups
    together, as NOT_SHOWN) and which of these cells are hidden as well. Margins are as each question shows them."""

    first: str
    second: str
    cells: Mapping[tuple, int]
    hidden_cells: frozenset

    def shown(self, first_category: Hashable, second_category: Hashable) -> bool:
        return (first_category, second_category) not in self.hidden_cells


def plan_pair(first: GroupPlan, second: GroupPlan, joint: Mapping[tuple, int], minimum: int) -> PairPlan:
    """Protect the two-way table of two breakdown questions (`joint`: people by their two answers)."""
    rows = sorted({first.category(key) for key in first.sizes}, key=repr)
    columns = sorted({second.category(key) for key in second.sizes}, key=repr)
    cells = {(r, c): 0 for r in rows for c in columns}
    for (a, b), n in joint.items():
        cells[(first.category(a), second.category(b))] += n
    counts: dict[Hashable, int] = {("cell", r, c): n for (r, c), n in cells.items()}
    counts.update({("row", r): sum(cells[(r, c)] for c in columns) for r in rows})
    counts.update({("column", c): sum(cells[(r, c)] for r in rows) for c in columns})
    counts[TOTAL] = sum(cells.values())
    rules = [SumRule(("row", r), tuple(("cell", r, c) for c in columns)) for r in rows]
    rules += [SumRule(("column", c), tuple(("cell", r, c) for r in rows)) for c in columns]
    margins = [("row", r) for r in rows] + [("column", c) for c in columns]
    protection = protect(counts, rules, minimum, shown_always=[TOTAL, *margins])
    hidden = {(key[1], key[2]) for key in protection.hidden if isinstance(key, tuple) and key[0] == "cell"}
    if not protection.complete:
        hidden = set(cells)  # no hiding protects every cell: none is shown
    return PairPlan(first.code, second.code, cells, frozenset(hidden))


# ------------------------------------------------------------------------------------- a cycle


def comment_dimension(questionnaire: "Questionnaire") -> "Question | None":
    """The breakdown question comments are labelled with: the team question if there is one, else the first."""
    dimensions = questionnaire.dimensions()
    return next((d for d in dimensions if d.code == "team"), dimensions[0] if dimensions else None)


class DisclosurePlan:
    """What may be shown of a cycle's groups, worked out once from who took part and asked by every output: each
    breakdown question's groups, each pair of them together (worked out when first asked), which comments may name
    their team, and what a row of the anonymised responses may say."""

    def __init__(
        self,
        minimum: int,
        comment_minimum: int,
        respondents: int,
        codes: Sequence[str],
        joint: Mapping[tuple, int],
        comment_code: str | None,
    ):
        self.minimum = minimum
        self.comment_minimum = comment_minimum
        self.respondents = respondents
        self.codes = tuple(codes)
        self.joint = dict(joint)  # people by their answers to every breakdown question, in `codes` order
        alone = self._marginals_alone()
        self._groups = {code: plan_groups(code, alone[i], minimum) for i, code in enumerate(self.codes)}
        self._pairs: dict[tuple[str, str], PairPlan] = {}
        self.comment_groups = (
            plan_groups(comment_code, alone[self.codes.index(comment_code)], comment_minimum)
            if comment_code in self.codes
            else None
        )

    def _marginals_alone(self) -> list[dict]:
        """People by their answer to each breakdown question alone (as `_marginal((i,))` gives each), from one pass
        over the joint counts: with many breakdown questions and thousands of people the joint counts are as many as
        the people, and a pass for each question took seconds."""
        counts: list[dict] = [{} for _ in self.codes]
        for key, n in self.joint.items():
            for by_answer, answer in zip(counts, key):
                by_answer[answer] = by_answer.get(answer, 0) + n
        return counts

    def _marginal(self, positions: tuple[int, ...]) -> dict:
        counts: dict = {}
        for key, n in self.joint.items():
            part = tuple(key[p] for p in positions)
            counts[part] = counts.get(part, 0) + n
        return {part[0]: n for part, n in counts.items()} if len(positions) == 1 else counts

    # ------------------------------------------------------------------ groups

    def is_breakdown(self, code: str) -> bool:
        return code in self._groups

    def groups(self, code: str) -> GroupPlan:
        return self._groups[code]

    def group_shown(self, code: str, option_id: Hashable) -> bool:
        return self._groups[code].shown(option_id)

    def pair(self, first: str, second: str) -> PairPlan:
        """The two questions' plan, the same whichever way round they are asked (worked out in the order of their
        codes, whatever the questionnaire's order)."""
        key = (first, second) if first <= second else (second, first)
        if key not in self._pairs:
            positions = (self.codes.index(key[0]), self.codes.index(key[1]))
            self._pairs[key] = plan_pair(
                self._groups[key[0]], self._groups[key[1]], self._marginal(positions), self.minimum
            )
        return self._pairs[key]

    def pair_shown(self, code: str, category: Hashable, other: str, other_category: Hashable) -> bool:
        """Whether the cell of two categories (as each question's own plan names them) may be shown."""
        pair = self.pair(code, other)
        if pair.first == code:
            return pair.shown(category, other_category)
        return pair.shown(other_category, category)

    def cell_shown(self, code: str, option_id: Hashable, other: str, other_option_id: Hashable) -> bool:
        """Whether the people with both answers (a team within a role) may be shown as a group."""
        return (
            self.group_shown(code, option_id)
            and self.group_shown(other, other_option_id)
            and self.pair_shown(code, option_id, other, other_option_id)
        )

    def cell_size(self, code: str, option_id: Hashable, other: str, other_option_id: Hashable) -> int:
        positions = (self.codes.index(code), self.codes.index(other))
        return sum(
            n
            for key, n in self.joint.items()
            if key[positions[0]] == option_id and key[positions[1]] == other_option_id
        )

    # ------------------------------------------------------------------ tables

    def table_as_shown(self, table: "FrequencyTable", within: Sequence[tuple[str, Hashable]] = ()) -> "FrequencyTable":
        """A table as it may be shown, for everyone or within shown groups (`within`: (question code, option id) of
        a filter, and of a breakdown within it). A breakdown question's own table counts people in groups: each
        answer's count is shown only where its group (within those groups) is; where the people who gave no answer
        are not shown apart, the base is everyone, so that it cannot give their number away; and its 'other' texts
        are never shown. Any other question's 'other' texts are shown, for everyone, as comments are: only when at
        least the minimum for comments took part."""
        code = table.question.code
        if code not in self._groups:
            if within or self.respondents >= self.comment_minimum or not table.other_texts:
                return table
            return dataclasses.replace(table, other_texts=())
        if any(code == within_code for within_code, _ in within):
            return dataclasses.replace(table, other_texts=())  # the group's own answer: nothing to hide
        own = self._groups[code]
        hidden: frozenset | set
        if not within:
            hidden = own.hidden_options
            apart, everyone = own.shown(NO_ANSWER), own.everyone
            description = f"Base: all respondents ({everyone}); any who did not answer are counted with those not shown"
        elif len(within) == 1:
            ((other, option_id),) = within
            category = self._groups[other].category(option_id)
            hidden = {
                o.id
                for o in table.question.options
                if not own.shown(o.id) or not self.pair_shown(other, category, code, o.id)
            }
            apart = own.shown(NO_ANSWER) and self.pair_shown(other, category, code, NO_ANSWER)
            everyone = self._groups[other].sizes.get(option_id, 0)
            description = (
                f"Base: everyone in the group ({everyone}); any who did not answer are counted with those not shown"
            )
        else:
            # Three breakdown questions at once (a role within a team, by years qualified) would pick people out.
            (first, first_id), (second, second_id) = within[:2]
            hidden = {o.id for o in table.question.options}
            apart, everyone = False, self.cell_size(first, first_id, second, second_id)
            description = (
                f"Base: everyone in the group ({everyone}); who is in which {table.question.title.lower()} "
                "is not shown within a group of two breakdown questions"
            )
        return _masked(table, frozenset(hidden), None if apart else (everyone, description))

    def result_as_shown(
        self, result: "QuestionResult", within: Sequence[tuple[str, Hashable]] = ()
    ) -> "QuestionResult":
        if result.table is None:
            return result
        table = self.table_as_shown(result.table, within)
        if table is result.table:
            return result
        return dataclasses.replace(result, table=table, base=table.base, base_description=table.base_description)

    # ------------------------------------------------------------------ comments

    def comment_label_shown(self, option_id: Hashable) -> bool:
        """Whether a comment may be labelled with this team (the same rule, at the minimum for comments)."""
        return self.comment_groups is not None and self.comment_groups.shown(option_id)

    # ------------------------------------------------------------------ rows of the anonymised responses

    def row_groups(self, answer: Mapping[str, Hashable]) -> dict[str, Hashable]:
        """What a row of the anonymised responses gives for each breakdown question (`answer`: the respondent's
        option ids, NO_ANSWER where none): the first of `row_codes` as its plan shows it, the second only where the
        pair's cell is shown, every other one NOT_SHOWN."""
        groups: dict[str, Hashable] = dict.fromkeys(self.codes, NOT_SHOWN)
        codes = self.row_codes
        if not codes:
            return groups
        first = codes[0]
        groups[first] = self._groups[first].category(answer.get(first, NO_ANSWER))
        for second in codes[1:]:
            category = self._groups[second].category(answer.get(second, NO_ANSWER))
            if category != NOT_SHOWN and self.pair_shown(first, groups[first], second, category):
                groups[second] = category
        return groups

    @property
    def row_codes(self) -> tuple[str, ...]:
        """The breakdown questions a row may give (at most two: the comments' one, then the next); every other
        breakdown answer is left out of every row. Any two answers are protected together, as the tables protect
        them; a third, added to a row, would make groups smaller than any table shows."""
        if not self.codes:
            return ()
        first = self.comment_groups.code if self.comment_groups is not None else self.codes[0]
        return (first, *[c for c in self.codes if c != first][:1])


def _masked(table: "FrequencyTable", hidden: frozenset, base: tuple[int, str] | None) -> "FrequencyTable":
    """The table with the hidden answers' counts taken out and, where given, the base replaced by (everyone,
    description), the per cents of the rest taken of it."""
    from .frequencies import OptionCount

    new_base, description = base if base is not None else (table.base, table.base_description)
    rows = []
    for row in table.rows:
        if row.option.id in hidden:
            rows.append(OptionCount(row.option, 0, None, new_base, hidden=True))
        else:
            percent = exact_percent(row.count, new_base) if row.in_base else None
            rows.append(OptionCount(row.option, row.count, percent, new_base))
    shown = sum(r.count for r in rows if not r.hidden and r.in_base)
    return dataclasses.replace(
        table,
        rows=tuple(rows),
        base=new_base,
        base_description=description,
        other_texts=(),
        not_shown=max(0, new_base - shown),
    )


@dataclass(frozen=True)
class RowShown:
    """What one row of the anonymised responses may give: for each breakdown question, the answer's option id, or
    NO_ANSWER, or NOT_SHOWN; and whether its free text may be given."""

    groups: Mapping[str, Hashable]
    texts: bool


def row_disclosure(plan: DisclosurePlan, answers: Sequence[Mapping[str, Hashable]]) -> list[RowShown]:
    """What each respondent's row may give (`answers`: their option id for each breakdown question, NO_ANSWER when
    none). A row gives its first breakdown answer as that question's plan shows it, and its second only where the
    pair's cell is shown; so every combination a row gives is a group the tables show (or one line's cells not shown,
    together), of at least the minimum, and taking the rows from any table's group leaves nobody, or at least the
    minimum. Free text only where at least the minimum for comments share the row's combination and its team may be
    named beside a comment. The rows giving one combination are the block the export swaps answers within
    (exports/swapping.py), so that no row is left as one person's answers to be matched to the tables."""
    codes = plan.row_codes
    shown_rows = [plan.row_groups(answer) for answer in answers]
    patterns: dict[tuple, int] = {}
    for groups in shown_rows:
        key = tuple(groups[c] for c in codes)
        patterns[key] = patterns.get(key, 0) + 1
    rows = []
    for answer, groups in zip(answers, shown_rows):
        if not codes:
            rows.append(RowShown(groups, plan.respondents >= plan.comment_minimum))
            continue
        common = patterns[tuple(groups[c] for c in codes)] >= plan.comment_minimum
        named = groups[codes[0]] != NOT_SHOWN and plan.comment_label_shown(answer.get(codes[0], NO_ANSWER))
        rows.append(RowShown(groups, common and named))
    return rows


def disclosure_plan(
    hc: "HealthCheckFile", cycle_id: int, questionnaire: "Questionnaire | None" = None, minimum: int | None = None
) -> DisclosurePlan:
    """The cycle's plan, from who took part (one count of the respondents by all their breakdown answers)."""
    questionnaire = questionnaire or hc.questionnaires.load(cycle_id)
    organisation = hc.organisation.get()
    minimum = max(organisation.minimum_group_size if minimum is None else minimum, ABSOLUTE_MINIMUM)
    comment_minimum = max(organisation.minimum_comment_group_size, ABSOLUTE_MINIMUM)
    dimensions = questionnaire.dimensions()
    respondents = hc.cycles.get(cycle_id).response_count
    joint = people_by_group(hc, cycle_id, dimensions, respondents)
    comment = comment_dimension(questionnaire)
    return DisclosurePlan(
        minimum,
        comment_minimum,
        respondents,
        [d.code for d in dimensions],
        joint,
        comment.code if comment is not None else None,
    )


def people_by_group(
    hc: "HealthCheckFile", cycle_id: int, dimensions: Sequence["Question"], respondents: int
) -> dict[tuple, int]:
    """The cycle's respondents by their answers to the breakdown questions (NO_ANSWER: none), as `group_sizes` counts
    them and in its order. With one breakdown question that nobody answered twice, its groups are the counts of its
    answers and those who gave none are the rest (a question's answers are its own cycle's, as the file's checks make
    sure): a read of its own answers in the order of their index, where a count of every respondent against their
    answers takes a third of a second at 100,000 responses."""
    if not dimensions:
        return {}
    if len(dimensions) == 1:
        answers = hc.answers.single_answers(dimensions[0].id)
        if answers is not None:
            answered = {option_id: n for option_id, n in answers.items() if option_id is not NO_ANSWER}
            unstated = respondents - sum(answered.values())
            if unstated >= 0:
                people: dict[Hashable, int] = {NO_ANSWER: unstated} if unstated else {}
                people.update(sorted(answered.items()))
                return {(key,): n for key, n in people.items()}
    return hc.answers.group_sizes(cycle_id, [d.id for d in dimensions])
