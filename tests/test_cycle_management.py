"""Managing a cycle once it is made, in the core and on the command line: its name, survey window and staff invited
changed (or refused, the file unchanged), and the cycle deleted after a backup, exactly reversibly."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

from swhc_desktop.cli import main
from swhc_desktop.domain.changes import make
from swhc_desktop.domain.errors import FileReadOnly, InvalidInput, SaveFailed
from swhc_desktop.domain.records import ActionDraft, CycleDetails
from swhc_desktop.questionnaires.cycle_changes import (
    ChangeCycleDetails,
    DeleteCycle,
    PutBackCycle,
    delete_cycle,
    what_deleting_removes,
)
from swhc_desktop.questionnaires.cycles import start_cycle
from swhc_desktop.screens.action_changes import AddAction
from swhc_desktop.storage import HealthCheckFile, restore_backup
from swhc_desktop.storage.cycle_store import CYCLE_TABLES

from .support.files import made_read_only, sha256


def every_row(hc: HealthCheckFile) -> dict[str, list]:
    """Every row of every table but the audit log (which only grows), with row ids and the times rows were written:
    what 'exactly as it was' means."""
    tables = [
        name
        for (name, sql) in hc.tuples("SELECT name, sql FROM sqlite_master WHERE type = 'table'")
        if name != "audit_log" and not name.startswith("sqlite_")
    ]
    state = {}
    for table in tables:
        without_rowid = "WITHOUT ROWID" in hc.value("SELECT sql FROM sqlite_master WHERE name = ?", (table,))
        selected = "*" if without_rowid else "rowid, *"
        state[table] = sorted(map(repr, hc.tuples(f"SELECT {selected} FROM {table}")))
    return state


def audit_entries(hc: HealthCheckFile) -> list[tuple]:
    return hc.tuples("SELECT action, detail FROM audit_log ORDER BY id")


def details(hc: HealthCheckFile, name: str) -> CycleDetails:
    return CycleDetails.of(hc.cycles.by_name(name))


# --------------------------------------------------------------------------- changing a cycle's details


def test_a_cycles_name_window_and_staff_invited_change_and_undo_puts_them_back(hc):
    cycle = hc.cycles.by_name("2025")
    before = every_row(hc)
    wanted = CycleDetails("2025-26", dt.date(2025, 4, 2), dt.date(2025, 6, 30), 250)
    undo = make(hc, ChangeCycleDetails(cycle.id, wanted))
    changed = hc.cycles.get(cycle.id)
    assert CycleDetails.of(changed) == wanted
    assert changed.response_rate == pytest.approx(100 * 203 / 250)
    assert audit_entries(hc)[-1] == (
        "Changed a cycle",
        "2025: name 2025 to 2025-26; opens 01/04/2025 to 02/04/2025; closes 15/05/2025 to 30/06/2025; "
        "staff invited 242 to 250",
    )
    redo = make(hc, undo)
    assert every_row(hc) == before
    make(hc, redo)
    assert CycleDetails.of(hc.cycles.get(cycle.id)) == wanted
    assert undo.description == redo.description == "change the cycle's details"


def test_staff_invited_and_window_can_be_set_on_a_cycle_made_without_them_and_cleared_again(hc):
    made = start_cycle(hc, "2026", copy_from="2025")
    assert made.staff_invited is None and made.opens_on is None
    make(hc, ChangeCycleDetails(made.id, CycleDetails("2026", dt.date(2026, 4, 1), None, 180)))
    assert hc.cycles.get(made.id).staff_invited == 180
    make(hc, ChangeCycleDetails(made.id, CycleDetails("2026", None, None, None)))
    assert CycleDetails.of(hc.cycles.get(made.id)) == CycleDetails("2026", None, None, None)


@pytest.mark.parametrize(
    "wanted, said",
    [
        (CycleDetails("2024", None, None, 242), "There is already a cycle called '2024'"),
        (CycleDetails(" 2023 ", None, None, 242), "There is already a cycle called '2023'"),
        (CycleDetails("2025", None, None, 202), "202 staff invited is fewer than the 203 responses"),
        (CycleDetails("2025", None, None, 0), "at least 1"),
        (CycleDetails("2025", None, None, 250.5), "must be a whole number"),  # type: ignore[arg-type]
        (CycleDetails("2025", None, None, True), "must be a whole number"),  # type: ignore[arg-type]
        (CycleDetails("2025", dt.date(2025, 5, 2), dt.date(2025, 5, 1), 242), "closes before it opens"),
        (CycleDetails("   ", None, None, 242), "needs a name"),
    ],
)
def test_a_change_of_details_that_cannot_be_kept_is_refused_with_advice_and_the_file_is_unchanged(hc, wanted, said):
    before, audited = every_row(hc), audit_entries(hc)
    with pytest.raises(InvalidInput) as refused:
        make(hc, ChangeCycleDetails(hc.cycles.by_name("2025").id, wanted))
    assert said in refused.value.message
    assert refused.value.advice
    assert every_row(hc) == before and audit_entries(hc) == audited


def test_a_cycle_keeps_its_own_name_in_another_case(hc):
    cycle = hc.cycles.by_name("2025")
    make(hc, ChangeCycleDetails(cycle.id, CycleDetails("Staff survey 2025", None, None, 242)))
    make(hc, ChangeCycleDetails(cycle.id, CycleDetails("STAFF SURVEY 2025", None, None, 242)))
    assert hc.cycles.get(cycle.id).name == "STAFF SURVEY 2025"


# --------------------------------------------------------------------------- deleting a cycle


def test_every_table_that_hangs_off_a_cycle_is_taken_out_and_put_back_with_it(hc):
    """The tables a cycle's deletion reaches by the file's foreign keys are the ones it keeps for undo."""
    reaching: dict[str, set[str]] = {}
    for (table,) in hc.tuples("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"):
        reaching[table] = {row[2] for row in hc.tuples(f"PRAGMA foreign_key_list({table})")}
    hanging = {"cycles"}
    grew = True
    while grew:
        found = {table for table, parents in reaching.items() if parents & hanging and table != "themes"}
        grew = not found <= hanging
        hanging |= found
    assert hanging == set(CYCLE_TABLES)


@pytest.mark.parametrize("name", ["2023", "2024", "2025"])
def test_deleting_a_cycle_removes_all_it_holds_and_undo_puts_back_every_row_exactly(hc, name):
    cycle = hc.cycles.by_name(name)
    before = every_row(hc)
    undo = make(hc, DeleteCycle(cycle.id))
    assert isinstance(undo, PutBackCycle)
    assert hc.cycles.find(name) is None
    assert hc.value("SELECT count(*) FROM responses WHERE cycle_id = ?", (cycle.id,)) == 0
    assert hc.value("SELECT count(*) FROM actions WHERE raised_in_cycle_id = ?", (cycle.id,)) == 0
    assert hc.integrity_problems() == []
    assert audit_entries(hc)[-1][0] == "Deleted a cycle"
    redo = make(hc, undo)
    assert every_row(hc) == before
    assert hc.integrity_problems() == []
    assert audit_entries(hc)[-1] == ("Put back a deleted cycle", name)
    make(hc, redo)
    assert hc.cycles.find(name) is None
    make(hc, undo)
    assert every_row(hc) == before


def test_deleting_a_cycle_whose_findings_later_actions_answer_puts_those_links_back_too(hc):
    earlier = hc.cycles.by_name("2024")
    finding = hc.findings.for_cycle(earlier.id)[0]
    make(
        hc,
        AddAction(hc.cycles.by_name("2025").id, ActionDraft(standard=3, title="Follow up", finding_ids=(finding.id,))),
    )
    before = every_row(hc)
    undo = make(hc, DeleteCycle(earlier.id))
    assert not hc.tuples("SELECT * FROM action_findings WHERE finding_id = ?", (finding.id,))
    make(hc, undo)
    assert every_row(hc) == before


def test_the_only_cycle_can_be_deleted_and_put_back(tmp_path, open_files):
    hc = open_files.create(tmp_path / "One.swhc", "Anytown Borough Council")
    cycle = start_cycle(hc, "2026", template_id="staff-survey")
    before = every_row(hc)
    undo = make(hc, DeleteCycle(cycle.id))
    assert hc.cycles.all() == []
    make(hc, undo)
    assert every_row(hc) == before


def test_a_deleted_cycle_is_not_put_back_over_a_cycle_made_since(hc):
    cycle = hc.cycles.by_name("2025")
    undo = make(hc, DeleteCycle(cycle.id))
    start_cycle(hc, "2025", copy_from="2024")
    before = every_row(hc)
    with pytest.raises(InvalidInput) as refused:
        make(hc, undo)
    assert "another cycle is now called '2025'" in refused.value.message
    assert "File > Restore from Backup…" in refused.value.advice  # the menu item's own words
    assert "restore the backup taken before the deletion" in refused.value.cli_advice
    assert every_row(hc) == before


def test_a_deleted_cycle_is_not_put_back_where_rows_added_since_have_taken_its_ids(hc):
    """A cycle started since takes the ids the deletion freed (SQLite gives the next after the largest): putting the
    deleted cycle back would clash, so it is refused, pointing to the backup, with the file unchanged."""
    undo = make(hc, DeleteCycle(hc.cycles.by_name("2025").id))
    start_cycle(hc, "2026", copy_from="2024")
    before = every_row(hc)
    with pytest.raises(InvalidInput) as refused:
        make(hc, undo)
    assert "cannot be put back exactly" in refused.value.message and "questions" in refused.value.message
    assert "File > Restore from Backup…" in refused.value.advice
    assert "File >" not in refused.value.cli_advice
    assert every_row(hc) == before


def test_what_deleting_removes_is_counted_for_the_psw(hc):
    removes = what_deleting_removes(hc, hc.cycles.by_name("2025"))
    assert removes.responses == 203 and removes.questions == 60
    assert removes.findings == len(hc.findings.for_cycle(hc.cycles.by_name("2025").id)) > 0
    assert removes.lines()[1] == "203 responses"
    assert removes.lines()[-1].endswith("actions raised in it")  # the latest: no later plan carries them on
    earlier = what_deleting_removes(hc, hc.cycles.by_name("2024")).lines()[-1]
    assert earlier.endswith("actions raised in it (they leave the action plans of later cycles too)")


def test_a_cycle_is_backed_up_before_it_is_deleted_and_the_backup_brings_it_back_after_reopening(
    demo_path, folders, open_files
):
    hc = HealthCheckFile.open(demo_path, folders=folders)
    before = every_row(hc)
    _, backup = delete_cycle(hc, hc.cycles.by_name("2024"))
    assert "before deleting cycle 2024" in backup.name
    hc.close()
    restore_backup(backup, demo_path, folders.backups)
    again = open_files.open(demo_path)
    assert every_row(again) == before


def test_no_cycle_is_deleted_when_no_backup_can_be_made(hc, folders, monkeypatch):
    before = every_row(hc)

    def no_space(reason: str):
        raise SaveFailed("A backup could not be made, so nothing was changed.", "Free some disk space.")

    monkeypatch.setattr(hc, "backup", no_space)
    with pytest.raises(SaveFailed):
        delete_cycle(hc, hc.cycles.by_name("2024"))
    assert every_row(hc) == before


def test_a_read_only_file_refuses_every_cycle_change(demo_path, open_files):
    hc = open_files.open(demo_path, read_only=True)
    cycle = hc.cycles.by_name("2025")
    for change in (ChangeCycleDetails(cycle.id, CycleDetails("x", None, None, None)), DeleteCycle(cycle.id)):
        with pytest.raises(FileReadOnly):
            make(hc, change)


# --------------------------------------------------------------------------- the command line


def run(capsys, *args) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_cycle_edit_changes_what_it_is_given_and_keeps_the_rest(demo_path, capsys):
    code, out, err = run(capsys, "cycle-edit", demo_path, "2025", "--invited", "250", "--closes", "30/06/2025")
    assert (code, err) == (0, "")
    assert out == "Changed cycle 2025: now 2025, survey window 01/04/2025 to 30/06/2025, 250 staff invited.\n"
    code, out, _ = run(capsys, "cycle-edit", demo_path, "2025", "--name", "2025-26", "--opens", "02/04/2025")
    assert code == 0 and "now 2025-26, survey window 02/04/2025 to 30/06/2025" in out
    code, out, _ = run(capsys, "cycles", demo_path)
    assert "2025-26\t203 responses\t02/04/2025 to 30/06/2025\t250 staff invited (81% response rate)" in out


@pytest.mark.parametrize(
    "arguments, said",
    [
        ((), "Nothing to change was given"),
        (("--invited", "12.5"), "'12.5' is not a whole number"),
        (("--invited", "0"), "must be at least 1"),
        (("--invited", "100"), "100 staff invited is fewer than the 203 responses"),
        (("--name", "2024"), "There is already a cycle called '2024'"),
        (("--opens", "16/05/2025"), "The survey closes before it opens"),
        (("--opens", "16/05/2025"), "it closes on 15/05/2025, 1 day before it opens on 16/05/2025"),
        (
            ("--closes", "31/04/2025"),
            "The closing date '31/04/2025' is not a day of April 2025. April 2025 has 30 days",
        ),
        (("--opens", "29/02/2025"), "February 2025 has 28 days"),
        (("--opens", "1/13/2025"), "does not have a month from 1 to 12"),
        (
            ("--opens", "the first of April"),
            "The opening date 'the first of April' is not a date. Type it as day/month",
        ),
        (("--name", ""), "A cycle needs a name"),
    ],
)
def test_cycle_edit_refuses_in_one_line_exits_2_and_leaves_the_file_unchanged(demo_path, capsys, arguments, said):
    digest = sha256(demo_path)
    code, out, err = run(capsys, "cycle-edit", demo_path, "2025", *arguments)
    assert code == 2 and out == ""
    assert said in err and err.count("\n") == 1 and "Traceback" not in err
    assert sha256(demo_path) == digest


def test_cycle_edit_of_a_cycle_not_in_the_file_names_the_cycles(demo_path, capsys):
    code, _, err = run(capsys, "cycle-edit", demo_path, "2019", "--invited", "5")
    assert code == 2 and "There is no cycle called '2019'" in err and "2023, 2024, 2025" in err


def test_cycle_remove_backs_up_deletes_and_says_what_went_with_it(demo_path, capsys, folders):
    code, out, err = run(capsys, "cycle-remove", demo_path, "2024")
    assert (code, err) == (0, "")
    first, second = out.splitlines()
    assert first.startswith("Deleted cycle 2024 with its 60 questions, 171 responses, ")
    assert "actions raised in it" in first
    backup = second.removeprefix("A backup of the file from before the deletion is at ").removesuffix(".")
    with HealthCheckFile.open(backup, read_only=True, folders=folders) as copy:
        assert copy.cycles.find("2024") is not None
    code, out, _ = run(capsys, "cycles", demo_path)
    assert [line.split("\t")[0] for line in out.splitlines()] == ["2023", "2025"]


def test_cycle_remove_refuses_a_read_only_or_locked_file_unchanged(demo_path, capsys, open_files):
    digest = sha256(demo_path)
    with made_read_only(demo_path):
        code, _, err = run(capsys, "cycle-remove", demo_path, "2024")
    assert code == 2 and "read-only" in err
    open_files.open(demo_path)  # the app has it open
    code, _, err = run(capsys, "cycle-remove", demo_path, "2024")
    assert code == 2 and "is open in another copy of SWHC Desktop" in err
    code, _, err = run(capsys, "cycle-edit", demo_path, "2024", "--invited", "300")
    assert code == 2 and "is open in another copy of SWHC Desktop" in err
    assert sha256(demo_path) == digest


def test_deleting_a_cycle_leaves_a_file_that_passes_every_check(demo_path, capsys):
    assert run(capsys, "cycle-remove", demo_path, "2025")[0] == 0
    assert run(capsys, "cycle-remove", demo_path, "2023")[0] == 0
    code, out, _ = run(capsys, "check", demo_path)
    assert code == 0, out
    assert sqlite3.connect(demo_path).execute("PRAGMA foreign_key_check").fetchall() == []
