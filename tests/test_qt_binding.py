"""Guards the Qt binding itself: PySide6 6.12.0 released a reference to None on every void call under Python 3.11,
which crashes a long session ('deallocating None'). This fails if an installed PySide6 does that again."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLabel


def test_void_calls_do_not_release_none(qtbot):
    label = QLabel()
    qtbot.addWidget(label)
    label.setText("warm up")
    before = sys.getrefcount(None)
    for _ in range(2000):
        label.setText("x")
        label.setEnabled(True)
    assert sys.getrefcount(None) - before > -100
