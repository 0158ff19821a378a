"""Migrations: each in one transaction, a backup first, tested on a file of every older schema version."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from swhc_desktop.app.checks import check_file
from swhc_desktop.domain.errors import FileReadOnly, SaveFailed
from swhc_desktop.storage import LATEST_VERSION, HealthCheckFile, list_backups
from swhc_desktop.storage.backups import identity_of, take_backup
from swhc_desktop.storage.schema import MIGRATIONS, Migration

from .support.files import FIXTURES, sha256

OLDER_FILES = sorted((FIXTURES / "files").glob("schema-v*.swhc"))


def copy_of(fixture: Path, tmp_path: Path) -> Path:
    target = tmp_path / fixture.name
    shutil.copyfile(fixture, target)
    return target


def version_of(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("PRAGMA user_version").fetchone()[0]
    finally:
        conn.close()


def test_there_is_a_fixture_file_for_every_schema_version():
    assert [int(p.stem.split("-v")[1]) for p in OLDER_FILES] == list(range(1, LATEST_VERSION + 1))


def test_migrations_are_numbered_in_order():
    assert [m.version for m in MIGRATIONS] == list(range(1, len(MIGRATIONS) + 1))


@pytest.mark.parametrize("fixture", OLDER_FILES, ids=lambda p: p.stem)
def test_every_older_file_opens_at_the_latest_version_with_its_data(fixture, tmp_path, folders):
    path = copy_of(fixture, tmp_path)
    with HealthCheckFile.open(path, folders=folders) as hc:
        assert hc.schema_version() == LATEST_VERSION
        cycle = hc.cycles.by_name("2023")
        assert cycle.response_count == 6
        assert hc.organisation.get().name == "Fixture Borough Council"
        assert [f.text for f in hc.findings.for_cycle(cycle.id)] == ["Everyone answered."]
        assert check_file(hc).ok


ADD_NOTE = Migration(LATEST_VERSION + 1, "A note on each cycle", lambda db: db["cycles"].add_column("note", str))


def test_an_update_backs_the_file_up_first_then_applies_in_one_transaction(tmp_path, folders):
    path = copy_of(OLDER_FILES[-1], tmp_path)
    with HealthCheckFile.open(path, folders=folders, migrations=MIGRATIONS + (ADD_NOTE,)) as hc:
        assert hc.schema_version() == LATEST_VERSION + 1
        assert "note" in {c.name for c in hc.db["cycles"].columns}
        assert hc.value("SELECT action FROM audit_log ORDER BY id DESC LIMIT 1") == "Updated the file"
    backups = list_backups(folders.backups, path)
    assert len(backups) == 1
    assert "before update from version" in backups[0].reason
    assert version_of(backups[0].path) == LATEST_VERSION


def test_a_migration_can_rebuild_a_table_with_sqlite_utils(tmp_path, folders):
    """SQLite cannot change a column's constraints in place; a migration rebuilds the table with transform()."""

    def require_titles(db) -> None:
        db["cycles"].transform(not_null={"title"}, defaults={"title": "Untitled"})

    path = copy_of(OLDER_FILES[-1], tmp_path)
    rebuild = Migration(LATEST_VERSION + 1, "Cycles always have a title", require_titles)
    with HealthCheckFile.open(path, folders=folders, migrations=MIGRATIONS + (rebuild,)) as hc:
        assert hc.cycles.by_name("2023").response_count == 6
        assert hc.db["cycles"].columns_dict["title"] is str
        assert check_file(hc).ok


def test_a_failed_update_leaves_the_file_exactly_as_it_was(tmp_path, folders):
    def broken(db) -> None:
        db.execute("ALTER TABLE cycles ADD COLUMN note TEXT")
        raise ValueError("the update went wrong half-way")

    path = copy_of(OLDER_FILES[-1], tmp_path)
    before = sha256(path)
    with pytest.raises(SaveFailed, match="could not be updated.*A copy from before the update is at"):
        HealthCheckFile.open(
            path, folders=folders, migrations=MIGRATIONS + (Migration(LATEST_VERSION + 1, "broken", broken),)
        )
    assert sha256(path) == before
    with HealthCheckFile.open(path, folders=folders) as hc:
        assert "note" not in {c.name for c in hc.db["cycles"].columns}


def test_an_older_file_cannot_be_updated_while_opened_read_only(tmp_path, folders):
    path = copy_of(OLDER_FILES[-1], tmp_path)
    before = sha256(path)
    with pytest.raises(FileReadOnly, match="needs updating"):
        HealthCheckFile.open(path, read_only=True, folders=folders, migrations=MIGRATIONS + (ADD_NOTE,))
    assert sha256(path) == before


def test_backups_are_rotated_keeping_the_newest(tmp_path, folders):
    path = copy_of(OLDER_FILES[-1], tmp_path)
    conn = sqlite3.connect(path)
    try:
        for n in range(4):
            take_backup(conn, folders.backups, identity_of(path), path, f"before import {n}", keep=3)
    finally:
        conn.close()
    backups = list_backups(folders.backups, path)
    assert [b.reason for b in backups] == ["before import 3", "before import 2", "before import 1"]
    assert all(version_of(b.path) == LATEST_VERSION for b in backups)


def test_a_backup_can_be_restored_and_the_restore_itself_can_be_undone(demo_path, folders):
    from swhc_desktop.questionnaires.cycles import start_cycle
    from swhc_desktop.storage import restore_backup

    with HealthCheckFile.open(demo_path, folders=folders) as hc:
        backup = hc.backup("before import")
        start_cycle(hc, "2026", copy_from="2025")
    safety_copy = restore_backup(backup, demo_path, folders.backups)
    with HealthCheckFile.open(demo_path, folders=folders) as hc:
        assert [c.name for c in hc.cycles.all()] == ["2023", "2024", "2025"]
    restore_backup(safety_copy, demo_path, folders.backups)
    with HealthCheckFile.open(demo_path, folders=folders) as hc:
        assert [c.name for c in hc.cycles.all()] == ["2023", "2024", "2025", "2026"]


def test_a_backup_that_is_not_a_health_check_is_refused_and_nothing_changes(demo_path, tmp_path, folders):
    from swhc_desktop.domain.errors import NotAHealthCheckFile
    from swhc_desktop.storage import restore_backup

    bogus = tmp_path / "bogus.swhc"
    bogus.write_text("not a database")
    before = sha256(demo_path)
    with pytest.raises(NotAHealthCheckFile):
        restore_backup(bogus, demo_path, folders.backups)
    assert sha256(demo_path) == before
    assert list_backups(folders.backups, demo_path) == []


def test_cycles_made_before_the_editions_keep_the_standards_they_were_filed_under(tmp_path, folders):
    """Version 3: a cycle made before the app knew editions is filed under the wording used before 2020 (stress under
    Standard 5), surveys children's services, and each of its agreement statements filed under a Standard feeds that
    Standard's score; a cycle started afterwards uses the latest edition."""
    from swhc_desktop.domain.questionnaire import QuestionType
    from swhc_desktop.domain.records import Service
    from swhc_desktop.domain.standards import LATEST_EDITION
    from swhc_desktop.questionnaires.cycles import start_cycle

    path = copy_of(FIXTURES / "files" / "schema-v2.swhc", tmp_path)
    with HealthCheckFile.open(path, folders=folders) as hc:
        old = hc.cycles.by_name("2023")
        assert (old.standards_edition, old.service) == ("2014", Service.CHILDREN)
        questionnaire = hc.questionnaires.load(old.id)
        assert questionnaire.standards_edition == "2014"
        assert (
            questionnaire.standards.label(questionnaire.question("stressed").standard)
            == "Standard 5: Effective and appropriate supervision"
        )
        feeding = {q.code for q in questionnaire.questions() if q.in_standard_score}
        assert feeding == {
            q.code for q in questionnaire.questions() if q.qtype is QuestionType.SCALE and q.standard is not None
        }
        assert "stressed" in feeding and "team" not in feeding
        new = start_cycle(hc, "2026", copy_from="2023")
        assert new.standards_edition == LATEST_EDITION
        moved = hc.questionnaires.load(new.id)
        assert moved.standards.label(moved.question("stressed").standard) == "Standard 4: Wellbeing"
        assert check_file(hc).ok


def test_an_adults_organisations_older_cycles_survey_adults_services(tmp_path, folders):
    path = copy_of(FIXTURES / "files" / "schema-v2.swhc", tmp_path)
    conn = sqlite3.connect(path)
    try:
        conn.execute("UPDATE organisation SET service = 'Adult Social Care'")
        conn.commit()
    finally:
        conn.close()
    with HealthCheckFile.open(path, folders=folders) as hc:
        assert hc.cycles.by_name("2023").service == "adults"


@pytest.mark.parametrize(
    "column, value",
    [("standards_edition", "2019"), ("standards_edition", ""), ("service", "both"), ("service", "Children")],
)
def test_a_cycle_holding_an_edition_or_service_the_app_never_writes_is_refused(tmp_path, folders, column, value):
    from swhc_desktop.domain.errors import CorruptFile

    path = copy_of(OLDER_FILES[-1], tmp_path)
    conn = sqlite3.connect(path)
    try:
        conn.execute(f"UPDATE cycles SET {column} = ?", (value,))
        conn.commit()
    finally:
        conn.close()
    before = sha256(path)
    with pytest.raises(CorruptFile, match=f"cycles.{column}"):
        HealthCheckFile.open(path, folders=folders)
    assert sha256(path) == before
