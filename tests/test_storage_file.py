"""The health-check file: what marks it as ours, and how every bad file is refused with a clear message, unchanged."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from swhc_desktop.domain.errors import (
    CorruptFile,
    FileAlreadyExists,
    FileInUse,
    FileMissing,
    FileReadOnly,
    FileTooNew,
    NotAHealthCheckFile,
)
from swhc_desktop.storage import APPLICATION_ID, LATEST_VERSION, HealthCheckFile

from .support.files import made_read_only, sha256


@pytest.fixture
def new_file(tmp_path, folders) -> Path:
    path = tmp_path / "Anytown.swhc"
    HealthCheckFile.create(path, "Anytown Borough Council", folders=folders).close()
    return path


def raw(path: Path, sql: str):
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def test_a_new_file_is_marked_as_ours_with_the_latest_schema(new_file):
    assert raw(new_file, "PRAGMA application_id") == [(APPLICATION_ID,)]
    assert raw(new_file, "PRAGMA user_version") == [(LATEST_VERSION,)]
    assert raw(new_file, "PRAGMA journal_mode") == [("delete",)]
    assert raw(new_file, "SELECT name, minimum_group_size FROM organisation") == [("Anytown Borough Council", 5)]
    assert not new_file.with_name(new_file.name + ".creating").exists()


def test_an_open_file_has_foreign_keys_on_and_is_locked_for_others(new_file, folders):
    with HealthCheckFile.open(new_file, folders=folders) as hc:
        assert hc.value("PRAGMA foreign_keys") == 1
        assert hc.value("PRAGMA journal_mode") == "delete"
        with pytest.raises(FileInUse, match="open in another copy of SWHC Desktop"):
            HealthCheckFile.open(new_file, folders=folders)
        with pytest.raises(FileInUse):
            HealthCheckFile.open(new_file, read_only=True, folders=folders)
    HealthCheckFile.open(new_file, folders=folders).close()


def test_another_process_is_told_the_file_is_in_use(new_file, folders):
    before = sha256(new_file)  # not while open: closing any handle on the file would drop our locks
    with HealthCheckFile.open(new_file, folders=folders):
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "swhc_desktop.cli",
                "cycle-add",
                str(new_file),
                "2024",
                "--template",
                "staff-survey",
            ],
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert result.returncode == 2
    assert "is open in another copy of SWHC Desktop" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert sha256(new_file) == before


def test_creating_over_an_existing_file_is_refused_unless_asked(new_file, folders):
    with pytest.raises(FileAlreadyExists, match="Choose another name"):
        HealthCheckFile.create(new_file, "Other Council", folders=folders)
    with HealthCheckFile.create(new_file, "Other Council", folders=folders, overwrite=True) as hc:
        assert hc.organisation.get().name == "Other Council"


def test_creating_in_a_missing_folder_says_so(tmp_path, folders):
    with pytest.raises(FileMissing, match="does not exist"):
        HealthCheckFile.create(tmp_path / "nowhere" / "x.swhc", "Council", folders=folders)


def test_a_missing_file_is_reported(tmp_path, folders):
    with pytest.raises(FileMissing, match="There is no file at"):
        HealthCheckFile.open(tmp_path / "absent.swhc", folders=folders)


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "is empty"),
        (b"Name,Team\nAlex,Assessment\n", "is not a health-check file"),
        (bytes(range(256)) * 40, "is not a health-check file"),
    ],
)
def test_a_file_that_is_not_sqlite_is_refused_unchanged(tmp_path, folders, content, message):
    path = tmp_path / "responses.swhc"
    path.write_bytes(content)
    with pytest.raises(NotAHealthCheckFile, match=message):
        HealthCheckFile.open(path, folders=folders)
    assert path.read_bytes() == content


def test_a_sqlite_file_that_is_not_ours_is_refused_unchanged(tmp_path, folders):
    path = tmp_path / "other.db"
    raw(path, "CREATE TABLE notes (text TEXT)")
    before = sha256(path)
    with pytest.raises(NotAHealthCheckFile, match="not a health-check file made by SWHC Desktop"):
        HealthCheckFile.open(path, folders=folders)
    assert sha256(path) == before


def test_a_file_from_a_newer_version_is_refused_unchanged(new_file, folders):
    raw(new_file, f"PRAGMA user_version = {LATEST_VERSION + 1}")
    before = sha256(new_file)
    with pytest.raises(FileTooNew, match="newer version of SWHC Desktop.*Install the newer version"):
        HealthCheckFile.open(new_file, folders=folders)
    with pytest.raises(FileTooNew):
        HealthCheckFile.open(new_file, read_only=True, folders=folders)
    assert sha256(new_file) == before
    assert not folders.backups.exists()


def corrupt_a_page(path: Path) -> None:
    """Scribble over the middle of the file, where table and index pages are, as a failing disk might."""
    data = bytearray(path.read_bytes())
    page_size = 4096
    for page in range(2, len(data) // page_size - 1):
        start = page * page_size
        data[start : start + 64] = b"\xde\xad\xbe\xef" * 16
    path.write_bytes(bytes(data))


def test_a_damaged_file_is_refused_unchanged(demo_path, folders):
    corrupt_a_page(demo_path)
    before = sha256(demo_path)
    with pytest.raises(CorruptFile, match="damaged.*Restore it from a backup"):
        HealthCheckFile.open(demo_path, folders=folders)
    assert sha256(demo_path) == before


def test_a_truncated_file_is_refused_unchanged(demo_path, folders):
    data = demo_path.read_bytes()
    demo_path.write_bytes(data[: len(data) // 2])
    before = sha256(demo_path)
    with pytest.raises((CorruptFile, NotAHealthCheckFile)) as problem:
        HealthCheckFile.open(demo_path, folders=folders)
    assert "damaged" in str(problem.value)
    assert sha256(demo_path) == before


def test_a_read_only_file_is_refused_for_changes_but_opens_read_only(new_file, folders):
    before = sha256(new_file)
    with made_read_only(new_file):
        with pytest.raises(FileReadOnly, match="is read-only.*Copy it to a folder you can save in"):
            HealthCheckFile.open(new_file, folders=folders)
        with HealthCheckFile.open(new_file, read_only=True, folders=folders) as hc:
            assert hc.organisation.get().name == "Anytown Borough Council"
            with pytest.raises(FileReadOnly, match="open read-only"):
                hc.organisation.update(name="Changed")
    assert sha256(new_file) == before


def test_a_file_in_a_read_only_folder_is_refused_for_changes(tmp_path, folders):
    folder = tmp_path / "share"
    folder.mkdir()
    path = folder / "Anytown.swhc"
    HealthCheckFile.create(path, "Anytown", folders=folders).close()
    before = sha256(path)
    with made_read_only(folder):
        with pytest.raises(FileReadOnly, match="folder .* is read-only"):
            HealthCheckFile.open(path, folders=folders)
    assert sha256(path) == before


def test_a_failed_change_leaves_the_file_as_it_was(new_file, folders):
    with HealthCheckFile.open(new_file, folders=folders) as hc:
        with pytest.raises(RuntimeError):
            with hc.transaction():
                hc.execute("UPDATE organisation SET name = 'Half-changed' WHERE id = 1")
                raise RuntimeError("power cut")
        assert hc.organisation.get().name == "Anytown Borough Council"


def test_writes_outside_a_transaction_are_refused(new_file, folders):
    with HealthCheckFile.open(new_file, folders=folders) as hc:
        with pytest.raises(RuntimeError, match="inside HealthCheckFile.transaction"):
            hc.execute("UPDATE organisation SET name = 'x' WHERE id = 1")


def test_changes_are_recorded_in_the_audit_log_with_who_made_them(new_file, folders):
    with HealthCheckFile.open(new_file, folders=folders) as hc:
        hc.organisation.update(minimum_group_size=6)
        log = hc.rows("SELECT actor, action, detail FROM audit_log ORDER BY id")
    assert [entry["action"] for entry in log] == [
        "Created the health-check file",
        "Changed the organisation's settings",
    ]
    assert all(entry["actor"] for entry in log)


def test_the_minimum_group_size_never_goes_below_three(new_file, folders):
    from swhc_desktop.domain.errors import InvalidInput

    with HealthCheckFile.open(new_file, folders=folders) as hc:
        with pytest.raises(InvalidInput, match="cannot be below 3"):
            hc.organisation.update(minimum_group_size=2)
        assert hc.organisation.get().minimum_group_size == 5


def test_a_full_disk_while_saving_is_explained_and_nothing_is_half_written(demo_path, folders):
    from swhc_desktop.domain.errors import SaveFailed
    from swhc_desktop.domain.records import AnswerValue, BatchKind, NewBatch, NewResponse

    with HealthCheckFile.open(demo_path, folders=folders) as hc:
        cycle = hc.cycles.by_name("2025")
        team = hc.questionnaires.load(cycle.id).question("team")
        pages = hc.value("PRAGMA page_count")
        hc.conn.execute(f"PRAGMA max_page_count = {pages + 3}")  # SQLite then fails exactly as on a full disk
        many = [
            NewResponse((AnswerValue(team.id, option_id=team.options[0].id),), external_id=f"F{n}")
            for n in range(20000)
        ]
        with pytest.raises(SaveFailed, match="is full, so the change could not be saved. Nothing was changed"):
            hc.responses.add_batch(cycle.id, NewBatch(BatchKind.IMPORT, "big.csv"), many)
        assert hc.cycles.by_name("2025").response_count == 203
        assert [b.source_name for b in hc.responses.batches(cycle.id)] == ["Demo responses 2025"]
