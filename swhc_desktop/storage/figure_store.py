"""Figures the PSW enters for a cycle rather than collects from staff: the workforce figures and the employer return."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from ..domain.records import FigureValue

if TYPE_CHECKING:
    from .file import HealthCheckFile


class FigureStore:
    """cycle_figures, one row a key. Keys are namespaced by what they belong to ('return:posts_fte',
    'workforce:turnover_percent'), so the employer return and the workforce figures share the table safely."""

    def __init__(self, hc: "HealthCheckFile"):
        self.hc = hc

    def get(self, cycle_id: int, prefix: str = "") -> dict[str, FigureValue]:
        """The cycle's figures whose keys start with `prefix`, keyed without it."""
        rows = self.hc.tuples(
            "SELECT key, number_value, text_value FROM cycle_figures WHERE cycle_id = ? AND substr(key, 1, ?) = ? "
            "ORDER BY key",
            (cycle_id, len(prefix), prefix),
        )
        return {key[len(prefix) :]: FigureValue(number, text) for key, number, text in rows}

    def across_cycles(self, prefix: str) -> dict[int, dict[str, FigureValue]]:
        """Every cycle's figures under `prefix` (keyed by cycle id, then by key without the prefix), for trends."""
        found: dict[int, dict[str, FigureValue]] = {}
        for cycle_id, key, number, text in self.hc.tuples(
            "SELECT cycle_id, key, number_value, text_value FROM cycle_figures WHERE substr(key, 1, ?) = ?",
            (len(prefix), prefix),
        ):
            found.setdefault(cycle_id, {})[key[len(prefix) :]] = FigureValue(number, text)
        return found

    def set(self, cycle_id: int, prefix: str, changes: Mapping[str, FigureValue | None], description: str) -> None:
        """Store several figures as one change (None or an empty figure removes one), noted in the audit log."""
        if not changes:
            return
        with self.hc.transaction():
            for key, figure in changes.items():
                if figure is None or figure.is_empty:
                    self.hc.execute(
                        "DELETE FROM cycle_figures WHERE cycle_id = ? AND key = ?", (cycle_id, prefix + key)
                    )
                else:
                    self.hc.execute(
                        "INSERT INTO cycle_figures (cycle_id, key, number_value, text_value) VALUES (?, ?, ?, ?) "
                        "ON CONFLICT (cycle_id, key) DO UPDATE SET number_value = excluded.number_value, "
                        "text_value = excluded.text_value",
                        (cycle_id, prefix + key, figure.number, figure.text),
                    )
            self.hc.audit(description, ", ".join(sorted(changes))[:200])
