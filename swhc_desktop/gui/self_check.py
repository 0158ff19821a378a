"""The self-test's GUI check: the main window builds from its forms offscreen and shows a file."""

from __future__ import annotations

import os
from pathlib import Path

from ..app.selftest import CORE_CHECKS, SELF_TEST_FILE, Check
from ..paths import UserFolders


def main_window_check(root: Path) -> str:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from .main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    settings = QSettings(str(root / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings, UserFolders.under(root))
    opened = window.open_path(root / SELF_TEST_FILE)
    shown = window.cycleCombo.count()
    window.close()
    app.processEvents()
    if not opened or shown != 1:
        raise AssertionError("the main window did not show the file's cycle")
    return "the main window loads its forms and shows the file"


ALL_CHECKS: tuple[Check, ...] = CORE_CHECKS + (("main window", main_window_check),)
