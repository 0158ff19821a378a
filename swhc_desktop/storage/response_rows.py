"""Every answer of a cycle's responses, one row an answer, for exporting the responses without anyone's identity:
nothing here reads the names, emails or addresses kept for some batches, nor response ids or dates."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .file import HealthCheckFile


class ResponseRows:
    def __init__(self, hc: HealthCheckFile):
        self.hc = hc

    def response_numbers(self, cycle_id: int) -> list[int]:
        """The cycle's responses (their internal numbers, which are never exported), in the order they were added."""
        return [
            row[0] for row in self.hc.tuples("SELECT id FROM responses WHERE cycle_id = ? ORDER BY id", (cycle_id,))
        ]

    def answers(self, cycle_id: int) -> list[tuple[int, int, int | None, float | None, str | None]]:
        """(response, question id, option id, number, text) for every answer of the cycle, response by response."""
        return self.hc.tuples(
            "SELECT a.response_id, a.question_id, a.option_id, a.number_value, a.text_value FROM answers a "
            "JOIN responses r ON r.id = a.response_id WHERE r.cycle_id = ? "
            "ORDER BY a.response_id, a.question_id, a.tick",
            (cycle_id,),
        )
