"""Each cycle's findings: strengths and areas for improvement, with the questions and indicators they rest on, in
the order the PSW reports them; and the suggested findings the PSW has dismissed."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from ..domain.errors import InvalidInput
from ..domain.records import DeletedFinding, Finding, FindingKind
from ..domain.rules import check_finding
from .clock import now_timestamp

if TYPE_CHECKING:
    from .file import HealthCheckFile


class FindingStore:
    def __init__(self, hc: "HealthCheckFile"):
        self.hc = hc

    # ------------------------------------------------------------------ reading

    def for_cycle(self, cycle_id: int) -> list[Finding]:
        """A cycle's findings: strengths first, then areas for improvement, each in the PSW's order."""
        return self._read("f.cycle_id = ?", (cycle_id,))

    def by_ids(self, finding_ids: Sequence[int]) -> list[Finding]:
        """The findings with these ids, whatever their cycle (an action carried over answers last year's)."""
        if not finding_ids:
            return []
        return self._read(f"f.id IN ({','.join('?' * len(finding_ids))})", tuple(finding_ids))

    def get(self, finding_id: int) -> Finding:
        found = self.by_ids([finding_id])
        if not found:
            raise InvalidInput(f"Finding {finding_id} is not in this file.")
        return found[0]

    def _read(self, where: str, params: tuple) -> list[Finding]:
        evidence: dict[int, dict[str, list[str]]] = defaultdict(lambda: {"q": [], "i": []})
        for row in self.hc.rows(
            "SELECT e.finding_id, e.question_code, e.indicator_key FROM finding_evidence e "
            f"JOIN findings f ON f.id = e.finding_id WHERE {where} ORDER BY e.id",
            params,
        ):
            if row["question_code"]:
                evidence[row["finding_id"]]["q"].append(row["question_code"])
            else:
                evidence[row["finding_id"]]["i"].append(row["indicator_key"])
        # 'strength' sorts after 'improvement', so descending puts strengths first.
        return [
            Finding(
                id=r["id"],
                cycle_id=r["cycle_id"],
                kind=FindingKind(r["kind"]),
                text=r["text"],
                position=r["position"],
                question_codes=tuple(evidence[r["id"]]["q"]),
                indicator_keys=tuple(evidence[r["id"]]["i"]),
                suggestion_key=r["suggestion_key"],
            )
            for r in self.hc.rows(
                f"SELECT * FROM findings f WHERE {where} ORDER BY f.cycle_id, f.kind DESC, f.position, f.id", params
            )
        ]

    def action_ids(self, finding_id: int) -> tuple[int, ...]:
        return tuple(
            r["action_id"]
            for r in self.hc.rows(
                "SELECT action_id FROM action_findings WHERE finding_id = ? ORDER BY action_id", (finding_id,)
            )
        )

    # ------------------------------------------------------------------ changing

    def add(
        self,
        cycle_id: int,
        kind: FindingKind,
        text: str,
        question_codes: Sequence[str] = (),
        indicator_keys: Sequence[str] = (),
        suggestion_key: str | None = None,
    ) -> int:
        """Add a finding at the end of its kind's list (with `suggestion_key` when it was a suggestion accepted)."""
        check_finding(text)
        hc = self.hc
        with hc.transaction():
            position = hc.value("SELECT coalesce(max(position), -1) + 1 FROM findings WHERE cycle_id = ?", (cycle_id,))
            finding_id = int(
                hc.execute(
                    "INSERT INTO findings (cycle_id, kind, text, position, suggestion_key, created_at) "
                    "VALUES (?, ?, ?, ?, ?, ?)",
                    (cycle_id, str(kind), text.strip(), position, suggestion_key, now_timestamp()),
                ).lastrowid
            )
            self._write_evidence(finding_id, question_codes, indicator_keys)
            hc.audit("Added a finding", text.strip()[:80])
        return finding_id

    def update(
        self,
        finding_id: int,
        kind: FindingKind,
        text: str,
        question_codes: Sequence[str] = (),
        indicator_keys: Sequence[str] = (),
    ) -> None:
        """Change what a finding says, whether it is a strength, and what it rests on (its place is kept)."""
        check_finding(text)
        self.get(finding_id)
        hc = self.hc
        with hc.transaction():
            hc.execute("UPDATE findings SET kind = ?, text = ? WHERE id = ?", (str(kind), text.strip(), finding_id))
            hc.execute("DELETE FROM finding_evidence WHERE finding_id = ?", (finding_id,))
            self._write_evidence(finding_id, question_codes, indicator_keys)
            hc.audit("Changed a finding", text.strip()[:80])

    def delete(self, finding_id: int) -> DeletedFinding:
        """Delete a finding (actions that answered it stay, without the link); returns what undo needs."""
        deleted = DeletedFinding(self.get(finding_id), self.action_ids(finding_id))
        with self.hc.transaction():
            self.hc.execute("DELETE FROM findings WHERE id = ?", (finding_id,))
            self.hc.audit("Deleted a finding", deleted.finding.text[:80])
        return deleted

    def restore(self, deleted: DeletedFinding) -> None:
        """Put back a deleted finding exactly as it was, with its id, place, evidence and the actions' links to it
        (an action deleted since is left out)."""
        finding, hc = deleted.finding, self.hc
        with hc.transaction():
            hc.execute(
                "INSERT INTO findings (id, cycle_id, kind, text, position, suggestion_key, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    finding.id,
                    finding.cycle_id,
                    str(finding.kind),
                    finding.text,
                    finding.position,
                    finding.suggestion_key,
                    now_timestamp(),
                ),
            )
            self._write_evidence(finding.id, finding.question_codes, finding.indicator_keys)
            hc.executemany(
                "INSERT INTO action_findings (action_id, finding_id) SELECT id, ? FROM actions WHERE id = ?",
                [(finding.id, action_id) for action_id in deleted.action_ids],
            )
            hc.audit("Restored a finding", finding.text[:80])

    def move(self, finding_id: int, step: int) -> bool:
        """Move a finding up (step -1) or down (+1) among the findings of its kind; False when it is already at
        that end. Moving it back by -step undoes it."""
        finding = self.get(finding_id)
        ordered = self.for_cycle(finding.cycle_id)
        same_kind = [f.id for f in ordered if f.kind is finding.kind]
        index = same_kind.index(finding_id)
        target = index + step
        if step == 0 or not 0 <= target < len(same_kind):
            return False
        same_kind.insert(target, same_kind.pop(index))
        others = [f.id for f in ordered if f.kind is not finding.kind]
        order = same_kind + others if finding.kind is FindingKind.STRENGTH else others + same_kind
        with self.hc.transaction():
            self.hc.executemany(
                "UPDATE findings SET position = ? WHERE id = ?", [(position, fid) for position, fid in enumerate(order)]
            )
            self.hc.audit("Moved a finding", finding.text[:80])
        return True

    def set_positions(self, positions: Mapping[int, int], about: str = "") -> None:
        """Put findings back at these places (by id), as they were before a move, gaps in the order and all."""
        with self.hc.transaction():
            self.hc.executemany(
                "UPDATE findings SET position = ? WHERE id = ?",
                [(position, finding_id) for finding_id, position in positions.items()],
            )
            self.hc.audit("Moved a finding", about[:80])

    def _write_evidence(self, finding_id: int, question_codes: Sequence[str], indicator_keys: Sequence[str]) -> None:
        hc = self.hc
        hc.executemany(
            "INSERT INTO finding_evidence (finding_id, question_code) VALUES (?, ?)",
            [(finding_id, c) for c in dict.fromkeys(question_codes)],
        )
        hc.executemany(
            "INSERT INTO finding_evidence (finding_id, indicator_key) VALUES (?, ?)",
            [(finding_id, k) for k in dict.fromkeys(indicator_keys)],
        )

    # ------------------------------------------------------------------ suggestions the PSW dismissed

    def dismissed(self, cycle_id: int) -> set[str]:
        return {
            r["suggestion_key"]
            for r in self.hc.rows("SELECT suggestion_key FROM dismissed_suggestions WHERE cycle_id = ?", (cycle_id,))
        }

    def dismiss(self, cycle_id: int, suggestion_key: str, about: str = "") -> None:
        """A dismissed suggestion is not suggested again for this cycle (until it is brought back)."""
        with self.hc.transaction():
            self.hc.execute(
                "INSERT OR REPLACE INTO dismissed_suggestions (cycle_id, suggestion_key, dismissed_at) "
                "VALUES (?, ?, ?)",
                (cycle_id, suggestion_key, now_timestamp()),
            )
            self.hc.audit("Dismissed a suggested finding", (about or suggestion_key)[:80])

    def bring_back(self, cycle_id: int, suggestion_key: str, about: str = "") -> None:
        with self.hc.transaction():
            self.hc.execute(
                "DELETE FROM dismissed_suggestions WHERE cycle_id = ? AND suggestion_key = ?",
                (cycle_id, suggestion_key),
            )
            self.hc.audit("Brought back a suggested finding", (about or suggestion_key)[:80])
