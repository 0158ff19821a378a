"""`swhc-desktop --self-test` runs a real end-to-end check and reports failure honestly."""

from __future__ import annotations

from pathlib import Path

from swhc_desktop.app.selftest import run_self_test
from swhc_desktop.gui.app import main as app_main
from swhc_desktop.gui.self_check import ALL_CHECKS


def test_the_self_test_passes_on_a_working_install(qapp, capsys):
    assert app_main(["--self-test"]) == 0
    out = capsys.readouterr().out
    assert out.count("  ok    ") == len(ALL_CHECKS)
    assert "Self-test passed." in out


def test_the_self_test_fails_when_a_check_fails():
    def broken(root: Path) -> str:
        raise AssertionError("the disk is on fire")

    lines: list[str] = []
    assert run_self_test((("broken", broken),), print_line=lines.append) == 1
    assert any("FAIL  broken" in line and "the disk is on fire" in line for line in lines)
    assert lines[-1] == "Self-test failed (1 check(s))."


def test_the_self_test_report_is_also_written_to_the_log_folder(qapp, folders, capsys):
    assert app_main(["--self-test"]) == 0
    report = (folders.logs / "self-test.txt").read_text(encoding="utf-8")
    assert report == capsys.readouterr().out
