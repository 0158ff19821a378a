"""A full disk and a read-only folder, while importing and while writing a report or an export: a clear message,
nothing half-written, the health-check file byte for byte as it was.

A real full disk is a small tmpfs, mounted where the tests run as root (CI does); elsewhere those tests are skipped,
and SQLite's max_page_count makes the database side fail exactly as a full disk does.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from swhc_desktop.app.checks import check_file
from swhc_desktop.domain.errors import SaveFailed
from swhc_desktop.importing.importer import preview_import, run_import
from swhc_desktop.paths import UserFolders
from swhc_desktop.storage import HealthCheckFile, list_backups, restore_backup

from .support.file_outputs import FILE_OUTPUTS, FOLDER_OUTPUTS, by_name, folder_contents, previous_file, previous_folder
from .support.files import made_read_only, sha256
from .support.import_support import filled_template, new_file, run_cli, write_csv

ROWS = 2500


@contextlib.contextmanager
def small_disk(folder: Path, size: int) -> Iterator[Path]:
    """A real file system of `size` bytes mounted at `folder` (a tmpfs; needs root)."""
    if os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("mounting a small disk needs root")
    folder.mkdir(parents=True, exist_ok=True)
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)], capture_output=True)
    if mounted.returncode != 0:
        pytest.skip(f"a tmpfs cannot be mounted here: {mounted.stderr.decode().strip()}")
    try:
        yield folder
    finally:
        if subprocess.run(["umount", str(folder)], capture_output=True).returncode != 0:
            subprocess.run(["umount", "-l", str(folder)], check=True)


def fill(disk: Path, leave: int) -> None:
    """Fill the disk until only `leave` bytes are free."""
    stats = os.statvfs(disk)
    free = stats.f_bavail * stats.f_frsize
    (disk / "filler").write_bytes(bytes(max(free - leave, 0)))


@pytest.fixture(scope="module")
def blank_survey(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("disk-faults")
    return new_file(folder, UserFolders.under(folder / "home"))


@pytest.fixture(scope="module")
def big_export(blank_survey) -> Path:
    with HealthCheckFile.open(blank_survey, read_only=True) as hc:
        questionnaire = hc.questionnaires.load(hc.cycles.by_name("2024").id)
    return write_csv(blank_survey.parent / "big.csv", *filled_template(questionnaire, ROWS))


def one_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    return lines[0]


def assert_untouched(path: Path, before: str, folders: UserFolders) -> None:
    assert sha256(path) == before
    assert not path.with_name(path.name + "-journal").exists()
    with HealthCheckFile.open(path, read_only=True, folders=folders) as hc:
        assert check_file(hc).ok
        assert hc.responses.batches(hc.cycles.by_name("2024").id) == []


# ---------------------------------------------------------------------------------------------- importing


def test_a_full_disk_during_an_import_is_explained_and_nothing_is_saved(blank_survey, big_export, tmp_path, folders):
    """The database side, anywhere: SQLite refuses to grow the file, exactly as on a full disk."""
    path = tmp_path / "Anytown.swhc"
    shutil.copyfile(blank_survey, path)
    before = sha256(path)
    with HealthCheckFile.open(path, folders=folders) as hc:
        cycle_id = hc.cycles.by_name("2024").id
        preview = preview_import(hc, cycle_id, big_export)
        hc.conn.execute(f"PRAGMA max_page_count = {hc.value('PRAGMA page_count') + 8}")
        with pytest.raises(SaveFailed, match="is full, so the change could not be saved. Nothing was changed"):
            run_import(hc, cycle_id, preview, preview.mapping)
        assert hc.responses.count(cycle_id) == 0
    assert_untouched(path, before, folders)


def test_an_import_onto_a_full_disk_exits_2_in_one_line_and_leaves_the_file_as_it_was(
    blank_survey, big_export, tmp_path, folders, capsys
):
    with small_disk(tmp_path / "disk", blank_survey.stat().st_size + 256 * 1024) as disk:
        path = disk / "Anytown.swhc"
        shutil.copyfile(blank_survey, path)
        fill(disk, 64 * 1024)
        before = sha256(path)
        code, out, err = run_cli(capsys, "import", path, "2024", big_export)
        assert code == 2 and "is full, so the change could not be saved. Nothing was changed." in one_line(err)
        assert_untouched(path, before, folders)
        assert sorted(p.name for p in disk.iterdir()) == ["Anytown.swhc", "filler"]


def test_no_room_for_the_backup_stops_an_import_before_it_changes_anything(
    blank_survey, big_export, tmp_path, capsys, monkeypatch
):
    with small_disk(tmp_path / "home", 128 * 1024) as home:
        monkeypatch.setenv("SWHC_HOME", str(home))
        folders = UserFolders.under(home)
        folders.backups.mkdir(parents=True)
        fill(home, 16 * 1024)
        path = tmp_path / "Anytown.swhc"
        shutil.copyfile(blank_survey, path)
        before = sha256(path)
        code, _, err = run_cli(capsys, "import", path, "2024", big_export)
        assert code == 2
        assert "A backup of Anytown.swhc could not be made" in one_line(err) and "so nothing was changed" in err
        assert list(folders.backups.iterdir()) == [], "no half-made backup is left on the full disk"
        assert_untouched(path, before, folders)


def test_an_import_into_a_file_in_a_read_only_folder_is_refused_in_one_line(
    blank_survey, big_export, tmp_path, folders, capsys
):
    share = tmp_path / "share"
    share.mkdir()
    path = share / "Anytown.swhc"
    shutil.copyfile(blank_survey, path)
    before = sha256(path)
    with made_read_only(share):
        code, _, err = run_cli(capsys, "import", path, "2024", big_export)
    assert code == 2 and "is read-only" in one_line(err) and "Copy the file to a folder you can save in" in err
    assert_untouched(path, before, folders)


def test_a_read_only_backup_folder_stops_an_import_before_it_changes_anything(
    blank_survey, big_export, tmp_path, folders, capsys
):
    folders.backups.mkdir(parents=True)
    path = tmp_path / "Anytown.swhc"
    shutil.copyfile(blank_survey, path)
    before = sha256(path)
    with made_read_only(folders.backups):
        code, _, err = run_cli(capsys, "import", path, "2024", big_export)
    assert code == 2 and "A backup of Anytown.swhc could not be made" in one_line(err)
    assert_untouched(path, before, folders)


def test_restoring_a_backup_onto_a_full_disk_is_explained_and_the_file_is_as_it_was(blank_survey, tmp_path, folders):
    with small_disk(tmp_path / "disk", blank_survey.stat().st_size + 96 * 1024) as disk:
        path = disk / "Anytown.swhc"
        shutil.copyfile(blank_survey, path)
        with HealthCheckFile.open(path, folders=folders) as hc:
            hc.backup("before a change")
        backup = list_backups(folders.backups, path)[0].path
        fill(disk, 16 * 1024)
        before = sha256(path)
        with pytest.raises(SaveFailed, match="as it was|Nothing was changed"):
            restore_backup(backup, path, folders.backups)
        assert sha256(path) == before
        assert sorted(p.name for p in disk.iterdir()) == ["Anytown.swhc", "filler"]


# ---------------------------------------------------------------------------------------------- reports and exports


@pytest.mark.parametrize("output", FILE_OUTPUTS, ids=by_name)
def test_a_report_or_export_onto_a_full_disk_says_so_and_leaves_no_half_file(output, demo_path, tmp_path, capsys):
    with small_disk(tmp_path / "disk", 64 * 1024) as disk:
        out, old = previous_file(disk, output)
        fill(disk, 0)
        code, _, err = run_cli(capsys, *output.arguments(demo_path, out))
        assert code == 2 and "could not be saved" in one_line(err) and "Traceback" not in err
        assert out.read_bytes() == old
        assert sorted(p.name for p in disk.iterdir()) == sorted([out.name, "filler"])


@pytest.mark.parametrize("output", FILE_OUTPUTS, ids=by_name)
def test_a_report_or_export_into_a_read_only_folder_says_so_and_writes_nothing(output, demo_path, tmp_path, capsys):
    folder = tmp_path / "read-only"
    folder.mkdir()
    out, old = previous_file(folder, output)
    with made_read_only(folder):
        code, _, err = run_cli(capsys, *output.arguments(demo_path, out))
    assert code == 2 and "could not be saved" in one_line(err) and "Traceback" not in err
    assert out.read_bytes() == old
    assert sorted(p.name for p in folder.iterdir()) == [out.name]


@pytest.mark.parametrize("output", FOLDER_OUTPUTS, ids=by_name)
def test_charts_onto_a_full_disk_say_so_and_leave_the_folder_as_it_was(output, demo_path, tmp_path, capsys):
    with small_disk(tmp_path / "disk", 256 * 1024) as disk:
        out, old = previous_folder(disk)
        fill(disk, 0)
        code, _, err = run_cli(capsys, *output.arguments(demo_path, out))
        assert code == 2 and "could not be saved" in one_line(err) and "Traceback" not in err
        assert folder_contents(out) == old
        assert sorted(p.name for p in disk.iterdir()) == sorted([out.name, "filler"])


@pytest.mark.parametrize("output", FOLDER_OUTPUTS, ids=by_name)
def test_charts_into_a_read_only_folder_say_so_and_write_nothing(output, demo_path, tmp_path, capsys):
    parent = tmp_path / "read-only"
    parent.mkdir()
    with made_read_only(parent):
        code, _, err = run_cli(capsys, *output.arguments(demo_path, parent / "charts"))
    assert code == 2 and "could not be saved" in one_line(err) and "Traceback" not in err
    assert list(parent.iterdir()) == []
