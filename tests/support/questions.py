"""Answers the app's real question boxes as a user would, with the keyboard: the box is found when it opens, what it
asks is noted, and the key pressed is the one a user presses (a button's mnemonic, Enter or Escape)."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox


class QuestionAnswerer:
    """`answers.then("&Discard")` queues an answer; each question box that opens gets the next one. `asked` holds what
    each box asked, in order; `buttons` the buttons each offered."""

    def __init__(self, qtbot):
        self.qtbot = qtbot
        self.queued: list[str] = []
        self.asked: list[str] = []
        self.buttons: list[list[str]] = []
        self.timer = QTimer()
        self.timer.setInterval(10)
        self.timer.timeout.connect(self._answer_any_box)
        self.timer.start()

    def then(self, *keys: str) -> QuestionAnswerer:
        """Keys to answer the next boxes with: 'Return', 'Escape' or a mnemonic letter such as 'Alt+D'."""
        self.queued.extend(keys)
        return self

    def _answer_any_box(self) -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox) or not box.isVisible() or getattr(box, "_answered", False):
            return
        if not box.isActiveWindow():  # a button's Alt+letter works in the active window only, as for a user
            box.activateWindow()
            return
        box._answered = True  # type: ignore[attr-defined]
        self.asked.append(box.text())
        self.buttons.append([b.text() for b in box.buttons()])
        key = self.queued.pop(0) if self.queued else "Escape"
        if key.startswith("Alt+"):
            self.qtbot.keyClick(box, key[-1].lower(), Qt.KeyboardModifier.AltModifier)
        else:
            self.qtbot.keyClick(box, getattr(Qt.Key, f"Key_{key}"))

    def stop(self) -> None:
        self.timer.stop()
