"""A health-check file is only ever what the app made: every crafted file of the corpus
(tests/fixtures/bad-input/health-checks/) is named in full by `swhc check` (exit 1), refused in one line by every other
command (exit 2) and by the app, and left byte for byte as it was: nothing in it (a trigger, a view) ever runs."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from swhc_desktop.domain.errors import FileProblem
from swhc_desktop.gui import main_window as main_window_module
from swhc_desktop.gui.main_window import MainWindow
from swhc_desktop.storage import HealthCheckFile

from .make_bad_health_checks import CASES, FOLDER, FOREIGN_JOURNAL, Crafted, readme
from .support.files import sha256
from .support.import_support import run_cli
from .support.pages import add_main_window

RESPONSES = "ID,Which team do you work in?\nR100,Assessment\nR101,Children in care\n"


def commands(path: Path, tmp_path: Path) -> list[list[object]]:
    """Every command that opens a health-check file, reading or writing."""
    export = tmp_path / "export.csv"
    export.write_text(RESPONSES, encoding="utf-8")
    return [
        ["cycles", path],
        ["questions", path, "2024"],
        ["tables", path, "2024"],
        ["tables", path, "2024", "--by", "team"],
        ["indicators", path, "2024"],
        ["batches", path, "2024"],
        ["chart", path, "2024", "team", "--out", tmp_path / "c.png"],
        ["report", path, "2024", "--kind", "paper-form", "--out", tmp_path / "form.pdf"],
        ["report", path, "2024", "--kind", "action-plan", "--out", tmp_path / "plan.pdf"],
        ["export", path, "2024", "--what", "responses", "--format", "csv", "--out", tmp_path / "r.csv"],
        ["export", path, "2024", "--what", "actions", "--format", "csv", "--out", tmp_path / "a.csv"],
        ["cycle-add", path, "2025", "--copy-from", "2024"],
        ["import", path, "2024", export],
        ["remove-batch", path, "1"],
    ]


def copy_of(name: str, tmp_path: Path) -> Path:
    target = tmp_path / name
    shutil.copyfile(FOLDER / name, target)
    journal = FOLDER / f"{name}-journal"
    if journal.exists():
        shutil.copyfile(journal, tmp_path / journal.name)
    return target


def fingerprints(path: Path) -> dict[str, str]:
    """The file and anything beside it that belongs to it (its journal)."""
    return {p.name: sha256(p) for p in path.parent.glob(f"{path.name}*")}


def test_the_corpus_holds_every_crafted_file():
    assert sorted(p.name for p in FOLDER.glob("*.swhc")) == sorted([c.name for c in CASES] + [FOREIGN_JOURNAL])
    assert (FOLDER / f"{FOREIGN_JOURNAL}-journal").is_file()
    assert (FOLDER / "README.md").read_text(encoding="utf-8") == readme()


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_check_names_the_problem_and_every_other_command_refuses_in_one_line(case: Crafted, tmp_path, capsys):
    path = copy_of(case.name, tmp_path)
    before = fingerprints(path)
    code, out, err = run_cli(capsys, "check", path)
    assert code == 1 and case.expected in out and "Traceback" not in out + err
    assert out.strip().splitlines()[-1] == f"{case.name}: problems found. It has not been changed."
    for command in commands(path, tmp_path):
        code, out, err = run_cli(capsys, *command)
        assert code == 2, (command, out, err)
        assert len(err.strip().splitlines()) == 1 and "Traceback" not in err, (command, err)
        assert "SWHC Desktop did not put there" in err or "is damaged" in err, (command, err)
        assert "0800 SCAM" not in err, "a message of the file's own never reaches the user"
    assert fingerprints(path) == before


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_the_core_refuses_before_anything_runs(case: Crafted, tmp_path, folders):
    path = copy_of(case.name, tmp_path)
    before = fingerprints(path)
    for read_only in (False, True):
        with pytest.raises(FileProblem) as refused:
            HealthCheckFile.open(path, read_only=read_only, folders=folders)
        assert "\n" not in str(refused.value)
    assert case.expected.split("'")[0].strip() in " ".join(HealthCheckFile.problems_of(path))
    assert fingerprints(path) == before
    assert not list(folders.backups.rglob("*.swhc")), "a file refused on opening is not even backed up"


def test_a_journal_of_another_file_is_never_put_back(tmp_path, capsys, folders):
    path = copy_of(FOREIGN_JOURNAL, tmp_path)
    before = fingerprints(path)
    assert len(before) == 2
    code, out, _ = run_cli(capsys, "check", path)
    assert code == 1 and "does not belong to this file" in out
    for read_only in (False, True):
        with pytest.raises(FileProblem, match="does not belong to this file"):
            HealthCheckFile.open(path, read_only=read_only, folders=folders)
    for command in commands(path, tmp_path):
        code, _, err = run_cli(capsys, *command)
        assert code == 2 and len(err.strip().splitlines()) == 1 and "does not belong" in err, (command, err)
    assert fingerprints(path) == before


def test_the_app_refuses_a_crafted_file_and_never_reopens_it(qtbot, settings, folders, tmp_path, monkeypatch):
    told: list[str] = []
    monkeypatch.setattr(main_window_module, "show_problem", lambda parent, error: told.append(str(error)))
    window = add_main_window(qtbot, MainWindow(settings, folders))
    for case in (CASES[0], CASES[8]):
        path = copy_of(case.name, tmp_path)
        before = fingerprints(path)
        assert not window.open_path(path)
        assert window.hc is None and not window.welcome_page.isHidden()
        assert fingerprints(path) == before
    assert len(told) == 2 and all("SWHC Desktop did not put there" in message for message in told)
    assert window.recent.paths() == [], "a file that failed to open is not offered in Open Recent"
