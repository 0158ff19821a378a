"""What the Question explorer has worked out from one open file, kept so that a change of question, breakdown or
filter works out only what it has not worked out before: each cycle's questionnaire and disclosure plan, each
question's result for everyone, and each breakdown (a filter's group is taken from the breakdown by its question).

The page that shows the file owns one, and starts a new one whenever the file or the cycle shown changes. It also
forgets everything by itself the moment any row of the file has changed, so nothing kept can outlive the figures it
came from."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import TypeVar

from ..analysis.breakdowns import Breakdown, FilteredResult, GroupFilter, breakdown, group_alone
from ..analysis.results import QuestionResult, question_results
from ..analysis.suppression import DisclosurePlan, disclosure_plan
from ..domain.questionnaire import Questionnaire
from ..storage import HealthCheckFile

# Enough for going back and forth over a session's questions, breakdowns and filters. A number question's result
# (or breakdown) holds every number given, 3 MB at 100,000 responses, so this also bounds the memory kept.
KEPT = 32

Kept = TypeVar("Kept")


class ExplorerMemory:
    """The explorer's figures for one open file, each worked out by the same function as every other screen and
    kept until the file changes. Used by one thread at a time (the page's background work)."""

    def __init__(self, hc: HealthCheckFile):
        self.hc = hc
        self._kept: dict[Hashable, object] = {}
        self._changes_seen = hc.changes_made

    def questionnaire(self, cycle_id: int) -> Questionnaire:
        return self._recall(("questionnaire", cycle_id), lambda: self.hc.questionnaires.load(cycle_id))

    def plan(self, cycle_id: int) -> DisclosurePlan:
        return self._recall(
            ("plan", cycle_id), lambda: disclosure_plan(self.hc, cycle_id, self.questionnaire(cycle_id))
        )

    def result(self, cycle_id: int, question_code: str) -> QuestionResult | None:
        """The question's result for everyone, as every table shows it."""

        def work() -> QuestionResult | None:
            # The plan is worked out by question_results only for a table that needs it (a breakdown question's own).
            found = question_results(self.hc, cycle_id, [question_code], questionnaire=self.questionnaire(cycle_id))
            return found.get(question_code)

        return self._recall(("result", cycle_id, question_code), work)

    def breakdown(
        self, cycle_id: int, question_code: str, dimension_code: str, within: GroupFilter | None = None
    ) -> Breakdown:
        """The question by each group of the breakdown question (within a group of another, if asked)."""
        if within is not None and within.dimension_code == dimension_code:
            within = None  # a group broken down by its own question: the one-way breakdown, as `breakdown` gives it

        def work() -> Breakdown:
            questionnaire, plan = self.questionnaire(cycle_id), self.plan(cycle_id)
            return breakdown(self.hc, cycle_id, question_code, dimension_code, within, questionnaire, plan=plan)

        return self._recall(("breakdown", cycle_id, question_code, dimension_code, within), work)

    def filtered(self, cycle_id: int, question_code: str, within: GroupFilter) -> FilteredResult:
        """The question's result for one group, out of its breakdown by the group's question (as `filtered_result`)."""
        return group_alone(self.breakdown(cycle_id, question_code, within.dimension_code), within)

    def _recall(self, key: Hashable, work: Callable[[], Kept]) -> Kept:
        changes = self.hc.changes_made
        if changes != self._changes_seen:  # the file has changed since: nothing kept holds any more
            self._kept.clear()
            self._changes_seen = changes
        if key in self._kept:
            value = self._kept.pop(key)  # kept again as the latest used
        else:
            value = work()
            if self.hc.changes_made != changes:  # the file changed while it was worked out: not kept
                return value
            if len(self._kept) >= KEPT:
                del self._kept[next(iter(self._kept))]  # the one used longest ago goes
        self._kept[key] = value
        return value  # type: ignore[return-value]
