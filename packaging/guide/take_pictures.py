"""Takes the user guide's pictures of the screens: the demo opened at 1366x768, each page grabbed and scaled to 900 px.

    xvfb-run -s "-screen 0 1366x768x24" .venv/bin/python packaging/guide/take_pictures.py resources/guide/images

Also used to look at the app's pages as a new user sees them (pass --all to keep every tab at full size too).
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QSettings, Qt
from PySide6.QtWidgets import QApplication

WIDTH = 900


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("folder", type=Path)
    parser.add_argument("--file", type=Path, help="a health-check file to show instead of the demo")
    parser.add_argument("--full", action="store_true", help="keep the pictures at full size")
    args = parser.parse_args(argv)
    scratch = Path(tempfile.mkdtemp())
    os.environ["SWHC_HOME"] = str(scratch / "home")

    from swhc_desktop.app.demo import ensure_demo
    from swhc_desktop.gui.main_window import MainWindow
    from swhc_desktop.paths import UserFolders

    app = QApplication.instance() or QApplication(sys.argv[:1])
    folders = UserFolders.default()
    settings = QSettings(str(scratch / "settings.ini"), QSettings.Format.IniFormat)
    settings.setValue("welcome/demoBannerDismissed", True)
    window = MainWindow(settings, folders)
    window.setGeometry(0, 0, 1366, 728)  # a laptop's screen less the taskbar
    window.show()
    path = args.file or ensure_demo(folders)
    window.open_path(path)
    args.folder.mkdir(parents=True, exist_ok=True)

    def settle() -> None:
        """Let the page finish its work and draw it, as the app's event loop would (which also deletes the widgets
        a page replaced: processEvents alone leaves them on screen)."""
        idle_rounds = 0
        for _ in range(20):  # until two rounds find no work left: finished work may start more (the dashboard's)
            for _ in range(30):
                app.processEvents()
            QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
            window.tasks.wait(60000)
            idle_rounds = idle_rounds + 1 if not window.tasks.busy else 0
            if idle_rounds == 2:
                break

    def grab(name: str) -> None:
        settle()
        window.statusBar.clearMessage()  # not the temporary folder the demo was built in
        picture = window.grab()
        path = args.folder / f"{name}.png"
        if args.full:
            picture.save(str(path), "PNG")
            return
        save_small(picture.scaledToWidth(WIDTH, Qt.TransformationMode.SmoothTransformation), path)

    pages = ["questionnaire", "responses", "findings", "action-plan", "reports"]
    for row, name in enumerate(pages):
        window.pageList.setCurrentRow(row)
        grab(name)
    findings = window.findings_page
    for tab, name in (
        (findings.explorerTab, "findings-explorer"),
        (findings.keyFindingsTab, "findings-key-findings"),
        (findings.commentsTab, "findings-comments"),
    ):
        window.pageList.setCurrentRow(2)
        findings.findingsTabs.setCurrentWidget(tab)
        grab(name)
    window.pageList.setCurrentRow(4)
    reports = window.page("Reports")
    for index, name in ((1, "reports-employer-return"), (2, "reports-exports")):
        reports.reportsTabs.setCurrentIndex(index)
        grab(name)
    window._close_file()
    return 0


def save_small(picture, path: Path) -> None:
    """A picture for the guide, kept small: 256 colours (a screen's flat colours and text lose nothing you can see),
    compressed as far as PNG goes."""
    from PIL import Image  # matplotlib's own dependency, so always installed with the app
    from PySide6.QtCore import QBuffer, QIODevice

    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    picture.save(buffer, "PNG")
    image = Image.open(io.BytesIO(bytes(buffer.data()))).convert("RGB")
    image.quantize(colors=256, method=Image.Quantize.MEDIANCUT).save(path, optimize=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
