"""A wizard page whose way forward its wizard opens and closes: Next looks enabled only when pressing it would go on."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget, QWizardPage


class GatedWizardPage(QWizardPage):
    """Qt enables Next from `isComplete`; a page that refuses in `validateCurrentPage` would otherwise offer a Next that
    does nothing. The wizard says when the page may be left with `set_ready`."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._ready = True

    def set_ready(self, ready: bool) -> None:
        if ready != self._ready:
            self._ready = ready
            self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self._ready and super().isComplete()
