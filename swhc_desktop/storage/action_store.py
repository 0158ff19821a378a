"""The action plan: actions under the Standards for Employers, their links to findings and their progress updates."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import TYPE_CHECKING, Sequence

from ..errors import InvalidInput
from ..questionnaire import STANDARDS
from ..records import Action, ActionStatus, ActionUpdate, Rag
from ..ukdates import from_iso, to_iso
from .file import current_user, now_timestamp

if TYPE_CHECKING:
    from .file import HealthCheckFile


class ActionStore:
    def __init__(self, hc: "HealthCheckFile"):
        self.hc = hc

    def list(self, cycle_id: int | None = None) -> list[Action]:
        """Actions raised in a cycle (or every action in the file), in the order of the Standards."""
        hc = self.hc
        where, params = ("WHERE a.raised_in_cycle_id = ?", (cycle_id,)) if cycle_id is not None else ("", ())
        findings: dict[int, list[int]] = defaultdict(list)
        for row in hc.rows("SELECT action_id, finding_id FROM action_findings ORDER BY finding_id"):
            findings[row["action_id"]].append(row["finding_id"])
        codes: dict[int, list[str]] = defaultdict(list)
        for row in hc.rows("SELECT action_id, question_code FROM action_questions ORDER BY question_code"):
            codes[row["action_id"]].append(row["question_code"])
        updates: dict[int, list[ActionUpdate]] = defaultdict(list)
        for row in hc.rows("SELECT * FROM action_updates ORDER BY written_on, id"):
            updates[row["action_id"]].append(
                ActionUpdate(id=row["id"], written_on=from_iso(row["written_on"]), text=row["text"], author=row["author"])
            )
        return [
            Action(
                id=r["id"], raised_in_cycle_id=r["raised_in_cycle_id"], standard=r["standard"], title=r["title"],
                description=r["description"], owner=r["owner"], due_on=from_iso(r["due_on"]), status=ActionStatus(r["status"]),
                dropped_reason=r["dropped_reason"], rag=Rag(r["rag"]) if r["rag"] else None,
                completed_on=from_iso(r["completed_on"]), finding_ids=tuple(findings[r["id"]]),
                question_codes=tuple(codes[r["id"]]), updates=tuple(updates[r["id"]]),
            )
            for r in hc.rows(f"SELECT * FROM actions a {where} ORDER BY a.standard, a.id", params)
        ]

    def add(
        self,
        cycle_id: int,
        *,
        standard: int,
        title: str,
        description: str = "",
        owner: str = "",
        due_on: dt.date | None = None,
        status: ActionStatus = ActionStatus.NOT_STARTED,
        dropped_reason: str = "",
        rag: Rag | None = None,
        finding_ids: Sequence[int] = (),
        question_codes: Sequence[str] = (),
    ) -> int:
        if standard not in STANDARDS:
            raise InvalidInput("An action must sit under one of the eight Standards for Employers.")
        if not title.strip():
            raise InvalidInput("An action needs a title.")
        if status is ActionStatus.DROPPED and not dropped_reason.strip():
            raise InvalidInput("Say why the action was dropped.", "The reason is shown in the plan.")
        hc = self.hc
        with hc.transaction():
            action_id = int(
                hc.execute(
                    "INSERT INTO actions (raised_in_cycle_id, standard, title, description, owner, due_on, status, "
                    "dropped_reason, rag, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        cycle_id, standard, title.strip(), description, owner, to_iso(due_on), str(status), dropped_reason,
                        str(rag) if rag else None, now_timestamp(),
                    ),
                ).lastrowid
            )
            hc.executemany("INSERT INTO action_findings (action_id, finding_id) VALUES (?, ?)", [(action_id, f) for f in finding_ids])
            hc.executemany(
                "INSERT INTO action_questions (action_id, question_code) VALUES (?, ?)", [(action_id, c) for c in question_codes]
            )
            hc.audit("Added an action", title.strip()[:80])
        return action_id

    def add_update(self, action_id: int, written_on: dt.date, text: str, author: str | None = None) -> int:
        if not text.strip():
            raise InvalidInput("A progress update needs some text.")
        with self.hc.transaction():
            update_id = int(
                self.hc.execute(
                    "INSERT INTO action_updates (action_id, written_on, text, author, created_at) VALUES (?, ?, ?, ?, ?)",
                    (action_id, to_iso(written_on), text.strip(), author if author is not None else current_user(), now_timestamp()),
                ).lastrowid
            )
            self.hc.audit("Added a progress update to an action", str(action_id))
        return update_id
