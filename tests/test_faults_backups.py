"""Backups taken before imports: in the user's data folder, whole, rotated, and restorable from the window's
File > Restore from Backup, whatever the imported file was called."""

from __future__ import annotations

import pytest

from swhc_desktop.app.checks import check_file
from swhc_desktop.gui import main_window as main_window_module
from swhc_desktop.gui.main_window import MainWindow
from swhc_desktop.gui.restore_dialog import RestoreBackupDialog
from swhc_desktop.storage import HealthCheckFile, list_backups
from swhc_desktop.storage.backups import KEEP_BACKUPS

from .support.import_support import new_file, run_cli
from .support.pages import add_main_window

TEAM = "Which team do you work in?"


def export(folder, name: str, teams: list[str]):
    path = folder / name
    path.write_text(TEAM + "\n" + "".join(f"{team}\n" for team in teams), encoding="utf-8")
    return path


@pytest.fixture
def survey(tmp_path, folders):
    return new_file(tmp_path, folders)


def batches_of(path, folders) -> list[tuple[str, int]]:
    with HealthCheckFile.open(path, read_only=True, folders=folders) as hc:
        return [(b.source_name, b.response_count) for b in hc.responses.batches(hc.cycles.by_name("2024").id)]


@pytest.mark.parametrize(
    "name", ["responses.csv", "Staff survey(1-203).csv", "Form: 2024 «final» <v2>?.csv", "Health check. .csv"]
)
def test_each_import_is_backed_up_first_in_the_data_folder_and_listed_to_restore(
    survey, tmp_path, folders, capsys, name
):
    """Microsoft Forms names its exports 'Survey(1-203).xlsx'; a backup named after such a file must still be listed."""
    assert run_cli(capsys, "import", survey, "2024", export(tmp_path, name, ["Assessment", "Care leavers"]))[0] == 0
    backups = list_backups(folders.backups, survey)
    assert len(backups) == 1
    # in the file's own folder of backups, named by its identity (not by its name, which another file may share)
    assert backups[0].path.parent.parent == folders.backups and folders.backups.is_relative_to(folders.data)
    assert backups[0].reason.startswith("before importing ")
    with HealthCheckFile.open(backups[0].path, read_only=True, folders=folders) as hc:
        assert check_file(hc).ok
        assert hc.responses.count(hc.cycles.by_name("2024").id) == 0  # taken before the import


def test_backups_before_imports_are_rotated_keeping_the_newest_of_this_file_only(survey, tmp_path, folders, capsys):
    (tmp_path / "other").mkdir()
    other = new_file(tmp_path / "other", folders).rename(tmp_path / "other" / "Elsewhere.swhc")  # with its own backups
    assert run_cli(capsys, "import", other, "2024", export(tmp_path, "elsewhere.csv", ["Assessment"]))[0] == 0
    for number in range(KEEP_BACKUPS + 3):
        assert (
            run_cli(
                capsys, "import", survey, "2024", export(tmp_path, f"week {number}.csv", ["Assessment"] * (number + 1))
            )[0]
            == 0
        )
    kept = list_backups(folders.backups, survey)
    assert len(kept) == KEEP_BACKUPS
    assert [b.reason for b in kept] == [f"before importing week {n}" for n in range(KEEP_BACKUPS + 2, 2, -1)]
    assert [b.reason for b in list_backups(folders.backups, other)] == ["before importing elsewhere"]


def test_an_import_is_undone_by_restoring_its_backup_from_the_file_menu(
    survey, tmp_path, folders, capsys, qtbot, settings, monkeypatch
):
    assert run_cli(capsys, "import", survey, "2024", export(tmp_path, "first.csv", ["Assessment"] * 6))[0] == 0
    assert (
        run_cli(capsys, "import", survey, "2024", export(tmp_path, "Staff survey(1-203).csv", ["Care leavers"] * 4))[0]
        == 0
    )
    window = add_main_window(qtbot, MainWindow(settings, folders))
    monkeypatch.setattr(main_window_module, "ask", lambda *args, **kwargs: True)
    listed: list[list[str]] = []

    def choose(reason: str):
        def pick(dialog: RestoreBackupDialog) -> int:
            rows = [dialog.backupList.item(i).text() for i in range(dialog.backupList.count())]
            listed.append(rows)
            dialog.backupList.setCurrentRow(next(i for i, text in enumerate(rows) if reason in text))
            dialog.accept()
            return dialog.result()

        return pick

    try:
        assert window.open_path(survey)
        assert window.cycleCombo.currentText() == "2024: 10 responses"
        monkeypatch.setattr(RestoreBackupDialog, "exec", choose("before importing Staff survey(1-203)"))
        window.actionRestoreBackup.trigger()
        assert window.cycleCombo.currentText() == "2024: 6 responses"
        assert "Restored the backup" in window.statusBar.currentMessage()
        monkeypatch.setattr(RestoreBackupDialog, "exec", choose("before restoring a backup"))
        window.actionRestoreBackup.trigger()  # changed my mind: the restore itself is undone the same way
        assert window.cycleCombo.currentText() == "2024: 10 responses"
    finally:
        window._close_file()
    assert any("before importing Staff survey(1-203)" in row for row in listed[0])
    assert batches_of(survey, folders) == [("first.csv", 6), ("Staff survey(1-203).csv", 4)]
