"""Figures the PSW enters for a cycle (the employer return's answers, the workforce figures) changed as one step the
PSW can undo: undoing it puts back each figure exactly as it was stored, or takes it away if there was none."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..domain.records import FigureValue
    from ..storage import HealthCheckFile


@dataclass(frozen=True)
class PutFigures:
    cycle_id: int
    prefix: str  # the namespace the figures belong to, such as 'return:'
    figures: tuple[tuple[str, "FigureValue | None"], ...]  # (key without the prefix, value); None removes one
    audit: str  # what the audit log says was changed
    description: str

    def apply(self, hc: "HealthCheckFile") -> "PutFigures":
        stored = hc.figures.get(self.cycle_id, self.prefix)
        before = tuple((key, stored.get(key)) for key, _ in self.figures)
        hc.figures.set(self.cycle_id, self.prefix, dict(self.figures), self.audit)
        return PutFigures(self.cycle_id, self.prefix, before, self.audit, self.description)
