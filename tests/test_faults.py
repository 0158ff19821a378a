"""Killed or interrupted at any moment: an import through the real importer (`swhc import`), a report or an export
being written. Afterwards the health-check file passes `swhc check`, the import's batch is wholly present or wholly
absent, and the path the user chose holds either what it held before or the whole new file, never half of one.

Every report kind and every export format is covered as it is added to REPORT_KINDS and EXPORT_KINDS; other files
the app writes for people (tables, charts) are rows of FILE_OUTPUTS (tests/support/file_outputs.py).
"""

from __future__ import annotations

import shutil
import stat
import textwrap
from pathlib import Path

import pytest

from swhc_desktop.cli import main as swhc
from swhc_desktop.outputs import files as saving
from swhc_desktop.storage import HealthCheckFile, list_backups

from .support.file_outputs import (
    FILE_OUTPUTS,
    FOLDER_OUTPUTS,
    by_name,
    folder_contents,
    is_whole,
    others_in,
    previous_file,
    previous_folder,
)
from .support.import_support import filled_template, new_file, write_csv
from .support.kills import kill_repeatedly

KILLS = 5
IMPORTED_ROWS = 2500

# The command line, started in a process of its own; it says when its modules are loaded, so that the kills land in
# the command's own work rather than in Python's start-up (tests/support/kills.py counts its steps from there).
COMMAND = textwrap.dedent(
    """
    import sys
    from swhc_desktop.cli import main
    import swhc_desktop.importing.importer
    import swhc_desktop.outputs.reports.paper_form
    import swhc_desktop.outputs.exports.response_template
    started()
    sys.exit(main(sys.argv[1:]))
    """
)


# ---------------------------------------------------------------------------------------------- importing


@pytest.mark.slow
def test_an_import_killed_at_any_moment_is_wholly_present_or_wholly_absent(tmp_path, folders, capsys):
    blank = new_file(tmp_path, folders)
    with HealthCheckFile.open(blank, read_only=True, folders=folders) as hc:
        questionnaire = hc.questionnaires.load(hc.cycles.by_name("2024").id)
    export_file = write_csv(tmp_path / "big.csv", *filled_template(questionnaire, IMPORTED_ROWS))

    def arguments(attempt: int) -> list[str]:
        path = shutil.copyfile(blank, tmp_path / f"run-{attempt}.swhc")
        return ["import", str(path), "2024", str(export_file)]

    def outcome(attempt: int, printed: str) -> str:
        path = tmp_path / f"run-{attempt}.swhc"
        with HealthCheckFile.open(tmp_path / "run-0.swhc", read_only=True, folders=folders) as hc:
            whole_answers = hc.value("SELECT count(*) FROM answers")  # as the import run to the end left them
        assert swhc(["check", "--repair", str(path)]) == 0, capsys.readouterr().out
        with HealthCheckFile.open(path, read_only=True, folders=folders) as hc:
            cycle = hc.cycles.by_name("2024")
            batches = [(b.source_name, b.response_count) for b in hc.responses.batches(cycle.id)]
            answers = hc.value("SELECT count(*) FROM answers")
        for backup in list_backups(folders.backups, path):  # a backup is whole, or not there at all
            HealthCheckFile.open(backup.path, read_only=True, folders=folders).close()
        if batches:
            assert batches == [("big.csv", IMPORTED_ROWS)] and cycle.response_count == IMPORTED_ROWS
            assert answers == whole_answers
            return "present"
        assert cycle.response_count == 0 and answers == 0
        return "absent"

    outcomes = kill_repeatedly(COMMAND, arguments, outcome, KILLS, seed=2025)
    capsys.readouterr()
    assert "absent" in outcomes  # the kills landed while the import was running


# ---------------------------------------------------------------------------------------------- files written


# The kill loops start a process per kill, so they run for every report kind and for one export per writing library.
KILLED_OUTPUTS = [
    o
    for o in FILE_OUTPUTS
    if o.name.startswith("report ") or o.name in ("export template xlsx", "export question-list docx")
]


@pytest.mark.slow
@pytest.mark.parametrize("output", KILLED_OUTPUTS, ids=by_name)
def test_a_report_or_export_killed_at_any_moment_never_leaves_half_a_file(output, demo_path, tmp_path):
    folder, whole_run = tmp_path / "chosen folder", tmp_path / "run to the end"
    folder.mkdir()
    whole_run.mkdir()
    previous: dict[int, tuple[Path, bytes]] = {}

    def arguments(attempt: int) -> list[str]:
        previous[attempt] = previous_file(whole_run if attempt == 0 else folder, output)
        return output.arguments(demo_path, previous[attempt][0])

    def outcome(attempt: int, printed: str) -> str:
        out, old = previous[attempt]
        # A kill can leave the unfinished copy the writer was building, under a hidden name of its own: never the
        # name the user chose.
        assert all(name.startswith(f".{out.stem}-") for name in others_in(folder, out))
        if out.read_bytes() == old:
            return "as it was"
        assert is_whole(out), f"{out.name} was left half-written"
        return "whole"

    outcomes = kill_repeatedly(COMMAND, arguments, outcome, KILLS, seed=len(output.name))
    assert is_whole(previous[0][0])
    assert "as it was" in outcomes  # the kills landed while the file was being written
    assert "whole" in outcomes  # and just after it was moved into place


class PowerCut(BaseException):
    """Raised where a kill could land last: with the new file complete beside its target, not yet moved into place."""


@pytest.mark.parametrize("output", FILE_OUTPUTS, ids=by_name)
def test_every_file_the_app_writes_is_built_aside_and_moved_into_place_whole(output, demo_path, tmp_path, monkeypatch):
    folder = tmp_path / "chosen folder"
    folder.mkdir()
    out, old = previous_file(folder, output)

    def cut_before_the_move(source, target):
        assert Path(target) == out and Path(source).parent == folder
        assert is_whole(Path(source)), "the new file is complete before it is moved into place"
        raise PowerCut()

    monkeypatch.setattr(saving.os, "replace", cut_before_the_move)
    with HealthCheckFile.open(demo_path, read_only=True) as hc, pytest.raises(PowerCut):
        output.write(hc, out)
    assert out.read_bytes() == old, "nothing touches the chosen path until the whole file is ready"
    assert others_in(folder, out) == [], "the unfinished copy is removed"
    monkeypatch.undo()
    with HealthCheckFile.open(demo_path, read_only=True) as hc:
        output.write(hc, out)
    assert is_whole(out)


@pytest.mark.parametrize("output", FILE_OUTPUTS, ids=by_name)
def test_a_written_file_can_be_read_by_whoever_could_read_any_other_file_saved_there(output, demo_path, tmp_path):
    """The file is built under a private temporary name; once in place it has the usual permissions, so a report
    saved to a shared folder can be opened by colleagues."""
    usual = tmp_path / "saved the ordinary way.txt"
    usual.write_text("x")
    out = tmp_path / f"new{output.suffix}"
    with HealthCheckFile.open(demo_path, read_only=True) as hc:
        output.write(hc, out)
    assert stat.S_IMODE(out.stat().st_mode) == stat.S_IMODE(usual.stat().st_mode)


# Both formats go through the same folder writer, and drawing every chart of the demo takes seconds: one each.
@pytest.mark.parametrize("output", FOLDER_OUTPUTS[:1], ids=by_name)
def test_a_folder_of_charts_is_filled_aside_and_moved_in_only_when_every_file_is_whole(
    output, demo_path, tmp_path, monkeypatch
):
    parent = tmp_path / "saved here"
    parent.mkdir()
    out, old = previous_folder(parent)
    new_out = parent / "New folder"
    real_replace = saving.os.replace
    moved = []

    def into_the_chosen_place(target) -> bool:  # rather than a picture into the hidden folder being filled
        return Path(target).parent in (parent, out)

    def cut_at_the_first_move_into_place(source, target):
        if not into_the_chosen_place(target):
            return real_replace(source, target)
        building = Path(source) if Path(source).is_dir() else Path(source).parent
        assert building.parent == parent and building.name.startswith(".")
        assert all(is_whole(p) for p in building.iterdir()), "every file is complete before any is moved"
        raise PowerCut()

    monkeypatch.setattr(saving.os, "replace", cut_at_the_first_move_into_place)
    with HealthCheckFile.open(demo_path, read_only=True) as hc, pytest.raises(PowerCut):
        output.write(hc, out)
    assert folder_contents(out) == old
    assert sorted(p.name for p in parent.iterdir()) == ["Chosen folder"], "the unfinished folder is removed"

    def counted(source, target):
        if into_the_chosen_place(target):
            moved.append(Path(target))
        real_replace(source, target)

    monkeypatch.setattr(saving.os, "replace", counted)
    with HealthCheckFile.open(demo_path, read_only=True) as hc:
        output.write(hc, new_out)
    assert moved == [new_out], "a new folder arrives in one step"
    pictures = sorted(new_out.iterdir())
    assert len(pictures) > 20 and all(is_whole(p) for p in pictures)
    with HealthCheckFile.open(demo_path, read_only=True) as hc:
        output.write(hc, out)
    now = folder_contents(out)
    assert now["notes.txt"] == old["notes.txt"] and len(now) == len(pictures) + 2


@pytest.mark.parametrize("output", FOLDER_OUTPUTS[-1:], ids=by_name)
def test_a_saved_folder_of_charts_can_be_opened_by_whoever_could_open_any_other_folder_there(
    output, demo_path, tmp_path
):
    usual_folder = tmp_path / "made the ordinary way"
    usual_folder.mkdir()
    usual_file = tmp_path / "saved the ordinary way.txt"
    usual_file.write_text("x")
    out = tmp_path / "charts"
    with HealthCheckFile.open(demo_path, read_only=True) as hc:
        output.write(hc, out)
    assert stat.S_IMODE(out.stat().st_mode) == stat.S_IMODE(usual_folder.stat().st_mode)
    assert {stat.S_IMODE(p.stat().st_mode) for p in out.iterdir()} == {stat.S_IMODE(usual_file.stat().st_mode)}
