"""Cycles (one year's survey each): their names, survey windows, staff invited and texts."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from ..domain.errors import InvalidInput
from ..domain.questionnaire import Numbering
from ..domain.records import Cycle, Service
from ..domain.rules import check_cycle_values
from ..domain.standards import EDITIONS, LATEST_EDITION
from ..domain.ukdates import from_iso, to_iso
from .clock import now_timestamp

if TYPE_CHECKING:
    from .file import HealthCheckFile

_CYCLE_COLUMNS = """
    c.id, c.name, c.title, c.opens_on, c.closes_on, c.staff_invited, c.source, c.standards_edition, c.service,
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
    )


class CycleStore:
    def __init__(self, hc: "HealthCheckFile"):
        self.hc = hc

    def all(self) -> list[Cycle]:
        """Every cycle, oldest first (cycles are usually named by year, so the name orders them)."""
        rows = self.hc.rows(f"SELECT {_CYCLE_COLUMNS} FROM cycles c ORDER BY c.name COLLATE NOCASE, c.id")
        return [_cycle(r) for r in rows]

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
        cycles = self.all()
        index = next(i for i, c in enumerate(cycles) if c.id == cycle.id)
        return cycles[index - 1] if index > 0 else None

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
