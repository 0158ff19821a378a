"""The recently opened health-check files, remembered in the app's settings."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

MAX_RECENT = 8
_KEY = "recentFiles"


class RecentFiles:
    def __init__(self, settings: QSettings):
        self.settings = settings

    def paths(self) -> list[Path]:
        stored = self.settings.value(_KEY, [])
        if isinstance(stored, str):  # QSettings hands back a one-item list as a plain string
            stored = [stored]
        return [Path(p) for p in stored or []]

    def _save(self, paths: list[Path]) -> None:
        self.settings.setValue(_KEY, [str(p) for p in paths[:MAX_RECENT]])

    def add(self, path: Path) -> None:
        path = Path(path).resolve()
        self._save([path] + [p for p in self.paths() if p != path])

    def remove(self, path: Path) -> None:
        self._save([p for p in self.paths() if p != Path(path)])

    def clear(self) -> None:
        self._save([])
