"""Nothing lost, nothing forged: a journal is put back only into its own file and never by a read-only opening; one
lock keeps every thread from seeing another's half-made change; removed identifying details leave no trace in the
file and the backups still holding them are named; backups belong to their file, whatever its name or the clock."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from swhc_desktop.domain.errors import FileReadOnly, InvalidInput
from swhc_desktop.storage import HealthCheckFile, list_backups, restore_backup
from swhc_desktop.storage import backups as backups_module

from .support.files import sha256
from .support.import_support import new_file, run_cli

LEAVE_HOT_JOURNAL = """
import os, sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("PRAGMA cache_size = 2")
conn.execute("BEGIN IMMEDIATE")
conn.execute("DELETE FROM answers")
conn.execute("UPDATE organisation SET name = 'Half-changed council'")
conn.executemany(
    "INSERT INTO audit_log (at, actor, action) VALUES ('now', 'me', ?)", [("x" * 400,) for _ in range(300)]
)
os._exit(0)
"""


def crashed_mid_change(path: Path) -> None:
    """Stop a process part-way through a change to `path`, with changed pages already written into it."""
    subprocess.run([sys.executable, "-c", LEAVE_HOT_JOURNAL, str(path)], check=True)
    assert path.with_name(path.name + "-journal").exists()


def fingerprints(path: Path) -> dict[str, str]:
    return {p.name: sha256(p) for p in path.parent.glob(f"{path.name}*")}


# ------------------------------------------------------------------------------------------------ journals


def test_a_read_only_opening_never_puts_a_journal_back(demo_path, folders, capsys):
    crashed_mid_change(demo_path)
    before = fingerprints(demo_path)
    with pytest.raises(FileReadOnly, match="left part-way through a change"):
        HealthCheckFile.open(demo_path, read_only=True, folders=folders)
    code, out, _ = run_cli(capsys, "check", demo_path)
    assert code == 1 and "belongs to it" in out
    code, _, err = run_cli(capsys, "cycles", demo_path)
    assert code == 2 and len(err.strip().splitlines()) == 1 and "part-way through a change" in err
    assert fingerprints(demo_path) == before, "reading never changes the file or applies its journal"


def test_opening_normally_puts_its_own_journal_back_and_the_file_is_whole(demo_path, folders, capsys):
    with HealthCheckFile.open(demo_path, read_only=True, folders=folders) as hc:
        answers = hc.value("SELECT count(*) FROM answers")
    crashed_mid_change(demo_path)
    with HealthCheckFile.open(demo_path, folders=folders) as hc:
        assert hc.value("SELECT count(*) FROM answers") == answers
        assert hc.organisation.get().name == "Demo Borough Council"
    assert not demo_path.with_name(demo_path.name + "-journal").exists()
    assert run_cli(capsys, "check", demo_path)[0] == 0


def test_check_repair_puts_back_only_the_files_own_journal(demo_path, tmp_path, folders, capsys):
    crashed_mid_change(demo_path)
    stray = tmp_path / "stray"
    stray.mkdir()
    other = new_file(stray, folders)
    shutil.copyfile(demo_path.with_name(demo_path.name + "-journal"), other.with_name(other.name + "-journal"))
    code, out, _ = run_cli(capsys, "check", "--repair", demo_path)
    assert code == 0 and "no problems found" in out
    before = fingerprints(other)
    code, _, err = run_cli(capsys, "check", "--repair", other)
    assert code == 2 and "does not belong to this file" in err
    assert fingerprints(other) == before


def test_a_journal_copied_beside_another_file_is_refused(demo_path, tmp_path, folders, capsys):
    crashed_mid_change(demo_path)
    (tmp_path / "other").mkdir()
    other = new_file(tmp_path / "other", folders)
    shutil.copyfile(demo_path.with_name(demo_path.name + "-journal"), other.with_name(other.name + "-journal"))
    before = fingerprints(other)
    with pytest.raises(Exception, match="does not belong to this file"):
        HealthCheckFile.open(other, folders=folders)
    code, _, err = run_cli(capsys, "cycle-add", other, "2025", "--copy-from", "2024")
    assert code == 2 and "does not belong to this file" in err
    assert fingerprints(other) == before


def test_a_file_another_program_left_in_write_ahead_mode_is_not_changed_by_reading(demo_path, folders):
    conn = sqlite3.connect(demo_path)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.close()
    before = sha256(demo_path)
    with pytest.raises(FileReadOnly, match="write-ahead log"):
        HealthCheckFile.open(demo_path, read_only=True, folders=folders)
    assert sha256(demo_path) == before
    with HealthCheckFile.open(demo_path, folders=folders) as hc:  # opened normally, it is put back as the app keeps it
        assert hc.value("PRAGMA journal_mode") == "delete"


# ------------------------------------------------------------------------------------------------ one lock


def test_no_thread_ever_sees_another_threads_change_before_it_is_saved(demo_path, folders):
    """A writer makes 300 changes that it then undoes; a reader on another thread counts the rows it can see. Every
    read must see the file as saved: a count above the saved one is a dirty read."""
    with HealthCheckFile.open(demo_path, folders=folders) as hc:
        saved = hc.value("SELECT count(*) FROM audit_log")
        stop = threading.Event()
        dirty_reads, reads = [], [0]

        class Undone(Exception):
            pass

        def writer() -> None:
            try:
                for _ in range(300):
                    with pytest.raises(Undone):
                        with hc.transaction():
                            for _ in range(20):
                                hc.audit("A change that will be undone")
                            raise Undone
            finally:
                stop.set()

        def reader() -> None:
            while not stop.is_set():
                seen = hc.value("SELECT count(*) FROM audit_log")
                reads[0] += 1
                if seen != saved:
                    dirty_reads.append(seen)

        threads = [threading.Thread(target=writer), threading.Thread(target=reader)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
        assert reads[0] > 0
        assert dirty_reads == []
        assert hc.value("SELECT count(*) FROM audit_log") == saved


def test_a_write_from_another_thread_cannot_join_an_open_change(demo_path, folders):
    with HealthCheckFile.open(demo_path, folders=folders) as hc:
        failures = []
        with hc.transaction():

            def intruder() -> None:
                try:
                    hc.execute("DELETE FROM answers")
                except RuntimeError as error:
                    failures.append(error)

            thread = threading.Thread(target=intruder)
            thread.start()
            thread.join(timeout=10)
        assert failures and hc.value("SELECT count(*) FROM answers") > 0


# ------------------------------------------------------------------------------------------------ deleted data


def test_every_connection_overwrites_what_is_deleted_and_trusts_nothing_in_the_schema(demo_path, folders):
    for read_only in (False, True):
        with HealthCheckFile.open(demo_path, read_only=read_only, folders=folders) as hc:
            assert hc.value("PRAGMA secure_delete") == 1
            assert hc.value("PRAGMA trusted_schema") == 0


KEPT = "ID,Name,Email,Which team do you work in?\n" + "".join(
    f"K{n},Quentin Keptname{n},quentin{n}@kept.example,Assessment\n" for n in range(8)
)


def test_identifying_details_removed_with_their_batch_leave_no_trace_and_their_backups_are_named(
    tmp_path, folders, capsys
):
    path = new_file(tmp_path, folders)
    export = tmp_path / "kept.csv"
    export.write_text(KEPT, encoding="utf-8")
    assert run_cli(capsys, "import", path, "2024", export, "--keep-identifying", "Follow-up interviews agreed")[0] == 0
    assert b"Keptname" in path.read_bytes()
    assert run_cli(capsys, "cycle-add", path, "2025", "--copy-from", "2024")[0] == 0  # no backup; the next one will
    export2 = tmp_path / "later.csv"
    export2.write_text("ID,Which team do you work in?\nL1,Assessment\n", encoding="utf-8")
    assert run_cli(capsys, "import", path, "2024", export2)[0] == 0  # its backup holds the kept names
    code, out, _ = run_cli(capsys, "remove-batch", path, "1")
    assert code == 0
    assert b"Keptname" not in path.read_bytes() and b"kept.example" not in path.read_bytes()
    holding = [line.strip() for line in out.splitlines() if line.startswith("  ")]
    assert len(holding) == 2 and "still hold the identifying details" in out  # before 'later.csv', before removing
    assert all(b"Keptname" in Path(name).read_bytes() for name in holding)
    with HealthCheckFile.open(path, folders=folders) as hc:
        not_holding = [b.path for b in hc.list_backups() if str(b.path) not in holding]
    assert not_holding and not any(b"Keptname" in p.read_bytes() for p in not_holding)


def test_the_backups_still_holding_removed_details_can_be_deleted_with_the_batch(tmp_path, folders, capsys):
    path = new_file(tmp_path, folders)
    export = tmp_path / "kept.csv"
    export.write_text(KEPT, encoding="utf-8")
    assert run_cli(capsys, "import", path, "2024", export, "--keep-identifying", "Follow-up interviews agreed")[0] == 0
    code, out, _ = run_cli(capsys, "remove-batch", path, "1", "--delete-backups-holding-identifiers")
    assert code == 0 and "Deleted 1 backup that still held" in out
    assert not any(b"Keptname" in p.read_bytes() for p in folders.backups.rglob("*.swhc"))


# ------------------------------------------------------------------------------------------------ backups


def test_backups_belong_to_their_file_not_to_its_name(tmp_path, folders, capsys):
    (tmp_path / "A").mkdir()
    (tmp_path / "B").mkdir()
    first = new_file(tmp_path / "A", folders).rename(tmp_path / "A" / "Health check.swhc")
    second = new_file(tmp_path / "B", folders).rename(tmp_path / "B" / "Health check.swhc")
    with HealthCheckFile.open(second, folders=folders) as hc:
        hc.organisation.update(name="Council B")
        theirs = hc.backup("before importing B's file")
    for number in range(12):
        export = tmp_path / f"a{number}.csv"
        export.write_text(f"ID,Which team do you work in?\nA{number},Assessment\n", encoding="utf-8")
        assert run_cli(capsys, "import", first, "2024", export)[0] == 0
    assert theirs.exists(), "another file's imports never rotate this file's backups away"
    assert [b.path for b in list_backups(folders.backups, second)] == [theirs]
    mine = list_backups(folders.backups, first)
    assert len(mine) == backups_module.KEEP_BACKUPS and theirs not in [b.path for b in mine]
    before = sha256(second)
    with pytest.raises(InvalidInput, match="backup of another health-check file"):
        restore_backup(mine[0].path, second, folders.backups)
    assert sha256(second) == before


def test_the_backup_taken_before_a_change_is_kept_whatever_the_clock_says(demo_path, folders, monkeypatch):
    with HealthCheckFile.open(demo_path, folders=folders) as hc:
        for _ in range(backups_module.KEEP_BACKUPS):
            hc.backup("taken today")

        class LongAgo(dt.datetime):
            @classmethod
            def now(cls, tz=None):
                return dt.datetime(2001, 1, 1, 9, 0, 0)

        monkeypatch.setattr(backups_module.dt, "datetime", LongAgo)
        taken = hc.backup("taken with the clock set back")
        assert taken.exists()
        assert hc.list_backups()[0].path == taken and len(hc.list_backups()) == backups_module.KEEP_BACKUPS


def test_half_made_backups_of_a_stopped_copy_are_cleared_and_backups_are_private(demo_path, folders):
    with HealthCheckFile.open(demo_path, folders=folders) as hc:
        first = hc.backup("first")
        leftover = first.with_name("0099 Demo (2026-01-01 000000) stopped.swhc.partial")
        leftover.write_bytes(b"half")
        leftover.with_name(leftover.name + "-journal").write_bytes(b"half")
        hc.backup("second")
        assert not leftover.exists() and not leftover.with_name(leftover.name + "-journal").exists()
    if os.name == "posix":
        assert first.stat().st_mode & 0o077 == 0 and first.parent.stat().st_mode & 0o077 == 0


# ------------------------------------------------------------------------------------------------ outputs


@pytest.mark.parametrize(
    "command",
    [
        ["report", "{file}", "2025", "--kind", "paper-form", "--out", "{target}"],
        ["report", "{file}", "2025", "--kind", "findings", "--out", "{target}"],
        ["export", "{file}", "2025", "--what", "actions", "--format", "csv", "--out", "{target}"],
        ["export", "{file}", "2025", "--what", "responses", "--format", "csv", "--out", "{target}"],
        ["tables", "{file}", "2025", "--out", "{target}"],
        ["chart", "{file}", "2025", "team", "--out", "{target}"],
    ],
    ids=lambda c: f"{c[0]}-{c[-3] if c[0] != 'chart' else 'chart'}",
)
def test_no_output_is_ever_saved_over_a_health_check_file(command, demo_path, tmp_path, capsys):
    other = tmp_path / "other.swhc"
    shutil.copyfile(demo_path, other)
    disguised = tmp_path / "council.db"  # a health-check file, whatever its name
    shutil.copyfile(demo_path, disguised)
    for target in (demo_path, other, disguised, tmp_path / "new-name.swhc"):
        before = {p: sha256(p) for p in (demo_path, other, disguised)}
        args = [part.format(file=demo_path, target=target) for part in command]
        code, _, err = run_cli(capsys, *args)
        assert code == 2 and len(err.strip().splitlines()) == 1, err
        assert {p: sha256(p) for p in (demo_path, other, disguised)} == before
        assert not (tmp_path / "new-name.swhc").exists()


def test_not_even_a_read_only_health_check_file_is_replaced(demo_path, capsys):
    demo_path.chmod(0o444)
    try:
        before = sha256(demo_path)
        code, _, err = run_cli(capsys, "report", demo_path, "2025", "--kind", "paper-form", "--out", demo_path)
        assert code == 2 and "destroy it" in err and sha256(demo_path) == before
    finally:
        demo_path.chmod(0o644)


def test_no_output_is_saved_over_a_survey_export_imported_into_the_file(tmp_path, folders, capsys):
    path = new_file(tmp_path, folders)
    export = tmp_path / "responses.csv"
    export.write_text("ID,Which team do you work in?\nR1,Assessment\nR2,Children in care\n", encoding="utf-8")
    assert run_cli(capsys, "import", path, "2024", export)[0] == 0
    moved = tmp_path / "the original.csv"
    export.rename(moved)  # wherever it is now, it is known by its contents
    before = sha256(moved)
    code, _, err = run_cli(capsys, "export", path, "2024", "--what", "responses", "--format", "csv", "--out", moved)
    assert code == 2 and "survey export imported into this health check" in err and sha256(moved) == before


def test_a_file_too_large_to_check_on_opening_is_checked_before_it_is_changed_or_backed_up(
    demo_path, folders, monkeypatch
):
    from swhc_desktop.domain.errors import CorruptFile
    from swhc_desktop.storage import file as file_module

    conn = sqlite3.connect(demo_path)
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'answers_question'").fetchone()[0]
    conn.close()
    with open(demo_path, "r+b") as handle:  # damage an index, which opening does not read
        handle.seek((root - 1) * page_size)
        handle.write(b"\xff" * page_size)
    monkeypatch.setattr(file_module, "QUICK_CHECK_LIMIT_BYTES", 0)  # as if the file were over the limit
    before = sha256(demo_path)
    with HealthCheckFile.open(demo_path, folders=folders) as hc:
        assert hc.cycles.by_name("2025").response_count == 203  # reading works
        with pytest.raises(CorruptFile, match="is damaged"):
            hc.backup("before importing")
        with pytest.raises(CorruptFile, match="so nothing was changed"):
            hc.organisation.update(name="Changed")
    assert sha256(demo_path) == before
    assert not list(folders.backups.rglob("*.swhc")), "no backup of a damaged file pushes good ones out"


def test_a_half_made_output_left_by_a_stopped_copy_is_cleared_the_next_time(demo_path, tmp_path, capsys):
    import time

    stale, fresh, unrelated = (
        tmp_path / ".tables-a1b2c3d4.csv",
        tmp_path / ".tables-e5f6g7h8.csv",
        tmp_path / ".tables-notes.csv",
    )
    for path in (stale, fresh, unrelated):
        path.write_text("half")
    long_ago = time.time() - 2 * 3600
    os.utime(stale, (long_ago, long_ago))
    os.utime(unrelated, (long_ago, long_ago))
    folder = tmp_path / ".charts-abcd1234"
    folder.mkdir()
    (folder / "01 Team.png").write_bytes(b"half")
    os.utime(folder, (long_ago, long_ago))
    assert run_cli(capsys, "tables", demo_path, "2025", "--out", tmp_path / "tables.csv")[0] == 0
    assert (
        run_cli(
            capsys, "export", demo_path, "2025", "--what", "charts", "--format", "png", "--out", tmp_path / "charts"
        )[0]
        == 0
    )
    assert not stale.exists() and not folder.exists(), "left by a copy stopped part-way"
    assert fresh.exists(), "may be being written by another copy right now"
    assert unrelated.exists(), "not a name the app gives"


# ------------------------------------------------------------------------------------------------ the demo


def test_a_demo_stopped_part_way_leaves_no_demo_and_says_nothing_was_saved(tmp_path, folders, monkeypatch):
    from swhc_desktop.app import demo as demo_module

    def stopped(hc):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(demo_module, "_tag_comments", stopped)  # the last step of the build
    target = tmp_path / "Demo.swhc"
    with pytest.raises(Exception, match="Nothing was saved"):
        demo_module.build_demo(target, folders)
    assert not any(p.name.startswith("Demo.swhc") for p in tmp_path.iterdir()), "no demo, and no half of one"


def test_an_incomplete_demo_is_set_aside_and_built_again(folders, capsys):
    from swhc_desktop.app.demo import ensure_demo

    folders.data.mkdir(parents=True, exist_ok=True)
    assert run_cli(capsys, "new", folders.demo_file, "--org", "Demo Borough Council")[0] == 0  # as if stopped early
    path = ensure_demo(folders)
    with HealthCheckFile.open(path, read_only=True, folders=folders) as hc:
        assert [c.response_count for c in hc.cycles.all()] == [158, 171, 203]
    assert (folders.data / "Demo Borough Council (incomplete 1).swhc").exists(), "kept, not deleted"
