"""How long work reports progress and learns it has been cancelled, without knowing who is watching."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


class Cancelled(Exception):
    """The user cancelled the work; whatever it was changing is left as it was."""


def _ignore(done: int, total: int, message: str) -> None:
    return None


def _never() -> bool:
    return False


@dataclass(frozen=True)
class Progress:
    """Passed into long core functions. The GUI gives callbacks wired to a progress dialog; the CLI and
    tests use the silent default."""

    report: Callable[[int, int, str], None] = _ignore
    is_cancelled: Callable[[], bool] = _never

    def step(self, done: int, total: int, message: str = "") -> None:
        """Report how far the work has got, and stop it (raising Cancelled) if the user asked."""
        self.report(done, total, message)
        if self.is_cancelled():
            raise Cancelled()


SILENT = Progress()
