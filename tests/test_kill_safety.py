"""Killing the process (SIGKILL, as a power cut or Task Manager would) in the middle of work never leaves a
half-changed file: afterwards it passes `swhc check`, and each change is wholly present or wholly absent."""

from __future__ import annotations

import random
import sqlite3
import textwrap
from pathlib import Path

import pytest

from swhc_desktop.app.checks import check_file
from swhc_desktop.cli import main as swhc
from swhc_desktop.storage import LATEST_VERSION, HealthCheckFile

from .support.kills import full_run_seconds, run_and_kill

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

    print("started", flush=True)
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
                yield NewResponse(tuple(AnswerValue(q.id, option_id=q.options[n % len(q.options)].id) for q in questions),
                                  external_id=f"KILL-{n}")
        print("started", flush=True)
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
    timing_copy = tmp_path / "timing.swhc"
    timing_copy.write_bytes(demo_master.read_bytes())
    duration = full_run_seconds(SLOW_MIGRATION, [str(timing_copy), str(tmp_path / "home")])
    rng = random.Random(2024)
    outcomes = set()
    for attempt in range(KILLS):
        path = tmp_path / f"kill-{attempt}.swhc"
        path.write_bytes(demo_master.read_bytes())
        finished = "finished" in run_and_kill(SLOW_MIGRATION, [str(path), str(tmp_path / "home")], rng.uniform(0, duration))
        version = raw(path, "PRAGMA user_version")[0][0]
        tables = {name for (name,) in raw(path, "SELECT name FROM sqlite_master WHERE type = 'table'")}
        columns = {row[1] for row in raw(path, "PRAGMA table_info(cycles)")}
        assert raw(path, "PRAGMA integrity_check") == [("ok",)]
        if version == LATEST_VERSION:
            assert "filler" not in tables and "note" not in columns, "a killed migration left part of itself"
            assert swhc(["check", str(path)]) == 0
            outcomes.add("before")
        else:
            assert version == LATEST_VERSION + 1 and "filler" in tables and "note" in columns
            assert raw(path, "SELECT count(*) FROM filler") == [(150_000,)]
            outcomes.add("after")
        assert not finished or version == LATEST_VERSION + 1
    capsys.readouterr()
    assert "before" in outcomes  # the kills landed while the migration was running


@pytest.mark.slow
def test_a_batch_killed_at_any_moment_is_wholly_present_or_wholly_absent(tmp_path, demo_master, folders):
    timing_copy = tmp_path / "timing.swhc"
    timing_copy.write_bytes(demo_master.read_bytes())
    duration = full_run_seconds(BIG_BATCH, [str(timing_copy), str(tmp_path / "home")])
    rng = random.Random(1999)
    outcomes = set()
    for attempt in range(KILLS):
        path = tmp_path / f"kill-{attempt}.swhc"
        path.write_bytes(demo_master.read_bytes())
        run_and_kill(BIG_BATCH, [str(path), str(tmp_path / "home")], rng.uniform(0, duration))
        with HealthCheckFile.open(path, folders=folders) as hc:
            assert check_file(hc).ok
            cycle = hc.cycles.by_name("2019")
            batches = [b for b in hc.responses.batches(cycle.id) if b.source_name == "big.csv"]
            if batches:
                assert [b.response_count for b in batches] == [8_000]
                assert cycle.response_count == 203 + 8_000
                outcomes.add("present")
            else:
                assert cycle.response_count == 203
                assert hc.value("SELECT count(*) FROM responses WHERE external_id LIKE 'KILL-%'") == 0
                outcomes.add("absent")
    assert "absent" in outcomes
