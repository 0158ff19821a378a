"""Killing the process (SIGKILL, as a power cut or Task Manager would) in the middle of work never leaves a
half-changed file: afterwards it passes `swhc check`, and each change is wholly present or wholly absent. The kills
land at steps of the work chosen from its own progress (tests/support/kills.py)."""

from __future__ import annotations

import sqlite3
import textwrap
from pathlib import Path

import pytest

from swhc_desktop.app.checks import check_file
from swhc_desktop.cli import main as swhc
from swhc_desktop.storage import LATEST_VERSION, HealthCheckFile

from .support.kills import kill_repeatedly

KILLS = 6

SLOW_MIGRATION = textwrap.dedent(
    """
    import sys
    from swhc_desktop.paths import UserFolders
    from swhc_desktop.storage import HealthCheckFile
    from swhc_desktop.storage.schema import MIGRATIONS, Migration

    def slow(db):
        db.execute("CREATE TABLE filler (n INTEGER)")
        db.conn.executemany("INSERT INTO filler VALUES (?)", ((n,) for n in range(150_000)))
        db.execute("ALTER TABLE cycles ADD COLUMN note TEXT")

    started()
    HealthCheckFile.open(sys.argv[1], folders=UserFolders.under(__import__("pathlib").Path(sys.argv[2])),
                         migrations=MIGRATIONS + (Migration(MIGRATIONS[-1].version + 1, "slow", slow),)).close()
    print("finished", flush=True)
    """
)

BIG_BATCH = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from swhc_desktop.paths import UserFolders
    from swhc_desktop.domain.records import AnswerValue, BatchKind, NewBatch, NewResponse
    from swhc_desktop.storage import HealthCheckFile

    with HealthCheckFile.open(sys.argv[1], folders=UserFolders.under(Path(sys.argv[2]))) as hc:
        cycle = hc.cycles.by_name("2019")
        questions = [q for q in hc.questionnaires.load(cycle.id).questions() if q.options]
        def responses():
            for n in range(8_000):
                yield NewResponse(
                    tuple(AnswerValue(q.id, option_id=q.options[n % len(q.options)].id) for q in questions),
                    external_id=f"KILL-{n}",
                )
        started()
        hc.responses.add_batch(cycle.id, NewBatch(BatchKind.IMPORT, "big.csv"), responses())
    print("finished", flush=True)
    """
)


def raw(path: Path, sql: str):
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


@pytest.mark.slow
def test_a_migration_killed_at_any_moment_is_all_or_nothing(tmp_path, demo_master, capsys):
    def arguments(attempt: int) -> list[str]:
        path = tmp_path / f"run-{attempt}.swhc"
        path.write_bytes(demo_master.read_bytes())
        return [str(path), str(tmp_path / "home")]

    def outcome(attempt: int, printed: str) -> str:
        path = tmp_path / f"run-{attempt}.swhc"
        finished = "finished" in printed
        version = raw(path, "PRAGMA user_version")[0][0]
        tables = {name for (name,) in raw(path, "SELECT name FROM sqlite_master WHERE type = 'table'")}
        columns = {row[1] for row in raw(path, "PRAGMA table_info(cycles)")}
        assert raw(path, "PRAGMA integrity_check") == [("ok",)]
        assert not finished or version == LATEST_VERSION + 1
        if version == LATEST_VERSION:
            assert "filler" not in tables and "note" not in columns, "a killed migration left part of itself"
            assert swhc(["check", str(path)]) == 0
            return "before"
        assert version == LATEST_VERSION + 1 and "filler" in tables and "note" in columns
        assert raw(path, "SELECT count(*) FROM filler") == [(150_000,)]
        return "after"

    outcomes = kill_repeatedly(SLOW_MIGRATION, arguments, outcome, KILLS, seed=2024)
    capsys.readouterr()
    assert "before" in outcomes  # the kills landed while the migration was running


@pytest.mark.slow
def test_a_batch_killed_at_any_moment_is_wholly_present_or_wholly_absent(tmp_path, demo_master, folders):
    def arguments(attempt: int) -> list[str]:
        path = tmp_path / f"run-{attempt}.swhc"
        path.write_bytes(demo_master.read_bytes())
        return [str(path), str(tmp_path / "home")]

    def outcome(attempt: int, printed: str) -> str:
        with HealthCheckFile.open(tmp_path / f"run-{attempt}.swhc", folders=folders) as hc:
            assert check_file(hc).ok
            cycle = hc.cycles.by_name("2019")
            batches = [b for b in hc.responses.batches(cycle.id) if b.source_name == "big.csv"]
            if batches:
                assert [b.response_count for b in batches] == [8_000]
                assert cycle.response_count == 203 + 8_000
                return "present"
            assert cycle.response_count == 203
            assert hc.value("SELECT count(*) FROM responses WHERE external_id LIKE 'KILL-%'") == 0
            return "absent"

    outcomes = kill_repeatedly(BIG_BATCH, arguments, outcome, KILLS, seed=1999)
    assert "absent" in outcomes
