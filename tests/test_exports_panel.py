"""The Reports page's exports, driven as a PSW would: choose a format, export, see where it went; cancel a long one."""

from __future__ import annotations

import csv

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton

from swhc_desktop.gui.reports.page import ReportsPage


@pytest.fixture
def page(hc, make_page):
    page = make_page(ReportsPage, parent=make_page.window)
    make_page.window.resize(1200, 700)
    make_page.window.show()
    page.show_cycle(hc, hc.cycles.by_name("2025"))
    page.reportsTabs.setCurrentWidget(page.exports_panel)
    return page


def test_the_responses_are_exported_in_the_format_chosen(page, qtbot, tmp_path, monkeypatch):
    panel = page.exports_panel
    asked = []
    monkeypatch.setattr(page.output_files, "choose_file", lambda *args: asked.append(args) or tmp_path / "responses")
    combo = panel.format_combos["responses"]
    combo.setCurrentIndex(combo.findData("csv"))
    qtbot.mouseClick(panel.buttons["responses"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Saved" in page.savedLabel.text(), timeout=20000)
    assert asked[0][1] == "Anonymised responses 2025.csv"
    with (tmp_path / "responses.csv").open(encoding="utf-8-sig") as handle:
        assert len(list(csv.reader(handle))) == 204
    assert "responses.csv" in page.savedLabel.text()
    # What was left out to keep people anonymous is said under where it went.
    assert "Team is &#x27;Not shown&#x27; in 12 rows" in page.savedLabel.text()
    assert "shared by at least 5 people" in page.savedLabel.text()


def test_the_tables_export_has_one_format(page, qtbot, tmp_path, monkeypatch):
    panel = page.exports_panel
    assert not panel.format_combos["tables"].isEnabled()
    monkeypatch.setattr(page.output_files, "choose_file", lambda *args: tmp_path / "tables.xlsx")
    qtbot.mouseClick(panel.buttons["tables"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: (tmp_path / "tables.xlsx").exists(), timeout=20000)


def test_cancelling_the_charts_leaves_no_folder(page, qtbot, tmp_path, monkeypatch):
    panel = page.exports_panel
    (tmp_path / "out").mkdir()
    monkeypatch.setattr(page.output_files, "choose_folder", lambda *args: tmp_path / "out" / "Charts 2025")
    qtbot.mouseClick(panel.buttons["charts"], Qt.MouseButton.LeftButton)

    def progress_dialog():
        return next(
            (
                w
                for w in QApplication.topLevelWidgets()
                if isinstance(w, QProgressDialog) and w.objectName() == "taskProgress" and w.isVisible()
            ),
            None,
        )

    qtbot.waitUntil(lambda: progress_dialog() is not None, timeout=20000)
    cancel = next(b for b in progress_dialog().findChildren(QPushButton) if b.text() == "Cancel")
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Cancelled" in page.savedLabel.text(), timeout=20000)
    assert list((tmp_path / "out").iterdir()) == []


def test_nothing_to_export_without_responses(tmp_path, open_files, make_page):
    hc = open_files.create(tmp_path / "new.swhc", "Anytown Borough Council")
    hc.cycles.add("2026")
    page = make_page(ReportsPage, parent=make_page.window)
    page.show_cycle(hc, hc.cycles.by_name("2026"))
    assert not any(b.isEnabled() for b in page.exports_panel.buttons.values())
    assert "no responses yet" in page.exports_panel.exportsIntroLabel.text()
