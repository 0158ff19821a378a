"""Plain records of what a health-check file holds (cycles, responses, findings, actions, themes…): no SQL, no Qt."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from typing import NamedTuple

from .rounding import exact_percent
from .standards import LATEST_EDITION
from .ukdates import describe_window


@dataclass(frozen=True)
class Organisation:
    name: str
    service: str
    protective_marking: str
    minimum_group_size: int
    minimum_comment_group_size: int


class Service(StrEnum):
    """The social work service a cycle surveys: national figures are shown only beside those of the same service."""

    CHILDREN = "children"
    ADULTS = "adults"

    @property
    def label(self) -> str:
        return "Children's services" if self is Service.CHILDREN else "Adults' services"


@dataclass(frozen=True)
class Cycle:
    id: int
    name: str
    title: str
    opens_on: dt.date | None
    closes_on: dt.date | None
    staff_invited: int | None
    source: str
    response_count: int = 0
    question_count: int = 0
    standards_edition: str = LATEST_EDITION  # the edition of the Standards its questions are filed under
    service: Service = Service.CHILDREN
    created_on: dt.date | None = None  # orders cycles with no survey window (domain/cycle_order.py)

    @property
    def window(self) -> str:
        return describe_window(self.opens_on, self.closes_on)

    @property
    def response_rate(self) -> float | None:
        """Per cent of staff invited who responded, when the number invited is known."""
        if not self.staff_invited:
            return None
        return exact_percent(self.response_count, self.staff_invited)


@dataclass(frozen=True)
class CycleDetails:
    """What the PSW may change about a cycle once it is made: its name, survey window and number of staff invited."""

    name: str
    opens_on: dt.date | None
    closes_on: dt.date | None
    staff_invited: int | None

    @classmethod
    def of(cls, cycle: Cycle) -> "CycleDetails":
        return cls(cycle.name, cycle.opens_on, cycle.closes_on, cycle.staff_invited)


@dataclass(frozen=True)
class TableRows:
    """Rows of one table as the file stored them, column by column, to be written back exactly."""

    table: str
    columns: tuple[str, ...]
    rows: tuple[tuple, ...]


@dataclass(frozen=True)
class RemovedCycle:
    """Every row a deleted cycle held or that hung off it (its questionnaire, responses, findings, actions…), so that
    Undo can put the cycle back exactly, with the same ids."""

    cycle_id: int
    name: str
    tables: tuple[TableRows, ...]

    def count(self, table: str) -> int:
        return sum(len(part.rows) for part in self.tables if part.table == table)


class BatchKind(StrEnum):
    IMPORT = "import"
    PAPER = "paper"
    DEMO = "demo"


@dataclass(frozen=True)
class NewBatch:
    """What an import (or the demo, or paper entry) records about where its responses came from."""

    kind: BatchKind
    source_name: str
    source_sha256: str | None = None
    layout: str = ""
    mapping_json: str = "{}"
    identifying_kept_reason: str | None = None
    rows_read: int | None = None
    rows_skipped: int | None = None


@dataclass(frozen=True)
class ImportBatch:
    id: int
    cycle_id: int
    kind: BatchKind
    source_name: str
    source_sha256: str | None
    layout: str
    mapping_json: str
    imported_at: str
    imported_by: str
    response_count: int
    rows_read: int | None = None
    rows_skipped: int | None = None
    identifying_kept_reason: str | None = None


class AnswerValue(NamedTuple):
    """One stored answer: a chosen option (with its 'please specify' text), a number or a text.

    A named tuple rather than a dataclass: an import makes hundreds of thousands of these, and a tuple is several
    times cheaper to make and to write to the file."""

    question_id: int
    option_id: int | None = None
    number: float | None = None
    text: str | None = None


@dataclass(frozen=True)
class NewResponse:
    answers: tuple[AnswerValue, ...]
    external_id: str | None = None
    submitted_on: dt.date | None = None
    identifiers: tuple[tuple[str, str], ...] = ()


class FindingKind(StrEnum):
    STRENGTH = "strength"
    IMPROVEMENT = "improvement"

    @property
    def label(self) -> str:
        return "Strength" if self is FindingKind.STRENGTH else "Area for improvement"


@dataclass(frozen=True)
class Finding:
    id: int
    cycle_id: int
    kind: FindingKind
    text: str
    position: int
    question_codes: tuple[str, ...] = ()
    indicator_keys: tuple[str, ...] = ()
    suggestion_key: str | None = None


class ActionStatus(StrEnum):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    COMPLETE = "complete"
    DROPPED = "dropped"

    @property
    def label(self) -> str:
        return {
            "not_started": "Not started",
            "in_progress": "In progress",
            "complete": "Complete",
            "dropped": "Dropped",
        }[self.value]


class Rag(StrEnum):
    RED = "red"
    AMBER = "amber"
    GREEN = "green"


@dataclass(frozen=True)
class ActionUpdate:
    id: int
    written_on: dt.date
    text: str
    author: str


@dataclass(frozen=True)
class ActionDraft:
    """What the PSW sets on an action: everything but its id, when it was raised and its progress log."""

    standard: int
    title: str
    description: str = ""
    owner: str = ""
    due_on: dt.date | None = None
    status: ActionStatus = None  # set in __post_init__
    dropped_reason: str = ""
    rag: Rag | None = None
    completed_on: dt.date | None = None
    finding_ids: tuple[int, ...] = ()
    question_codes: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        # Widgets and files hand these back as plain strings; the rules compare enum members.
        object.__setattr__(self, "status", ActionStatus(self.status or ActionStatus.NOT_STARTED))
        object.__setattr__(self, "rag", Rag(self.rag) if self.rag else None)


@dataclass(frozen=True)
class Action:
    id: int
    raised_in_cycle_id: int
    standard: int
    title: str
    description: str
    owner: str
    due_on: dt.date | None
    status: ActionStatus
    dropped_reason: str = ""
    rag: Rag | None = None
    completed_on: dt.date | None = None
    finding_ids: tuple[int, ...] = ()
    question_codes: tuple[str, ...] = ()
    updates: tuple[ActionUpdate, ...] = field(default=())

    @property
    def draft(self) -> ActionDraft:
        return ActionDraft(
            standard=self.standard,
            title=self.title,
            description=self.description,
            owner=self.owner,
            due_on=self.due_on,
            status=self.status,
            dropped_reason=self.dropped_reason,
            rag=self.rag,
            completed_on=self.completed_on,
            finding_ids=self.finding_ids,
            question_codes=self.question_codes,
        )

    @property
    def latest_update(self) -> ActionUpdate | None:
        return self.updates[-1] if self.updates else None

    def is_open(self) -> bool:
        return self.status in (ActionStatus.NOT_STARTED, ActionStatus.IN_PROGRESS)

    def is_overdue(self, today: dt.date) -> bool:
        open_ = self.status in (ActionStatus.NOT_STARTED, ActionStatus.IN_PROGRESS)
        return open_ and self.due_on is not None and self.due_on < today

    def effective_rag(self, today: dt.date) -> Rag | None:
        """The RAG the plan shows: overdue is always red, whatever was set by hand."""
        if self.is_overdue(today):
            return Rag.RED
        if self.status is ActionStatus.COMPLETE:
            return Rag.GREEN
        return self.rag


@dataclass(frozen=True)
class DeletedFinding:
    """A finding as it was before it was deleted, with the actions that answered it, so that undo puts both back."""

    finding: Finding
    action_ids: tuple[int, ...]


@dataclass(frozen=True)
class RemovedBatch:
    """Every row a removed batch held, as the file stored them, so that Undo can put it back exactly."""

    batch: tuple
    responses: list[tuple]
    answers: list[tuple]
    identifiers: list[tuple]
    comment_tags: list[tuple]

    @property
    def source_name(self) -> str:
        return self.batch[3]


@dataclass(frozen=True)
class WordingChange:
    """A question reworded after responses came in: the same code, a different question for trends."""

    question_code: str
    previous_text: str
    new_text: str
    changed_at: str


@dataclass(frozen=True)
class Within:
    """Count only respondents whose answer to `question_id` is one of `option_ids` (a filter such as one team)."""

    question_id: int
    option_ids: tuple[int, ...]


@dataclass(frozen=True)
class Theme:
    """A theme the PSW codes open comments into ("Caseloads", "Supervision"…), kept for the whole file so the same
    theme can be counted year after year."""

    id: int
    name: str
    description: str = ""
    position: int = 0


CommentKey = tuple[int, int]  # (response id, question id): one open-text answer


@dataclass(frozen=True)
class RemovedTheme:
    """Everything a removed theme took with it, so that undo can put it back exactly."""

    theme: Theme
    tagged: tuple[CommentKey, ...]


@dataclass(frozen=True)
class FigureValue:
    """One figure the PSW entered for a cycle: a number, a text, or both (a chosen answer's code with what was written
    beside it)."""

    number: float | None = None
    text: str | None = None

    @property
    def is_empty(self) -> bool:
        return self.number is None and not (self.text or "").strip()


BY_STANDARD = "standard"
BY_SECTION = "section"


@dataclass(frozen=True)
class ReportChoices:
    """What the PSW chooses for a cycle's findings report."""

    purpose: str | None = None  # None: the standard wording
    background: str | None = None
    arrangement: str = BY_STANDARD  # results by Standard for Employers (BY_STANDARD), or by section (BY_SECTION)
    left_out: frozenset[str] = frozenset()  # keys of the sections the PSW leaves out
    comments: tuple[tuple[int, int], ...] = field(default=())  # (response id, question id), in the order chosen
