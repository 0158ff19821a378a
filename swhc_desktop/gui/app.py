"""`swhc-desktop`: starts the app on a file, or on the demo health check when no file is given."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from .. import APP_NAME, __version__


def parse_arguments(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="swhc-desktop", description=f"{APP_NAME}: the Social Work Health Check.")
    parser.add_argument(
        "file", nargs="?", type=Path, help="a health-check file to open (the demo opens if none is given)"
    )
    parser.add_argument(
        "--self-test", action="store_true", help="run a headless end-to-end check and exit (0 = passed)"
    )
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    return parser.parse_args(argv)


def self_test() -> int:
    """Run the self-test, printing its report and writing it to the log folder too: a windowed program on
    Windows has no console to print to."""
    from ..app.selftest import run_self_test
    from ..paths import UserFolders
    from .self_check import ALL_CHECKS

    lines: list[str] = []

    def report(line: str) -> None:
        print(line)
        lines.append(line)

    result = run_self_test(ALL_CHECKS, print_line=report)
    folders = UserFolders.default()
    try:
        folders.logs.mkdir(parents=True, exist_ok=True)
        (folders.logs / "self-test.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    except OSError:
        pass  # the printed report and the exit code still say how it went
    return result


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_arguments(sys.argv[1:] if argv is None else argv)
    if args.self_test:
        return self_test()

    from PySide6.QtCore import QSettings, QTimer
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from ..logs import configure_logging
    from ..paths import UserFolders, resources_dir
    from .common.tasks import GarbageCollectedOnGuiThread
    from .crash import CrashHandler
    from .main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setOrganizationName("SWHC Desktop")
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setWindowIcon(QIcon(str(resources_dir() / "icons" / "swhc.png")))
    folders = UserFolders.default()
    log_file = configure_logging(folders)
    collector = GarbageCollectedOnGuiThread(app)  # a Qt object is never freed by the background thread
    window = MainWindow(QSettings(), folders)
    CrashHandler(log_file, parent=lambda: window).install()
    window.show_first_time()
    # The window is on screen and answering before the file is read, which takes a moment more.
    QTimer.singleShot(0, lambda: window.open_on_start(args.file))
    try:
        return app.exec()
    finally:
        collector.stop()


if __name__ == "__main__":
    sys.exit(main())
