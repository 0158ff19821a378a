"""Per-file settings kept as JSON under a key: headline indicators and their thresholds, number bands, and the like."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .file import HealthCheckFile


class SettingsStore:
    def __init__(self, hc: HealthCheckFile):
        self.hc = hc

    def get(self, key: str, default: Any = None) -> Any:
        """The stored value, or `default` when there is none or what is stored is not readable JSON."""
        text = self.hc.value("SELECT value FROM settings WHERE key = ?", (key,))
        if text is None:
            return default
        try:
            return json.loads(text)
        except ValueError:
            return default

    def set(self, key: str, value: Any, description: str = "") -> None:
        """Store a value (anything JSON can hold), noting the change in the audit log."""
        text = json.dumps(value, ensure_ascii=False, sort_keys=True)
        with self.hc.transaction():
            self.hc.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (key, text),
            )
            self.hc.audit("Changed a setting", description or key)

    def remove(self, key: str, description: str = "") -> None:
        """Forget a stored value, so the default applies again."""
        with self.hc.transaction():
            self.hc.execute("DELETE FROM settings WHERE key = ?", (key,))
            self.hc.audit("Reset a setting", description or key)
