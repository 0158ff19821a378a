"""What the PSW chooses for a cycle's findings report: the purpose and background in their own words, how the results
are arranged, the sections left out, and the comments to quote. Kept among the cycle's texts, so they go with it."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from ..domain.records import BY_SECTION, BY_STANDARD, ReportChoices

if TYPE_CHECKING:
    from .file import HealthCheckFile

PURPOSE_KEY = "report_purpose"
BACKGROUND_KEY = "report_background"
LAYOUT_KEY = "report_layout"
COMMENTS_KEY = "report_comments"


class ReportChoiceStore:
    def __init__(self, hc: HealthCheckFile):
        self.hc = hc

    def get(self, cycle_id: int) -> ReportChoices:
        texts = {
            row["key"]: row["text"]
            for row in self.hc.rows(
                "SELECT key, text FROM cycle_texts WHERE cycle_id = ? AND key IN (?, ?, ?, ?)",
                (cycle_id, PURPOSE_KEY, BACKGROUND_KEY, LAYOUT_KEY, COMMENTS_KEY),
            )
        }
        layout = _json(texts.get(LAYOUT_KEY), {})
        layout = layout if isinstance(layout, dict) else {}
        comments = _json(texts.get(COMMENTS_KEY), [])
        arrangement = layout.get("arrangement")
        return ReportChoices(
            purpose=texts.get(PURPOSE_KEY),
            background=texts.get(BACKGROUND_KEY),
            arrangement=arrangement if arrangement in (BY_STANDARD, BY_SECTION) else BY_STANDARD,
            left_out=frozenset(str(k) for k in layout.get("left_out", []) if isinstance(k, str)),
            comments=tuple((int(r), int(q)) for r, q in _pairs(comments)),
        )

    def save(self, cycle_id: int, choices: ReportChoices) -> None:
        """Store the choices as one change (a text of None goes back to the standard wording)."""
        values = {
            PURPOSE_KEY: choices.purpose,
            BACKGROUND_KEY: choices.background,
            LAYOUT_KEY: json.dumps({"arrangement": choices.arrangement, "left_out": sorted(choices.left_out)}),
            COMMENTS_KEY: json.dumps([list(pair) for pair in choices.comments]),
        }
        with self.hc.transaction():
            for key, text in values.items():
                self.hc.questionnaire_edits.set_cycle_text(cycle_id, key, text)
            self.hc.audit("Changed the findings report's choices", f"cycle {cycle_id}")


def _json(text: str | None, default: object) -> object:
    if text is None:
        return default
    try:
        return json.loads(text)
    except ValueError:
        return default


def _pairs(value: object) -> list[tuple[int, int]]:
    """Comment keys as stored, skipping anything a hand edit may have broken."""
    if not isinstance(value, list):
        return []
    return [
        (item[0], item[1])
        for item in value
        if isinstance(item, list) and len(item) == 2 and all(isinstance(v, int) for v in item)
    ]
