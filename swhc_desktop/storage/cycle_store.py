"""Cycles (one year's survey each): their names, survey windows, staff invited and texts."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from ..domain.cycle_order import in_survey_order, previous_of
from ..domain.errors import Advice, InvalidInput
from ..domain.labels import RESTORE_FROM_BACKUP
from ..domain.plurals import counted
from ..domain.questionnaire import Numbering
from ..domain.records import Cycle, CycleDetails, RemovedCycle, Service, TableRows
from ..domain.rules import check_cycle_values, check_staff_invited_covers_responses
from ..domain.standards import EDITIONS, LATEST_EDITION
from ..domain.ukdates import format_uk_date, from_iso, to_iso
from .clock import now_timestamp

if TYPE_CHECKING:
    from .file import HealthCheckFile

_QUESTIONS = "SELECT id FROM questions WHERE cycle_id = :cycle"
_RESPONSES = "SELECT id FROM responses WHERE cycle_id = :cycle"
_FINDINGS = "SELECT id FROM findings WHERE cycle_id = :cycle"
_ACTIONS = "SELECT id FROM actions WHERE raised_in_cycle_id = :cycle"
# Every row that belongs to a cycle or hangs off it, table by table, parents first: what deleting a cycle removes (the
# file's foreign keys cascade from the cycle) and what undoing it writes back. tests/test_cycle_changes.py checks this
# against the schema's foreign keys, so a table added later cannot be forgotten here.
_CYCLE_ROWS: tuple[tuple[str, str], ...] = (
    ("cycles", "id = :cycle"),
    ("cycle_texts", "cycle_id = :cycle"),
    ("cycle_figures", "cycle_id = :cycle"),
    ("sections", "cycle_id = :cycle"),
    ("questions", "cycle_id = :cycle"),
    ("options", f"question_id IN ({_QUESTIONS})"),
    ("follow_up_triggers", f"question_id IN ({_QUESTIONS})"),
    ("wording_changes", f"question_id IN ({_QUESTIONS})"),
    ("import_batches", "cycle_id = :cycle"),
    ("responses", "cycle_id = :cycle"),
    ("answers", f"response_id IN ({_RESPONSES})"),
    ("response_identifiers", f"response_id IN ({_RESPONSES})"),
    ("comment_tags", f"response_id IN ({_RESPONSES}) OR question_id IN ({_QUESTIONS})"),
    ("findings", "cycle_id = :cycle"),
    ("finding_evidence", f"finding_id IN ({_FINDINGS})"),
    ("dismissed_suggestions", "cycle_id = :cycle"),
    ("actions", "raised_in_cycle_id = :cycle"),
    ("action_findings", f"action_id IN ({_ACTIONS}) OR finding_id IN ({_FINDINGS})"),
    ("action_questions", f"action_id IN ({_ACTIONS})"),
    ("action_updates", f"action_id IN ({_ACTIONS})"),
)
CYCLE_TABLES = tuple(table for table, _ in _CYCLE_ROWS)
# Tables keyed by what they hold rather than a row id, read in the order of their keys.
_WITHOUT_ROWID = frozenset(
    {
        "answers",
        "cycle_texts",
        "cycle_figures",
        "follow_up_triggers",
        "response_identifiers",
        "comment_tags",
        "dismissed_suggestions",
        "action_findings",
        "action_questions",
    }
)

_CYCLE_COLUMNS = """
    c.id, c.name, c.title, c.opens_on, c.closes_on, c.staff_invited, c.source, c.standards_edition, c.service,
    c.created_at,
    (SELECT count(*) FROM responses r WHERE r.cycle_id = c.id) AS response_count,
    (SELECT count(*) FROM questions q WHERE q.cycle_id = c.id) AS question_count
"""


def _cycle(row: dict[str, Any]) -> Cycle:
    return Cycle(
        id=row["id"],
        name=row["name"],
        title=row["title"],
        opens_on=from_iso(row["opens_on"]),
        closes_on=from_iso(row["closes_on"]),
        staff_invited=row["staff_invited"],
        source=row["source"],
        response_count=row["response_count"],
        question_count=row["question_count"],
        standards_edition=row["standards_edition"],
        service=Service(row["service"]),
        created_on=dt.date.fromisoformat(row["created_at"][:10]),
    )


class CycleStore:
    def __init__(self, hc: "HealthCheckFile"):
        self.hc = hc

    def all(self) -> list[Cycle]:
        """Every cycle, oldest first: in the order the surveys ran (domain/cycle_order.py), never by name."""
        rows = self.hc.rows(f"SELECT {_CYCLE_COLUMNS} FROM cycles c")
        return in_survey_order([_cycle(r) for r in rows])

    def get(self, cycle_id: int) -> Cycle:
        row = self.hc.row(f"SELECT {_CYCLE_COLUMNS} FROM cycles c WHERE c.id = ?", (cycle_id,))
        if row is None:
            raise InvalidInput(f"Cycle {cycle_id} is not in this file.")
        return _cycle(row)

    def find(self, name: str) -> Cycle | None:
        row = self.hc.row(f"SELECT {_CYCLE_COLUMNS} FROM cycles c WHERE c.name = ? COLLATE NOCASE", (name.strip(),))
        return _cycle(row) if row else None

    def by_name(self, name: str) -> Cycle:
        cycle = self.find(name)
        if cycle is None:
            names = ", ".join(c.name for c in self.all()) or "none yet"
            raise InvalidInput(
                f"There is no cycle called '{name}' in {self.hc.path.name}.", f"The cycles are: {names}."
            )
        return cycle

    def previous(self, cycle: Cycle) -> Cycle | None:
        """The cycle before this one, to compare with."""
        return previous_of(self.all(), cycle)

    def add(
        self,
        name: str,
        *,
        title: str = "",
        numbering: Numbering = Numbering.CONTINUOUS,
        opens_on: dt.date | None = None,
        closes_on: dt.date | None = None,
        staff_invited: int | None = None,
        source: str = "",
        standards_edition: str = LATEST_EDITION,
        service: Service = Service.CHILDREN,
    ) -> int:
        """A new cycle, filed under the latest edition of the Standards unless another is given."""
        check_cycle_values(name, opens_on, closes_on, staff_invited)
        if self.find(name) is not None:
            raise InvalidInput(f"There is already a cycle called '{name.strip()}'.", "Choose another name.")
        EDITIONS[standards_edition]  # an edition the app knows, or a plain refusal
        with self.hc.transaction():
            cursor = self.hc.execute(
                "INSERT INTO cycles (name, title, numbering, opens_on, closes_on, staff_invited, source, "
                "standards_edition, service, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    name.strip(),
                    title,
                    str(numbering),
                    to_iso(opens_on),
                    to_iso(closes_on),
                    staff_invited,
                    source,
                    standards_edition,
                    str(Service(service)),
                    now_timestamp(),
                ),
            )
            self.hc.audit("Added a cycle", name.strip())
            return int(cursor.lastrowid)

    def numbering(self, cycle_id: int) -> Numbering:
        return Numbering(self.hc.value("SELECT numbering FROM cycles WHERE id = ?", (cycle_id,)))

    def text(self, cycle_id: int, key: str) -> str | None:
        return self.hc.value("SELECT text FROM cycle_texts WHERE cycle_id = ? AND key = ?", (cycle_id, key))

    def set_text(self, cycle_id: int, key: str, text: str) -> None:
        with self.hc.transaction():
            self.hc.execute(
                "INSERT INTO cycle_texts (cycle_id, key, text) VALUES (?, ?, ?) "
                "ON CONFLICT (cycle_id, key) DO UPDATE SET text = excluded.text",
                (cycle_id, key, text),
            )
            self.hc.audit("Changed a cycle's text", key)

    def change_details(self, cycle_id: int, details: CycleDetails) -> None:
        """Rename a cycle, or change its survey window or staff invited. Refused, with the file unchanged, when the name
        is another cycle's, the window closes before it opens, or fewer staff are invited than have responded."""
        cycle = self.get(cycle_id)
        check_cycle_values(details.name, details.opens_on, details.closes_on, details.staff_invited)
        other = self.find(details.name)
        if other is not None and other.id != cycle_id:
            raise InvalidInput(
                f"There is already a cycle called '{other.name}'.", "Choose another name. Nothing was changed."
            )
        check_staff_invited_covers_responses(details.staff_invited, cycle.response_count)
        with self.hc.transaction():
            self.hc.execute(
                "UPDATE cycles SET name = ?, opens_on = ?, closes_on = ?, staff_invited = ? WHERE id = ?",
                (
                    details.name.strip(),
                    to_iso(details.opens_on),
                    to_iso(details.closes_on),
                    details.staff_invited,
                    cycle_id,
                ),
            )
            self.hc.audit("Changed a cycle", _described_change(cycle, details))

    def take_out(self, cycle_id: int) -> RemovedCycle:
        """Delete a cycle with everything that hangs off it, returning every row removed so that `put_back` can restore
        the cycle exactly (the same ids), as Undo needs."""
        cycle = self.get(cycle_id)
        hc = self.hc
        with hc.transaction():
            tables = tuple(self._rows_of(cycle_id, table, where) for table, where in _CYCLE_ROWS)
            removed = RemovedCycle(cycle_id, cycle.name, tables)
            hc.execute("DELETE FROM cycles WHERE id = ?", (cycle_id,))
            left = [table for table, where in _CYCLE_ROWS if hc.value(_count(table, where), {"cycle": cycle_id})]
            if left:  # a row the cascade did not reach would be left orphaned, or lost on undo
                raise RuntimeError(f"Deleting cycle {cycle_id} left rows in {', '.join(left)}")
            hc.audit(
                "Deleted a cycle",
                f"{cycle.name}: {counted(removed.count('responses'), 'response')}, "
                f"{counted(removed.count('findings'), 'finding')}, "
                f"{counted(removed.count('actions'), 'action')}",
            )
        return removed

    def _rows_of(self, cycle_id: int, table: str, where: str) -> TableRows:
        order = "" if table in _WITHOUT_ROWID else " ORDER BY rowid"
        found = self.hc.rows(f"SELECT * FROM {table} WHERE {where}{order}", {"cycle": cycle_id})
        columns = tuple(found[0]) if found else ()
        return TableRows(table, columns, tuple(tuple(row.values()) for row in found))

    def put_back(self, removed: RemovedCycle) -> None:
        """Restore a cycle deleted with `take_out`, whole, in one change. Refused when a cycle made since has taken its
        name or its rows' places (the file is then unchanged, and the backup taken before the deletion still holds
        it)."""
        hc = self.hc
        taken = self.find(removed.name)
        if taken is not None:
            raise InvalidInput(
                f"The cycle '{removed.name}' cannot be put back: another cycle is now called '{taken.name}'.",
                Advice(
                    "Rename the newer cycle and try again, or restore the backup taken before the deletion "
                    f"({RESTORE_FROM_BACKUP}). Nothing was changed.",
                    "Rename the newer cycle (swhc cycle-edit --name) and try again, or restore the backup taken "
                    "before the deletion. Nothing was changed.",
                ),
            )
        taken_places = self._places_taken_since(removed)
        if taken_places:
            raise InvalidInput(
                f"The cycle '{removed.name}' cannot be put back exactly: what was added to the file since it was "
                f"deleted ({taken_places}) has taken its rows' places.",
                Advice(
                    f"Restore the backup taken before the deletion instead ({RESTORE_FROM_BACKUP}). Nothing was "
                    "changed.",
                    "Restore the backup taken before the deletion instead. Nothing was changed.",
                ),
            )
        with hc.transaction():
            # Within this change only: a follow-up may refer to a question stored after it.
            hc.execute("PRAGMA defer_foreign_keys = ON")
            for part in removed.tables:
                if part.rows:
                    names = ", ".join(part.columns)
                    marks = ", ".join("?" * len(part.columns))
                    hc.executemany(f"INSERT INTO {part.table} ({names}) VALUES ({marks})", part.rows)
            hc.audit("Put back a deleted cycle", removed.name)

    def _places_taken_since(self, removed: RemovedCycle) -> str:
        """The tables in which a row added since the deletion (a new cycle's questions, a paper return) has the id of
        a row to be put back: SQLite gives a new row the next id after the largest, which a deletion frees."""
        taken = []
        for part in removed.tables:
            key = "rowid" if "rowid" in part.columns else "id" if "id" in part.columns else None
            if key is None or not part.rows:
                continue
            position = part.columns.index(key)
            ids = [row[position] for row in part.rows]
            for start in range(0, len(ids), _IDS_AT_ONCE):
                chunk = ids[start : start + _IDS_AT_ONCE]
                marks = ",".join("?" * len(chunk))
                if self.hc.value(f"SELECT count(*) FROM {part.table} WHERE {key} IN ({marks})", chunk):
                    taken.append(part.table.replace("_", " "))
                    break
        return ", ".join(taken)


_IDS_AT_ONCE = 500  # SQLite allows a statement some hundreds of parameters on every build


def _count(table: str, where: str) -> str:
    return f"SELECT count(*) FROM {table} WHERE {where}"


def _described_change(cycle: Cycle, details: CycleDetails) -> str:
    """The audit log's words for a change of a cycle's details: each value that changed, before and after."""
    before = CycleDetails.of(cycle)
    changed = [
        f"{what} {_said(old)} to {_said(new)}"
        for what, old, new in (
            ("name", before.name, details.name.strip()),
            ("opens", before.opens_on, details.opens_on),
            ("closes", before.closes_on, details.closes_on),
            ("staff invited", before.staff_invited, details.staff_invited),
        )
        if old != new
    ]
    return f"{cycle.name}: " + ("; ".join(changed) if changed else "nothing changed")


def _said(value: object) -> str:
    if value is None:
        return "not set"
    return format_uk_date(value) if isinstance(value, dt.date) else str(value)
