"""File > Save a copy as…: a dated copy of the health check before a big change, never saved over any file, the
original left exactly as it was."""

from __future__ import annotations

import pytest

from swhc_desktop.domain.errors import FileAlreadyExists, FileMissing
from swhc_desktop.domain.progress import Cancelled, Progress
from swhc_desktop.storage import HealthCheckFile

from .support.files import made_read_only, sha256


def contents(hc: HealthCheckFile) -> tuple:
    return (
        [(c.name, c.response_count) for c in hc.cycles.all()],
        hc.value("SELECT count(*) FROM answers"),
        [f.text for c in hc.cycles.all() for f in hc.findings.for_cycle(c.id)],
    )


def test_the_copy_holds_everything_and_is_a_health_check_of_its_own(demo, tmp_path, folders):
    before = contents(demo)
    copy = demo.save_copy(tmp_path / "before the big import")
    assert copy == tmp_path / "before the big import.swhc", "the app's ending is added"
    with HealthCheckFile.open(copy, folders=folders) as opened:
        assert contents(opened) == before
        assert opened.integrity_problems() == []
        assert opened.identity == demo.identity, "a copy keeps the file's identity, and so shares its backups"
    assert contents(demo) == before


def test_a_copy_is_never_saved_over_a_file_nor_the_open_file_itself(demo, demo_path, tmp_path):
    other = tmp_path / "other.swhc"
    other.write_bytes(b"someone else's file")
    for target in (other, demo_path):
        kept = sha256(target)
        with pytest.raises(FileAlreadyExists, match="never saved over another file"):
            demo.save_copy(target)
        assert sha256(target) == kept
    with pytest.raises(FileMissing):
        demo.save_copy(tmp_path / "no such folder" / "copy.swhc")


def test_a_file_opened_read_only_can_still_be_copied(demo_path, tmp_path, folders):
    with made_read_only(demo_path), HealthCheckFile.open(demo_path, folders=folders, read_only=True) as hc:
        copy = hc.save_copy(tmp_path / "copy.swhc")
    with HealthCheckFile.open(copy, folders=folders) as opened:
        assert opened.cycles.by_name("2025").response_count > 0


def test_a_cancelled_copy_leaves_nothing_behind(demo, tmp_path):
    (tmp_path / "copies").mkdir()
    target = tmp_path / "copies" / "copy.swhc"
    steps = []

    def cancel_at_once() -> bool:
        return True

    with pytest.raises(Cancelled):
        demo.save_copy(target, Progress(report=lambda *step: steps.append(step), is_cancelled=cancel_at_once))
    assert steps, "the copy reports how far it has got"
    assert list((tmp_path / "copies").iterdir()) == []
