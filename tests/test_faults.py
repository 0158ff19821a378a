"""Killed or interrupted at any moment: an import through the real importer (`swhc import`), a report or an export
being written. Afterwards the health-check file passes `swhc check`, the import's batch is wholly present or wholly
absent, and the path the user chose holds either what it held before or the whole new file, never half of one.

Every report kind and every export format is covered as it is added to REPORT_KINDS and EXPORT_KINDS; other files
the app writes for people (tables, charts) are rows of FILE_OUTPUTS below.
"""

from __future__ import annotations

import json
import random
import shutil
import stat
import textwrap
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from swhc_desktop.cli import main as swhc
from swhc_desktop.outputs import files as saving
from swhc_desktop.outputs.exports.kinds import EXPORT_KINDS, export
from swhc_desktop.outputs.reports.kinds import REPORT_KINDS, make_report
from swhc_desktop.storage import HealthCheckFile, list_backups

from .import_support import filled_template, new_file, write_csv
from .pdf_text import page_texts
from .test_kill_safety import full_run_seconds, run_and_kill

KILLS = 5
IMPORTED_ROWS = 2500

# The command line, started in a process of its own; it says when its modules are loaded, so that the kills land in
# the command's own work rather than in Python's start-up.
COMMAND = textwrap.dedent(
    """
    import sys
    from swhc_desktop.cli import main
    import swhc_desktop.importing.importer, swhc_desktop.outputs.reports.paper_form, swhc_desktop.outputs.exports.response_template
    print("started", flush=True)
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
    timing = tmp_path / "timing.swhc"
    shutil.copyfile(blank, timing)
    duration = full_run_seconds(COMMAND, ["import", str(timing), "2024", str(export_file)])
    with HealthCheckFile.open(timing, read_only=True, folders=folders) as hc:
        whole_answers = hc.value("SELECT count(*) FROM answers")
    rng = random.Random(2025)
    outcomes = set()
    for attempt in range(KILLS):
        path = tmp_path / f"kill-{attempt}.swhc"
        shutil.copyfile(blank, path)
        run_and_kill(COMMAND, ["import", str(path), "2024", str(export_file)], rng.uniform(0, duration))
        assert swhc(["check", "--repair", str(path)]) == 0, capsys.readouterr().out
        with HealthCheckFile.open(path, read_only=True, folders=folders) as hc:
            cycle = hc.cycles.by_name("2024")
            batches = [(b.source_name, b.response_count) for b in hc.responses.batches(cycle.id)]
            answers = hc.value("SELECT count(*) FROM answers")
        if batches:
            assert batches == [("big.csv", IMPORTED_ROWS)] and cycle.response_count == IMPORTED_ROWS
            assert answers == whole_answers
            outcomes.add("present")
        else:
            assert cycle.response_count == 0 and answers == 0
            outcomes.add("absent")
        for backup in list_backups(folders.backups, path):  # a backup is whole, or not there at all
            HealthCheckFile.open(backup.path, read_only=True, folders=folders).close()
    capsys.readouterr()
    assert "absent" in outcomes  # the kills landed while the import was running


# ---------------------------------------------------------------------------------------------- files written


@dataclass(frozen=True)
class FileOutput:
    """A file the app writes for people: how the command line asks for it, and how to write it in this process."""

    name: str
    suffix: str
    arguments: Callable[[Path, Path], list[str]]  # (health-check file, out) -> `swhc` arguments
    write: Callable[[HealthCheckFile, Path], object]


def _report(kind) -> FileOutput:
    def write(hc: HealthCheckFile, out: Path) -> object:
        return make_report(hc, hc.cycles.by_name("2025"), kind.name, out)

    return FileOutput(
        f"report {kind.name}",
        kind.suffix,
        lambda path, out: ["report", str(path), "2025", "--kind", kind.name, "--out", str(out)],
        write,
    )


def _export(kind, export_format) -> FileOutput:
    def write(hc: HealthCheckFile, out: Path) -> object:
        return export(hc, hc.cycles.by_name("2025"), kind.what, export_format.name, out)

    return FileOutput(
        f"export {kind.what} {export_format.name}",
        export_format.suffix,
        lambda path, out: [
            "export",
            str(path),
            "2025",
            "--what",
            kind.what,
            "--format",
            export_format.name,
            "--out",
            str(out),
        ],
        write,
    )


def _command(name: str, suffix: str, arguments: Callable[[Path, Path], list[str]]) -> FileOutput:
    def write(hc: HealthCheckFile, out: Path) -> object:
        hc.close()  # the command opens the file itself
        code = swhc(arguments(hc.path, out))
        assert code == 0
        return out

    return FileOutput(name, suffix, arguments, write)


FILE_OUTPUTS: tuple[FileOutput, ...] = (
    *(_report(kind) for kind in REPORT_KINDS),
    *(
        _export(kind, export_format)
        for kind in EXPORT_KINDS
        for export_format in kind.formats
        if not export_format.is_folder
    ),
    _command("tables csv", ".csv", lambda path, out: ["tables", str(path), "2025", "--by", "team", "--out", str(out)]),
    _command(
        "tables json", ".json", lambda path, out: ["tables", str(path), "2025", "--format", "json", "--out", str(out)]
    ),
    _command(
        "chart png", ".png", lambda path, out: ["chart", str(path), "2025", "valued", "--by", "team", "--out", str(out)]
    ),
    _command("chart svg", ".svg", lambda path, out: ["chart", str(path), "2025", "stressed", "--out", str(out)]),
)
# Exports that are a folder of files (the charts): the folder is filled all or nothing.
FOLDER_OUTPUTS: tuple[FileOutput, ...] = tuple(
    _export(kind, export_format) for kind in EXPORT_KINDS for export_format in kind.formats if export_format.is_folder
)
# The kill loops start a process per kill, so they run for every report kind and for one export per writing library.
KILLED_OUTPUTS = [
    o
    for o in FILE_OUTPUTS
    if o.name.startswith("report ") or o.name in ("export template xlsx", "export question-list docx")
]


def by_name(output: FileOutput) -> str:
    return output.name


def is_whole(path: Path) -> bool:
    """Whether a file written by the app is complete, judged by its own structure."""
    data = path.read_bytes()
    if path.suffix == ".pdf":
        return data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF") and bool(page_texts(path))
    if path.suffix in (".xlsx", ".docx"):
        try:
            with zipfile.ZipFile(path) as archive:
                return archive.testzip() is None
        except zipfile.BadZipFile:
            return False
    if path.suffix == ".png":
        return data.startswith(b"\x89PNG") and data.endswith(b"IEND\xaeB`\x82")
    if path.suffix == ".svg":
        return data.rstrip().endswith(b"</svg>")
    if path.suffix == ".json":
        json.loads(data)
        return True
    data.decode("utf-8-sig")
    return data.endswith(b"\n")


def previous_file(folder: Path, output: FileOutput) -> tuple[Path, bytes]:
    """A file of the same name already at the chosen path (last year's, say), which must never be half-replaced."""
    out = folder / f"Chosen name{output.suffix}"
    old = b"what the file held before\n"
    out.write_bytes(old)
    return out, old


def others_in(folder: Path, out: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p != out)


@pytest.mark.slow
@pytest.mark.parametrize("output", KILLED_OUTPUTS, ids=by_name)
def test_a_report_or_export_killed_at_any_moment_never_leaves_half_a_file(output, demo_path, tmp_path):
    folder = tmp_path / "chosen folder"
    folder.mkdir()
    timing_out = tmp_path / f"timing{output.suffix}"
    duration = full_run_seconds(COMMAND, output.arguments(demo_path, timing_out))
    assert is_whole(timing_out)
    rng = random.Random(len(output.name))
    outcomes = set()
    for _ in range(KILLS):
        out, old = previous_file(folder, output)
        run_and_kill(COMMAND, output.arguments(demo_path, out), rng.uniform(0, duration))
        if out.read_bytes() == old:
            outcomes.add("as it was")
        else:
            assert is_whole(out), f"{out.name} was left half-written"
            outcomes.add("whole")
        # A kill can leave the unfinished copy the writer was building, under a hidden name of its own: never the
        # name the user chose.
        assert all(name.startswith(f".{out.stem}-") for name in others_in(folder, out))
    assert "as it was" in outcomes  # the kills landed while the file was being written


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


def previous_folder(parent: Path) -> tuple[Path, dict[str, bytes]]:
    """A folder already at the chosen path, holding last year's picture under a name this year's also uses and a
    file of the PSW's own, none of which may be half-replaced or lost."""
    out = parent / "Chosen folder"
    out.mkdir()
    old = {"1. Team.png": b"last year's picture", "notes.txt": b"the PSW's own notes"}
    for name, data in old.items():
        (out / name).write_bytes(data)
    return out, old


def folder_contents(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir()}


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
