"""What the PSW chooses for a cycle's findings report (its purpose and background, how the results are arranged,
the sections left out, the comments quoted), changed as one step the PSW can undo."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..domain.records import ReportChoices
from ..storage.report_choice_store import BACKGROUND_KEY, COMMENTS_KEY, LAYOUT_KEY, PURPOSE_KEY

if TYPE_CHECKING:
    from ..storage import HealthCheckFile

_KEYS = (PURPOSE_KEY, BACKGROUND_KEY, LAYOUT_KEY, COMMENTS_KEY)  # the cycle's texts the choices are kept in


@dataclass(frozen=True)
class ChangeReportChoices:
    cycle_id: int
    choices: ReportChoices
    description: str = "change the report's choices"

    def apply(self, hc: "HealthCheckFile") -> "PutBackReportChoices":
        before = _stored(hc, self.cycle_id)
        hc.report_choices.save(self.cycle_id, self.choices)
        return PutBackReportChoices(self.cycle_id, before, self.description)


@dataclass(frozen=True)
class PutBackReportChoices:
    """The choices put back as they were stored (a text of None: none stored, so the standard applies), so that
    undoing a change leaves the file exactly as it was."""

    cycle_id: int
    texts: tuple[tuple[str, str | None], ...]  # (the cycle text's key, what it held)
    description: str = "change the report's choices"

    def apply(self, hc: "HealthCheckFile") -> "PutBackReportChoices":
        before = _stored(hc, self.cycle_id)
        for key, text in self.texts:
            hc.questionnaire_edits.set_cycle_text(self.cycle_id, key, text)
        hc.audit("Changed the findings report's choices", f"cycle {self.cycle_id}")
        return PutBackReportChoices(self.cycle_id, before, self.description)


def _stored(hc: "HealthCheckFile", cycle_id: int) -> tuple[tuple[str, str | None], ...]:
    return tuple((key, hc.cycles.text(cycle_id, key)) for key in _KEYS)
