"""Each cycle's findings: strengths and areas for improvement, with the questions and indicators they rest on."""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Sequence

from ..errors import InvalidInput
from ..records import Finding, FindingKind
from .file import now_timestamp

if TYPE_CHECKING:
    from .file import HealthCheckFile


class FindingStore:
    def __init__(self, hc: "HealthCheckFile"):
        self.hc = hc

    def list(self, cycle_id: int) -> list[Finding]:
        evidence: dict[int, dict[str, list[str]]] = defaultdict(lambda: {"q": [], "i": []})
        for row in self.hc.rows(
            "SELECT e.finding_id, e.question_code, e.indicator_key FROM finding_evidence e "
            "JOIN findings f ON f.id = e.finding_id WHERE f.cycle_id = ? ORDER BY e.id",
            (cycle_id,),
        ):
            if row["question_code"]:
                evidence[row["finding_id"]]["q"].append(row["question_code"])
            else:
                evidence[row["finding_id"]]["i"].append(row["indicator_key"])
        return [
            Finding(
                id=r["id"], cycle_id=r["cycle_id"], kind=FindingKind(r["kind"]), text=r["text"], position=r["position"],
                question_codes=tuple(evidence[r["id"]]["q"]), indicator_keys=tuple(evidence[r["id"]]["i"]),
                suggestion_key=r["suggestion_key"],
            )
            for r in self.hc.rows("SELECT * FROM findings WHERE cycle_id = ? ORDER BY kind DESC, position, id", (cycle_id,))
        ]

    def add(
        self,
        cycle_id: int,
        kind: FindingKind,
        text: str,
        question_codes: Sequence[str] = (),
        indicator_keys: Sequence[str] = (),
        suggestion_key: str | None = None,
    ) -> int:
        if not text.strip():
            raise InvalidInput("A finding needs a sentence saying what was found.")
        hc = self.hc
        with hc.transaction():
            position = hc.value("SELECT coalesce(max(position), -1) + 1 FROM findings WHERE cycle_id = ?", (cycle_id,))
            finding_id = int(
                hc.execute(
                    "INSERT INTO findings (cycle_id, kind, text, position, suggestion_key, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                    (cycle_id, str(kind), text.strip(), position, suggestion_key, now_timestamp()),
                ).lastrowid
            )
            hc.executemany(
                "INSERT INTO finding_evidence (finding_id, question_code) VALUES (?, ?)", [(finding_id, c) for c in question_codes]
            )
            hc.executemany(
                "INSERT INTO finding_evidence (finding_id, indicator_key) VALUES (?, ?)", [(finding_id, k) for k in indicator_keys]
            )
            hc.audit("Added a finding", text.strip()[:80])
        return finding_id
