"""Two copies of the app on one file, each in a process of its own, through the window's own File > Open: the second
is told the file is in use and changes nothing; every edit the first makes is saved; a copy that is killed while it
has the file open does not keep it locked."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import textwrap

import pytest

from swhc_desktop.app.checks import check_file
from swhc_desktop.gui import main_window as main_window_module
from swhc_desktop.gui.main_window import MainWindow
from swhc_desktop.questionnaires.cycles import start_cycle
from swhc_desktop.storage import HealthCheckFile

from .support.files import sha256
from .support.pages import add_main_window

# A second copy of the app: its main window, opening the file as File > Open does; what it was told is printed.
SECOND_WINDOW = textwrap.dedent(
    """
    import json, sys
    from pathlib import Path
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication
    from swhc_desktop.gui import main_window
    from swhc_desktop.paths import UserFolders

    app = QApplication([])
    told = []
    main_window.show_problem = lambda parent, error: told.append({"title": error.title, "message": str(error)})
    window = main_window.MainWindow(QSettings(sys.argv[2], QSettings.Format.IniFormat), UserFolders.default())
    opened = window.open_path(Path(sys.argv[1]))
    cycles = [c.name for c in window.hc.cycles.all()] if window.hc else []
    window._close_file()
    print(json.dumps({"opened": opened, "told": told, "cycles": cycles}))
    """
)

# A first copy in another process: it opens the file, changes it, says so, and keeps it open until told to go on.
FIRST_COPY = textwrap.dedent(
    """
    import sys
    from swhc_desktop.questionnaires.cycles import start_cycle
    from swhc_desktop.paths import UserFolders
    from swhc_desktop.storage import HealthCheckFile

    with HealthCheckFile.open(sys.argv[1], folders=UserFolders.default()) as hc:
        start_cycle(hc, "2026", copy_from="2025")
        print("holding", flush=True)
        if sys.stdin.readline().strip() == "go on":
            start_cycle(hc, "2027", copy_from="2026")
    print("closed", flush=True)
    """
)


def second_window(path, tmp_path) -> dict:
    result = subprocess.run(
        [sys.executable, "-c", SECOND_WINDOW, str(path), str(tmp_path / "second.ini")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.fixture
def window(qtbot, settings, folders, monkeypatch):
    told: list[str] = []
    monkeypatch.setattr(main_window_module, "show_problem", lambda parent, error: told.append(str(error)))
    window = MainWindow(settings, folders)
    window.told = told
    add_main_window(qtbot, window)
    yield window
    window._close_file()


def test_a_second_window_is_told_the_file_is_in_use_and_no_edit_of_the_first_is_lost(window, demo_path, tmp_path):
    assert window.open_path(demo_path)
    start_cycle(window.hc, "2026", copy_from="2025")
    window.refresh()

    second = second_window(demo_path, tmp_path)
    assert second["opened"] is False and second["cycles"] == []
    assert [t["title"] for t in second["told"]] == ["The file is in use"]
    assert "is open in another copy of SWHC Desktop" in second["told"][0]["message"]
    assert "Close it there, then try again." in second["told"][0]["message"]

    start_cycle(window.hc, "2027", copy_from="2026")  # the first copy carries on, unaffected
    window.refresh()
    assert window.cycleCombo.count() == 5
    window.close()

    again = second_window(demo_path, tmp_path)
    assert again["opened"] is True and again["told"] == []
    assert again["cycles"] == ["2023", "2024", "2025", "2026", "2027"]


def test_the_window_is_told_when_another_process_has_the_file_and_opens_it_once_released(window, demo_path, folders):
    first = subprocess.Popen(
        [sys.executable, "-c", FIRST_COPY, str(demo_path)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert first.stdout.readline().strip() == "holding"
        assert not window.open_path(demo_path)
        assert window.hc is None
        assert "is open in another copy of SWHC Desktop" in window.told[0]
        first.stdin.write("go on\n")
        first.stdin.flush()
        assert first.stdout.readline().strip() == "closed"
    finally:
        first.communicate(timeout=60)
    assert first.returncode == 0
    assert window.open_path(demo_path)
    assert [c.name for c in window.hc.cycles.all()] == ["2023", "2024", "2025", "2026", "2027"]


def test_a_copy_killed_with_the_file_open_leaves_it_whole_and_free(window, demo_path, folders, capsys):
    first = subprocess.Popen(
        [sys.executable, "-c", FIRST_COPY, str(demo_path)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    assert first.stdout.readline().strip() == "holding"
    first.send_signal(signal.SIGKILL)
    first.communicate(timeout=60)
    before = sha256(demo_path)
    assert window.open_path(demo_path), window.told
    assert "2026" in [c.name for c in window.hc.cycles.all()]  # saved before the kill, so kept
    window._close_file()
    with HealthCheckFile.open(demo_path, read_only=True, folders=folders) as hc:
        assert check_file(hc).ok
    assert sha256(demo_path) == before


def test_the_command_line_is_told_while_the_window_has_the_file(window, demo_path, tmp_path):
    assert window.open_path(demo_path)
    result = subprocess.run(
        [sys.executable, "-m", "swhc_desktop.cli", "remove-batch", str(demo_path), "1"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2 and len(result.stderr.strip().splitlines()) == 1
    assert "is open in another copy of SWHC Desktop" in result.stderr
    assert window.hc.responses.count(window.hc.cycles.by_name("2023").id) == 158
