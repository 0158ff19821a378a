"""The action plan: actions under the Standards for Employers, their links to findings and their progress updates."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import TYPE_CHECKING

from ..domain.cycle_order import earlier_than
from ..domain.errors import InvalidInput
from ..domain.records import Action, ActionDraft, ActionStatus, ActionUpdate, Cycle, Rag
from ..domain.rules import check_action, check_progress_update
from ..domain.ukdates import from_iso, to_iso
from .clock import current_user, now_timestamp

if TYPE_CHECKING:
    from .file import HealthCheckFile


def _completed_on(draft: ActionDraft, previous: Action | None) -> dt.date | None:
    """A completed action remembers when; reopening it forgets."""
    if draft.status is not ActionStatus.COMPLETE:
        return None
    if draft.completed_on is not None:
        return draft.completed_on
    if previous is not None and previous.completed_on is not None:
        return previous.completed_on
    return dt.date.today()


class ActionStore:
    def __init__(self, hc: "HealthCheckFile"):
        self.hc = hc

    # ------------------------------------------------------------------ reading

    def all(self) -> list[Action]:
        """Every action in the file, in the order of the Standards, then as added."""
        return self._read("", ())

    def for_cycle(self, cycle_id: int) -> list[Action]:
        """The actions raised in a cycle, in the order of the Standards, then as added."""
        return self._read("WHERE a.raised_in_cycle_id = ?", (cycle_id,))

    def get(self, action_id: int) -> Action:
        found = self._read("WHERE a.id = ?", (action_id,))
        if not found:
            raise InvalidInput(f"Action {action_id} is not in this file.")
        return found[0]

    def _read(self, where: str, params: tuple) -> list[Action]:
        hc = self.hc
        findings: dict[int, list[int]] = defaultdict(list)
        for row in hc.rows("SELECT action_id, finding_id FROM action_findings ORDER BY finding_id"):
            findings[row["action_id"]].append(row["finding_id"])
        codes: dict[int, list[str]] = defaultdict(list)
        for row in hc.rows("SELECT action_id, question_code FROM action_questions ORDER BY question_code"):
            codes[row["action_id"]].append(row["question_code"])
        updates: dict[int, list[ActionUpdate]] = defaultdict(list)
        for row in hc.rows("SELECT * FROM action_updates ORDER BY written_on, id"):
            updates[row["action_id"]].append(
                ActionUpdate(
                    id=row["id"], written_on=from_iso(row["written_on"]), text=row["text"], author=row["author"]
                )
            )
        return [
            Action(
                id=r["id"],
                raised_in_cycle_id=r["raised_in_cycle_id"],
                standard=r["standard"],
                title=r["title"],
                description=r["description"],
                owner=r["owner"],
                due_on=from_iso(r["due_on"]),
                status=ActionStatus(r["status"]),
                dropped_reason=r["dropped_reason"],
                rag=Rag(r["rag"]) if r["rag"] else None,
                completed_on=from_iso(r["completed_on"]),
                finding_ids=tuple(findings[r["id"]]),
                question_codes=tuple(codes[r["id"]]),
                updates=tuple(updates[r["id"]]),
            )
            for r in hc.rows(f"SELECT * FROM actions a {where} ORDER BY a.standard, a.id", params)
        ]

    def plan_for(self, cycle: Cycle, cycles: list[Cycle]) -> list[Action]:
        """The plan a cycle's management team sees: the actions raised in it, and those raised in earlier cycles
        that were still open when it began (an action carries over until it is complete or dropped)."""
        earlier = {c.id for c in earlier_than(cycles, cycle)}
        starts = cycle.opens_on
        plan = []
        for action in self.all():
            if action.raised_in_cycle_id == cycle.id:
                plan.append(action)
            elif action.raised_in_cycle_id in earlier:
                finished_on = action.completed_on
                if action.is_open() or (starts is not None and finished_on is not None and finished_on >= starts):
                    plan.append(action)
        return sorted(plan, key=lambda a: (a.standard, a.id))

    def owners(self) -> list[str]:
        return [r["owner"] for r in self.hc.rows("SELECT DISTINCT owner FROM actions WHERE owner != '' ORDER BY owner")]

    # ------------------------------------------------------------------ changing

    def add(self, cycle_id: int, draft: ActionDraft) -> int:
        check_action(draft)
        hc = self.hc
        with hc.transaction():
            action_id = int(
                hc.execute(
                    "INSERT INTO actions (raised_in_cycle_id, standard, title, description, owner, due_on, status, "
                    "dropped_reason, rag, completed_on, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (cycle_id, *self._values(draft, None), now_timestamp()),
                ).lastrowid
            )
            self._write_links(action_id, draft)
            hc.audit("Added an action", draft.title.strip()[:80])
        return action_id

    def update(self, action_id: int, draft: ActionDraft) -> None:
        check_action(draft)
        previous = self.get(action_id)
        hc = self.hc
        with hc.transaction():
            hc.execute(
                "UPDATE actions SET standard = ?, title = ?, description = ?, owner = ?, due_on = ?, status = ?, "
                "dropped_reason = ?, rag = ?, completed_on = ? WHERE id = ?",
                (*self._values(draft, previous), action_id),
            )
            hc.execute("DELETE FROM action_findings WHERE action_id = ?", (action_id,))
            hc.execute("DELETE FROM action_questions WHERE action_id = ?", (action_id,))
            self._write_links(action_id, draft)
            hc.audit("Changed an action", draft.title.strip()[:80])

    def delete(self, action_id: int) -> Action:
        """Delete an action with its links and progress log; returns it as it was, so it can be restored."""
        action = self.get(action_id)
        with self.hc.transaction():
            self.hc.execute("DELETE FROM actions WHERE id = ?", (action_id,))
            self.hc.audit("Deleted an action", action.title[:80])
        return action

    def restore(self, action: Action) -> None:
        """Put back a deleted action exactly as it was, with the same id (to undo a delete)."""
        hc = self.hc
        with hc.transaction():
            hc.execute(
                "INSERT INTO actions (id, raised_in_cycle_id, standard, title, description, owner, due_on, status, "
                "dropped_reason, rag, completed_on, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (action.id, action.raised_in_cycle_id, *self._values(action.draft, action), now_timestamp()),
            )
            self._write_links(action.id, action.draft)
            for update in action.updates:
                hc.execute(
                    "INSERT INTO action_updates (id, action_id, written_on, text, author, created_at) "
                    "VALUES (?, ?, ?, ?, ?, ?)",
                    (update.id, action.id, to_iso(update.written_on), update.text, update.author, now_timestamp()),
                )
            hc.audit("Restored an action", action.title[:80])

    def add_update(
        self, action_id: int, written_on: dt.date, text: str, author: str | None = None, update_id: int | None = None
    ) -> int:
        """Add a dated progress note (with `update_id`, put a removed note back as it was)."""
        check_progress_update(text)
        with self.hc.transaction():
            new_id = int(
                self.hc.execute(
                    "INSERT INTO action_updates (id, action_id, written_on, text, author, created_at) "
                    "VALUES (?, ?, ?, ?, ?, ?)",
                    (
                        update_id,
                        action_id,
                        to_iso(written_on),
                        text.strip(),
                        author if author is not None else current_user(),
                        now_timestamp(),
                    ),
                ).lastrowid
            )
            self.hc.audit("Added a progress update to an action", str(action_id))
        return new_id

    def change_update(self, update_id: int, written_on: dt.date, text: str) -> None:
        """Put right a progress note's date or words (who wrote it stays as it was)."""
        check_progress_update(text)
        with self.hc.transaction():
            changed = self.hc.execute(
                "UPDATE action_updates SET written_on = ?, text = ? WHERE id = ?",
                (to_iso(written_on), text.strip(), update_id),
            ).rowcount
            if not changed:
                raise InvalidInput("That progress update is no longer in the file.")
            self.hc.audit("Changed a progress update of an action", str(update_id))

    def remove_update(self, update_id: int) -> None:
        with self.hc.transaction():
            self.hc.execute("DELETE FROM action_updates WHERE id = ?", (update_id,))
            self.hc.audit("Removed a progress update from an action", str(update_id))

    def _values(self, draft: ActionDraft, previous: Action | None) -> tuple:
        return (
            draft.standard,
            draft.title.strip(),
            draft.description.strip(),
            draft.owner.strip(),
            to_iso(draft.due_on),
            str(draft.status),
            draft.dropped_reason.strip() if draft.status is ActionStatus.DROPPED else "",
            str(draft.rag) if draft.rag else None,
            to_iso(_completed_on(draft, previous)),
        )

    def _write_links(self, action_id: int, draft: ActionDraft) -> None:
        self.hc.executemany(
            "INSERT INTO action_findings (action_id, finding_id) VALUES (?, ?)",
            [(action_id, f) for f in sorted(set(draft.finding_ids))],
        )
        self.hc.executemany(
            "INSERT INTO action_questions (action_id, question_code) VALUES (?, ?)",
            [(action_id, c) for c in sorted(set(draft.question_codes))],
        )
